"""The domain facts tenderpack relies on, read from the data files shipped in ``data/``.

Facts change on the government's schedule, not ours: a ministry is renamed, Logius adds an
OIN prefix, a royal decree makes a day a holiday. Keeping them in YAML lets an officer or
maintainer update them without touching code. Each file is read once per process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tenderpack.messages import Lang


def _read(name: str) -> Any:
    resource = resources.files("tenderpack").joinpath("data", *name.split("/"))
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
class RoyalDecreeDay:
    name: str
    easter_offset: int | None
    date: dt.date | None
    from_year: int | None
    until_year: int | None

    def covers(self, year: int) -> bool:
        return (self.from_year is None or year >= self.from_year) and (
            self.until_year is None or year <= self.until_year
        )


def parse_royal_decree_days(raw: Any) -> tuple[RoyalDecreeDay, ...]:
    """The royal-decree days of a parsed ``holidays.yaml`` (shipped or an updated copy)."""
    return tuple(
        RoyalDecreeDay(
            name=str(entry["name"]),
            easter_offset=entry.get("easter_offset"),
            date=entry.get("date"),
            from_year=entry.get("from_year"),
            until_year=entry.get("until_year"),
        )
        for entry in raw.get("royal_decree_days") or ()
    )


@cache
def royal_decree_days() -> tuple[RoyalDecreeDay, ...]:
    """The days made equal to public holidays by royal decree, from ``data/holidays.yaml``."""
    return parse_royal_decree_days(_read("holidays.yaml"))


@dataclass(frozen=True, slots=True)
class Connection:
    id: str
    mandatory: bool
    names: dict[str, str]

    def name(self, lang: Lang) -> str:
        return self.names[lang]


@dataclass(frozen=True, slots=True)
class ServiceCentre:
    name: str
    phone: str
    phone_note: dict[str, str]
    email: str
    website: str


@dataclass(frozen=True, slots=True)
class SystemProfile:
    """A purchasing system (DigiInkoop) with the options a tender on it may offer."""

    id: str
    name: str
    managed_by: str
    phase_out_announced: dt.date | None
    connections: dict[str, Connection]
    channels: tuple[str, ...]
    privacy_notices: tuple[str, ...]
    service_centre: ServiceCentre

    @property
    def mandatory_connections(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.connections.values() if c.mandatory)


@cache
def system_ids() -> tuple[str, ...]:
    """The profiles shipped in ``data/systems/``: adding a file adds a choice."""
    folder = resources.files("tenderpack").joinpath("data", "systems")
    return tuple(
        sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
    )


@cache
def system_profile(system_id: str) -> SystemProfile:
    raw = _read(f"systems/{system_id}.yaml")
    centre = raw["service_centre"]
    return SystemProfile(
        id=raw["id"],
        name=raw["name"],
        managed_by=raw["managed_by"],
        phase_out_announced=raw.get("phase_out_announced"),
        connections={
            key: Connection(key, bool(value["mandatory"]), dict(value["name"]))
            for key, value in raw["connections"].items()
        },
        channels=tuple(raw["channels"]),
        privacy_notices=tuple(raw["privacy_notices"]),
        service_centre=ServiceCentre(
            name=centre["name"],
            phone=str(centre["phone"]),
            phone_note=dict(centre["phone_note"]),
            email=centre["email"],
            website=centre["website"],
        ),
    )


def _union(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))  # first occurrence order, no duplicates


@cache
def all_channels() -> tuple[str, ...]:
    """Every ordering channel some profile offers: what a tender file may name at all."""
    return _union([c for s in system_ids() for c in system_profile(s).channels])


@cache
def all_connections() -> tuple[str, ...]:
    """Every connection option some profile offers."""
    return _union([c for s in system_ids() for c in system_profile(s).connections])
