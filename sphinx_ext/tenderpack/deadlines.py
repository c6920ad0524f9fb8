"""Statutory time limits: months counted as EU law counts them, moved off non-working days.

Two rules combine here. EU Regulation 1182/71 art. 3: a period in months ends on the same
day number in the last month, or on that month's last day when the day does not exist
(31 January + 1 month = 28/29 February); ``relativedelta`` does exactly that clamping.
Algemene termijnenwet art. 1: a time limit that ends on a Saturday, Sunday or public
holiday is extended to the next working day.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from tenderpack.domain import RoyalDecreeDay, royal_decree_days

# The `holidays` package's Dutch calendar, by its English names (a test checks that every year
# still yields all of them, so a renamed holiday fails loudly instead of vanishing). Easter
# Sunday and Whit Sunday are Sundays anyway. Good Friday is deliberately not taken from the
# package: it counts only by royal decree, which lives in data/holidays.yaml.
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

Decrees = tuple[RoyalDecreeDay, ...]


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus ``months`` calendar months, clamped to the month's end (EU 1182/71 art. 3)."""
    return start + relativedelta(months=months)


def public_holidays(year: int, decrees: Decrees | None = None) -> dict[dt.date, str]:
    """The days of ``year`` that count as public holidays under the Algemene termijnenwet.

    ``decrees`` are the days a royal decree makes equal to them; by default the shipped
    ``data/holidays.yaml``. Passing them lets a caller (or a test) use an updated list.
    """
    return dict(_public_holidays(year, royal_decree_days() if decrees is None else decrees))


@cache
def _public_holidays(year: int, decrees: Decrees) -> dict[dt.date, str]:
    days: dict[dt.date, str] = {}
    package_days = holidays.country_holidays("NL", years=year, language="en_US")
    for day, names in package_days.items():
        for name in str(names).split("; "):
            if name in _STATUTORY_NAMES:
                days[day] = _STATUTORY_NAMES[name]
    days[dt.date(year, 5, 5)] = "Bevrijdingsdag"  # art. 3 lid 1: 5 May in every year
    for decree in decrees:
        if not decree.covers(year):
            continue
        if decree.easter_offset is not None:
            days[easter(year) + dt.timedelta(days=decree.easter_offset)] = decree.name
        elif decree.date is not None and decree.date.year == year:
            days[decree.date] = decree.name
    return days


def is_working_day(day: dt.date, decrees: Decrees | None = None) -> bool:
    """Not a Saturday, a Sunday or a public holiday."""
    if day.weekday() >= 5:
        return False
    chosen = royal_decree_days() if decrees is None else decrees
    return day not in _public_holidays(day.year, chosen)


def next_working_day(day: dt.date, decrees: Decrees | None = None) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, decrees):
        day += dt.timedelta(days=1)
    return day


def months_deadline(start: dt.date, months: int, decrees: Decrees | None = None) -> dt.date:
    """The last day of a period of ``months`` months from ``start``, as the law counts it."""
    return next_working_day(add_months(start, months), decrees)
