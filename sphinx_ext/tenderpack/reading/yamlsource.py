"""Read untrusted YAML into plain Python data that remembers where each value stood.

PyYAML's C parser gives us nodes with line and column marks; we construct the values
ourselves instead of letting a constructor do it, because that is where the traps are:
YAML silently keeps the last of two duplicate keys, PyYAML's YAML 1.1 rules read ``no`` as
false and ``010`` as eight, alias bombs expand without limit, and ``!!python`` tags build
arbitrary objects. Here a duplicate key is an error, every scalar keeps its raw text,
expansion is bounded and no tag outside YAML's core schema is ever constructed.

Plain scalars are typed by the YAML 1.2 core schema, as the YAML language servers in
officers' editors type them, so editor, JSON Schema and ``tenderpack validate`` agree on what
a value is. That includes dates: ``2027-03-01`` stays text here, and the model's date fields
read it (a title that looks like a date is just a title).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang, text, yaml_problem
from tenderpack.reading.inputs import YAML_SUFFIXES as YAML_SUFFIXES
from tenderpack.reading.inputs import find_inputs, open_input, refusal

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 64

KeyPath = tuple[str | int, ...]
Subject = Literal["tender", "notice", "profile"]  # what a file holds: its messages name it

_CORE_TAG = "tag:yaml.org,2002:"
_STR_TAG = f"{_CORE_TAG}str"
_INT_TAG = f"{_CORE_TAG}int"
_FLOAT_TAG = f"{_CORE_TAG}float"
_BOOL_TAG = f"{_CORE_TAG}bool"
_NULL_TAG = f"{_CORE_TAG}null"
_TIMESTAMP_TAG = f"{_CORE_TAG}timestamp"
_MERGE_TAG = f"{_CORE_TAG}merge"
_SEQ_TAG = f"{_CORE_TAG}seq"
_MAP_TAG = f"{_CORE_TAG}map"
_SCALAR_TAGS = {_STR_TAG, _INT_TAG, _FLOAT_TAG, _BOOL_TAG, _NULL_TAG, _TIMESTAMP_TAG}

# The YAML 1.2 core schema (spec 1.2.2, section 10.3.2).
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_DECIMAL = re.compile(r"[-+]?[0-9]+\Z")
_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)


def _pyyaml_resolver(tag: str) -> re.Pattern[str]:
    """PyYAML's own pattern for ``tag`` (``<<``), so we do not restate it."""
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = (
        yaml.resolver.Resolver.yaml_implicit_resolvers
    )
    for resolvers in table.values():
        for candidate, pattern in resolvers:
            if candidate == tag:
                return pattern
    raise LookupError(tag)  # pragma: no cover - PyYAML has shipped both since 3.x


class _CoreResolver(yaml.resolver.BaseResolver):
    """Types plain scalars by the YAML 1.2 core schema, and spots ``<<`` to refuse it.

    ``add_implicit_resolver`` gives this class its own table, copied from BaseResolver's
    empty one, so none of PyYAML's YAML 1.1 patterns apply. ``resolve`` is PyYAML's, minus
    the path resolvers nobody registers: the parser calls it for every node.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return str(tag)
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_CoreResolver.add_implicit_resolver(_NULL_TAG, _NULL, ["~", "n", "N", ""])
_CoreResolver.add_implicit_resolver(_BOOL_TAG, _BOOL, list("tTfF"))
_CoreResolver.add_implicit_resolver(_INT_TAG, _INT, list("-+0123456789"))
_CoreResolver.add_implicit_resolver(_FLOAT_TAG, _FLOAT, list("-+.0123456789"))
_CoreResolver.add_implicit_resolver(_MERGE_TAG, _pyyaml_resolver(_MERGE_TAG), ["<"])

try:  # The C parser is ~10x faster; fall back so a PyYAML built without libyaml still works.
    from yaml._yaml import CParser as _Parser

    class _Loader(_Parser, _CoreResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _CoreResolver.__init__(self)

except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, Composer, _CoreResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _CoreResolver.__init__(self)


def _construct(node: yaml.ScalarNode) -> Any:
    """The value of a core-schema scalar; ValueError when its text does not fit its tag."""
    tag, raw = node.tag, node.value
    if tag == _NULL_TAG:
        return None
    if tag == _BOOL_TAG:
        return _BOOLS[raw]  # KeyError for `!!bool yes`: handled as a bad scalar
    if tag == _INT_TAG:
        if _DECIMAL.match(raw):
            return int(raw)  # ValueError beyond Python's 4,300-digit limit
        if raw.startswith("0o"):
            return int(raw[2:], 8)
        if raw.startswith("0x"):
            return int(raw[2:], 16)
        raise ValueError(raw)
    if tag == _FLOAT_TAG:
        if not _FLOAT.match(raw):
            raise ValueError(raw)
        lowered = raw.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if raw.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(raw)
    return raw  # `!!timestamp 2027-03-01`: text, which the model's date fields read


# Named tuples, not frozen dataclasses: a file makes dozens of each, and building a tuple is
# several times cheaper (it shows in the 1,000-file benchmark).
class Position(NamedTuple):
    """1-based line and column."""

    line: int
    column: int


class Scalar(NamedTuple):
    """What the file literally said, before YAML gave it a type."""

    raw: str
    tag: str
    quoted: bool


@dataclass
class SourceMap:
    """Where every value of a document came from, looked up by its path of keys and indexes."""

    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    scalars: dict[KeyPath, Scalar] = field(default_factory=dict)

    def value(self, path: KeyPath) -> Position:
        """The position of the value at ``path``, or of its nearest known ancestor."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return found
        return Position(1, 1)

    def key(self, path: KeyPath) -> Position:
        """The position of the key that introduces ``path`` (falls back to its value)."""
        return self.keys.get(path) or self.value(path)


