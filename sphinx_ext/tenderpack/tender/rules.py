"""Domain rules that look at several fields of a valid tender at once.

Field-level checks live on the model; what is here needs context: the order of two dates,
the purchasing-system profile, the OIN-stelsel, the dated list of ministries, and the
deadline engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang, join_years, text
from tenderpack.reading.texts import bidi_controls
from tenderpack.reading.yamlsource import KeyPath, SourceMap, field_name
from tenderpack.registry.facts import oin_prefixes, organisation_history, organisation_on
from tenderpack.systems import Profile
from tenderpack.systems.spec import ContractDeadline
from tenderpack.tender.conditions import all_hold
from tenderpack.tender.model import Tender
from tenderpack.tender.pack import connection_deadline


@dataclass
class _Report:
    path: Path
    source: SourceMap
    lang: Lang
    found: list[Diagnostic] = field(default_factory=list)

    def add(self, severity: Severity, loc: KeyPath, code: str, **params: object) -> None:
        where = self.source.value(loc)
        message = text(code, self.lang, **params)
        self.found.append(Diagnostic(self.path, where.line, where.column, severity, message, code))


def check_tender(
    tender: Tender, source: SourceMap, path: Path, lang: Lang, profile: Profile
) -> list[Diagnostic]:
    """Every domain error, warning and note for one tender on ``profile``."""
    report = _Report(path, source, lang)
    _check_dates(tender, report)
    _check_connections(tender, profile, report)
    _check_deadlines(tender, profile, report)
    _check_oins(tender, report)
    _check_roles(tender, report)
    _check_profile_rules(tender, profile, report)
    for index, department in enumerate(tender.departments):
        _check_abbreviation(
            department.abbreviation, ("departments", index, "abbreviation"), tender, report
        )
    for loc, char in bidi_controls(tender):
        report.add(Severity.WARNING, loc, "bidi-control", field=field_name(loc), char=char)
    stopped = profile.data.stopped
    if stopped is not None and tender.dates.award >= stopped:
        note = profile.data.stopped_note
        if note is not None:
            report.add(Severity.NOTE, ("system",), "system-phase-out", note=note(lang))
        else:
            report.add(
                Severity.NOTE, ("system",), "system-stopped", system=profile.name, stopped=stopped
            )
    return report.found


def _check_dates(tender: Tender, report: _Report) -> None:
    award, start = tender.dates.award, tender.dates.contract_start
    if start <= award:
        report.add(
            Severity.ERROR,
            ("dates", "contract_start"),
            "contract-start-not-after-award",
            start=start,
            award=award,
        )


def _check_deadlines(tender: Tender, profile: Profile, report: _Report) -> None:
    award, start = tender.dates.award, tender.dates.contract_start
    for key in tender.offered:
        deadline = connection_deadline(tender, profile, key)
        name = profile.connection_name(key, report.lang)
        # Point at the parameter the file gives, else at the option itself.
        given = [
            p for p in tender.connections[key] if ("connections", key, p) in report.source.values
        ]
        where: KeyPath = ("connections", key, given[0]) if given else ("connections", key)
        rule = profile.deadline_rule(key)
        days = tender.connections[key].get("days_before", 0)
        written = "days_before" in given
        if isinstance(rule, ContractDeadline) and deadline.date is None and written and days:
            # Only what the file writes (a default is no choice of the tender's), and only an
            # offset: 0 days before the first order is the first order, as a starter writes it.
            loc: KeyPath = ("connections", key, "days_before")
            report.add(
                Severity.ERROR,
                loc,
                "days-before-undated-moment",
                field=field_name(loc),
                days=days,
                moment=deadline.moment,
                dated=", ".join(rule.dated_choices) or "-",
            )
        if deadline.date is None:
            continue
        if deadline.basis == "law" and deadline.date > start:
            report.add(
                Severity.WARNING,
                where,
                "deadline-after-start",
                connection=name,
                deadline=deadline.date,
                start=start,
            )
        if deadline.basis == "contract" and deadline.date < award:
            report.add(
                Severity.ERROR,
                where,
                "moment-before-award",
                connection=name,
                deadline=deadline.date,
                award=award,
            )
        if deadline.undecreed_years:
            years = join_years(deadline.undecreed_years, report.lang)
            report.add(
                Severity.NOTE,
                where,
                "time-limit-no-decree",
                connection=name,
                deadline=deadline.date,
                years=years,
            )


def _check_connections(tender: Tender, profile: Profile, report: _Report) -> None:
    for connection in profile.mandatory_connections:
        if connection not in tender.connections:
            report.add(
                Severity.ERROR,
                ("connections",),
                "mandatory-connection",
                connection=connection,
                system=profile.name,
            )


def _check_roles(tender: Tender, report: _Report) -> None:
    """A supplier must know which unit orders and which OIN its invoices go to."""
    roles = [d.role for d in tender.departments]
    if not any(role in ("invoices", "both") for role in roles):
        report.add(Severity.ERROR, ("departments",), "no-invoice-receiver")
    if not any(role in ("orders", "both") for role in roles):
        report.add(Severity.ERROR, ("departments",), "no-ordering-unit")
    ordering = {
        d.oin: index for index, d in enumerate(tender.departments) if d.role in ("orders", "both")
    }
    for index, department in enumerate(tender.departments):
        if department.role == "invoices" and department.oin in ordering:
            loc: KeyPath = ("departments", index, "oin")
            other = field_name(("departments", ordering[department.oin]))
            report.add(
                Severity.WARNING, loc, "invoice-to-own-oin", field=field_name(loc), other=other
            )


def _check_profile_rules(tender: Tender, profile: Profile, report: _Report) -> None:
    """The profile's own rules across fields (hire of staff needs SETU, ...)."""
    for rule in profile.data.rules:
        if not all_hold(rule.when, tender):
            continue
        required = rule.require
        broken = False
        loc: KeyPath = ()
        if required.setting is not None:
            value = tender.setting(required.setting)
            expected = True if required.equals is None else required.equals
            broken = value != expected
            loc = ("settings", required.setting)
        if required.connection is not None and required.connection not in tender.connections:
            broken = True
            loc = ("connections",)
        if required.any_connection and not set(required.any_connection) & tender.connections.keys():
            broken = True
            loc = ("connections",)
        if broken:
            severity = Severity.ERROR if rule.severity == "error" else Severity.WARNING
            report.add(severity, loc, "profile-rule", message=rule.message(report.lang))


