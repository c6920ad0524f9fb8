"""Statutory time limits: months counted as EU law counts them, moved off non-working days.

Two rules combine here. EU Regulation 1182/71 art. 3: a period in months ends on the same
day number in the last month, or on that month's last day when the day does not exist
(31 January + 1 month = 28/29 February); ``relativedelta`` does exactly that clamping.
Algemene termijnenwet art. 1: a time limit that ends on a Saturday, Sunday or generally
recognised holiday is extended to the next day that is none of these. Art. 3 names those
days three ways: a fixed list (lid 1, from the ``holidays`` package plus 5 May), Goede
Vrijdag (lid 2) and the days a royal decree makes equal (lid 3); the last two are data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Literal

import holidays
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from tenderpack.registry.facts import HolidayRules, holiday_rules

# The `holidays` package's Dutch calendar, by its English names (a test checks that every year
# still yields all of them, so a renamed holiday fails loudly instead of vanishing). Easter
# Sunday and Whit Sunday are Sundays anyway. Good Friday is deliberately not taken from the
# package: art. 3 lid 2 adds it, and it lives in data/holidays.yaml with the lid 3 days.
_STATUTORY_NAMES = {
    "New Year's Day": "Nieuwjaarsdag",
    "Easter Monday": "Tweede Paasdag",
    "King's Day": "Koningsdag",
    "Queen's Day": "Koninginnedag",
    "Ascension Day": "Hemelvaartsdag",
    "Pentecost Monday": "Tweede Pinksterdag",
    "Christmas Day": "Eerste Kerstdag",
    "Second Day of Christmas": "Tweede Kerstdag",
}
_LID_1 = "Algemene termijnenwet, art. 3 lid 1"

Article = Literal["art. 3 lid 1", "art. 3 lid 2", "art. 3 lid 3"]


@dataclass(frozen=True, slots=True)
class Holiday:
    """A day that extends a time limit, with the part of art. 3 that makes it one."""

    name: str
    article: Article
    source: str  # the law, or the title of the royal decree


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """A computed last day, and the years it was counted in that no published decree covers.

    For such a year the lid 3 days are not known yet: when the decree appears, the date
    may move to a later day.
    """

    date: dt.date
    undecreed_years: tuple[int, ...] = ()


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus ``months`` calendar months, clamped to the month's end (EU 1182/71 art. 3)."""
    return start + relativedelta(months=months)


def _chosen(rules: HolidayRules | None) -> HolidayRules:
    return holiday_rules() if rules is None else rules


def holiday_calendar(year: int, rules: HolidayRules | None = None) -> dict[dt.date, Holiday]:
    """Every day of ``year`` that extends a time limit, with its name and legal basis.

    ``rules`` are the lid 2 and lid 3 days; by default the shipped ``data/holidays.yaml``.
    Passing them lets a caller (or a test) use an updated list.
    """
    return dict(_holiday_calendar(year, _chosen(rules)))


def public_holidays(year: int, rules: HolidayRules | None = None) -> dict[dt.date, str]:
    """The names of the days of ``year`` that count as holidays for time limits."""
    return {day: holiday.name for day, holiday in _holiday_calendar(year, _chosen(rules)).items()}


@cache
def _holiday_calendar(year: int, rules: HolidayRules) -> dict[dt.date, Holiday]:
    days: dict[dt.date, Holiday] = {}
    package_days = holidays.country_holidays("NL", years=year, language="en_US")
    for day, names in package_days.items():
        for name in str(names).split("; "):
            if name in _STATUTORY_NAMES:
                days[day] = Holiday(_STATUTORY_NAMES[name], "art. 3 lid 1", _LID_1)
    # Lid 1 names 5 May in every year, not only in lustrum years as some calendars do.
    days[dt.date(year, 5, 5)] = Holiday("Bevrijdingsdag", "art. 3 lid 1", _LID_1)
    for law_day in rules.equal_by_law:
        day = easter(year) + dt.timedelta(days=law_day.easter_offset)
        days.setdefault(day, Holiday(law_day.name, "art. 3 lid 2", law_day.source))
    for decree in rules.decrees:
        for decreed in decree.days:
            if decreed.date.year == year:
                days.setdefault(decreed.date, Holiday(decreed.name, "art. 3 lid 3", decree.title))
    return days


def is_working_day(day: dt.date, rules: HolidayRules | None = None) -> bool:
    """Not a Saturday, a Sunday or a day that counts as a holiday for time limits."""
    if day.weekday() >= 5:
        return False
    return day not in _holiday_calendar(day.year, _chosen(rules))


def next_working_day(day: dt.date, rules: HolidayRules | None = None) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, rules):
        day += dt.timedelta(days=1)
    return day


def time_limit(start: dt.date, months: int, rules: HolidayRules | None = None) -> TimeLimit:
    """The last day of a period of ``months`` months from ``start``, and what is not yet known.

    The years checked for a decree are those from the period's nominal end to the day it
    lands on: only a day in that stretch can still turn out to be a lid 3 day.
    """
    chosen = _chosen(rules)
    nominal = add_months(start, months)
    last = next_working_day(nominal, chosen)
    open_years = tuple(
        year for year in range(nominal.year, last.year + 1) if not chosen.decreed(year)
    )
    return TimeLimit(last, open_years)


def months_deadline(start: dt.date, months: int, rules: HolidayRules | None = None) -> dt.date:
    """The last day of a period of ``months`` months from ``start``, as the law counts it."""
    return time_limit(start, months, rules).date
