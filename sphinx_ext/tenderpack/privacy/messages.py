"""Every sentence the privacy component says, in Dutch and English.

Kept apart from the tender catalogue (``tenderpack.messages``) because these sentences
belong to one component and its privacy officer reader: gap messages, the labels of the
rendered notice and the completeness table. Codes are stable; tests refer to them.
"""

from __future__ import annotations

from tenderpack.display import fill
from tenderpack.messages import Lang

_CATALOGUE: dict[str, tuple[str, str]] = {
    # Gaps: one per GDPR element. The citation is appended by the checker.
    "gap-controller": ("geen verwerkingsverantwoordelijke genoemd", "no controller named"),
    "gap-controller-contact": (
        "geen contactgegevens van de verwerkingsverantwoordelijke",
        "no contact details of the controller",
    ),
    "gap-dpo": (
        "geen contactgegevens van de functionaris voor gegevensbescherming",
        "no contact details of the data protection officer",
    ),
    "gap-purposes": ("geen doeleinden van de verwerking", "no purposes of the processing"),
    "gap-legal-basis": (
        "{count} van de {total} doeleinden zonder rechtsgrond",
        "{count} of {total} purposes without a legal basis",
    ),
    "gap-legitimate-interests": (
        "verwerking op grond van gerechtvaardigd belang, maar het belang wordt niet genoemd",
        "processing rests on legitimate interests, but they are not stated",
    ),
    "gap-categories": (
        "{subject}: geen categorieën van persoonsgegevens",
        "{subject}: no categories of personal data",
    ),
    "gap-recipients": (
        "niet vermeld aan wie persoonsgegevens worden verstrekt",
        "no recipients stated",
    ),
    "gap-transfers": (
        "niet vermeld of persoonsgegevens buiten de EU worden doorgegeven",
        "not stated whether personal data are transferred outside the EU",
    ),
    "gap-transfer-safeguards": (
        "doorgifte buiten de EU zonder vermelding van de waarborgen",
        "transfer outside the EU without its safeguards",
    ),
    "gap-retention": ("{subject}: geen bewaartermijn", "{subject}: no retention period"),
    "gap-rights": ("rechten niet genoemd: {rights}", "rights not mentioned: {rights}"),
    "gap-consent-withdrawal": (
        "verwerking op grond van toestemming, maar het recht om die in te trekken wordt niet "
        "genoemd",
        "processing rests on consent, but the right to withdraw it is not mentioned",
    ),
    "gap-complaint": ("geen klachtinstantie", "no complaint authority"),
    "gap-provision": (
        "{subject}: niet vermeld of de betrokkene de gegevens moet verstrekken en wat er "
        "gebeurt als dat niet gebeurt",
        "{subject}: not stated whether the person must provide the data and what happens if not",
    ),
    "gap-provision-consequences": (
        "{subject}: verstrekken is verplicht, maar de gevolgen van niet verstrekken ontbreken",
        "{subject}: providing the data is obligatory, but the consequences of not doing so "
        "are missing",
    ),
    "gap-source": (
        "{subject}: niet vermeld waar de persoonsgegevens vandaan komen",
        "{subject}: the source of the personal data is not stated",
    ),
    "gap-source-detail": (
        "{subject}: de gegevens komen (ook) van een ander dan de betrokkene, maar de bron wordt "
        "niet genoemd",
        "{subject}: the data come (also) from someone other than the person, but the source "
        "is not named",
    ),
    "gap-automated": (
        "niet vermeld of er geautomatiseerde besluitvorming is",
        "not stated whether there is automated decision-making",
    ),
    "gap-automated-logic": (
        "geautomatiseerde besluitvorming zonder uitleg over de logica en de gevolgen",
        "automated decision-making without information on its logic and consequences",
    ),
    # Loading and the Sphinx component
    "privacy-not-a-mapping": (
        "een privacyverklaring moet een mapping van velden (sleutel: waarde) zijn; dit is {found}",
        "a privacy notice must be a mapping of fields (key: value); this is {found}",
    ),
    "privacy-id-mismatch": (
        "id '{id}' moet gelijk zijn aan de bestandsnaam zonder .yaml ('{stem}')",
        "id '{id}' must equal the file name without .yaml ('{stem}')",
    ),
    "privacy-duplicate-id": (
        "id '{id}' wordt ook gebruikt in {other}; een id is uniek",
        "id '{id}' is also used in {other}; ids are unique",
    ),
    "privacy-no-files": (
        "geen privacyverklaringen (*.yaml, *.yml) in {path}; er is niets gecontroleerd",
        "no privacy notices (*.yaml, *.yml) in {path}; nothing was checked",
    ),
    "privacy-bad-url": (
        "{field}: '{value}' is geen webadres; schrijf het volledig, beginnend met https://",
        "{field}: '{value}' is not a web address; write it in full, starting with https://",
    ),
    "privacy-unknown-notice": (
        "onbekende privacyverklaring '{id}'; bekend: {known}",
        "unknown privacy notice '{id}'; known: {known}",
    ),
    "privacy-invalid-notice": (
        "privacyverklaring '{id}' bevat fouten (zie hierboven) en wordt niet getoond",
        "privacy notice '{id}' has errors (see above) and is not shown",
    ),
    "privacy-no-folder": (
        "map met privacyverklaringen {folder} bestaat niet (tenderpack_privacy_dir)",
        "privacy notice folder {folder} does not exist (tenderpack_privacy_dir)",
    ),
    "privacy-stale-acceptance": (
        "tenderpack_privacy_accepted_gaps: '{key}' bij '{id}' is geen gat (meer); haal het weg",
        "tenderpack_privacy_accepted_gaps: '{key}' for '{id}' is not a gap (any more); remove it",
    ),
    "privacy-bad-config": (
        "tenderpack_privacy_accepted_gaps moet een dict zijn van id naar een lijst zoals "
        "['13.2.d'] of ['*']; {problem}",
        "tenderpack_privacy_accepted_gaps must be a dict from id to a list such as "
        "['13.2.d'] or ['*']; {problem}",
    ),
    "privacy-bad-view": (
        "onbekende weergave '{view}'; kies notice of register",
        "unknown view '{view}'; choose notice or register",
    ),
    # GDPR elements, as column heads and in lists
    "element-controller": ("Verwerkingsverantwoordelijke", "Controller"),
    "element-dpo": ("Functionaris gegevensbescherming", "Data protection officer"),
    "element-purposes": ("Doeleinden en grondslag", "Purposes and legal basis"),
    "element-legitimate_interests": ("Gerechtvaardigd belang", "Legitimate interests"),
    "element-categories": ("Categorieën persoonsgegevens", "Categories of personal data"),
    "element-recipients": ("Ontvangers", "Recipients"),
    "element-transfers": ("Doorgifte buiten de EU", "Transfers outside the EU"),
    "element-retention": ("Bewaartermijn", "Retention period"),
    "element-rights": ("Rechten van betrokkenen", "Rights of the person"),
    "element-consent_withdrawal": ("Toestemming intrekken", "Withdrawing consent"),
    "element-complaint": ("Klacht bij de toezichthouder", "Complaint to the supervisory authority"),
    "element-provision": ("Verplichting tot verstrekken", "Obligation to provide"),
    "element-source": ("Bron van de gegevens", "Source of the data"),
    "element-automated_decisions": ("Geautomatiseerde besluitvorming", "Automated decision-making"),
    # Rights
    "right-access": ("inzage", "access"),
    "right-rectification": ("rectificatie", "rectification"),
    "right-erasure": ("wissen", "erasure"),
    "right-restriction": ("beperking van de verwerking", "restriction of processing"),
    "right-objection": ("bezwaar", "objection"),
    "right-portability": ("overdraagbaarheid van gegevens", "data portability"),
    # Legal bases (AVG art. 6 lid 1)
    "basis-consent": ("toestemming (AVG art. 6 lid 1 onder a)", "consent (GDPR Art. 6(1)(a))"),
    "basis-contract": (
        "uitvoering van een overeenkomst (AVG art. 6 lid 1 onder b)",
        "performance of a contract (GDPR Art. 6(1)(b))",
    ),
    "basis-legal_obligation": (
        "wettelijke verplichting (AVG art. 6 lid 1 onder c)",
        "legal obligation (GDPR Art. 6(1)(c))",
    ),
    "basis-vital_interest": (
        "vitaal belang (AVG art. 6 lid 1 onder d)",
        "vital interests (GDPR Art. 6(1)(d))",
    ),
    "basis-public_task": (
        "taak van algemeen belang (AVG art. 6 lid 1 onder e)",
        "public task (GDPR Art. 6(1)(e))",
    ),
    "basis-legitimate_interest": (
        "gerechtvaardigd belang (AVG art. 6 lid 1 onder f)",
        "legitimate interests (GDPR Art. 6(1)(f))",
    ),
    # Sources and requirements
    "source-subject": ("Betrokkene", "The person"),
    "source-third_party": ("Derden", "Third parties"),
    "source-public_source": ("Openbare bron", "Public source"),
    "requirement-statutory": ("wettelijke verplichting", "statutory requirement"),
    "requirement-contractual": ("contractuele verplichting", "contractual requirement"),
    "requirement-pre_contractual": (
        "nodig om een overeenkomst te sluiten",
        "needed to enter into a contract",
    ),
    # Headings and labels of the rendered notice
    "kind-statement": ("Privacyverklaring", "Privacy statement"),
    "kind-register_entry": ("Beschrijving in het verwerkingsregister", "Processing register entry"),
    "section-about": ("Over deze verklaring", "About this notice"),
    "section-controller": ("Wie is verantwoordelijk?", "Who is responsible?"),
    "section-dpo": ("Functionaris voor gegevensbescherming", "Data protection officer"),
    "section-purposes": ("Doeleinden en grondslag", "Purposes and legal basis"),
    "section-data": ("Welke persoonsgegevens?", "Which personal data?"),
    "section-cookies": ("Cookies en statistieken", "Cookies and statistics"),
    "section-recipients": ("Ontvangers en verwerkers", "Recipients and processors"),
    "section-storage": ("Opslag en doorgifte buiten de EU", "Storage and transfers outside the EU"),
    "section-retention": ("Bewaartermijnen", "Retention"),
    "section-automated": ("Geautomatiseerde besluitvorming", "Automated decision-making"),
    "section-rights": ("Uw rechten", "Your rights"),
    "section-complaint": ("Klachten", "Complaints"),
    "section-security": ("Beveiliging", "Security"),
    "section-changes": ("Wijzigingen", "Changes"),
    "section-related": ("Gerelateerde verwerkingen", "Related processing"),
    "section-gaps": ("Niet vermeld in de bron", "Not stated in the source"),
    "label-version": ("Versie", "Version"),
    "label-published": ("Gepubliceerd", "Published"),
    "label-source-url": ("Bron", "Source"),
    "label-register-reference": ("Referentienummer", "Reference"),
    "label-service": ("Omschrijving", "Description"),
    "label-organisation": ("Organisatie", "Organisation"),
    "label-managed-by": ("Beheer", "Managed by"),
    "label-address": ("Postadres", "Postal address"),
    "label-visiting-address": ("Bezoekadres", "Visiting address"),
    "label-email": ("E-mail", "E-mail"),
    "label-phone": ("Telefoon", "Phone"),
    "label-name": ("Naam", "Name"),
    "label-responsibilities": ("Verdeling verantwoordelijkheid", "Division of responsibility"),
    "label-responsible": ("Verantwoordelijken", "Responsible"),
    "label-legal-basis": ("Grondslag", "Legal basis"),
    "label-no-basis": ("grondslag niet vermeld", "legal basis not stated"),
    "label-legitimate-interests": ("Gerechtvaardigde belangen", "Legitimate interests"),
    "label-subject": ("Betrokkene(n)", "Data subject(s)"),
    "label-data": ("Persoonsgegevens", "Personal data"),
    "label-optional": ("Optioneel", "Optional"),
    "label-optional-suffix": ("(optioneel)", "(optional)"),
    "label-collection-purpose": ("Verzameldoel", "Purpose of collection"),
    "label-retention": ("Bewaartermijn", "Retention period"),
    "label-source": ("Bron", "Source"),
    "label-provision": ("Aanleverplicht", "Obligation to provide"),
    "label-obligatory": ("Verplicht", "Obligatory"),
    "label-not-obligatory": ("Niet verplicht", "Not obligatory"),
    "label-consequences": ("Gevolgen bij het niet aanleveren", "Consequences of not providing"),
    "label-notes": ("Toelichting", "Notes"),
    "label-cookie-personal": ("bevat persoonsgegevens", "holds personal data"),
    "label-cookie-no-personal": ("bevat geen persoonsgegevens", "holds no personal data"),
    "label-recipients": ("Ontvangers", "Recipients"),
    "label-no-recipients": ("Geen ontvangers.", "No recipients."),
    "label-processors": ("Verwerkers", "Processors"),
    "label-transfers": ("Doorgifte buiten EU", "Transfers outside the EU"),
    "label-no-transfers": (
        "Geen doorgifte buiten de EU.",
        "No transfers outside the EU.",
    ),
    "label-transfers-yes": (
        "Er is doorgifte buiten de EU.",
        "Data are transferred outside the EU.",
    ),
    "label-safeguards": ("Waarborgen", "Safeguards"),
    "label-automated": ("Automatische besluitvorming", "Automated decision-making"),
    "label-no-automated": (
        "Geen geautomatiseerde besluitvorming.",
        "No automated decision-making.",
    ),
    "label-automated-yes": (
        "Er is geautomatiseerde besluitvorming.",
        "There is automated decision-making.",
    ),
    "label-rights": ("Rechten", "Rights"),
    "label-how-to": ("Verzoek indienen", "Making a request"),
    "label-response-time": ("Reactietermijn", "Response time"),
    "label-consent-withdrawal": ("Toestemming intrekken", "Withdrawing consent"),
    "label-complaint-authority": ("Klachtinstantie", "Complaint authority"),
    "label-mention": ("onder vermelding van", "mentioning"),
    "label-purposes": ("Doelen van de verwerking", "Purposes of the processing"),
    "label-not-stated": ("niet vermeld", "not stated"),
    "label-register-view": ("Registerweergave", "Register view"),
    "label-register-general": ("{service}: de verwerking", "{service}: the processing"),
    # Completeness table
    "completeness-caption": (
        "Volledigheid van de privacyverklaringen (AVG art. 13 en 14)",
        "Completeness of the privacy notices (GDPR Art. 13 and 14)",
    ),
    "completeness-notice": ("Verklaring", "Notice"),
    "completeness-articles": ("Artikel", "Article"),
    "cell-present": ("aanwezig", "present"),
    "cell-not-applicable": ("n.v.t.", "n/a"),
    "cell-missing": ("ontbreekt", "missing"),
    "cell-accepted": ("ontbreekt, geaccepteerd", "missing, accepted"),
    "cell-for": ("bij", "for"),
    # Summary for suppliers
    "summary-title": ("In het kort", "In short"),
    "summary-intro": (
        "Als u of uw medewerkers met deze diensten werken, worden persoonsgegevens verwerkt. "
        "Per dienst: welke gegevens, waarom, hoe lang en hoe u uw rechten uitoefent. De volledige "
        "verklaringen zijn apart te lezen.",
        "When you or your staff work with these services, personal data are processed. Per "
        "service: which data, why, for how long and how to exercise your rights. The full "
        "notices can be read separately.",
    ),
    "summary-data": ("Welke gegevens", "Which data"),
    "summary-why": ("Waarom", "Why"),
    "summary-how-long": ("Hoe lang", "For how long"),
    "summary-rights": ("Uw rechten", "Your rights"),
    "summary-request": ("Verzoek", "Request"),
    "summary-complaint": ("Klacht", "Complaint"),
    "summary-not-stated": ("Niet vermeld", "Not stated"),
    "summary-email": ("e-mail {email}", "e-mail {email}"),
    "summary-letter": ("brief aan {address}", "letter to {address}"),
    "summary-or": (" of ", " or "),
}


def ptext(code: str, lang: Lang = "nl", **params: object) -> str:
    """The privacy message or label for ``code`` in ``lang``, filled in with ``params``."""
    dutch, english = _CATALOGUE[code]
    template = english if lang == "en" else dutch
    if not params:
        return template
    return fill(template, params)  # a file name is quoted when it holds ESC (display.py)


def privacy_codes() -> frozenset[str]:
    return frozenset(_CATALOGUE)
