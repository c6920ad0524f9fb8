"""The annex as an editable DOCX: pandoc on the standalone annex HTML, with our reference.docx.

pandoc turns the HTML's headings, lists, table and footnotes into Word's own heading
styles, numbered lists, table and footnotes, so an officer edits a real Word document.
The reference document (``templates/bijlage-h/reference-v2.docx``, made by
``reference_docx.py``) brings the styles, A4 and a header and footer whose placeholders
are filled here. Afterwards the file is normalised (fixed dates, fixed zip entries), so
the same annex always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from tenderpack.messages import Lang

# In this order: table_widths reads the page's measures from the metadata that
# pandoc_meta then drops.
LUA_FILTERS = (
    Path(__file__).with_name("table_widths.lua"),
    Path(__file__).with_name("pandoc_meta.lua"),
)
# The paragraph style table_widths.lua gives table cells (made by reference_docx.py).
TABLE_TEXT_STYLE = "Table Text"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Placeholders in the reference document's header and footer (see reference_docx.py).
PLACEHOLDERS = ("[[reference]]", "[[title]]", "[[page]]", "[[of]]")
_PAGE_WORDS: dict[Lang, tuple[str, str]] = {"nl": ("pagina", "van"), "en": ("page", "of")}
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest time a zip entry can hold


class PandocError(RuntimeError):
    """pandoc failed; the message carries its own explanation."""


@dataclass(frozen=True, slots=True)
class DocxMeta:
    """What the DOCX needs besides the HTML: its header text and core properties."""

    lang: Lang
    reference: str
    title: str
    author: str
    timestamp: dt.datetime


def pandoc_path() -> str:
    """The pandoc binary inside the pypandoc-binary wheel (no system pandoc needed)."""
    import pypandoc

    path: str = pypandoc.get_pandoc_path()
    return path


@dataclass(frozen=True, slots=True)
class PageMeasures:
    """What table_widths.lua must know of the reference document to fit columns, in points."""

    text_width_pt: float
    table_text_pt: float


def _twips(element: ElementTree.Element | None, name: str, default: int) -> int:
    value = None if element is None else element.get(f"{_W}{name}")
    return int(value) if value is not None and value.isdigit() else default


def _font_size_pt(styles: ElementTree.Element, style_name: str) -> float:
    """The size a paragraph in ``style_name`` has: its own, a base style's, or the default."""
    by_id = {style.get(f"{_W}styleId"): style for style in styles.iter(f"{_W}style")}
    current = next(
        (
            style
            for style in by_id.values()
            if (name := style.find(f"{_W}name")) is not None and name.get(f"{_W}val") == style_name
        ),
        by_id.get("Normal"),  # pandoc bases a style the reference lacks on Normal
    )
    seen: set[str | None] = set()
    while current is not None and current.get(f"{_W}styleId") not in seen:
        seen.add(current.get(f"{_W}styleId"))
        if (size := current.find(f"{_W}rPr/{_W}sz")) is not None:
            return _twips(size, "val", 24) / 2
        based_on = current.find(f"{_W}basedOn")
        current = None if based_on is None else by_id.get(based_on.get(f"{_W}val"))
    default = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
    return _twips(default, "val", 24) / 2


def page_measures(reference_docx: Path) -> PageMeasures:
    """The text width of the reference document's page and the size of its table text.

    Read from the reference, not assumed: a project that brings its own (Letter paper,
    wider margins, larger table text) gets columns that fit its page.
    """
    with zipfile.ZipFile(reference_docx) as archive:
        document = ElementTree.fromstring(archive.read("word/document.xml"))
        styles = ElementTree.fromstring(archive.read("word/styles.xml"))
    section = document.find(f"{_W}body/{_W}sectPr")
    size = None if section is None else section.find(f"{_W}pgSz")
    margins = None if section is None else section.find(f"{_W}pgMar")
    text_width = (
        _twips(size, "w", 12240) - _twips(margins, "left", 1440) - _twips(margins, "right", 1440)
    )
    return PageMeasures(text_width / 20, _font_size_pt(styles, TABLE_TEXT_STYLE))


