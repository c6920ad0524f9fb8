"""Problems found in input files, located at ``path:line:column`` like a compiler's.

Every loader collects all problems it can find instead of stopping at the first, so an
officer fixes a file in one pass. Severities follow the spec: errors fail validation,
warnings do not, notes are printed once per run and never fail a strict build.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tenderpack.display import shown


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    path: Path
    line: int
    column: int
    severity: Severity
    message: str
    code: str  # stable machine name, e.g. "unknown-field"; the Sphinx warning subtype

    def format(self) -> str:
        name = shown(self.path)  # a line break or ESC in a name must not reach the terminal
        location = f"{name}:{self.line}" if self.line else name
        if self.line and self.column:
            location += f":{self.column}"
        return f"{location}: {self.severity.value}: {self.message}"

    def sort_key(self) -> tuple[str, int, int]:
        return (str(self.path), self.line, self.column)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
