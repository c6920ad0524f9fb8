"""The ``tenderpack`` command as officers and CI run it: the installed console script.

Every test starts the real executable in a subprocess, so argument parsing, exit codes,
output streams and the absence of tracebacks are what a user gets.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from tenderpack.cli import _parser
from tenderpack.tender.loading import load_tender_bytes

from .support import VALID_TENDER, load_text, variant
from .test_bad_inputs import EXPECTED as CORPUS_EXPECTED
from .test_loading import CASES, ERROR

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "tenders"
CORPUS = Path(__file__).parent / "bad_inputs"
TENDERPACK = Path(sys.executable).with_name("tenderpack")


def run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(TENDERPACK), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=stdin,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- validate -------------------------------------------------------------------------------


def test_examples_validate_without_errors_or_warnings():
    result = run("validate")  # default: tenders/
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    count = len(list(EXAMPLES.glob("*.yaml")))
    assert lines[-1] == f"{count} bestand(en) gecontroleerd: 0 fout(en), 0 waarschuwing(en)"
    assert all(": note: " in line for line in lines[:-1]), result.stderr


def test_validate_exit_1_lists_every_problem_of_every_file(tmp_path):
    write(tmp_path, "a.yaml", variant(("supply: services", "supply: diensten")))
    write(
        tmp_path,
        "b.yaml",
        variant(
            ("reference: 2027-TEST-0001", "reference: 2027-TEST-0002"),
            ("title: Testaanbesteding", "titel: Testaanbesteding"),
        ),
    )
    result = run("validate", tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert f"{tmp_path / 'a.yaml'}:6:9: error: supply: 'diensten' is geen toegestane waarde" in (
        result.stderr
    )
    assert f"{tmp_path / 'b.yaml'}:1:1: error: verplicht veld 'title' ontbreekt" in lines
    assert f"{tmp_path / 'b.yaml'}:3:1: error: onbekend veld 'titel'; bedoelt u 'title'?" in lines
    assert lines[-1] == "2 bestand(en) gecontroleerd: 3 fout(en), 0 waarschuwing(en)"


def test_warnings_alone_exit_0(tmp_path):
    path = write(
        tmp_path,
        "t.yaml",
        variant(('  oin: "00000001003214345000"', '  oin: "00000099000000000001"')),
    )
    result = run("validate", path)
    assert result.returncode == 0
    assert "warning: contracting_authority.oin" in result.stderr


def test_english_with_lang_before_or_after_the_command(tmp_path):
    path = write(tmp_path, "t.yaml", variant(("supply: services", "supply: diensten")))
    for args in (("--lang", "en", "validate", path), ("validate", "--lang", "en", path)):
        result = run(*args)
        assert result.returncode == 1
        assert "is not allowed; choose from goods, services, hire" in result.stderr
        assert result.stderr.splitlines()[-1] == "1 file(s) checked: 1 error(s), 0 warning(s)"


def test_a_duplicate_reference_across_files(tmp_path):
    write(tmp_path, "a.yaml", VALID_TENDER)
    write(tmp_path, "b.yaml", VALID_TENDER)
    result = run("validate", tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path / 'b.yaml'}:2:12: error: kenmerk '2027-TEST-0001' wordt ook gebruikt" in (
        result.stderr
    )


def test_references_that_differ_only_in_case_collide(tmp_path):
    write(tmp_path, "a.yaml", VALID_TENDER)
    write(tmp_path, "b.yaml", variant(("reference: 2027-TEST-0001", "reference: 2027-test-0001")))
    result = run("validate", tmp_path)
    assert result.returncode == 1
    assert (
        f"{tmp_path / 'b.yaml'}:2:12: error: kenmerk '2027-test-0001' verschilt alleen in "
        "hoofdletters van '2027-TEST-0001'"
    ) in result.stderr


def _project(root: Path, conf: str, notices: Path) -> Path:
    """A site project: conf.py, one privacy notice file, and a tender asking for two."""
    (root / "tenders").mkdir(parents=True)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    notices.mkdir(parents=True)
    (notices / "digiinkoop.yaml").write_text("id: digiinkoop\n", encoding="utf-8")
    tender = variant(("catalogue: false", "catalogue: false\nprivacy_notices: [digiinkoop, mijn]"))
    return write(root / "tenders", "t.yaml", tender)


def test_validate_knows_the_projects_privacy_notices(tmp_path):
    path = _project(tmp_path, "project = 'x'\n", tmp_path / "docs" / "privacy")
    result = run("validate", path)
    assert result.returncode == 1
    assert (
        f"{path}:22:31: error: privacy_notices[1]: 'mijn' is geen privacyverklaring in "
        "docs/privacy; kies uit digiinkoop"
    ) in result.stderr


def test_validate_reads_the_privacy_folder_from_conf_py(tmp_path):
    conf = "tenderpack_privacy_dir = 'legal/avg'\n"
    path = _project(tmp_path, conf, tmp_path / "legal" / "avg")
    (tmp_path / "docs" / "privacy").mkdir(parents=True)  # not the folder conf.py names
    result = run("--lang", "en", "validate", path)
    assert result.returncode == 1
    assert (
        f"{path}:22:31: error: privacy_notices[1]: 'mijn' is not a privacy notice in legal/avg; "
        "choose from digiinkoop"
    ) in result.stderr


def test_a_tender_outside_a_project_has_no_notices_to_check(tmp_path):
    path = _project(tmp_path / "elsewhere", "", tmp_path / "docs" / "privacy")
    (tmp_path / "elsewhere" / "conf.py").unlink()
    result = run("validate", path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("validate", "does-not-exist/"), "does-not-exist bestaat niet"),
        (("show", "tenders/"), "tenders is geen bestand"),
        (("show", "missing.yaml"), "missing.yaml is geen bestand"),
        (("validate", "--frobnicate"), "unrecognized arguments"),
        (("frobnicate",), "invalid choice"),
        ((), "required: COMMAND"),
        (("--lang", "de", "validate"), "invalid choice: 'de'"),
    ],
)
def test_wrong_usage_exits_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_a_folder_without_tender_files_exits_2(tmp_path):
    write(tmp_path, "readme.txt", "no tenders here")
    result = run("validate", tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"tenderpack validate: geen tenderbestanden (*.yaml, *.yml) in {tmp_path}; "
        "er is niets gecontroleerd\n"
    )
    assert "no tender files" in run("--lang", "en", "validate", tmp_path).stderr


# --- show -----------------------------------------------------------------------------------


def test_show_json_has_the_derived_values():
    result = run("show", "--json", EXAMPLES / "2027-bzk-0042-ict-werkplek.yaml")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["message_standard"] == "UBL-OHNL"
    assert data["deadlines"]["leveranciersportaal"] == "2027-09-01"
    assert data["deadlines"]["digipoort"] == "2027-07-01"
    assert data["reference"] == "2027-BZK-0042"


def test_show_json_without_digipoort():
    result = run("show", "--json", EXAMPLES / "2027-ienw-0107-kantoorartikelen.yaml")
    data = json.loads(result.stdout)
    assert "digipoort" not in data["deadlines"]
    assert data["deadlines"]["leveranciersportaal"] == "2027-04-01"
    assert data["message_standard"] == "UBL-OHNL"


def test_show_json_for_hire():
    data = json.loads(run("show", "--json", EXAMPLES / "2027-jenv-0311-interim.yaml").stdout)
    assert data["message_standard"] == "HR-XML-OHNL"
    # 31 May 2027 + 6 months = 30 November 2027 (no 31 November), a Tuesday.
    assert data["deadlines"]["digipoort"] == "2027-11-30"


def test_show_for_people_in_the_tenders_language():
    dutch = run("show", EXAMPLES / "2027-bzk-0042-ict-werkplek.yaml")
    assert dutch.returncode == 0
    assert "Digipoort-koppeling in gebruik" in dutch.stdout
    assert "1 juli 2027 (2027-07-01)" in dutch.stdout
    english = run("show", EXAMPLES / "2027-jenv-0311-interim.yaml")
    assert "Digipoort connection in use" in english.stdout
    assert "30 November 2027 (2027-11-30)" in english.stdout


def test_show_a_tender_with_errors_exits_1(tmp_path):
    path = write(tmp_path, "t.yaml", variant(("supply: services", "supply: diensten")))
    result = run("show", "--json", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{path}:6:9: error:" in result.stderr


# --- new and schema -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_gives_a_commented_file_that_validates(lang, tmp_path):
    result = run("new", "--lang", lang)
    assert result.returncode == 0
    assert result.stdout.startswith("# ")
    assert result.stdout.count("#") > 10
    written = YAML(typ="safe").load(result.stdout)
    assert (written["schema_version"], written["system"]) == (2, "peppol-rijk")  # the current one
    assert written["language"] == lang
    path = write(tmp_path, "new.yaml", result.stdout)
    checked = run("validate", path)
    assert checked.returncode == 0, checked.stderr
    warnings = [line for line in checked.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 2  # the two test OINs, to be replaced
    assert all("'00000099000000000001'" in line for line in warnings)


@functools.cache  # one run of the command per test process is enough
def _schema() -> dict[str, Any]:
    result = run("schema")
    assert result.returncode == 0
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_schema_is_a_valid_json_schema_with_dutch_descriptions():
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def fields(node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        return list(node.get("properties", {}).items())

    for name, field in fields(schema) + [
        item for definition in schema["$defs"].values() for item in fields(definition)
    ]:
        assert field.get("description"), f"{name} has no description"


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 as an editor's language server reads it: a date stays text."""


_EditorConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)


class _NotJson(Exception):
    pass


def _check_json_like(value: Any, budget: list[int], active: set[int]) -> None:
    """Only plain JSON data can be checked against a JSON Schema; aliases must not explode."""
    budget[0] -= 1
    if budget[0] < 0 or id(value) in active:
        raise _NotJson
    if isinstance(value, dict):
        active.add(id(value))
        for key, item in value.items():
            if not isinstance(key, str):
                raise _NotJson
            _check_json_like(item, budget, active)
        active.discard(id(value))
    elif isinstance(value, list):
        active.add(id(value))
        for item in value:
            _check_json_like(item, budget, active)
        active.discard(id(value))
    elif not isinstance(value, str | int | float | bool | type(None)):
        raise _NotJson


def as_an_editor_reads(data: bytes) -> Any:
    """The file's data as a YAML language server sees it, or None when it cannot read it.

    None for what an editor would flag before any schema: YAML errors, a file that is not
    UTF-8 (a schema checks data, not encodings), data that is not JSON, alias bombs.
    """
    reader = YAML(typ="safe", pure=True)
    reader.Constructor = _EditorConstructor
    try:
        value = reader.load(data.decode("utf-8"))
        _check_json_like(value, [10_000], set())
    except (UnicodeDecodeError, _NotJson):
        return None
    except Exception:  # any YAML-level failure: the editor shows a syntax error instead
        return None
    return value if isinstance(value, dict) else None


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_schema_accepts_every_example_and_the_starter_file():
    validator = _validator()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = as_an_editor_reads(path.read_bytes())
        assert data is not None, path
        assert not list(validator.iter_errors(data)), path
    assert validator.is_valid(as_an_editor_reads(run("new").stdout.encode()))
    assert validator.is_valid(as_an_editor_reads(VALID_TENDER.encode()))


