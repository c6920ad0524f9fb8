"""The format of a profile folder (``profile.yaml``, ``checklist.yaml``) as typed models.

A profile is data a maintainer or a project writes, so it is validated like a tender file:
strict types, no unknown keys, and every problem reported at its line by the loader. The
models here are also what the rest of tenderpack reads: a ``Profile`` is the validated file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from tenderpack.messages import Lang
from tenderpack.reading.dates import Date

PROFILE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"
KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
Supply = Literal["goods", "services", "hire"]
SUPPLIES: tuple[Supply, ...] = ("goods", "services", "hire")
Phase = Literal["submission", "award", "contract_start", "first_order", "contract"]
PHASES: tuple[Phase, ...] = ("submission", "award", "contract_start", "first_order", "contract")
# The moments a contract term can count back from; only contract_start has a date.
Moment = Literal["contract_start", "first_order", "first_invoice"]
DATED_MOMENTS = ("award", "contract_start")


def _check_pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise PydanticCustomError("profile-pattern", "bad pattern", {"reason": str(exc)}) from None
    return value


Key = Annotated[str, Field(pattern=KEY_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Pattern = Annotated[str, AfterValidator(_check_pattern)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Words(_Spec):
    """A text in both languages: every sentence a user reads exists in Dutch and English."""

    nl: Text
    en: Text

    def __call__(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.nl


class Condition(_Spec):
    """When a step, paragraph or rule applies; every given part must hold."""

    connection: Key | None = None
    setting: Key | None = None
    supply: Supply | None = None
    channel: Key | None = None
    departments_not_on_system: bool | None = None
    several_departments: bool | None = None
    invoice_to_other_unit: bool | None = None


def _conditions(value: Any) -> Any:
    """``when:`` takes one condition or a list of them (all must hold)."""
    if isinstance(value, dict):
        return [value]
    return value


When = Annotated[list[Condition], BeforeValidator(_conditions)]


class Bound(_Spec):
    """A number the tender may set, with its default and limits."""

    default: int
    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> Bound:
        if not self.min <= self.default <= self.max:
            raise PydanticCustomError(
                "profile-bounds",
                "default outside bounds",
                {"default": self.default, "min": self.min, "max": self.max},
            )
        return self


class MomentChoice(_Spec):
    default: Moment
    choices: list[Moment] = Field(min_length=1)

    @model_validator(mode="after")
    def _default_is_a_choice(self) -> MomentChoice:
        if self.default not in self.choices:
            raise PydanticCustomError(
                "profile-default-not-a-choice",
                "default not among choices",
                {"default": self.default, "choices": ", ".join(self.choices)},
            )
        return self


class LawDeadline(_Spec):
    """Counted under the Algemene termijnenwet: months from a date the tender gives."""

    basis: Literal["law"]
    from_: Literal["award", "contract_start"] = Field(alias="from")
    months: Bound


class ContractDeadline(_Spec):
    """A term of the contract: ready before a moment, less an optional number of days.

    Only a moment with a date can be counted back from, so the offset is per tender: a
    tender may set ``days_before`` (other than 0) only with a dated moment, and its default
    applies only there (``offset_for``); "10 days before the first order" is no date anyone
    can keep.
    """

    basis: Literal["contract"]
    before: MomentChoice
    days_before: Bound = Bound(default=0, min=0, max=0)

    @property
    def dated_choices(self) -> tuple[Moment, ...]:
        """The moments among the choices that have a date to count back from."""
        return tuple(moment for moment in self.before.choices if moment in DATED_MOMENTS)

    def offset_for(self, moment: str) -> int:
        """The offset a tender that does not set ``days_before`` gets with ``moment``."""
        return self.days_before.default if moment in DATED_MOMENTS else 0


Deadline = Annotated[LawDeadline | ContractDeadline, Field(discriminator="basis")]


class Connection(_Spec):
    mandatory: bool = False
    name: Words
    ready: Words  # the deadline's label: "<option> in gebruik"
    deadline: Deadline

    def parameters(self) -> dict[str, Bound | MomentChoice]:
        """What a tender may set for this option, with defaults and limits."""
        if isinstance(self.deadline, LawDeadline):
            return {"months": self.deadline.months}
        found: dict[str, Bound | MomentChoice] = {"before": self.deadline.before}
        if self.deadline.days_before.max > 0:
            found["days_before"] = self.deadline.days_before
        return found


class Refusal(_Spec):
    pattern: Pattern
    message: Words


class Setting(_Spec):
    """A per-tender choice a profile adds under ``settings:`` in a tender file."""

    kind: Literal["flag", "text", "choice", "choices", "number"]
    name: Words
    description: Words
    required: bool = False
    default: bool | int | str | list[str] | None = None
    default_when: Condition | None = None  # a flag's default is true when this holds
    choices: list[Key] | None = None
    min: int | None = None
    max: int | None = None
    max_length: int = Field(200, ge=1, le=4000)
    refuse: list[Refusal] = []

    @model_validator(mode="after")
    def _consistent(self) -> Setting:
        needs_choices = self.kind in ("choice", "choices")
        if needs_choices != (self.choices is not None):
            raise PydanticCustomError(
                "profile-setting-choices", "choices mismatch", {"kind": self.kind}
            )
        if self.default_when is not None and self.kind != "flag":
            raise PydanticCustomError(
                "profile-setting-default-when", "default_when on a non-flag", {"kind": self.kind}
            )
        return self


class ServiceCentre(_Spec):
    name: Text
    phone: Text | None = None
    phone_note: Words | None = None
    email: Text | None = None
    website: Text | None = None
    verify: Words | None = None  # a caveat: data that could not be confirmed


class Operator(_Spec):
    name: Text


class Annex(_Spec):
    templates: Key  # the folder in templates/
    stem: Key  # <reference>-<stem>.<ext>, and the page's name
    title: Words
    short: Words


class Identifiers(_Spec):
    buyer: list[Annotated[str, Field(pattern=r"^[0-9]{4}$")]] = []
    supplier: list[Annotated[str, Field(pattern=r"^[0-9]{4}$")]] = []


class Requirement(_Spec):
    """What a rule asks of a tender: a setting's value, a connection, or one of several."""

    setting: Key | None = None
    equals: bool | int | str | None = None
    connection: Key | None = None
    any_connection: list[Key] = []  # at least one of these offered (e.g. a way to invoice)


