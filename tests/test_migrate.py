"""``tenderpack migrate``: version 1 tender files rewritten as version 2, comments kept.

The rules come from the ``version_1`` block of a profile; here the tests give that mapping
themselves, so the transform is tested on its own, and the command through the real
executable with the shipped profile.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenderpack.reading.yamlsource import parse_yaml
from tenderpack.systems import load_registry, shipped_registry
from tenderpack.systems.loading import shipped_folder
from tenderpack.systems.spec import Version1Mapping
from tenderpack.tender.loading import load_tender
from tenderpack.tender.migrate import (
    MigrationRefused,
    migrate_text,
    plain_migration,
    run_migrate,
)

from .support import VALID_TENDER, load_text, run_tenderpack, variant

ROOT = Path(__file__).parent.parent
# The version 1 examples (tenders/ holds version 2 tenders of other systems too).
EXAMPLES = [
    path
    for path in sorted((ROOT / "tenders").glob("*.yaml"))
    if "\nschema_version: 2" not in "\n" + path.read_text(encoding="utf-8")
]

MAPPING = Version1Mapping(
    system="digiinkoop",
    department_flag="on_digiinkoop",
    fields={
        "digipoort_months": ("connections", "digipoort", "months"),
        "catalogue": ("settings", "catalogue"),
    },
)


def comments(text: str) -> list[str]:
    """Every comment in a text, in order (the test material has no '#' inside values)."""
    found = (re.search(r"(?:^|\s)(#.*)$", line) for line in text.splitlines())
    return [match.group(1).rstrip() for match in found if match]


def data(text: str) -> object:
    return parse_yaml(text.encode("utf-8"), Path("t.yaml")).data


# --- every example --------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_tender_migrates(path):
    old = path.read_text(encoding="utf-8")
    assert load_text(old).ok
    result = migrate_text(old, MAPPING)
    new = data(result.text)
    assert isinstance(new, dict)
    assert new["schema_version"] == 2
    assert new["system"] == "digiinkoop"
    assert new == plain_migration(data(old), MAPPING)  # type: ignore[arg-type]
    assert isinstance(new["connections"], dict)
    assert all(value in ({}, {"months": new_months(old)}) for value in new["connections"].values())
    for department in new["departments"]:
        assert "on_digiinkoop" not in department
    assert "digipoort_months" not in new and "catalogue" not in new
    assert new["settings"]["catalogue"] is data(old)["catalogue"]  # type: ignore[index]
    assert comments(result.text) == comments(old)
    # Only the lines the rules touch change; the others stay byte for byte, in order.
    diff = difflib.ndiff(old.splitlines(), result.text.splitlines())
    removed = [line[2:] for line in diff if line.startswith("- ")]
    touched = ("schema_version:", "connections:", "digipoort_months:", "catalogue:")
    assert all(line.startswith(touched) or "on_digiinkoop:" in line for line in removed), removed


def new_months(old: str) -> int:
    found = re.search(r"^digipoort_months: (\d+)", old, re.MULTILINE)
    return int(found.group(1)) if found else -1


def test_the_larger_example_reads_as_the_format_says():
    """2027-BZK-0042 in full: the v2 text a reader of docs/develop/profiles.md expects."""
    old = (ROOT / "tenders" / "2027-bzk-0042-ict-werkplek.yaml").read_text(encoding="utf-8")
    new = migrate_text(old, MAPPING).text
    expected = (
        old.replace("schema_version: 1", "schema_version: 2")
        .replace("on_digiinkoop:", "on_system:")
        .replace("catalogue: false\n", "settings:\n  catalogue: false\n")
        .replace(
            "connections: [leveranciersportaal, digipoort]\n",
            "connections:\n  leveranciersportaal: {}\n  digipoort:\n    months: 4\n",
        )
        .replace("digipoort_months: 4\n", "")
    )
    assert new == expected


# --- comments ---------------------------------------------------------------------------------

COMMENTED = """\
# head comment
schema_version: 1   # the version
# about the reference
reference: 2027-TEST-0001
title: Testaanbesteding
language: nl
agreement: raamovereenkomst
supply: services
contracting_authority:
  name: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties
  abbreviation: BZK
  oin: "00000001003214345000"
departments:
  - name: Ministerie van Buitenlandse Zaken
    abbreviation: BZ
    oin: "00000001003227406000"
    # above the flag
    on_digiinkoop: false  # flag eol
    # below the flag
channel: klantorder
# above catalogue
catalogue: true  # catalogue eol
# below catalogue
connections:   # connections eol
  - leveranciersportaal  # portal eol
  # between
  - digipoort
  # after the list
