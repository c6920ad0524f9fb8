"""``tenderpack new``: a commented starter file (format version 2) that validates as it is.

Composed from the system's profile rather than kept as one file per system, so that any
profile, a project's own included, gets a starter that names exactly its connection
options (with their default parameters), channels and settings (with their defaults),
explained in the profile's own words. The comments around them live in
``starters/<lang>.yaml``.

The OINs are test OINs (prefix 00000099), so validation warns until the officer fills in
the real ones: the file is valid, but cannot be published by mistake without a warning.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tenderpack.diagnostics import has_errors
from tenderpack.messages import Lang
from tenderpack.systems import Profile, Registry
from tenderpack.systems.spec import Bound, Connection, LawDeadline, Setting

COMMENT_COLUMN = 36  # where an end-of-line comment starts, as in the examples
WIDTH = 100  # a comment that would make a longer line goes above its value
TEST_OIN = '"00000099000000000001"'
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_ -]*[A-Za-z0-9]|[A-Za-z]")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


@cache
def _words(lang: Lang) -> dict[str, Any]:
    name = "en.yaml" if lang == "en" else "nl.yaml"
    source = resources.files("tenderpack.tender").joinpath("starters", name).read_text("utf-8")
    words: dict[str, Any] = yaml.safe_load(source)
    return words


def scalar(value: object) -> str:
    """``value`` as YAML reads it back unchanged: plain when that is safe, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    text = str(value)
    plain = _PLAIN.fullmatch(text) is not None and text.lower() not in _YAML_WORDS
    if plain and "  " not in text and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _line(code: str, comment: str = "") -> str:
    """``code`` with its comment at the end, or above it when the line would be too long."""
    if not comment:
        return code
    line = f"{code.ljust(COMMENT_COLUMN - 1)} # {comment}"
    if len(line) <= WIDTH:
        return line
    indent = code[: len(code) - len(code.lstrip(" -"))].replace("-", " ")
    return "\n".join([*_above(comment, indent), code])


def _above(text: str, indent: str) -> list[str]:
    """A longer explanation as comment lines above a value."""
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}# ",
        break_on_hyphens=False,
    )


def _deadline(connection: Connection, words: dict[str, Any]) -> str:
    deadline = connection.deadline
    moments = words["moments"]
    if isinstance(deadline, LawDeadline):
        months = deadline.months
        return str(words["law"]).format(
            min=months.min, max=months.max, moment=moments[deadline.from_]
        )
    said = str(words["contract"]).format(
        choices=" | ".join(f"{moments[m]} ({m})" for m in deadline.before.choices)
    )
    days = deadline.days_before
    if days.max > 0:
        said += ", " + str(words["days_before"]).format(min=days.min, max=days.max)
    return said


def _parameters(connection: Connection) -> dict[str, object]:
    """The option's parameters with their defaults; a choice of one is left to its default."""
    found: dict[str, object] = {}
    for name, parameter in connection.parameters().items():
        if isinstance(parameter, Bound) or len(parameter.choices) > 1:
            found[name] = parameter.default
    return found


def _connection_lines(profile: Profile, keys: Iterable[str], lang: Lang) -> list[str]:
    words = _words(lang)
    lines = [_line("connections:", words["connections"])]
    for key in keys:
        connection = profile.data.connections[key]
        parameters = _parameters(connection)
        code = f"  {key}:"
        if parameters:
            code += " {" + ", ".join(f"{k}: {scalar(v)}" for k, v in parameters.items()) + "}"
        name = connection.name(lang)
        if connection.mandatory:
            name += f" ({words['mandatory']})"
        lines += [f"  # {name}", _line(code, _deadline(connection, words))]
    return lines


def _placeholder(setting: Setting, lang: Lang) -> object:
    """A value for a required setting without a default, that the setting accepts."""
    if setting.kind == "flag":
        return False
    if setting.kind == "number":
        return setting.min if setting.min is not None else 0
    if setting.kind == "choice":
        return (setting.choices or [""])[0]
    if setting.kind == "choices":
        return (setting.choices or [""])[:1]
    name = setting.name(lang)
    candidates = [name, re.sub(r"\s+", "-", name), "X"]
    for candidate in candidates:
        text = candidate[: setting.max_length]
        if not any(re.search(r.pattern, text) for r in setting.refuse):
            return text
    return candidates[-1]


