"""WCAG 2.1 AA as HTML_CodeSniffer checks it (pa11y's engine), beside axe-core.

A second engine, because the two read the same page differently: axe passed the privacy
page while HTML_CodeSniffer found its completeness table's headers without ``scope`` and
a register table without a caption (issue 12, point 9). Its built script comes from npm
(``package.json``, pinned in ``package-lock.json``, installed by ``scripts/ensure-htmlcs``)
and is injected into each page as axe's is: nothing is fetched at test time.

Errors fail, as in pa11y's default. Of the warnings, those of the table techniques (H39
caption, H43 headers, H63 scope, H73 summary) fail too: they are the ones the issue names.
Other warnings (H42: a bold paragraph that might be a heading) are heuristics about intent
and are left to the reviewer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
HTMLCS = REPO / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
ERROR, WARNING = 1, 2  # HTMLCS_ERROR, HTMLCS_WARNING
TABLE_TECHNIQUES = (".H39", ".H43", ".H63", ".H73")

_RUN = """() => new Promise((resolve, reject) => {
  HTMLCS.process('WCAG2AA', document, () => resolve(HTMLCS.getMessages().map(m => ({
    type: m.type, code: m.code, msg: m.msg,
    element: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 120) : ''
  }))), reject, 'en');
})"""


@dataclass(frozen=True)
class Message:
    type: int
    code: str
    msg: str
    element: str

    def __str__(self) -> str:
        return f"{self.code}: {self.msg} at {self.element!r}"


@pytest.fixture(scope="session")
def htmlcs() -> Path:
    if not HTMLCS.is_file():
        pytest.fail(
            f"no HTML_CodeSniffer at {HTMLCS.relative_to(REPO)}: run 'bash scripts/ensure-htmlcs'"
            " (make check does)",
            pytrace=False,
        )
    return HTMLCS


def sniff(page: Page, script: Path) -> list[Message]:
    page.add_script_tag(path=str(script))
    found: list[dict[str, Any]] = page.evaluate(_RUN)
    return [Message(**m) for m in found]


def failures(messages: list[Message]) -> list[Message]:
    return [
        m
        for m in messages
        if m.type == ERROR or (m.type == WARNING and any(t in m.code for t in TABLE_TECHNIQUES))
    ]


def test_html_codesniffer_is_the_pinned_version(htmlcs: Path) -> None:
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/html_codesniffer"]["version"]
    installed = json.loads((htmlcs.parents[1] / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned


def test_codesniffer_finds_what_it_should(site: Site, page: Page, htmlcs: Path) -> None:
    """A control: planted faults are reported, so an empty result means a clean page."""
    page.goto(site.url("docs/index.html"))
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
          '<table><tr><th></th><th>Kolom</th></tr><tr><th>Rij</th><td>1</td></tr></table>' +
          '<table><tr><td>zonder bijschrift</td></tr></table>' +
          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')"""
    )
    codes = " ".join(m.code for m in failures(sniff(page, htmlcs)))
    assert "H43,H63" in codes, codes  # row and column headers without scope
    assert "H37" in codes, codes  # an image without alt


def test_privacy_tables_have_scoped_headers_and_captions(site: Site, page: Page) -> None:
    """The markup itself, so the fix does not rest on one engine's heuristics."""
    page.goto(site.url("docs/privacy.html"))
    headers = page.locator("main table.tenderpack-privacy th")
    assert headers.count() > 20
    scopes = headers.evaluate_all("cells => cells.map(c => c.getAttribute('scope'))")
    assert set(scopes) == {"row", "col"}, scopes
    in_head = page.locator("main table.tenderpack-privacy thead th")
    assert set(in_head.evaluate_all("cells => cells.map(c => c.scope)")) == {"col"}
    tables = page.locator("main table.tenderpack-privacy")
    captions = tables.evaluate_all("ts => ts.map(t => t.caption ? t.caption.textContent : '')")
    assert all(c.strip() for c in captions), captions
    regions = page.locator("main div.tp-table-scroll[role=region]")
    labels = regions.evaluate_all("rs => rs.map(r => r.getAttribute('aria-label'))")
    assert "Tabel" not in labels, labels
    assert "MijnOverheid: de verwerking" in labels, labels


def test_privacy_tender_and_annex_pages_pass_codesniffer(
    site: Site, page: Page, htmlcs: Path
) -> None:
    first = sorted(site.packs)[0]
    paths = ["docs/privacy.html", *site.tender_pages(first), *site.annexes]
    assert site.annexes and len(paths) > 4, paths
    problems = []
    for path in paths:
        page.goto(site.url(path))
        problems += [f"{path}: {m}" for m in failures(sniff(page, htmlcs))]
    assert not problems, "\n".join(problems)
