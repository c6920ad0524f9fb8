"""The models a tender file is validated with: one per purchasing system, built from its profile.

A version 2 file says its ``system``; the model for that profile knows exactly which
connection options, parameters, channels and settings it may name, with their types and
limits, so every mistake is reported by pydantic at its line like any other field. A
version 1 file is read with the model the version 1 system's profile describes (its
``version_1`` block), then turned into version 2 terms. Both paths end in the same
``Tender``, so nothing after loading knows which version a file was written in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from tenderpack.reading.texts import Prose
from tenderpack.reading.yamlsource import KeyPath, SourceMap
from tenderpack.systems.profile import Profile, Registry
from tenderpack.systems.spec import Bound, Connection, ContractDeadline, MomentChoice, Setting
from tenderpack.tender.conditions import holds_for_raw
from tenderpack.tender.model import Department, Organisation, Tender, TenderFields

VERSIONS = (1, 2)


def _whole_number(value: Any) -> Any:
    """4.0 is 4: JSON Schema counts it as an integer, so editors accept it and so do we."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _version_number(value: Any) -> Any:
    """Like ``_whole_number``, but ``true`` must not pass as 1 (Python says True == 1)."""
    if isinstance(value, bool):
        return str(value).lower()
    return _whole_number(value)


def _offered(value: Any) -> Any:
    """``<option>:`` with nothing after it offers the option with its defaults, like ``{}``."""
    if isinstance(value, dict):
        return {key: {} if item is None else item for key, item in value.items()}
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _literal(values: Sequence[str]) -> Any:
    """``Literal[...]`` of values only known at run time (from a profile)."""
    return Literal.__getitem__(tuple(values))


def _offered_mapping(model: type[BaseModel]) -> Any:
    return Annotated[model, BeforeValidator(_offered)]


def _number(bound: Bound, description: str) -> Any:
    return (
        Annotated[int, Field(ge=bound.min, le=bound.max), BeforeValidator(_whole_number)],
        Field(bound.default, description=description),
    )


def _parameter_field(parameter: Bound | MomentChoice, description: str) -> Any:
    if isinstance(parameter, Bound):
        return _number(parameter, description)
    return (_literal(parameter.choices), Field(parameter.default, description=description))


def _refuse(setting: Setting) -> Callable[[str], str]:
    patterns = [(re.compile(r.pattern), r.message) for r in setting.refuse]

    def check(value: str) -> str:
        for pattern, message in patterns:
            if pattern.search(value):
                raise PydanticCustomError(
                    "setting-refused",
                    "refused",
                    {"value": value, "reason_nl": message.nl, "reason_en": message.en},
                )
        return value

    return check


def _setting_field(setting: Setting) -> Any:
    description = setting.description.nl
    default: Any = ... if setting.required else setting.default
    kind = setting.kind
    annotation: Any
    if kind == "flag":
        # None: not written; the profile's default (or default_when) decides after loading.
        return (bool | None, Field(None, description=description))
    if kind == "text":
        annotation = Annotated[
            Prose, Field(max_length=setting.max_length), AfterValidator(_refuse(setting))
        ]
    elif kind == "choice":
        annotation = _literal(setting.choices or [])
    elif kind == "choices":
        annotation = list[_literal(setting.choices or [])]  # type: ignore[misc]
    else:
        low = setting.min if setting.min is not None else -(10**9)
        high = setting.max if setting.max is not None else 10**9
        annotation = Annotated[int, Field(ge=low, le=high), BeforeValidator(_whole_number)]
    if default is not ... and default is None:
        annotation = annotation | None
    return (annotation, Field(default, description=description))


def _name(profile: Profile, part: str) -> str:
    return "".join(word.capitalize() for word in re.split(r"[-_]", profile.id)) + part


@dataclass(frozen=True)
class TenderModels:
    """The validating models of one registry, by version and system."""

    version_2: dict[str, type[BaseModel]]
    version_1: type[BaseModel] | None
    version_1_system: str | None


