"""Purchasing systems are profiles: data a project can add, checked like tender files.

Most tests use ``harbour``, a system made up for them in tests/roots/test-profiles: if a
tender on it loads, derives its deadlines and checklist and breaks its rules as its
profile says, nothing about a system can be hiding in tenderpack's code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.systems import ProfileError, Registry, load_registry, shipped_registry
from tenderpack.tender.loading import LoadedTender, load_tender_bytes
from tenderpack.tender.pack import build_pack
from tenderpack.tender.schema import tender_schema

ROOT = Path(__file__).parent / "roots" / "test-profiles"
# The loader's message codes these tests produce (test_loading checks every code is tested).
CODES_TESTED_HERE = {
    "invoice-to-own-oin",
    "moment-before-award",
    "no-invoice-receiver",
    "no-ordering-unit",
    "oin-kvk",
    "profile-bounds",
    "profile-days-before-moment",
    "profile-default-not-a-choice",
    "profile-duplicate-step",
    "profile-id-mismatch",
    "profile-pattern",
    "profile-placeholder",
    "profile-placeholder-syntax",
    "profile-rule",
    "profile-setting-choices",
    "profile-setting-default-when",
    "profile-several-defaults",
    "profile-unknown-name",
    "profile-version-1-target",
    "setting-refused",
    "system-stopped",
    "systems-folder-missing",
}
PACKAGE = Path(__file__).parent.parent / "sphinx_ext" / "tenderpack"
SHIP = (ROOT / "tenders" / "ship.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT / "systems")


def load(text: str, registry: Registry, lang: str = "nl") -> LoadedTender:
    return load_tender_bytes(text.encode(), Path("ship.yaml"), lang, registry)  # type: ignore[arg-type]


def ship(*replacements: tuple[str, str]) -> str:
    text = SHIP
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def only(loaded: LoadedTender, code: str) -> Diagnostic:
    found = [d for d in loaded.diagnostics if d.code == code]
    assert len(found) == 1, [d.format() for d in loaded.diagnostics]
    return found[0]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- a made-up system, end to end through the loader and the pack ----------------------------


def test_a_project_profile_joins_the_shipped_ones(registry: Registry) -> None:
    assert set(shipped_registry().ids) <= set(registry.ids)
    assert "harbour" in registry
    assert registry.default == "harbour"  # a project's own default wins over the shipped one
    assert not registry["harbour"].shipped


def test_a_tender_on_it_gets_its_deadlines_settings_and_checklist(registry: Registry) -> None:
    loaded = load(SHIP, registry)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    tender = loaded.tender
    assert tender is not None
    assert tender.connections == {
        "berth": {"before": "contract_start", "days_before": 10},
        "crane": {"before": "first_order"},
        "tug": {"months": 3},
    }
    assert tender.settings == {"manifest": False, "dock_code": "D-17", "scheme": "0106"}
    pack = build_pack(tender, Path("ship.yaml"), registry)
    berth, crane, tug = (pack.deadlines[key] for key in ("berth", "crane", "tug"))
    assert (berth.date, berth.basis) == (dt.date(2027, 8, 22), "contract")  # 1 Sep - 10 days
    assert (crane.date, crane.moment) == (None, "first_order")  # a moment, not a date
    assert (tug.date, tug.basis) == (dt.date(2027, 6, 1), "law")  # 1 March + 3 months
    assert pack.message_standard == "Harbour-XML"
    steps = {step.id: step for step in pack.checklist}
    assert list(steps) == ["moor", "crane"]  # no manifest: goods, and not asked for
    assert steps["moor"].title == "Meer aan bij Harbour Exchange"
    assert steps["moor"].explanation == "Gebruik dokcode D-17."
    assert steps["crane"].owner == "harbourmaster"
    assert pack.to_json()["checklist"][1]["due_moment"] == "first_order"


def test_a_flag_defaults_from_its_condition_and_a_rule_holds(registry: Registry) -> None:
    hire = load(ship(("supply: goods", "supply: hire")), registry)
    assert hire.ok and hire.tender is not None
    assert hire.tender.setting("manifest") is True
    refused = ship(
        ("supply: goods", "supply: hire"),
        ("  dock_code: D-17", "  dock_code: D-17\n  manifest: false"),
    )
    loaded = load(refused, registry, "en")
    found = only(loaded, "profile-rule")
    assert found.severity is Severity.ERROR
    assert found.message == "hire needs a manifest (settings.manifest)"
    assert found.line == line_of(refused, "manifest: false")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("D 17", "een dokcode heeft geen spaties"),
        ("po-17", "een dokcode begint niet met PO"),
    ],
)
def test_a_setting_refuses_what_its_profile_refuses(registry, code, message) -> None:
    text = ship(("dock_code: D-17", f"dock_code: {code}"))
    found = only(load(text, registry), "setting-refused")
    where = f"ship.yaml:{line_of(text, 'dock_code')}:14"
    assert found.format() == f"{where}: error: settings.dock_code: '{code}': {message}"


def test_a_required_setting_and_a_mandatory_option_are_asked_for(registry) -> None:
    missing = load(ship(("settings:\n  dock_code: D-17\n", "")), registry)
    assert only(missing, "missing-field").message == "verplicht veld 'settings' ontbreekt"
    no_berth = ship(("  berth: {days_before: 10}\n", ""))
    found = only(load(no_berth, registry, "en"), "mandatory-connection")
    assert found.message == "connections must include 'berth': it is mandatory for Harbour Exchange"


def test_an_option_parameter_is_checked_at_its_line(registry) -> None:
    text = ship(("tug: {months: 3}", "tug: {months: 9}"))
    found = only(load(text, registry), "out-of-range")
    assert (found.line, found.column) == (line_of(text, "tug:"), 17)
    assert "tussen 1 en 6" in found.message
    unknown = ship(("  tug: {months: 3}", "  tugs: {months: 3}"))
    found = only(load(unknown, registry, "en"), "unknown-field")
    assert found.message == "unknown field 'tugs'; did you mean 'tug'?"


def test_a_contract_term_before_the_award_is_refused(registry) -> None:
    text = ship(
        ("  contract_start: 2027-09-01", "  contract_start: 2027-03-20"),
        ("days_before: 10", "days_before: 30"),
    )
    found = only(load(text, registry, "en"), "moment-before-award")
    assert found.message == (
        "the deadline 'Berth' (2027-02-18) falls before the award (2027-03-01); take fewer days "
        "or a later moment"
    )
    assert found.line == line_of(text, "days_before: 30")


def test_a_warning_rule_of_the_profile_is_a_warning(registry) -> None:
    found = only(load(ship(("  tug: {months: 3}\n", "")), registry), "profile-rule")
    assert (found.severity, found.message) == (Severity.WARNING, "een kraan zonder sleepboot")


def test_the_channel_is_one_the_profile_has(registry) -> None:
    found = only(load(ship(("channel: quay", "channel: klantorder")), registry, "en"), "bad-choice")
    assert found.message == "channel: 'klantorder' is not allowed; choose from quay, buoy"


def test_an_unknown_system_in_version_2_lists_the_known_ones(registry) -> None:
    found = only(load(ship(("system: harbour", "system: ferry")), registry), "unknown-system")
    assert found.message.startswith("system: 'ferry' is geen bekend inkoopsysteem; kies uit ")
    assert "harbour" in found.message and "digiinkoop" in found.message


# --- roles of the units ----------------------------------------------------------------------


def test_every_tender_names_who_orders_and_who_receives_invoices(registry) -> None:
    nobody_invoiced = load(ship(("    role: invoices", "    role: orders")), registry)
    # at the list of departments, whose first entry starts on the line after the key
    assert only(nobody_invoiced, "no-invoice-receiver").line == line_of(SHIP, "departments:") + 1
    nobody_orders = load(ship(("    role: orders", "    role: invoices")), registry)
    assert only(nobody_orders, "no-ordering-unit")
    same = ship(('    oin: "00000004003214345001"', '    oin: "00000001003214105000"'))
    found = only(load(same, registry, "en"), "invoice-to-own-oin")
    assert found.severity is Severity.WARNING
    assert found.message.startswith("departments[1].oin: this unit only receives invoices")


def test_a_kvk_number_where_an_oin_belongs_says_so(registry) -> None:
    text = ship(('    oin: "00000004003214345001"', '    oin: "12345678"'))
    found = only(load(text, registry), "oin-kvk")
    assert "lijkt een KvK-nummer (8 cijfers); hier hoort het OIN" in found.message


# --- a profile is checked like a tender file ------------------------------------------------


def broken_profile(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of harbour with one change; the path and line of the changed text."""
    systems = tmp_path / "systems"
    shutil.copytree(ROOT / "systems", systems)
    path = systems / "harbour" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    last = new.splitlines()[-1]
    return systems, max(n for n, line in enumerate(text.splitlines(), 1) if last in line)


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "message"),
    [
        (
            "checklist.yaml",
            "owner: harbourmaster",
            "owner: harbormaster",
            "profile-unknown-name",
            "owner 'harbormaster' bestaat niet in dit profiel; kies uit supplier, "
            "contracting_authority, harbourmaster",
        ),
        (
            "checklist.yaml",
            "Gebruik dokcode {dock_code}.",
            "Gebruik dokcode {dokcode}.",
            "profile-placeholder",
            "{dokcode} kan geen aanbesteding invullen; beschikbaar: system,",
        ),
        (
            "profile.yaml",
            "id: harbour",
            "id: haven",
            "profile-id-mismatch",
            "id: 'haven' moet gelijk zijn aan de mapnaam 'harbour'",
        ),
        (
            "profile.yaml",
            "message_standards:",
            "message_standard:",
            "unknown-field",
            "onbekend veld 'message_standard'; bedoelt u 'message_standards'?",
        ),
        (
            "profile.yaml",
            "      days_before: {default: 5, min: 0, max: 60}",
            "      days_before: {default: 90, min: 0, max: 60}",
            "profile-bounds",
            "standaardwaarde 90 ligt niet tussen min 0 en max 60",
        ),
        (
            "profile.yaml",
            "    when: {connection: crane}",
            "    when: {connection: kraan}",
            "profile-unknown-name",
            "connection 'kraan' bestaat niet in dit profiel; kies uit berth, crane, tug",
        ),
        (
            "profile.yaml",
            "    require: {connection: tug}",
            "    require: {any_connection: [tug, sleepboot]}",
            "profile-unknown-name",
            "connection 'sleepboot' bestaat niet in dit profiel; kies uit berth, crane, tug",
        ),
        (
            "profile.yaml",
            "      - pattern: '\\s'",
            "      - pattern: '(unclosed'",
            "profile-pattern",
            "geen geldige reguliere expressie: missing ), unterminated subpattern",
        ),
        (
            "profile.yaml",
            "      before: {default: first_order, choices: [first_order, first_invoice]}",
            "      before: {default: first_order, choices: [first_order, first_invoice]}\n"
            "      days_before: {default: 0, min: 0, max: 5}",
            "profile-days-before-moment",
            "days_before kan hier niet: geen van de momenten (first_order, first_invoice) heeft",
        ),
        (
            "profile.yaml",
            '    default: "0106"',
            '    default: "0001"',
            "profile-default-not-a-choice",
            "standaardwaarde '0001' staat niet in de keuzes (0106, 9944)",
        ),
        (
            "checklist.yaml",
            "  - id: manifest",
            "  - id: moor",
            "profile-duplicate-step",
            "stap 'moor' staat twee keer in de checklist",
        ),
        (
            "checklist.yaml",
            "Gebruik dokcode {dock_code}.",
            "Gebruik dokcode {dock_code.",
            "profile-placeholder-syntax",
            "accolades kloppen niet",
        ),
        (
            "profile.yaml",
            "  manifest:\n    kind: flag",
            "  manifest:\n    kind: flag\n    choices: [a, b]",
            "profile-setting-choices",
            "een instelling van soort 'flag' heeft choices alleen als ze choice of choices is",
        ),
        (
            "profile.yaml",
            "    kind: choice\n",
            "    kind: choice\n    default_when: {supply: hire}\n",
            "profile-setting-default-when",
            "default_when kan alleen bij een instelling van soort flag, niet 'choice'",
        ),
        (
            "profile.yaml",
            "privacy_notices: []",
            "privacy_notices: []\nversion_1:\n  department_flag: on_harbour\n"
            "  fields: {tug_months: connections.tug.weeks}",
            "profile-version-1-target",
            "'connections.tug.weeks' is geen plaats in versie 2",
        ),
    ],
)
def test_a_profile_mistake_is_reported_at_its_line(tmp_path, file, old, new, code, message):
    systems, line = broken_profile(tmp_path, file, old, new)
    if code == "profile-setting-choices":  # at the setting's mapping: its first key
        line = line_of(new_text(systems, file), "    kind: flag")
    if code == "profile-setting-default-when":
        line = line_of(new_text(systems, file), "    kind: choice")
    with pytest.raises(ProfileError) as caught:
        load_registry(systems)
    found = [d for d in caught.value.diagnostics if d.code == code]
    assert found, [d.format() for d in caught.value.diagnostics]
    assert found[0].path == systems / "harbour" / file
    assert found[0].line == line
    assert message in found[0].message


