"""The privacy notice format, version 1, as a typed model (spec/privacy-notice-format.md).

One model holds both shapes of source: a privacy statement (numbered prose sections) and an
entry of the processing register (a table per data subject). A notice is a transcription:
every field that the source is silent on stays empty (``None``, or absent), so that the
completeness check can report it. Nothing here supplies a default that would hide a gap;
the only defaults are empty lists and ``None``.

Validation is strict like the tender model's: YAML must already have given each value
its type. Prose values are data, never markup.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from tenderpack.reading.dates import Date
from tenderpack.reading.texts import Email, Name, Prose, Short, Title

LegalBasisKind = Literal[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interest",
    "public_task",
    "legitimate_interest",
]
SourceKind = Literal["subject", "third_party", "public_source"]
Right = Literal["access", "rectification", "erasure", "restriction", "objection", "portability"]
Requirement = Literal["statutory", "contractual", "pre_contractual"]

# The values of each Literal as a tuple, for loops and tables (kept in the Literal's order).
LEGAL_BASES: tuple[LegalBasisKind, ...] = get_args(LegalBasisKind)
RIGHTS: tuple[Right, ...] = get_args(Right)
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)

# A notice id names its page and is what tenders list under privacy_notices.
NOTICE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
NOTICE_ID_MAX = 63  # what the pattern allows at most, said as maxLength for the schema


class _Strict(BaseModel):
    """As strict as the tender model: no unknown fields, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# No whitespace and no control character anywhere; 2,000 characters is what browsers keep.
Url = Annotated[str, Field(max_length=2000, pattern=r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$")]


def _one_or_more(value: Any) -> Any:
    """``source: subject`` as the spec writes it, or a list when a register names several."""
    return [value] if isinstance(value, str) else value


Sources = Annotated[
    list[SourceKind] | None,
    BeforeValidator(_one_or_more),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(SOURCE_KINDS)},
                {"type": "array", "items": {"enum": list(SOURCE_KINDS)}, "minItems": 1},
                {"type": "null"},
            ],
            "description": (
                "Waar de gegevens vandaan komen: subject (de betrokkene zelf), third_party of "
                "public_source; een lijst als de bron er meerdere noemt. Leeg als de bron het "
                "niet zegt."
            ),
        }
    ),
]


class Party(_Strict):
    """A responsible person or office as a register entry lists it ("Verantwoordelijken")."""

    name: Name
    visiting_address: Prose | None = None
    postal_address: Prose | None = None
    email: Email | None = None
    phone: Short | None = None


class Controller(_Strict):
    """Who is responsible (Art. 13/14(1)(a)): identity, and contact details where given."""

    name: Name | None = Field(
        None, description="De verwerkingsverantwoordelijke zoals de bron die noemt."
    )
    organisations: list[Name] = Field(
        default_factory=list,
        description="De organisaties die een registerbeschrijving noemt ('Organisatie').",
    )
    managed_by: Name | None = Field(
        None, description="Wie het beheer uitvoert, bijvoorbeeld een uitvoeringsorganisatie."
    )
    description: Prose | None = None
    address: Prose | None = Field(
        None, description="Postadres van de verwerkingsverantwoordelijke."
    )
    visiting_address: Prose | None = None
    email: Email | None = None
    phone: Short | None = None
    responsible: list[Party] = Field(
        default_factory=list,
        description="Verantwoordelijken met hun adressen (registerbeschrijving).",
    )


class Dpo(_Strict):
    """The data protection officer (functionaris gegevensbescherming), Art. 13/14(1)(b)."""

    name: Name | None = None
    email: Email | None = None
    address: Prose | None = None
    phone: Short | None = None


class LegalBasis(_Strict):
    """A legal basis as the source states it: the GDPR ground, the law it rests on, or both."""

    basis: LegalBasisKind | None = None
    reference: Name | None = Field(None, description="Bijvoorbeeld 'Besluit GDI, Stb. 2016, 195'.")
    text: Prose | None = Field(None, description="De bewoording van de bron.")


class Purpose(_Strict):
    """One purpose (Art. 13/14(1)(c)); without a basis of its own, the notice's ``legal_basis``."""

    text: Prose
    legal_basis: LegalBasisKind | None = None
    legal_basis_reference: Name | None = None


class DataGroup(_Strict):
    """Data listed for one occasion ("Bij het gebruik van ... worden verwerkt:")."""

    context: Prose
    items: list[Prose] = Field(min_length=1)
    optional: bool = False


class PersonalData(_Strict):
    """The categories of data about one kind of person (Art. 14(1)(d))."""

    required: list[Prose] = Field(default_factory=list)
    optional: list[Prose] = Field(default_factory=list)
    description: Prose | None = Field(
        None,
        description="Als de bron naar een vindplaats verwijst in plaats van op te sommen.",
    )
    groups: list[DataGroup] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.required or self.optional or self.description or self.groups)


