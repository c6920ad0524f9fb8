"""The deadline engine against dates worked out by hand with a calendar.

Each expected date below was counted on paper, not computed: month ends (EU Regulation
1182/71 art. 3), then Saturdays, Sundays and the Algemene termijnenwet's public holidays.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
import yaml
from dateutil.easter import easter

from tenderpack.deadlines import (
    add_months,
    is_working_day,
    months_deadline,
    next_working_day,
    public_holidays,
)
from tenderpack.domain import parse_royal_decree_days, royal_decree_days

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2027, 1, 31), 1, D(2027, 2, 28)),  # no 31 February: the month's last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2027, 1, 29), 1, D(2027, 2, 28)),
        (D(2028, 1, 29), 1, D(2028, 2, 29)),
        (D(2027, 3, 31), 1, D(2027, 4, 30)),
        (D(2027, 8, 31), 1, D(2027, 9, 30)),
        (D(2027, 10, 31), 4, D(2028, 2, 29)),  # across a year end into a leap February
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2027, 2, 28), 1, D(2027, 3, 28)),  # the same day number, not the month's end
        (D(2027, 11, 15), 3, D(2028, 2, 15)),
        (D(2027, 3, 1), 24, D(2029, 3, 1)),
    ],
)
def test_add_months_counts_as_eu_regulation_1182_71(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("award", "months", "expected", "why"),
    [
        (D(2027, 3, 1), 4, D(2027, 7, 1), "a Thursday: stays"),
        (
            D(2026, 11, 26),
            4,
            D(2027, 3, 30),
            "Good Friday 26 March 2027, then Saturday, Easter Sunday, Easter Monday",
        ),
        (
            D(2027, 1, 5),
            4,
            D(2027, 5, 7),
            "Wednesday 5 May 2027 (Bevrijdingsdag), then Thursday 6 May (Hemelvaartsdag)",
        ),
        (D(2026, 1, 5), 4, D(2026, 5, 6), "5 May 2026: a holiday also outside lustrum years"),
        (D(2026, 12, 27), 4, D(2027, 4, 28), "Tuesday 27 April 2027: Koningsdag"),
        (
            D(2024, 12, 27),
            4,
            D(2025, 4, 28),
            "Sunday 27 April 2025 (Koningsdag moved to Saturday the 26th): Monday is a working day",
        ),
        (D(2027, 1, 17), 4, D(2027, 5, 18), "Monday 17 May 2027: Tweede Pinksterdag"),
        (D(2026, 8, 25), 4, D(2026, 12, 28), "Friday 25 December 2026, Saturday 26th, Sunday"),
        (D(2025, 8, 25), 4, D(2025, 12, 29), "Thursday 25 December 2025, Friday 26th, weekend"),
        (D(2027, 8, 25), 4, D(2027, 12, 27), "Christmas 2027 on a Saturday and Sunday"),
        (D(2026, 9, 1), 4, D(2027, 1, 4), "Friday 1 January 2027, then the weekend"),
        (D(2027, 1, 31), 1, D(2027, 3, 1), "28 February 2027 is a Sunday"),
        (D(2027, 10, 31), 4, D(2028, 2, 29), "29 February 2028 is a Tuesday"),
    ],
)
def test_months_deadline_moves_to_the_next_working_day(award, months, expected, why):
    assert months_deadline(award, months) == expected, why


def test_deadline_on_a_working_day_is_that_day():
    assert next_working_day(D(2027, 7, 1)) == D(2027, 7, 1)
    assert is_working_day(D(2027, 7, 1))


@pytest.mark.parametrize("day", [D(2027, 7, 3), D(2027, 7, 4)])
def test_weekends_are_not_working_days(day):
    assert not is_working_day(day)


STATUTORY = {
    "Nieuwjaarsdag",
    "Goede Vrijdag",
    "Tweede Paasdag",
    "Koningsdag",
    "Bevrijdingsdag",
    "Hemelvaartsdag",
    "Tweede Pinksterdag",
    "Eerste Kerstdag",
    "Tweede Kerstdag",
}


def _expected_holidays(year: int) -> dict[dt.date, str]:
    """The Algemene termijnenwet's list for ``year``, worked out without the holidays package."""
    sunday = easter(year)
    kings_day = D(year, 4, 27)
    if kings_day.weekday() == 6:  # Wet viering Koningsdag: a Sunday moves to the day before
        kings_day = D(year, 4, 26)
    return {
        D(year, 1, 1): "Nieuwjaarsdag",
        sunday - dt.timedelta(days=2): "Goede Vrijdag",
        sunday + dt.timedelta(days=1): "Tweede Paasdag",
        kings_day: "Koningsdag",
        D(year, 5, 5): "Bevrijdingsdag",
        sunday + dt.timedelta(days=39): "Hemelvaartsdag",
        sunday + dt.timedelta(days=50): "Tweede Pinksterdag",
        D(year, 12, 25): "Eerste Kerstdag",
        D(year, 12, 26): "Tweede Kerstdag",
    }


