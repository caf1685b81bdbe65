"""axe-core in Chromium: no serious or critical violations on the pages readers use."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_reading import PUBLISHED

PAGES = [
    "./",
    f"lessons/{next(iter(PUBLISHED))}/",
    "lessons/",
    "service-areas/",
    "failure-types/",
    "service-areas/health/",
    "browse/",
    "browse/?service_area=health&q=discharge",
    "matrix/",
    "barriers/",
    "peers/",
    "updates/",
    "accessibility/",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("url", PAGES)
def test_no_serious_or_critical_violations(page, axe, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if url.startswith("browse/"):
        page.wait_for_function("document.getElementById('browse-status').textContent.includes('match')")
    results = axe.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []
