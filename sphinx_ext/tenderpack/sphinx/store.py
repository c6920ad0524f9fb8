"""The tenders of a build, loaded once per process and kept in memory, never on the env.

Why here and not on the Sphinx environment: a ``TenderPack`` holds pydantic models and is
derived data; pickling a hundred of them into the environment would make every build
slower and every ``env.pickle`` larger, for data that is cheap to derive again from the
file. Instead ``scan`` runs once per build (on ``builder-inited``, in the main process),
re-reading only files whose size or modification time changed since this process last
saw them, and the directives look packs up by reference. Parallel readers are forked
after ``builder-inited``, so they inherit the scan; a process that has none (a spawned
worker, a test calling a directive directly) scans on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.loading import LoadedTender, find_tender_files, load_tender
from tenderpack.messages import text
from tenderpack.pack import TenderPack, build_pack


@dataclass(frozen=True, slots=True)
class TenderFile:
    """One tender file as this build sees it: its problems, and its pack when it is valid."""

    path: Path
    diagnostics: tuple[Diagnostic, ...]
    pack: TenderPack | None

    @property
    def ok(self) -> bool:
        return self.pack is not None


@dataclass(frozen=True)
class TenderSet:
    """Every tender file of one folder, in file-name order, and the valid ones by reference."""

    folder: Path
    files: tuple[TenderFile, ...]
    by_reference: dict[str, TenderPack] = field(default_factory=dict)

    @property
    def packs(self) -> list[TenderPack]:
        """The valid tenders, ordered by reference (the order of the overview)."""
        return [self.by_reference[ref] for ref in sorted(self.by_reference, key=str.lower)]

    def snapshot(self) -> dict[str, str]:
        """Reference -> file, small and picklable: what ``tracking`` compares between builds."""
        return {ref: str(pack.source_path) for ref, pack in self.by_reference.items()}


_Stamp = tuple[int, int]  # (st_mtime_ns, st_size)
_files: dict[Path, tuple[_Stamp, LoadedTender, TenderPack | None]] = {}
_sets: dict[Path, TenderSet] = {}


def _stamp(path: Path) -> _Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _load(path: Path) -> tuple[LoadedTender, TenderPack | None]:
    stamp = _stamp(path)
    cached = _files.get(path)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1], cached[2]
    loaded = load_tender(path)
    pack = build_pack(loaded.tender, path) if loaded.ok and loaded.tender is not None else None
    if stamp is not None:
        _files[path] = (stamp, loaded, pack)
    return loaded, pack


def scan(folder: Path) -> TenderSet:
    """Load every tender file in ``folder`` (unchanged files come from memory)."""
    folder = folder.resolve()
    paths = find_tender_files([folder]) if folder.is_dir() else []
    files: list[TenderFile] = []
    by_reference: dict[str, TenderPack] = {}
    for path in paths:
        loaded, pack = _load(path)
        diagnostics = list(loaded.diagnostics)
        if pack is not None:
            first = by_reference.get(pack.reference)
            if first is None:
                by_reference[pack.reference] = pack
            else:  # the same check as load_tenders, on cached files
                where = loaded.source.value(("reference",))
                message = text(
                    "duplicate-reference",
                    pack.lang,
                    reference=pack.reference,
                    other=first.source_path,
                )
                diagnostics.append(
                    Diagnostic(
                        path,
                        where.line,
                        where.column,
                        Severity.ERROR,
                        message,
                        "duplicate-reference",
                    )
                )
                pack = None
        files.append(TenderFile(path, tuple(diagnostics), pack))
    result = TenderSet(folder, tuple(files), by_reference)
    _sets[folder] = result
    return result


def current(folder: Path) -> TenderSet:
    """The set the last ``scan`` of ``folder`` in this process found (scanning if none did)."""
    found = _sets.get(folder.resolve())
    return found if found is not None else scan(folder)


def forget() -> None:
    """Drop everything cached (tests use it to prove a build does not depend on the cache)."""
    _files.clear()
    _sets.clear()


def fingerprint(paths: list[Path]) -> str:
    """Names, sizes and times of ``paths``: changes whenever one of them is edited."""
    parts = []
    for path in paths:
        stamp = _stamp(path)
        parts.append(f"{path}:{stamp[0] if stamp else 0}:{stamp[1] if stamp else 0}")
    return os.pathsep.join(parts)
