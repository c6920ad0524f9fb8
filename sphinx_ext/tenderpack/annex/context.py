"""What the annex templates see: a flat, plain view of one TenderPack.

Templates are read by lawyers, so they get short names (``offers.digipoort``,
``deadlines.digipoort``) rather than the model's internals, and no objects with methods.
Values stay raw here; the template escapes them where they meet HTML.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from tenderpack import __version__
from tenderpack.labels import label
from tenderpack.pack import TenderPack


def document_timestamp(pack: TenderPack) -> dt.datetime:
    """The date written into the documents' metadata: never "now", so output is reproducible.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) wins; without it the award
    date at midnight UTC, a date the tender itself fixes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if re.fullmatch(r"\d{1,12}", epoch):
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    award = pack.tender.dates.award
    return dt.datetime(award.year, award.month, award.day, tzinfo=dt.UTC)


def annex_context(pack: TenderPack) -> dict[str, Any]:
    """The variables the annex templates may use (documented in templates/bijlage-h/README.md)."""
    tender = pack.tender
    departments = [
        {"name": d.name, "abbreviation": d.abbreviation, "oin": d.oin, "on_system": d.on_system}
        for d in pack.departments
    ]
    centre = pack.system.service_centre
    return {
        "lang": pack.lang,
        "id": f"bijlage-h-{pack.reference}",
        "reference": pack.reference,
        "title": tender.title,
        "agreement": tender.agreement,
        "supply": tender.supply,
        "authority": {
            "name": tender.contracting_authority.name,
            "abbreviation": tender.contracting_authority.abbreviation,
            "oin": tender.contracting_authority.oin,
        },
        "contact": {
            "name": tender.contact.name,
            "email": tender.contact.email,
            "phone": tender.contact.phone,
        },
        "departments": departments,
        "departments_not_on_system": [d for d in departments if not d["on_system"]],
        "several_departments": len(departments) > 1,
        "offers": {
            "leveranciersportaal": "leveranciersportaal" in tender.connections,
            "digipoort": "digipoort" in tender.connections,
            "catalogue": tender.catalogue,
        },
        "channel": tender.channel,
        "message_standard": pack.message_standard,
        "deadlines": {key: deadline.date for key, deadline in pack.deadlines.items()},
        # Dates that may still move (no royal decree yet for their year): said in the
        # particulars, so the annex never presents such a date as final.
        "deadline_notes": [
            {"what": label(key, pack.lang), "date": deadline.date, "note": note}
            for key, deadline in pack.deadlines.items()
            if (note := deadline.note(pack.lang)) is not None
        ],
        "digipoort_months": tender.digipoort_months,
        "system": {
            "name": pack.system.name,
            "service_centre": {
                "name": centre.name,
                "phone": centre.phone,
                "phone_note": centre.phone_note[pack.lang],
                "email": centre.email,
                "website": centre.website,
            },
        },
    }


def document_context(pack: TenderPack, fragment: str) -> dict[str, Any]:
    """The annex context plus what only the standalone document needs (metadata, the body)."""
    stamp = document_timestamp(pack).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {**annex_context(pack), "fragment": fragment, "timestamp": stamp, "version": __version__}
