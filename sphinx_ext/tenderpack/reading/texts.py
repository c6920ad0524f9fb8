"""The kinds of text a tender or privacy notice holds, each with the rules its outputs need.

Every text value ends up in HTML, a PDF, a DOCX, an ``.ics`` file and a terminal. What
YAML lets through is not safe for all of them: an escape such as ``"\\x1b[31m"`` or
``"\\x00"`` unescapes to a control character that makes the DOCX invalid XML and colours
the terminal; a line break in a title breaks page headers and calendar summaries; a title
of spaces or zero-width characters gives pages titled "   "; a 100 KB title repeated in
every page header makes the build crawl. So each kind of text has a maximum length, and:

- ``Title``, ``Name`` and ``Short`` are one line;
- ``Prose`` may hold line breaks (and tabs), nothing else below U+0020;
- none may hold C0 or C1 control characters, or be blank once whitespace and invisible
  format characters (Unicode category Cf, e.g. U+200B) are taken away.

The same limits go into the JSON Schema (``maxLength`` and ``pattern``), so an editor
flags what ``tenderpack validate`` refuses. Bidirectional controls (U+202A-U+202E,
U+2066-U+2069) are allowed, since right-to-left text needs them, but ``bidi_controls``
finds them for a warning: they can make ``fdp.exe`` show as ``exe.pdf``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

KeyPath = tuple[str | int, ...]

TITLE_MAX = 250
NAME_MAX = 200
SHORT_MAX = 40
PROSE_MAX = 10_000
EMAIL_MAX = 254  # RFC 5321's limit on a forward path, as email-validator enforces it

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\u2028\u2029")  # \r and U+0085 are control characters anyway
# In a mailto: link these start headers (?), a fragment (#), an escape (%) or a next header
# (&): RFC 5322 allows them in an address, but "x?bcc=y@z" would add a hidden Bcc.
MAILTO_SPECIAL = frozenset("?#%&")

# For the JSON Schema (ECMA-262 and Python's re read these escapes alike). The format
# characters are Unicode's Cf list in the Basic Multilingual Plane; the loader asks
# unicodedata, which also knows the few outside it.
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_FORMAT = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_VISIBLE = rf"[^\s{_FORMAT}]"
PROSE_PATTERN = rf"^(?=[\s\S]*{_VISIBLE})[^{_CONTROLS}]*$"
LINE_PATTERN = rf"^(?=.*{_VISIBLE})[^{_CONTROLS}\n\u2028\u2029]*$"
_ATOM = r"[A-Za-z0-9!$'*+/=^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]*[A-Za-z0-9\u00a1-\uffff])?"
EMAIL_PATTERN = rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+{_LABEL}$"


def _char(char: str) -> str:
    return f"U+{ord(char):04X}"


def _check_text(value: str, *, single_line: bool) -> str:
    for char in value:
        if char in LINE_BREAKS:
            if single_line:
                raise PydanticCustomError("line-break", "line break", {"char": _char(char)})
        elif char != "\t" and unicodedata.category(char) == "Cc":
            raise PydanticCustomError("control-character", "control", {"char": _char(char)})
    if all(char.isspace() or unicodedata.category(char) == "Cf" for char in value):
        raise PydanticCustomError("blank-text", "blank", {})
    return value


def _line(value: str) -> str:
    return _check_text(value, single_line=True)


def _prose(value: str) -> str:
    return _check_text(value, single_line=False)


def _limits(max_length: int, pattern: str) -> Any:
    return Field(min_length=1, max_length=max_length, json_schema_extra={"pattern": pattern})


# Spelled out, not made by a function, so that type checkers see plain ``str``.
# A heading: a tender's or a document's title, repeated in every page header.
Title = Annotated[str, _limits(TITLE_MAX, LINE_PATTERN), AfterValidator(_line)]
# The name of an organisation, person, team, service or law.
Name = Annotated[str, _limits(NAME_MAX, LINE_PATTERN), AfterValidator(_line)]
# An abbreviation, a phone number, a version or a register number.
Short = Annotated[str, _limits(SHORT_MAX, LINE_PATTERN), AfterValidator(_line)]
# Sentences and paragraphs (a summary, an address, what a notice says).
Prose = Annotated[str, _limits(PROSE_MAX, PROSE_PATTERN), AfterValidator(_prose)]


def _check_email(value: str) -> str:
    special = next((char for char in value if char in MAILTO_SPECIAL), None)
    if special is not None:
        raise PydanticCustomError("email-mailto-character", "mailto", {"char": special})
    try:
        # Offline: the grammar only (no DNS), ASCII before the @ as mail links need.
        validate_email(value, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        raise PydanticCustomError("bad-email", "not an address", {"value": value}) from None
    return value


Email = Annotated[
    str,
    Field(max_length=EMAIL_MAX, json_schema_extra={"pattern": EMAIL_PATTERN}),
    AfterValidator(_check_email),
]


def text_values(model: BaseModel, loc: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every string in a validated model, with where it stands (for checks across fields)."""
    for name in type(model).model_fields:
        yield from _values(getattr(model, name), (*loc, name))


def _values(value: object, loc: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        yield from text_values(value, loc)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _values(item, (*loc, index))


def bidi_controls(model: BaseModel) -> Iterator[tuple[KeyPath, str]]:
    """(where, ``U+202E``) for each text value holding a bidirectional control, first one."""
    for loc, value in text_values(model):
        found = next((char for char in value if char in BIDI_CONTROLS), None)
        if found is not None:
            yield loc, _char(found)
