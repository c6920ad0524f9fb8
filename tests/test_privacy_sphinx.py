"""The privacy component in real Sphinx builds (sphinx.testing): pages, typed warnings,
accepted gaps, incremental and parallel builds."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tenderpack.sphinx.privacy import _listings

TESTROOT = Path(__file__).parent / "roots" / "test-privacy"
SEED_NOTICES = Path(__file__).parent.parent / "docs" / "privacy"
MakeApp = Callable[..., SphinxTestApp]
EVIL_GAPS = 11  # evil.yaml lacks every element it can lack (see test_privacy_check for which)


def strip_escape_sequences(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def warnings_of(app: SphinxTestApp) -> list[str]:
    return [
        line
        for line in strip_escape_sequences(app.warning.getvalue()).splitlines()
        if "WARNING" in line
    ]


def main_of(app: SphinxTestApp, page: str) -> Any:
    html = (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find("div", {"role": "main"})


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the testroot, for tests that change files or build twice."""
    srcdir = tmp_path / "site"
    shutil.copytree(TESTROOT, srcdir)
    return srcdir


def _bump(path: Path) -> None:
    """Date a change after the last read; not in the future, or it stays "changed" for ever."""
    time.sleep(0.02)
    now = time.time()
    os.utime(path, (now, now))