class Rule(_Spec):
    id: Key
    when: When = []
    require: Requirement
    severity: Literal["error", "warning"] = "error"
    message: Words


class Paragraph(_Spec):
    when: When = []
    text: Words
    item: bool = False  # shown as a bullet point, with the paragraphs around it that are too


class Section(_Spec):
    """A part of the tender's ordering-and-invoicing page, after departments and connections."""

    title: Words
    when: When = []
    paragraphs: list[Paragraph] = Field(min_length=1)


class SiteTexts(_Spec):
    sections: list[Section] = []


class Version1(_Spec):
    """How a ``schema_version: 1`` file's fields map onto version 2 (see docs/develop)."""

    department_flag: Key
    fields: dict[Key, Annotated[str, Field(pattern=r"^[a-z0-9_.-]+$")]] = {}


class ProfileFile(_Spec):
    """``profile.yaml``: what one purchasing system is and what a tender on it may choose."""

    id: Annotated[str, Field(pattern=PROFILE_ID_PATTERN)]
    name: Text
    status: Literal["current", "stopped"]
    stopped: Date | None = None
    stopped_note: Words | None = None
    default: bool = False
    operator: Operator
    service_centre: ServiceCentre
    owners: dict[Key, Words] = Field(min_length=1)
    annex: Annex
    clauses: dict[Key, Words] = Field(min_length=1)  # the annex's parts steps come from
    message_standards: dict[Supply, Text]
    channels: dict[Key, Words] = {}
    connections: dict[Key, Connection] = Field(min_length=1)
    identifiers: Identifiers = Identifiers()
    settings: dict[Key, Setting] = {}
    rules: list[Rule] = []
    privacy_notices: list[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]] = []
    site: SiteTexts = SiteTexts()
    version_1: Version1 | None = None


class Step(_Spec):
    """One obligation in the connection checklist."""

    id: Key
    phase: Phase
    owner: Key
    due: Key | None = None  # award | contract_start | a connection id
    when: When = []
    clause: Key
    title: Words
    explanation: Words


class ChecklistFile(_Spec):
    steps: list[Step] = Field(min_length=1)


@dataclass(frozen=True)
class Version1Mapping:
    """What ``tenderpack migrate`` and the loader need to read a version 1 file."""

    system: str  # the profile id v1 files mean, with or without ``system:``
    department_flag: str  # the v1 name of ``on_system``
    fields: Mapping[str, tuple[str, ...]]  # v1 top-level key -> v2 key path
