"""Whatever bytes arrive, the loader answers with a model or with errors, never an exception."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenderpack.diagnostics import Severity
from tenderpack.tender.loading import LoadedTender, load_tender_bytes

from .support import VALID_TENDER, variant

# TENDERPACK_FUZZ_EXAMPLES=20000 for a long hunt; the default keeps `make check` quick.
FUZZ = settings(
    max_examples=int(os.environ.get("TENDERPACK_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(data: bytes) -> LoadedTender:
    loaded = load_tender_bytes(data, Path("fuzz.yaml"))
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    assert loaded.ok or errors, "rejected without saying why"
    if loaded.tender is None:
        assert errors
    for diagnostic in loaded.diagnostics:
        assert diagnostic.message
        assert diagnostic.line >= 0 and diagnostic.column >= 0
        assert diagnostic.format().startswith("fuzz.yaml")
    return loaded


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    _check(data)


@FUZZ
@given(st.text(max_size=500))
def test_any_text(text):
    _check(text.encode("utf-8", "surrogatepass"))


# YAML-ish text: the pieces YAML is made of, in any order, so the parser gets past line 1.
_TOKENS = [
    "\n",
    "\n  ",
    "\n    ",
    "\n- ",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!python/object:os.system ",
    "!!str ",
    "!!int ",
    "!!bool ",
    "!!binary ",
    "!!set ",
    "!!map ",
    "!!seq ",
    "!foo ",
    "<<: ",
    "~",
    "null",
    "true",
    "no",
    "'",
    '"',
    "|",
    ">-",
    "#",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "\t",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "1e400",
    ".inf",
    ".nan",
    "-",
    "2027-13-01",
    "2027-02-29",
    "2027-03-01",
    "2027-03-01T10:00:00Z",
    "15-03-2027",
    "9" * 50,
    "00000001003214345000",
    '"00000099000000000001"',
    "\\u2028",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x07",
    "é",
    "schema_version",
    "reference",
    "departments",
    "dates",
    "award",
    "contract_start",
    "oin",
    "connections",
    "digipoort_months",
    "language",
    "en",
    "nl",
    "leveranciersportaal",
    "digipoort",
    "../x",
    "title",
]


@FUZZ
@given(st.lists(st.sampled_from(_TOKENS) | st.text(max_size=5), max_size=60))
def test_yaml_like_text(pieces):
    _check("".join(pieces).encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(VALID_TENDER)),
            st.integers(min_value=0, max_value=8),
            st.sampled_from(_TOKENS) | st.text(max_size=3),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_valid_tender(edits):
    """Small edits to a valid tender reach the model and the domain rules, not just YAML."""
    text = VALID_TENDER
    for position, removed, inserted in edits:
        text = text[:position] + inserted + text[position + removed :]
    _check(text.encode("utf-8", "surrogatepass"))


def test_the_valid_tender_itself_passes_the_check():
    assert _check(VALID_TENDER.encode()).ok


# Any date, but often near the calendar's ends and in the years tenders use.
_DATES = (
    st.dates()
    | st.dates(min_value=dt.date(9998, 1, 1))
    | st.dates(max_value=dt.date(2, 12, 31))
    | st.dates(min_value=dt.date(1999, 1, 1), max_value=dt.date(2101, 12, 31))
)


@FUZZ
@given(
    award=_DATES,
    start=_DATES,
    months=st.integers(min_value=-(10**6), max_value=10**6),
)
def test_any_dates_and_months(award, start, months):
    """Dates at the calendar's ends must not crash the deadline arithmetic."""
    text = variant(
        ("  award: 2027-03-01", f"  award: {award.isoformat()}"),
        ("  contract_start: 2027-09-01", f"  contract_start: {start.isoformat()}"),
        ("digipoort_months: 4", f"digipoort_months: {months}"),
    )
    _check(text.encode())
