"""Parts of the Sphinx extension: configuration values, the calendar file, a doctree
snapshot, the privacy component on a tender's page, and the example project itself."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from tenderpack.outputs.calendar import calendar_bytes
from tenderpack.sphinx.config import parse_formats
from tenderpack.tender.loading import load_tender_bytes
from tenderpack.tender.pack import TenderPack, build_pack

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


def warnings_of(app: SphinxTestApp) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


def pack_of(path: Path, **replace: str) -> TenderPack:
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    loaded = load_tender_bytes(text.encode("utf-8"), path)
    assert loaded.ok and loaded.tender is not None, loaded.diagnostics
    return build_pack(loaded.tender, path)


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["pdf", "docx"], ["pdf", "docx"]),
        (("docx", "pdf", "pdf"), ["pdf", "docx"]),  # fixed order, no repeats
        ("pdf, DOCX", ["pdf", "docx"]),
        ("html", ["html"]),
        ("", []),  # -D tenderpack_annex_formats=
        ([""], []),  # what Sphinx makes of that -D for a list value
        ([], []),
    ],
)
def test_annex_formats_take_a_list_or_a_comma_separated_string(
    value: Any, expected: list[str]
) -> None:
    assert parse_formats(value) == expected


@pytest.mark.parametrize("value", ["pdf,odt", ["rtf"], 3])
def test_unknown_annex_formats_are_a_config_error(value: Any) -> None:
    with pytest.raises(ConfigError, match="tenderpack_annex_formats"):
        parse_formats(value)


@pytest.mark.sphinx("html", testroot="site", confoverrides={"tenderpack_annex_formats": "pdf,odt"})
def test_a_bad_format_stops_the_build_before_it_starts(make_app: Any, app_params: Any) -> None:
    args, kwargs = app_params
    with pytest.raises(ConfigError, match="odt"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx(
    "html", testroot="site", freshenv=True, confoverrides={"tenderpack_tenders_dir": "nowhere"}
)
def test_a_missing_tenders_folder_is_a_warning_and_an_empty_overview(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert any("[tenderpack.no-tenders-dir]" in line for line in found)
    overview = (Path(app.outdir) / "tenders" / "index.html").read_text(encoding="utf-8")
    assert "Er zijn (nog) geen aanbestedingen." in overview


# --- the calendar file -----------------------------------------------------------------------


def test_the_calendar_has_every_deadline_with_fixed_stamps_and_uids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pack = pack_of(ROOTS / "test-site" / "tenders" / "alpha.yaml")
    data = calendar_bytes(pack)
    assert data == calendar_bytes(pack)  # reproducible
    events: list[Any] = Calendar.from_ical(data).walk("VEVENT")
    found = {str(e["UID"]): e["DTSTART"].dt for e in events}
    assert found == {
        "2027-TEST-0001-award@tenderpack": dt.date(2027, 3, 1),
        "2027-TEST-0001-contract_start@tenderpack": dt.date(2027, 9, 1),
        "2027-TEST-0001-leveranciersportaal@tenderpack": dt.date(2027, 9, 1),
        "2027-TEST-0001-digipoort@tenderpack": dt.date(2027, 7, 1),
    }
    stamps = {e["DTSTAMP"].dt for e in events}
    assert stamps == {dt.datetime(2027, 3, 1, tzinfo=dt.UTC)}  # the award date, never "now"
    portal = next(e for e in events if str(e["UID"]).endswith("-leveranciersportaal@tenderpack"))
    description = str(portal["DESCRIPTION"])
    assert "Leverancier: Meld u aan bij de contractgevende rijksdienst" in description
    assert "Leverancier: Neem het Leveranciersportaal in gebruik" in description


def test_the_calendar_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    pack = pack_of(ROOTS / "test-site" / "tenders" / "alpha.yaml")
    assert b"DTSTAMP:20270115T080000Z" in calendar_bytes(pack)


def test_calendar_text_cannot_add_properties() -> None:
    """The loader refuses a line break in a title; the calendar writer escapes one anyway,
    so a tender built in code (or a future field without the check) cannot add events."""
    path = ROOTS / "test-site" / "tenders" / "alpha.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title: Testaanbesteding werkplekken", 'title: "x\\nBEGIN:VEVENT\\nUID:evil"'
    )
    refused = load_tender_bytes(text.encode("utf-8"), path)
    assert [d.code for d in refused.diagnostics] == ["line-break"]

    pack = pack_of(path)
    evil = pack.tender.model_copy(update={"title": "x\nBEGIN:VEVENT\nUID:evil"})
    data = calendar_bytes(build_pack(evil, path))
    assert b"X-WR-CALNAME:2027-TEST-0001: x\\nBEGIN:VEVENT\\nUID:evil\r\n" in data
    events: list[Any] = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 4
    assert "evil" not in {str(e["UID"]) for e in events}


# --- a doctree snapshot ----------------------------------------------------------------------

DEADLINES_DOCTREE = """\
<table classes="tp-table tp-deadlines language-en" ids="id1" support_smartquotes="0">
    <title>
        Deadlines: 2027-TEST-0002
    <tgroup cols="2">
        <colspec colwidth="1">
        <colspec colwidth="1">
        <thead>
            <row>
                <entry>
                    <paragraph>
                        Date
                <entry>
                    <paragraph>
                        What
        <tbody>
            <row>
                <entry>
                    <paragraph>
                        29 January 2027
                <entry>
                    <paragraph>
                        Award
            <row>
                <entry>
                    <paragraph>
                        1 April 2027
                <entry>
                    <paragraph>
                        Contract start
            <row>
                <entry>
                    <paragraph>
                        1 April 2027
                <entry>
                    <paragraph>
                        Supplier portal in use (contract term)
