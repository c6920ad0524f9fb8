"""The calendar download (.ics) of each tender: linked from its pages, served, parsed by
icalendar, and holding every deadline, each on the date the site shows."""

from __future__ import annotations

import datetime as dt
import urllib.request
from urllib.parse import urljoin

import icalendar
import pytest
from playwright.sync_api import Page

from tenderpack.messages import long_date
from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


def test_every_tender_has_a_calendar_with_every_deadline(site: Site, page: Page) -> None:
    assert site.packs, "the example site has tenders"
    for reference, pack in site.packs.items():
        landing = site.url(f"tenders/{reference}/index.html")
        page.goto(landing)
        links = page.locator("main a[href$='.ics']")
        href = links.first.get_attribute("href")
        assert href, f"{reference}: no calendar link on the landing page"
        with urllib.request.urlopen(urljoin(landing, href), timeout=10) as response:
            assert response.headers.get_content_type() == "text/calendar"
            data = response.read()

        calendar = icalendar.Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
        days = [event.decoded("dtstart") for event in events]
        assert all(type(day) is dt.date for day in days), f"{reference}: all-day events"
        assert sorted(days) == sorted(
            d.date for d in pack.deadlines.values() if d.date is not None
        ), reference
        assert len({str(event["uid"]) for event in events}) == len(events), "unique UIDs"
        for event in events:
            assert reference in str(event["summary"])

        # The dates the landing page shows are the calendar's dates.
        table = page.locator("main table.tp-deadlines").inner_text()
        for day in days:
            assert long_date(day, pack.lang) in table, (reference, day)

        # Every dated step of the checklist falls on a day in the calendar (a step due at a
        # moment without a date, such as the first invoice, is in no calendar).
        dated = {step.due.date for step in pack.checklist if step.due and step.due.date}
        assert dated <= set(days), reference


def test_the_checklist_page_links_the_same_calendar(site: Site, page: Page) -> None:
    for reference in site.packs:
        page.goto(site.url(f"tenders/{reference}/checklist.html"))
        href = page.locator("main a[href$='.ics']").first.get_attribute("href")
        assert href is not None and href.endswith(f"calendar/{reference}.ics")
