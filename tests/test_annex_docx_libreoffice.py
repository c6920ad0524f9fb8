"""Every example annex DOCX, of both profiles, opened in a real LibreOffice (issue 12, point 7).

python-docx only reads back what we wrote; how a word processor lays it out is another
matter. pandoc gave the departments table four equal columns, and LibreOffice then broke
every 20-digit OIN over two lines and "Koninkrijksrelaties" mid-word. Here each example
tender's DOCX is converted to PDF by headless LibreOffice Writer (once per test session,
shared by the xdist workers) and the PDF's text is read back with pypdf: every OIN whole on
one line, no word of a table cell broken, and the headings, footnotes and the page-number
fields still there. First, checks on the DOCX's own table geometry that need no LibreOffice:
the OIN column holds 20 digits, no table passes the margin, widths follow the reference
document's page and a template's own widths are kept.

LibreOffice comes from ``scripts/ensure-libreoffice`` (``make check``). The LibreOffice tests
skip only where that script cannot install it (no apt, or not root); in CI a missing soffice is
a failure.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from docx import Document
from docx.shared import Inches, Pt
from pypdf import PdfReader

from tenderpack.cli import main
from tenderpack.outputs.annex.docx import (
    DocxMeta,
    PageMeasures,
    html_to_docx,
    page_measures,
)
from tenderpack.outputs.annex.templating import resolve_file
from tenderpack.outputs.annex.writer import REFERENCE_DOCX

ROOT = Path(__file__).resolve().parent.parent
# Example tenders of both profiles, all in tenders/.
EXAMPLES = sorted(ROOT.glob("tenders/*.yaml"))
PROFILE_ANNEXES = ("bijlage-h", "verzendspecificatie")  # digiinkoop, peppol-rijk
CONVERT_TIMEOUT_S = 600  # all documents in one LibreOffice run, its first start included
OIN = re.compile(r"(?<!\d)\d{20}(?!\d)")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_WORDS = {"nl": ("pagina", "van"), "en": ("page", "of")}

pytestmark = pytest.mark.slow


def _soffice() -> str:
    """LibreOffice's soffice; skip where ensure-libreoffice could not have installed it."""
    found = shutil.which("soffice")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        pytest.fail("no soffice, although apt is here: run scripts/ensure-libreoffice")
    pytest.skip("no LibreOffice (soffice) and no apt as root to install it")


@dataclass(frozen=True)
class Converted:
    """One example annex: the DOCX as written and its PDF as LibreOffice laid it out."""

    name: str
    docx: bytes
    pages: tuple[str, ...]  # the text of each PDF page
    outline: list[Any]  # the PDF's bookmarks, as pypdf gives them

    @property
    def lines(self) -> list[str]:
        return [" ".join(line.split()) for page in self.pages for line in page.splitlines()]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.pages).split())