dates:
  award: 2027-03-01
  contract_start: 2027-09-01
# above months
digipoort_months: 5  # months eol
# below months

contact:
  name: Team Inkoop
  email: inkoop@minbzk.example
# tail
"""

# What is promised: a moved key takes its own end-of-line comment and the comment lines just
# above it; the lines below it stay above the key that followed it. A renamed key keeps both
# where they were. An end-of-line comment keeps its distance from the text, or its column
# when the file aligns comments there (test_aligned_comments_stay_aligned).
COMMENTED_V2 = """\
# head comment
schema_version: 2   # the version
system: digiinkoop
# about the reference
reference: 2027-TEST-0001
title: Testaanbesteding
language: nl
agreement: raamovereenkomst
supply: services
contracting_authority:
  name: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties
  abbreviation: BZK
  oin: "00000001003214345000"
departments:
  - name: Ministerie van Buitenlandse Zaken
    abbreviation: BZ
    oin: "00000001003227406000"
    # above the flag
    on_system: false  # flag eol
    # below the flag
channel: klantorder
# above catalogue
settings:
  catalogue: true  # catalogue eol
# below catalogue
connections:   # connections eol
  leveranciersportaal: {}  # portal eol
  # between
  digipoort:
    # above months
    months: 5  # months eol
  # after the list
dates:
  award: 2027-03-01
  contract_start: 2027-09-01
# below months

contact:
  name: Team Inkoop
  email: inkoop@minbzk.example
# tail
"""


def test_comments_travel_with_moved_keys_and_stay_otherwise():
    assert load_text(COMMENTED).ok
    result = migrate_text(COMMENTED, MAPPING)
    assert result.text == COMMENTED_V2
    assert comments(result.text) != comments(COMMENTED)  # the order changed: two travelled
    assert sorted(comments(result.text)) == sorted(comments(COMMENTED))
    assert len(comments(result.text)) == 17


ALIGNED = """\
schema_version: 1
reference: 2027-BZK-0042            # tender kenmerk
title: Raamovereenkomst ICT-werkplekdiensten
agreement: raamovereenkomst         # raamovereenkomst | overeenkomst
supply: services                    # goods | services | hire
contracting_authority:              # aanbestedende dienst
  name: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties
  abbreviation: BZK
  oin: "00000001003214345000"
departments:                        # at least one
  - name: Ministerie van Buitenlandse Zaken
    abbreviation: BZ
    oin: "00000001003227406000"
    on_digiinkoop: true             # false: the Bijlage H clause applies
system: digiinkoop                  # the profile
channel: klantorder                 # klantorder | nacalculatie
catalogue: false                    # true: the catalogue clauses apply
connections: [leveranciersportaal, digipoort]   # options offered
dates:
  award: 2027-03-01                 # gunningsdatum
  contract_start: 2027-07-01        # after award
digipoort_months: 4                 # default 4
contact:                            # who suppliers contact
  name: Team Inkoop ICT
  email: inkoop-ict@minbzk.example
"""


def test_aligned_comments_stay_aligned():
    """The spec's style: a comment on every line, all in one column."""
    result = migrate_text(ALIGNED, MAPPING)
    assert sorted(comments(result.text)) == sorted(comments(ALIGNED))
    columns = {line.index("#") for line in result.text.splitlines() if "#" in line}
    assert columns == {36}, result.text
    assert "    months: 4                       # default 4\n" in result.text
    assert "connections:                        # options offered\n" in result.text


_LINES = VALID_TENDER.splitlines()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from([None, 0, 2, 4]), st.booleans(), st.booleans()),
        min_size=len(_LINES),
        max_size=len(_LINES),
    ),
    st.booleans(),
    st.sampled_from(["[leveranciersportaal, digipoort]", "[leveranciersportaal]", "block"]),
)
def test_any_comments_anywhere_survive_and_the_meaning_is_kept(places, system, connections):
    """Comment lines above any line (at any indent), blank lines, end-of-line comments: all
    come through, and migrate_text's own check finds the meaning unchanged."""
    out: list[str] = []
    for number, (line, (above, blank, eol)) in enumerate(zip(_LINES, places, strict=True)):
        if above is not None:
            out.append(" " * above + f"# above {number}")
        if blank:
            out.append("")
        out.append(f"{line}  # eol {number}" if eol else line)
    text = "\n".join(out) + "\n"
    if not system:
        text = text.replace("system: digiinkoop\n", "", 1)
    listed = "\n  - leveranciersportaal\n  - digipoort" if connections == "block" else connections
    text = text.replace(
        "connections: [leveranciersportaal, digipoort]", f"connections: {listed}", 1
    )
    assert load_text(text).ok
    result = migrate_text(text, MAPPING)
    assert sorted(comments(result.text)) == sorted(comments(text))


