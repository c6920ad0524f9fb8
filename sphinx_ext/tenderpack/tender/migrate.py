"""Rewrite a version 1 tender file as version 2, keeping its comments and its layout.

Version 1 files name one purchasing system's connections and fields at the top level. How
they map onto version 2 is data: the ``version_1`` block of the profile that reads them
(``tenderpack.systems.spec.Version1Mapping``, from the run's registry, so a project's own
profile is honoured), so no system is named here. The edit is a ruamel.yaml round trip,
because an officer's comments are part of the file; PyYAML drops them.

ruamel keeps a comment in the slot of the node *before* it: a key's slot holds its end-of-line
comment and then every comment line up to the next key. So moving a key means splitting
slots: its end-of-line comment and the comment lines just above it travel with it, the lines
below it stay above the key that follows. A dropped key leaves its comments where it was.

As a last check the result is read back with the loader's own YAML parser and compared with
the version 1 data transformed in plain Python: a file the round trip would change in
meaning is refused rather than written.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.tokens import CommentToken

from tenderpack import output
from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang, migrate_message
from tenderpack.options import UsageError
from tenderpack.reading.yamlsource import (
    field_name,
    guess_language,
    parse_yaml,
    read_head,
    shorten,
    unreadable,
)
from tenderpack.systems import Registry, shipped_registry
from tenderpack.systems.spec import Version1Mapping
from tenderpack.tender.loading import load_tender_bytes

# Version 2's own names: the format's, not any system's.
SYSTEM, DEPARTMENTS, ON_SYSTEM, CONNECTIONS = "system", "departments", "on_system", "connections"
VERSION = "schema_version"
_INDENT = 2


@dataclass(frozen=True)
class Note:
    """One thing the migration changed or dropped, at its line in the version 1 file."""

    code: str
    line: int
    column: int
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class MigrationResult:
    text: str
    notes: tuple[Note, ...]


class MigrationRefused(Exception):
    """The text is not a version 1 tender this migration can rewrite faithfully."""

    def __init__(self, code: str, line: int = 0, column: int = 0, **params: object) -> None:
        super().__init__(code)
        self.code, self.line, self.column, self.params = code, line, column, params


def migrate_text(text: str, mapping: Version1Mapping) -> MigrationResult:
    """The version 2 text of a (valid) version 1 tender, and notes on what changed."""
    bom = text.startswith("\ufeff")
    body = text.removeprefix("\ufeff")
    crlf = "\r\n" in body
    body = body.replace("\r\n", "\n")
    yaml = _yaml()
    try:
        tender = yaml.load(body)
    except YAMLError as exc:
        raise MigrationRefused("migrate-unfaithful", detail=type(exc).__name__) from exc
    if not isinstance(tender, CommentedMap):
        raise MigrationRefused("migrate-not-version-1", value="-")
    version = tender.get(VERSION)
    if isinstance(version, bool) or version != 1:
        line, column = _where(tender, VERSION)
        raise MigrationRefused("migrate-not-version-1", line, column, value=version)
    notes: list[Note] = []
    layout = _Layout.of(body, tender)
    tender[VERSION] = 2
    _add_system(tender, mapping.system, notes)
    _rename_department_flags(tender, mapping.department_flag, notes, layout)
    _connections_to_mapping(tender, layout)
    for key in [key for key in tender if key in mapping.fields]:
        _move_field(tender, key, mapping.fields[key], notes, layout)
    out = io.StringIO()
    yaml.dump(tender, out)
    result = out.getvalue()
    _check_meaning(body, result, mapping)
    if crlf:
        result = result.replace("\n", "\r\n")
    return MigrationResult(("\ufeff" if bom else "") + result, tuple(notes))


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.indent(mapping=_INDENT, sequence=_INDENT + 2, offset=_INDENT)
    yaml.width = 4096  # never re-wrap a line the officer wrote on one line
    return yaml


def _where(container: CommentedMap | CommentedSeq, key: object) -> tuple[int, int]:
    """1-based line and column of ``key`` in the version 1 text (0, 0 when it has none)."""
    try:
        line, column = (
            container.lc.key(key)
            if isinstance(container, CommentedMap)
            else (container.lc.item(key))
        )
    except (KeyError, TypeError, AttributeError):
        return 0, 0
    return line + 1, column + 1


# --- comments ---------------------------------------------------------------------------------
# A slot's text is "<end-of-line comment or nothing>\n<comment and blank lines below>".


def _slot_text(container: CommentedMap | CommentedSeq, key: object) -> str:
    entry = container.ca.items.get(key)
    index = 2 if isinstance(container, CommentedMap) else 0
    token = entry[index] if entry else None
    return str(token.value) if isinstance(token, CommentToken) else ""


def _set_slot(
    container: CommentedMap | CommentedSeq, key: object, value: str, column: int | None = None
) -> None:
    index = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    old = entry[index]
    if not value.strip("\n") and not value.startswith("#"):
        entry[index] = None
        return
    if isinstance(old, CommentToken):
        old.value = value
    else:
        entry[index] = _token(value, column or 0)


def _token(value: str, column: int) -> CommentToken:
    return CommentToken(value, CommentMark(column), None)


@dataclass(frozen=True)
class _Layout:
    """The version 1 text's lines and the column its end-of-line comments are aligned at."""

    lines: list[str]
    aligned: int | None

    @classmethod
    def of(cls, text: str, tender: CommentedMap) -> _Layout:
        columns = [
            token.column
            for entry in tender.ca.items.values()
            if entry and isinstance(token := entry[2], CommentToken) and _split(token.value)[0]
        ]
        common = max(set(columns), key=columns.count, default=-1)
        return cls(text.splitlines(), common if columns.count(common) >= 2 else None)

    def end(self, token: CommentToken) -> int:
        """Where the text before an end-of-line comment ends on its line."""
        column, line = token.column, token.start_mark.line
        before = self.lines[line][:column] if 0 <= line < len(self.lines) else ""
        return len(before.rstrip())

    def moved(self, token: CommentToken, shift: int, align: bool = False) -> CommentToken:
        """The comment for a line whose text now ends ``shift`` columns further: at the
        column the file aligns comments at while the text stays short of it (when it stood
        there, or ``align``), else as far after the text as it was."""
        column, end = token.column, self.end(token)
        aligned = self.aligned
        if aligned is not None and aligned > end + shift and (column == aligned or align):
            return _token(token.value, aligned)
        return _token(token.value, end + shift + max(column - end, 1))


