"""Every page as it reaches a supplier: without JavaScript, printed, and in its language."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from tenderpack.messages import long_date
from tenderpack.outputs.annex import annex_file_name
from tests.browser.conftest import Site, due_text, steps_as_shown

pytestmark = pytest.mark.browser

ENGLISH_TENDER = "2027-JenV-0311"
# Hidden on purpose: the heading anchors ("¶") show on hover and focus only.
NOT_SHOWN = "script, style, template, a.headerlink"


def source_text(site: Site, path: str) -> str:
    """The text of the page's HTML, without whitespace (layout decides where that goes)."""
    soup = BeautifulSoup((site.root / path).read_text(encoding="utf-8"), "html.parser")
    body = soup.body
    assert body is not None, path
    for tag in body.select(NOT_SHOWN):
        tag.decompose()
    return "".join(body.get_text().split())


def first_difference(expected: str, shown: str) -> str:
    pairs = zip(expected, shown, strict=False)
    at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(expected), len(shown)))
    start, end = max(0, at - 40), at + 40
    return f"expected …{expected[start:end]}… shown …{shown[start:end]}…"


def test_without_javascript_every_page_shows_all_its_content(site: Site, new_context) -> None:
    """What the HTML holds, the reader sees: nothing waits for a script to show it."""
    page = new_context(java_script_enabled=False).new_page()
    missing = []
    for path in site.pages:
        page.goto(site.url(path))
        expect(page.locator("main h1")).to_have_count(1)
        shown = "".join(page.evaluate("document.body.innerText").split())
        expected = source_text(site, path)
        if shown != expected:
            missing.append(f"{path}: {first_difference(expected, shown)}")
    assert missing == [], "\n".join(missing)


def test_without_javascript_the_search_page_says_what_to_do(site: Site, new_context) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("search.html"))
    warning = page.locator("main .admonition.warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("JavaScript")
    # It says how to find a page without search (Sphinx's own text does not).
    expect(page.locator("main .admonition a[href$='docs/index.html']")).to_be_visible()
    # Sphinx's Dutch catalogue leaves this hint in English; the theme says it in Dutch.
    expect(page.locator("main")).not_to_contain_text("Searching for multiple words")


def test_the_site_root_forwards_to_the_home_page(site: Site, page: Page) -> None:
    assert site.redirects == ["index.html"]
    page.goto(site.url("index.html"))
    page.wait_for_url("**/docs/index.html")
    expect(page.locator("main h1")).to_be_visible()


@pytest.mark.parametrize(
    "path",
    ["tenders/2027-BZK-0042/checklist.html", "tenders/2027-JenV-0311/checklist.html"],
)
def test_print_hides_navigation_and_keeps_every_step_and_date(
    site: Site, page: Page, artefacts: Path, path: str
) -> None:
    reference = path.split("/")[1]
    pack = site.packs[reference]
    page.goto(site.url(path))
    page.emulate_media(media="print")
    for navigation in ["a.tp-skip", ".tp-menu", ".tp-breadcrumb", ".tp-aside"]:
        expect(page.locator(navigation)).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    steps = page.locator("main li.tp-step")
    expect(steps).to_have_count(len(pack.checklist))
    for step, item in zip(steps_as_shown(pack), steps.all(), strict=True):
        expect(item).to_be_visible()
        expect(item).to_contain_text(step.title)
        expect(item).to_contain_text(due_text(step, pack.lang))
    # A PDF of the printed page, for a person to look at (test-results/print/).
    target = artefacts / "print" / f"{reference}-checklist.pdf"
    page.pdf(path=str(target), format="A4", print_background=True)
    assert target.stat().st_size > 10_000


def test_print_keeps_the_deadlines_of_a_landing_page(site: Site, page: Page) -> None:
    pack = site.packs["2027-BZK-0042"]
    page.goto(site.url("tenders/2027-BZK-0042/index.html"))
    page.emulate_media(media="print")
    expect(page.locator(".tp-menu")).to_be_hidden()
    table = page.locator("main table.tp-deadlines")
    expect(table).to_be_visible()
    for deadline in pack.deadlines.values():
        if deadline.date is not None:  # a moment without a date is in the checklist instead
            expect(table).to_contain_text(long_date(deadline.date, pack.lang))


def content_lang(page: Page, selector: str) -> str:
    lang: str = page.locator(selector).first.evaluate(
        "el => el.closest('[lang]').getAttribute('lang')"
    )
    return lang


def test_every_page_says_its_language(site: Site, new_context) -> None:
    """Dutch pages carry lang="nl"; an English tender's pages lang="en" on their content,
    with the site's Dutch menus marked lang="nl" (WCAG 3.1.1 and 3.1.2)."""
    assert site.packs[ENGLISH_TENDER].lang == "en"
    english = {ref for ref, pack in site.packs.items() if pack.lang == "en"}
    page = new_context(java_script_enabled=False).new_page()
    wrong = []
    for path in site.pages:
        parts = Path(path).parts
        expected = (
            "en" if parts[0] == "tenders" and len(parts) == 3 and parts[1] in english else "nl"
        )
        page.goto(site.url(path))
        found = {
            "html": page.locator("html").get_attribute("lang"),
            "h1": content_lang(page, "main h1"),
            "main": content_lang(page, "main p, main li, main td"),
            "menu": content_lang(page, ".tp-menu"),
        }
        want = {"html": expected, "h1": expected, "main": expected, "menu": "nl"}
        if found != want:
            wrong.append(f"{path}: {found}, expected {want}")
    assert len(english) >= 1
    assert wrong == [], "\n".join(wrong)


def test_the_annex_as_html_says_its_language(site: Site, page: Page) -> None:
    for reference, pack in site.packs.items():
        page.goto(site.url(f"annex/{annex_file_name(pack, 'html')}"))
        assert page.locator("html").get_attribute("lang") == pack.lang, reference


@pytest.mark.parametrize(
    ("reference", "name", "title"),
    [
        ("2027-EZ-0058", "verzendspecificatie", "Verzendspecificatie"),
        ("2027-BZK-0117", "verzendspecificatie", "E-invoicing specification"),
        ("2027-BZK-0042", "bijlage-h", "Bijlage H"),
    ],
)
def test_each_annex_page_is_named_by_its_system_and_offers_its_downloads(
    site: Site, page: Page, reference: str, name: str, title: str
) -> None:
    """A peppol-rijk tender's annex page beside a DigiInkoop one: its own name, title and
    downloads (HTML, PDF and Word), each served and as large as the file written."""
    pack = site.packs[reference]
    page.goto(site.url(f"tenders/{reference}/index.html"))
    page.locator("main .toctree-wrapper a").filter(has_text=title).click()
    page.wait_for_url(f"**/tenders/{reference}/{name}.html")
    expect(page.locator("main h1")).to_have_text(re.compile(rf"^{re.escape(title)} – {reference}"))
    links = page.locator("main ul.tp-downloads a")
    expect(links).to_have_count(3)
    for link, fmt in zip(links.all(), ("html", "pdf", "docx"), strict=True):
        expect(link).to_contain_text(title)
        href = link.get_attribute("href")
        assert href == f"../../annex/{annex_file_name(pack, fmt)}", href
        response = page.request.get(urljoin(page.url, href))
        assert response.ok, href
        written = site.root / "annex" / annex_file_name(pack, fmt)
        assert len(response.body()) == written.stat().st_size > 1000, href
