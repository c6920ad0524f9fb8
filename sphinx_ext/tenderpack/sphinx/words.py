"""What the onboarding site says around the data, in Dutch and English.

Words every output shares (phases, owners, deadlines) come from ``tenderpack.outputs.labels``;
this table holds only what the site alone says. Sentences may name values as ``{name}``:
``nodes.sentence`` fills them with text nodes, so a value is never parsed as markup.
"""

from __future__ import annotations

from tenderpack.messages import Lang

_WORDS: dict[str, tuple[str, str]] = {
    # page titles
    "page-checklist": ("Aansluitchecklist", "Connection checklist"),
    "page-ordering": ("Bestellen en factureren", "Ordering and invoicing"),
    "page-contact": ("Contact en privacy", "Contact and privacy"),
    "overview": ("Aanbestedingen", "Tenders"),
    # landing page
    "about": ("Over deze aanbesteding", "About this tender"),
    "who": ("Wie doen er mee", "Who takes part"),
    "timeline": ("Tijdlijn", "Timeline"),
    "first": ("Wat u eerst doet", "What to do first"),
    "in-section": ("In deze sectie", "In this section"),
    "reference": ("Kenmerk", "Reference"),
    "title": ("Titel", "Title"),
    "agreement": ("Soort overeenkomst", "Type of agreement"),
    "raamovereenkomst": ("Raamovereenkomst", "Framework agreement (raamovereenkomst)"),
    "overeenkomst": ("Overeenkomst", "Agreement (overeenkomst)"),
    "supply": ("Wat wordt geleverd", "What is supplied"),
    "system": ("Inkoopsysteem", "Purchasing system"),
    "system-value": ("{system}, beheerd door {managed_by}", "{system}, managed by {managed_by}"),
    "connections": ("Aansluitopties", "Connection options"),
    "mandatory": ("verplicht", "mandatory"),
    "optional": ("naar keuze", "optional"),
    "who-text": (
        "{authority} sluit de overeenkomst. Deze rijksdienstonderdelen bestellen via de "
        "overeenkomst:",
        "{authority} concludes the agreement. These departments order under it:",
    ),
    "who-text-roles": (
        "{authority} sluit de overeenkomst. Deze rijksdienstonderdelen bestellen via de "
        "overeenkomst of ontvangen de facturen:",
        "{authority} concludes the agreement. These departments order under it or receive the "
        "invoices:",
    ),
    "first-text": (
        "Begin met deze stappen; de volledige lijst, met wie wat doet, staat in de {checklist}.",
        "Start with these steps; the full list, with who does what, is in the {checklist}.",
    ),
    "checklist-link": ("aansluitchecklist", "connection checklist"),
    "calendar": (
        "Alle termijnen in uw agenda: {link}",
        "Every deadline in your calendar: {link}",
    ),
    "calendar-link": ("agendabestand (.ics)", "calendar file (.ics)"),
    # checklist
    "checklist-intro": (
        "Alle stappen om aan te sluiten op {system}, per fase, met wie ze uitvoert en wanneer. "
        "Stappen zonder datum horen bij een moment, zoals de eerste bestelling.",
        "Every step to connect to {system}, by phase, with who does it and when. Steps "
        "without a date belong to a moment, such as the first order.",
    ),
    "who-does": ("Wie", "Who"),
    "due": ("Uiterlijk", "Due"),
    "no-due": ("geen datum", "no date"),
    "clause": ("{annex}, onderdeel", "{annex}, part"),
    # deadlines
    "date": ("Datum", "Date"),
    "what": ("Wat", "What"),
    # departments
    "departments-heading": ("Rijksdienstonderdelen en OIN's", "Departments and OINs"),
    "abbreviation": ("Afkorting", "Abbreviation"),
    "name": ("Naam", "Name"),
    "oin": ("OIN", "OIN"),
    "on-system": ("Op {system}", "On {system}"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "departments-caption": (
        "Deelnemende rijksdienstonderdelen van {reference}",
        "Participating departments of {reference}",
    ),
    "departments-intro": (
        "Berichten aan een rijksdienstonderdeel dragen zijn Organisatie-identificatienummer "
        "(OIN). Gebruik het OIN uit deze tabel.",
        "Messages to a department carry its organisation identification number (OIN). Use "
        "the OIN from this table.",
    ),
    "departments-off-system": (
        "Niet elk onderdeel werkt met {system}. Ook met de onderdelen met ‘nee’ wisselt u "
        "inkoopberichten uit.",
        "Not every department works with {system}. You exchange purchase messages with the "
        "departments marked ‘no’ too.",
    ),
    "authority-oin": (
        "Aanbestedende dienst: {name} ({abbreviation}), OIN {oin}.",
        "Contracting authority: {name} ({abbreviation}), OIN {oin}.",
    ),
    "known-as": ("op de gunningsdatum: {name}", "on the award date: {name}"),
    # ordering and invoicing
    "channel": ("Inkoop- en leveringskanaal", "Purchasing and delivery channel"),
    "connections-text": ("Deze aanbesteding biedt:", "This tender offers:"),
    # annex
    "annex": ("bijlage", "annex"),  # an annex the build log cannot name
    # {annex}: the annex's short name from the tender's profile (Bijlage H, ...)
    "annex-intro": (
        "{annex} bij de aanbestedingsstukken van {reference}, ingevuld voor deze aanbesteding.",
        "{annex} to the tender documents of {reference}, filled in for this tender.",
    ),
    "downloads": ("Downloaden", "Download"),
    "download-pdf": ("{annex} als PDF", "{annex} as PDF"),
    "download-docx": ("{annex} als Word-bestand (DOCX)", "{annex} as Word file (DOCX)"),
    "download-html": ("{annex} als HTML-bestand", "{annex} as HTML file"),
    "annex-failed": (
        "De bijlage kon niet worden opgemaakt; zie de waarschuwing in het bouwverslag.",
        "The annex could not be rendered; see the warning in the build log.",
    ),
    # privacy
    "privacy-heading": ("Privacyverklaringen", "Privacy notices"),
    "privacy-intro": (
        "Bij het aansluiten en werken met {system} verwerken deze diensten persoonsgegevens van "
        "u en uw medewerkers.",
        "When you connect to and work with {system}, these services process personal data of "
        "you and your staff.",
    ),
    "privacy-full": ("De volledige privacyverklaringen:", "The full privacy notices:"),
    "privacy-none": (
        "Deze aanbesteding noemt geen privacyverklaringen.",
        "This tender lists no privacy notices.",
    ),
    # contact
    "contact-tender": ("Over de aanbesteding en de overeenkomst", "About the tender and agreement"),
    "contact-system": ("Over de aansluiting op {system}", "About the connection to {system}"),
    "email": ("E-mail", "E-mail"),
    "phone": ("Telefoon", "Phone"),
    "website": ("Website", "Website"),
    # overview
    "overview-intro": (
        "Elke aanbesteding heeft een eigen sectie met de aansluitchecklist, de termijnen, de "
        "deelnemende rijksdienstonderdelen en de bijlage over bestellen en factureren via het "
        "inkoopsysteem van de aanbesteding.",
        "Each tender has its own section with the connection checklist, the deadlines, the "
        "participating departments and the annex on ordering and invoicing through the "
        "tender's purchasing system.",
    ),
    "overview-caption": ("Alle aanbestedingen", "All tenders"),
    "overview-empty": ("Er zijn (nog) geen aanbestedingen.", "There are no tenders (yet)."),
    "contract-start": ("Ingangsdatum", "Contract start"),
    "departments-short": ("Rijksdienstonderdelen", "Departments"),
    # build messages (officers read them too)
    "msg-unknown-reference": (
        "{directive}: geen geldige aanbesteding met kenmerk {reference!r}",
        "{directive}: no valid tender with reference {reference!r}",
    ),
    "msg-did-you-mean": ("; bedoelt u {suggestion!r}?", "; did you mean {suggestion!r}?"),
    "msg-broken-files": (
        " ({count} tenderbestand(en) in {folder} bevatten fouten)",
        " ({count} tender file(s) in {folder} have errors)",
    ),
    "msg-hand-written": (
        "{path} is niet door tenderpack geschreven en blijft zoals het is",
        "{path} was not written by tenderpack; leaving it as it is",
    ),
    "msg-no-tenders-dir": (
        "tenderpack_tenders_dir: {folder} is geen map; de site heeft geen aanbestedingen",
        "tenderpack_tenders_dir: {folder} is not a folder; the site has no tenders",
    ),
    "msg-unknown-page": (
        "tender-page: onbekende pagina {kind!r}; kies uit {pages}",
        "tender-page: unknown page {kind!r}; choose from {pages}",
    ),
    # theme
    "skip": ("Naar de inhoud", "Skip to content"),
    "main-nav": ("Hoofdmenu", "Main menu"),
    "breadcrumb": ("Kruimelpad", "Breadcrumb"),
    "section-nav": ("Deze aanbesteding", "This tender"),
    "on-this-page": ("Op deze pagina", "On this page"),
    "search": ("Zoeken", "Search"),
}


def word(key: str, lang: Lang) -> str:
    dutch, english = _WORDS[key]
    return english if lang == "en" else dutch