class Provision(_Strict):
    """Whether the person must provide the data and what happens if not (Art. 13(2)(e))."""

    obligatory: bool | None = None
    requirement: Requirement | None = None
    text: Prose | None = Field(None, description="De bewoording van de bron.")
    consequences: Prose | None = None


class DataSubject(_Strict):
    """One kind of person whose data the service processes."""

    name: Name
    description: Prose | None = None
    concerns_suppliers: bool = Field(
        False,
        description=(
            "tenderpack-aantekening, geen gegeven uit de bron: true als medewerkers van een "
            "leverancier tot deze betrokkenen horen; de samenvatting voor leveranciers toont dan "
            "alleen deze betrokkenen."
        ),
    )
    data: PersonalData | None = None
    purpose: Prose | None = Field(None, description="Verzameldoel (registerbeschrijving).")
    source: Sources = None
    source_detail: Prose | None = None
    provision: Provision | None = None
    retention: Prose | None = None
    notes: list[Prose] = Field(default_factory=list)


class Cookie(_Strict):
    name: Name
    purpose: Prose | None = None
    personal_data: bool | None = None
    description: Prose | None = None


class Transfers(_Strict):
    """Transfers outside the EU (Art. 13/14(1)(f)); ``present: false`` when the source says none."""

    present: bool | None = None
    text: Prose | None = None
    safeguards: Prose | None = None


class AutomatedDecisions(_Strict):
    """Automated decisions (Art. 13(2)(f), 14(2)(g)); ``present: false`` if the source says none."""

    present: bool | None = None
    text: Prose | None = None
    logic: Prose | None = Field(
        None,
        description="Informatie over de onderliggende logica, het belang en de verwachte gevolgen.",
    )


class RightsContact(_Strict):
    """Where a request about one's data goes."""

    email: Email | None = None
    address: Prose | None = None
    mention: Prose | None = Field(None, description="Wat de verzoeker moet vermelden.")


class Notice(_Strict):
    """One privacy notice: a statement or a register entry, transcribed from its source."""

    schema_version: Literal[1] = Field(description="Versie van het formaat; altijd 1.")
    id: str = Field(
        pattern=NOTICE_ID_PATTERN,
        json_schema_extra={"maxLength": NOTICE_ID_MAX},
        description="Kenmerk; gelijk aan de bestandsnaam zonder .yaml.",
    )
    service: Name = Field(
        description="De dienst waar de verklaring over gaat, bijvoorbeeld een inkoopsysteem."
    )
    kind: Literal["statement", "register_entry"] = Field(
        description=(
            "statement (privacyverklaring) of register_entry (beschrijving in het "
            "verwerkingsregister)."
        )
    )
    language: Literal["nl", "en"] = "nl"
    title: Title | None = Field(None, description="De titel van het brondocument.")
    version: Short | None = None
    published: Date | None = None
    source_url: Url | None = None
    register_reference: Short | None = Field(
        None, description="Referentienummer in het register, bv. M1931."
    )
    introduction: list[Prose] = Field(default_factory=list)
    components: list[Prose] = Field(
        default_factory=list, description="Onderdelen of functies van de dienst."
    )
    controller: Controller | None = None
    dpo: Dpo | None = None
    responsibilities: list[Prose] = Field(default_factory=list)
    legal_basis: LegalBasis | None = Field(
        None, description="De grondslag die de bron voor de hele verwerking noemt."
    )
    purposes: list[Purpose] | None = None
    legitimate_interests: Prose | None = None
    data_subjects: list[DataSubject] = Field(default_factory=list)
    data_notes: list[Prose] = Field(default_factory=list)
    cookies: list[Cookie] = Field(default_factory=list)
    statistics: list[Prose] = Field(default_factory=list)
    recipients: list[Prose] | None = Field(
        None, description="[] als de bron zegt dat er geen ontvangers zijn."
    )
    processors: list[Prose] = Field(default_factory=list)
    storage: Prose | None = None
    transfers_outside_eu: Transfers | None = None
    retention: Prose | None = Field(None, description="Bewaartermijn voor alle betrokkenen samen.")
    automated_decision_making: AutomatedDecisions | None = None
    rights: list[Right] | None = Field(
        None, description="De rechten die de bron noemt; leeg als de bron zwijgt."
    )
    rights_text: list[Prose] = Field(
        default_factory=list, description="De rechten in de woorden van de bron."
    )
    how_to_exercise_rights: Prose | None = None
    rights_contact: RightsContact | None = None
    response_time: Prose | None = None
    consent_withdrawal: Prose | None = None
    complaint_authority: Name | None = None
    complaint_detail: Prose | None = None
    security: Prose | None = None
    changes: Prose | None = None
    related_processing: Prose | None = None
