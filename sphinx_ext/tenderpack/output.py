"""Writing a command's result to standard output, which may be ASCII, full or closed.

A Windows console or ``PYTHONIOENCODING=ascii`` gives an stdout that cannot encode "é";
``> /dev/full`` (a full disk) fails the write; ``>&-`` leaves no stdout at all. Each of
those made a traceback or an "internal error". Here text is written as far as the encoding
allows (backslash escapes for the rest; JSON uses its own ``\\u`` escapes, so it stays
valid JSON), and a write that fails raises ``OutputError``, which the command line turns
into one line and exit 1. A closed pipe (``| head``) stays ``BrokenPipeError``: the reader
has what it wanted, and the command line stops quietly.
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import sys
from typing import Any

from tenderpack.messages import Lang, text

_UNICODE_CODECS = {"utf-8", "utf-16", "utf-32", "utf-8-sig"}


class OutputError(Exception):
    """Standard output could not take what was written; ``exc`` is None when there is none."""

    def __init__(self, exc: OSError | None) -> None:
        super().__init__(str(exc) if exc else "stdout is closed")
        self.exc = exc

    def message(self, lang: Lang) -> str:
        if self.exc is None or self.exc.errno == errno.EBADF:
            reason = text("output-closed", lang)
        elif self.exc.errno == errno.ENOSPC:
            reason = text("output-no-space", lang)
        else:
            reason = self.exc.strerror or str(self.exc)
        return text("output-failed", lang, reason=reason)


def escape_unencodable() -> None:
    """Make stdout and stderr write backslash escapes for what their encoding cannot hold."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _holds_all_of_unicode() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name in _UNICODE_CODECS
    except LookupError:
        return False


def write(content: str) -> None:
    """Write ``content`` to stdout now (flushed), raising ``OutputError`` when it cannot."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed
        raise OutputError(None)
    try:
        stream.write(content)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc) from exc


def write_json(data: Any) -> None:
    """``data`` as indented JSON and a newline; ASCII escapes when stdout is not Unicode."""
    write(json.dumps(data, ensure_ascii=not _holds_all_of_unicode(), indent=2) + "\n")
