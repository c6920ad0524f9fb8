"""The bad-input corpus: the real ``tenderpack validate`` on each broken file.

``tests/bad_inputs/expected.yaml`` lists every file with the line and message it must
produce. Each case runs the installed console script, as an officer would, and checks the
exit code, the located message and that no traceback leaks out.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tenderpack.tender.loading import load_tenders

from .support import VALID_TENDER

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
TENDERPACK = Path(sys.executable).with_name("tenderpack")


def _generate(name: str, folder: Path) -> Path:
    """Files too big to commit, or that git cannot hold (a pipe, a link out of the clone)."""
    path = folder / name
    if name == "too-large.yaml":
        filler = ("# " + "x" * 97 + "\n").encode()  # 100 bytes a line
        path.write_bytes(VALID_TENDER.encode() + filler * 100_000)  # 10 MB
    elif name == "named-pipe.yaml":
        os.mkfifo(path)
    elif name == "link-outside-project.yaml":
        secret = folder / "elsewhere" / "secrets.yaml"
        secret.parent.mkdir()
        secret.write_text("deploy_token: abc\n", encoding="utf-8")
        (folder / "tenders").mkdir()
        path = folder / "tenders" / name
        path.symlink_to(secret)
    else:
        raise AssertionError(f"no generator for {name}")
    return path


def test_the_corpus_is_large_enough_and_listed_completely():
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix in (".yaml", ".yml")}
    on_disk.discard("expected.yaml")
    generated = {name for name, entry in EXPECTED.items() if "generated" in entry}
    assert on_disk == set(EXPECTED) - generated
    assert len(EXPECTED) >= 30
    for name, entry in EXPECTED.items():
        assert set(entry) <= {"line", "code", "message", "generated", "severity"}, name
        assert entry.get("severity", "error") in ("error", "warning"), name
        assert isinstance(entry["line"], int), name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_reports_the_problem(name, tmp_path):
    entry = EXPECTED[name]
    path = _generate(name, tmp_path) if "generated" in entry else CORPUS / name
    result = subprocess.run(
        [str(TENDERPACK), "validate", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    output = result.stdout + result.stderr
    severity = entry.get("severity", "error")
    assert "Traceback" not in output
    assert result.returncode == (1 if severity == "error" else 0), output
    line = f":{entry['line']}:\\d+" if entry["line"] else ""  # 0: the file as a whole
    located = re.compile(rf"^{re.escape(str(path))}{line}: {severity}: (.*)$", re.M)
    messages = located.findall(output)
    assert any(entry["message"] in message for message in messages), output

    # The same problem through the API validate uses, by its stable code.
    (loaded,) = load_tenders([path])
    assert loaded.ok is (severity != "error")
    assert (entry["code"], entry["line"]) in {(d.code, d.line) for d in loaded.diagnostics}
