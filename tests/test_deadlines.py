"""The deadline engine against dates worked out by hand with a calendar.

Each expected date below was counted on paper, not computed: month ends (EU Regulation
1182/71 art. 3), then Saturdays, Sundays and the Algemene termijnenwet's public holidays.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from dateutil.easter import easter
from sphinx.testing.util import SphinxTestApp

from tenderpack.outputs.annex import annex_document_html
from tenderpack.registry.facts import holiday_rules, parse_holiday_rules
from tenderpack.registry.time_limits import (
    TimeLimit,
    add_months,
    holiday_calendar,
    is_working_day,
    months_deadline,
    next_working_day,
    public_holidays,
    time_limit,
)
from tests.support import VALID_TENDER, run_tenderpack, variant
from tests.test_annex_support import make_pack

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
            D(2027, 5, 10),
            "Wednesday 5 May 2027 (Bevrijdingsdag), Thursday 6 May (Hemelvaartsdag), Friday 7 May"
            " (made equal by the 2026-2028 decree), then the weekend",
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
    calendar = holiday_calendar(year)
    found = {day: h.name for day, h in calendar.items() if h.article != "art. 3 lid 3"}
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


# --- art. 3 lid 2 and lid 3: data/holidays.yaml ------------------------------------------------

SHIPPED_DECREE_DAYS = {
    # Dates from the decrees' titles (../shared/domain/termijnen.md), typed here by hand.
    D(2017, 4, 28), D(2017, 5, 26), D(2018, 5, 11), D(2018, 12, 24), D(2018, 12, 31),
    D(2019, 5, 31), D(2019, 12, 27),
    D(2023, 4, 28), D(2023, 5, 19), D(2024, 5, 10), D(2024, 12, 27), D(2025, 5, 30),
    D(2026, 1, 2), D(2026, 5, 15), D(2027, 5, 7), D(2028, 4, 28), D(2028, 5, 26),
}  # fmt: skip


def _shipped_holidays_text() -> str:
    return (
        resources.files("tenderpack.registry").joinpath("data", "holidays.yaml").read_text("utf-8")
    )


def test_good_friday_is_equal_by_the_law_itself_not_by_a_decree():
    rules = parse_holiday_rules(yaml.safe_load(_shipped_holidays_text()))
    assert rules == holiday_rules()
    assert [(d.name, d.easter_offset) for d in rules.equal_by_law] == [("Goede Vrijdag", -2)]
    assert "art. 3 lid 2" in rules.equal_by_law[0].source
    good_friday = holiday_calendar(2027)[D(2027, 3, 26)]
    assert (good_friday.name, good_friday.article) == ("Goede Vrijdag", "art. 3 lid 2")
    assert all("Goede Vrijdag" not in day.name for d in rules.decrees for day in d.days)


def test_lid_1_days_are_labelled_as_the_fixed_list():
    calendar = holiday_calendar(2027)
    for day in (D(2027, 1, 1), D(2027, 4, 27), D(2027, 5, 5), D(2027, 5, 6), D(2027, 12, 25)):
        assert calendar[day].article == "art. 3 lid 1", day


def test_the_shipped_decrees_hold_exactly_the_published_days():
    rules = holiday_rules()
    shipped = {day.date for decree in rules.decrees for day in decree.days}
    assert shipped == SHIPPED_DECREE_DAYS
    for year in range(2017, 2030):
        lid_3 = {d for d, h in holiday_calendar(year).items() if h.article == "art. 3 lid 3"}
        assert lid_3 == {d for d in SHIPPED_DECREE_DAYS if d.year == year}, year


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def test_every_decree_cites_its_title_and_source():
    for decree in holiday_rules().decrees:
        assert re.fullmatch(
            r"Besluit gelijkstelling van .+ met een algemeen erkende feestdag", decree.title
        ), decree.title
        assert "http" in decree.source or "Staatscourant" in decree.source, decree.title
        # Its title lists its days: the data cannot drift from the decree it cites.
        named = {
            D(int(year), MONTHS.index(month) + 1, int(day))
            for day, month, year in re.findall(r"(\d{1,2}) ([a-z]+) (\d{4})", decree.title)
        }
        assert named == {day.date for day in decree.days}, decree.title


def test_a_decree_day_is_a_weekday_that_lid_1_does_not_already_name():
    for decree in holiday_rules().decrees:
        for day in decree.days:
            assert day.date.weekday() < 5, day
            holiday = holiday_calendar(day.date.year)[day.date]
            assert (holiday.article, holiday.name) == ("art. 3 lid 3", day.name)
            assert holiday.source == decree.title


@pytest.mark.parametrize(
    ("award", "months", "expected", "why"),
    [
        (D(2026, 1, 15), 4, D(2026, 5, 18), "Friday 15 May 2026 (decree 2026-2028), weekend"),
        (D(2027, 1, 7), 4, D(2027, 5, 10), "Friday 7 May 2027 (decree 2026-2028), weekend"),
        (D(2025, 9, 2), 4, D(2026, 1, 5), "Friday 2 January 2026 (decree 2026-2028), weekend"),
        (D(2027, 12, 28), 4, D(2028, 5, 1), "Friday 28 April 2028 (decree 2026-2028), weekend"),
        (D(2024, 1, 10), 4, D(2024, 5, 13), "Friday 10 May 2024 (decree 2023-2025), weekend"),
        (D(2025, 1, 30), 4, D(2025, 6, 2), "Friday 30 May 2025 (decree 2023-2025), weekend"),
        (D(2024, 8, 27), 4, D(2024, 12, 30), "Friday 27 December 2024 (decree 2023-2025)"),
    ],
)
def test_a_deadline_on_a_decree_day_moves_to_the_next_working_day(award, months, expected, why):
    assert months_deadline(award, months) == expected, why


def test_a_decree_day_counts_only_for_its_own_date():
    """Lid 3 makes single dates equal: the same day a year later is a working day."""
    assert not is_working_day(D(2026, 5, 15))
    assert is_working_day(D(2026, 5, 14) + dt.timedelta(days=364))  # Friday 14 May 2027
    assert is_working_day(D(2029, 5, 11))  # the Friday after Ascension 2029: no decree yet


def test_without_the_data_file_good_friday_and_decree_days_are_working_days():
    """The holidays package lists Good Friday too; we must not take it from there."""
    empty = parse_holiday_rules({})
    assert D(2027, 3, 26) not in public_holidays(2027, empty)
    assert is_working_day(D(2027, 3, 26), empty)
    assert months_deadline(D(2026, 11, 26), 4, empty) == D(2027, 3, 26)
    assert months_deadline(D(2026, 11, 26), 4) == D(2027, 3, 30)
    assert months_deadline(D(2026, 1, 15), 4, empty) == D(2026, 5, 15)


def test_a_new_decree_is_added_as_data_and_ends_the_note():
    """An updated copy of the data file, as a maintainer would edit it when the decree for
    2029-2031 appears."""
    text = _shipped_holidays_text() + (
        "  - title: Besluit gelijkstelling van 11 mei 2029 met een algemeen erkende feestdag\n"
        "    source: Staatscourant 2028, 99999 (a made-up number for this test)\n"
        "    from_year: 2029\n"
        "    until_year: 2031\n"
        "    days:\n"
        "      - {date: 2029-05-11, name: Vrijdag na Hemelvaartsdag}\n"
    )
    rules = parse_holiday_rules(yaml.safe_load(text))
    assert holiday_calendar(2029, rules)[D(2029, 5, 11)].article == "art. 3 lid 3"
    assert time_limit(D(2029, 1, 11), 4) == time_limit(D(2029, 1, 11), 4, holiday_rules())
    assert time_limit(D(2029, 1, 11), 4).undecreed_years == (2029,)
    assert time_limit(D(2029, 1, 11), 4, rules).date == D(2029, 5, 14)
    assert time_limit(D(2029, 1, 11), 4, rules).undecreed_years == ()


def test_a_decree_day_outside_its_years_is_refused():
    raw = {
        "royal_decrees": [
            {
                "title": "Besluit gelijkstelling van 15 mei 2026 met een algemeen erkende feestdag",
                "source": "test",
                "from_year": 2026,
                "until_year": 2028,
                "days": [{"date": D(2029, 5, 15), "name": "typo"}],
            }
        ]
    }
    with pytest.raises(ValueError, match="outside the years 2026-2028"):
        parse_holiday_rules(raw)


# --- a deadline in a year no decree covers yet carries a note ---------------------------------


@pytest.mark.parametrize(
    ("award", "months", "last_day", "undecreed"),
    [
        (D(2027, 3, 1), 4, D(2027, 7, 1), ()),  # covered by the 2026-2028 decree
        (D(2028, 8, 25), 4, D(2028, 12, 27), ()),  # Christmas 2028 on Monday and Tuesday
        (D(2028, 11, 1), 4, D(2029, 3, 1), (2029,)),
        # Sunday 31 December 2028, then Nieuwjaarsdag 2029: it lands in 2029, which counts.
        (D(2028, 8, 31), 4, D(2029, 1, 2), (2029,)),
        (D(2021, 1, 4), 4, D(2021, 5, 4), (2021,)),  # the 2020-2022 decree is not in the data
    ],
)
def test_undecreed_years_are_the_years_counted_in_without_a_decree(
    award, months, last_day, undecreed
):
    assert time_limit(award, months) == TimeLimit(last_day, undecreed)


ROOT = Path(__file__).parent.parent
AWARD_2028 = (("award: 2027-03-01", "award: 2028-11-01"),
              ("contract_start: 2027-09-01", "contract_start: 2029-06-01"))  # fmt: skip


def _tender_2029(folder: Path, english: bool = False) -> Path:
    changes = AWARD_2028 + ((("language: nl", "language: en"),) if english else ())
    path = folder / "2029.yaml"
    path.write_text(variant(*changes), encoding="utf-8")
    return path


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_tenderpack(*args, cwd=ROOT)


def test_validate_notes_a_digipoort_deadline_in_an_undecreed_year(tmp_path):
    path = _tender_2029(tmp_path)
    result = _run("validate", path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert (
        f"{path}:26:19: note: de termijn 'Digipoort' (2029-03-01) valt in 2029, waarvoor nog geen "
        "gelijkstellingsbesluit (Algemene termijnenwet art. 3 lid 3) bekend is"
    ) in out
    assert "0 fout(en), 0 waarschuwing(en)" in out
    english = _run("validate", "--lang", "en", path)
    assert "no royal decree (Algemene termijnenwet art. 3 lid 3) is known yet" in (
        english.stdout + english.stderr
    )


def test_validate_says_nothing_of_decrees_for_a_covered_year(tmp_path):

    path = tmp_path / "2027.yaml"
    path.write_text(VALID_TENDER, encoding="utf-8")
    result = _run("validate", path)
    assert result.returncode == 0
    assert "art. 3 lid 3" not in result.stdout + result.stderr


def test_show_puts_the_note_under_the_deadline(tmp_path):
    result = _run("show", _tender_2029(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "Digipoort-koppeling in gebruik" in line)
    assert "1 maart 2029 (2029-03-01)" in lines[at]
    assert lines[at + 1].split()[:2] == ["Let", "op:"]
    assert lines[at + 1].endswith(
        "voor 2029 is nog geen gelijkstellingsbesluit (Algemene termijnenwet art. 3 lid 3) "
        "bekend; de datum kan nog verschuiven"
    )
    assert sum("gelijkstellingsbesluit" in line for line in lines) == 1


def test_show_json_carries_the_note(tmp_path):
    data = json.loads(_run("show", "--json", _tender_2029(tmp_path, english=True)).stdout)
    assert data["deadlines"]["digipoort"] == "2029-03-01"
    assert data["deadline_notes"] == {
        "digipoort": {
            "undecreed_years": [2029],
            "note": "no royal decree (Algemene termijnenwet art. 3 lid 3) is known yet for 2029; "
            "the date may move",
        }
    }
    covered = json.loads(
        _run("show", "--json", ROOT / "tenders/2027-bzk-0042-ict-werkplek.yaml").stdout
    )
    assert covered["deadline_notes"] == {}


def test_the_annex_particulars_carry_the_note(tmp_path):

    pack = make_pack(tmp_path, variant(*AWARD_2028))
    soup = BeautifulSoup(annex_document_html(pack), "html.parser")
    particulars = soup.select_one("dl.particulars")
    assert particulars is not None
    terms = [dt_.get_text() for dt_ in particulars.find_all("dt")]
    assert terms[-1] == "Let op"
    note_tag = particulars.select_one("dd.deadline-note")
    assert note_tag is not None
    note = " ".join(note_tag.get_text().split())
    assert note == (
        "Digipoort-koppeling in gebruik, 1 maart 2029: voor 2029 is nog geen "
        "gelijkstellingsbesluit (Algemene termijnenwet art. 3 lid 3) bekend; de datum kan nog "
        "verschuiven"
    )
    covered = make_pack(tmp_path, variant(), name="covered.yaml")
    assert "deadline-note" not in annex_document_html(covered)


def test_the_site_checklist_and_timeline_carry_the_note(tmp_path):

    srcdir = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-site", srcdir)
    alpha = srcdir / "tenders" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    for old, new in AWARD_2028:
        assert old in text
        text = text.replace(old, new)
    alpha.write_text(text, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    out = Path(app.outdir) / "tenders" / "2027-TEST-0001"
    checklist = BeautifulSoup((out / "checklist.html").read_text("utf-8"), "html.parser")
    notes = checklist.select(".tp-step-note")
    assert notes, "no note on the checklist"
    for note in notes:
        assert " ".join(note.get_text().split()) == (
            "Let op: voor 2029 is nog geen gelijkstellingsbesluit (Algemene termijnenwet "
            "art. 3 lid 3) bekend; de datum kan nog verschuiven"
        )
        step = note.find_parent("li")
        meta = step.select_one(".tp-step-meta") if step is not None else None
        assert meta is not None and "1 maart 2029" in meta.get_text()
    landing = " ".join((out / "index.html").read_text("utf-8").split())
    assert "(let op: voor 2029 is nog geen gelijkstellingsbesluit" in landing