# What the loader rejects but a JSON Schema cannot say, or an editor reads differently.
SCHEMA_CANNOT_SAY = {
    "contract-start-not-after-award": "compares two fields: JSON Schema cannot order dates",
    "duplicate-reference": "compares files: a schema sees one file",
    "unknown-privacy-notice": "needs the project's notice files: a schema sees one file",
    "merge-key": "the language server applies '<<' merges; tenderpack asks for the fields",
}


def _rejected_inputs() -> list[tuple[str, str, Any]]:
    """Every input the loader rejects that an editor can read as a mapping, as it reads it.

    The others (YAML errors, other encodings, alias bombs, lists) never reach a schema: the
    editor flags them itself.
    """
    inputs = [
        (name, entry["code"], (CORPUS / name).read_bytes())
        for name, entry in sorted(CORPUS_EXPECTED.items())
        if "generated" not in entry and entry.get("severity", "error") == "error"
    ]
    inputs += [
        (f"case: {c.id}", c.code, variant(*c.replacements).encode())
        for c in CASES
        if c.severity is ERROR and c.code != "several-documents"
    ]
    read = [(name, code, as_an_editor_reads(data)) for name, code, data in inputs]
    return [item for item in read if item[2] is not None]


REJECTED = _rejected_inputs()


def test_most_rejected_inputs_reach_the_schema():
    assert len(REJECTED) >= 60


