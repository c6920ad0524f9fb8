"""Dates in input files: ISO 8601 as YAML editors write it, with a hint for day-month-year."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def iso_date(value: Any) -> Any:
    """Accept a quoted ISO date as YAML editors write it; explain a day-month-year date."""
    if isinstance(value, str):
        if ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise PydanticCustomError(
                    "impossible-date", "no such date", {"value": value}
                ) from None
        dutch = DUTCH_DATE.match(value)
        if dutch:
            day, month, year = (int(part) for part in dutch.groups())
            suggestion = f"{year:04d}-{month:02d}-{day:02d}"
            raise PydanticCustomError(
                "date-dutch-order", "day-month-year", {"value": value, "suggestion": suggestion}
            )
        raise PydanticCustomError("date-format", "not a date", {"value": value})
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date-format", "not a date", {"value": value.isoformat()})
    return value


# Any ISO date, in a tender, a profile or a privacy notice.
Date = Annotated[dt.date, BeforeValidator(iso_date)]
