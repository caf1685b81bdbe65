# The handbook's commands. On a fresh machine `make serve` and `make test` do all the set-up themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# Material for MkDocs prints an end-of-life notice on every run. It is addressed to the handbook's
# maintainers (see README: "The engine"), not to contributors, so it is silenced here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install install-dev serve preview preview-build build validate status docs docs-check test bench lint compare-build bot-commit push-site clean

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Drafts and lessons in review too, each with a banner: for contributors and editors, never for publishing.
preview: install
	HANDBOOK_PREVIEW=true $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# The same preview as a folder of files to open from disk, without a server (the pull-request workflow uploads it):
# --no-directory-urls makes every link name an .html file. Search needs a server; opened from disk, the browse page
# lists every lesson instead.
PREVIEW_DIR ?= site-preview
preview-build: install
	HANDBOOK_PREVIEW=true $(BIN)/mkdocs build --strict --no-directory-urls --site-dir $(PREVIEW_DIR)

build: install
	$(BIN)/mkdocs build --strict

# FORMAT=github in CI annotates pull requests; FORMAT=json for tools.
FORMAT ?= text
validate: install
	$(BIN)/python -m build_tools validate --format $(FORMAT)

# For editors: lessons by editorial state, reviews due, drafts to finish and warnings to accept. FORMAT=markdown
# for a job summary or an issue. Silent itself (@), so that only the report reaches a redirected output.
status: install
	@$(BIN)/python -m build_tools status --format $(FORMAT)

# CONTRIBUTING.md's vocabulary tables and the issue form are generated from the schema.
docs: install
	$(BIN)/python -m build_tools docs

docs-check: install
	$(BIN)/python -m build_tools docs --check

test: lint
	$(BIN)/python -m pytest

# Benchmarks, not tests: several minutes on a 2-core machine. Writes benchmarks/RESULTS.md.
bench: install-dev
	$(BIN)/python benchmarks/bench.py

# ruff for style and mistakes, mypy for the types (settings in pyproject.toml).
lint: install-dev
	$(BIN)/ruff check build_tools tests benchmarks scripts
	$(BIN)/ruff format --check build_tools tests benchmarks scripts
	$(BIN)/mypy

# Does the working tree build the same site as REF? For changes that should not change what readers get.
REF ?= HEAD
compare-build: install-dev
	$(BIN)/python scripts/compare_builds.py --ref $(REF)

# The handbook's bot. Editors commit lessons as it, and so do the workflows, so that git history holds no
# contributor's name or email (CONTRIBUTING.md, "For editors"). Its address is on the handbook's own domain and is
# nobody's mailbox: an address GitHub could match to someone's account would show that account as the author.
BOT_NAME := handbook-bot
BOT_EMAIL := handbook-bot@lessons-handbook.example.org
export BOT_NAME BOT_EMAIL

# Commit what is staged as the bot: make bot-commit MESSAGE="Publish weekend-discharge-assessments"
# The message is taken exactly as written ($(value ...), single-quoted for the shell).
bot-commit:
	@if [ -z '$(strip $(subst ','\'',$(value MESSAGE)))' ]; then echo 'usage: make bot-commit MESSAGE="what changed and why"' >&2; exit 2; fi
	git -c user.name="$(BOT_NAME)" -c user.email="$(BOT_EMAIL)" commit --quiet -m '$(subst ','\'',$(value MESSAGE))'

# Publish the built site alone to a separate public repository as one commit by the bot, replacing its history
# (README, "Publishing"). The Publish workflow runs it; it needs SITE_REPOSITORY and SITE_TOKEN.
push-site:
	@scripts/push_site.sh

clean:
	rm -rf site $(PREVIEW_DIR) $(VENV) .pytest_cache
