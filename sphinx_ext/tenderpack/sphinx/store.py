"""The tenders of a build, loaded once per process and kept in memory, never on the env.

Why here and not on the Sphinx environment: a ``TenderPack`` holds pydantic models and is
derived data; pickling a hundred of them into the environment would make every page
read and every ``env.pickle`` heavier, for data that is derived from the file. Instead
``scan`` runs once per build (on ``builder-inited``, in the main process), and the
directives look packs up by reference. Parallel readers are forked after
``builder-inited``, so they inherit the scan; a process that has none (a spawned worker,
a test calling a directive directly) scans on first use.

Loading a file is only repeated when its size or modification time changed: within a
process from memory, and across builds from a small cache file next to Sphinx's own
(``<doctrees>/tenderpack-tenders.pickle``). The cache is keyed by everything a loaded
tender is derived from besides the file: tenderpack's own code and data files, the
``holidays`` package and Python. Without it every build would validate every tender
again (a quarter of a second for a hundred, most of it importing holiday tables), even
when nothing changed.

The purchasing-system profiles a build uses (the shipped ones and the project's
``tenderpack_systems_dir``) are read here too, once per build, into the one ``Registry``
every tender of the build is loaded with. The bytes of the project's profile files are
part of the cache key and of each tender's ``snapshot``: editing a profile loads the
tenders again and re-reads the pages of the tenders on it. A profile with an error loads
no tender at all (each would be built from wrong data); its problems are the set's
``problems``, reported at their file and line, and fail the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from dataclasses import dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from tenderpack import __version__
from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.files import write_if_changed
from tenderpack.messages import Lang, text
from tenderpack.reading.inputs import find_inputs
from tenderpack.reading.yamlsource import Position, read_head
from tenderpack.systems import ProfileError, Registry, load_registry
from tenderpack.systems.loading import CHECKLIST_FILE, PROFILE_FILE
from tenderpack.tender.loading import load_tender
from tenderpack.tender.pack import TenderPack, build_pack
from tenderpack.tender.reference import reference_key

CACHE_NAME = "tenderpack-tenders.pickle"
_CACHE_FORMAT = 3


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
    skipped: tuple[Diagnostic, ...] = ()  # entries that are not regular files, not read
    problems: tuple[Diagnostic, ...] = ()  # a project profile that could not be used
    profile_stamps: dict[str, str] = field(default_factory=dict)  # system id -> its files' hash

    @property
    def packs(self) -> list[TenderPack]:
        """The valid tenders, ordered by reference (the order of the overview)."""
        return [self.by_reference[ref] for ref in sorted(self.by_reference, key=str.lower)]

    def snapshot(self) -> dict[str, str]:
        """Reference -> file and profile, small and picklable: what ``tracking`` compares
        between builds. The profile's hash is in it, so a changed profile re-reads the pages
        of the tenders on it, and only those."""
        return {
            ref: f"{pack.source_path}|{self.profile_stamps.get(pack.system.id, '')}"
            for ref, pack in self.by_reference.items()
        }


_Stamp = tuple[int, int]  # (st_mtime_ns, st_size)


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What loading one file gave, with the stamp of the file it came from."""

    stamp: _Stamp
    digest: str  # sha256 of the file's bytes: a touched but unchanged file is not loaded again
    diagnostics: tuple[Diagnostic, ...]
    pack: TenderPack | None
    reference_at: Position | None  # where ``reference:`` stands, for the duplicate check


_files: dict[Path, _Loaded] = {}
_files_key = ""  # the profiles ``_files`` were loaded with: other profiles, other packs
_sets: dict[Path, TenderSet] = {}
_systems_of: dict[Path, Path | None] = {}  # tenders folder -> its profiles folder
_registries: dict[tuple[str, str], Registry] = {}


def _stamp(path: Path) -> _Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _digest(path: Path, root: Path | None) -> str:
    try:
        data, size = read_head(path, root)
    except OSError:
        return ""
    return hashlib.sha256(data + str(size).encode()).hexdigest()


def _load(path: Path, root: Path | None, registry: Registry) -> tuple[_Loaded, bool]:
    """The loaded file (from memory when unchanged), and whether it was loaded just now.

    Unchanged means the same size and modification time, or else the same bytes: touching
    a file (or saving it unchanged) costs a hash, not a validation.
    """
    stamp = _stamp(path)
    cached = _files.get(path)
    if cached is not None and stamp is not None and cached.stamp == stamp:
        return cached, False
    digest = _digest(path, root)
    if cached is not None and stamp is not None and digest and cached.digest == digest:
        _files[path] = replace(cached, stamp=stamp)
        return _files[path], True
    loaded = load_tender(path, root=root, registry=registry)
    tender = loaded.tender if loaded.ok else None
    pack = build_pack(tender, path, registry) if tender is not None else None
    where = loaded.source.value(("reference",)) if pack is not None else None
    result = _Loaded(stamp or (0, 0), digest, tuple(loaded.diagnostics), pack, where)
    if stamp is not None:
        _files[path] = result
    return result, True


# --- the profiles of a build -----------------------------------------------------------


