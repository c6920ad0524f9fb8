"""WCAG 2.1 A and AA, as axe-core checks them, on every page of the example site.

axe-core comes bundled in the ``axe-playwright-python`` package and is injected into each
page from there: nothing is fetched at test time. axe finds about a third to a half of
WCAG problems; the other tests in this folder check more (keyboard, reflow, language,
print), and ``docs/accessibility.md`` says what no automated test covers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, ViewportSize

from tenderpack.outputs.annex import annex_file_name
from tenderpack.sphinx.pages import PAGES, page_name
from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    "resultTypes": ["violations"],
}
PHONE: ViewportSize = {"width": 320, "height": 640}


def axe_version() -> str:
    match = re.search(r"axe v(\d+\.\d+\.\d+)", AXE_FILE_PATH.read_text(encoding="utf-8")[:200])
    assert match, f"no version in {AXE_FILE_PATH}"
    return match.group(1)


def violations(axe: Axe, page: Page) -> list[str]:
    found = []
    for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


def test_axe_version_is_the_one_the_statement_names() -> None:
    statement = Path(__file__).resolve().parents[2] / "docs" / "accessibility.md"
    assert f"axe-core {axe_version()}" in statement.read_text(encoding="utf-8")


def test_axe_finds_what_it_should(site: Site, page: Page) -> None:
    """A control: the same options do report planted faults (no rule set silently empty)."""
    page.goto(site.url("docs/index.html"))
    page.evaluate(
        """() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend',
          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
          '<p style="color:#bbb;background:#fff">grey on white</p>' +
          '<input type="text">');
        }"""
    )
    found = " ".join(violations(Axe(), page))
    for rule in ("image-alt", "color-contrast", "label"):
        assert rule in found, found


def test_every_system_s_pages_are_among_those_checked(site: Site) -> None:
    """The example site mixes purchasing systems: each one's checklist and annex page is
    among the pages axe checks, and its annex as HTML among the downloads."""
    assert {pack.system.id for pack in site.packs.values()} == {"digiinkoop", "peppol-rijk"}
    for reference, pack in site.packs.items():
        for kind in PAGES:
            assert f"tenders/{reference}/{page_name(kind, pack)}.html" in site.pages
        assert f"annex/{annex_file_name(pack, 'html')}" in site.annexes


def test_every_page_passes_axe_wcag21_aa(site: Site, page: Page) -> None:
    axe = Axe()
    problems = []
    for path in site.pages:
        page.goto(site.url(path))
        problems += [f"{path}: {v}" for v in violations(axe, page)]
    assert len(site.pages) >= 20, site.pages
    assert not problems, "\n".join(problems)


def test_every_page_passes_axe_at_phone_width(site: Site, page: Page) -> None:
    """At 320 px tables scroll sideways; a scrolled region must still be reachable by keyboard."""
    axe = Axe()
    page.set_viewport_size(PHONE)
    problems = []
    for path in site.pages:
        page.goto(site.url(path))
        problems += [f"{path}: {v}" for v in violations(axe, page)]
    assert not problems, "\n".join(problems)


def test_the_annex_as_html_passes_axe_wcag21_aa(site: Site, page: Page) -> None:
    """The annex download as HTML: a document of its own, with its own styles."""
    axe = Axe()
    problems = []
    for path in site.annexes:
        page.goto(site.url(path))
        problems += [f"{path}: {v}" for v in violations(axe, page)]
    assert len(site.annexes) == len(site.packs)
    assert not problems, "\n".join(problems)
