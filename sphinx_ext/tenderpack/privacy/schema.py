"""The JSON Schema of the privacy notice format, for editors with a YAML language server.

Generated from the pydantic model, so the two cannot drift. The checker's rules (which
GDPR elements a notice lacks) are deliberately not in the schema: a notice with gaps is a
valid transcription, and the gaps are reported by ``tenderpack check-privacy``.
"""

from __future__ import annotations

from typing import Any

from tenderpack.privacy.model import Notice
from tenderpack.reading.json_schema import end_anchored_strictly

SCHEMA_ID = "https://tenderpack.invalid/schema/privacy-notice-1.json"


def notice_schema() -> dict[str, Any]:
    schema = Notice.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Privacyverklaring (tenderpack, versie 1)"
    end_anchored_strictly(schema)
    return schema
