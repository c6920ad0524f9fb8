"""The annex's own error, in a module light enough to import anywhere."""

from __future__ import annotations


class AnnexTemplateError(Exception):
    """A template could not be rendered; ``str()`` names the template file and line."""

    def __init__(self, template: str, line: int | None, message: str) -> None:
        self.template = template
        self.line = line
        self.message = message
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: {message}")
