"""The committed versions of input files, read from git: when each content became current.

Why: a calendar that imported a tender's ``.ics`` replaces an event only when the new one
says it is newer (a higher ``SEQUENCE``, a later ``DTSTAMP``). "Newer" must come from the
data, not from the clock of the build, or two builds of one commit would differ. The
committed history is that data: it is the same in every clone of a commit, and a change to
a tender always arrives as a commit.

One ``git log`` per repository lists every change to the files asked for, along the first
parents (the states the branch itself went through; a merge counts at the time it landed),
with renames followed. The contents come from one ``git cat-file --batch``. A file that
differs from its last committed version (a local edit) gets one more version, dated
``SOURCE_DATE_EPOCH`` when set, else by the file's modification time, and never before the
last commit. Outside git (no ``git``, no repository, an untracked file) a file has no
versions: the caller falls back on what the content alone gives.

A shallow clone only knows its newest commits: its oldest commit looks as if it added every
file. ``History.shallow`` says so; what that means is the caller's to decide.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_GIT_TIMEOUT = 60  # seconds; a repository on a hung network drive must not hang the build


@dataclass(frozen=True, slots=True)
class Version:
    """One content of a file and when it became current (UTC, whole seconds)."""

    time: dt.datetime
    data: bytes
    commit: str | None  # None: the working tree's content, not committed


@dataclass(frozen=True, slots=True)
class History:
    """The versions of one file, oldest first, and whether older ones may be missing."""

    versions: tuple[Version, ...]
    shallow: bool = False

    def key(self) -> list[str]:
        """What identifies this history, small enough for a cache key."""
        return [f"{v.commit or 'worktree'}@{int(v.time.timestamp())}" for v in self.versions]


def _git(top: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run(
            ["git", "-C", str(top), *args],
            input=stdin,
            capture_output=True,
            env=env,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _toplevel(folder: Path) -> Path | None:
    out = _git(folder, ["rev-parse", "--show-toplevel"])
    return Path(os.fsdecode(out.strip())).resolve() if out else None


@dataclass(frozen=True, slots=True)
class _Change:
    status: str  # A, M, D, R, C, T
    blob: str  # the new content's object id (zeros when deleted)
    source: str  # repository-relative path before (renames and copies), else the path
    path: str


def _log(top: Path, pathspecs: list[str]) -> list[tuple[str, int, list[_Change]]]:
    """Newest first: (commit, committer time, changes to the paths asked for)."""
    args = ["log", "--first-parent", "-m", "--root", "--raw", "-z", "--no-abbrev", "-M"]
    args += ["--format=%x01%H %ct", "--", *pathspecs]
    out = _git(top, args)
    if out is None:
        return []
    commits: list[tuple[str, int, list[_Change]]] = []
    for record in out.split(b"\x01")[1:]:
        head, _, rest = record.partition(b"\0")
        commit, _, time = head.decode("ascii").partition(" ")
        fields = rest.lstrip(b"\n").split(b"\0")
        changes: list[_Change] = []
        i = 0
        while i < len(fields):
            meta = fields[i].decode("ascii", "replace").strip()
            if not meta.startswith(":"):
                i += 1
                continue
            parts = meta[1:].split()
            status, blob = parts[4][0], parts[3]
            if status in "RC":
                source, path = os.fsdecode(fields[i + 1]), os.fsdecode(fields[i + 2])
                i += 3
            else:
                source = path = os.fsdecode(fields[i + 1])
                i += 2
            changes.append(_Change(status, blob, source, path))
        commits.append((commit, int(time), changes))
    return commits


def _blobs(top: Path, ids: Iterable[str]) -> dict[str, bytes]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    out = _git(top, ["cat-file", "--batch"], stdin="".join(f"{i}\n" for i in wanted).encode())
    found: dict[str, bytes] = {}
    if out is None:
        return found
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].decode("ascii").split()
        at = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        found[header[0]] = out[at : at + size]
        at += size + 1
    return found


def _epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if re.fullmatch(r"\d{1,12}", value) else None


def _at(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _history(
    path: Path, relative: str, log: list[tuple[str, int, list[_Change]]]
) -> list[tuple[str, int, str]]:
    """(commit, time, blob) of each committed content of ``relative``, oldest first."""
    name = relative
    found: list[tuple[str, int, str]] = []
    for commit, time, changes in log:
        change = next((c for c in changes if c.path == name), None)
        if change is None:
            continue
        if change.status == "D":
            break  # deleted here, so what came before belongs to an earlier file of that name
        found.append((commit, time, change.blob))
        if change.status == "A":
            break
        name = change.source
    found.reverse()
    return found


def file_histories(paths: Iterable[Path]) -> dict[Path, History]:
    """The history of each file, by the path as given; empty where git knows nothing."""
    given = list(paths)
    result = {path: History(()) for path in given}
    by_top: dict[Path, list[Path]] = {}
    tops: dict[Path, Path | None] = {}  # one ``git rev-parse`` per folder, not per file
    for path in given:
        if path.parent not in tops:
            tops[path.parent] = _toplevel(path.parent)
        top = tops[path.parent]
        if top is not None:
            by_top.setdefault(top, []).append(path)
    for top, files in by_top.items():
        relative = {path: path.resolve().relative_to(top).as_posix() for path in files}
        folders = sorted({str(Path(r).parent) for r in relative.values()})
        log = _log(top, [f":(top){folder}" for folder in folders])
        shallow = _git(top, ["rev-parse", "--is-shallow-repository"]) == b"true\n"
        committed = {path: _history(path, relative[path], log) for path in files}
        contents = _blobs(top, (blob for found in committed.values() for _, _, blob in found))
        for path in files:
            versions = [
                Version(_at(time), contents[blob], commit)
                for commit, time, blob in committed[path]
                if blob in contents
            ]
            if not versions:
                continue  # untracked: no history to go by
            try:
                current = path.read_bytes()
            except OSError:
                current = versions[-1].data
            if current != versions[-1].data:
                last = int(versions[-1].time.timestamp())
                when = _epoch()
                if when is None:
                    when = int(path.stat().st_mtime)
                versions.append(Version(_at(max(when, last + 1)), current, None))
            result[path] = History(tuple(versions), shallow)
    return result
