"""The connection checklist as a supplier uses it: complete without JavaScript, ticked off by
mouse and by keyboard with it, the ticks kept in this browser (localStorage, no cookie)."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import Site, due_text, steps_as_shown

pytestmark = pytest.mark.browser

DUTCH = "2027-BZK-0042"
ENGLISH = "2027-JenV-0311"
PEPPOL = "2027-EZ-0058"  # peppol-rijk, with e-ordering; steps due at a moment, not a date
PEPPOL_ENGLISH = "2027-BZK-0117"  # peppol-rijk, hire of staff with SETU
STORAGE_PREFIX = "tenderpack-step:"


def checklist(site: Site, reference: str) -> str:
    return site.url(f"tenders/{reference}/checklist.html")


def step_ids(page: Page) -> list[str]:
    ids: list[str] = page.locator("main li.tp-step").evaluate_all("els => els.map(e => e.id)")
    return ids


def assert_every_step_and_date_shown(site: Site, page: Page, reference: str) -> None:
    pack = site.packs[reference]
    steps = page.locator("main li.tp-step")
    expect(steps).to_have_count(len(pack.checklist))
    shown = steps.all()
    for step, item in zip(steps_as_shown(pack), shown, strict=True):
        expect(item).to_be_visible()
        expect(item).to_contain_text(step.title)
        expect(item).to_contain_text(due_text(step, pack.lang))


def stored_ticks(page: Page) -> dict[str, str]:
    ticks: dict[str, str] = page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage)
            .filter(k => k.startsWith(prefix)).map(k => [k, localStorage.getItem(k)]))""",
        STORAGE_PREFIX,
    )
    return ticks


def assert_no_cookies(context: BrowserContext, page: Page) -> None:
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""


@pytest.mark.parametrize("reference", [DUTCH, ENGLISH, PEPPOL, PEPPOL_ENGLISH])
def test_without_javascript_every_step_and_date_shows(
    site: Site, new_context, reference: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(checklist(site, reference))
    assert_every_step_and_date_shown(site, page, reference)
    # No control that would do nothing without the script.
    expect(page.locator("main input")).to_have_count(0)


@pytest.mark.parametrize("reference", [DUTCH, ENGLISH, PEPPOL, PEPPOL_ENGLISH])
def test_with_javascript_every_step_and_date_still_shows(
    site: Site, page: Page, reference: str
) -> None:
    page.goto(checklist(site, reference))
    assert_every_step_and_date_shown(site, page, reference)
    expect(page.locator("main input.tp-tick-box")).to_have_count(
        len(site.packs[reference].checklist)
    )


@pytest.mark.parametrize("reference", [DUTCH, PEPPOL])
def test_tick_by_mouse_survives_reload(
    site: Site, context: BrowserContext, page: Page, reference: str
) -> None:
    page.goto(checklist(site, reference))
    first, second, third = step_ids(page)[:3]
    page.locator(f"#tick-{first}").click()  # the box itself
    page.locator(f"#{second} label.tp-tick strong").click()  # the step's title labels the box
    expect(page.locator(f"#tick-{first}")).to_be_checked()
    expect(page.locator(f"#tick-{second}")).to_be_checked()
    expect(page.locator(f"#tick-{third}")).not_to_be_checked()

    page.reload()
    expect(page.locator(f"#tick-{first}")).to_be_checked()
    expect(page.locator(f"#tick-{second}")).to_be_checked()
    expect(page.locator(f"#tick-{third}")).not_to_be_checked()
    assert stored_ticks(page) == {STORAGE_PREFIX + first: "1", STORAGE_PREFIX + second: "1"}
    assert_no_cookies(context, page)

    page.locator(f"#tick-{first}").click()  # untick
    page.reload()
    expect(page.locator(f"#tick-{first}")).not_to_be_checked()
    assert stored_ticks(page) == {STORAGE_PREFIX + second: "1"}


def test_tick_by_keyboard_survives_reload(site: Site, context: BrowserContext, page: Page) -> None:
    page.goto(checklist(site, ENGLISH))
    target = step_ids(page)[1]
    box = page.locator(f"#tick-{target}")
    # Tab from the top of the page, as a keyboard user does, until the box has focus.
    for _ in range(100):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab never reached the checkbox of {target}")
    expect(box).to_have_accessible_name(steps_as_shown(site.packs[ENGLISH])[1].title)
    page.keyboard.press("Space")
    expect(box).to_be_checked()

    page.reload()
    expect(box).to_be_checked()
    assert stored_ticks(page) == {STORAGE_PREFIX + target: "1"}
    assert_no_cookies(context, page)

    box.focus()
    page.keyboard.press("Space")
    page.reload()
    expect(box).not_to_be_checked()
    assert stored_ticks(page) == {}


def test_ticks_belong_to_one_tender(site: Site, page: Page) -> None:
    """Steps with the same name in two tenders are ticked off separately."""
    page.goto(checklist(site, DUTCH))
    first = page.locator("main input.tp-tick-box").first
    first.check()
    page.goto(checklist(site, ENGLISH))
    expect(page.locator("main input.tp-tick-box:checked")).to_have_count(0)


@pytest.mark.parametrize(
    ("reference", "hint"), [(DUTCH, "alleen in deze browser"), (ENGLISH, "in this browser only")]
)
def test_the_page_says_where_ticks_are_kept_in_its_language(
    site: Site, page: Page, reference: str, hint: str
) -> None:
    page.goto(checklist(site, reference))
    note = page.locator("main .tp-tick-hint")
    expect(note).to_contain_text(hint)
    lang = note.evaluate("el => el.closest('[lang]').getAttribute('lang')")
    assert lang == site.packs[reference].lang


def test_ticks_work_when_storage_is_blocked(site: Site, context: BrowserContext) -> None:
    """Storage refused (a privacy setting): the boxes still tick while the page is open."""
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(checklist(site, DUTCH))
    box = page.locator("main input.tp-tick-box").first
    box.check()
    expect(box).to_be_checked()
    # Sphinx's own sphinx_highlight.js does not guard its use of storage; ours does.
    assert [error for error in errors if "checklist.js" in error] == []
