"""Load tender files into validated ``Tender`` models, with every problem at ``file:line:col``.

The pipeline per file: bytes -> ``yamlsource`` (syntax, encoding, duplicate keys, tags)
-> pydantic (fields, types, enums) -> ``rules`` (domain rules that need several fields).
Each stage reports all it finds; a later stage only runs when the earlier one produced
data to check. Across files we check that references are unique, and against the
project that the privacy notices a tender names exist.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tenderpack.diagnostics import Diagnostic, Severity, has_errors
from tenderpack.filenames import reference_key
from tenderpack.inputs import find_inputs
from tenderpack.messages import Lang, known_codes, text
from tenderpack.model import Tender
from tenderpack.project import NoticeFolder, notice_folder, project_root
from tenderpack.rules import check_tender
from tenderpack.yamlsource import (
    YAML_SUFFIXES,
    Document,
    KeyPath,
    Position,
    SourceMap,
    field_name,
    find_yaml_files,
    parse_yaml,
    read_head,
    shorten,
    unreadable,
)

TENDER_SUFFIXES = YAML_SUFFIXES
_LANGUAGE_LINE = re.compile(rb"^language:[ \t]*[\"']?en[\"']?[ \t]*(#.*?)?\r?$", re.MULTILINE)


@dataclass
class LoadedTender:
    """One tender file after loading: the model when it is valid, and what was found."""

    path: Path
    tender: Tender | None
    source: SourceMap
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.tender is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics
        )


def guess_language(data: bytes) -> Lang:
    """The tender's own language, seen before parsing so even syntax errors speak it."""
    return "en" if _LANGUAGE_LINE.search(data) else "nl"


def load_tender_bytes(data: bytes, path: Path, lang: Lang | None = None) -> LoadedTender:
    """Load one tender from its bytes. Never raises for bad input."""
    language = lang or guess_language(data)
    return _validate(parse_yaml(data, path, language), language)


def load_tender(path: Path, lang: Lang | None = None, root: Path | None = None) -> LoadedTender:
    """Load one tender file. Never raises for bad input or an unreadable file."""
    try:
        data, size = read_head(path, root)
    except OSError as exc:
        return _validate(unreadable(path, lang or "nl", exc), lang or "nl")
    language = lang or guess_language(data)
    return _validate(parse_yaml(data, path, language, size=size), language)


def _validate(document: Document, lang: Lang) -> LoadedTender:
    data, source, path = document.data, document.source, document.path
    diagnostics = list(document.diagnostics)
    if data is None:
        return LoadedTender(path, None, source, diagnostics)
    if not isinstance(data, dict):
        message = text("not-a-mapping", lang, found=text(type_code(data), lang))
        diagnostics.append(Diagnostic(path, 1, 1, Severity.ERROR, message, "not-a-mapping"))
        return LoadedTender(path, None, source, diagnostics)
    try:
        tender = Tender.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(_translate(exc, document, lang))
        return LoadedTender(path, None, source, sorted(diagnostics, key=Diagnostic.sort_key))
    if has_errors(diagnostics):  # the YAML layer already failed this file; the model is not trusted
        return LoadedTender(path, None, source, diagnostics)
    diagnostics.extend(check_tender(tender, source, path, lang))
    return LoadedTender(path, tender, source, sorted(diagnostics, key=Diagnostic.sort_key))


def find_tender_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the tender files they hold (sorted, so output is stable)."""
    return find_yaml_files(paths)


def load_tenders(
    paths: Iterable[Path], lang: Lang | None = None, project: Path | None = None
) -> list[LoadedTender]:
    """Load every tender file under ``paths``; check what needs other files: that references
    are unique (case-folded: Windows and macOS see one folder) and that the privacy notices
    a tender names are in its project's notice folder. A link out of ``project`` (default:
    the current folder) is not followed; a folder entry that is not a file is warned about."""
    files, skipped = find_inputs(paths, lang or "nl")
    loaded = [load_tender(path, lang, project) for path in files]
    loaded += [LoadedTender(d.path, None, SourceMap(), [d]) for d in skipped]  # warned, not read
    first_by_reference: dict[str, LoadedTender] = {}
    folders: dict[Path, NoticeFolder | None] = {}
    for item in loaded:
        if item.tender is None:
            continue
        language: Lang = lang or item.tender.language
        if item.tender.privacy_notices:
            root = project_root(item.path)
            if root is not None and root not in folders:
                folders[root] = notice_folder(root)
            folder = folders.get(root) if root is not None else None
            if folder is not None:
                item.diagnostics.extend(_unknown_notices(item, folder, language))
        reference = item.tender.reference
        first = first_by_reference.setdefault(reference_key(reference), item)
        if first is not item:
            item.diagnostics.append(_duplicate(item, first, language))
        item.diagnostics.sort(key=Diagnostic.sort_key)
    return loaded


def _duplicate(item: LoadedTender, first: LoadedTender, lang: Lang) -> Diagnostic:
    assert item.tender is not None and first.tender is not None
    reference, other_reference = item.tender.reference, first.tender.reference
    if reference == other_reference:
        code = "duplicate-reference"
        message = text(code, lang, reference=reference, other=first.path)
    else:
        code = "duplicate-reference-case"
        message = text(
            code, lang, reference=reference, other_reference=other_reference, other=first.path
        )
    where = item.source.value(("reference",))
    return Diagnostic(item.path, where.line, where.column, Severity.ERROR, message, code)


def _unknown_notices(item: LoadedTender, folder: NoticeFolder, lang: Lang) -> Iterator[Diagnostic]:
    assert item.tender is not None and item.tender.privacy_notices is not None
    allowed = ", ".join(sorted(folder.ids)) or "-"
    for index, notice_id in enumerate(item.tender.privacy_notices):
        if notice_id in folder.ids:
            continue
        loc: KeyPath = ("privacy_notices", index)
        message = text(
            "unknown-privacy-notice",
            lang,
            field=field_name(loc),
            value=notice_id,
            folder=folder.name,
            allowed=allowed,
        )
        close = difflib.get_close_matches(notice_id, sorted(folder.ids), n=1, cutoff=0.6)
        if close:
            message += "; " + text("did-you-mean", lang, suggestion=close[0])
        where = item.source.value(loc)
        yield Diagnostic(
            item.path, where.line, where.column, Severity.ERROR, message, "unknown-privacy-notice"
        )


# --- pydantic errors, in the officer's words -------------------------------------------------

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


def model_at(loc: KeyPath, root: type[BaseModel] = Tender) -> type[BaseModel] | None:
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


def _translate(exc: ValidationError, document: Document, lang: Lang) -> Iterator[Diagnostic]:
    for error in exc.errors(include_url=False):
        loc: KeyPath = tuple(part for part in error["loc"] if isinstance(part, str | int))
        if any(loc[: len(done)] == done for done in document.reported):
            continue
        code, where, message = describe_error(error, loc, document.source, lang)
        yield Diagnostic(document.path, where.line, where.column, Severity.ERROR, message, code)


def describe_error(
    error: Any, loc: KeyPath, source: SourceMap, lang: Lang, root: type[BaseModel] = Tender
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
        return (
            "bad-choice",
            where,
            text("bad-choice", lang, field=field, value=shown, allowed=allowed),
        )
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