@pytest.mark.sphinx("html", testroot="privacy", freshenv=True)
def test_the_site_builds_without_a_warning(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    for page in ("notice", "register", "completeness", "summary", "myst"):
        assert (Path(app.outdir) / f"{page}.html").is_file()


@pytest.mark.sphinx("html", testroot="privacy", freshenv=True)
def test_notice_text_is_shown_literally_in_rest_and_myst(app: SphinxTestApp) -> None:
    app.build()
    for page in ("notice", "myst", "summary", "completeness"):
        main = main_of(app, page)
        assert main.find_all("script") == []
        assert main.find_all("img") == []
        assert main.find(id="myst-raw") is None and main.find(id="rst-raw") is None
        text = main.get_text()
        assert "<script>alert('dienst')</script>" in text  # straight quotes: no smart quotes
        assert "‘" not in text
    myst = main_of(app, "myst").get_text()
    assert "```{raw} html" in myst
    assert "**niet vet** and {eval-rst}`x`" in myst


@pytest.mark.sphinx("html", testroot="privacy", freshenv=True)
def test_pages_have_sections_tables_and_anchors(app: SphinxTestApp) -> None:
    app.build()
    notice = main_of(app, "notice")
    assert notice.find("section", id="privacy-complete") is not None
    assert notice.find("section", id="privacy-complete-rights") is not None
    assert notice.find("section", id="privacy-evil-gaps") is not None
    register = main_of(app, "register")
    captions = [c.get_text(" ", strip=True).rstrip(" ¶") for c in register.find_all("caption")]
    assert captions == [
        "Volledige Dienst: de verwerking",  # the general table names its region too (12.9)
        "Betrokkene(n): Contactpersoon van de leverancier",
        "Betrokkene(n): Collega in de administratie",
    ]
    first_row = register.find("tbody").find("tr")
    assert first_row.find("th").get_text(strip=True) == "Omschrijving"  # row heads are th
    table = main_of(app, "completeness").find("table")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 2
    assert len(table.find("thead").find_all("th")) == 15
    # Row and column headers both: each th says which it heads (WCAG H63, issue 12 point 9).
    assert {th.get("scope") for th in table.find("thead").find_all("th")} == {"col"}
    assert {th.get("scope") for th in table.find("tbody").find_all("th")} == {"row"}
    assert {th.get("scope") for th in register.find_all("th")} == {"row"}
    assert "ontbreekt, geaccepteerd" in rows[1].get_text()
    assert main_of(app, "summary").find("section", id="privacy-summary") is not None


def test_each_gap_is_a_typed_warning_at_file_and_line(make_app: MakeApp, site: Path) -> None:
    app = make_app("html", srcdir=site, confoverrides={"tenderpack_privacy_accepted_gaps": {}})
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == EVIL_GAPS
    assert all(
        w.startswith("privacy/evil.yaml:") and w.endswith("[tenderpack.privacy]") for w in warnings
    )
    assert (
        "privacy/evil.yaml:1: WARNING: geen klachtinstantie "
        "(AVG art. 13 lid 2 onder d; art. 14 lid 2 onder e) [tenderpack.privacy]"
    ) in warnings
    assert (
        "privacy/evil.yaml:14: WARNING: <b>Persoon</b>: niet vermeld waar de persoonsgegevens "
        "vandaan komen (AVG art. 14 lid 2 onder f) [tenderpack.privacy]"
    ) in warnings


def test_suppress_warnings_silences_every_gap(make_app: MakeApp, site: Path) -> None:
    overrides = {
        "tenderpack_privacy_accepted_gaps": {},
        "suppress_warnings": ["tenderpack.privacy"],
    }
    app = make_app("html", srcdir=site, confoverrides=overrides)
    app.build()
    assert warnings_of(app) == []


def test_gaps_are_accepted_per_notice_and_stale_acceptances_reported(
    make_app: MakeApp, site: Path
) -> None:
    accepted = {"evil": ["13.2.d", "dpo"], "complete": ["13.2.f"], "gone": ["*"]}
    app = make_app(
        "html", srcdir=site, confoverrides={"tenderpack_privacy_accepted_gaps": accepted}
    )
    app.build()
    warnings = warnings_of(app)
    assert not [w for w in warnings if "klachtinstantie" in w or "functionaris" in w]
    assert len([w for w in warnings if w.startswith("privacy/evil.yaml")]) == EVIL_GAPS - 2
    assert (
        "privacy/complete.yaml:1: WARNING: tenderpack_privacy_accepted_gaps: '13.2.f' bij "
        "'complete' is geen gat (meer); haal het weg [tenderpack.privacy]"
    ) in warnings
    assert any("'gone'" in w and w.endswith("[tenderpack.privacy-invalid]") for w in warnings)


@pytest.mark.parametrize("accepted", [["13.2.d"], {"evil": "13.2.d"}, {"evil": ["13.9.z"]}])
def test_a_malformed_acceptance_is_reported(make_app: MakeApp, site: Path, accepted: Any) -> None:
    app = make_app(
        "html", srcdir=site, confoverrides={"tenderpack_privacy_accepted_gaps": accepted}
    )
    app.build()
    assert any(
        "tenderpack_privacy_accepted_gaps moet een dict zijn" in w
        and w.endswith("[tenderpack.privacy-invalid]")
        for w in warnings_of(app)
    )


def test_a_broken_notice_and_bad_directives_are_located(make_app: MakeApp, site: Path) -> None:
    (site / "privacy" / "broken.yaml").write_text(
        "schema_version: 1\nid: broken\nservce: X\nkind: statement\n", encoding="utf-8"
    )
    (site / "bad.rst").write_text(
        "Bad\n===\n\n.. privacy-notice:: nobody\n\n.. privacy-notice:: broken\n\n"
        ".. privacy-notice:: complete\n   :view: table\n",
        encoding="utf-8",
    )
    index = site / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   bad\n", encoding="utf-8")
    app = make_app("html", srcdir=site, confoverrides={"suppress_warnings": ["tenderpack.privacy"]})
    app.build()
    warnings = warnings_of(app)
    assert (
        "privacy/broken.yaml:3: WARNING: onbekend veld 'servce'; bedoelt u 'service'? "
        "[tenderpack.privacy-invalid]"
    ) in warnings
    bad = [w for w in warnings if "bad.rst" in w]
    assert len(bad) == 3
    assert "bad.rst:4: WARNING: onbekende privacyverklaring 'nobody'" in bad[0]
    assert "bad.rst:6: WARNING: privacyverklaring 'broken' bevat fouten" in bad[1]
    assert "bad.rst:8: WARNING: onbekende weergave 'table'" in bad[2]


def test_a_missing_folder_is_reported_where_a_page_asks_for_a_notice(
    make_app: MakeApp, site: Path
) -> None:
    app = make_app("html", srcdir=site, confoverrides={"tenderpack_privacy_dir": "nowhere"})
    app.build()
    warnings = warnings_of(app)
    assert warnings
    assert all(
        "nowhere bestaat niet" in w and "[tenderpack.privacy-invalid]" in w for w in warnings
    )


def _reread(make_app: MakeApp, site: Path) -> list[str]:
    """Build the site again and say which documents Sphinx read anew."""
    app = make_app("html", srcdir=site)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    app.cleanup()  # a next app in this test must not find docutils' registries taken
    assert warnings_of(app) == []
    return sorted(read)


def test_incremental_builds_follow_the_notice_files(make_app: MakeApp, site: Path) -> None:
    first = make_app("html", srcdir=site)
    first.build()
    first.cleanup()
    assert _reread(make_app, site) == []

    complete = site / "privacy" / "complete.yaml"
    complete.write_text(
        complete.read_text(encoding="utf-8").replace("Volledige Dienst", "Hernoemde Dienst"),
        "utf-8",
    )
    _bump(complete)
    assert _reread(make_app, site) == ["completeness", "myst", "notice", "register", "summary"]
    assert "Hernoemde Dienst" in (site / "_build" / "html" / "register.html").read_text(
        encoding="utf-8"
    )

    evil = site / "privacy" / "evil.yaml"
    evil.write_text(evil.read_text(encoding="utf-8") + "security: Veilig.\n", encoding="utf-8")
    _bump(evil)
    assert _reread(make_app, site) == ["completeness", "myst", "notice", "summary"]

    extra = site / "privacy" / "extra.yaml"
    extra.write_text(
        complete.read_text(encoding="utf-8").replace("id: complete", "id: extra"), "utf-8"
    )
    assert "index" not in _reread(make_app, site)
    completeness = (site / "_build" / "html" / "completeness.html").read_text(encoding="utf-8")
    assert ">extra<" in completeness


def test_a_parallel_build_is_the_same(make_app: MakeApp, site: Path, tmp_path: Path) -> None:
    serial_dir = tmp_path / "serial"
    shutil.copytree(site, serial_dir)
    serial = make_app("html", srcdir=serial_dir)
    serial.build()
    serial.cleanup()
    parallel = make_app("html", srcdir=site, parallel=2)
    parallel.build()
    assert warnings_of(parallel) == []
    status = strip_escape_sequences(parallel.status.getvalue())
    assert "reading sources... [ 50%] completeness .. myst" in status  # read in chunks: parallel
    assert sorted(_listings(parallel.env)) == [
        "completeness",
        "myst",
        "notice",
        "register",
        "summary",
    ]
    for page in ("notice", "completeness", "summary"):
        assert str(main_of(parallel, page)) == str(main_of(serial, page))


def test_the_seed_notices_in_a_build(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "seeds"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["tenderpack.sphinx.privacy"]\nlanguage = "en"\n'
        f"tenderpack_privacy_dir = {str(SEED_NOTICES)!r}\n",
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Privacy\n=======\n\n.. privacy-summary:: digiinkoop, digid-machtigen, mijnoverheid\n\n"
        ".. privacy-completeness::\n\n.. privacy-notice:: mijnoverheid-m1931\n   :view: register\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_of(app)
    assert len(warnings) == 26  # the seed notices' gaps (test_privacy_seeds lists them)
    assert all(
        w.startswith(str(SEED_NOTICES)) and w.endswith("[tenderpack.privacy]") for w in warnings
    )
    assert (
        f"{SEED_NOTICES / 'digid-machtigen.yaml'}:157: WARNING: no complaint authority"
        in "\n".join(warnings)
    )
    main = main_of(app, "index")
    assert (
        main.find("section", id="privacy-summary")
        .find("h2")
        .get_text(strip=True)
        .startswith("In short")
    )
    assert (
        len(
            main.find("table", class_="tenderpack-privacy-completeness")
            .find("tbody")
            .find_all("tr")
        )
        == 4
    )
    assert "M1931" in main.get_text()


def test_notices_are_parsed_once_per_process_until_a_file_changes(tmp_path: Path) -> None:
    """Pages share one parse of the folder; an edited notice is read again."""
    from tenderpack.sphinx.privacy import _load_folder

    folder = tmp_path / "privacy"
    shutil.copytree(SEED_NOTICES, folder)
    first = _load_folder(folder, "nl")
    assert first and all(item.ok for item in first)
    assert _load_folder(folder, "nl") is first
    edited = folder / "digiinkoop.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(
        text.replace("service: DigiInkoop", "service: DigiInkoop (nieuw)", 1), encoding="utf-8"
    )
    again = _load_folder(folder, "nl")
    assert again is not first
    services = {item.notice.service for item in again if item.notice is not None}
    assert "DigiInkoop (nieuw)" in services
