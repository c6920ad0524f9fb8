"""Bijlage H, the tender annex: the filled seed-003 text as HTML, accessible PDF and editable DOCX.

One module per job: ``templating`` (the sandboxed Jinja environment), ``context`` (what
templates see), ``html`` (fragment and document), ``pdf`` (WeasyPrint, PDF/UA-1),
``docx`` (pandoc with our reference.docx), ``cache`` and ``writer`` (many tenders on
every core, unchanged ones skipped), ``command`` (``tenderpack annex``). This module is
the API the CLI and the Sphinx extension call; it imports the renderers only when called,
so importing it costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tenderpack.outputs.annex.errors import AnnexTemplateError

if TYPE_CHECKING:
    from tenderpack.tender.pack import TenderPack

FORMATS = ("html", "pdf", "docx")
# The folder of the first annex: its reference.docx and print.css are the house style other
# annexes share. Each profile names its own annex folder (``annex.templates``).
ANNEX_FOLDER = "bijlage-h"
# Files in the annex folder that are documentation for editors, not inputs of the annex.
_NOT_INPUTS = {"README.md"}

__all__ = [
    "FORMATS",
    "AnnexTemplateError",
    "annex_document_html",
    "annex_file_name",
    "annex_folder",
    "annex_fragment_html",
    "annex_template_files",
    "write_annexes",
]


def annex_fragment_html(pack: TenderPack, templates_dir: Path | None = None) -> str:
    """The annex as an HTML fragment (``<article ...>…</article>``) to embed in a site page.

    Same text as the documents; headings start at ``<h2>`` under the page's own ``<h1>``.
    Raises ``AnnexTemplateError`` (template and line) when a template fails.
    """
    from tenderpack.outputs.annex import html

    return html.annex_fragment_html(pack, templates_dir)


def annex_document_html(pack: TenderPack, templates_dir: Path | None = None) -> str:
    """The standalone annex HTML document (with print CSS), the single source for PDF and DOCX."""
    from tenderpack.outputs.annex import html

    return html.annex_document_html(pack, templates_dir)


def annex_folder(pack: TenderPack) -> str:
    """The templates folder of the annex this tender's purchasing system uses."""
    return pack.system.data.annex.templates


def annex_file_name(pack: TenderPack, fmt: str) -> str:
    """``<reference>-<stem>.<ext>`` (stem from the profile, e.g. ``bijlage-h``): the name of
    the annex file in every output folder."""
    return f"{pack.reference}-{pack.system.data.annex.stem}.{fmt}"


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
    paths written or reused: per pack, its formats in the order html, pdf, docx.
    """
    from tenderpack.outputs.annex import writer

    return writer.write(packs, formats, out_dir, templates_dir, jobs).paths


def annex_template_files(
    templates_dir: Path | None = None, folder_name: str = ANNEX_FOLDER
) -> list[Path]:
    """The template files the annex depends on (for Sphinx ``note_dependency``).

    Each name resolves as the renderer resolves it: a project's own templates directory
    first, then tenderpack's defaults; so overriding one file adds exactly that file.
    """
    from tenderpack.outputs.annex.templating import search_path

    chosen: dict[str, Path] = {}
    for folder in search_path(templates_dir):
        annex_folder = folder / folder_name
        if not annex_folder.is_dir():
            continue
        for path in sorted(annex_folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and path.name not in _NOT_INPUTS and not path.name.startswith("."):
                chosen.setdefault(name, path)
    return [chosen[name] for name in sorted(chosen)]