def _setting_lines(profile: Profile, lang: Lang) -> list[str]:
    words = _words(lang)
    if not profile.settings:
        return []
    lines = [_line("settings:", str(words["settings"]).format(system=profile.name))]
    for key, setting in profile.settings.items():
        lines += _above(f"{setting.name(lang)}: {setting.description(lang)}", "  ")
        comment = ""
        if setting.kind in ("choice", "choices") and setting.choices:
            comment = str(words["choose"]).format(choices=", ".join(setting.choices))
        if setting.default_when is not None:
            condition = setting.default_when.model_dump(exclude_none=True)
            said = ", ".join(f"{k}: {v}" for k, v in condition.items())
            # Written out, the value would stop the default from following the condition.
            lines.append(
                _line(f"  # {key}: true", str(words["default_when"]).format(condition=said))
            )
            continue
        if setting.default is not None:
            lines.append(_line(f"  {key}: {scalar(setting.default)}", comment))
        elif setting.required:
            value = _placeholder(setting, lang)
            lines.append(_line(f"  {key}: {scalar(value)}", comment or words["fill_in"]))
        else:
            lines.append(_line(f"  # {key}:", comment or words["optional"]))
    return lines


def compose(profile: Profile, lang: Lang, connections: Iterable[str]) -> str:
    """The starter for ``profile`` offering ``connections``, with comments in ``lang``."""
    w = _words(lang)
    system = profile.name
    header = [f"# {line}".rstrip() for line in str(w["header"]).format(system=system).splitlines()]
    channel: list[str] = []
    if profile.channel_ids:
        choices = ", ".join(f"{c} ({profile.channel_name(c, lang)})" for c in profile.channel_ids)
        first = profile.channel_ids[0]
        channel = [_line(f"channel: {first}", w["channel"].format(choices=choices))]
    lines = [
        *header,
        _line("schema_version: 2", w["schema_version"]),
        _line(
            f"system: {scalar(profile.id)}",
            w["system"].format(system=system, annex=profile.annex_short(lang)),
        ),
        _line("reference: 2027-XYZ-0001", w["reference"]),
        f"title: {scalar(w['title'])}",
        f"# {w['summary']}",
        _line(f"language: {lang}", w["language"]),
        _line("agreement: raamovereenkomst", w["agreement"]),
        _line("supply: services", w["supply"]),
        _line("contracting_authority:", w["authority"]),
        f"  name: {scalar(w['authority_name'])}",
        "  abbreviation: BZK",
        _line(f"  oin: {TEST_OIN}", w["test_oin"]),
        _line("departments:", w["departments"]),
        f"  - name: {scalar(w['authority_name'])}",
        "    abbreviation: BZK",
        _line(f"    oin: {TEST_OIN}", w["test_oin"]),
        _line("    on_system: true", w["on_system"].format(system=system)),
        _line("    role: both", w["role"]),
        *channel,
        *_connection_lines(profile, connections, lang),
        *_setting_lines(profile, lang),
        "dates:",
        _line("  award: 2027-03-01", w["award"]),
        _line("  contract_start: 2027-09-01", w["contract_start"]),
        _line("contact:", w["contact"]),
        f"  name: {scalar(w['contact_name'])}",
        "  email: inkoop@ministerie.example",
        _line('  phone: "+31 70 000 0000"', w["phone"]),
    ]
    return "\n".join(lines) + "\n"


def starter_file(profile: Profile, lang: Lang, registry: Registry) -> str:
    """The starter for ``profile``: every connection option offered, when that validates
    (a profile's rules may tie options together), else only the mandatory ones."""
    from tenderpack.tender.loading import load_tender_bytes

    every = compose(profile, lang, profile.connection_ids)
    loaded = load_tender_bytes(every.encode(), Path("new.yaml"), lang, registry)
    if loaded.ok and not has_errors(loaded.diagnostics):
        return every
    return compose(profile, lang, profile.mandatory_connections)
