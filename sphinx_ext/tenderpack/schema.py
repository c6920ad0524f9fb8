"""The JSON Schema of the tender format, for editors with a YAML language server.

Generated from the pydantic model so the two cannot drift; the few rules the model checks
in code (a reference that could be a path, the mandatory connection per system profile)
are added here in JSON Schema terms. Rules that compare values across fields or files
(contract start after award, unique references) cannot be said in JSON Schema and are
left to ``tenderpack validate``.
"""

from __future__ import annotations

from typing import Any

from tenderpack.domain import system_ids, system_profile
from tenderpack.filenames import RESERVED_PATTERN
from tenderpack.model import Tender

SCHEMA_ID = "https://tenderpack.invalid/schema/tender-1.json"


def end_anchored_strictly(schema: Any) -> None:
    """Make every ``pattern`` ending in ``$`` refuse a trailing newline, in place.

    The loader's regex engine (pydantic's) and JSON Schema's ECMA-262 let ``$`` match only
    at the very end; Python's ``re``, which the ``jsonschema`` package and other Python
    validators use, also matches before a final newline, so ``"2027-X-1\n"`` would pass
    there. ``(?!\n)`` before the anchor means the same in every engine.
    """
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern" and isinstance(value, str) and value.endswith("$"):
                if not value.endswith(r"(?!\n)$"):
                    schema[key] = value[:-1] + r"(?!\n)$"
            else:
                end_anchored_strictly(value)
    elif isinstance(schema, list):
        for item in schema:
            end_anchored_strictly(item)


def tender_schema() -> dict[str, Any]:
    schema = Tender.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Tenderbestand (tenderpack, versie 1)"
    schema["properties"]["reference"]["not"] = {"pattern": rf"\.\.|{RESERVED_PATTERN}"}
    conditions = []
    for system_id in system_ids():
        for connection in system_profile(system_id).mandatory_connections:
            conditions.append(
                {
                    "if": {"properties": {"system": {"const": system_id}}},
                    "then": {"properties": {"connections": {"contains": {"const": connection}}}},
                }
            )
    if conditions:
        schema["allOf"] = conditions
    end_anchored_strictly(schema)
    return schema