def _split(value: str) -> tuple[str, str]:
    """(end-of-line comment, lines below) of a slot's text."""
    if not value:
        return "", ""
    eol, _, below = value.partition("\n")
    return eol, below


def _join(eol: str, below: str) -> str:
    return f"{eol}\n{below}" if eol or below else ""


def _last_key(container: CommentedMap | CommentedSeq) -> object:
    return next(reversed(container)) if isinstance(container, CommentedMap) else len(container) - 1


def _trailing(
    container: CommentedMap | CommentedSeq, key: object
) -> tuple[CommentedMap | CommentedSeq, object]:
    """The slot that holds the comment lines after ``container[key]``: its last leaf's."""
    value = container[key]
    while isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
        container, key = value, _last_key(value)
        value = container[key]
    return container, key


def _previous(tender: CommentedMap, key: str) -> str | None:
    keys = list(tender)
    index = keys.index(key)
    return keys[index - 1] if index else None


def _reindent(lines: str, indent: int) -> str:
    return "".join(
        " " * indent + line.lstrip(" ") if line.strip() else line
        for line in lines.splitlines(keepends=True)
    )


def _append_below(container: CommentedMap | CommentedSeq, key: object, lines: str) -> None:
    """Add comment lines after the node at ``key`` (and before whatever follows it)."""
    if not lines:
        return
    slot_container, slot_key = _trailing(container, key)
    eol, below = _split(_slot_text(slot_container, slot_key))
    _set_slot(slot_container, slot_key, _join(eol, below + lines))


def _take_out(tender: CommentedMap, key: str) -> tuple[Any, str, CommentToken | None]:
    """Remove a scalar ``key`` from the top level: (value, lines above it, its end-of-line
    comment, as read). The lines below it stay above the next key."""
    previous = _previous(tender, key)
    entry = tender.ca.items.get(key)
    token = entry[2] if entry else None
    eol, below = _split(_slot_text(tender, key))
    above = ""
    if previous is not None:
        slot_container, slot_key = _trailing(tender, previous)
        prev_eol, above = _split(_slot_text(slot_container, slot_key))
        _set_slot(slot_container, slot_key, _join(prev_eol, below))
    elif below:
        _head_comment(tender, below)
    value = tender[key]
    tender.ca.items.pop(key, None)
    del tender[key]
    return value, above, token if isinstance(token, CommentToken) and eol else None


