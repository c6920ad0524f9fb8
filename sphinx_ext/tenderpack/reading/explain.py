"""Pydantic's validation errors in the officer's words, at the file's line and column.

Shared by every file kind tenderpack validates with a model (tenders, privacy notices,
purchasing-system profiles): ``root`` is the model the document was validated against, so
"did you mean" and value ranges look up the right fields.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang, known_codes, text
from tenderpack.reading.yamlsource import (
    Document,
    KeyPath,
    Position,
    SourceMap,
    field_name,
    shorten,
)

_PYDANTIC_TYPE_ERRORS = {
    "string_type": "type-text",
    "int_type": "type-int",
    "int_parsing": "type-int",
    "int_from_float": "type-int",
    "bool_type": "type-bool",
    "bool_parsing": "type-bool",
    "date_type": "type-date",
    "date_parsing": "type-date",
    "date_from_datetime_inexact": "type-date",
    "list_type": "type-list",
    "model_type": "type-mapping",
    "model_attributes_type": "type-mapping",
    "dict_type": "type-mapping",
}


def type_code(value: Any) -> str:
    """The message code naming the YAML type of ``value`` (for "must be X, not Y")."""
    if value is None:
        return "type-null"
    if isinstance(value, bool):
        return "type-bool"
    if isinstance(value, int):
        return "type-int"
    if isinstance(value, float):
        return "type-float"
    if isinstance(value, list):
        return "type-list"
    if isinstance(value, dict):
        return "type-mapping"
    if hasattr(value, "isoformat"):
        return "type-date"
    return "type-text"


def model_at(loc: KeyPath, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``loc`` (for "did you mean")."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if (
            not (isinstance(model, type) and issubclass(model, BaseModel))
            or part not in model.model_fields
        ):
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """list[X] -> X and X | None -> X, so nested models can be found."""
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _unwrap(arg)
    return annotation


def _allowed_values(expected: str) -> str:
    return ", ".join(re.findall(r"'([^']*)'", expected)) or expected


def translate(
    exc: ValidationError, document: Document, lang: Lang, root: type[BaseModel]
) -> Iterator[Diagnostic]:
    """Every error of ``exc`` as a diagnostic, except those the YAML layer already reported."""
    for error in exc.errors(include_url=False):
        loc = _in_the_file(error["loc"], document.data)
        if any(loc[: len(done)] == done for done in document.reported):
            continue
        code, where, message = describe_error(error, loc, document.source, lang, root)
        yield Diagnostic(document.path, where.line, where.column, Severity.ERROR, message, code)


def _in_the_file(raw_loc: tuple[object, ...], data: object) -> KeyPath:
    """The error's path in the file: without the tags pydantic adds for a union's branch
    (``deadline.contract.days_before`` is ``deadline.days_before`` in the file)."""
    parts = [part for part in raw_loc if isinstance(part, str | int)]
    loc: list[str | int] = []
    node = data
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else None
        if isinstance(node, dict) and part not in node and following in node:
            continue  # not in the file, but the next part is: a branch tag
        loc.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(loc)


def describe_error(
    error: Any, loc: KeyPath, source: SourceMap, lang: Lang, root: type[BaseModel]
) -> tuple[str, Position, str]:
    """One pydantic error as (code, position, message) in the officer's words.

    ``root`` is the model the document was validated against, so "did you mean" and
    value ranges look up the right fields (tenders and privacy notices share this).
    """
    kind: str = error["type"]
    field = field_name(loc)
    value = error.get("input")
    context = dict(error.get("ctx") or {})
    scalar = source.scalars.get(loc)
    shown = shorten(scalar.raw) if scalar is not None else value  # what the file says

    if kind == "missing":
        parent = loc[:-1]
        where = source.key(parent) if parent else Position(1, 1)
        return "missing-field", where, text("missing-field", lang, field=field)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        message = text("unknown-field", lang, field=name)
        model = model_at(loc[:-1], root)
        if model is not None:
            close = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6)
            if close:
                message += "; " + text("did-you-mean", lang, suggestion=close[0])
        return "unknown-field", source.key(loc), message
    if kind == "none_required":  # a field the chosen system's model leaves out on purpose
        return (
            "field-not-for-system",
            source.key(loc),
            text("field-not-for-system", lang, field=field),
        )
    where = source.value(loc)
    if scalar is not None and "value" in context:
        context["value"] = shorten(scalar.raw)  # what the file says, not what YAML made of it
    if kind in known_codes():
        message = text(kind, lang, field=field, **context)
        if kind == "impossible-date":  # shared with the YAML layer, whose messages say no field
            message = f"{field}: {message}"
        return kind, where, message
    if kind == "string_type" and loc[-1:] == ("oin",) and scalar and not scalar.quoted:
        key = str(loc[-1])
        return (
            "oin-unquoted",
            where,
            text("oin-unquoted", lang, field=field, raw=scalar.raw, key=key),
        )
    if kind in _PYDANTIC_TYPE_ERRORS:
        expected = text(_PYDANTIC_TYPE_ERRORS[kind], lang)
        found = text(type_code(value), lang)
        message = text("wrong-type", lang, field=field, expected=expected, found=found)
        if kind == "string_type" and scalar and not scalar.quoted:
            message += "; " + text("quote-hint", lang)
        return "wrong-type", where, message
    if kind in ("literal_error", "enum"):
        allowed = _allowed_values(str(context.get("expected", "")))
        message = text("bad-choice", lang, field=field, value=shown, allowed=allowed)
        # `0106` unquoted is a number to YAML (an octal one, even): the choice is the text.
        unquoted = scalar is not None and not scalar.quoted and not isinstance(value, str)
        if unquoted and scalar is not None and scalar.raw in allowed.split(", "):
            message += "; " + text("quote-hint", lang)
        return "bad-choice", where, message
    if kind in ("too_short", "string_too_short"):
        code = "no-departments" if loc == ("departments",) else "too-short"
        return code, where, text(code, lang, field=field)
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        limit = context.get("max_length", "?")
        return "too-long", where, text("too-long", lang, field=field, length=length, limit=limit)
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(loc, root)
        return (
            "out-of-range",
            where,
            text("out-of-range", lang, field=field, low=low, high=high, value=shown),
        )
    if kind == "string_pattern_mismatch":
        if loc[-1:] == ("email",):
            return "bad-email", where, text("bad-email", lang, field=field, value=shown)
        rule = text("reference-rule" if loc == ("reference",) else "identifier-rule", lang)
        return "bad-pattern", where, text("bad-pattern", lang, field=field, value=shown, rule=rule)
    return "invalid", where, f"{field}: {error['msg']}"


def _bounds(loc: KeyPath, root: type[BaseModel]) -> tuple[object, object]:
    model = model_at(loc[:-1], root)
    if model is None:
        return "?", "?"
    low: object = "?"
    high: object = "?"
    for constraint in model.model_fields[str(loc[-1])].metadata:
        low = getattr(constraint, "ge", low)
        high = getattr(constraint, "le", high)
    return low, high
