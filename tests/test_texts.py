"""The text kinds (tenderpack.reading.texts): what every text field of a tender or notice refuses.

The bad-input corpus holds one file per kind of problem; here are the rules themselves,
the limits at their boundary, the privacy notices (which share the kinds) and the check
that no text field of either format is left without a length limit and a pattern.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tenderpack.diagnostics import Severity
from tenderpack.privacy.loading import load_notice_bytes
from tenderpack.privacy.model import Notice
from tenderpack.reading.texts import NAME_MAX, PROSE_MAX, SHORT_MAX, TITLE_MAX
from tenderpack.tender.schema import tender_schema

from .support import load_text, variant

COMPLETE = (
    Path(__file__).parent / "roots" / "test-privacy" / "privacy" / "complete.yaml"
).read_text(encoding="utf-8")


def _codes(text: str) -> list[tuple[str, Severity]]:
    return [(d.code, d.severity) for d in load_text(text).diagnostics]


@pytest.mark.parametrize(
    ("old", "new", "limit"),
    [
        ("title: Testaanbesteding", "title: {}", TITLE_MAX),
        ("  name: Team Inkoop", "  name: {}", NAME_MAX),
        ("  abbreviation: BZK", "  abbreviation: {}", SHORT_MAX),
        ("language: nl", "summary: {}\nlanguage: nl", PROSE_MAX),
    ],
)
def test_each_limit_holds_at_its_boundary(old, new, limit):
    assert load_text(variant((old, new.format("x" * limit)))).ok
    assert ("too-long", Severity.ERROR) in _codes(variant((old, new.format("x" * (limit + 1)))))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"a\\tb"', None),  # a tab is text, not a control character
        ('"Werkplek \\u202b\\u05d0\\u202c"', "bidi-control"),  # allowed, with a warning
        ('"\\u202e"', "blank-text"),  # invisible characters alone are no title
        ('"\\r"', "control-character"),
        ('"\\x7f"', "control-character"),
        ('"\\N"', "control-character"),  # U+0085, YAML's "next line"
        ('"a\\Pb"', "line-break"),  # U+2029 paragraph separator
    ],
)
def test_title_characters(value, code):
    found = _codes(variant(("title: Testaanbesteding", f"title: {value}")))
    if code is None:
        assert all(severity is not Severity.ERROR for _, severity in found)
    else:
        assert code in {c for c, _ in found}


def test_prose_keeps_its_line_breaks():
    text = variant(("language: nl", "summary: |\n  Regel een.\n\n  Regel twee.\nlanguage: nl"))
    loaded = load_text(text)
    assert loaded.ok and loaded.tender is not None
    assert loaded.tender.summary == "Regel een.\n\nRegel twee.\n"


def test_an_address_with_a_plus_is_fine_and_the_check_is_offline():
    # No DNS: a domain that does not exist is not the loader's business.
    text = variant(("inkoop@minbzk.example", "inkoop+leveranciers@nergens-nog.example"))
    assert load_text(text).ok


@pytest.mark.parametrize(
    ("old", "new", "code", "severity"),
    [
        ("service: Volledige Dienst", 'service: "Volledige\\x1bDienst"', "control-character", "E"),
        ("service: Volledige Dienst", 'service: "Volledige\\nDienst"', "line-break", "E"),
        ("service: Volledige Dienst", 'service: "\\u200b "', "blank-text", "E"),
        ("service: Volledige Dienst", "service: " + "x" * (NAME_MAX + 1), "too-long", "E"),
        (
            "  email: privacy@voorbeeldzaken.example",
            "  email: privacy@voorbeeldzaken.example@evil.example",
            "bad-email",
            "E",
        ),
        (
            "  email: privacy@voorbeeldzaken.example",
            "  email: privacy?bcc=x@evil.example",
            "email-mailto-character",
            "E",
        ),
        ("service: Volledige Dienst", 'service: "Dienst \\u2066x\\u2069"', "bidi-control", "W"),
    ],
)
def test_privacy_notices_share_the_text_rules(old, new, code, severity):
    assert old in COMPLETE
    loaded = load_notice_bytes(COMPLETE.replace(old, new, 1).encode(), Path("complete.yaml"))
    found = [d for d in loaded.diagnostics if d.code == code]
    assert found, loaded.diagnostics
    assert found[0].severity is (Severity.ERROR if severity == "E" else Severity.WARNING)
    assert found[0].line == COMPLETE.splitlines().index(old) + 1
    assert loaded.ok is (severity == "W")


def _unlimited_strings(node: Any, where: str, defs: dict[str, Any]) -> list[str]:
    """Every string in the schema that has neither a length limit nor a fixed set of values."""
    if isinstance(node, dict):
        if "$ref" in node:
            return []  # definitions are walked once, below
        fixed = "enum" in node or "const" in node or "format" in node
        limited = "maxLength" in node and "pattern" in node
        if node.get("type") == "string" and not (fixed or limited):
            return [where]
        found: list[str] = []
        for key, value in node.items():
            found += _unlimited_strings(value, f"{where}.{key}", defs)
        return found
    if isinstance(node, list):
        return [w for i, item in enumerate(node) for w in _unlimited_strings(item, where, defs)]
    return []


@pytest.mark.parametrize("kind", ["tender", "notice"])
def test_every_text_field_has_a_maximum_length_and_a_pattern(kind):
    # The tender's schema is the one editors get: every version and system, as generated.
    schema = tender_schema() if kind == "tender" else Notice.model_json_schema()
    defs = schema.get("$defs", {})
    unlimited = _unlimited_strings({k: v for k, v in schema.items() if k != "$defs"}, "", defs)
    for name, definition in defs.items():
        unlimited += _unlimited_strings(definition, name, defs)
    assert unlimited == []
