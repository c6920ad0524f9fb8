"""File names as the user reads them: one line per problem, nothing a terminal acts on.

A file name may hold a line break or an escape character (ESC starts the sequences that
recolour or rewrite a terminal). Printed raw, the first splits ``path:line:col: error:``
over two lines, so editors and CI annotations miss it; the second reaches the terminal.
Such names are quoted with escapes; ordinary names, accents included, are printed as is.
Real files with such names, real ``tenderpack`` processes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tenderpack.diagnostics import Diagnostic, Severity

from .support import VALID_TENDER, variant

ROOTS = Path(__file__).parent / "roots"
TENDERPACK = Path(sys.executable).with_name("tenderpack")
BROKEN = variant(("supply: services", "supply: cake"))  # one error, on line 6

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="such names are POSIX-only")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    # Sphinx colours its log when FORCE_COLOR is set (as some CI runners do); those escapes
    # are Sphinx's own, and would hide whether a file name's ESC reached the terminal.
    env = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    env["NO_COLOR"] = "1"
    result = subprocess.run(
        [str(TENDERPACK), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=120,
        check=False,
        env=env,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize(
    ("name", "escaped"),
    [("a\nb.yaml", "a\\nb.yaml"), ("red\x1b[31m.yaml", "red\\x1b[31m.yaml")],
    ids=["newline", "escape"],
)
def test_a_name_with_a_control_character_is_quoted_on_one_line(
    tmp_path: Path, name: str, escaped: str
) -> None:
    path = tmp_path / name
    path.write_text(BROKEN, encoding="utf-8")

    for target in (path, tmp_path):  # named, and found in its folder
        result = run("validate", target)

        assert result.returncode == 1
        assert "\x1b" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        assert errors == [
            f"'{tmp_path}/{escaped}':6:9: error: supply: 'cake' is geen toegestane waarde; "
            "kies uit goods, services, hire"
        ], result.stderr


def test_a_missing_path_with_an_escape_is_quoted_in_the_usage_error(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "x\x1b]0;pwned\x07.yaml")

    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert (
        result.stderr
        == f"tenderpack validate: '{tmp_path}/x\\x1b]0;pwned\\x07.yaml' bestaat niet\n"
    )


def test_an_ordinary_name_is_not_quoted(tmp_path: Path) -> None:
    path = tmp_path / "café met spatie.yaml"
    path.write_text(BROKEN, encoding="utf-8")

    result = run("validate", path)

    assert f"\n{path}:6:9: error: " in "\n" + result.stderr


def test_the_other_file_of_a_duplicate_reference_is_quoted_too(tmp_path: Path) -> None:
    (tmp_path / "a\x1b.yaml").write_text(VALID_TENDER, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(VALID_TENDER, encoding="utf-8")

    result = run("validate", tmp_path)

    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert f"wordt ook gebruikt in '{tmp_path}/a\\x1b.yaml'; een kenmerk is uniek" in (
        result.stderr
    )


def test_a_diagnostic_formats_an_unprintable_name_quoted() -> None:
    diagnostic = Diagnostic(Path("x\u202e.yaml"), 2, 3, Severity.ERROR, "m", "c")
    assert diagnostic.format() == "'x\\u202e.yaml':2:3: error: m"


def test_the_site_build_quotes_such_a_name_too(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOTS / "test-site", project)
    (project / "tenders" / "red\x1b[31m.yaml").write_text(
        BROKEN.replace("2027-TEST-0001", "2027-TEST-0077"), encoding="utf-8"
    )
    (project / "docs" / "privacy").mkdir(parents=True)
    (project / "docs" / "privacy" / "p\x1b[2J.yaml").write_text("id: [\n", encoding="utf-8")

    result = run("build", project, "--out", project / "_build", "-q")

    output = result.stdout + result.stderr
    assert "\x1b" not in output
    assert "red\\x1b[31m.yaml'" in output, output
    assert "p\\x1b[2J.yaml'" in output, output


# --- a privacy notice is a privacy notice, not a "tender file" ---------------------------------


def test_an_oversized_privacy_notice_is_called_a_notice(tmp_path: Path) -> None:
    notice = tmp_path / "big.yaml"
    notice.write_bytes(b"id: big\n" + (b"#" * 99 + b"\n") * 20_000)

    result = run("check-privacy", notice)

    assert result.returncode == 1
    assert "tenderbestand" not in result.stderr
    assert (
        f"{notice}:1:1: error: bestand is te groot (2.0 MB); een privacyverklaring is hooguit "
        in (result.stderr)
    )


def test_an_oversized_tender_is_still_called_a_tender_file(tmp_path: Path) -> None:
    tender = tmp_path / "big.yaml"
    tender.write_bytes(VALID_TENDER.encode() + (b"#" * 99 + b"\n") * 20_000)

    result = run("validate", tender)

    assert "een tenderbestand is hooguit 1000 kB" in result.stderr
