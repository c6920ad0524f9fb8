"""A tender's deadlines as an iCalendar file (RFC 5545), for suppliers' calendars.

Rendered from the same ``TenderPack`` as the annex and the site, so a date cannot differ
between them. The bytes are reproducible: no "now" anywhere. DTSTAMP is the annex's
document timestamp (``SOURCE_DATE_EPOCH``, else the award date) and each UID is derived
from the tender reference and the deadline, so a calendar that imported the file before
updates the same events instead of adding copies. Text goes through ``icalendar``, which
escapes it; a value never becomes a property.
"""

from __future__ import annotations

import datetime as dt

from tenderpack.outputs.annex.context import document_timestamp
from tenderpack.outputs.labels import deadline_label, owner_label
from tenderpack.tender.pack import TenderPack

PRODUCT_ID = "-//tenderpack//onboarding//NL"


def calendar_file_name(pack: TenderPack) -> str:
    return f"{pack.reference}.ics"


def calendar_bytes(pack: TenderPack) -> bytes:
    """Every deadline of ``pack`` as an all-day event, with the steps due on it."""
    from icalendar import Calendar, Event, vText  # imported when used: it takes 0.1 s

    stamp = document_timestamp(pack)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property has no known type, so say it is text: then it is escaped like SUMMARY.
    calendar.add("x-wr-calname", vText(f"{pack.reference}: {pack.tender.title}"))
    dated = [d for d in pack.deadlines.values() if d.date is not None]
    for deadline in sorted(dated, key=lambda d: (d.date, d.key)):
        assert deadline.date is not None
        event = Event()
        event.add("uid", f"{pack.reference}-{deadline.key}@tenderpack")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", f"{deadline_label(pack, deadline.key)} ({pack.reference})")
        steps = [step for step in pack.checklist if step.due and step.due.key == deadline.key]
        if steps:
            lines = [f"{owner_label(pack, step.owner)}: {step.title}" for step in steps]
            event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