@pytest.mark.parametrize(("name", "code", "data"), REJECTED, ids=[item[0] for item in REJECTED])
def test_schema_rejects_what_the_loader_rejects(name, code, data):
    if code in SCHEMA_CANNOT_SAY:
        assert _validator().is_valid(data), "schema now catches it: update the list"
        return
    assert not _validator().is_valid(data)


@pytest.mark.parametrize("c", [c for c in CASES if c.severity is not ERROR], ids=lambda c: c.id)
def test_schema_accepts_what_the_loader_only_warns_about(c):
    assert _validator().is_valid(as_an_editor_reads(variant(*c.replacements).encode()))


CORPUS_WARNINGS = sorted(
    name for name, entry in CORPUS_EXPECTED.items() if entry.get("severity") == "warning"
)


@pytest.mark.parametrize("name", CORPUS_WARNINGS)
def test_schema_accepts_the_corpus_files_that_only_warn(name):
    assert _validator().is_valid(as_an_editor_reads((CORPUS / name).read_bytes()))


@pytest.mark.parametrize("reference", ["tekst\n", "2027-BZK-0042\n"])
def test_schema_refuses_a_trailing_newline_as_the_loader_does(reference):
    """Python's `$` matches before a final newline; the schema must not (hypothesis found it)."""
    text = VALID_TENDER.replace("reference: 2027-TEST-0001", "reference: |\n  " + reference.strip())
    assert text != VALID_TENDER
    assert not load_tender_bytes(text.encode(), Path("t.yaml")).ok
    assert not _validator().is_valid(as_an_editor_reads(text.encode()))


def test_schema_json_is_stable():
    assert run("schema").stdout == run("schema").stdout


