"""The tender file format, version 1, as a typed model (the contract in spec/tender-format.md).

Validation is strict: YAML must already have given each value the right type, so a
number never silently becomes an OIN and a string never silently becomes a date. Checks
that need a friendly, specific message raise ``PydanticCustomError`` with a code from
``messages``; the loader translates those into the officer's language. The Dutch
``description`` of every field feeds the JSON Schema that editors autocomplete from.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from tenderpack.privacy.model import NOTICE_ID_MAX, NOTICE_ID_PATTERN
from tenderpack.reading.dates import iso_date
from tenderpack.reading.texts import Email, Name, Prose, Short, Title
from tenderpack.registry.facts import oin_prefixes
from tenderpack.tender.reference import reference_problem

REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$"
# What the patterns above allow at most, said as maxLength too for the schema's readers.
REFERENCE_MAX, OIN_LENGTH = 40, 20


def oin_pattern() -> str:
    """The JSON Schema pattern for an OIN: 20 digits starting with a known prefix."""
    prefixes = "|".join(sorted(oin_prefixes()))
    return rf"^({prefixes})[0-9]{{12}}$"


def _check_oin(value: str) -> str:
    # str.isdigit() also says yes to '²' and Arabic-Indic digits; an OIN is ASCII 0-9 only.
    other = next((char for char in value if char not in "0123456789"), None)
    if other is not None and other.isdigit():
        raise PydanticCustomError("oin-digits", "not ASCII digits", {"value": value, "char": other})
    if len(value) == 8 and other is None:  # the number suppliers know, in the wrong place
        raise PydanticCustomError("oin-kvk", "a KvK number", {"value": value})
    if not (len(value) == 20 and other is None):
        raise PydanticCustomError("oin-format", "bad OIN", {"value": value, "length": len(value)})
    prefix = value[:8]
    if prefix not in oin_prefixes():
        known = ", ".join(sorted(oin_prefixes()))
        raise PydanticCustomError(
            "oin-prefix", "unknown OIN prefix", {"value": value, "prefix": prefix, "known": known}
        )
    return value


def _check_reference(value: Any) -> Any:
    """Runs before the pattern, so ``../x`` or ``CON`` gets the message that says why."""
    if not isinstance(value, str):
        return value
    if "/" in value or "\\" in value or ".." in value:
        raise PydanticCustomError("unsafe-reference", "unsafe reference", {"value": value})
    problem = reference_problem(value)
    if problem is not None:
        code, params = problem
        raise PydanticCustomError(code, "reference cannot be a folder", {"value": value, **params})
    return value


Oin = Annotated[
    str,
    AfterValidator(_check_oin),
    Field(
        description="Organisatie-identificatienummer: 20 cijfers, tussen aanhalingstekens.",
        json_schema_extra={"pattern": oin_pattern(), "maxLength": OIN_LENGTH},
    ),
]
# Tender dates fall in this century; outside it a year is a typo (0227, 20227) and the
# deadline arithmetic would run off the calendar (9999-12-01 + 4 months).
FIRST_YEAR, LAST_YEAR = 2000, 2099


def _plausible_year(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError(
            "date-range",
            "implausible year",
            {"value": value.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return value


# A date in a tender file.
TenderDate = Annotated[
    dt.date,
    BeforeValidator(iso_date),
    AfterValidator(_plausible_year),
    # What editors check: the YAML language server reads an unquoted date as text.
    Field(json_schema_extra={"pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"}),
]


# A privacy notice's id: its file name in docs/privacy/ without .yaml.
NoticeId = Annotated[
    str, Field(pattern=NOTICE_ID_PATTERN, json_schema_extra={"maxLength": NOTICE_ID_MAX})
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Organisation(_Strict):
    """An organisation identified by its OIN."""

    name: Name = Field(description="Volledige naam van de organisatie.")
    abbreviation: Short = Field(description="Afkorting, zoals BZK of IenW.")
    oin: Oin


Role = Literal["orders", "invoices", "both"]


class Department(Organisation):
    """A participating unit (deelnemend rijksdienstonderdeel), as version 2 names it."""

    on_system: bool = Field(
        True,
        description=(
            "true: het onderdeel werkt met het inkoopsysteem van de aanbesteding. false: de "
            "leverancier wisselt toch berichten met dit onderdeel uit."
        ),
    )
    role: Role = Field(
        "both",
        description=(
            "orders: het onderdeel bestelt; invoices: het ontvangt de facturen (een ander OIN "
            "dan het bestellende onderdeel); both (standaard): allebei."
        ),
    )


class Dates(_Strict):
    award: TenderDate = Field(description="Gunningsdatum (JJJJ-MM-DD).")
    contract_start: TenderDate = Field(
        description="Ingangsdatum van de overeenkomst (JJJJ-MM-DD); na de gunning."
    )


class Contact(_Strict):
    name: Name = Field(
        description="Naam van de contactpersoon of het team bij de aanbestedende dienst."
    )
    email: Email = Field(description="E-mailadres voor vragen van leveranciers.")
    phone: Short | None = Field(
        None, description="Telefoonnummer (optioneel), tussen aanhalingstekens."
    )


class TenderFields(_Strict):
    """The fields every version of the format has, whatever the purchasing system."""

    reference: Annotated[str, BeforeValidator(_check_reference)] = Field(
        pattern=REFERENCE_PATTERN,
        json_schema_extra={"maxLength": REFERENCE_MAX},
        description=(
            "Kenmerk van de aanbesteding, uniek binnen tenders/; wordt deel van bestandsnamen."
        ),
    )
    title: Title = Field(description="Titel van de aanbesteding.")
    summary: Prose | None = Field(
        None,
        description=(
            "Eén of twee zinnen over wat er wordt ingekocht (optioneel), voor de startpagina."
        ),
    )
    language: Literal["nl", "en"] = Field(
        "nl", description="Taal van alle uitvoer: nl (standaard) of en."
    )
    agreement: Literal["raamovereenkomst", "overeenkomst"] = Field(
        description="Soort overeenkomst."
    )
    supply: Literal["goods", "services", "hire"] = Field(
        description=(
            "Wat er geleverd wordt: goods (leveringen), services (diensten) of hire (inhuur)."
        )
    )
    contracting_authority: Organisation = Field(description="De aanbestedende dienst.")
    dates: Dates = Field(description="Gunningsdatum en ingangsdatum.")
    contact: Contact = Field(description="Contact voor leveranciers bij de aanbestedende dienst.")
    privacy_notices: list[NoticeId] | None = Field(
        None,
        description=(
            "Privacyverklaringen die leveranciers te zien krijgen; standaard die van het "
            "systeemprofiel."
        ),
    )


class Tender(TenderFields):
    """One tender in version 2's terms, whichever version its file is written in.

    Every output reads this. What a purchasing system adds is kept as plain values checked
    against its profile when the file was loaded (``versions.py``): the connection options
    offered with their parameters (defaults filled in), and the profile's settings.
    """

    schema_version: int  # as the file says: 1 or 2
    system: str
    departments: list[Department] = Field(min_length=1)
    channel: str | None = None
    connections: dict[str, dict[str, Any]]
    settings: dict[str, Any] = {}

    @property
    def offered(self) -> tuple[str, ...]:
        return tuple(self.connections)

    def setting(self, name: str) -> Any:
        return self.settings.get(name)