def _convert_once(folder: Path) -> list[Path]:
    """Write every example's DOCX with the CLI and convert them all in one LibreOffice run."""
    docx_folder, pdf_folder = folder / "docx", folder / "pdf"
    done = folder / "done"
    if done.exists():
        return sorted(pdf_folder.glob("*.pdf"))
    soffice = _soffice()
    arguments = [str(path) for path in EXAMPLES]
    assert main(["annex", *arguments, "--format", "docx", "--out", str(docx_folder)]) == 0
    documents = sorted(docx_folder.glob("*.docx"))
    started = time.monotonic()
    subprocess.run(
        [
            soffice,
            # A profile of its own: no clash with a running LibreOffice or another session.
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf_folder),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=CONVERT_TIMEOUT_S,
    )
    seconds = time.monotonic() - started
    (folder / "seconds").write_text(f"{seconds:.2f} s for {len(documents)} documents\n")
    done.touch()
    return sorted(pdf_folder.glob("*.pdf"))


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> list[Converted]:
    """All example annexes through LibreOffice, once per session however many workers."""
    base = tmp_path_factory.getbasetemp()
    shared = (base if worker_id == "master" else base.parent) / "libreoffice"
    shared.mkdir(exist_ok=True)
    with (shared.parent / "libreoffice.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        pdfs = _convert_once(shared)
    results = []
    for pdf in pdfs:
        docx = (shared / "docx" / pdf.name).with_suffix(".docx").read_bytes()
        reader = PdfReader(pdf)
        pages = tuple(page.extract_text() for page in reader.pages)
        results.append(Converted(pdf.stem, docx, pages, reader.outline))
    return results


# --- The DOCX as written (no LibreOffice needed) ---------------------------------------------


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every example's DOCX as ``tenderpack annex`` writes it, by file stem."""
    out = tmp_path_factory.mktemp("docx")
    arguments = [str(path) for path in EXAMPLES]
    assert main(["annex", *arguments, "--format", "docx", "--out", str(out)]) == 0
    return {path.stem: path.read_bytes() for path in sorted(out.glob("*.docx"))}


@dataclass(frozen=True)
class LaidOutTable:
    """A table of a DOCX with the widths a word processor gives it, in twips."""

    indent: int
    columns: list[int]
    cells: list[list[ElementTree.Element]]  # rows of cells (w:tc)


def _tables(docx: bytes) -> tuple[int, list[LaidOutTable]]:
    """The text width of the DOCX's page and its tables, laid out on it (all in twips)."""
    body = _docx_part(docx, "word/document.xml")
    section = body.find(f"{W}body/{W}sectPr")
    assert section is not None
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    assert size is not None and margins is not None
    text_width = int(size.get(f"{W}w", 0)) - int(margins.get(f"{W}left", 0))
    text_width -= int(margins.get(f"{W}right", 0))
    tables = []
    for table in body.iter(f"{W}tbl"):
        width = table.find(f"{W}tblPr/{W}tblW")
        assert width is not None and width.get(f"{W}type") == "pct"  # widths were set
        total = text_width * int(width.get(f"{W}w", 0)) / 5000
        indent = table.find(f"{W}tblPr/{W}tblInd")
        grid = [int(col.get(f"{W}w", 0)) for col in table.iter(f"{W}gridCol")]
        columns = [int(total * col / sum(grid)) for col in grid]
        rows = [list(row.iter(f"{W}tc")) for row in table.iter(f"{W}tr")]
        tables.append(
            LaidOutTable(0 if indent is None else int(indent.get(f"{W}w", 0)), columns, rows)
        )
    return text_width, tables


# 20 digits of DejaVu Sans (0.636 em, LibreOffice's stand-in for Word's fonts) at the
# reference document's 10 pt table text, plus the table style's cell margins: in twips.
OIN_COLUMN_TWIPS = round(20 * 0.636 * 10 * 20) + 2 * 108


def test_oin_columns_are_wide_enough_for_twenty_digits(written: dict[str, bytes]) -> None:
    """Fails on pandoc's equal columns (1,980 twips); runs without LibreOffice."""
    assert {name.rsplit("-", 1)[-1] for name in written} >= {"h", "verzendspecificatie"}
    for name, docx in written.items():
        _, tables = _tables(docx)
        assert tables, name
        for table in tables:
            for row in table.cells[1:]:
                for column, cell in enumerate(row):
                    if OIN.fullmatch(_text(cell)):
                        assert table.columns[column] >= OIN_COLUMN_TWIPS, (name, table.columns)


def test_tables_stay_inside_the_margins(written: dict[str, bytes]) -> None:
    """pandoc indents a table in a list; a full-width table would then pass the margin."""
    for name, docx in written.items():
        text_width, tables = _tables(docx)
        for table in tables:
            assert table.indent + sum(table.columns) <= text_width, name


def test_table_cells_take_the_table_text_style(written: dict[str, bytes]) -> None:
    for name, docx in written.items():
        _, tables = _tables(docx)
        styles = {
            style.get(f"{W}val")
            for table in tables
            for row in table.cells
            for cell in row
            for style in cell.iter(f"{W}pStyle")
        }
        assert styles == {"TableText"}, name


def test_table_rows_may_not_split_across_pages(written: dict[str, bytes]) -> None:
    for name, docx in written.items():
        rows = list(_docx_part(docx, "word/document.xml").iter(f"{W}tr"))
        assert rows, name
        for row in rows:
            assert row.find(f"{W}trPr/{W}cantSplit") is not None, name


def _table_html(columns: str = "") -> str:
    """A standalone annex-like page with one table of a long name and an OIN."""
    return (
        '<!DOCTYPE html><html lang="nl"><head><title>t</title></head><body>'
        f"<table>{columns}<thead><tr><th>Naam</th><th>OIN</th></tr></thead><tbody>"
        "<tr><td>Ministerie van Binnenlandse Zaken en Koninkrijksrelaties</td>"
        "<td>00000001003214345000</td></tr></tbody></table></body></html>"
    )


META = DocxMeta("nl", "2027-X-1", "t", "a", dt.datetime(2027, 1, 1, tzinfo=dt.UTC))


def test_widths_a_template_gives_are_kept() -> None:
    columns = '<colgroup><col style="width: 70%"><col style="width: 30%"></colgroup>'
    reference = resolve_file(REFERENCE_DOCX, None)
    _, (table,) = _tables(html_to_docx(_table_html(columns), reference, META))
    assert abs(table.columns[0] / sum(table.columns) - 0.7) < 0.01


def test_columns_fit_the_page_of_another_reference_document(tmp_path: Path) -> None:
    """A project's own reference: US Letter with 1 inch margins and 12 pt table text."""
    document = Document(str(resolve_file(REFERENCE_DOCX, None)))
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    document.styles["Table Text"].font.size = Pt(12)
    reference = tmp_path / "reference.docx"
    document.save(str(reference))
    assert page_measures(reference) == PageMeasures(468.0, 12.0)
    text_width, (table,) = _tables(html_to_docx(_table_html(), reference, META))
    assert text_width == 9360
    assert table.columns[1] >= round(20 * 0.636 * 12 * 20) + 2 * 108
    assert sum(table.columns) <= text_width


# --- The DOCX through LibreOffice ------------------------------------------------------------


def test_every_example_of_both_profiles_converts(converted: list[Converted]) -> None:
    names = [document.name for document in converted]
    assert len(names) == len(EXAMPLES)
    for annex in PROFILE_ANNEXES:
        assert any(name.endswith(f"-{annex}") for name in names), annex


def _each(converted: list[Converted]) -> Iterator[Converted]:
    assert converted
    yield from converted


def _docx_part(docx: bytes, part: str) -> ElementTree.Element:
    with zipfile.ZipFile(BytesIO(docx)) as archive:
        return ElementTree.fromstring(archive.read(part))


def _text(element: ElementTree.Element) -> str:
    """The text of a piece of WordprocessingML (runs joined as Word shows them)."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def test_each_oin_is_whole_on_one_line(converted: list[Converted]) -> None:
    """Counted per OIN: the authority's OIN in the particulars cannot hide a broken copy."""
    for document in _each(converted):
        written = OIN.findall(_text(_docx_part(document.docx, "word/document.xml")))
        assert len(written) >= 2, document.name  # the authority and at least one unit
        laid_out = [oin for line in document.lines for oin in OIN.findall(line)]
        assert sorted(laid_out) == sorted(written), document.name


def _written_words(docx: bytes) -> set[str]:
    """Every word the DOCX holds, in its body, notes, header and footer."""
    with zipfile.ZipFile(BytesIO(docx)) as archive:
        parts = [name for name in archive.namelist() if re.fullmatch(r"word/\w+\.xml", name)]
    return {
        word
        for part in parts
        for paragraph in _docx_part(docx, part).iter(f"{W}p")
        for word in _text(paragraph).split()
    }


def test_no_word_of_a_table_is_broken(converted: list[Converted]) -> None:
    """A column narrower than its longest word makes LibreOffice break inside the word.

    Seen as a fragment: a piece of text on a line of the PDF that the DOCX never holds as a
    word but that begins or ends a word of a table ("Koninkrijksrel", "aties"). Looking for
    the whole word would not do: the same word is usually whole elsewhere in the text.
    """
    for document in _each(converted):
        table_words = {
            word
            for table in Document(BytesIO(document.docx)).tables
            for row in table.rows
            for cell in row.cells
            for word in cell.text.split()
        }
        assert table_words, document.name
        written = _written_words(document.docx)
        fragments = sorted(
            piece
            for piece in {piece for line in document.lines for piece in line.split()}
            if len(piece) >= 3
            and piece not in written
            and any(
                word != piece and piece in (word[: len(piece)], word[-len(piece) :])
                for word in table_words
            )
        )
        assert fragments == [], document.name


def test_each_table_row_is_on_one_page(converted: list[Converted]) -> None:
    """A row cut by a page break leaves part of a cell's text on each page."""
    for document in _each(converted):
        pages = ["".join(page.split()) for page in document.pages]
        for table in Document(BytesIO(document.docx)).tables:
            for row in table.rows:
                cells = ["".join(cell.text.split()) for cell in row.cells]
                assert any(all(cell in page for cell in cells) for page in pages), (
                    document.name,
                    [cell.text for cell in row.cells],
                )


def _outline(entries: list[Any], level: int = 1) -> Iterator[tuple[int, str]]:
    """The PDF's bookmarks as (level, title), in order; pypdf nests a level as a list."""
    for entry in entries:
        if isinstance(entry, list):
            yield from _outline(entry, level + 1)
        else:
            yield level, " ".join(str(entry.title).split())


def test_headings_survive_as_headings(converted: list[Converted]) -> None:
    """Word's heading styles, read by LibreOffice as headings: the PDF's bookmark tree."""
    for document in _each(converted):
        headings = [
            (int(paragraph.style.name.removeprefix("Heading ")), " ".join(paragraph.text.split()))
            for paragraph in Document(BytesIO(document.docx)).paragraphs
            if paragraph.style is not None and paragraph.style.name.startswith("Heading ")
        ]
        assert len(headings) >= 3, document.name
        assert list(_outline(document.outline)) == headings, document.name
        lines = document.lines
        for _, heading in headings:
            assert any(heading in line for line in lines), (document.name, heading)


def test_footnotes_survive(converted: list[Converted]) -> None:
    for document in _each(converted):
        notes = [
            _text(note)
            for note in _docx_part(document.docx, "word/footnotes.xml").iter(f"{W}footnote")
            if int(note.get(f"{W}id", "0")) > 0  # -1 and 0 are the separator lines
        ]
        assert notes, document.name
        # Compared without white space: a note's lines break wherever the page allows.
        laid_out = "".join(document.text.split())
        for note in notes:
            assert "".join(note.split()) in laid_out, (document.name, note)


def test_page_number_fields_are_computed_on_every_page(converted: list[Converted]) -> None:
    """The footer's PAGE and NUMPAGES fields: "pagina 2 van 4" on the second of four pages."""
    for document in _each(converted):
        lang = Document(BytesIO(document.docx)).core_properties.language
        page, of = PAGE_WORDS[lang]
        count = len(document.pages)
        assert count >= 2, document.name
        for number, text in enumerate(document.pages, start=1):
            assert f"{page} {number} {of} {count}" in " ".join(text.split()), (
                document.name,
                number,
            )