@dataclass
class Document:
    """A parsed file: its data (None when unreadable), where things stood, what went wrong."""

    path: Path
    data: Any
    source: SourceMap
    diagnostics: list[Diagnostic]
    # Values already reported here (an impossible date, a forbidden tag): they come back as
    # None, and a later stage should not complain about them a second time.
    reported: set[KeyPath] = field(default_factory=set)


class _Abort(Exception):
    """Stops the walk when going on would only repeat the same problem or exhaust memory."""


class _Walker:
    def __init__(self, path: Path, lang: Lang, subject: Subject = "tender") -> None:
        self.path = path
        self.lang = lang
        self.what = text(f"what-{subject}", lang)  # "tender file", "privacy notice"
        self.source = SourceMap()
        self.diagnostics: list[Diagnostic] = []
        self.nodes = 0
        self.active: set[int] = set()
        self.reported: set[KeyPath] = set()

    def error(
        self, mark: yaml.Mark | None, code: str, path: KeyPath | None = None, **params: object
    ) -> None:
        if path is not None:
            self.reported.add(path)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = text(code, self.lang, **params)
        if path:
            message = f"{field_name(path)}: {message}"
        self.diagnostics.append(Diagnostic(self.path, line, column, Severity.ERROR, message, code))

    def walk(self, node: yaml.Node, path: KeyPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            # Blame the top-level entry being expanded: inside it, marks point at shared nodes.
            where = self.source.values.get(path[:1])
            line, column = (where.line, where.column) if where else (1, 1)
            message = text("too-many-nodes", self.lang, limit=MAX_NODES)
            self.diagnostics.append(
                Diagnostic(self.path, line, column, Severity.ERROR, message, "too-many-nodes")
            )
            raise _Abort
        if len(path) > MAX_DEPTH:
            self.error(node.start_mark, "too-deep", limit=MAX_DEPTH)
            raise _Abort
        if id(node) in self.active:
            self.error(node.start_mark, "recursive-alias")
            raise _Abort
        mark = node.start_mark
        self.source.values[path] = Position(mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != _SEQ_TAG:
                    self.error(
                        mark, "tag-not-allowed", path, tag=_short_tag(node.tag), what=self.what
                    )
                    return None
                return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any] | None:
        if node.tag != _MAP_TAG:
            self.error(
                node.start_mark, "tag-not-allowed", path, tag=_short_tag(node.tag), what=self.what
            )
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE_TAG:
                self.error(key_node.start_mark, "merge-key")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
                self.error(key_node.start_mark, "key-not-text")
                continue
            key = key_node.value  # the raw text: `1:` is the field "1", `true:` is "true"
            if key in first_seen:
                self.error(key_node.start_mark, "duplicate-key", key=key, first=first_seen[key])
                continue
            first_seen[key] = key_node.start_mark.line + 1
            child = (*path, key)
            self.source.keys[child] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[key] = self.walk(value_node, child)
        return result

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.error(
                node.start_mark, "tag-not-allowed", path, tag=_short_tag(tag), what=self.what
            )
            return None
        self.source.scalars[path] = Scalar(node.value, tag, node.style in ("'", '"'))
        if tag == _STR_TAG:
            return node.value
        try:
            return _construct(node)
        except (ValueError, KeyError, OverflowError, yaml.YAMLError):
            self.error(node.start_mark, "bad-scalar", path, value=shorten(node.value))
            return None


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/name:os.system`` as the file wrote it: ``!!python/name:...``."""
    return "!!" + tag.removeprefix(_CORE_TAG) if tag.startswith(_CORE_TAG) else tag


def field_name(loc: KeyPath) -> str:
    """``("departments", 0, "oin")`` -> ``departments[0].oin``, as officers see it in YAML."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def shorten(value: str, limit: int = 40) -> str:
    """A value as a message quotes it: a 5,000-digit number is not worth repeating whole."""
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _failed(
    path: Path, lang: Lang, code: str, line: int = 1, column: int = 1, **params: object
) -> Document:
    """A document that could not be read at all: no data, one error."""
    message = text(code, lang, **params)
    return Document(
        path, None, SourceMap(), [Diagnostic(path, line, column, Severity.ERROR, message, code)]
    )


def _decode(
    data: bytes, path: Path, lang: Lang, size: int | None, subject: Subject = "tender"
) -> str | Document:
    """The text of a tender file, or a failed document saying why it is not YAML text."""
    if len(data) > MAX_FILE_BYTES:
        return _failed(
            path,
            lang,
            "file-too-large",
            size=f"{(size or len(data)) / 1_000_000:.1f}",
            limit=MAX_FILE_BYTES // 1000,
            what=text(f"what-{subject}", lang),
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows editors save
        return _failed(path, lang, "not-utf8", byte=f"0x{data[0]:02x}")
    if b"\x00" in data:
        return _failed(path, lang, "binary-file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return _failed(path, lang, "not-utf8", line, column, byte=f"0x{data[exc.start]:02x}")
    if not content.strip():
        return _failed(path, lang, "empty-file")
    return content


# Where an unclosed quote or bracket began helps more than where the parser gave up.
_OPENED_AT = ("while scanning a quoted scalar", "while parsing a flow")


def _syntax_error(content: str, exc: yaml.YAMLError) -> tuple[int, int, str, dict[str, object]]:
    """Turn PyYAML's complaint into (line, column, code, params), spotting tab indentation."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        before = content[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return line, column, "bad-character", {"char": f"U+{ord(character):04X}"}
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    context = getattr(exc, "context", None) or ""
    mark = problem_mark or context_mark
    if context_mark and context.startswith(_OPENED_AT):
        mark = context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    last = problem_mark.line + 1 if problem_mark else line
    for number, source_line in enumerate(content.splitlines()[:last], start=1):
        indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
        if "\t" in indent:
            return number, indent.index("\t") + 1, "tab-indent", {}
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return line, column, "yaml-syntax", {"problem": problem}


def _explain(params: dict[str, object], lang: Lang) -> dict[str, object]:
    """PyYAML's English problem, said in the officer's words when we know it."""
    if "problem" in params:
        return {**params, "problem": yaml_problem(str(params["problem"]), lang)}
    return params


def _compose(content: str) -> yaml.Node | None:
    """The document's node tree, typed by our resolver (what ``yaml.compose`` does)."""
    loader = _Loader(content)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def parse_yaml(
    data: bytes,
    path: Path,
    lang: Lang = "nl",
    *,
    size: int | None = None,
    subject: Subject = "tender",
) -> Document:
    """Parse one file's bytes. Never raises for bad input: problems come back as diagnostics.

    ``size`` is the whole file's size when ``data`` is only its beginning (see ``read_head``);
    ``subject`` is what the file holds, as messages name it.
    """
    content = _decode(data, path, lang, size, subject)
    if isinstance(content, Document):
        return content
    try:
        root = _compose(content)
    except yaml.YAMLError as exc:
        line, column, code, params = _syntax_error(content, exc)
        if isinstance(exc, yaml.composer.ComposerError) and "single document" in str(exc):
            code, params = "several-documents", {}
        return _failed(path, lang, code, line, column, **_explain(params, lang))
    except RecursionError:
        return _failed(path, lang, "too-deep", limit=MAX_DEPTH)
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL_TAG):
        return _failed(path, lang, "empty-file")  # only comments, `---` or `~`
    walker = _Walker(path, lang, subject)
    try:
        value = walker.walk(root, ())
    except _Abort:
        value = None
    return Document(path, value, walker.source, walker.diagnostics, walker.reported)


def read_head(path: Path, root: Path | None = None) -> tuple[bytes, int]:
    """A file's bytes, but never more than one past the size limit, and its full size.

    Reading stops there so a 10 GB file costs no more than a 1 MB one. Raises OSError, also
    for what ``inputs.open_input`` refuses (a pipe, a link out of ``root``).
    """
    with os.fdopen(open_input(path, root), "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
        size = os.fstat(stream.fileno()).st_size if len(data) > MAX_FILE_BYTES else len(data)
    return data, size


def unreadable(path: Path, lang: Lang, exc: OSError) -> Document:
    """The document for a file that cannot be opened or read, or that is refused."""
    refused = refusal(path, exc, lang)
    if refused is not None:
        code, message = refused
        error = Diagnostic(path, 0, 0, Severity.ERROR, message, code)
        return Document(path, None, SourceMap(), [error])
    return _failed(path, lang, "unreadable", 0, 0, reason=exc.strerror or str(exc))


def read_yaml(path: Path, lang: Lang = "nl") -> Document:
    """Read and parse a file, turning an unreadable or oversized file into a diagnostic."""
    try:
        data, size = read_head(path)
    except OSError as exc:
        return unreadable(path, lang, exc)
    return parse_yaml(data, path, lang, size=size)


def find_yaml_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files to read under ``paths`` (see ``inputs.find_inputs``)."""
    return find_inputs(paths)[0]


_LANGUAGE_LINE = re.compile(rb"^language:[ \t]*[\"']?en[\"']?[ \t]*(#.*?)?\r?$", re.MULTILINE)


def guess_language(data: bytes) -> Lang:
    """The tender's own language, seen before parsing so even syntax errors speak it."""
    return "en" if _LANGUAGE_LINE.search(data) else "nl"
