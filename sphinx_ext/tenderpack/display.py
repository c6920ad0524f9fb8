"""A file name as a person reads it: as is, or quoted when it holds what a terminal acts on.

A name may hold a line break, which splits ``path:line:col: error:`` over two lines so that
editors and CI annotations miss the problem, or an escape character, which a terminal takes
as a command (colours, a window title, moving the cursor). Such a name, and one with any
other character Python does not count as printable (bidi controls, zero-width spaces, bytes
that were not valid in the file system's encoding), is shown as a quoted Python string
literal with escapes. An ordinary name, accents and spaces included, is shown as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath


def shown(path: PurePath | str) -> str:
    """``path`` for a message: unchanged when printable, else quoted with escapes."""
    name = str(path)
    return name if name.isprintable() else repr(name)


def fill(template: str, params: Mapping[str, object]) -> str:
    """``template.format(**params)``, with every path among ``params`` shown as above."""
    return template.format(
        **{
            key: shown(value) if isinstance(value, PurePath) else value
            for key, value in params.items()
        }
    )
