#!/usr/bin/env bash
# Publish the built site alone to a separate public repository, as one commit by the handbook's bot that replaces
# the repository's history, so that a lesson taken down leaves nothing behind in it (GitHub may keep the old commits
# until they are purged: see SECURITY.md). The Publish workflow runs it, through `make push-site`, when the
# repository variable PUBLISH_TO is `repository`.
#
#   SITE_REPOSITORY  the public repository, as owner/name
#   SITE_TOKEN       a token that may write to that repository and nothing else
#   SITE_DIR         the built site (default: site)
#   SITE_REMOTE      push there instead of https://github.com/$SITE_REPOSITORY.git (for tests)
#   BOT_NAME, BOT_EMAIL  the bot's identity, from the Makefile
set -euo pipefail

site="${SITE_DIR:-site}"
remote="${SITE_REMOTE:-}"
if [ -z "$remote" ]; then
  if [ -z "${SITE_REPOSITORY:-}" ]; then
    echo "push-site: set SITE_REPOSITORY to the public repository, as owner/name" >&2
    exit 2
  fi
  remote="https://github.com/${SITE_REPOSITORY}.git"
fi
if [ -z "${SITE_TOKEN:-}" ]; then
  echo "push-site: set SITE_TOKEN to a token that may write to the public repository" >&2
  exit 2
fi
if [ ! -f "$site/index.html" ]; then
  echo "push-site: no built site in $site; run 'make build' first" >&2
  exit 2
fi
: "${BOT_NAME:?run through make push-site}" "${BOT_EMAIL:?run through make push-site}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$site/." "$work/"
touch "$work/.nojekyll" # GitHub Pages serves the files as they are, without a Jekyll build
git -C "$work" init --quiet -b main
git -C "$work" add --all
git -C "$work" -c user.name="$BOT_NAME" -c user.email="$BOT_EMAIL" commit --quiet -m "Publish the handbook"

# The token reaches git through the environment: never on a command line, and masked in the workflow's log.
credentials="$(printf 'x-access-token:%s' "$SITE_TOKEN" | base64 | tr -d '\n')"
if [ -n "${GITHUB_ACTIONS:-}" ]; then
  echo "::add-mask::$credentials"
fi
GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0="http.https://github.com/.extraheader" GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $credentials" \
  git -C "$work" push --quiet --force "$remote" main
echo "push-site: published $site to ${SITE_REPOSITORY:-$remote}"
