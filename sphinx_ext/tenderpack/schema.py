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
from tenderpack.model import Tender

SCHEMA_ID = "https://tenderpack.invalid/schema/tender-1.json"


def tender_schema() -> dict[str, Any]:
    schema = Tender.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Tenderbestand (tenderpack, versie 1)"
    schema["properties"]["reference"]["not"] = {"pattern": r"\.\."}
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
    return schema
