"""Shared test material: a valid tender whose line numbers the tests rely on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tenderpack.messages import Lang
from tenderpack.tender.loading import LoadedTender, load_tender_bytes

# Line numbers matter: tests assert positions in this text.
VALID_TENDER = """\
schema_version: 1
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
  - name: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties
    abbreviation: BZK
    oin: "00000001003214345000"
    on_digiinkoop: false
system: digiinkoop
channel: klantorder
catalogue: false
connections: [leveranciersportaal, digipoort]
dates:
  award: 2027-03-01
  contract_start: 2027-09-01
digipoort_months: 4
contact:
  name: Team Inkoop
  email: inkoop@minbzk.example
  phone: "+31 70 000 0000"
"""


def variant(*replacements: tuple[str, str]) -> str:
    """VALID_TENDER with each (old, new) replaced once; fails loudly when ``old`` is absent."""
    text = VALID_TENDER
    for old, new in replacements:
        assert text.count(old) >= 1, f"{old!r} is not in the test tender"
        text = text.replace(old, new, 1)
    return text


def load_text(text: str, lang: Lang | None = None, name: str = "tender.yaml") -> LoadedTender:
    return load_tender_bytes(text.encode("utf-8"), Path(name), lang)


TENDERPACK = Path(sys.executable).with_name("tenderpack")


def run_tenderpack(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real console script, as an officer runs it; whatever it says, never a traceback."""
    result = subprocess.run(
        [str(TENDERPACK), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        cwd=cwd,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result
