"""Calendars that update (issue 12, point 10): a changed event says it is newer, read back by
two independent parsers (icalendar, which writes the file, and vobject, which does not share
a line of code with it), and two builds of one commit give the same bytes.

The histories are real: a git repository in a temporary folder, commits with fixed dates,
clones (full and shallow) built by the real Sphinx build in a separate process and by
``write_calendars``, the function that build calls.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject  # type: ignore[import-untyped]
from sphinx.testing.util import SphinxTestApp

from tenderpack.outputs.calendar import calendar_bytes, revisions
from tenderpack.sphinx.calendar import write_calendars
from tenderpack.tender.loading import load_tender, load_tender_bytes
from tenderpack.tender.pack import TenderPack, build_pack

ROOTS = Path(__file__).parent / "roots"
ALPHA = "2027-TEST-0001"
DIGIPOORT = f"{ALPHA}-digipoort@tenderpack"  # the event whose deadline the history changes
AWARD = f"{ALPHA}-award@tenderpack"
FIRST = "2026-01-05T10:00:00+00:00"
SECOND = "2026-02-10T15:30:00+00:00"
THIRD = "2026-03-02T09:00:00+00:00"


def git(folder: Path, *args: str, when: str = FIRST) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Inkoop",
        "GIT_AUTHOR_EMAIL": "inkoop@example.org",
        "GIT_COMMITTER_NAME": "Inkoop",
        "GIT_COMMITTER_EMAIL": "inkoop@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-C", str(folder), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """The test site in git: three commits. The second moves the Digipoort deadline (four
    months after the award becomes five), the third changes only the calendar's name."""
    repo = tmp_path / "origin"
    shutil.copytree(ROOTS / "test-site", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", when=FIRST)
    edit(repo / "tenders" / "alpha.yaml", "digipoort_months: 4", "digipoort_months: 5")
    git(repo, "commit", "-q", "-am", "Digipoort a month later", when=SECOND)
    edit(repo / "tenders" / "alpha.yaml", "title: Testaanbesteding", "title: Aanbesteding")
    git(repo, "commit", "-q", "-am", "a new title", when=THIRD)
    return repo


def clone(origin: Path, target: Path, *args: str) -> Path:
    git(origin.parent, "clone", "-q", *args, origin.as_uri(), str(target))
    return target


def checkout(repo: Path, revision: str) -> None:
    git(repo, "checkout", "-q", revision)


def pack_in(repo: Path) -> TenderPack:
    path = repo / "tenders" / "alpha.yaml"
    loaded = load_tender(path)
    assert loaded.ok and loaded.tender is not None, loaded.diagnostics
    return build_pack(loaded.tender, path)


def calendar_in(repo: Path, out: Path) -> bytes:
    """The calendar file as the Sphinx build writes it for the tender in ``repo``."""
    write_calendars([pack_in(repo)], out)
    return (out / f"{ALPHA}.ics").read_bytes()


def events_by_icalendar(data: bytes) -> dict[str, tuple[int, dt.datetime, dt.date]]:
    events: list[Any] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return {str(e["UID"]): (int(e["SEQUENCE"]), e["DTSTAMP"].dt, e["DTSTART"].dt) for e in events}


def events_by_vobject(data: bytes) -> dict[str, tuple[int, dt.datetime, dt.date]]:
    calendar = vobject.readOne(data.decode("utf-8"))
    found = {}
    for event in calendar.vevent_list:
        if "last-modified" in event.contents:
            assert event.last_modified.value == event.dtstamp.value
        found[event.uid.value] = (
            int(event.sequence.value),
            event.dtstamp.value,
            event.dtstart.value,
        )
    return found


PARSERS = [events_by_icalendar, events_by_vobject]


@pytest.mark.parametrize("parse", PARSERS, ids=["icalendar", "vobject"])
def test_a_changed_deadline_is_a_newer_event_and_the_others_stay(
    origin: Path, tmp_path: Path, parse: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    work = clone(origin, tmp_path / "work")
    checkout(work, "HEAD~2")
    before = parse(calendar_in(work, tmp_path / "before"))
    checkout(work, "HEAD@{1}")  # back to main: the second and third commit
    after = parse(calendar_in(work, tmp_path / "after"))

    assert set(before) == set(after), "the same UIDs: the events are replaced, not added"
    old, new = before[DIGIPOORT], after[DIGIPOORT]
    assert new[2] != old[2], "the Digipoort deadline moved"
    assert new[0] > old[0], "a higher SEQUENCE"
    assert new[1] > old[1], "a newer DTSTAMP"
    assert new[1] == dt.datetime.fromisoformat(SECOND), "the time of the commit that moved it"
    for uid in set(before) - {DIGIPOORT}:
        assert after[uid] == before[uid], f"{uid}: unchanged, so the same SEQUENCE and DTSTAMP"
    assert after[AWARD][1] == dt.datetime.fromisoformat(FIRST)


def test_two_builds_of_one_commit_give_the_same_bytes(origin: Path, tmp_path: Path) -> None:
    """Two clones (other folders, other file times, a day apart) built by the real Sphinx
    build in its own process, one with SOURCE_DATE_EPOCH and one without."""
    one = clone(origin, tmp_path / "one")
    two = clone(origin, tmp_path / "two")
    os.utime(two / "tenders" / "alpha.yaml", (1_900_000_000, 1_900_000_000))

    def build(source: Path, epoch: str | None) -> bytes:
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        if epoch is not None:
            env["SOURCE_DATE_EPOCH"] = epoch
        out = source / "_build" / "html"
        command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        return (out / "calendar" / f"{ALPHA}.ics").read_bytes()

    first = build(one, None)
    assert first == build(two, "1800000000"), "the history dates the events, not the build"
    for parse in PARSERS:
        assert parse(first)[DIGIPOORT][1] == dt.datetime.fromisoformat(SECOND)


def test_a_shallow_clone_never_goes_back(origin: Path, tmp_path: Path) -> None:
    """CI checks out one commit. It cannot see when an unchanged event last changed, so it
    dates it by the one commit it has: newer than the full history says (a harmless update),
    never older, so a changed event still replaces what a full clone published before."""
    full = calendar_in(clone(origin, tmp_path / "full"), tmp_path / "full-out")
    shallow = calendar_in(clone(origin, tmp_path / "shallow", "--depth", "1"), tmp_path / "s")
    for parse in PARSERS:
        complete, partial = parse(full), parse(shallow)
        assert set(complete) == set(partial)
        for uid, (sequence, stamp, day) in complete.items():
            assert partial[uid][0] >= sequence and partial[uid][1] >= stamp, uid
            assert partial[uid][2] == day, uid
        assert partial[AWARD][1] == dt.datetime.fromisoformat(THIRD)


def test_an_uncommitted_edit_is_newer_than_the_last_commit(
    origin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = clone(origin, tmp_path / "work")
    committed = events_by_vobject(calendar_in(work, tmp_path / "committed"))
    edit(work / "tenders" / "alpha.yaml", "digipoort_months: 5", "digipoort_months: 6")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15 08:00 UTC
    edited = events_by_vobject(calendar_in(work, tmp_path / "edited"))
    assert edited[DIGIPOORT][0] > committed[DIGIPOORT][0]
    assert edited[DIGIPOORT][1] == dt.datetime(2027, 1, 15, 8, tzinfo=dt.UTC)
    assert edited[AWARD] == committed[AWARD]

    # Without SOURCE_DATE_EPOCH the file's time, but never before the last commit.
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    os.utime(work / "tenders" / "alpha.yaml", (1_000_000_000, 1_000_000_000))  # 2001
    early = events_by_vobject(calendar_in(work, tmp_path / "early"))
    assert early[DIGIPOORT][1] == dt.datetime.fromisoformat(THIRD) + dt.timedelta(seconds=1)


def test_outside_git_the_content_alone_dates_the_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No repository: SEQUENCE 0 and the document timestamp, as before there was a history."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = tmp_path / "plain"
    shutil.copytree(ROOTS / "test-site", plain)
    data = calendar_in(plain, tmp_path / "out")
    assert data == calendar_bytes(pack_in(plain))
    for parse in PARSERS:
        events = parse(data)
        assert {sequence for sequence, _, _ in events.values()} == {0}
        assert {stamp for _, stamp, _ in events.values()} == {
            dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
        }
    assert b"LAST-MODIFIED" not in data


def test_a_version_that_does_not_load_is_passed_over(origin: Path, tmp_path: Path) -> None:
    """A broken commit, fixed in the next one, was never published: it changes nothing."""
    work = clone(origin, tmp_path / "work")
    before = events_by_icalendar(calendar_in(work, tmp_path / "before"))
    tender = work / "tenders" / "alpha.yaml"
    good = tender.read_text(encoding="utf-8")
    tender.write_text(good.replace("supply: services", "supply: nonsense"), encoding="utf-8")
    git(work, "commit", "-q", "-am", "broken", when="2026-04-01T10:00:00+00:00")
    tender.write_text(good, encoding="utf-8")
    git(work, "commit", "-q", "-am", "fixed", when="2026-04-02T10:00:00+00:00")
    assert events_by_icalendar(calendar_in(work, tmp_path / "after")) == before


def test_sequences_rise_even_within_one_minute() -> None:
    """Two changes in the same minute still give two different, rising numbers."""
    path = ROOTS / "test-site" / "tenders" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    packs = []
    for months in (4, 5, 6):
        changed = text.replace("digipoort_months: 4", f"digipoort_months: {months}")
        loaded = load_tender_bytes(changed.encode("utf-8"), path)
        assert loaded.ok and loaded.tender is not None
        packs.append(build_pack(loaded.tender, path))
    moment = dt.datetime(2026, 5, 1, 12, 0, 10, tzinfo=dt.UTC)
    found = revisions([(moment, packs[0]), (moment, packs[1]), (moment, packs[2])])
    award = revisions([(moment, packs[0])])[AWARD]
    assert found[AWARD] == award
    assert found[DIGIPOORT].sequence == award.sequence + 2
    assert found[DIGIPOORT].modified == moment + dt.timedelta(seconds=2)


def test_a_project_profile_tender_is_replayed_with_the_project_profiles(tmp_path: Path) -> None:
    """A tender on a system only the project defines: its old versions load with the
    build's profiles too (with the shipped ones alone none would, and every event would
    fall back to SEQUENCE 0)."""
    repo = tmp_path / "haven"
    shutil.copytree(ROOTS / "test-profiles", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", when=FIRST)
    edit(repo / "tenders" / "ship.yaml", "berth: {days_before: 10}", "berth: {days_before: 12}")
    git(repo, "commit", "-q", "-am", "berth two days earlier", when=SECOND)
    app = SphinxTestApp("html", srcdir=repo, freshenv=True)
    try:
        app.build()
        data = (Path(app.outdir) / "calendar" / "2027-HAVEN-0001.ics").read_bytes()
    finally:
        app.cleanup()
    for parse in PARSERS:
        events = parse(data)
        stamps = {uid: stamp for uid, (_, stamp, _) in events.items()}
        assert stamps.pop("2027-HAVEN-0001-berth@tenderpack") == dt.datetime.fromisoformat(SECOND)
        assert set(stamps.values()) == {dt.datetime.fromisoformat(FIRST)}
