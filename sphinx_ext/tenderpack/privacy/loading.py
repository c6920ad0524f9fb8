"""Load privacy notice files into ``Notice`` models, with every problem at ``file:line:col``.

The same pipeline and the same words as tender files: ``yamlsource`` reads the bytes
safely, pydantic validates, and its errors are put in the officer's language by the tender
loader's translator (imported, not copied). Only what differs is here: "did you mean"
looks among the notice's fields, a web address has its own message, and across files an
id must be unique and equal to its file name (directives find notices by id).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tenderpack.diagnostics import Diagnostic, Severity, has_errors
from tenderpack.messages import Lang, text
from tenderpack.privacy.messages import ptext
from tenderpack.privacy.model import Notice
from tenderpack.reading.explain import describe_error, type_code
from tenderpack.reading.inputs import find_inputs
from tenderpack.reading.texts import bidi_controls
from tenderpack.reading.yamlsource import (
    YAML_SUFFIXES,
    Document,
    KeyPath,
    SourceMap,
    field_name,
    find_yaml_files,
    guess_language,
    parse_yaml,
    read_head,
    shorten,
    unreadable,
)

NOTICE_SUFFIXES = YAML_SUFFIXES


@dataclass
class LoadedNotice:
    """One notice file after loading: the model when it is valid, and what was found."""

    path: Path
    notice: Notice | None
    source: SourceMap
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.notice is not None and not has_errors(self.diagnostics)


def load_notice_bytes(data: bytes, path: Path, lang: Lang | None = None) -> LoadedNotice:
    """Load one notice from its bytes. Never raises for bad input."""
    language = lang or guess_language(data)
    return _validate(parse_yaml(data, path, language, subject="notice"), language)


def load_notice(path: Path, lang: Lang | None = None, root: Path | None = None) -> LoadedNotice:
    """Load one notice file. Never raises for bad input or an unreadable file."""
    try:
        data, size = read_head(path, root)
    except OSError as exc:
        return _validate(unreadable(path, lang or "nl", exc), lang or "nl")
    language = lang or guess_language(data)
    return _validate(parse_yaml(data, path, language, size=size, subject="notice"), language)


def find_notice_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the notice files they hold, sorted and each once."""
    return find_yaml_files(paths)


def load_notices(
    paths: Iterable[Path], lang: Lang | None = None, project: Path | None = None
) -> list[LoadedNotice]:
    """Load every notice under ``paths`` and check that ids are unique."""
    files, skipped = find_inputs(paths, lang or "nl")
    loaded = [load_notice(path, lang, project) for path in files]
    loaded += [LoadedNotice(d.path, None, SourceMap(), [d]) for d in skipped]  # warned, not read
    first_by_id: dict[str, LoadedNotice] = {}
    for item in loaded:
        if item.notice is None:
            continue
        first = first_by_id.setdefault(item.notice.id, item)
        if first is item:
            continue
        where = item.source.value(("id",))
        message = ptext(
            "privacy-duplicate-id",
            lang or item.notice.language,
            id=item.notice.id,
            other=first.path,
        )
        item.diagnostics.append(
            Diagnostic(
                item.path, where.line, where.column, Severity.ERROR, message, "privacy-duplicate-id"
            )
        )
        item.diagnostics.sort(key=Diagnostic.sort_key)
    return loaded


def _validate(document: Document, lang: Lang) -> LoadedNotice:
    data, source, path = document.data, document.source, document.path
    diagnostics = list(document.diagnostics)
    if data is None:
        return LoadedNotice(path, None, source, diagnostics)
    if not isinstance(data, dict):
        message = ptext("privacy-not-a-mapping", lang, found=text(type_code(data), lang))
        diagnostics.append(Diagnostic(path, 1, 1, Severity.ERROR, message, "privacy-not-a-mapping"))
        return LoadedNotice(path, None, source, diagnostics)
    try:
        notice = Notice.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(_translate(exc, document, lang))
        return LoadedNotice(path, None, source, sorted(diagnostics, key=Diagnostic.sort_key))
    if has_errors(diagnostics):  # the YAML layer already failed this file; the model is not trusted
        return LoadedNotice(path, None, source, diagnostics)
    if path.suffix in NOTICE_SUFFIXES and notice.id != path.stem:
        where = source.value(("id",))
        message = ptext("privacy-id-mismatch", lang, id=notice.id, stem=path.stem)
        diagnostics.append(
            Diagnostic(
                path, where.line, where.column, Severity.ERROR, message, "privacy-id-mismatch"
            )
        )
    for loc, char in bidi_controls(notice):
        where = source.value(loc)
        message = text("bidi-control", lang, field=field_name(loc), char=char)
        diagnostics.append(
            Diagnostic(path, where.line, where.column, Severity.WARNING, message, "bidi-control")
        )
    return LoadedNotice(path, notice, source, sorted(diagnostics, key=Diagnostic.sort_key))


def _translate(exc: ValidationError, document: Document, lang: Lang) -> Iterator[Diagnostic]:
    source = document.source
    for error in exc.errors(include_url=False):
        loc: KeyPath = tuple(part for part in error["loc"] if isinstance(part, str | int))
        if any(loc[: len(done)] == done for done in document.reported):
            continue
        if loc[-1:] == (0,) and loc[:-1] in source.scalars:
            loc = loc[:-1]  # `source: foo` was widened to a list; report it as the file wrote it
        kind = error["type"]
        if kind == "string_pattern_mismatch" and loc[-1:] == ("source_url",):
            where = source.value(loc)
            scalar = source.scalars.get(loc)
            shown = shorten(scalar.raw) if scalar else str(error.get("input"))
            message = ptext("privacy-bad-url", lang, field=field_name(loc), value=shown)
            yield Diagnostic(
                document.path, where.line, where.column, Severity.ERROR, message, "privacy-bad-url"
            )
            continue
        code, where, message = describe_error(error, loc, source, lang, root=Notice)
        yield Diagnostic(document.path, where.line, where.column, Severity.ERROR, message, code)
