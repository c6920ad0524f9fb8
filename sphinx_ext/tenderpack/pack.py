"""TenderPack: the plain, complete data every output of one tender is rendered from.

The annex, the onboarding pages and the calendar all read the same pack, so a date or an
OIN cannot differ between them. Building a pack is where derived values are computed once:
deadlines, the message standard, the checklist steps that apply to this tender.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from babel.dates import format_date

from tenderpack.deadlines import time_limit
from tenderpack.domain import SystemProfile, organisation_on, system_profile
from tenderpack.messages import Lang, join_years, text
from tenderpack.model import Tender

Owner = Literal["supplier", "contracting_authority", "logius"]
Phase = Literal["submission", "award", "contract_start", "first_order", "contract"]
PHASES: tuple[Phase, ...] = ("submission", "award", "contract_start", "first_order", "contract")

MESSAGE_STANDARDS = {"goods": "UBL-OHNL", "services": "UBL-OHNL", "hire": "HR-XML-OHNL"}

_BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def long_date(day: dt.date, lang: Lang) -> str:
    """``15 juli 2027`` / ``15 July 2027``: how the annex and the site write dates."""
    return format_date(day, format="long", locale=_BABEL_LOCALES[lang])


@dataclass(frozen=True, slots=True)
class Deadline:
    """A derived date that some step or output refers to."""

    key: str  # award | contract_start | leveranciersportaal | digipoort
    date: dt.date
    # Years the time limit was counted in that no published royal decree covers yet
    # (Algemene termijnenwet art. 3 lid 3): the date may still move when one appears.
    undecreed_years: tuple[int, ...] = ()

    def note(self, lang: Lang) -> str | None:
        """The caveat every output shows next to this date, or None when it is final."""
        if not self.undecreed_years:
            return None
        return text("deadline-no-decree", lang, years=join_years(self.undecreed_years, lang))


@dataclass(frozen=True, slots=True)
class ChecklistStep:
    id: str
    phase: Phase
    owner: Owner
    title: str
    explanation: str
    clause: str
    due: Deadline | None  # None: the annex names a moment, not a date (e.g. before the first order)


@dataclass(frozen=True, slots=True)
class DepartmentView:
    name: str
    abbreviation: str
    oin: str
    on_system: bool
    known_as: str | None  # the dated list's name on the award date, when it knows one


@dataclass(frozen=True)
class TenderPack:
    tender: Tender
    source_path: Path
    system: SystemProfile
    message_standard: str
    deadlines: dict[str, Deadline]
    checklist: tuple[ChecklistStep, ...]
    departments: tuple[DepartmentView, ...]
    privacy_notices: tuple[str, ...]
    options: dict[str, bool] = field(default_factory=dict)

    @property
    def lang(self) -> Lang:
        return self.tender.language

    @property
    def reference(self) -> str:
        return self.tender.reference

    def steps_in(self, phase: Phase) -> list[ChecklistStep]:
        return [step for step in self.checklist if step.phase == phase]

    def to_json(self) -> dict[str, Any]:
        """The pack as JSON-ready data (ISO dates), for ``tenderpack show --json``."""
        return {
            "reference": self.reference,
            "title": self.tender.title,
            "language": self.lang,
            "system": self.system.id,
            "message_standard": self.message_standard,
            "channel": self.tender.channel,
            "connections": list(self.tender.connections),
            "catalogue": self.tender.catalogue,
            "deadlines": {
                key: deadline.date.isoformat() for key, deadline in self.deadlines.items()
            },
            "deadline_notes": {
                key: {"undecreed_years": list(deadline.undecreed_years), "note": note}
                for key, deadline in self.deadlines.items()
                if (note := deadline.note(self.lang)) is not None
            },
            "departments": [asdict(d) for d in self.departments],
            "checklist": [
                {
                    "id": step.id,
                    "phase": step.phase,
                    "owner": step.owner,
                    "title": step.title,
                    "due": step.due.date.isoformat() if step.due else None,
                    "due_key": step.due.key if step.due else None,
                    "clause": step.clause,
                }
                for step in self.checklist
            ],
            "privacy_notices": list(self.privacy_notices),
            "tender": self.tender.model_dump(mode="json"),
        }


@cache
def _checklist_source(system_id: str) -> tuple[dict[str, Any], ...]:
    resource = resources.files("tenderpack").joinpath("data", "checklists", f"{system_id}.yaml")
    return tuple(yaml.safe_load(resource.read_text(encoding="utf-8"))["steps"])


def _deadlines(tender: Tender) -> dict[str, Deadline]:
    # Award and contract start are dates the tender gives; only a counted period can move.
    deadlines = {
        "award": Deadline("award", tender.dates.award),
        "contract_start": Deadline("contract_start", tender.dates.contract_start),
        "leveranciersportaal": Deadline("leveranciersportaal", tender.dates.contract_start),
    }
    if "digipoort" in tender.connections:
        limit = time_limit(tender.dates.award, tender.digipoort_months)
        deadlines["digipoort"] = Deadline("digipoort", limit.date, limit.undecreed_years)
    return deadlines


def build_pack(tender: Tender, source_path: Path) -> TenderPack:
    """Derive everything the outputs need from a validated tender."""
    lang = tender.language
    profile = system_profile(tender.system)
    deadlines = _deadlines(tender)
    message_standard = MESSAGE_STANDARDS[tender.supply]
    options = {connection: connection in tender.connections for connection in profile.connections}
    options["catalogue"] = tender.catalogue
    options["departments_not_on_system"] = any(not d.on_digiinkoop for d in tender.departments)
    options["several_departments"] = len(tender.departments) > 1
    fill = {
        "system": profile.name,
        "message_standard": message_standard,
        "service_centre_phone": profile.service_centre.phone,
        "service_centre_email": profile.service_centre.email,
        "digipoort_months": tender.digipoort_months,
    }
    steps = tuple(
        ChecklistStep(
            id=raw["id"],
            phase=raw["phase"],
            owner=raw["owner"],
            title=raw["title"][lang].format(**fill),
            explanation=raw["explanation"][lang].format(**fill),
            clause=raw["clause"],
            due=deadlines[raw["due"]] if "due" in raw else None,
        )
        for raw in _checklist_source(profile.id)
        if "when" not in raw or options.get(raw["when"], False)
    )
    departments = tuple(
        DepartmentView(
            name=d.name,
            abbreviation=d.abbreviation,
            oin=d.oin,
            on_system=d.on_digiinkoop,
            known_as=getattr(organisation_on(d.abbreviation, tender.dates.award), "name", None),
        )
        for d in tender.departments
    )
    notices = (
        tuple(tender.privacy_notices)
        if tender.privacy_notices is not None
        else profile.privacy_notices
    )
    return TenderPack(
        tender=tender,
        source_path=source_path,
        system=profile,
        message_standard=message_standard,
        deadlines=deadlines,
        checklist=steps,
        departments=departments,
        privacy_notices=notices,
        options=options,
    )
