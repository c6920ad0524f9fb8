"""Load tender files into validated ``Tender`` models, with every problem at ``file:line:col``.

The pipeline per file: bytes -> ``yamlsource`` (syntax, encoding, duplicate keys, tags)
-> pydantic (fields, types, enums) -> ``rules`` (domain rules that need several fields).
Each stage reports all it finds; a later stage only runs when the earlier one produced
data to check. Across files we check that references are unique, and against the
project that the privacy notices a tender names exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tenderpack.diagnostics import Diagnostic, Severity, has_errors
from tenderpack.messages import Lang, text
from tenderpack.privacy.project import NoticeFolder, notice_folder, project_root
from tenderpack.reading.explain import translate, type_code
from tenderpack.reading.inputs import find_inputs
from tenderpack.reading.yamlsource import (
    YAML_SUFFIXES,
    Document,
    KeyPath,
    Position,
    SourceMap,
    field_name,
    find_yaml_files,
    guess_language,
    parse_yaml,
    read_head,
    shorten,
    unreadable,
)
from tenderpack.systems import Registry, shipped_registry
from tenderpack.tender.model import Tender
from tenderpack.tender.reference import reference_key
from tenderpack.tender.rules import check_tender
from tenderpack.tender.versions import VERSIONS, tender_models, to_tender, version_2_source

TENDER_SUFFIXES = YAML_SUFFIXES


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


def load_tender_bytes(
    data: bytes, path: Path, lang: Lang | None = None, registry: Registry | None = None
) -> LoadedTender:
    """Load one tender from its bytes. Never raises for bad input."""
    language = lang or guess_language(data)
    return _validate(parse_yaml(data, path, language), language, registry or shipped_registry())


def load_tender(
    path: Path,
    lang: Lang | None = None,
    root: Path | None = None,
    registry: Registry | None = None,
) -> LoadedTender:
    """Load one tender file. Never raises for bad input or an unreadable file."""
    systems = registry or shipped_registry()
    try:
        data, size = read_head(path, root)
    except OSError as exc:
        return _validate(unreadable(path, lang or "nl", exc), lang or "nl", systems)
    language = lang or guess_language(data)
    return _validate(parse_yaml(data, path, language, size=size), language, systems)


def _error_at(document: Document, loc: KeyPath, code: str, message: str) -> Diagnostic:
    where = document.source.value(loc) if loc else Position(1, 1)
    return Diagnostic(document.path, where.line, where.column, Severity.ERROR, message, code)


def _written(document: Document, key: str, value: object) -> str:
    """What the file literally says at ``key`` (not what YAML made of it)."""
    scalar = document.source.scalars.get((key,))
    return shorten(scalar.raw if scalar is not None else str(value))


def _model_for(
    data: dict[str, Any], document: Document, lang: Lang, registry: Registry
) -> type[BaseModel] | Diagnostic:
    """The model this file is validated with, chosen by its version and system."""
    models = tender_models(registry)
    version, system = data.get("schema_version"), data.get("system")
    if isinstance(version, float) and version.is_integer():
        version = int(version)
    if isinstance(version, bool):
        version = None
    if version == 1 and models.version_1 is not None:
        allowed = models.version_1_system
        if system is not None and system != allowed:
            value = _written(document, "system", system)
            message = text("version-1-system", lang, value=value, allowed=allowed)
            return _error_at(document, ("system",), "version-1-system", message)
        return models.version_1
    if version == 2:
        if system is None:
            return _error_at(
                document, (), "missing-field", text("missing-field", lang, field="system")
            )
        if not isinstance(system, str) or system not in models.version_2:
            value = _written(document, "system", system)
            message = text("unknown-system", lang, value=value, allowed=", ".join(registry.ids))
            return _error_at(document, ("system",), "unknown-system", message)
        return models.version_2[system]
    if "schema_version" not in data:
        message = text("missing-field", lang, field="schema_version")
        return _error_at(document, (), "missing-field", message)
    known = ", ".join(str(v) for v in VERSIONS if v != 1 or models.version_1 is not None)
    value = _written(document, "schema_version", data["schema_version"])
    message = text("bad-choice", lang, field="schema_version", value=value, allowed=known)
    return _error_at(document, ("schema_version",), "bad-choice", message)


def _validate(document: Document, lang: Lang, registry: Registry) -> LoadedTender:
    data, source, path = document.data, document.source, document.path
    diagnostics = list(document.diagnostics)
    if data is None:
        return LoadedTender(path, None, source, diagnostics)
    if not isinstance(data, dict):
        message = text("not-a-mapping", lang, found=text(type_code(data), lang))
        diagnostics.append(Diagnostic(path, 1, 1, Severity.ERROR, message, "not-a-mapping"))
        return LoadedTender(path, None, source, diagnostics)
    model = _model_for(data, document, lang, registry)
    if isinstance(model, Diagnostic):
        diagnostics.append(model)
        return LoadedTender(path, None, source, sorted(diagnostics, key=Diagnostic.sort_key))
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(translate(exc, document, lang, model))
        return LoadedTender(path, None, source, sorted(diagnostics, key=Diagnostic.sort_key))
    if has_errors(diagnostics):  # the YAML layer already failed this file; the model is not trusted
        return LoadedTender(path, None, source, diagnostics)
    tender = to_tender(validated, registry)
    if tender.schema_version == 1:
        source = version_2_source(source, data, registry)
    diagnostics.extend(check_tender(tender, source, path, lang, registry[tender.system]))
    return LoadedTender(path, tender, source, sorted(diagnostics, key=Diagnostic.sort_key))


def find_tender_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the tender files they hold (sorted, so output is stable)."""
    return find_yaml_files(paths)


def load_tenders(
    paths: Iterable[Path],
    lang: Lang | None = None,
    project: Path | None = None,
    registry: Registry | None = None,
) -> list[LoadedTender]:
    """Load every tender file under ``paths``; check what needs other files: that references
    are unique (case-folded: Windows and macOS see one folder) and that the privacy notices
    a tender names are in its project's notice folder. A link out of ``project`` (default:
    the current folder) is not followed; a folder entry that is not a file is warned about."""
    files, skipped = find_inputs(paths, lang or "nl")
    systems = registry or shipped_registry()
    loaded = [load_tender(path, lang, project, systems) for path in files]
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