def new_text(systems: Path, file: str) -> str:
    return (systems / "harbour" / file).read_text(encoding="utf-8")


def test_a_stopped_system_gets_a_note_on_later_tenders(tmp_path) -> None:
    systems, _ = broken_profile(
        tmp_path, "profile.yaml", "status: current", "status: stopped\nstopped: 2027-01-01"
    )
    loaded = load(SHIP, load_registry(systems), "en")
    note = only(loaded, "system-stopped")
    assert (note.severity, note.line) == (Severity.NOTE, 2)
    assert (
        note.message
        == "Harbour Exchange stopped on 2027-01-01; check that this annex still applies"
    )
    assert loaded.ok  # a note, never an error


def test_two_defaults_in_one_project_are_one_too_many(tmp_path) -> None:
    systems = tmp_path / "systems"
    shutil.copytree(ROOT / "systems" / "harbour", systems / "harbour")
    shutil.copytree(ROOT / "systems" / "harbour", systems / "quay")
    profile = systems / "quay" / "profile.yaml"
    profile.write_text(profile.read_text().replace("id: harbour", "id: quay"))
    with pytest.raises(ProfileError) as caught:
        load_registry(systems)
    assert [d.code for d in caught.value.diagnostics] == ["profile-several-defaults"]


def test_a_missing_systems_folder_is_an_error(tmp_path) -> None:
    with pytest.raises(ProfileError) as caught:
        load_registry(tmp_path / "nowhere", "en")
    assert caught.value.diagnostics[0].message == (
        f"profiles folder {tmp_path / 'nowhere'} does not exist or is not a folder"
    )


