"""A tender's deadlines as an iCalendar file (RFC 5545), for suppliers' calendars.

Rendered from the same ``TenderPack`` as the annex and the site, so a date cannot differ
between them. Each UID is derived from the tender reference and the deadline, so a calendar
that imported the file before updates the same events instead of adding copies. Text goes
through ``icalendar``, which escapes it; a value never becomes a property.

A calendar replaces an imported event only when the new one says it is newer: a higher
``SEQUENCE``, or the same one with a later ``DTSTAMP`` (RFC 5546, 2.1.5). Both must come
from data, never from the clock, so that two builds of one commit give the same bytes. They
come from the tender file's committed history (``reading.history``): ``revisions`` replays
every committed version of the file through today's code and notes, per event, the commit
at which what the event says (its date, summary, description) last changed. That commit's
time is the event's ``DTSTAMP`` and ``LAST-MODIFIED``; its ``SEQUENCE`` is that time in
whole minutes since 2000-01-01 UTC, and always at least one more than the previous change's.

Why a time and not a count of changes: a count needs the whole history, and a shallow clone
(CI's usual checkout) has only the newest commits, so its count would be lower than the one
published before and every calendar would ignore the update. A time never goes down: in a
shallow clone an unchanged event may look new (a higher number, the same content: a
harmless update), a changed one is always newer than anything published for it before.
The number fits RFC 5545's 32-bit INTEGER until the year 6000.

Without any history (not in git, an untracked file) an event has ``SEQUENCE:0`` and the
document timestamp (``SOURCE_DATE_EPOCH``, else the award date), as the annex has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tenderpack.outputs.annex.context import document_timestamp
from tenderpack.outputs.labels import deadline_label, owner_label
from tenderpack.tender.pack import TenderPack

PRODUCT_ID = "-//tenderpack//onboarding//NL"
_SEQUENCE_ORIGIN = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Revision:
    """How new one event is: its ``SEQUENCE`` and when it last changed."""

    sequence: int
    modified: dt.datetime


def calendar_file_name(pack: TenderPack) -> str:
    return f"{pack.reference}.ics"


def event_uid(pack: TenderPack, key: str) -> str:
    return f"{pack.reference}-{key}@tenderpack"


def _events(pack: TenderPack) -> list[tuple[str, dict[str, Any]]]:
    """(UID, what the event says) for every dated deadline, in date order."""
    events = []
    dated = [d for d in pack.deadlines.values() if d.date is not None]
    for deadline in sorted(dated, key=lambda d: (d.date, d.key)):
        assert deadline.date is not None
        content: dict[str, Any] = {
            "dtstart": deadline.date,
            "dtend": deadline.date + dt.timedelta(days=1),
            "summary": f"{deadline_label(pack, deadline.key)} ({pack.reference})",
        }
        steps = [step for step in pack.checklist if step.due and step.due.key == deadline.key]
        if steps:
            lines = [f"{owner_label(pack, step.owner)}: {step.title}" for step in steps]
            content["description"] = "\n".join(lines)
        events.append((event_uid(pack, deadline.key), content))
    return events


def event_fingerprints(pack: TenderPack) -> dict[str, str]:
    """UID -> a hash of what the event says: equal hashes, nothing for a calendar to update."""
    return {
        uid: hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
        for uid, content in _events(pack)
    }


def _sequence(moment: dt.datetime) -> int:
    return max(0, int((moment - _SEQUENCE_ORIGIN).total_seconds()) // 60)


def revisions(versions: Iterable[tuple[dt.datetime, TenderPack | None]]) -> dict[str, Revision]:
    """Replay a file's versions (oldest first; ``None``: one that did not load) into each
    event's revision. An event keeps its revision until what it says changes."""
    seen: dict[str, tuple[str, Revision]] = {}
    for moment, pack in versions:
        if pack is None:
            continue  # an invalid version was never published: nothing changed for a calendar
        for uid, fingerprint in event_fingerprints(pack).items():
            before = seen.get(uid)
            if before is not None and before[0] == fingerprint:
                continue
            if before is None:
                revision = Revision(_sequence(moment), moment)
            else:
                last = before[1]
                modified = max(moment, last.modified + dt.timedelta(seconds=1))
                revision = Revision(max(_sequence(modified), last.sequence + 1), modified)
            seen[uid] = (fingerprint, revision)
    return {uid: revision for uid, (_, revision) in seen.items()}


def calendar_bytes(pack: TenderPack, revised: Mapping[str, Revision] | None = None) -> bytes:
    """Every deadline of ``pack`` as an all-day event, with the steps due on it.

    ``revised`` (from ``revisions``) dates each event; an event it lacks gets sequence 0 and
    the document timestamp.
    """
    from icalendar import Calendar, Event, vText  # imported when used: it takes 0.1 s

    fallback = Revision(0, document_timestamp(pack))
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property has no known type, so say it is text: then it is escaped like SUMMARY.
    calendar.add("x-wr-calname", vText(f"{pack.reference}: {pack.tender.title}"))
    for uid, content in _events(pack):
        revision = (revised or {}).get(uid, fallback)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", revision.modified)
        if revision is not fallback:
            event.add("last-modified", revision.modified)
        event.add("sequence", revision.sequence)
        for name, value in content.items():
            event.add(name, value)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
