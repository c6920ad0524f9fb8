"""Short words that every output shows to people: phases, owners, deadline names.

One table, so the annex, the site, the calendar and ``tenderpack show`` name a phase or
a deadline the same way.
"""

from __future__ import annotations

from tenderpack.messages import Lang, long_date
from tenderpack.tender.pack import Deadline, TenderPack

_LABELS: dict[str, tuple[str, str]] = {
    # deadlines
    "award": ("Gunning", "Award"),
    "contract_start": ("Ingangsdatum overeenkomst", "Contract start"),
    # checklist phases
    "phase-submission": ("Bij inschrijving", "At submission"),
    "phase-award": ("Na gunning", "After award"),
    "phase-contract_start": ("Vóór de ingangsdatum", "Before contract start"),
    "phase-first_order": ("Vóór de eerste bestelling", "Before the first order"),
    "phase-contract": ("Gedurende de hele overeenkomst", "For the whole contract"),
    # owners
    "supplier": ("Leverancier", "Supplier"),
    "contracting_authority": ("Aanbestedende dienst", "Contracting authority"),
    # supply and channel
    "goods": ("leveringen", "goods"),
    "services": ("diensten", "services"),
    "hire": ("inhuur", "hire of staff"),
    # moments a contract term counts back from
    "moment-contract_start": (
        "vóór de ingangsdatum van de overeenkomst",
        "before the contract start",
    ),
    "moment-first_order": ("vóór de eerste bestelling", "before the first order"),
    "moment-first_invoice": ("vóór de eerste factuur", "before the first invoice"),
    "basis-law": (
        "wettelijke termijn (Algemene termijnenwet)",
        "statutory time limit (Algemene termijnenwet)",
    ),
    "basis-contract": ("contractuele termijn", "contract term"),
    # headings
    "deadlines": ("Termijnen", "Deadlines"),
    "message_standard": ("Berichtenstandaard", "Message standard"),
    "channel": ("Kanaal", "Channel"),
    "departments": ("Deelnemende rijksdienstonderdelen", "Participating departments"),
    "checklist": ("Aansluitchecklist", "Connection checklist"),
    "not_on_system": ("niet op", "not on"),
    "system": ("Inkoopsysteem", "Purchasing system"),
    "annex": ("Bijlage", "Annex"),
    # what a department does (a tender may name a unit that only receives the invoices)
    "role": ("Rol", "Role"),
    "role-orders": ("bestelt", "orders"),
    "role-invoices": ("ontvangt de facturen", "receives the invoices"),
    "role-both": ("bestelt en ontvangt de facturen", "orders and receives the invoices"),
    "note": ("Let op", "Note"),
}


def label(key: str, lang: Lang) -> str:
    dutch, english = _LABELS[key]
    return english if lang == "en" else dutch


def deadline_label(pack: TenderPack, key: str) -> str:
    """A deadline's name: the tender's own dates here, a connection's from its profile."""
    if key in _LABELS:
        return label(key, pack.lang)
    return pack.system.data.connections[key].ready(pack.lang)


def owner_label(pack: TenderPack, owner: str) -> str:
    return pack.system.owner_name(owner, pack.lang)


def channel_label(pack: TenderPack) -> str:
    channel = pack.tender.channel
    return pack.system.channel_name(channel, pack.lang) if channel else "-"


def due_words(deadline: Deadline, lang: Lang) -> str:
    """``15 juli 2027``, or the moment when there is no date: ``vóór de eerste bestelling``."""
    if deadline.date is not None:
        return long_date(deadline.date, lang)
    return label(f"moment-{deadline.moment}", lang)