def test_a_project_profile_replaces_a_shipped_one_whole(tmp_path) -> None:
    systems = tmp_path / "systems"
    shutil.copytree(PACKAGE / "systems" / "digiinkoop", systems / "digiinkoop")
    profile = systems / "digiinkoop" / "profile.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "name: DigiInkoop", "name: DigiInkoop (eigen)", 1
        ),
        encoding="utf-8",
    )
    registry = load_registry(systems)
    assert registry["digiinkoop"].name == "DigiInkoop (eigen)"
    assert registry["digiinkoop"].folder == systems / "digiinkoop"


# --- the schema editors get covers a project's own system -------------------------------------


def as_editor_reads(text: str) -> object:
    """The file as a YAML language server gives it to the schema: dates stay text."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def test_the_schema_describes_a_project_system(registry) -> None:
    validator = jsonschema.Draft202012Validator(tender_schema(registry))
    assert [e.message for e in validator.iter_errors(as_editor_reads(SHIP))] == []
    assert not validator.is_valid(as_editor_reads(ship(("tug: {months: 3}", "tug: {months: 9}"))))
    assert not validator.is_valid(as_editor_reads(ship(("  berth: {days_before: 10}\n", ""))))
    assert not validator.is_valid(as_editor_reads(ship(("  dock_code: D-17\n", ""))))


# --- no system lives in the code -------------------------------------------------------------


def _names_of_systems() -> set[str]:
    """Every id and operator name the shipped profiles and the made-up one use."""
    names: set[str] = set()
    for registry in (shipped_registry(), load_registry(ROOT / "systems")):
        for profile in registry.profiles.values():
            data = profile.data
            names |= {profile.id, data.operator.name, data.service_centre.name}
            names |= set(data.connections) | set(data.channels)
    return names


def test_no_system_is_named_in_code() -> None:
    """A system id, connection id or operator name in a .py file means a system is code."""
    pattern = re.compile(
        "|".join(rf"(?<![\w-]){re.escape(name)}(?![\w-])" for name in sorted(_names_of_systems())),
        re.IGNORECASE,
    )
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


# --- the shipped current system ---------------------------------------------------------------

EXAMPLES = [  # the example tenders on peppol-rijk, beside the DigiInkoop ones in tenders/
    path
    for path in sorted((Path(__file__).parent.parent / "tenders").glob("*.yaml"))
    if "\nsystem: peppol-rijk\n" in path.read_text(encoding="utf-8")
]


def test_there_are_peppol_rijk_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_peppol_rijk_examples_are_valid_and_derive_their_roles(path: Path) -> None:
    from tenderpack.tender.loading import load_tender

    loaded = load_tender(path)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.diagnostics == []  # a current system: no phase-out note
    tender = loaded.tender
    assert tender is not None and tender.system == "peppol-rijk"
    pack = build_pack(tender, path)
    assert "peppol" in pack.deadlines
    assert pack.deadlines["peppol"].basis == "contract"  # never an invented law
    if tender.supply == "hire":
        assert tender.setting("setu") is True
        assert any(d.role == "invoices" for d in tender.departments)


def test_the_peppol_rijk_annex_is_written_in_three_formats(tmp_path: Path) -> None:
    """Its own templates (templates/verzendspecificatie), its own file names, all read back."""
    import subprocess
    import sys

    import docx
    import pypdf

    example = next(path for path in EXAMPLES if path.name == "2027-bzk-0117-projectmanagers.yaml")
    tender = yaml.safe_load(example.read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "tenderpack", "annex", str(example), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    stem = f"{tender['reference']}-verzendspecificatie"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        f"{stem}.docx",
        f"{stem}.html",
        f"{stem}.pdf",
    ]
    html = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    pdf = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / f"{stem}.pdf").pages)
    word = "\n".join(p.text for p in docx.Document(str(tmp_path / f"{stem}.docx")).paragraphs)
    word += "\n".join(
        cell.text
        for table in docx.Document(str(tmp_path / f"{stem}.docx")).tables
        for row in table.rows
        for cell in row.cells
    )
    invoiced = next(d for d in tender["departments"] if d.get("role") == "invoices")
    for text in (html, pdf, word):
        assert invoiced["oin"] in text  # the OIN suppliers invoice, in every format
        assert "SETU" in text and "TimeCardID" in text  # hire of staff: the timecard
        assert "Bijlage H" not in text and "DigiInkoop" not in text


# --- a project's own profiles in a real Sphinx build (tenderpack_systems_dir) ----------------


def sphinx_build(srcdir: Path, parallel: int = 0, **overrides: object) -> tuple[str, list[str]]:
    """Build ``srcdir``; the warnings, and the documents Sphinx read."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=srcdir, confoverrides=overrides, parallel=parallel)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, names: read.extend(names))
    try:
        app.build()
        return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()), sorted(read)
    finally:
        app.cleanup()


