"""What the command line writes reaches the user, or one line says why it could not.

Real processes on real streams: stdout in ASCII (as a Windows console or
``PYTHONIOENCODING=ascii`` gives it), stdout on ``/dev/full`` (a full disk) and stdout
closed (``>&-``). The installed ``tenderpack`` runs in a subprocess each time.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .support import variant

TENDERPACK = Path(sys.executable).with_name("tenderpack")
ACCENTED = "Café-inrichting en één bureaustoel"


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(TENDERPACK), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def shell(command: str) -> subprocess.CompletedProcess[str]:
    """``command`` through sh, for redirections Python's subprocess cannot express (``>&-``)."""
    result = subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def tender(tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(variant(("title: Testaanbesteding", f"title: {ACCENTED}")), encoding="utf-8")
    return path


def test_show_on_an_ascii_stdout_writes_escapes_instead_of_crashing(tender: Path) -> None:
    result = run("show", tender, env={"PYTHONIOENCODING": "ascii"})

    assert result.returncode == 0, result.stderr
    assert "Caf\\xe9-inrichting en \\xe9\\xe9n bureaustoel" in result.stdout
    assert "tenderpack show:" not in result.stderr


def test_show_json_on_an_ascii_stdout_is_still_valid_json(tender: Path) -> None:
    result = run("show", "--json", tender, env={"PYTHONIOENCODING": "ascii"})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == ACCENTED


def test_schema_on_an_ascii_stdout_is_still_valid_json() -> None:
    result = run("schema", env={"PYTHONIOENCODING": "ascii"})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["type"] == "object"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["schema", "new", "show", "check-privacy --schema"])
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(command: str, tender: Path) -> None:
    args = f"{command} {shlex.quote(str(tender))}" if command == "show" else command
    result = shell(f"{shlex.quote(str(TENDERPACK))} {args} > /dev/full")

    assert result.returncode == 1, result.stderr
    name = command.split()[0]
    own = [line for line in result.stderr.splitlines() if line.startswith("tenderpack ")]
    assert own == [
        f"tenderpack {name}: kan de uitvoer niet schrijven: geen ruimte meer op het apparaat"
    ]  # (show also prints the tender's notes, as it does on any stdout)


@pytest.mark.parametrize("command", ["schema", "new"])
def test_a_closed_stdout_is_one_line_and_exit_1(command: str) -> None:
    result = shell(f"{shlex.quote(str(TENDERPACK))} {command} --lang en >&-")

    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"tenderpack {command}: cannot write the output: standard output is closed"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_annex_on_a_full_stdout_writes_the_annex_and_says_the_list_failed(
    tender: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    command = [str(TENDERPACK), "annex", str(tender), "--format", "html", "--out", str(out)]
    result = shell(" ".join(map(shlex.quote, command)) + " > /dev/full")

    assert result.returncode == 1, result.stderr
    assert (out / "2027-TEST-0001-bijlage-h.html").is_file()
    assert "tenderpack annex: kan de uitvoer niet schrijven" in result.stderr
