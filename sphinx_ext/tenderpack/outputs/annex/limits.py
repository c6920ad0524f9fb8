"""What one rendering of a template may cost: its time, its numbers, its memory.

A template is edited by officers and lawyers and may arrive in a merge request, so a loop
that never ends or an expression that asks for a giant value must stop the render with
the template's line, not hang CI or exhaust the runner's memory. Three bounds, each
raising ``TemplateLimit`` inside template code (so the renderer places it at the
innermost template line):

- ``**`` and ``*`` are intercepted by the sandbox and refuse a number of more than
  ``MAX_DIGITS`` digits or a repeated text or list of more than ``MAX_LENGTH`` items,
  before computing it;
- ``bounded`` gives a rendering ``TIME_LIMIT_SECONDS``: a trace function on the rendering
  thread checks the clock at every Python call and at every line of template code (a loop
  that calls nothing still runs lines);
- ``bounded`` also caps the process's address space at its size plus ``MEMORY_MARGIN``
  while rendering (Linux), so any other way of making a huge value (a filter with a giant
  width) is a ``MemoryError`` at once instead of gigabytes being made.

The bounds are far above what an annex needs (it renders in milliseconds into ~60 KB).
"""

from __future__ import annotations

import contextlib
import operator
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sized
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tenderpack.outputs.annex.errors import TemplateLimit

TIME_LIMIT_SECONDS = 5
MAX_DIGITS = 4300  # Python's own limit for writing an int as text
MAX_LENGTH = 1_000_000  # characters or items in one value made by ``*``
MEMORY_MARGIN = 2 * 1024**3  # bytes of address space a rendering may add

_LOG10_2 = 0.30103


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with ``**`` and ``*`` checked before they compute.

    Intercepted operators are also never folded into constants when a template is
    compiled, so ``{{ 2 ** (10 ** 9) }}`` costs nothing until it is refused at its line.
    """

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_product(left, right)
        return _BINOPS[operator](left, right)


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {"**": operator.pow, "*": operator.mul}


def _digits(bits: int) -> float:
    return bits * _LOG10_2


def _check_power(base: Any, exponent: Any) -> None:
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return
    if (
        exponent > 0
        and abs(base) > 1
        and _digits((abs(base).bit_length() - 1) * exponent) > MAX_DIGITS
    ):
        raise TemplateLimit("template-number-too-large", limit=MAX_DIGITS)


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if _digits(abs(left).bit_length() + abs(right).bit_length() - 2) > MAX_DIGITS:
            raise TemplateLimit("template-number-too-large", limit=MAX_DIGITS)
        return
    for times, sequence in ((left, right), (right, left)):
        repeated = isinstance(times, int) and isinstance(sequence, Sized) and times > 0
        if repeated and len(sequence) * times > MAX_LENGTH:
            raise TemplateLimit("template-too-large", limit=MAX_LENGTH)


class TemplateTimeout(TemplateLimit):
    def __init__(self) -> None:
        super().__init__("template-timeout", seconds=TIME_LIMIT_SECONDS)


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Run the body (one rendering) within the time limit and the memory margin."""
    deadline = time.monotonic() + TIME_LIMIT_SECONDS

    def in_template(frame: FrameType, event: str, arg: object) -> Any:
        if time.monotonic() > deadline:
            raise TemplateTimeout()
        return in_template

    def on_call(frame: FrameType, event: str, arg: object) -> Any:
        if time.monotonic() > deadline:
            raise TemplateTimeout()
        # Only template code is traced line by line; Jinja marks its modules' globals.
        return in_template if "__jinja_template__" in frame.f_globals else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        with _memory_margin():
            yield
    finally:
        sys.settrace(previous)


@contextlib.contextmanager
def _memory_margin() -> Iterator[None]:
    """Lower the address-space limit to the current size plus the margin, then restore it."""
    size = _address_space()
    if size is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = size + MEMORY_MARGIN
    caps = [limit for limit in (soft, hard) if limit != resource.RLIM_INFINITY]
    if caps and min(caps) <= wanted:
        yield  # already bounded at least as tightly
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """This process's address-space size in bytes, where the system tells it (Linux)."""
    try:
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * resource.getpagesize()