@pytest.fixture
def haven(tmp_path: Path) -> Path:
    srcdir = tmp_path / "haven"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def test_the_build_reads_the_profiles_conf_py_names(haven: Path) -> None:
    warnings, _ = sphinx_build(haven, tenderpack_annex_formats="")
    assert "unknown" not in warnings and "onbekend" not in warnings, warnings
    page = haven / "_build" / "html" / "tenders" / "2027-HAVEN-0001" / "checklist.html"
    html = page.read_text(encoding="utf-8")
    assert "Meer aan bij Harbour Exchange" in html  # the harbour checklist, from the project
    assert "Gebruik dokcode D-17." in html


def test_editing_a_project_profile_rebuilds_the_pages_of_its_tenders(haven: Path) -> None:
    """Incremental: the tender is loaded again (not taken from the store's cache file, whose
    key has the profiles' bytes in it) and its pages are read again; other pages are not."""
    import time

    from tenderpack.sphinx import store

    sphinx_build(haven, tenderpack_annex_formats="")
    checklist = haven / "systems" / "harbour" / "checklist.yaml"
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text(text.replace("Meer aan bij {system}", "Leg aan bij {system}"), "utf-8")
    time.sleep(0.02)
    store.forget()  # a new process: what it knows comes from the cache file
    warnings, read = sphinx_build(haven, tenderpack_annex_formats="")
    assert warnings == ""
    section = "tenders/2027-HAVEN-0001/"
    assert f"{section}checklist" in read
    assert "index" not in read  # the project's own page does not show the tender
    page = haven / "_build" / "html" / "tenders" / "2027-HAVEN-0001" / "checklist.html"
    html = page.read_text(encoding="utf-8")
    assert "Leg aan bij Harbour Exchange" in html and "Meer aan bij" not in html
    _, again = sphinx_build(haven, tenderpack_annex_formats="")
    assert not [name for name in again if name.startswith(section)]  # nothing changed since