# --- the rules ----------------------------------------------------------------------------------


def _add_system(tender: CommentedMap, system: str, notes: list[Note]) -> None:
    if SYSTEM in tender:
        if tender[SYSTEM] != system:
            line, column = _where(tender, SYSTEM)
            raise MigrationRefused("migrate-other-system", line, column, value=tender[SYSTEM])
        return
    position = list(tender).index(VERSION)
    eol, below = _split(_slot_text(tender, VERSION))
    tender.insert(position + 1, SYSTEM, system)
    _set_slot(tender, VERSION, _join(eol, ""))
    _set_slot(tender, SYSTEM, _join("", below), column=0)  # the lines below stay below
    notes.append(Note("migrate-system-added", *_where(tender, VERSION), {"system": system}))


def _rename(container: CommentedMap, old: str, new: str) -> None:
    """Rename a key where it stands, with its value and comments."""
    position = list(container).index(old)
    entry = container.ca.items.pop(old, None)
    value = container[old]
    del container[old]
    container.insert(position, new, value)
    if entry is not None:
        container.ca.items[new] = entry


def _rename_department_flags(
    tender: CommentedMap, flag: str, notes: list[Note], layout: _Layout
) -> None:
    departments = tender.get(DEPARTMENTS)
    if not isinstance(departments, CommentedSeq):
        return
    for index, department in enumerate(departments):
        if isinstance(department, CommentedMap) and flag in department:
            line, column = _where(department, flag)
            _rename(department, flag, ON_SYSTEM)
            entry = department.ca.items.get(ON_SYSTEM)
            if entry and isinstance(token := entry[2], CommentToken) and _split(token.value)[0]:
                entry[2] = layout.moved(token, len(ON_SYSTEM) - len(flag))
            where = field_name((DEPARTMENTS, index, flag))
            notes.append(
                Note("migrate-renamed", line, column, {"field": where, "target": ON_SYSTEM})
            )


def _empty_map() -> CommentedMap:
    options = CommentedMap()
    options.fa.set_flow_style()  # `name: {}` until a parameter moves in
    return options


def _connections_to_mapping(tender: CommentedMap, layout: _Layout) -> None:
    """``[a, b]`` (or a block list) becomes ``a: {}`` and ``b: {}`` lines, comments kept."""
    offered = tender.get(CONNECTIONS)
    if not isinstance(offered, CommentedSeq):
        return
    options = CommentedMap()
    for index, name in enumerate(offered):
        options[name] = _empty_map()
        entry = offered.ca.items.get(index)
        token = entry[0] if entry else None
        if isinstance(token, CommentToken):
            if _split(token.value)[0]:
                end = _INDENT + len(str(name)) + len(": {}")
                token = layout.moved(token, end - layout.end(token))
            options.ca.items[name] = [None, None, token, None]
    if offered.fa.flow_style() and options:
        # After a flow list, the parent's slot holds the line's comment and the lines below;
        # after a block mapping those lines belong to its last entry. The comment moves in
        # to where the file's other comments stand, the list no longer pushing it right.
        eol, below = _split(_slot_text(tender, CONNECTIONS))
        entry = tender.ca.items.pop(CONNECTIONS, None)
        if eol and entry is not None and isinstance(token := entry[2], CommentToken):
            shift = len(CONNECTIONS) + 1 - layout.end(token)
            moved = layout.moved(token, shift, align=True)  # no longer pushed right by the list
            tender.ca.items[CONNECTIONS] = [None, None, moved, None]
            tender.ca.items[CONNECTIONS][2].value = eol + "\n"
        _append_below(options, _last_key(options), below)
    offered.ca.comment = None
    tender[CONNECTIONS] = options


