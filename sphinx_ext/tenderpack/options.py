"""Command-line options that more than one command takes, parsed one way for all of them.

``build --formats`` and ``annex --format`` name annex formats as ``tenderpack_annex_formats``
in conf.py does (comma-separated, any case, repeats ignored); ``--jobs`` is a whole number
of 1 or more, or ``auto``; ``--systems`` is a project's profiles folder. They are checked
after argparse, once the language of messages is known, so a mistake is one line in the
user's language with exit 2 (argparse would add its usage in English; Sphinx, given a bad
value, its crash report or its own usage).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from tenderpack.outputs.annex import FORMATS

AUTO = "auto"


class UsageError(Exception):
    """A command-line mistake: ``code`` names the message, ``params`` fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


class UnknownFormat(ValueError):
    """An annex format tenderpack cannot write; ``name`` is the one asked for."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def parse_formats(value: str | Sequence[object]) -> list[str]:
    """The annex formats in ``value`` (comma-separated or a list), in ``FORMATS`` order.

    Names are stripped and case-folded; repeats and empty items are dropped, so an empty
    value means no annex files.
    """
    parts: Sequence[object] = value.split(",") if isinstance(value, str) else value
    wanted: set[str] = set()
    for part in parts:
        name = str(part).strip().lower()
        if name and name not in FORMATS:
            raise UnknownFormat(str(part).strip())
        if name:
            wanted.add(name)
    return [fmt for fmt in FORMATS if fmt in wanted]


def formats_option(value: str, option: str, *, none_allowed: bool) -> list[str]:
    """``--format(s)``: the formats named; a usage error for an unknown or missing one."""
    choices = ", ".join(FORMATS)
    try:
        formats = parse_formats(value)
    except UnknownFormat as unknown:
        raise UsageError(
            "option-unknown-format", option=option, name=repr(unknown.name), choices=choices
        ) from unknown
    if not formats and not none_allowed:
        raise UsageError("option-no-format", option=option, choices=choices)
    return formats


def jobs_option(value: str | None, option: str = "--jobs") -> int | None:
    """``--jobs``: a whole number of processes of 1 or more; None for ``auto`` (every core)."""
    if value is None or value.strip().lower() == AUTO:
        return None
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()) or int(digits) < 1:  # int() takes '٣'
        raise UsageError("option-bad-jobs", option=option, value=repr(value))
    return int(digits)


DEFAULT_SYSTEMS = Path("systems")  # a project's own profiles, when the command names none


def add_systems_option(
    parser: argparse.ArgumentParser,
    default_help: str = "systems/ in the current folder when it exists",
) -> None:
    """``--systems DIR``, the same for every command that reads tenders."""
    parser.add_argument(
        "--systems",
        type=Path,
        default=None,
        metavar="DIR",
        help=(
            "your project's purchasing-system profiles, one folder per system with "
            "profile.yaml and checklist.yaml; they add to tenderpack's own or replace the "
            f"one of the same id (default: {default_help})"
        ),
    )


def systems_folder(given: Path | None) -> Path | None:
    """The project's profiles folder: ``--systems``, else ./systems when it is a folder.

    A ``--systems`` that is no folder is a usage error: reading the tenders with tenderpack's
    profiles alone would reject them, or read them by another profile than the project's.
    """
    if given is None:
        return DEFAULT_SYSTEMS if DEFAULT_SYSTEMS.is_dir() else None
    if not given.is_dir():
        raise UsageError("option-systems-missing", path=given, option="--systems")
    return given
