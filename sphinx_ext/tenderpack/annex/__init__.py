"""Bijlage H, the tender annex: the filled seed-003 text as HTML, accessible PDF and editable DOCX.

One module per job: ``templating`` (the sandboxed Jinja environment), ``context`` (what
templates see), ``html`` (fragment and document), ``pdf`` (WeasyPrint, PDF/UA-1),
``docx`` (pandoc with our reference.docx), ``cache`` and ``writer`` (many tenders on
every core, unchanged ones skipped). This module is the API the CLI and the Sphinx
extension call; it imports neither WeasyPrint nor pandoc until a file is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tenderpack.annex.html import annex_document_html, annex_fragment_html
from tenderpack.annex.templating import ANNEX_FOLDER, AnnexTemplateError, search_path
from tenderpack.annex.writer import FORMATS, annex_file_name, write
from tenderpack.pack import TenderPack

# Files in the annex folder that are documentation for editors, not inputs of the annex.
_NOT_INPUTS = {"README.md"}

__all__ = [
    "FORMATS",
    "AnnexTemplateError",
    "annex_document_html",
    "annex_file_name",
    "annex_fragment_html",
    "annex_template_files",
    "write_annexes",
]


def write_annexes(
    packs: Sequence[TenderPack],
    formats: Sequence[str],
    out_dir: Path,
    templates_dir: Path | None = None,
    jobs: int | None = None,
) -> list[Path]:
    """Write ``out_dir/<reference>-bijlage-h.<ext>`` for every pack and format.

    Formats are among ``html``, ``pdf``, ``docx`` (an unknown one is a ValueError). A file
    whose inputs (tender file, templates, tenderpack version) are unchanged is reused, not
    rendered again. Conversions run on ``jobs`` processes (default: every core). Returns the
    paths written or reused, per pack in the order of ``formats``' fixed order html, pdf, docx.
    """
    return write(packs, formats, out_dir, templates_dir, jobs).paths


def annex_template_files(templates_dir: Path | None = None) -> list[Path]:
    """The template files the annex depends on (for Sphinx ``note_dependency``).

    Each name resolves as the renderer resolves it: a project's own templates directory
    first, then tenderpack's defaults; so overriding one file adds exactly that file.
    """
    chosen: dict[str, Path] = {}
    for folder in search_path(templates_dir):
        annex_folder = folder / ANNEX_FOLDER
        if not annex_folder.is_dir():
            continue
        for path in sorted(annex_folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and path.name not in _NOT_INPUTS and not path.name.startswith("."):
                chosen.setdefault(name, path)
    return [chosen[name] for name in sorted(chosen)]
