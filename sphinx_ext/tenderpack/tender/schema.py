"""The JSON Schema of the tender format, for editors with a YAML language server.

Generated from the pydantic model so the two cannot drift; the few rules the model checks
in code (a reference that could be a path, the mandatory connection per system profile)
are added here in JSON Schema terms. Rules that compare values across fields or files
(contract start after award, unique references) cannot be said in JSON Schema and are
left to ``tenderpack validate``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from tenderpack.reading.json_schema import end_anchored_strictly
from tenderpack.systems import Profile, Registry, shipped_registry
from tenderpack.tender.reference import RESERVED_PATTERN
from tenderpack.tender.versions import tender_models

SCHEMA_ID = "https://tenderpack.invalid/schema/tender.json"


def _connection_rules(profile: Profile) -> list[dict[str, Any]]:
    """The profile's unconditional rules that ask for a connection, as an editor can check them.

    Rules with a ``when`` stay with ``tenderpack validate`` (tender/rules.py).
    """
    found = []
    for rule in profile.data.rules:
        wanted = [rule.require.connection] if rule.require.connection else []
        wanted += rule.require.any_connection
        if rule.when or rule.severity != "error" or not wanted:
            continue
        one_of_them = {"anyOf": [{"required": [key]} for key in wanted]}
        found.append({"required": ["connections"], "properties": {"connections": one_of_them}})
    return found


def tender_schema(registry: Registry | None = None) -> dict[str, Any]:
    """One schema for every version and system: a branch per model, chosen by their values."""
    systems = registry or shipped_registry()
    models = tender_models(systems)
    # (the values that choose the branch, its model, its system)
    branches: list[tuple[dict[str, Any], type[BaseModel], str]] = []
    if models.version_1 is not None and models.version_1_system is not None:
        branches.append(
            ({"schema_version": {"const": 1}}, models.version_1, models.version_1_system)
        )
    for system_id, model in models.version_2.items():
        version_2 = {"schema_version": {"const": 2}, "system": {"const": system_id}}
        branches.append((version_2, model, system_id))
    _, top = models_json_schema(
        [(model, "validation") for _, model, _ in branches], ref_template="#/$defs/{model}"
    )
    definitions = top.get("$defs", {})
    conditions = []
    for when, model, system_id in branches:
        definition = definitions[model.__name__]
        definition["properties"]["reference"]["not"] = {"pattern": rf"\.\.|{RESERVED_PATTERN}"}
        mandatory = systems[system_id].mandatory_connections
        if mandatory and when["schema_version"]["const"] == 1:
            definition["allOf"] = [
                {"properties": {"connections": {"contains": {"const": key}}}} for key in mandatory
            ]
        elif mandatory:
            definition["allOf"] = [{"properties": {"connections": {"required": list(mandatory)}}}]
        if when["schema_version"]["const"] == 2:
            definition.setdefault("allOf", []).extend(_connection_rules(systems[system_id]))
        conditions.append(
            {
                "if": {"properties": when, "required": list(when)},
                "then": {"$ref": f"#/$defs/{model.__name__}"},
            }
        )
    known_versions = sorted({when["schema_version"]["const"] for when, _, _ in branches})
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Tenderbestand (tenderpack, versie 1 en 2)",
        "type": "object",
        "required": ["schema_version"],
        "properties": {
            "schema_version": {
                "enum": known_versions,
                "description": "Versie van het formaat: 1 (alleen DigiInkoop-velden) of 2.",
            },
            "system": {
                "enum": list(systems.ids),
                "description": "Inkoopsysteem (profiel): " + ", ".join(systems.ids) + ".",
            },
        },
        "allOf": conditions,
        "$defs": definitions,
    }
    end_anchored_strictly(schema)
    return schema
