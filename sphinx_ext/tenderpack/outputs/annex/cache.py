"""The content-hash cache that lets an unchanged tender skip rendering.

A rendered annex is reused when everything it was made from is unchanged: the tender
file, the derived pack, the annex folder's files, every template its rendering loaded
(an include may reach outside the annex folder), the tenderpack and converter versions
and ``SOURCE_DATE_EPOCH``. The key is a hash of all of these; a small manifest in the
output folder records, per output file, the key it was made from, the templates loaded
and the hash of its bytes (so a file edited or truncated by hand is rendered again).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from tenderpack import __version__
from tenderpack.outputs.annex.files import sha256_file, write_atomic
from tenderpack.tender.pack import TenderPack

MANIFEST_NAME = ".tenderpack-annex.json"
_MANIFEST_FORMAT = 2  # 2: each file also records the templates its rendering loaded


@cache
def _converter_version(fmt: str) -> str:
    """The converter that makes a format; a new WeasyPrint or pandoc may change the bytes."""
    package = {"pdf": "weasyprint", "docx": "pypandoc_binary"}.get(fmt)
    if package is None:
        return ""
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def templates_digest(files: Iterable[Path]) -> str:
    """One hash over the template files' names and contents."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@cache
def renderer_digest() -> str:
    """The hash of the annex renderer's own files: its code, Lua filters, stylesheet, fonts.

    A change to any of them changes every annex, so a cached file made by the old ones is
    stale even when tenderpack's version number stayed the same (a checkout between releases).
    """
    return folder_digest(Path(__file__).parent)


def folder_digest(folder: Path) -> str:
    """The hash of every file under ``folder``, by relative name and content."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
            digest.update((sha256_file(path) or "unreadable").encode())
    return digest.hexdigest()


def input_key(pack: TenderPack, fmt: str, templates: str, loaded: str) -> str:
    """The hash of everything the annex of ``pack`` in ``fmt`` is made from.

    ``templates`` covers the annex folder's files (the reference DOCX and the CSS too);
    ``loaded`` every template the rendering loaded, wherever it lives (``sources_digest``).
    """
    try:
        source = pack.source_path.read_bytes()
    except OSError:
        source = b""
    parts: dict[str, Any] = {
        "tenderpack": __version__,
        "renderer": renderer_digest(),
        "format": fmt,
        "converter": _converter_version(fmt),
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "templates": templates,
        "loaded_templates": loaded,
        "tender_file": hashlib.sha256(source).hexdigest(),
        "pack": pack.to_json(),
    }
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    output: str  # sha256 of the file as written
    templates: tuple[str, ...] = ()  # the template names its rendering asked for


class Manifest:
    """What is in an output folder and what it was made from (``.tenderpack-annex.json``)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.entries: dict[str, Entry] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no manifest yet, or a broken one: everything is rendered again
        if not isinstance(raw, dict) or raw.get("format") != _MANIFEST_FORMAT:
            return
        for name, entry in (raw.get("files") or {}).items():
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("key"), str)
                and isinstance(entry.get("output"), str)
                and isinstance(entry.get("templates"), list)
                and all(isinstance(t, str) for t in entry["templates"])
            ):
                self.entries[name] = Entry(entry["key"], entry["output"], tuple(entry["templates"]))

    def is_current(self, target: Path, key: str) -> bool:
        """True when ``target`` exists with the bytes we wrote from inputs with this ``key``."""
        entry = self.entries.get(target.name)
        return entry is not None and entry.key == key and sha256_file(target) == entry.output

    def templates(self, target: Path) -> tuple[str, ...]:
        """The templates the rendering of ``target`` loaded last time (none if unknown)."""
        entry = self.entries.get(target.name)
        return entry.templates if entry is not None else ()

    def record(self, target: Path, key: str, output: str, templates: Iterable[str]) -> None:
        self.entries[target.name] = Entry(key, output, tuple(sorted(set(templates))))

    def forget_all_but(self, names: Iterable[str]) -> list[str]:
        """Drop every other file from the manifest, deleting it if it still holds our bytes.

        For a folder that holds the annexes of all the tenders there are, such as the site's:
        a tender that left takes its annex with it. A file someone changed since is kept.
        """
        kept = set(names)
        gone = sorted(name for name in self.entries if name not in kept)
        for name in gone:
            target = self.path.parent / name
            if target.is_file() and sha256_file(target) == self.entries[name].output:
                target.unlink()
            del self.entries[name]
        return gone

    def save(self) -> None:
        files = {
            name: {"key": e.key, "output": e.output, "templates": list(e.templates)}
            for name, e in sorted(self.entries.items())
        }
        data = (
            json.dumps({"format": _MANIFEST_FORMAT, "files": files}, indent=1, sort_keys=True)
            + "\n"
        )
        write_atomic(self.path, data.encode("utf-8"))