def test_schema_into_a_closed_pipe_is_quiet():
    result = subprocess.run(
        f"'{TENDERPACK}' schema | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == "{"
    assert result.stderr == ""


# --- help -----------------------------------------------------------------------------------


def _commands() -> list[str]:
    parser = _parser()
    assert parser._subparsers is not None
    action = parser._subparsers._group_actions[0]
    assert isinstance(action.choices, dict)
    return sorted(action.choices)


def test_help_lists_the_commands_and_exit_codes():
    result = run("--help")
    assert result.returncode == 0
    for name in ("validate", "show", "schema", "new"):
        assert name in result.stdout
    assert "0 no errors" in " ".join(result.stdout.split())
    assert "2 wrong usage" in " ".join(result.stdout.split())


@pytest.mark.parametrize("name", _commands())
def test_every_command_explains_itself(name):
    result = run(name, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: tenderpack {name}")
    description = result.stdout.split("\n\n")[1]
    assert len(description.split()) >= 12, f"{name} --help says too little: {description!r}"


def test_validate_help_documents_the_exit_codes():
    text = " ".join(run("validate", "--help").stdout.split())
    assert "Exits 0 when no file has an error" in text
    assert "1 when any file has an error" in text
    assert "2 when a PATH does not exist or a folder holds no tender files" in text


def test_version_and_python_m():
    result = subprocess.run(
        [sys.executable, "-m", "tenderpack", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("tenderpack ")


_FAILING_COMMAND = (
    "from tenderpack import cli\n"
    "def broken(args):\n"
    "    raise RuntimeError('a bug')\n"
    "cli._COMMANDS['schema'] = broken\n"
    "raise SystemExit(cli.main(['schema']))\n"
)


def test_a_bug_in_tenderpack_is_one_line_and_exit_3(monkeypatch):
    monkeypatch.delenv("TENDERPACK_DEBUG", raising=False)
    result = subprocess.run(
        [sys.executable, "-c", _FAILING_COMMAND], capture_output=True, text=True, check=False
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "tenderpack schema: interne fout in tenderpack (RuntimeError: a bug); meld dit aan de "
        "beheerders, met TENDERPACK_DEBUG=1 voor de details\n"
    )


def test_tenderpack_debug_shows_the_traceback(monkeypatch):
    monkeypatch.setenv("TENDERPACK_DEBUG", "1")
    result = subprocess.run(
        [sys.executable, "-c", _FAILING_COMMAND], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "RuntimeError: a bug" in result.stderr


# Values an officer might write in any field; the loader and the schema must agree on each.
_ANY_VALUE = [
    "1",
    "4.0",
    "4.5",
    "0",
    "24",
    "25",
    "-1",
    "true",
    "false",
    "yes",
    "~",
    "null",
    "''",
    "[]",
    "{}",
    "2027-03-01",
    "'2027-03-01'",
    "2027-02-30",
    "1999-01-01",
    "2100-01-01",
    "15-03-2027",
    "0x10",
    "0o7",
    "1e3",
    ".inf",
    '"00000001003214345000"',
    "00000001003214345000",
    '"00000099000000000001"',
    '"0000000100321434500"',
    "[leveranciersportaal]",
    "[digipoort]",
    "goods",
    "hire",
    "nacalculatie",
    "en",
    "nl",
    "a@b.c",
    "x",
    "abc",
    "a/b",
    "a..b",
    "'a b'",
    "digiinkoop",
    "DigiInkoop",
    "[digiinkoop]",
    "[Digi]",
    "raamovereenkomst",
    "0612345678",
    "|\n  tekst",
    "[a, [b]]",
]  # not "1_0": ruamel reads it as a number, where YAML 1.2 (and editors) read text
_LINES = VALID_TENDER.splitlines()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_LINES) - 1), st.sampled_from(_ANY_VALUE)),
        min_size=1,
        max_size=3,
    )
)
def test_schema_and_loader_agree_on_edited_tenders(edits):
    lines = list(_LINES)
    for index, value in edits:
        key, colon, rest = lines[index].partition(":")
        if colon and rest.strip():  # a `key: value` line, not the start of a block
            lines[index] = f"{key}: {value}"
    text = "\n".join(lines) + "\n"
    data = as_an_editor_reads(text.encode())
    if data is None:
        return
    errors = {d.code for d in load_text(text).diagnostics if d.severity is ERROR}
    loader_accepts = not (errors - set(SCHEMA_CANNOT_SAY))
    assert _validator().is_valid(data) == loader_accepts, (text, errors)


# --- a project's own purchasing systems: --systems DIR ---------------------------------------

PROFILES_ROOT = Path(__file__).parent / "roots" / "test-profiles"
SHIP = PROFILES_ROOT / "tenders" / "ship.yaml"
READS_TENDERS = ["validate", "show", "schema", "new", "annex", "build", "migrate"]


def run_in(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(TENDERPACK), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
        cwd=cwd,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_a_tender_on_a_project_system_needs_its_profiles():
    without = run("validate", SHIP)
    assert without.returncode == 1
    assert "system: 'harbour' is geen bekend inkoopsysteem" in without.stderr
    given = run("validate", SHIP, "--systems", PROFILES_ROOT / "systems")
    assert given.returncode == 0, given.stderr
    assert "0 fout(en), 0 waarschuwing(en)" in given.stderr


def test_the_projects_systems_folder_is_found_without_the_option(tmp_path):
    shutil.copytree(PROFILES_ROOT / "systems", tmp_path / "systems")
    shutil.copy(SHIP, tmp_path / "ship.yaml")
    checked = run_in(tmp_path, "validate", "ship.yaml")
    assert checked.returncode == 0, checked.stderr
    shown = run_in(tmp_path, "show", "--json", "ship.yaml")
    assert shown.returncode == 0, shown.stderr
    pack = json.loads(shown.stdout)
    assert pack["system"] == "harbour"
    assert pack["message_standard"] == "Harbour-XML"
    schema = json.loads(run_in(tmp_path, "schema").stdout)
    assert "harbour" in json.dumps(schema)
    assert "harbour" not in run("schema").stdout  # outside the project: tenderpack's own only


def broken_systems(tmp_path: Path) -> Path:
    systems = tmp_path / "systems"
    shutil.copytree(PROFILES_ROOT / "systems", systems)
    profile = systems / "harbour" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("id: harbour", "id: haven"))
    return systems


@pytest.mark.parametrize("command", READS_TENDERS)
def test_a_bad_project_profile_is_located_and_exits_1(command, tmp_path):
    systems = broken_systems(tmp_path)
    site = tmp_path / "site"
    shutil.copytree(PROFILES_ROOT, site)
    args: dict[str, list[str | Path]] = {
        "validate": [SHIP],
        "show": [SHIP],
        "schema": [],
        "new": [],
        "annex": [SHIP, "--out", tmp_path / "annex"],
        "build": [site, "--out", tmp_path / "out"],
        "migrate": ["--stdout", SHIP],
    }
    result = run(command, *args[command], "--systems", systems, "--lang", "en")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"{systems / 'harbour' / 'profile.yaml'}:3:5: error: id: 'haven' must equal "
        "the folder name 'harbour'"
    )
    assert not (tmp_path / "annex").exists() and not (tmp_path / "out" / "html").exists()


