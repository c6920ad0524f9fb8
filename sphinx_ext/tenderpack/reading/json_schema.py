"""What the JSON Schema of every input file needs, whichever file it describes."""

from __future__ import annotations

from typing import Any


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
