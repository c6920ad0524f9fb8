"""Content hashes and durable writes for the annex files and their cache manifest."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tenderpack.files import write_if_changed


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """The file's content hash, or None when it cannot be read."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def write_atomic(path: Path, data: bytes) -> bool:
    """Write an annex or manifest durably (fsync), only when its bytes change."""
    return write_if_changed(path, data, durable=True)
