"""TenderPack: the plain, complete data every output of one tender is rendered from.

The annex, the onboarding pages and the calendar all read the same pack, so a date or an
OIN cannot differ between them. Building a pack is where derived values are computed once:
deadlines, the message standard, the checklist steps that apply to this tender.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from tenderpack.messages import Lang, join_years, text
from tenderpack.registry.facts import organisation_on
from tenderpack.registry.time_limits import time_limit
from tenderpack.systems import Profile, Registry, shipped_registry
from tenderpack.systems.spec import LawDeadline, Phase
from tenderpack.tender.conditions import all_hold
from tenderpack.tender.model import Tender

Owner = str  # a key of the profile's ``owners``
Basis = Literal["law", "contract", "tender"]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date (or a moment without one) that some step or output refers to.

    ``basis`` says what makes it binding, so every output can say which is which: the
    tender's own dates, a time limit counted under the law, or a term of the contract.
    """

    key: str  # award | contract_start | a connection id
    date: dt.date | None  # None: a moment with no date yet (before the first order)
    basis: Basis = "tender"
    moment: str | None = None  # for a contract term: the moment counted back from
    days_before: int = 0
    # Years the time limit was counted in that no published royal decree covers yet
    # (Algemene termijnenwet art. 3 lid 3): the date may still move when one appears.
    undecreed_years: tuple[int, ...] = ()

    def note(self, lang: Lang) -> str | None:
        """The caveat every output shows next to this date, or None when it is final."""
        if not self.undecreed_years:
            return None
        return text("deadline-no-decree", lang, years=join_years(self.undecreed_years, lang))


def connection_deadline(tender: Tender, profile: Profile, key: str) -> Deadline:
    """When the connection option ``key`` must be in use, by its profile's rule."""
    rule = profile.deadline_rule(key)
    parameters = tender.connections[key]
    if isinstance(rule, LawDeadline):
        start = tender.dates.award if rule.from_ == "award" else tender.dates.contract_start
        limit = time_limit(start, int(parameters["months"]))
        return Deadline(key, limit.date, "law", undecreed_years=limit.undecreed_years)
    moment = str(parameters["before"])
    days = int(parameters.get("days_before", 0))
    if moment == "contract_start":
        day = tender.dates.contract_start - dt.timedelta(days=days)
        return Deadline(key, day, "contract", moment, days)
    return Deadline(key, None, "contract", moment, days)


@dataclass(frozen=True, slots=True)
class ChecklistStep:
    id: str
    phase: Phase
    owner: Owner
    title: str
    explanation: str
    clause: str
    due: Deadline | None  # None: the annex names no moment for it (at submission, always)


@dataclass(frozen=True, slots=True)
class DepartmentView:
    name: str
    abbreviation: str
    oin: str
    on_system: bool
    role: str  # orders | invoices | both
    known_as: str | None  # the dated list's name on the award date, when it knows one


@dataclass(frozen=True)
class TenderPack:
    tender: Tender
    source_path: Path
    system: Profile
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
            "schema_version": self.tender.schema_version,
            "system": self.system.id,
            "annex": {  # the files are <reference>-<stem>.<ext>, the site page <stem>.html
                "stem": self.system.data.annex.stem,
                "title": self.system.data.annex.title(self.lang),
                "short": self.system.data.annex.short(self.lang),
            },
            "message_standard": self.message_standard,
            "channel": self.tender.channel,
            "connections": dict(self.tender.connections),
            "settings": dict(self.tender.settings),
            "deadlines": {
                key: deadline.date.isoformat()
                for key, deadline in self.deadlines.items()
                if deadline.date is not None
            },
            "deadline_rules": {
                key: {
                    "basis": deadline.basis,
                    "moment": deadline.moment,
                    "days_before": deadline.days_before,
                }
                for key, deadline in self.deadlines.items()
                if deadline.basis != "tender"
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
                    "due": step.due.date.isoformat() if step.due and step.due.date else None,
                    "due_moment": step.due.moment if step.due and not step.due.date else None,
                    "due_key": step.due.key if step.due else None,
                    "clause": step.clause,
                }
                for step in self.checklist
            ],
            "privacy_notices": list(self.privacy_notices),
            "tender": self.tender.model_dump(mode="json"),
        }


def _deadlines(tender: Tender, profile: Profile) -> dict[str, Deadline]:
    # Award and contract start are dates the tender gives; the rest follow the profile.
    deadlines = {
        "award": Deadline("award", tender.dates.award),
        "contract_start": Deadline("contract_start", tender.dates.contract_start),
    }
    for key in tender.offered:
        deadlines[key] = connection_deadline(tender, profile, key)
    return deadlines


def fill_values(tender: Tender, profile: Profile, message_standard: str) -> dict[str, object]:
    """What the placeholders of the profile's texts stand for in this tender."""
    centre = profile.data.service_centre
    values: dict[str, object] = {
        "system": profile.name,
        "operator": profile.data.operator.name,
        "message_standard": message_standard,
        "service_centre_name": centre.name,
        "service_centre_phone": centre.phone or "",
        "service_centre_email": centre.email or "",
        "service_centre_website": centre.website or "",
    }
    for key in profile.connection_ids:
        for name, parameter in profile.data.connections[key].parameters().items():
            values[f"{key}_{name}"] = tender.connections.get(key, {}).get(name, parameter.default)
    for key in profile.settings:
        value = tender.setting(key)
        values[key] = "" if value is None else value
    if tender.channel is not None:
        values["channel"] = profile.channel_name(tender.channel, tender.language)
    return values


def build_pack(tender: Tender, source_path: Path, registry: Registry | None = None) -> TenderPack:
    """Derive everything the outputs need from a validated tender."""
    lang = tender.language
    profile = (registry or shipped_registry())[tender.system]
    deadlines = _deadlines(tender, profile)
    message_standard = profile.data.message_standards[tender.supply]
    options = {
        connection: connection in tender.connections for connection in profile.connection_ids
    }
    options.update({key: bool(tender.setting(key)) for key in profile.settings})
    options["departments_not_on_system"] = any(not d.on_system for d in tender.departments)
    options["several_departments"] = len(tender.departments) > 1
    fill = fill_values(tender, profile, message_standard)
    steps = tuple(
        ChecklistStep(
            id=step.id,
            phase=step.phase,
            owner=step.owner,
            title=step.title(lang).format(**fill),
            explanation=step.explanation(lang).format(**fill),
            clause=step.clause,
            due=deadlines.get(step.due) if step.due else None,
        )
        for step in profile.steps
        if all_hold(step.when, tender)
    )
    departments = tuple(
        DepartmentView(
            name=d.name,
            abbreviation=d.abbreviation,
            oin=d.oin,
            on_system=d.on_system,
            role=d.role,
            known_as=getattr(organisation_on(d.abbreviation, tender.dates.award), "name", None),
        )
        for d in tender.departments
    )
    notices = (
        tuple(tender.privacy_notices)
        if tender.privacy_notices is not None
        else tuple(profile.data.privacy_notices)
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