"""


@pytest.mark.sphinx("html", testroot="directives", freshenv=True)
def test_tender_deadlines_doctree(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    doctree = app.env.get_doctree("deadlines")
    table = doctree.next_node(lambda node: node.tagname == "table")
    # docutils 0.22 writes a False attribute as "0", older ones as "False"
    assert table.pformat().replace('"False"', '"0"') == DEADLINES_DOCTREE


# --- the privacy component on a tender's page ------------------------------------------------

NOTICE_PAGE = """\
---
orphan: true
---
# Privacyverklaringen

(privacy-digiinkoop)=
## DigiInkoop

```{privacy-notice} digiinkoop
```
"""


def test_a_tenders_contact_page_summarises_and_links_its_notices(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", srcdir)
    alpha = srcdir / "tenders" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "privacy_notices: []", "privacy_notices: [digiinkoop, mijnoverheid]"
        ),
        encoding="utf-8",
    )
    (srcdir / "notices.md").write_text(NOTICE_PAGE, encoding="utf-8")
    overrides = {
        "tenderpack_privacy_dir": str(REPO / "docs" / "privacy"),
        "tenderpack_privacy_accepted_gaps": {
            "digiinkoop": ["*"],
            "mijnoverheid": ["*"],
            "digid-machtigen": ["*"],
            "mijnoverheid-m1931": ["*"],
        },
    }
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    try:
        app.build()
        assert warnings_of(app) == []
    finally:
        app.cleanup()
    html = (Path(app.outdir) / "tenders" / "2027-TEST-0001" / "contact.html").read_text(
        encoding="utf-8"
    )
    assert 'id="privacy-summary-digiinkoop"' in html and 'id="privacy-summary-mijnoverheid"' in html
    assert '<a class="reference internal" href="../../notices.html#privacy-digiinkoop">' in html
    assert "<p>mijnoverheid</p>" in html  # no page has that notice in full: text, no link


# --- the example project ---------------------------------------------------------------------


def test_the_example_project_builds_strictly(tmp_path: Path) -> None:
    """conf.py, docs/ and tenders/ of this repository: no warning with -W (annex as HTML)."""
    srcdir = tmp_path / "repo"
    srcdir.mkdir()
    shutil.copy(REPO / "conf.py", srcdir)
    for folder in ("docs", "templates"):
        shutil.copytree(REPO / folder, srcdir / folder)
    (srcdir / "tenders").mkdir()
    for tender in (REPO / "tenders").glob("*.yaml"):  # not the generated sections
        shutil.copy(tender, srcdir / "tenders")
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        freshenv=True,
        warningiserror=True,
        confoverrides={"tenderpack_annex_formats": "html"},
    )
    try:
        app.build()
        assert warnings_of(app) == []
        assert app.statuscode == 0
    finally:
        app.cleanup()
    out = Path(app.outdir)
    assert "docs/index.html" in (out / "index.html").read_text(encoding="utf-8")  # the redirect
    english = (out / "tenders" / "2027-JenV-0311" / "checklist.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english
    # Both purchasing systems on one site, each annex page named by its own profile.
    assert (out / "tenders" / "2027-BZK-0042" / "bijlage-h.html").is_file()
    assert (out / "annex" / "2027-BZK-0042-bijlage-h.html").is_file()
    for reference in ("2027-EZ-0058", "2027-BZK-0117"):
        assert (out / "tenders" / reference / "verzendspecificatie.html").is_file()
        assert (out / "annex" / f"{reference}-verzendspecificatie.html").is_file()


# --- a broken annex template -----------------------------------------------------------------


def test_a_failing_annex_template_is_located_and_the_build_goes_on(tmp_path: Path) -> None:
    from tenderpack.outputs.annex.templating import default_templates_dir

    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", srcdir)
    shutil.copytree(default_templates_dir() / "bijlage-h", srcdir / "templates" / "bijlage-h")
    english = srcdir / "templates" / "bijlage-h" / "en.html.j2"
    lines = english.read_text(encoding="utf-8").splitlines()
    lines.insert(10, "{{ no_such_value }}")
    english.write_text("\n".join(lines) + "\n", encoding="utf-8")
    overrides = {"tenderpack_templates_dir": "templates", "tenderpack_annex_formats": "html"}
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    try:
        app.build()
        found = warnings_of(app)
    finally:
        app.cleanup()
    located = [line for line in found if "[tenderpack.annex-template]" in line]
    assert located, found
    assert all(f"{english}:11: ERROR: Bijlage H:" in line for line in located), located
    assert "no_such_value" in located[0]
    page = (Path(app.outdir) / "tenders" / "2027-TEST-0002" / "bijlage-h.html").read_text(
        encoding="utf-8"
    )
    assert "The annex could not be rendered" in page
    assert (Path(app.outdir) / "annex" / "2027-TEST-0001-bijlage-h.html").is_file()
