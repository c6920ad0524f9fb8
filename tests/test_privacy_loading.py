"""Loading notice files: bad input gives a located message in Dutch or English, never a
traceback, in the same words as tender files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenderpack.diagnostics import Severity
from tenderpack.privacy.loading import load_notice, load_notice_bytes, load_notices

COMPLETE = (
    Path(__file__).parent / "roots" / "test-privacy" / "privacy" / "complete.yaml"
).read_text(encoding="utf-8")

# (id, old, new, code, line, column, Dutch piece, English piece)
CASES = [
    (
        "unknown-field",
        "service:",
        "servce:",
        "unknown-field",
        3,
        1,
        "bedoelt u 'service'?",
        "did you mean 'service'?",
    ),
    (
        "unknown-nested-field",
        "    source: subject",
        "    sourse: subject",
        "unknown-field",
        28,
        5,
        "onbekend veld 'sourse'; bedoelt u 'source'?",
        "unknown field 'sourse'; did you mean 'source'?",
    ),
    (
        "missing-field",
        "service: Volledige Dienst\n",
        "",
        "missing-field",
        1,
        1,
        "'service' ontbreekt",
        "'service' is missing",
    ),
    (
        "wrong-type",
        "rights: [access, rectification, erasure, restriction, objection, portability]",
        "rights: access",
        "wrong-type",
        42,
        9,
        "rights moet een lijst zijn",
        "rights must be a list",
    ),
    (
        "bad-legal-basis",
        "legal_basis: contract",
        "legal_basis: contrct",
        "bad-choice",
        16,
        18,
        "purposes[0].legal_basis: 'contrct' is geen toegestane waarde; kies uit consent, contract",
        "choose from consent, contract",
    ),
    (
        "bad-source",
        "    source: subject",
        "    source: zelf",
        "bad-choice",
        28,
        13,
        "data_subjects[0].source: 'zelf' is geen toegestane waarde",
        "'zelf' is not allowed; choose from subject, third_party, public_source",
    ),
    (
        "bad-id",
        "id: complete",
        "id: Com_plete",
        "bad-pattern",
        2,
        5,
        "'Com_plete' heeft niet de juiste vorm",
        "has the wrong form",
    ),
    (
        "bad-url",
        "source_url: https://example.invalid/privacy",
        "source_url: example.invalid/privacy",
        "privacy-bad-url",
        8,
        13,
        "is geen webadres",
        "is not a web address",
    ),
    (
        "bad-email",
        "  email: privacy@voorbeeldzaken.example",
        "  email: privacy at example",
        "bad-email",
        44,
        10,
        "rights_contact.email: 'privacy at example' is geen e-mailadres",
        "is not an e-mail address",
    ),
    (
        "dutch-date",
        "published: 2024-05-01",
        "published: 01-05-2024",
        "date-dutch-order",
        7,
        12,
        "schrijf 2024-05-01",
        "write 2024-05-01",
    ),
    (
        "text-for-bool",
        "obligatory: true",
        "obligatory: ja",
        "wrong-type",
        30,
        19,
        "obligatory moet true of false zijn",
        "must be true or false",
    ),
    (
        "yaml-syntax",
        "dpo:\n",
        "dpo: [\n",
        "yaml-syntax",
        12,
        6,
        "YAML-syntaxfout",
        "YAML syntax error",
    ),
    (
        "duplicate-key",
        "kind: statement\n",
        "kind: statement\nkind: register_entry\n",
        "duplicate-key",
        5,
        1,
        "twee keer",
        "twice",
    ),
    (
        "python-tag",
        "service: Volledige Dienst",
        "service: !!python/name:os.system",
        "tag-not-allowed",
        3,
        10,
        "niet toegestaan",
        "not allowed",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "column", "dutch", "english"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_gives_one_located_error(
    old: str, new: str, code: str, line: int, column: int, dutch: str, english: str
) -> None:
    assert old in COMPLETE
    text = COMPLETE.replace(old, new, 1)
    for lang, piece in (("nl", dutch), ("en", english)):
        loaded = load_notice_bytes(text.encode(), Path("complete.yaml"), lang)  # type: ignore[arg-type]
        errors = [d for d in loaded.diagnostics if d.code == code]
        assert len(errors) == 1, loaded.diagnostics
        (error,) = errors
        assert (error.line, error.column, error.severity) == (line, column, Severity.ERROR)
        assert piece in error.message
        assert error.format().startswith(f"complete.yaml:{line}:{column}: error: ")
        assert loaded.notice is None and not loaded.ok


def test_a_list_is_not_a_notice() -> None:
    loaded = load_notice_bytes(b"- a\n- b\n", Path("x.yaml"))
    (error,) = loaded.diagnostics
    assert error.format() == (
        "x.yaml:1:1: error: een privacyverklaring moet een mapping van velden "
        "(sleutel: waarde) zijn; dit is een lijst"
    )


def test_the_complete_notice_loads_cleanly() -> None:
    loaded = load_notice_bytes(COMPLETE.encode(), Path("complete.yaml"))
    assert loaded.ok and loaded.diagnostics == []


def test_the_id_must_be_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text(COMPLETE, encoding="utf-8")
    loaded = load_notice(path)
    (error,) = loaded.diagnostics
    assert (error.code, error.line, error.column) == ("privacy-id-mismatch", 2, 5)
    assert "'other'" in error.message
    assert not loaded.ok


def test_an_id_is_unique_across_files(tmp_path: Path) -> None:
    (tmp_path / "complete.yaml").write_text(COMPLETE, encoding="utf-8")
    (tmp_path / "complete.yml").write_text(COMPLETE, encoding="utf-8")
    first, second = load_notices([tmp_path], "en")
    assert first.ok
    codes = [d.code for d in second.diagnostics]
    assert "privacy-duplicate-id" in codes
    duplicate = next(d for d in second.diagnostics if d.code == "privacy-duplicate-id")
    assert (duplicate.line, str(first.path) in duplicate.message) == (2, True)


def test_a_folder_is_read_in_order_and_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(COMPLETE.replace("id: complete", "id: b"), encoding="utf-8")
    (tmp_path / "a.yaml").write_text(COMPLETE.replace("id: complete", "id: a"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a notice", encoding="utf-8")
    loaded = load_notices([tmp_path, tmp_path / "a.yaml"])
    assert [item.path.name for item in loaded] == ["a.yaml", "b.yaml"]


def test_an_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    loaded = load_notice(tmp_path / "missing.yaml")
    (error,) = loaded.diagnostics
    assert error.code == "unreadable" and error.severity is Severity.ERROR


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_no_input_raises(data: bytes) -> None:
    loaded = load_notice_bytes(data, Path("fuzz.yaml"))
    assert loaded.notice is not None or loaded.diagnostics


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(COMPLETE.splitlines()), st.text(max_size=30))
def test_no_changed_line_raises(line: str, replacement: str) -> None:
    loaded = load_notice_bytes(COMPLETE.replace(line, replacement, 1).encode(), Path("fuzz.yaml"))
    assert loaded.ok or loaded.diagnostics