def _oins(tender: Tender) -> Iterator[tuple[KeyPath, str]]:
    yield ("contracting_authority", "oin"), tender.contracting_authority.oin
    for index, department in enumerate(tender.departments):
        yield ("departments", index, "oin"), department.oin


def _check_oins(tender: Tender, report: _Report) -> None:
    first_with_oin: dict[str, KeyPath] = {}
    for loc, oin in _oins(tender):
        if oin_prefixes()[oin[:8]].test:
            report.add(Severity.WARNING, loc, "test-oin", field=field_name(loc), value=oin)
        if loc[0] != "departments":
            continue
        other = first_with_oin.setdefault(oin, loc)
        if other != loc:
            report.add(
                Severity.WARNING,
                loc,
                "duplicate-oin",
                field=field_name(loc),
                value=oin,
                other=field_name(other),
            )


def _check_abbreviation(abbreviation: str, loc: KeyPath, tender: Tender, report: _Report) -> None:
    """Warn about an abbreviation the dated list does not know on the award date."""
    award = tender.dates.award
    if organisation_on(abbreviation, award) is not None:
        return
    ended = [
        o for o in organisation_history(abbreviation) if o.valid_until and o.valid_until <= award
    ]
    if ended:
        last = ended[-1]
        report.add(
            Severity.WARNING,
            loc,
            "renamed-department",
            field=field_name(loc),
            value=abbreviation,
            name=last.name,
            until=last.valid_until,
            award=award,
            successors=", ".join(last.successors) or "?",
        )
        return
    report.add(
        Severity.WARNING,
        loc,
        "unknown-department",
        field=field_name(loc),
        value=abbreviation,
        award=award,
    )