def _profiles_digest(systems: Path | None) -> str:
    """A hash of every file in the project's profiles folder: it changes when one does."""
    if systems is None or not systems.is_dir():
        return ""
    digest = hashlib.sha256(str(systems).encode())
    for path in sorted(p for p in systems.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except OSError:
            data = b"?"
        digest.update(f"{path.relative_to(systems)}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def _profile_stamp(registry: Registry, system: str) -> str:
    digest = hashlib.sha256()
    folder = registry[system].folder
    for name in (PROFILE_FILE, CHECKLIST_FILE):
        with contextlib.suppress(OSError):
            digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def profiles(
    systems: Path | None, lang: Lang = "nl"
) -> tuple[Registry | None, str, list[Diagnostic]]:
    """The registry of a build with ``systems`` as the project's profiles folder, the hash
    it is known by, and what is wrong with it (then no registry). Read again only when a
    file in ``systems`` changed."""
    digest = _profiles_digest(systems)
    key = (str(systems or ""), digest)
    found = _registries.get(key)
    if found is None:
        try:
            found = load_registry(systems, lang)
        except ProfileError as error:
            return None, digest, list(error.diagnostics)
        _registries.clear()  # one project's profiles at a time: the last build's
        _registries[key] = found
    return found, digest, []


def scan(
    folder: Path,
    cache: Path | None = None,
    root: Path | None = None,
    lang: Lang = "nl",
    systems: Path | None = None,
) -> TenderSet:
    """Load every tender file in ``folder``; unchanged files come from memory or ``cache``.

    ``root`` is the project (the Sphinx source folder): a link out of it is not followed.
    ``systems`` is the project's own profiles folder (``tenderpack_systems_dir``), if any.
    """
    global _files_key
    folder = folder.resolve()
    _systems_of[folder] = systems
    registry, digest, problems = profiles(systems, lang)
    if registry is None:
        result = TenderSet(folder, (), problems=tuple(problems))
        _sets[folder] = result
        return result
    if digest != _files_key:
        _files.clear()
        _files_key = digest
    key = f"{_code_key()}:{digest}" if cache is not None else ""
    if cache is not None:
        _read_cache(cache, key)
    paths, skipped = find_inputs([folder], lang) if folder.is_dir() else ([], [])
    files: list[TenderFile] = []
    by_reference: dict[str, TenderPack] = {}
    by_key: dict[str, TenderPack] = {}  # case-folded: one folder on Windows and macOS
    loaded_any = False
    for path in paths:
        loaded, fresh = _load(path, root, registry)
        loaded_any |= fresh
        diagnostics = list(loaded.diagnostics)
        pack = loaded.pack
        if pack is not None:
            first = by_key.setdefault(reference_key(pack.reference), pack)
            if first is pack:
                by_reference[pack.reference] = pack
            else:  # the same check as load_tenders does, here on cached files
                where = loaded.reference_at or Position(1, 1)
                same = first.reference == pack.reference
                code = "duplicate-reference" if same else "duplicate-reference-case"
                message = text(
                    code,
                    pack.lang,
                    reference=pack.reference,
                    other_reference=first.reference,
                    other=first.source_path,
                )
                diagnostics.append(
                    Diagnostic(path, where.line, where.column, Severity.ERROR, message, code)
                )
                pack = None
        files.append(TenderFile(path, tuple(diagnostics), pack))
    stamps = {system: _profile_stamp(registry, system) for system in registry.ids}
    result = TenderSet(folder, tuple(files), by_reference, tuple(skipped), (), stamps)
    _sets[folder] = result
    if cache is not None and (loaded_any or not cache.exists()):
        _write_cache(cache, key, {path: _files[path] for path in paths if path in _files})
    return result


def current(folder: Path) -> TenderSet:
    """The set the last ``scan`` of ``folder`` in this process found (scanning if none did)."""
    folder = folder.resolve()
    found = _sets.get(folder)
    return found if found is not None else scan(folder, systems=_systems_of.get(folder))


def forget() -> None:
    """Drop what this process holds (tests use it to prove a build does not depend on it)."""
    global _files_key
    _files.clear()
    _files_key = ""
    _sets.clear()
    _registries.clear()


# --- the cache file ---------------------------------------------------------------------


def _code_key() -> str:
    """Changes whenever what a loaded tender is derived from changes, besides the file."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            stamp = _stamp(path)
            digest.update(f"{path.relative_to(package)}:{stamp}\n".encode())
    try:
        holidays_version = version("holidays")
    except PackageNotFoundError:
        holidays_version = "?"
    digest.update(f"{__version__}:{holidays_version}:{sys.version}:{_CACHE_FORMAT}".encode())
    return digest.hexdigest()


def _read_cache(cache: Path, key: str) -> None:
    try:
        with cache.open("rb") as stream:
            data = pickle.load(stream)
    except Exception:  # missing, truncated, or written by another version: load the files
        return
    if not isinstance(data, dict) or data.get("key") != key:
        return
    for path, loaded in data.get("files", {}).items():
        if isinstance(loaded, _Loaded) and path not in _files:
            _files[path] = loaded


def _write_cache(cache: Path, key: str, files: dict[Path, _Loaded]) -> None:
    data = {"key": key, "files": files}
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        write_if_changed(cache, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
