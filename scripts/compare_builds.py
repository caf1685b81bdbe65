"""Compare the site built from a git revision with the site built from the working tree.

For changes that should not change what readers get (a refactoring, a dependency update): each tree is
installed into its own folder, built with the same SOURCE_DATE_EPOCH, and every file is compared byte for
byte. Pagefind writes its filter index in hash-map order, so the files that hold or name it differ between
any two builds and are left out (see README, "How it is built"). Exit 0 when the sites are the same, 1 when
they differ, 2 when a tree cannot be built.

    python scripts/compare_builds.py [--ref REV] [--allow PATH ...]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1796169600"  # any fixed day will do; both builds must use the same one
# Pagefind's filter index and the files that name it by hash (upstream issue #638).
UNORDERED = re.compile(r"^pagefind/(filter/[^/]+\.pf_filter|pagefind-entry\.json|pagefind\.[^/]+\.pf_meta)$")


def build(tree: Path, work: Path, name: str) -> Path:
    """Install ``tree``'s build tools into their own folder (so its plugin and entry point are used) and build its site."""
    lib, out = work / f"{name}-lib", work / f"{name}-site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(lib), str(tree)]
    subprocess.run(pip, check=True, capture_output=True, text=True)
    env = {**os.environ, "PYTHONPATH": str(lib), "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(tree / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(mkdocs, check=True, capture_output=True, text=True, env=env, cwd=tree)
    return out


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def compare(before: Path, after: Path, allowed: set[str]) -> list[str]:
    """What differs, as lines to print: added, removed and changed files, with a diff of changed text."""
    old, new = files(before), files(after)
    report = []
    for name in sorted(old.keys() | new.keys()):
        if UNORDERED.match(name) or name in allowed:
            continue
        if name not in new:
            report.append(f"removed: {name}")
        elif name not in old:
            report.append(f"added: {name}")
        elif old[name].read_bytes() != new[name].read_bytes():
            report.append(f"changed: {name}")
            try:
                a, b = old[name].read_text("utf-8").splitlines(), new[name].read_text("utf-8").splitlines()
                report += [f"    {line}" for line in list(difflib.unified_diff(a, b, lineterm="", n=1))[2:40]]
            except UnicodeDecodeError:
                pass
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="HEAD", help="the revision to compare the working tree with (default: HEAD)")
    parser.add_argument("--allow", action="append", default=[], metavar="PATH", help="a built file expected to change")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as temp:
        work = Path(temp)
        ref_tree = work / "ref"
        ref_tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(ref_tree)], input=archive, check=True)
        # The working tree as it is, less what git ignores (the virtualenv, earlier builds).
        here = work / "here"
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"], check=True, capture_output=True
        ).stdout
        for name in filter(None, listed.decode().split("\0")):
            source = ROOT / name
            if source.is_file():
                (here / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, here / name)
        try:
            before, after = build(ref_tree, work, "ref"), build(here, work, "here")
        except subprocess.CalledProcessError as exc:
            print(f"could not build: {' '.join(map(str, exc.cmd[:4]))} ...\n{exc.stderr}", file=sys.stderr)
            return 2
        report = compare(before, after, set(args.allow))
        count = len(files(after))
    for line in report:
        print(line)
    if report:
        print(f"The site built from the working tree differs from {args.ref}'s.")
        return 1
    print(f"Same site as {args.ref}: {count} files, byte for byte (Pagefind's unordered filter files aside).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