def _offset_rule(deadline: ContractDeadline) -> dict[str, Any]:
    """JSON Schema for editors: no offset (``days_before`` other than 0) with a moment that
    has no date.

    ``tenderpack validate`` says the same at the value's line (tender/rules.py); here it is
    for a YAML language server, which also knows that a missing ``before`` is the default.
    """
    dated = list(deadline.dated_choices)
    undated = [m for m in deadline.before.choices if m not in dated]
    if deadline.before.default in dated:  # undated only when written
        moment: dict[str, Any] = {
            "properties": {"before": {"enum": undated}},
            "required": ["before"],
        }
    else:  # undated unless a dated one is written
        moment = {"not": {"properties": {"before": {"enum": dated}}, "required": ["before"]}}
    return {"if": moment, "then": {"properties": {"days_before": {"const": 0}}}}


def _connection_base(connection: Connection) -> type[_Strict]:
    deadline = connection.deadline
    if "days_before" not in connection.parameters() or not isinstance(deadline, ContractDeadline):
        return _Strict
    if all(m in deadline.dated_choices for m in deadline.before.choices):
        return _Strict
    config = ConfigDict(**_Strict.model_config, json_schema_extra=_offset_rule(deadline))
    return type("_OffsetChecked", (_Strict,), {"model_config": config})


def _connections_model(profile: Profile) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for key, connection in profile.data.connections.items():
        parameters = {
            name: _parameter_field(parameter, f"{connection.name.nl}: {name}")
            for name, parameter in connection.parameters().items()
        }
        model = create_model(
            _name(profile, f"Connection_{key}"), __base__=_connection_base(connection), **parameters
        )
        fields[key] = (
            model | None,
            Field(None, description=f"{connection.name.nl}; laat weg als niet aangeboden."),
        )
    return create_model(_name(profile, "Connections"), __base__=_Strict, **fields)


def _settings_model(profile: Profile) -> type[BaseModel]:
    fields = {key: _setting_field(setting) for key, setting in profile.settings.items()}
    return create_model(_name(profile, "Settings"), __base__=_Strict, **fields)


def _channel_field(profile: Profile) -> Any:
    if not profile.channel_ids:
        return (None, Field(None, description="Dit systeem kent geen kanalen."))
    names = ", ".join(profile.channel_ids)
    return (
        _literal(profile.channel_ids),
        Field(description=f"Inkoop-/leveringskanaal: {names}."),
    )


def _version_2_model(profile: Profile) -> type[BaseModel]:
    connections = _connections_model(profile)
    settings = _settings_model(profile)
    required = any(s.required and s.default is None for s in profile.settings.values())
    return create_model(
        _name(profile, "Tender"),
        __base__=TenderFields,
        __doc__=f"A version 2 tender file on {profile.name}.",
        schema_version=(
            Annotated[Literal[2], BeforeValidator(_version_number)],
            Field(description="Versie van het formaat: 2."),
        ),
        system=(_literal([profile.id]), Field(description=f"Inkoopsysteem: {profile.id}.")),
        departments=(
            list[Department],
            Field(min_length=1, description="Deelnemende rijksdienstonderdelen; minstens één."),
        ),
        channel=_channel_field(profile),
        connections=(
            _offered_mapping(connections),
            Field(description="Aangeboden aansluitopties, elk met zijn parameters."),
        ),
        settings=(
            settings,
            Field(... if required else settings(), description=f"Keuzes van {profile.name}."),
        ),
    )


def _version_1_model(profile: Profile) -> type[BaseModel]:
    mapping = profile.version_1()
    assert mapping is not None
    flag: dict[str, Any] = {
        mapping.department_flag: (bool, Field(True, description="Werkt met het systeem."))
    }
    department = create_model(_name(profile, "DepartmentV1"), __base__=Organisation, **flag)
    moved: dict[str, Any] = {}
    for name, path in mapping.fields.items():
        if path[0] == "connections":
            parameter = profile.data.connections[path[1]].parameters()[path[2]]
            moved[name] = _parameter_field(parameter, name)
        else:
            moved[name] = _setting_field(profile.settings[path[1]])
            setting = profile.settings[path[1]]
            if setting.kind == "flag":
                moved[name] = (
                    bool,
                    Field(bool(setting.default), description=setting.description.nl),
                )
    connection: Any = _literal(profile.connection_ids)
    return create_model(
        "TenderV1",
        __base__=TenderFields,
        __doc__="A version 1 tender file (the format of spec/tender-format.md).",
        schema_version=(
            Annotated[Literal[1], BeforeValidator(_version_number)],
            Field(description="Versie van het formaat: 1."),
        ),
        system=(_literal([profile.id]), Field(profile.id, description="Inkoopsysteem.")),
        departments=(
            list[department],
            Field(min_length=1, description="Deelnemende rijksdienstonderdelen; minstens één."),
        ),
        channel=_channel_field(profile),
        connections=(
            list[connection],
            Field(min_length=1, description="Aangeboden aansluitopties; minstens de verplichte."),
        ),
        **moved,
    )


