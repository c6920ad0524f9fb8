"""The domain facts tenderpack relies on, read from the data files shipped in ``data/``.

Facts change on the government's schedule, not ours: a ministry is renamed, the OIN register adds an
OIN prefix, a royal decree makes a day count as a holiday for time limits. Keeping them in
YAML lets an officer or maintainer update them without touching code. Each file is read
once per process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _read(name: str) -> Any:
    resource = resources.files("tenderpack.registry").joinpath("data", *name.split("/"))
    return yaml.safe_load(resource.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class OinPrefix:
    prefix: str
    register: str
    test: bool


@cache
def oin_prefixes() -> dict[str, OinPrefix]:
    table = _read("oin_prefixes.yaml")["prefixes"]
    return {
        prefix: OinPrefix(prefix, entry["register"], bool(entry.get("test", False)))
        for prefix, entry in table.items()
    }


@dataclass(frozen=True, slots=True)
class Organisation:
    """A ministry or government organisation as it was known during [valid_from, valid_until)."""

    abbreviation: str
    name: str
    valid_from: dt.date
    valid_until: dt.date | None
    successors: tuple[str, ...]
    parent: str | None

    def exists_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


@cache
def organisations() -> tuple[Organisation, ...]:
    return tuple(
        Organisation(
            abbreviation=str(entry["abbreviation"]),
            name=entry["name"],
            valid_from=entry["from"],
            valid_until=entry.get("until"),
            successors=tuple(entry.get("successors", ())),
            parent=entry.get("parent"),
        )
        for entry in _read("ministries.yaml")["organisations"]
    )


def organisation_on(abbreviation: str, day: dt.date) -> Organisation | None:
    """The organisation ``abbreviation`` named on ``day``, if any."""
    for organisation in organisations():
        if organisation.abbreviation == abbreviation and organisation.exists_on(day):
            return organisation
    return None


def organisation_history(abbreviation: str) -> list[Organisation]:
    """Every period in which ``abbreviation`` named an organisation, oldest first."""
    found = [o for o in organisations() if o.abbreviation == abbreviation]
    return sorted(found, key=lambda o: o.valid_from)


@dataclass(frozen=True, slots=True)
class LawDay:
    """A day the Algemene termijnenwet itself makes equal to a holiday (art. 3 lid 2)."""

    name: str
    easter_offset: int  # days after Easter Sunday: Goede Vrijdag is -2
    source: str


@dataclass(frozen=True, slots=True)
class DecreeDay:
    date: dt.date
    name: str


@dataclass(frozen=True, slots=True)
class RoyalDecree:
    """One "Besluit gelijkstelling" (art. 3 lid 3): the days it makes equal, for its years."""

    title: str
    source: str
    from_year: int
    until_year: int
    days: tuple[DecreeDay, ...]

    def covers(self, year: int) -> bool:
        return self.from_year <= year <= self.until_year


@dataclass(frozen=True, slots=True)
class HolidayRules:
    """What ``data/holidays.yaml`` adds to the fixed list of art. 3 lid 1."""

    equal_by_law: tuple[LawDay, ...]
    decrees: tuple[RoyalDecree, ...]

    def decreed(self, year: int) -> bool:
        """Whether a published decree covers ``year``; if not, its lid 3 days are unknown."""
        return any(decree.covers(year) for decree in self.decrees)


def _decree(entry: Any) -> RoyalDecree:
    decree = RoyalDecree(
        title=" ".join(str(entry["title"]).split()),
        source=" ".join(str(entry["source"]).split()),
        from_year=int(entry["from_year"]),
        until_year=int(entry["until_year"]),
        days=tuple(DecreeDay(day["date"], str(day["name"])) for day in entry["days"]),
    )
    # A typo in a date would silently move deadlines in the wrong year: refuse it here.
    for day in decree.days:
        if not isinstance(day.date, dt.date) or not decree.covers(day.date.year):
            raise ValueError(
                f"holidays.yaml: {day.date} ({day.name}) lies outside the years "
                f"{decree.from_year}-{decree.until_year} of '{decree.title}'"
            )
    return decree


def parse_holiday_rules(raw: Any) -> HolidayRules:
    """The rules of a parsed ``holidays.yaml`` (the shipped file or an updated copy)."""
    return HolidayRules(
        equal_by_law=tuple(
            LawDay(str(entry["name"]), int(entry["easter_offset"]), str(entry["source"]))
            for entry in raw.get("equal_by_law") or ()
        ),
        decrees=tuple(_decree(entry) for entry in raw.get("royal_decrees") or ()),
    )


@cache
def holiday_rules() -> HolidayRules:
    """Goede Vrijdag (art. 3 lid 2) and the royal decrees (lid 3), from ``data/holidays.yaml``."""
    return parse_holiday_rules(_read("holidays.yaml"))