def _move_field(
    tender: CommentedMap, key: str, path: tuple[str, ...], notes: list[Note], layout: _Layout
) -> None:
    line, column = _where(tender, key)
    target = ".".join(path)
    if len(path) == 1:
        _rename(tender, key, path[0])
        notes.append(Note("migrate-moved", line, column, {"field": key, "target": target}))
        return
    if path[0] == CONNECTIONS and path[1] not in (tender.get(CONNECTIONS) or {}):
        value = _drop(tender, key)
        params = {"field": key, "value": shorten(str(value)), "connection": path[1]}
        notes.append(Note("migrate-dropped", line, column, params))
        return
    if path[0] not in tender:  # a new top-level mapping takes the key's place
        position = list(tender).index(key)
        shift = _value_shift(tender, key, path)
        entry = tender.ca.items.pop(key, None)
        value = tender[key]
        del tender[key]
        inner: CommentedMap = CommentedMap()
        tender.insert(position, path[0], inner)
        parent, _ = _descend(tender, path[0], path[1:-1])
        parent[path[-1]] = value
        if entry is not None:  # its comment and the lines below it
            token = entry[2]
            if isinstance(token, CommentToken) and _split(token.value)[0]:
                entry[2] = layout.moved(token, shift)
            parent.ca.items[path[-1]] = entry
        notes.append(Note("migrate-moved", line, column, {"field": key, "target": target}))
        return
    shift = _value_shift(tender, key, path)
    value, above, eol = _take_out(tender, key)
    parent, (holder, holder_key) = _descend(tender, path[0], path[1:-1])
    if path[-1] in parent:
        raise MigrationRefused("migrate-conflict", line, column, field=key, target=target)
    indent = _INDENT * (len(path) - 1)
    # The lines above the key go above it in its new place; what followed the place's last
    # entry (the lines before the next key out there) now follows the moved key.
    slot = _trailing(parent, _last_key(parent)) if parent else (holder, holder_key)
    slot_eol, after = _split(_slot_text(*slot))
    _set_slot(*slot, _join(slot_eol, _reindent(above, indent)))
    parent.fa.set_block_style()
    parent[path[-1]] = value
    if eol is not None:
        eol = layout.moved(eol, shift)
        eol.value = _join(_split(eol.value)[0], after)
        parent.ca.items[path[-1]] = [None, None, eol, None]
    else:
        _set_slot(parent, path[-1], _join("", after))
    notes.append(Note("migrate-moved", line, column, {"field": key, "target": target}))


def _value_shift(tender: CommentedMap, key: str, path: tuple[str, ...]) -> int:
    """How many columns further right the value of ``key`` starts at ``path``."""
    try:
        old = int(tender.lc.value(key)[1])
    except (KeyError, TypeError, AttributeError):
        old = len(key) + len(": ")
    return _INDENT * (len(path) - 1) + len(path[-1]) + len(": ") - old


def _drop(tender: CommentedMap, key: str) -> Any:
    """Remove a top-level key; its comments stay where it stood, its own as a comment line."""
    eol, below = _split(_slot_text(tender, key))
    kept = (eol + "\n" if eol else "") + below
    previous = _previous(tender, key)
    value = tender[key]
    tender.ca.items.pop(key, None)
    del tender[key]
    if previous is not None:
        _append_below(tender, previous, kept)
    elif kept:
        _head_comment(tender, kept)
    return value


def _head_comment(tender: CommentedMap, lines: str) -> None:
    """Add comment lines before the first key (the file's head)."""
    if tender.ca.comment is None:
        tender.ca.comment = [None, []]
    if tender.ca.comment[1] is None:
        tender.ca.comment[1] = []
    tender.ca.comment[1].append(_token(lines, 0))


def _descend(
    tender: CommentedMap, first: str, middle: tuple[str, ...]
) -> tuple[CommentedMap, tuple[CommentedMap, str]]:
    """The mapping at ``first.middle...``, made where missing; and (its parent, its key)."""
    holder, holder_key = tender, first
    node = tender[first]
    for part in middle:
        if not isinstance(node, CommentedMap):
            raise MigrationRefused("migrate-conflict", field=part, target=".".join(middle))
        if part not in node:
            node[part] = CommentedMap()
        holder, holder_key = node, part
        node = node[part]
    if not isinstance(node, CommentedMap):
        raise MigrationRefused("migrate-conflict", field=holder_key, target=first)
    return node, (holder, holder_key)


# --- the check ----------------------------------------------------------------------------------


