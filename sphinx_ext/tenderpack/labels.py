"""Short words that every output shows to people: phases, owners, deadline names.

One table, so the annex, the site, the calendar and ``tenderpack show`` name a phase or
a deadline the same way.
"""

from __future__ import annotations

from tenderpack.messages import Lang

_LABELS: dict[str, tuple[str, str]] = {
    # deadlines
    "award": ("Gunning", "Award"),
    "contract_start": ("Ingangsdatum overeenkomst", "Contract start"),
    "leveranciersportaal": ("Leveranciersportaal in gebruik", "Supplier portal in use"),
    "digipoort": ("Digipoort-koppeling in gebruik", "Digipoort connection in use"),
    # checklist phases
    "phase-submission": ("Bij inschrijving", "At submission"),
    "phase-award": ("Na gunning", "After award"),
    "phase-contract_start": ("Vóór de ingangsdatum", "Before contract start"),
    "phase-first_order": ("Vóór de eerste bestelling", "Before the first order"),
    "phase-contract": ("Gedurende de hele overeenkomst", "For the whole contract"),
    # owners
    "supplier": ("Leverancier", "Supplier"),
    "contracting_authority": ("Aanbestedende dienst", "Contracting authority"),
    "logius": ("Logius", "Logius"),
    # supply and channel
    "goods": ("leveringen", "goods"),
    "services": ("diensten", "services"),
    "hire": ("inhuur", "hire of staff"),
    "klantorder": ("Klantorderkanaal", "Customer-order channel (klantorderkanaal)"),
    "nacalculatie": ("Nacalculatiekanaal", "Post-calculation channel (nacalculatiekanaal)"),
    # headings
    "deadlines": ("Termijnen", "Deadlines"),
    "message_standard": ("Berichtenstandaard", "Message standard"),
    "channel": ("Kanaal", "Channel"),
    "departments": ("Deelnemende rijksdienstonderdelen", "Participating departments"),
    "checklist": ("Aansluitchecklist", "Connection checklist"),
    "not_on_system": ("niet op", "not on"),
    "note": ("Let op", "Note"),
}


def label(key: str, lang: Lang) -> str:
    dutch, english = _LABELS[key]
    return english if lang == "en" else dutch