# --- what a version 1 value meant -------------------------------------------------------------

NOT_OFFERED = variant(
    ("system: digiinkoop\n", ""),
    ("connections: [leveranciersportaal, digipoort]", "connections: [leveranciersportaal]"),
    ("digipoort_months: 4", "# the months, for the record\ndigipoort_months: 6  # six"),
)


def test_months_for_a_connection_not_offered_are_dropped_with_a_note():
    assert load_text(NOT_OFFERED).ok  # valid in v1: the value simply had no effect
    result = migrate_text(NOT_OFFERED, MAPPING)
    new = data(result.text)
    assert isinstance(new, dict)
    assert new["connections"] == {"leveranciersportaal": {}}
    assert "digipoort_months" not in new and "months:" not in result.text
    dropped = [note for note in result.notes if note.code == "migrate-dropped"]
    assert len(dropped) == 1
    line = NOT_OFFERED.splitlines().index("digipoort_months: 6  # six") + 1
    assert (dropped[0].line, dropped[0].column) == (line, 1)
    assert dropped[0].params == {
        "field": "digipoort_months",
        "value": "6",
        "connection": "digipoort",
    }
    # Its comments stay where the key stood, the end-of-line one as a line of its own.
    assert "  contract_start: 2027-09-01\n# the months, for the record\n# six\ncontact:" in (
        result.text
    )


def test_system_is_added_after_the_version_and_notes_say_what_changed():
    result = migrate_text(NOT_OFFERED, MAPPING)
    assert result.text.startswith("schema_version: 2\nsystem: digiinkoop\nreference:")
    codes = [note.code for note in result.notes]
    assert codes == ["migrate-system-added", "migrate-renamed", "migrate-moved", "migrate-dropped"]
    renamed = result.notes[1]
    assert renamed.params == {"field": "departments[1].on_digiinkoop", "target": "on_system"}
    assert renamed.line == NOT_OFFERED.splitlines().index("    on_digiinkoop: false") + 1


def test_a_mapping_is_data_any_names_will_do():
    """Nothing about one system is in the code: another mapping, other names."""
    mapping = Version1Mapping(
        system="elsewhere",
        department_flag="on_digiinkoop",
        fields={"digipoort_months": ("connections", "leveranciersportaal", "lead_months")},
    )
    text = variant(("system: digiinkoop\n", ""), ("catalogue: false\n", ""))
    new = data(migrate_text(text, mapping).text)
    assert isinstance(new, dict)
    assert new["system"] == "elsewhere"
    assert new["connections"] == {"leveranciersportaal": {"lead_months": 4}, "digipoort": {}}


def test_line_endings_and_a_byte_order_mark_are_kept():
    text = "\ufeff" + NOT_OFFERED.replace("\n", "\r\n")
    result = migrate_text(text, MAPPING).text
    assert result.startswith("\ufeffschema_version: 2\r\n")
    assert "\n" not in result.replace("\r\n", "")
    assert result == "\ufeff" + migrate_text(NOT_OFFERED, MAPPING).text.replace("\n", "\r\n")


# --- refused ----------------------------------------------------------------------------------


def test_a_version_2_text_is_refused_by_the_transform():
    v2 = migrate_text(NOT_OFFERED, MAPPING).text
    with pytest.raises(MigrationRefused) as refused:
        migrate_text(v2, MAPPING)
    assert (refused.value.code, refused.value.line, refused.value.params) == (
        "migrate-not-version-1",
        1,
        {"value": 2},
    )


def test_a_file_of_another_system_is_refused():
    with pytest.raises(MigrationRefused) as refused:
        migrate_text(variant(("system: digiinkoop", "system: other")), MAPPING)
    assert refused.value.code == "migrate-other-system"
    assert refused.value.line == 19


def test_two_fields_for_one_place_are_refused_not_merged():
    mapping = Version1Mapping(
        system="digiinkoop",
        department_flag="on_digiinkoop",
        fields={
            "digipoort_months": ("connections", "digipoort", "months"),
            "catalogue": ("connections", "digipoort", "months"),
        },
    )
    with pytest.raises(MigrationRefused) as refused:
        migrate_text(VALID_TENDER, mapping)
    assert refused.value.code == "migrate-conflict"
    assert refused.value.params == {
        "field": "digipoort_months",
        "target": "connections.digipoort.months",
    }