def plain_migration(data: Mapping[str, Any], mapping: Version1Mapping) -> dict[str, Any]:
    """The same rules on plain data (as the loader reads it): what the new text must mean."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key == VERSION:
            result[key] = 2
            if SYSTEM not in data:
                result[SYSTEM] = mapping.system
        elif key == DEPARTMENTS and isinstance(value, list):
            result[key] = [
                {ON_SYSTEM if k == mapping.department_flag else k: v for k, v in item.items()}
                if isinstance(item, dict)
                else item
                for item in value
            ]
        elif key == CONNECTIONS and isinstance(value, list):
            result[key] = {name: {} for name in value}
        else:
            result[key] = value
    for key, path in mapping.fields.items():
        if key not in result:
            continue
        value = result.pop(key)
        if path[0] == CONNECTIONS and path[1:] and path[1] not in result.get(CONNECTIONS, {}):
            continue
        node = result
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return result


def _check_meaning(old: str, new: str, mapping: Version1Mapping) -> None:
    before = parse_yaml(old.encode("utf-8"), Path("old.yaml")).data
    after = parse_yaml(new.encode("utf-8"), Path("new.yaml"))
    expected = plain_migration(before, mapping) if isinstance(before, dict) else None
    if expected is None or after.data != expected:
        found = after.data if isinstance(after.data, dict) else {}
        keys = [k for k in {**(expected or {}), **found} if found.get(k) != (expected or {}).get(k)]
        detail = after.diagnostics[0].message if after.diagnostics else ", ".join(map(str, keys))
        raise MigrationRefused("migrate-unfaithful", detail=detail or "-")


# --- the command --------------------------------------------------------------------------------


def run_migrate(
    files: Sequence[Path],
    to_stdout: bool,
    lang: Lang | None,
    *,
    registry: Registry | None = None,
) -> int:
    """``tenderpack migrate FILE...``: 0 when every file is version 2 now, 1 when any is
    not (its problems printed), 2 for wrong usage. Files are checked to exist before any is
    touched; each is then read once, and nothing else is.

    ``registry`` holds the profiles to read with (default: the shipped ones): a project's own
    ``systems/`` folder may replace the profile whose ``version_1`` block says what its
    version 1 files mean, and then both the check and the rewrite follow that block."""
    if to_stdout and len(files) != 1:
        print(
            f"tenderpack migrate: {migrate_message('migrate-stdout-one', lang or 'nl')}",
            file=sys.stderr,
        )
        return 2
    for path in files:
        if not path.exists() and not path.is_symlink():
            raise UsageError("path-missing", path=path)
    systems = registry or shipped_registry()
    return max(_migrate_file(path, to_stdout, lang, systems) for path in files)


def _say(
    path: Path,
    severity: Severity,
    code: str,
    lang: Lang,
    line: int = 0,
    column: int = 0,
    **params: object,
) -> None:
    message = migrate_message(code, lang, **params)
    print(Diagnostic(path, line, column, severity, message, code).format(), file=sys.stderr)


def _migrate_file(path: Path, to_stdout: bool, lang: Lang | None, registry: Registry) -> int:
    try:
        data, size = read_head(path)  # a pipe, a device or a link out of the project: refused
    except OSError as exc:
        for diagnostic in unreadable(path, lang or "nl", exc).diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 1
    language: Lang = lang or guess_language(data)
    document = parse_yaml(data, path, language, size=size)
    if isinstance(document.data, dict) and VERSION in document.data:
        version = document.data[VERSION]
        if version == 2 and not isinstance(version, bool):
            _say(path, Severity.NOTE, "migrate-already-2", language)
            return 0
        if version != 1 or isinstance(version, bool):
            where = document.source.value((VERSION,))
            shown = shorten(str(version))
            _say(
                path,
                Severity.ERROR,
                "migrate-not-version-1",
                language,
                where.line,
                where.column,
                value=shown,
            )
            return 1
    loaded = load_tender_bytes(data, path, lang, registry)
    if not loaded.ok:
        for diagnostic in loaded.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        _say(path, Severity.ERROR, "migrate-not-migrated", language)
        return 1
    mapping = registry.version_1  # the same profile the file was just checked with
    if mapping is None:
        _say(path, Severity.ERROR, "migrate-no-version-1", language)
        return 1
    try:
        result = migrate_text(data.decode("utf-8"), mapping)
    except MigrationRefused as refused:
        _say(
            path,
            Severity.ERROR,
            refused.code,
            language,
            refused.line,
            refused.column,
            **refused.params,
        )
        return 1
    for note in result.notes:
        _say(path, Severity.NOTE, note.code, language, note.line, note.column, **note.params)
    if to_stdout:
        output.write(result.text)
        return 0
    try:
        write_atomically(path, result.text.encode("utf-8"))
    except OSError as exc:
        _say(
            path, Severity.ERROR, "migrate-write-failed", language, reason=exc.strerror or str(exc)
        )
        return 1
    _say(path, Severity.NOTE, "migrate-done", language)
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` all at once: a crash leaves the old file or
    the new one, never half of either. Written beside it (one file system), flushed to disk,
    then renamed over it, with its permission bits; a link is kept and its file replaced."""
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(target.stat().st_mode)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
