"""What the annex templates see: a flat, plain view of one TenderPack.

Templates are read by lawyers, so they get short names (``offers.<option>``,
``deadlines.<option>``) rather than the model's internals, and no objects with methods.
Values stay raw here; the template escapes them where they meet HTML.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from tenderpack import __version__
from tenderpack.outputs.labels import deadline_label, label
from tenderpack.tender.conditions import invoice_to_other_unit
from tenderpack.tender.pack import TenderPack


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


def _moment(pack: TenderPack, moment: str) -> str:
    return label(f"moment-{moment}", pack.lang)


def annex_context(pack: TenderPack) -> dict[str, Any]:
    """The variables the annex templates may use (docs/develop/profiles.md, and the README
    of each annex's template folder)."""
    tender = pack.tender
    profile = pack.system
    lang = pack.lang
    departments = [
        {
            "name": d.name,
            "abbreviation": d.abbreviation,
            "oin": d.oin,
            "on_system": d.on_system,
            "role": d.role,
        }
        for d in pack.departments
    ]
    centre = profile.data.service_centre
    dated = {key: d.date for key, d in pack.deadlines.items() if d.date is not None}
    return {
        "lang": lang,
        "id": f"{profile.data.annex.stem}-{pack.reference}",
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
        "ordering_units": [d for d in departments if d["role"] in ("orders", "both")],
        "invoice_units": [d for d in departments if d["role"] in ("invoices", "both")],
        "invoice_to_other_unit": invoice_to_other_unit(tender),
        "departments_not_on_system": [d for d in departments if not d["on_system"]],
        "several_departments": len(departments) > 1,
        "offers": {key: key in tender.connections for key in profile.connection_ids},
        "connections": {key: dict(value) for key, value in tender.connections.items()},
        "settings": dict(tender.settings),
        "channel": tender.channel,
        "message_standard": pack.message_standard,
        "deadlines": dated,
        "moments": {
            key: _moment(pack, d.moment)
            for key, d in pack.deadlines.items()
            if d.date is None and d.moment is not None
        },
        "deadline_basis": {key: d.basis for key, d in pack.deadlines.items()},
        # Dates that may still move (no royal decree yet for their year): said in the
        # particulars, so the annex never presents such a date as final.
        "deadline_notes": [
            {"what": deadline_label(pack, key), "date": deadline.date, "note": note}
            for key, deadline in pack.deadlines.items()
            if (note := deadline.note(lang)) is not None
        ],
        "system": {
            "name": profile.name,
            "operator": profile.data.operator.name,
            "identifiers": profile.data.identifiers.model_dump(),
            "service_centre": {
                "name": centre.name,
                "phone": centre.phone,
                "phone_note": centre.phone_note(lang) if centre.phone_note else None,
                "email": centre.email,
                "website": centre.website,
                "verify": centre.verify(lang) if centre.verify else None,
            },
        },
        "annex": {"title": profile.annex_title(lang), "short": profile.annex_short(lang)},
    }


def document_context(pack: TenderPack, fragment: str) -> dict[str, Any]:
    """The annex context plus what only the standalone document needs (metadata, the body)."""
    stamp = document_timestamp(pack).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {**annex_context(pack), "fragment": fragment, "timestamp": stamp, "version": __version__}
