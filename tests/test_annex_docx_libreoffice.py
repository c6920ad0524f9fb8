"""Every example annex DOCX, of both profiles, opened in a real LibreOffice (issue 12, point 7).

python-docx only reads back what we wrote; how a word processor lays it out is another
matter. pandoc gave the departments table four equal columns, and LibreOffice then broke
every 20-digit OIN over two lines and "Koninkrijksrelaties" mid-word. Here each example
tender's DOCX is converted to PDF by headless LibreOffice Writer (once per test session,
shared by the xdist workers) and the PDF's text is read back with pypdf: every OIN whole on
one line, no word of a table cell broken, and the headings, footnotes and the page-number
fields still there.

LibreOffice comes from ``scripts/ensure-libreoffice`` (``make check``). These tests skip
only where that script cannot install it (no apt, or not root); in CI a missing soffice is
a failure.
"""

from __future__ import annotations

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
from pypdf import PdfReader

from tenderpack.cli import main

ROOT = Path(__file__).resolve().parent.parent
# Example tenders of both profiles: the site's own, and the peppol-rijk examples.
EXAMPLES = sorted(ROOT.glob("tenders/*.yaml")) + sorted(ROOT.glob("examples/*/*.yaml"))
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


def test_no_word_of_a_table_is_broken(converted: list[Converted]) -> None:
    """A column narrower than its longest word makes LibreOffice break inside the word."""
    for document in _each(converted):
        words = {
            word
            for table in Document(BytesIO(document.docx)).tables
            for row in table.rows
            for cell in row.cells
            for word in cell.text.split()
        }
        assert words, document.name
        laid_out = {word for line in document.lines for word in line.split()}
        assert sorted(words - laid_out) == [], document.name


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