def test_a_bad_project_profile_fails_the_build_at_its_line(haven: Path) -> None:
    profile = haven / "systems" / "harbour" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("id: harbour", "id: haven"))
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=haven, confoverrides={"tenderpack_annex_formats": ""})
    try:
        app.build()
        warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
        assert app.statuscode == 1
    finally:
        app.cleanup()
    assert f"{profile}:3: ERROR: id: 'haven' moet gelijk zijn aan de mapnaam 'harbour'" in warnings
    assert "tenderpack.profile-id-mismatch" in warnings
    assert not (haven / "tenders" / "2027-HAVEN-0001").exists()  # no tender on wrong data


def test_the_harbour_annex_is_written_in_three_formats_and_reads_back(tmp_path: Path) -> None:
    """``tenderpack annex --systems --templates``: a system only the project knows, with the
    annex its profile names (templates/harbour-annex, stem havenbijlage), no code for it."""
    import subprocess
    import sys

    import docx
    import pypdf

    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("tenderpack")),
            "annex",
            ROOT / "tenders" / "ship.yaml",
            "--systems",
            ROOT / "systems",
            "--templates",
            ROOT / "templates",
            "--out",
            tmp_path,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    stem = tmp_path / "2027-HAVEN-0001-havenbijlage"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        f"{stem.name}.{ext}" for ext in ("docx", "html", "pdf")
    ]
    html = stem.with_suffix(".html").read_text(encoding="utf-8")
    pdf = " ".join(page.extract_text() for page in pypdf.PdfReader(stem.with_suffix(".pdf")).pages)
    word = "\n".join(p.text for p in docx.Document(str(stem.with_suffix(".docx"))).paragraphs)
    for text in (re.sub(r"<[^>]+>", "", html), pdf, word):
        assert "Havenbijlage – 2027-HAVEN-0001" in text
        assert "aanmeren bij Harbour Exchange uiterlijk 22 augustus 2027" in text  # 1 Sep - 10
        assert "Dokcode: D-17." in text
        assert "Facturen aan Financieel Dienstencentrum (OIN 00000004003214345001)" in text
    assert '<time datetime="2027-08-22">' in html