@pytest.mark.parametrize("year", range(2020, 2036))
def test_every_year_has_every_statutory_holiday(year):
    """A holiday renamed or dropped by the holidays package must fail here, not vanish."""
    found = public_holidays(year)
    expected = _expected_holidays(year)
    assert set(found.values()) == STATUTORY
    # Same dates; when two fall on one day (Hemelvaart on 5 May) one name wins, so compare days.
    assert set(found) == set(expected)
    for day, name in found.items():
        assert expected[day] == name or day == D(year, 5, 5)


def test_koningsdag_on_a_sunday_is_celebrated_the_saturday_before():
    holidays_2025 = public_holidays(2025)
    assert holidays_2025[D(2025, 4, 26)] == "Koningsdag"
    assert D(2025, 4, 27) not in holidays_2025
    assert D(2025, 4, 28) not in holidays_2025


def test_easter_and_whit_sunday_are_not_listed_but_are_sundays():
    assert not is_working_day(easter(2027))
    assert D(2027, 3, 28) not in public_holidays(2027)


# --- royal-decree days are data ---------------------------------------------------------------


def _shipped_holidays_text() -> str:
    return resources.files("tenderpack").joinpath("data", "holidays.yaml").read_text("utf-8")


def test_good_friday_comes_from_the_shipped_data_file():
    from_file = parse_royal_decree_days(yaml.safe_load(_shipped_holidays_text()))
    assert from_file == royal_decree_days()
    assert [day.name for day in from_file] == ["Goede Vrijdag"]
    assert public_holidays(2027)[D(2027, 3, 26)] == "Goede Vrijdag"


def test_without_the_decree_good_friday_is_a_working_day():
    """The holidays package lists Good Friday too; we must not take it from there."""
    text = _shipped_holidays_text()
    entry = "  - name: Goede Vrijdag\n    easter_offset: -2\n"
    assert entry in text
    decrees = parse_royal_decree_days(yaml.safe_load(text.replace(entry, "  []\n")))
    assert decrees == ()
    assert D(2027, 3, 26) not in public_holidays(2027, decrees)
    assert is_working_day(D(2027, 3, 26), decrees)
    assert months_deadline(D(2026, 11, 26), 4, decrees) == D(2027, 3, 26)
    assert months_deadline(D(2026, 11, 26), 4) == D(2027, 3, 30)


def test_an_added_decree_day_moves_deadlines_without_code_changes():
    """An updated copy of the data file, as a maintainer would edit it."""
    text = _shipped_holidays_text() + (
        "  - name: Kroningsdag\n"
        "    date: 2027-07-01\n"
        "  - name: Dag van de Rijksoverheid\n"
        "    easter_offset: 3\n"
        "    from_year: 2028\n"
        "    until_year: 2028\n"
    )
    decrees = parse_royal_decree_days(yaml.safe_load(text))
    assert [d.name for d in decrees] == ["Goede Vrijdag", "Kroningsdag", "Dag van de Rijksoverheid"]
    assert public_holidays(2027, decrees)[D(2027, 7, 1)] == "Kroningsdag"
    assert months_deadline(D(2027, 3, 1), 4, decrees) == D(2027, 7, 2)
    assert months_deadline(D(2027, 3, 1), 4) == D(2027, 7, 1)
    # Easter 2028 is 16 April: +3 is Wednesday 19 April, in 2028 only.
    assert public_holidays(2028, decrees)[D(2028, 4, 19)] == "Dag van de Rijksoverheid"
    assert D(2027, 3, 31) not in public_holidays(2027, decrees)
    assert D(2029, 4, 4) not in public_holidays(2029, decrees)


def test_a_decree_date_counts_only_in_its_own_year():
    decrees = parse_royal_decree_days({"royal_decree_days": [{"name": "X", "date": D(2027, 7, 1)}]})
    assert D(2027, 7, 1) in public_holidays(2027, decrees)
    assert D(2028, 7, 1) not in public_holidays(2028, decrees)
