"""The handbook's benchmark: build time against the engine's own floor, memory, sizes and reader bytes.

For each size N it writes a synthetic corpus (``python -m build_tools synth``), then measures, as the
median of several runs: validating every lesson; building the handbook; and the floor, a plain
mkdocs-material build of the same markdown bodies with no handbook code (same theme, pages out of the
navigation, Material's search on), run alternately with the handbook build so that both see the same
machine noise. It also records peak memory, site size and file count, the largest lesson page, and,
in Chromium when it is installed, the bytes a reader downloads for the home page and for a first
search (served gzip-compressed, as static hosts serve text), and how soon results appear after the
last keystroke.

Usage: python benchmarks/bench.py [--sizes 100,1000,5000] [--runs 3] [--out benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import importlib.metadata
import io
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
CHROMIUM = Path("/usr/bin/chromium")

TARGETS = {
    "ratio": 1.25,  # handbook build time / floor, at 1,000 and 5,000 lessons
    "growth": 5.5,  # time(5,000) / time(1,000)
    "page_kb": 60,  # every lesson page under this
    "validate_10k_s": 3.0,
    "validate_one_s": 1.0,
    "memory_gb": 1.5,
    "search_mb": 1.0,
    "search_ms": 300,
}


@dataclass
class Row:
    n: int
    validate_s: float = 0.0
    build_s: float = 0.0
    floor_s: float = 0.0
    memory_mb: float = 0.0
    floor_memory_mb: float = 0.0
    site_mb: float = 0.0
    files: int = 0
    largest_page_kb: float = 0.0
    floor_search_index_mb: float = 0.0
    home_kb: float | None = None
    search_kb: float | None = None
    search_ms: float | None = None
    extra: dict[str, float] = field(default_factory=dict)


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time in seconds and the peak resident memory in MB of the largest process the command ran."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "elapsed = time.perf_counter() - start\n"
        "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)\n"
    )
    result = subprocess.run([PYTHON, "-c", probe, *command], cwd=cwd, env=ENV, capture_output=True, text=True, check=True)
    elapsed, memory, code = result.stdout.split()[-3:]
    if code != "0":
        raise SystemExit(f"benchmark command failed ({' '.join(command)}):\n{result.stderr[-2000:]}")
    return float(elapsed), float(memory)


def make_handbook(work: Path, n: int) -> Path:
    handbook = work / "handbook"
    for part in ("schema", "register", "docs", "site_overrides"):
        shutil.copytree(ROOT / part, handbook / part)
    shutil.copy(ROOT / "mkdocs.yml", handbook / "mkdocs.yml")
    synth(n, handbook)
    return handbook


def synth(n: int, folder: Path) -> None:
    """Write n synthetic lessons into folder/lessons."""
    command = [PYTHON, "-m", "build_tools", "synth", "--count", str(n), "--out", str(folder / "lessons")]
    subprocess.run(command, cwd=folder, env=ENV, check=True, capture_output=True)


def make_floor(work: Path, handbook: Path) -> Path:
    """The same bodies as plain pages: no handbook code, pages out of the navigation, Material's search on."""
    floor = work / "floor"
    (floor / "docs" / "lessons").mkdir(parents=True)
    (floor / "docs" / "index.md").write_text("# Floor\n", encoding="utf-8")
    for lesson in (handbook / "lessons").glob("*.md"):
        body = lesson.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        (floor / "docs" / "lessons" / lesson.name).write_text(body, encoding="utf-8")
    config = (handbook / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = config[config.index("markdown_extensions:") : config.index("# Lessons stay out")]
    (floor / "mkdocs.yml").write_text(
        "site_name: Floor\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        f"nav:\n  - Home: index.md\n{extensions}\nvalidation:\n  omitted_files: ignore\n",
        encoding="utf-8",
    )
    return floor


def tree_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


class CompressingHandler(SimpleHTTPRequestHandler):
    """Serves text gzip-compressed when the browser accepts it, as GitHub Pages and CDNs do, so the
    byte counts are what readers really download. Pagefind's files are compressed already."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".csv", ".svg", ".txt")

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a browser closing early is not news
        pass


def reader_bytes(site: Path, word: str, target: str) -> tuple[float, float, float] | None:
    """KB for the home page, KB for a first search, and ms from the last keystroke until ``target`` is listed."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    handler = functools.partial(CompressingHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )

            def visit(action) -> float:
                context = browser.new_context()
                page = context.new_page()
                sizes: list[int] = []
                page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
                result = action(page)
                context.close()
                return result if result is not None else sum(sizes) / 1024

            def home_page(page) -> None:
                page.goto(base)
                page.wait_for_load_state("networkidle")

            def first_search(page) -> None:
                page.goto(base)
                page.wait_for_load_state("networkidle")
                page.fill("#handbook-search-input", word)
                page.press("#handbook-search-input", "Enter")
                page.wait_for_function("document.getElementById('browse-status').textContent.includes('match')")
                page.wait_for_load_state("networkidle")

            home = visit(home_page)
            # Bytes for a first search: everything the search fetches beyond the home page itself.
            search_total = visit(first_search)

            def latency(page) -> float:
                page.goto(base + "browse/")
                page.wait_for_function("document.getElementById('browse-status').textContent.includes('match')")
                # The moment the lesson that names the word is listed: not just any update, since searches for
                # the first letters typed may finish after the last keystroke.
                page.evaluate(
                    "(target) => { window.__t = null; const list = document.getElementById('browse-results');"
                    " new MutationObserver(() => { if (window.__t === null && list.querySelector(`a[href*='${target}/']`))"
                    " window.__t = performance.now(); }).observe(list, {childList: true, subtree: true}); }",
                    target,
                )
                page.locator("#browse-q").press_sequentially(word, delay=40)
                typed = page.evaluate("performance.now()")
                page.wait_for_function("window.__t !== null", timeout=10_000)
                return max(0.0, page.evaluate("window.__t") - typed)

            delay = visit(latency)
            browser.close()
            return home, search_total - home, delay
    finally:
        server.shutdown()


def measure(n: int, runs: int, work: Path) -> Row:
    row = Row(n=n)
    handbook = make_handbook(work, n)
    floor = make_floor(work, handbook)
    validations, builds, floors, memories, floor_memories = [], [], [], [], []
    for _ in range(runs):
        validations.append(timed([PYTHON, "-m", "build_tools", "validate"], handbook)[0])
        seconds, memory = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(work / "site")], handbook)
        builds.append(seconds)
        memories.append(memory)
        seconds, memory = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(work / "floor-site")], floor)
        floors.append(seconds)
        floor_memories.append(memory)
    row.validate_s = statistics.median(validations)
    row.build_s, row.floor_s = statistics.median(builds), statistics.median(floors)
    row.memory_mb, row.floor_memory_mb = max(memories), max(floor_memories)
    size, row.files = tree_size(work / "site")
    row.site_mb = size / 2**20
    row.largest_page_kb = max(p.stat().st_size for p in (work / "site" / "lessons").glob("*/index.html")) / 1024
    row.floor_search_index_mb = (work / "floor-site" / "search" / "search_index.json").stat().st_size / 2**20
    # A word a reader would look for: a place named in a few lessons' text, not in their titles.
    sample = (handbook / "lessons" / "synthetic-lesson-00001.md").read_text(encoding="utf-8")
    word = re.search(r"We worked in (\w+),", sample).group(1)
    measured = reader_bytes(work / "site", word, "synthetic-lesson-00001")
    if measured:
        row.home_kb, row.search_kb, row.search_ms = measured
    if n >= 5000:
        one = handbook / "lessons" / "synthetic-lesson-00042.md"
        row.extra["validate_one_s"] = statistics.median(
            timed([PYTHON, "-m", "build_tools", "validate", str(one.relative_to(handbook))], handbook)[0] for _ in range(runs)
        )
    return row


