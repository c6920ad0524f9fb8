"""``tenderpack check-privacy`` as a user runs it: the installed console script, in a subprocess,
so exit codes, streams and the absence of tracebacks are real."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
TENDERPACK = Path(sys.executable).with_name("tenderpack")
COMPLETE = (
    Path(__file__).parent / "roots" / "test-privacy" / "privacy" / "complete.yaml"
).read_text(encoding="utf-8")


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TENDERPACK), "check-privacy", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
        timeout=120,
    )


def test_the_default_folder_has_gaps_only_so_it_passes() -> None:
    result = run()
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert lines[-1] == "4 bestand(en) gecontroleerd: 0 fout(en), 26 waarschuwing(en)"
    assert all(": warning: " in line and "(AVG art. 1" in line for line in lines[:-1])
    assert (
        "docs/privacy/digid-machtigen.yaml:157: warning: geen klachtinstantie "
        "(AVG art. 13 lid 2 onder d; art. 14 lid 2 onder e)" in lines
    )
    assert result.stdout == ""


def test_english_messages_for_one_file() -> None:
    result = run("docs/privacy/mijnoverheid-m1931.yaml", "--lang", "en")
    assert result.returncode == 0
    file = "docs/privacy/mijnoverheid-m1931.yaml"
    assert result.stderr.splitlines() == [
        f"{file}:19: warning: no contact details of the data protection officer "
        "(AVG art. 13 lid 1 onder b; art. 14 lid 1 onder b)",
        f"{file}:151: warning: rights not mentioned: access, rectification, erasure, "
        "restriction of processing, objection, data portability "
        "(AVG art. 13 lid 2 onder b; art. 14 lid 2 onder c)",
        f"{file}:152: warning: no complaint authority "
        "(AVG art. 13 lid 2 onder d; art. 14 lid 2 onder e)",
        "1 file(s) checked: 0 error(s), 3 warning(s)",
    ]


def test_a_complete_notice_gives_nothing_to_report(tmp_path: Path) -> None:
    (tmp_path / "complete.yaml").write_text(COMPLETE, encoding="utf-8")
    result = run(tmp_path)
    assert (result.returncode, result.stderr) == (
        0,
        "1 bestand(en) gecontroleerd: 0 fout(en), 0 waarschuwing(en)\n",
    )


def test_an_error_exits_1_with_a_located_message_and_the_other_files_still_checked(
    tmp_path: Path,
) -> None:
    (tmp_path / "complete.yaml").write_text(
        COMPLETE.replace("dpo:\n  email: fg@voorbeeldzaken.example\n", ""), "utf-8"
    )
    (tmp_path / "broken.yaml").write_text(
        "schema_version: 1\nid: broken\nkind: [\n", encoding="utf-8"
    )
    result = run(tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        lines[0].startswith(f"{tmp_path / 'broken.yaml'}:4:1: error: ")
        and ": error: YAML-syntaxfout" in lines[0]
    )
    assert lines[1].startswith(
        f"{tmp_path / 'complete.yaml'}:1: warning: geen contactgegevens van de functionaris"
    )
    assert lines[-1] == "2 bestand(en) gecontroleerd: 1 fout(en), 1 waarschuwing(en)"
    assert "Traceback" not in result.stderr


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    missing = run(tmp_path / "nope")
    assert missing.returncode == 2
    assert missing.stderr == f"tenderpack check-privacy: {tmp_path / 'nope'} bestaat niet\n"
    empty = run(tmp_path)
    assert empty.returncode == 2
    assert "geen privacyverklaringen (*.yaml, *.yml)" in empty.stderr
    assert run(cwd=tmp_path).returncode == 2  # no docs/privacy/ here


def test_schema_prints_the_json_schema() -> None:
    result = run("--schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$id"] == "https://tenderpack.invalid/schema/privacy-notice-1.json"
    assert schema["additionalProperties"] is False
    assert "data_subjects" in schema["properties"]