def test_without_the_conf_value_the_systems_folder_beside_conf_py_is_read(haven: Path) -> None:
    """As ``tenderpack validate`` run in the project reads ./systems: both see one registry."""
    conf = haven / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('tenderpack_systems_dir = "systems"\n', "")
    )
    assert "tenderpack_systems_dir" not in conf.read_text(encoding="utf-8")
    warnings, read = sphinx_build(haven, tenderpack_annex_formats="", parallel=2)
    assert warnings == ""
    assert "tenders/2027-HAVEN-0001/checklist" in read


def test_a_conf_value_naming_no_folder_stops_the_build_at_its_line(haven: Path) -> None:
    import subprocess
    import sys

    conf = haven / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('= "systems"', '= "profielen"'))
    result = subprocess.run(
        [str(Path(sys.executable).with_name("sphinx-build")), "-q", str(haven), str(haven / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"{conf}:8: error: tenderpack_systems_dir: profielmap {haven / 'profielen'} bestaat niet "
        "of is geen map; laat tenderpack_systems_dir weg voor alleen de profielen van tenderpack "
        "zelf"
    )


def test_a_site_with_a_harbour_tender_has_its_pages_checklist_and_annex(haven: Path) -> None:
    """A real Sphinx build of a tender on a system only the project defines: every page comes
    from the profile's data and templates (no code knows harbour), with the annex downloads."""
    warnings, _ = sphinx_build(haven, tenderpack_annex_formats="pdf,docx")
    assert warnings == ""
    out = haven / "_build" / "html"
    section = out / "tenders" / "2027-HAVEN-0001"

    def page(name: str) -> str:
        return (section / f"{name}.html").read_text(encoding="utf-8")

    pages = sorted(p.stem for p in section.glob("*.html"))
    assert pages == ["checklist", "contact", "havenbijlage", "index", "ordering"]
    checklist = page("checklist")
    assert "Meer aan bij Harbour Exchange" in checklist
    assert "Havenmeester" in checklist  # the profile's own owner
    assert "22 augustus 2027" in checklist  # berth: 10 days before the contract start
    ordering = page("ordering")
    assert "U meert aan bij Harbour Exchange met dokcode D-17." in ordering
    assert "Langs de kade." in ordering and "Met een sleepboot binnen 3 maanden." in ordering
    annex = page("havenbijlage")
    assert "Havenbijlage" in annex and "Dokcode: D-17." in annex
    for ext in ("pdf", "docx"):
        name = f"2027-HAVEN-0001-havenbijlage.{ext}"
        assert f"annex/{name}" in annex  # offered for download from the annex page
        assert (out / "annex" / name).stat().st_size > 1000
    for name in pages:
        text = page(name)
        assert "DigiInkoop" not in text and "Bijlage H" not in text, name