def validate_many(n: int, runs: int, work: Path) -> float:
    corpus = work / "many"
    for part in ("schema", "register"):
        shutil.copytree(ROOT / part, corpus / part)
    synth(n, corpus)
    return statistics.median(timed([PYTHON, "-m", "build_tools", "validate"], corpus)[0] for _ in range(runs))


def versions() -> str:
    names = ("mkdocs", "mkdocs-material", "pagefind_bin", "jsonschema-rs", "PyYAML")
    return ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)


def machine() -> str:
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kb / 2**20:.0f} GiB memory"
    system = f"{platform.system()} {platform.release()}"
    return f"{platform.machine()}, {os.cpu_count()} cores{memory}, {system}, Python {platform.python_version()}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(rows: list[Row], many: float | None, runs: int) -> str:
    by_n = {row.n: row for row in rows}
    lines = [
        "| lessons | validate (s) | build (s) | floor (s) | build / floor | peak memory (MB) | floor memory (MB) | site (MB) | files "
        "| largest lesson page (KB) | home page (KB) | first search (KB) | results after typing (ms) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        optional = [f"{v:.0f}" if v is not None else "n/a" for v in (r.home_kb, r.search_kb, r.search_ms)]
        lines.append(
            f"| {r.n:,} | {r.validate_s:.2f} | {r.build_s:.1f} | {r.floor_s:.1f} | {r.build_s / r.floor_s:.2f} | {r.memory_mb:.0f} "
            f"| {r.floor_memory_mb:.0f} | {r.site_mb:.0f} | {r.files:,} | {r.largest_page_kb:.1f} | " + " | ".join(optional) + " |"
        )
    targets = []
    for n in (1000, 5000):
        if n in by_n:
            ratio = by_n[n].build_s / by_n[n].floor_s
            targets.append(
                f"| build at most {TARGETS['ratio']}x the floor at {n:,} | {ratio:.2f}x | {verdict(ratio <= TARGETS['ratio'])} |"
            )
    if 1000 in by_n and 5000 in by_n:
        growth = by_n[5000].build_s / by_n[1000].build_s
        targets.append(f"| time(5,000) / time(1,000) at most {TARGETS['growth']} | {growth:.2f} | {verdict(growth <= TARGETS['growth'])} |")
    largest = max(r.largest_page_kb for r in rows)
    targets.append(
        f"| every lesson page under {TARGETS['page_kb']} KB | largest {largest:.1f} KB | {verdict(largest < TARGETS['page_kb'])} |"
    )
    if many is not None:
        targets.append(
            f"| validate 10,000 lessons in at most {TARGETS['validate_10k_s']:.0f} s | {many:.2f} s | "
            f"{verdict(many <= TARGETS['validate_10k_s'])} |"
        )
    if 5000 in by_n:
        big = by_n[5000]
        one = big.extra.get("validate_one_s")
        if one is not None:
            targets.append(
                f"| validate one lesson in a 5,000-lesson handbook in at most {TARGETS['validate_one_s']:.0f} s | {one:.2f} s | "
                f"{verdict(one <= TARGETS['validate_one_s'])} |"
            )
        targets.append(
            f"| peak memory of a 5,000-lesson build at most {TARGETS['memory_gb']} GB | {big.memory_mb / 1024:.2f} GB | "
            f"{verdict(big.memory_mb / 1024 <= TARGETS['memory_gb'])} |"
        )
        if big.search_kb is not None:
            targets.append(
                f"| a first search transfers at most {TARGETS['search_mb']:.0f} MB at 5,000 | {big.search_kb / 1024:.2f} MB | "
                f"{verdict(big.search_kb / 1024 <= TARGETS['search_mb'])} |"
            )
            targets.append(
                f"| results within {TARGETS['search_ms']} ms of the last keystroke at 5,000 | {big.search_ms:.0f} ms | "
                f"{verdict(big.search_ms <= TARGETS['search_ms'])} |"
            )
    return "\n".join(
        [
            f"Measured {dt.date.today().isoformat()} on {machine()}.",
            f"Versions: {versions()}. Each time is the median of {runs} runs; memory is the peak resident size of the largest process.",
            "",
            *lines,
            "",
            "| target | measured | |",
            "| --- | --- | --- |",
            *targets,
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--validate-many", type=int, default=10000, help="lessons for the bulk validation target (0 to skip)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temp:
        for n in (int(size) for size in args.sizes.split(",")):
            print(f"measuring {n:,} lessons...", flush=True)
            rows.append(measure(n, args.runs, Path(temp) / str(n)))
        many = validate_many(args.validate_many, args.runs, Path(temp)) if args.validate_many else None
    table = report(rows, many, args.runs)
    print(table)
    out = Path(args.out)
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start in text and end in text:
        text = text.split(start)[0] + f"{start}\n{table}\n{end}" + text.split(end, 1)[1]
    else:
        text = f"# Benchmark results\n\n{start}\n{table}\n{end}\n"
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
