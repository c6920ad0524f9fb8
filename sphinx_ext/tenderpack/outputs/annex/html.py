"""The annex as HTML: the fragment the site embeds and the standalone document.

Both come from the same language template, so the site, the PDF and the DOCX cannot say
different things. The document is the only input of the PDF and DOCX writers.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from tenderpack.outputs.annex import annex_folder
from tenderpack.outputs.annex.context import annex_context, document_context
from tenderpack.outputs.annex.templating import render
from tenderpack.tender.pack import TenderPack

# Only tags our templates wrote can match: tender values are escaped, so "<h1" in data is "&lt;h1".
_HEADING_TAG = re.compile(r"<(/?)h([1-5])\b")


def annex_template_name(pack: TenderPack) -> str:
    """One template per language: lawyers read and edit each as a whole document."""
    return f"{annex_folder(pack)}/{pack.lang}.html.j2"


def _article(pack: TenderPack, templates_dir: Path | None) -> str:
    return render(annex_template_name(pack), annex_context(pack), templates_dir).strip() + "\n"


def _shift_headings(html: str) -> str:
    """h1 -> h2 etc.: inside a site page the page title is the h1, the annex a section of it."""
    return _HEADING_TAG.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)


def annex_fragment_html(pack: TenderPack, templates_dir: Path | None = None) -> str:
    """The annex as an HTML fragment (``<article ...>…</article>``) to embed in a site page.

    Same text as the documents; its headings start at ``<h2>`` because the embedding page
    has its own ``<h1>``.
    """
    return _shift_headings(_article(pack, templates_dir))


def annex_document_html(pack: TenderPack, templates_dir: Path | None = None) -> str:
    """The standalone annex HTML document (with print CSS), the single source for PDF and DOCX."""
    fragment = Markup(_article(pack, templates_dir))
    document = f"{annex_folder(pack)}/document.html.j2"
    return render(document, document_context(pack, fragment), templates_dir)