@cache
def tender_models(registry: Registry) -> TenderModels:
    """The models of every profile in ``registry`` (built once per registry)."""
    mapping = registry.version_1
    return TenderModels(
        version_2={key: _version_2_model(p) for key, p in registry.profiles.items()},
        version_1=_version_1_model(registry[mapping.system]) if mapping else None,
        version_1_system=mapping.system if mapping else None,
    )


# --- from a validated file to the one Tender ----------------------------------------------


def _settings(profile: Profile, given: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    """The tender's settings with the profile's defaults filled in."""
    result: dict[str, Any] = {}
    for key, setting in profile.settings.items():
        value = given.get(key)
        if value is None and setting.kind == "flag":
            value = bool(setting.default) or (
                setting.default_when is not None and holds_for_raw(setting.default_when, raw)
            )
        elif value is None:
            value = setting.default
        result[key] = value
    return result


def to_tender(validated: BaseModel, registry: Registry) -> Tender:
    """The version 2 ``Tender`` of a file validated with one of ``tender_models``."""
    data = validated.model_dump()
    profile = registry[data["system"]]
    common = {name: data[name] for name in TenderFields.model_fields}
    if data["schema_version"] == 1:
        mapping = profile.version_1()
        assert mapping is not None
        departments = [
            {
                **{k: v for k, v in d.items() if k != mapping.department_flag},
                "on_system": d[mapping.department_flag],
                "role": "both",
            }
            for d in data["departments"]
        ]
        connections: dict[str, dict[str, Any]] = {key: {} for key in data["connections"]}
        given_settings: dict[str, Any] = {}
        for name, path in mapping.fields.items():
            if path[0] == "connections":
                if path[1] in connections:
                    connections[path[1]][path[2]] = data[name]
            else:
                given_settings[path[1]] = data[name]
    else:
        departments = data["departments"]
        given = validated.connections  # type: ignore[attr-defined]
        # Only what the file writes; the profile's defaults are filled in below, where the
        # chosen moment decides whether an offset's default applies.
        connections = {
            key: {
                name: value
                for name, value in data["connections"][key].items()
                if name in getattr(given, key).model_fields_set
            }
            for key in data["connections"]
            if key in given.model_fields_set
        }
        given_settings = data["settings"]
    for key, parameters in connections.items():
        rule = profile.deadline_rule(key)
        for name, parameter in profile.data.connections[key].parameters().items():
            default = parameter.default
            if name == "days_before" and isinstance(rule, ContractDeadline):
                default = rule.offset_for(str(parameters["before"]))  # none without a date
            parameters.setdefault(name, default)
    return Tender.model_validate(
        {
            **common,
            "schema_version": data["schema_version"],
            "system": profile.id,
            "departments": departments,
            "channel": data["channel"],
            "connections": connections,
            "settings": _settings(profile, given_settings, data),
        },
        strict=False,
    )


def version_2_source(source: SourceMap, raw: dict[str, Any], registry: Registry) -> SourceMap:
    """A version 1 file's source map with each value also found under its version 2 path.

    Rules and outputs speak of ``connections.<option>.<parameter>``; in a version 1 file that
    value stood at a top-level key, and an officer must be pointed at the line where it is.
    """
    mapping = registry.version_1
    if mapping is None:
        return source
    moves: dict[KeyPath, KeyPath] = {}
    for index, department in enumerate(raw.get("departments") or ()):
        if isinstance(department, dict):
            moves[("departments", index, mapping.department_flag)] = (
                "departments",
                index,
                "on_system",
            )
    connections = raw.get("connections")
    if isinstance(connections, list):
        for index, key in enumerate(connections):
            if isinstance(key, str):
                moves[("connections", index)] = ("connections", key)
    for name, path in mapping.fields.items():
        moves[(name,)] = path
    remapped = SourceMap(dict(source.values), dict(source.keys), dict(source.scalars))
    for old, new in moves.items():
        for table in (remapped.values, remapped.keys, remapped.scalars):
            if old in table:
                table.setdefault(new, table[old])  # type: ignore[arg-type]
    return remapped
