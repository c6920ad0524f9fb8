"""The theme on a phone and a desktop: reflow at 320 px, a skip link, visible focus; and
screenshots of a landing page and a checklist for a person to look at.

The screenshots go to ``test-results/screenshots/`` (ignored by git; pytest-playwright
empties ``test-results/`` at the start of each run).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

# WCAG 1.4.10: content reflows at 320 CSS px without scrolling sideways.
PHONE_NARROW: ViewportSize = {"width": 320, "height": 640}
PHONE: ViewportSize = {"width": 375, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
LANDING = "tenders/2027-BZK-0042/index.html"
CHECKLIST = "tenders/2027-BZK-0042/checklist.html"
ENGLISH_CHECKLIST = "tenders/2027-JenV-0311/checklist.html"

FOCUS_STYLE = """el => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {outline, shadow, width: box.width, height: box.height,
          inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
          text: (el.textContent || el.id || el.tagName).trim().slice(0, 60)};
}"""


def test_no_page_scrolls_sideways_at_320_px(site: Site, page: Page) -> None:
    page.set_viewport_size(PHONE_NARROW)
    too_wide = []
    for path in site.pages:
        page.goto(site.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_NARROW["width"]:
            # Name the widest elements that stick out, to make the failure easy to fix.
            culprits = page.evaluate(
                """limit => [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > limit)
                    .slice(0, 5).map(el => el.tagName + '.' + el.className)""",
                PHONE_NARROW["width"],
            )
            too_wide.append(f"{path}: scrollWidth {width}: {culprits}")
    assert not too_wide, "\n".join(too_wide)


@pytest.mark.parametrize("path", [LANDING, ENGLISH_CHECKLIST, "docs/index.html"])
def test_skip_link_is_first_shows_on_focus_and_moves_to_main(
    site: Site, page: Page, path: str
) -> None:
    page.goto(site.url(path))
    skip = page.locator("a.tp-skip")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    # The skip link speaks the site's language, also on an English tender's page.
    assert skip.evaluate("el => el.closest('[lang]').getAttribute('lang')") == "nl"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the page's content, not back in the header.
    assert page.evaluate("!!document.activeElement.closest('main')")


@pytest.mark.parametrize("path", [LANDING, CHECKLIST])
def test_every_focus_stop_is_visible(site: Site, page: Page, path: str) -> None:
    """Tab through the whole page: every focused element shows an outline and is on screen."""
    page.goto(site.url(path))
    seen = []
    problems = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", focused):
            break
        state = page.evaluate(FOCUS_STYLE, focused)
        seen.append(state["text"])
        if not (state["outline"] or state["shadow"]):
            problems.append(f"no focus indicator on {state['text']!r}")
        if not state["inView"] or state["width"] == 0 or state["height"] == 0:
            problems.append(f"focused but not on screen: {state['text']!r}")
    else:
        pytest.fail("more than 200 focus stops: a keyboard trap?")
    assert len(seen) >= 10, seen
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "path"),
    [("landing", LANDING), ("checklist", CHECKLIST), ("checklist-en", ENGLISH_CHECKLIST)],
)
@pytest.mark.parametrize(
    ("width", "viewport"), [("320", PHONE_NARROW), ("375", PHONE), ("1280", DESKTOP)]
)
def test_screenshots_for_review(
    site: Site,
    page: Page,
    artefacts: Path,
    name: str,
    path: str,
    width: str,
    viewport: ViewportSize,
) -> None:
    page.set_viewport_size(viewport)
    page.goto(site.url(path))
    if name.startswith("checklist"):
        page.locator("main input.tp-tick-box").first.check()  # one step ticked, as in use
    target = artefacts / "screenshots" / f"{name}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