def test_text_that_does_not_read_the_same_is_refused():
    """A duplicate key (the loader refuses it first; the transform must not guess either)."""
    with pytest.raises(MigrationRefused) as refused:
        migrate_text(VALID_TENDER + "title: Nog een titel\n", MAPPING)
    assert refused.value.code == "migrate-unfaithful"


# --- the command, as officers run it ----------------------------------------------------------

TENDERPACK = Path(sys.executable).with_name("tenderpack")


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_tenderpack("migrate", *args, cwd=cwd)


def test_a_broken_version_1_file_is_refused_at_its_line(tmp_path):
    text = variant(("supply: services", "supply: diensten"))
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(path, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}:6:9: error: supply: 'diensten' is not allowed; choose from goods, services, hire",
        f"{path}: error: not migrated: fix the errors above first (tenderpack validate)",
    ]
    assert path.read_text(encoding="utf-8") == text


def test_only_version_1_is_migrated(tmp_path):
    v2 = tmp_path / "v2.yaml"
    v2.write_text(migrate_text(NOT_OFFERED, MAPPING).text, encoding="utf-8")
    v3 = tmp_path / "v3.yaml"
    v3.write_text(variant(("schema_version: 1", "schema_version: 3")), encoding="utf-8")
    before = v2.stat().st_mtime_ns
    result = run(v2, v3, cwd=tmp_path)
    assert result.returncode == 1  # the version 3 file; the version 2 one is fine
    assert result.stderr.splitlines() == [
        f"{v2}: note: staat al in versie 2; niets veranderd",
        f"{v3}:1:17: error: schema_version is 3; alleen een tenderbestand in versie 1 kan "
        "omgezet worden",
    ]
    assert v2.stat().st_mtime_ns == before


