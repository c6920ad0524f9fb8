"""Which files tenderpack reads as input, and opening them so that none can leak or block.

Two traps sit between a folder listing and the bytes of a tender file. A symbolic link in
``tenders/`` may lead to any file on the machine (a CI runner's secrets); its key names
would appear in the error messages and its text on the published site. And a name may be a
named pipe, a device or a folder: opening a pipe waits for a writer forever. So a file is
read only when it is a regular file and really lies inside the project (the current folder,
or the Sphinx source folder) or inside the folder it was named or found in. A folder may
itself be a link: it is the user's choice, like a path on the command line.

Entries of a folder that are not regular files are skipped with a warning that says what
they are; a path named on the command line is refused with an error.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang, text

YAML_SUFFIXES = (".yaml", ".yml")

# The flags that make open() return at once on a pipe and never make it a controlling tty.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """The path names something other than a regular file; ``kind`` is its message code."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, kind, str(path))
        self.kind = kind


class OutsideProject(OSError):
    """The path is a link that leads out of the project and out of its own folder."""

    def __init__(self, path: Path, target: Path, root: Path) -> None:
        super().__init__(errno.EACCES, "outside-project", str(path))
        self.target = target
        self.root = root


def _kind_of_mode(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "kind-directory"
    if stat.S_ISFIFO(mode):
        return "kind-fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "kind-device"
    if stat.S_ISSOCK(mode):
        return "kind-socket"
    return "kind-other"


def kind_of(path: Path) -> str | None:
    """None for a regular file, else the message code of what ``path`` is.

    Raises OSError when there is nothing at ``path`` that is not a link (missing, no
    permission): that is for the reader to report.
    """
    try:
        return _kind_of_mode(path.stat().st_mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "kind-link-loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return "kind-dangling-link"
        raise


def outside_target(path: Path, root: Path | None = None) -> Path | None:
    """Where ``path`` really leads when a link takes it out of ``root`` and its own folder."""
    absolute = Path(os.path.normpath(path.absolute()))
    real = Path(os.path.realpath(absolute))
    if real == absolute:
        return None  # no link on the way
    bounds = (Path(os.path.realpath(root or Path.cwd())), Path(os.path.realpath(absolute.parent)))
    if any(real.is_relative_to(bound) for bound in bounds):
        return None
    return real


def open_input(path: Path, root: Path | None = None) -> int:
    """A file descriptor for reading ``path``; OSError (a subclass saying why) otherwise.

    The kind is checked before opening, so a device is never opened at all, and again on
    the descriptor, so a pipe swapped in between cannot block (O_NONBLOCK makes that open
    return at once).
    """
    kind = kind_of(path)
    if kind is not None:
        raise NotRegularFile(path, kind)
    target = outside_target(path, root)
    if target is not None:
        raise OutsideProject(path, target, Path(os.path.realpath(root or Path.cwd())))
    handle = os.open(path, _OPEN_FLAGS)
    kind = _kind_of_mode(os.fstat(handle).st_mode)
    if kind is not None:
        os.close(handle)
        raise NotRegularFile(path, kind)
    return handle


def refusal(path: Path, exc: OSError, lang: Lang) -> tuple[str, str] | None:
    """(code, message) for a file ``open_input`` refused; None for another OSError."""
    if isinstance(exc, NotRegularFile):
        return "not-regular-file", text("not-regular-file", lang, kind=text(exc.kind, lang))
    if isinstance(exc, OutsideProject):
        message = text("outside-project", lang, target=exc.target, root=exc.root)
        return "outside-project", message
    return None


def find_inputs(paths: Iterable[Path], lang: Lang = "nl") -> tuple[list[Path], list[Diagnostic]]:
    """The YAML files under ``paths`` (folders expanded, sorted, each once) and the skipped.

    A file named twice (``validate tenders/ tenders/x.yaml``) is listed once, or it would
    clash with itself as a duplicate reference or id. A folder entry that is not a regular
    file is left out with a warning naming what it is; a path named on its own is kept, so
    that reading it refuses it with an error.
    """
    files: list[Path] = []
    skipped: list[Diagnostic] = []
    seen: set[str] = set()
    for path in paths:
        found: list[Path] = [path]
        if path.is_dir():
            found = []
            for entry in sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES):
                try:
                    kind = kind_of(entry)
                except OSError:
                    kind = None  # gone or unreadable: reading it says so
                if kind is None:
                    found.append(entry)
                    continue
                message = text("input-skipped", lang, kind=text(kind, lang))
                skipped.append(Diagnostic(entry, 0, 0, Severity.WARNING, message, "input-skipped"))
        for file in found:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, skipped