def html_to_docx(document_html: str, reference_docx: Path, meta: DocxMeta) -> bytes:
    """Convert ``document_html`` (from ``annex_document_html``) to normalised DOCX bytes."""
    epoch = int(max(meta.timestamp, _ZIP_EPOCH).timestamp())
    measures = page_measures(reference_docx)
    command = [
        pandoc_path(),
        # Reads only the files named here: an image or link in the HTML that names a file
        # or a URL is not fetched (templates are checked for those too, with their line).
        "--sandbox",
        "--from=html",
        "--to=docx",
        f"--reference-doc={reference_docx}",
        f"--metadata=tenderpack-text-width-pt={measures.text_width_pt}",
        f"--metadata=tenderpack-table-text-pt={measures.table_text_pt}",
        *(f"--lua-filter={lua_filter}" for lua_filter in LUA_FILTERS),
        "--output=-",
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    result = subprocess.run(
        command, input=document_html.encode("utf-8"), capture_output=True, env=env, check=False
    )
    if result.returncode != 0:
        raise PandocError(
            result.stderr.decode("utf-8", "replace").strip() or f"pandoc exited {result.returncode}"
        )
    return normalise_docx(result.stdout, meta)


def core_properties(meta: DocxMeta) -> bytes:
    """docProps/core.xml written by us: the title and language Word shows, fixed dates."""
    stamp = max(meta.timestamp, _ZIP_EPOCH).strftime("%Y-%m-%dT%H:%M:%SZ")
    word = "Bijlage H" if meta.lang == "nl" else "Annex H"
    title = escape(f"{word} – {meta.reference} {meta.title}")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title>"
        f"<dc:creator>{escape(meta.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(meta.author)}</cp:lastModifiedBy>"
        f"<dc:language>{meta.lang}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def fill_placeholders(xml: bytes, meta: DocxMeta) -> bytes:
    """Put the tender's reference and title and the page words into a header or footer part."""
    page, of = _PAGE_WORDS[meta.lang]
    values = (meta.reference, meta.title, page, of)
    text = xml.decode("utf-8")
    for placeholder, value in zip(PLACEHOLDERS, values, strict=True):
        text = text.replace(placeholder, escape(value))
    return text.encode("utf-8")


def rows_kept_whole(xml: bytes) -> bytes:
    """Mark every table row "do not split across pages" (``w:cantSplit``).

    pandoc cannot say it, and without it a word processor breaks a department's row over
    two pages: its name on one, the rest of the name, and maybe the role, on the next.
    """
    text = xml.decode("utf-8")
    text = text.replace("<w:trPr>", "<w:trPr><w:cantSplit />")
    text = re.sub(r"<w:tr>(?!<w:trPr>)", "<w:tr><w:trPr><w:cantSplit /></w:trPr>", text)
    return text.encode("utf-8")


def normalise_docx(data: bytes, meta: DocxMeta) -> bytes:
    """Rewrite a DOCX: our core properties, filled placeholders, whole rows, fixed zip entries."""

    def transform(name: str, content: bytes) -> bytes:
        if name == "docProps/core.xml":
            return core_properties(meta)
        if name == "word/document.xml":
            return rows_kept_whole(content)
        if name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
            return fill_placeholders(content, meta)
        return content

    return rezip(data, meta.timestamp, transform)


def rezip(data: bytes, timestamp: dt.datetime, transform: Callable[[str, bytes], bytes]) -> bytes:
    """The same zip with every entry's time set to ``timestamp`` and fixed attributes.

    Zip entries otherwise carry the time of writing, the one thing that made two
    renderings of the same annex differ.
    """
    stamp = max(timestamp, _ZIP_EPOCH).astimezone(dt.UTC)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            target.writestr(
                info, transform(entry.filename, source.read(entry.filename)), compresslevel=9
            )
    return out.getvalue()
