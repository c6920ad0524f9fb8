"""Writing output files so that a reader never sees half of one, and only when they change.

Every file is written to a temporary name in the same folder and renamed into place. A
file whose bytes would not change is left alone, so its modification time stays and tools
that watch it (Sphinx re-reads by mtime, make) see nothing to do.

``durable`` adds an fsync before the rename: worth it for the annexes an officer attaches
to a tender and for the cache manifest that decides what is rendered again; not for the
page stubs and calendar files every build regenerates (an fsync each made a first build
of a hundred tenders, 700 stubs, about 1.4 s slower).

A writer killed outright (kill -9, power loss) leaves its temporary behind, named
``.<name>.<random>.tmp``: ``remove_temporaries`` deletes them, and ``is_temporary`` lets a
copy leave them out, so a half-written file is never taken for a finished one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def is_temporary(name: str) -> bool:
    """A name ``write_if_changed`` (or another tool) uses for a file not yet finished."""
    return name.endswith(TEMPORARY_SUFFIX)


def remove_temporaries(folder: Path) -> int:
    """Delete the temporaries killed writers left in ``folder`` (at any depth); how many.

    Only call it while nobody writes there (the build lock): a running writer's temporary
    looks the same.
    """
    removed = 0
    for path in folder.rglob(f".*{TEMPORARY_SUFFIX}") if folder.is_dir() else ():
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def write_if_changed(path: Path, data: bytes, *, durable: bool = False) -> bool:
    """Write ``data`` to ``path`` atomically unless it holds these bytes; True when written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        temporary.chmod(0o644)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True
