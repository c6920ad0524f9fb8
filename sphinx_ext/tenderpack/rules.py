"""Domain rules that look at several fields of a valid tender at once.

Field-level checks live on the model; what is here needs context: the order of two dates,
the purchasing-system profile, the OIN-stelsel, the dated list of ministries, and the
deadline engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tenderpack.deadlines import time_limit
from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.domain import oin_prefixes, organisation_history, organisation_on, system_profile
from tenderpack.messages import Lang, join_years, text
from tenderpack.model import Tender
from tenderpack.texts import bidi_controls
from tenderpack.yamlsource import KeyPath, SourceMap, field_name


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


def check_tender(tender: Tender, source: SourceMap, path: Path, lang: Lang) -> list[Diagnostic]:
    """Every domain error, warning and note for one tender."""
    report = _Report(path, source, lang)
    _check_dates(tender, report)
    _check_connections(tender, report)
    _check_oins(tender, report)
    for index, department in enumerate(tender.departments):
        _check_abbreviation(
            department.abbreviation, ("departments", index, "abbreviation"), tender, report
        )
    for loc, char in bidi_controls(tender):
        report.add(Severity.WARNING, loc, "bidi-control", field=field_name(loc), char=char)
    profile = system_profile(tender.system)
    if profile.phase_out_announced and tender.dates.award >= profile.phase_out_announced:
        report.add(Severity.NOTE, ("system",), "system-phase-out", system=profile.name)
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
    if "digipoort" in tender.connections:
        limit = time_limit(award, tender.digipoort_months)
        # Point at the number of months when the file gives it, else at the option itself.
        given = ("digipoort_months",) in report.source.values
        where = ("digipoort_months",) if given else ("connections",)
        if limit.date > start:
            report.add(
                Severity.WARNING, where, "digipoort-after-start", deadline=limit.date, start=start
            )
        if limit.undecreed_years:
            years = join_years(limit.undecreed_years, report.lang)
            report.add(
                Severity.NOTE, where, "digipoort-no-decree", deadline=limit.date, years=years
            )


def _check_connections(tender: Tender, report: _Report) -> None:
    profile = system_profile(tender.system)
    # The model accepts what any profile offers; this profile may offer less.
    if tender.channel not in profile.channels:
        allowed = ", ".join(profile.channels)
        report.add(
            Severity.ERROR,
            ("channel",),
            "bad-choice",
            field="channel",
            value=tender.channel,
            allowed=allowed,
        )
    for index, connection in enumerate(tender.connections):
        if connection not in profile.connections:
            allowed = ", ".join(profile.connections)
            report.add(
                Severity.ERROR,
                ("connections", index),
                "bad-choice",
                field=f"connections[{index}]",
                value=connection,
                allowed=allowed,
            )
    for connection in profile.mandatory_connections:
        if connection not in tender.connections:
            report.add(
                Severity.ERROR,
                ("connections",),
                "mandatory-connection",
                connection=connection,
                system=profile.name,
            )


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
