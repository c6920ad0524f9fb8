"""Line marks: which template line wrote which part of a rendered annex.

A problem found in the rendered HTML (an address that would make a converter fetch a
file) must be reported at the template line that wrote it, and that line may be in an
included file or inside a macro. Jinja keeps no map from output back to source, so when
such a problem is found the template is rendered a second time with ``LineMarks``: every
stretch of template text, and every ``{{ … }}``, is preceded by an invisible mark (a
private-use character pair around a number) that stands for (template, line). Marks
travel with the text through includes, macros and ``caller()``; the last mark before
the problem is its place. Only this second rendering carries marks; the annex itself is
always the unmarked one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from tenderpack.outputs.annex.references import MARK

_PLACES: list[tuple[str, int]] = []
_INDEX: dict[tuple[str, int], int] = {}
_LOCK = threading.Lock()


def mark(template: str, line: int) -> str:
    """The mark that stands for ``template`` at ``line``."""
    key = (template, line)
    with _LOCK:
        number = _INDEX.get(key)
        if number is None:
            number = _INDEX[key] = len(_PLACES)
            _PLACES.append(key)
    return f"\ue000{number}\ue001"


def place(number: int) -> tuple[str, int]:
    """The (template, line) a mark's number stands for."""
    return _PLACES[number]


def strip(text: str) -> str:
    return MARK.sub("", text)


class LineMarks(Extension):
    """Puts a mark before each line of template text and before each ``{{ … }}``."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        name = stream.name or "?"
        for token in stream:
            if token.type == "data":
                lines = token.value.split("\n")
                marked = [mark(name, token.lineno + i) + text for i, text in enumerate(lines)]
                yield Token(token.lineno, "data", "\n".join(marked))
            elif token.type == "variable_begin":
                yield Token(token.lineno, "data", mark(name, token.lineno))
                yield token
            else:
                yield token
