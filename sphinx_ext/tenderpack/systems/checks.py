"""What a profile's parts must agree on, checked when it is loaded, at the line of the problem.

Pydantic checks each part on its own; here the parts meet: a step's owner must be one of the
profile's owners, a condition must name a connection or setting the profile has, and a text
may only use placeholders that every tender can fill. Found here, a typo in a profile is an
error for its maintainer, not a crash or a literal ``{typo}`` on a supplier's page.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tenderpack.reading.yamlsource import KeyPath
from tenderpack.systems.spec import (
    DATED_MOMENTS,
    ChecklistFile,
    Condition,
    ContractDeadline,
    LawDeadline,
    ProfileFile,
    Words,
)

# What every text may say, whatever the tender: filled in by tenderpack.tender.pack.
BUILT_IN_PLACEHOLDERS = (
    "system",
    "operator",
    "message_standard",
    "service_centre_name",
    "service_centre_phone",
    "service_centre_email",
    "service_centre_website",
)


@dataclass(frozen=True)
class Problem:
    """One disagreement: which file, where in it, the message code and its parameters."""

    file: str  # "profile" or "checklist"
    loc: KeyPath
    code: str
    params: dict[str, object]


def placeholders(profile: ProfileFile) -> tuple[str, ...]:
    """Every ``{name}`` a text of this profile may use."""
    names = list(BUILT_IN_PLACEHOLDERS)
    for key, connection in profile.connections.items():
        names += [f"{key}_{parameter}" for parameter in connection.parameters()]
    names += [key for key, s in profile.settings.items() if s.kind in ("text", "choice", "number")]
    if profile.channels:
        names.append("channel")
    return tuple(names)


def used_placeholders(value: str) -> Iterator[str]:
    for _, name, _, _ in string.Formatter().parse(value):
        if name is not None:
            yield name


def check_profile(
    profile: ProfileFile, checklist: ChecklistFile, folder_name: str
) -> list[Problem]:
    """Every disagreement between the parts of one profile folder."""
    found: list[Problem] = []

    def problem(file: str, loc: KeyPath, code: str, **params: object) -> None:
        found.append(Problem(file, loc, code, params))

    def unknown(file: str, loc: KeyPath, what: str, value: str, known: Iterable[str]) -> None:
        """``value`` names a ``what`` this profile does not have."""
        allowed = ", ".join(known) or "-"
        problem(file, loc, "profile-unknown-name", what=what, value=value, allowed=allowed)

    if profile.id != folder_name:
        problem("profile", ("id",), "profile-id-mismatch", value=profile.id, folder=folder_name)
    allowed = placeholders(profile)

    def check_words(file: str, loc: KeyPath, words: Words) -> None:
        for lang in ("nl", "en"):
            try:
                names = list(used_placeholders(getattr(words, lang)))
            except ValueError as exc:
                problem(file, (*loc, lang), "profile-placeholder-syntax", reason=str(exc))
                continue
            for name in names:
                if name not in allowed:
                    problem(
                        file,
                        (*loc, lang),
                        "profile-placeholder",
                        name=name,
                        allowed=", ".join(allowed),
                    )

    def check_conditions(file: str, loc: KeyPath, conditions: list[Condition]) -> None:
        for index, condition in enumerate(conditions):
            where = (*loc, index)
            named: dict[str, tuple[str | None, Iterable[str]]] = {
                "connection": (condition.connection, tuple(profile.connections)),
                "setting": (condition.setting, tuple(profile.settings)),
                "channel": (condition.channel, tuple(profile.channels)),
            }
            for what, (value, known) in named.items():
                if value and value not in known:
                    unknown(file, (*where, what), what, value, known)

    for key, setting in profile.settings.items():
        loc: KeyPath = ("settings", key)
        if setting.default_when is not None:
            check_conditions("profile", (*loc, "default_when"), [setting.default_when])
        if setting.kind == "choice" and setting.default not in (None, *(setting.choices or ())):
            problem(
                "profile",
                (*loc, "default"),
                "profile-default-not-a-choice",
                default=setting.default,
                choices=", ".join(setting.choices or ()),
            )
        if setting.kind == "choices" and isinstance(setting.default, list):
            for value in setting.default:
                if value not in (setting.choices or ()):
                    problem(
                        "profile",
                        (*loc, "default"),
                        "profile-default-not-a-choice",
                        default=value,
                        choices=", ".join(setting.choices or ()),
                    )
        for index, refusal in enumerate(setting.refuse):
            check_words("profile", (*loc, "refuse", index, "message"), refusal.message)
    for index, rule in enumerate(profile.rules):
        loc = ("rules", index)
        check_conditions("profile", (*loc, "when"), rule.when)
        check_words("profile", (*loc, "message"), rule.message)
        required = rule.require
        if required.setting and required.setting not in profile.settings:
            unknown(
                "profile",
                (*loc, "require", "setting"),
                "setting",
                required.setting,
                profile.settings,
            )
        if required.connection and required.connection not in profile.connections:
            unknown(
                "profile",
                (*loc, "require", "connection"),
                "connection",
                required.connection,
                profile.connections,
            )
        for number, wanted in enumerate(required.any_connection):
            if wanted not in profile.connections:
                unknown(
                    "profile",
                    (*loc, "require", "any_connection", number),
                    "connection",
                    wanted,
                    profile.connections,
                )
    for index, section in enumerate(profile.site.sections):
        loc = ("site", "sections", index)
        check_conditions("profile", (*loc, "when"), section.when)
        check_words("profile", (*loc, "title"), section.title)
        for number, paragraph in enumerate(section.paragraphs):
            where = (*loc, "paragraphs", number)
            check_conditions("profile", (*where, "when"), paragraph.when)
            check_words("profile", (*where, "text"), paragraph.text)
    for key, connection in profile.connections.items():
        deadline = connection.deadline
        if isinstance(deadline, ContractDeadline):
            # A tender may set the offset only with a dated moment (tender/rules.py), so an
            # offset on a connection none of whose moments has a date is one no tender can use.
            if deadline.days_before.max > 0 and not deadline.dated_choices:
                problem(
                    "profile",
                    ("connections", key, "deadline", "days_before"),
                    "profile-days-before-moment",
                    moments=", ".join(deadline.before.choices),
                )
        elif not isinstance(deadline, LawDeadline):  # pragma: no cover - the union has two
            raise TypeError(deadline)
    if profile.version_1 is not None:
        for name, target in profile.version_1.fields.items():
            if not _is_target(profile, tuple(target.split("."))):
                problem(
                    "profile",
                    ("version_1", "fields", name),
                    "profile-version-1-target",
                    value=target,
                )
    connection_ids = set(profile.connections)
    for index, step in enumerate(checklist.steps):
        loc = ("steps", index)
        if step.owner not in profile.owners:
            unknown("checklist", (*loc, "owner"), "owner", step.owner, profile.owners)
        if step.clause not in profile.clauses:
            unknown("checklist", (*loc, "clause"), "clause", step.clause, profile.clauses)
        if step.due is not None and step.due not in (*DATED_MOMENTS, *connection_ids):
            unknown(
                "checklist", (*loc, "due"), "due", step.due, (*DATED_MOMENTS, *profile.connections)
            )
        check_conditions("checklist", (*loc, "when"), step.when)
        check_words("checklist", (*loc, "title"), step.title)
        check_words("checklist", (*loc, "explanation"), step.explanation)
    seen: set[str] = set()
    for index, step in enumerate(checklist.steps):
        if step.id in seen:
            problem("checklist", ("steps", index, "id"), "profile-duplicate-step", value=step.id)
        seen.add(step.id)
    return found


def _is_target(profile: ProfileFile, path: tuple[str, ...]) -> bool:
    """Whether a version 1 field can move to ``path`` in version 2."""
    if len(path) == 3 and path[0] == "connections" and path[1] in profile.connections:
        return path[2] in profile.connections[path[1]].parameters()
    return len(path) == 2 and path[0] == "settings" and path[1] in profile.settings