@pytest.mark.parametrize("command", READS_TENDERS)
def test_systems_that_is_no_folder_is_wrong_usage(command, tmp_path):
    args: dict[str, list[str | Path]] = {
        "validate": [SHIP],
        "show": [SHIP],
        "annex": [SHIP],
        "migrate": [SHIP],
    }
    args["build"] = [PROFILES_ROOT, "--out", tmp_path / "out"]
    result = run(command, *args.get(command, []), "--systems", tmp_path / "nowhere")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"tenderpack {command}: profielmap {tmp_path / 'nowhere'} bestaat niet of is geen map; "
        "laat --systems weg voor alleen de profielen van tenderpack zelf"
    )


@pytest.mark.parametrize("command", READS_TENDERS)
def test_every_command_that_reads_tenders_documents_systems(command):
    text = " ".join(run(command, "--help").stdout.split())
    assert "--systems DIR" in text
    assert "profile.yaml and checklist.yaml" in text
    assert "(default: " in text.split("--systems DIR", 1)[1]


def test_migrate_reads_version_1_by_the_projects_profile(tmp_path):
    """``migrate --systems``: a project's digiinkoop that names a version 1 field otherwise."""
    systems = tmp_path / "systems"
    shipped = ROOT / "sphinx_ext" / "tenderpack" / "systems" / "digiinkoop"
    shutil.copytree(shipped, systems / "digiinkoop")
    profile = systems / "digiinkoop" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "    catalogue: settings.catalogue" in text
    profile.write_text(
        text.replace("    catalogue: settings.catalogue", "    catalogus: settings.catalogue")
    )
    tender = write(tmp_path, "v1.yaml", variant(("catalogue: false", "catalogus: true")))
    refused = run("migrate", "--stdout", tender)
    assert refused.returncode == 1 and "catalogus" in refused.stderr
    migrated = run("migrate", "--stdout", tender, "--systems", systems)
    assert migrated.returncode == 0, migrated.stderr
    written = YAML(typ="safe").load(migrated.stdout)
    assert written["schema_version"] == 2 and written["settings"]["catalogue"] is True