def test_what_is_not_a_regular_file_in_the_project_is_not_read(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    outside = elsewhere / "secret.yaml"
    outside.write_text(VALID_TENDER, encoding="utf-8")
    (project / "tenders").mkdir()
    link = project / "tenders" / "link.yaml"
    link.symlink_to(outside)
    pipe = project / "pipe.yaml"
    os.mkfifo(pipe)
    link, pipe = link.relative_to(project), pipe.relative_to(project)
    result = run(link, pipe, "tenders", cwd=project)  # a pipe would block a reader forever
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{link}: error: symbolische koppeling naar")
    assert (
        lines[1] == f"{pipe}: error: dit is een named pipe (FIFO), geen "
        "gewoon bestand; tenderpack leest alleen gewone bestanden"
    )
    assert (
        lines[2] == "tenders: error: dit is een map, geen gewoon bestand; tenderpack leest "
        "alleen gewone bestanden"
    )
    assert outside.read_text(encoding="utf-8") == VALID_TENDER
    assert (project / link).is_symlink()


def test_wrong_usage_is_exit_2_and_touches_nothing(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(VALID_TENDER, encoding="utf-8")
    missing = run(path, tmp_path / "missing.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == f"tenderpack migrate: {tmp_path / 'missing.yaml'} bestaat niet\n"
    two = run("--stdout", path, path, "--lang", "en", cwd=tmp_path)
    assert (two.returncode, two.stderr) == (
        2,
        "tenderpack migrate: --stdout takes exactly one file\n",
    )
    assert run(cwd=tmp_path).returncode == 2  # no FILE at all
    assert path.read_text(encoding="utf-8") == VALID_TENDER


# --- with the profile that reads version 1 files ----------------------------------------


def copy_examples(folder: Path) -> list[Path]:
    copies = []
    for path in EXAMPLES:
        copy = folder / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    return copies


def test_the_command_rewrites_every_example_in_place(tmp_path):
    copies = copy_examples(tmp_path)
    copies[0].chmod(0o640)
    result = run(*copies, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    for copy, original in zip(copies, EXAMPLES, strict=True):
        old = original.read_text(encoding="utf-8")
        assert copy.read_text(encoding="utf-8") == migrate_text(old, MAPPING).text
        # each file's messages in its own language; the last one says it is done
        done = "migrated to version 2" if "language: en" in old else "omgezet naar versie 2"
        assert f"{copy}: note: {done}" in result.stderr.splitlines()
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in EXAMPLES)
    # Run again: every file is version 2 now, and stays byte for byte as it is.
    before = {copy: copy.read_bytes() for copy in copies}
    again = run(*copies, cwd=tmp_path)
    assert again.returncode == 0
    assert again.stderr.count("already version 2") + again.stderr.count("staat al in versie 2") == 4
    assert {copy: copy.read_bytes() for copy in copies} == before


def test_stdout_prints_and_leaves_the_file_alone(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(NOT_OFFERED, encoding="utf-8")
    result = run("--stdout", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == migrate_text(NOT_OFFERED, MAPPING).text
    assert path.read_text(encoding="utf-8") == NOT_OFFERED
    line = NOT_OFFERED.splitlines().index("digipoort_months: 6  # six") + 1
    assert f"{path}:{line}:1: note: digipoort_months: 6 weggelaten; aansluiting 'digipoort'" in (
        result.stderr
    )
    assert "omgezet naar versie 2" not in result.stderr  # nothing was written


def test_a_link_inside_the_project_stays_a_link(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text(VALID_TENDER, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    assert run(link, cwd=tmp_path).returncode == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == migrate_text(VALID_TENDER, MAPPING).text


def test_the_mapping_these_tests_use_is_the_shipped_profiles():
    """MAPPING above is what the shipped profile's version_1 block reads as, field for field."""
    assert shipped_registry().version_1 == MAPPING


# --- a migrated file means the same tender ----------------------------------------------------

# What may differ between the pack of a version 1 file and that of its migration: the version
# number itself, which `show --json` gives at the top and inside the tender it echoes. Nothing
# derived from the tender (deadlines, departments, checklist, settings) may depend on it.
VERSION_FIELDS = {("schema_version",), ("tender", "schema_version")}


def differences(old: object, new: object, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """The paths at which two JSON values differ (a list differs as a whole)."""
    if isinstance(old, dict) and isinstance(new, dict):
        found: set[tuple[str, ...]] = set()
        for key in old.keys() | new.keys():
            found |= differences(old.get(key), new.get(key), (*path, key))
        return found
    return set() if old == new else {path}


def show_json(path: Path) -> dict[str, object]:
    result = subprocess.run(
        [str(TENDERPACK), "show", "--json", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert isinstance(shown, dict)
    return shown


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_show_gives_the_same_pack_before_and_after_migration(path, tmp_path):
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    before = show_json(copy)
    assert run(copy, cwd=tmp_path).returncode == 0
    after = show_json(copy)
    assert (before["schema_version"], after["schema_version"]) == (1, 2)
    assert differences(before, after) == VERSION_FIELDS
    # The parts an officer and a supplier read, named for the record: all equal.
    for part in ("deadlines", "deadline_rules", "departments", "checklist", "connections"):
        assert before[part] == after[part], part
    assert before["deadlines"], "every example has dated deadlines to compare"


# --- the registry: a project's own profile decides what version 1 means -----------------------

# A project's digiinkoop whose version 1 files spoke Dutch: other names for the flag and fields.
OWN_VERSION_1 = """\
version_1:
  department_flag: via_digiinkoop
  fields:
    koppeling_maanden: connections.digipoort.months
    catalogus: settings.catalogue
"""


def own_digiinkoop(tmp_path: Path) -> Path:
    systems = tmp_path / "systems"
    shutil.copytree(shipped_folder() / "digiinkoop", systems / "digiinkoop")
    profile = systems / "digiinkoop" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    block = text[text.index("version_1:\n") :]
    assert block.count("\n") == 5, "the shipped block is the last thing in the file"
    profile.write_text(text.replace(block, OWN_VERSION_1), encoding="utf-8")
    return systems


def test_a_projects_own_version_1_block_is_honoured(tmp_path, capsys):
    registry = load_registry(own_digiinkoop(tmp_path))
    old = (
        VALID_TENDER.replace("on_digiinkoop:", "via_digiinkoop:")
        .replace("digipoort_months:", "koppeling_maanden:")
        .replace("catalogue:", "catalogus:")
    )
    assert old != VALID_TENDER and "koppeling_maanden: 4" in old
    path = tmp_path / "t.yaml"
    path.write_text(old, encoding="utf-8")

    # With the shipped profiles the file is no version 1 tender at all: nothing is written.
    assert run_migrate([path], False, None) == 1
    assert "onbekend veld 'via_digiinkoop'" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == old

    assert run_migrate([path], False, None, registry=registry) == 0
    assert f"{path}: note: omgezet naar versie 2" in capsys.readouterr().err
    new = path.read_text(encoding="utf-8")
    assert new == migrate_text(old, registry.version_1).text  # type: ignore[arg-type]
    migrated = data(new)
    assert isinstance(migrated, dict)
    assert migrated["connections"]["digipoort"] == {"months": 4}
    assert migrated["settings"] == {"catalogue": False}
    flags = [d.get("on_system") for d in migrated["departments"] if "via_digiinkoop" not in d]
    assert len(flags) == len(migrated["departments"]) and False in flags
    # Version 2 names no version 1 field, so the result loads with either registry.
    assert load_tender(path, registry=registry).ok
    assert load_tender(path).ok
