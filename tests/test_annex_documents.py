"""The annex PDF and DOCX, read back with pypdf and python-docx: same text as the HTML,
PDF/UA identification, page numbers, Word styles, a real table, reproducible bytes."""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tenderpack.outputs.annex import annex_document_html
from tenderpack.outputs.annex.docx import html_to_docx
from tenderpack.outputs.annex.pdf import font_with_created_as_modified, html_to_pdf
from tenderpack.outputs.annex.templating import resolve_file
from tenderpack.outputs.annex.writer import REFERENCE_DOCX, _docx_meta
from tenderpack.tender.pack import TenderPack
from tests.test_annex_support import (
    ALL_CLAUSES,
    CATALOGUE,
    DIGIPOORT,
    FULL_TENDER,
    MINIMAL_TENDER,
    NOT_ON_SYSTEM,
    SEVERAL_DEPARTMENTS,
    docx_document,
    docx_text,
    docx_xml_text,
    flat,
    html_text,
    make_pack,
    pdf_body_text,
    pdf_pages,
    tender_text,
    words,
)

HOSTILE_TITLE = (
    "<script>alert(1)</script> {{ 7*7 }} **vet** [x](http://e.example) "
    ':ref:`y` .. raw:: html -- "q"'
)


@dataclass
class Rendered:
    pack: TenderPack
    html: str
    pdf: bytes
    docx: bytes

    @property
    def running_header(self) -> str:
        return f"{self.pack.reference} – {self.pack.tender.title}"


def render(pack: TenderPack) -> Rendered:
    html = annex_document_html(pack)
    reference = resolve_file(REFERENCE_DOCX, None)
    return Rendered(pack, html, html_to_pdf(html), html_to_docx(html, reference, _docx_meta(pack)))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tenders")


@pytest.fixture(scope="module")
def full(folder: Path) -> Rendered:
    return render(make_pack(folder, FULL_TENDER, "full.yaml"))


@pytest.fixture(scope="module")
def minimal(folder: Path) -> Rendered:
    return render(make_pack(folder, MINIMAL_TENDER, "minimal.yaml"))


@pytest.fixture(scope="module")
def english(folder: Path) -> Rendered:
    text = tender_text(
        FULL_TENDER,
        ("language: nl", "language: en"),
        ("reference: 2027-TEST-0100", "reference: 2027-TEST-0300"),
    )
    return render(make_pack(folder, text, "english.yaml"))


@pytest.fixture(scope="module")
def hostile(folder: Path) -> Rendered:
    quoted = HOSTILE_TITLE.replace("'", "''")
    text = tender_text(FULL_TENDER, ("title: Raamovereenkomst testdiensten", f"title: '{quoted}'"))
    return render(make_pack(folder, text, "hostile.yaml"))


def pdf_root(data: bytes) -> Any:
    return PdfReader(BytesIO(data)).trailer["/Root"]


def pdf_info(data: bytes) -> Any:
    return PdfReader(BytesIO(data)).metadata


def all_three(rendered: Rendered) -> Iterator[tuple[str, str]]:
    yield "html", flat(html_text(rendered.html))
    yield "pdf", flat(pdf_body_text(rendered.pdf, rendered.running_header))
    yield "docx", flat(docx_text(rendered.docx))


# --- the same text everywhere ------------------------------------------------------------------


@pytest.mark.parametrize("case", ["full", "minimal", "english"])
def test_html_pdf_and_docx_carry_the_same_words(case: str, request: pytest.FixtureRequest) -> None:
    rendered: Rendered = request.getfixturevalue(case)
    html, pdf, docx = (words(text) for _, text in all_three(rendered))
    assert sum(html.values()) > 1000
    assert pdf - html == {} and html - pdf == {}
    assert docx - html == {} and html - docx == {}


def test_every_clause_is_in_every_format(full: Rendered) -> None:
    for fmt, text in all_three(full):
        missing = [clause for clause in ALL_CLAUSES if flat(clause) not in text]
        assert missing == [], fmt


def test_omitted_clauses_are_absent_from_every_format(minimal: Rendered) -> None:
    for fmt, text in all_three(minimal):
        present = [
            c
            for c in DIGIPOORT + CATALOGUE + SEVERAL_DEPARTMENTS + NOT_ON_SYSTEM
            if flat(c) in text
        ]
        assert present == [], fmt


def test_filled_values_are_in_every_format(full: Rendered) -> None:
    values = [
        "2027-TEST-0100",
        "Raamovereenkomst testdiensten",
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "inkoop-test@minbzk.example",
        "Ministerie van Justitie en Veiligheid",
        "00000001003214369000",
        "uiterlijk 15 juli 2027",
        "uiterlijk 1 september 2027",
        "UBL-OHNL",
        "Klantorderkanaal",
    ]
    for fmt, text in all_three(full):
        assert [value for value in values if value not in text] == [], fmt


def test_values_show_literally_in_pdf_and_docx(hostile: Rendered) -> None:
    pdf = flat(pdf_body_text(hostile.pdf, hostile.running_header))
    docx = flat(docx_text(hostile.docx))
    assert HOSTILE_TITLE.replace(" ", "") in pdf.replace(
        " ", ""
    )  # a line may break after "http://"
    assert HOSTILE_TITLE in docx
    assert hostile.running_header in pdf_pages(hostile.pdf)[0]
    document = docx_document(hostile.docx)
    assert all(
        run.bold is not True for p in document.paragraphs for run in p.runs if "vet" in run.text
    )
    with zipfile.ZipFile(BytesIO(hostile.docx)) as archive:
        header = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("word/header")
        )
        core = archive.read("docProps/core.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in header and "<script>" not in header
    assert "&lt;script&gt;" in core


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_is_pdf_ua_1_with_language_title_and_structure(full: Rendered) -> None:
    reader = PdfReader(BytesIO(full.pdf))
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', xmp)
    assert "Bijlage H – 2027-TEST-0100 Raamovereenkomst testdiensten" in xmp
    assert str(reader.metadata and reader.metadata.title).startswith("Bijlage H – 2027-TEST-0100")


def test_pdf_struct_tree_holds_headings_lists_and_the_table(full: Rendered) -> None:
    data = full.pdf
    reader = PdfReader(BytesIO(data))
    tags: set[str] = set()

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                tags.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid)

    root: Any = reader.trailer["/Root"]
    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"} <= tags


def test_pdf_is_a4_with_running_header_and_page_x_of_y(full: Rendered, english: Rendered) -> None:
    pages = pdf_pages(full.pdf)
    total = len(pages)
    assert total >= 3
    reader = PdfReader(BytesIO(full.pdf))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines()]
        assert f"pagina {number} van {total}" in lines
        assert full.running_header in lines
    assert "pagina 1 van " + str(total) in pages[0]
    english_pages = pdf_pages(english.pdf)
    assert f"page 1 of {len(english_pages)}" in english_pages[0]
    assert pdf_root(english.pdf)["/Lang"] == "en"


@pytest.mark.parametrize("case", ["full", "minimal"])
def test_pdf_keeps_the_departments_sentence_caption_and_table_together(
    case: str, request: pytest.FixtureRequest
) -> None:
    rendered: Rendered = request.getfixturevalue(case)
    pages = [flat(page) for page in pdf_pages(rendered.pdf)]
    first = rendered.pack.departments[0]
    row = f"{first.abbreviation} {first.oin}"  # as the table row reads, unlike the particulars
    parts = ["rijksdienstonderdelen inkoopberichten:", "Deelnemende rijksdienstonderdelen", row]
    on_pages = [[i for i, page in enumerate(pages) if part in page] for part in parts]
    assert len({tuple(found) for found in on_pages}) == 1 and len(on_pages[0]) == 1, on_pages


def test_pdf_and_docx_are_byte_identical_when_rendered_again(folder: Path, full: Rendered) -> None:
    again = render(make_pack(folder, FULL_TENDER, "full.yaml"))
    assert again.html == full.html
    assert again.pdf == full.pdf
    assert again.docx == full.docx


def _embedded_fonts(pdf: bytes) -> list[bytes]:
    """The font programs (FontFile2/FontFile3) the PDF embeds."""
    reader = PdfReader(BytesIO(pdf))
    found: dict[str, bytes] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts: Any = resources["/Font"]
        for reference in fonts.values():
            font = reference.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                found[str(font["/BaseFont"])] = program.get_object().get_data()
    return [found[name] for name in sorted(found)]


def _into_the_next_second() -> None:
    """Wait until the clock's second has changed: what the renders must not depend on."""
    time.sleep(1.01 - time.time() % 1)


@pytest.mark.parametrize("subsetter", ["harfbuzz", "fonttools"])
def test_pdf_bytes_do_not_depend_on_the_clock_or_the_memory_of_the_process(
    subsetter: str,
    full: Rendered,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without HarfBuzz-Subset 4.1 or newer (Ubuntu 22.04 has 2.7; this machine lacked
    libharfbuzz-subset0 until it was installed), WeasyPrint subsets fonts with fontTools,
    whose ``save()`` writes the current second into each font's ``head.modified``. Two
    renders a second apart then differed in their font streams only; it looked like a
    memory-layout effect because allocating 100,000 objects between two renders in one
    process took the second render past a tick. Here the tick is certain, not luck.
    """
    import weasyprint.pdf.fonts

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # fontTools would use it as "now"
    if subsetter == "fonttools":
        # WeasyPrint's own fallback, as it runs where the library is absent.
        monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    first = html_to_pdf(full.html)
    allocated = [object() for _ in range(100_000)]
    _into_the_next_second()
    second = html_to_pdf(full.html)
    assert len(allocated) == 100_000
    assert ("Using fontTools" in caplog.text) is (subsetter == "fonttools")
    assert first == second
    if subsetter == "harfbuzz":
        assert first == full.pdf
    for program in _embedded_fonts(first):
        font = TTFont(BytesIO(program), checkChecksums=2)  # checksums still right
        assert font["head"].modified == font["head"].created


def test_a_fonts_modified_date_is_set_as_fonttools_would_write_it(full: Rendered) -> None:
    """Only head.modified and the two checksums change: byte for byte what fontTools writes."""
    program = _embedded_fonts(full.pdf)[0]

    def saved(modified_after_created: int) -> bytes:
        font = TTFont(BytesIO(program), recalcTimestamp=False)
        font["head"].modified = font["head"].created + modified_after_created
        out = BytesIO()
        font.save(out)
        return out.getvalue()

    stamped, unstamped = saved(123_456_789), saved(0)
    assert stamped != unstamped
    assert font_with_created_as_modified(stamped) == unstamped
    assert font_with_created_as_modified(unstamped) == unstamped
    assert font_with_created_as_modified(b"ttcf" + stamped[4:]) == b"ttcf" + stamped[4:]


def test_document_dates_come_from_source_date_epoch_else_the_award(
    folder: Path, full: Rendered, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pdf_info(full.pdf)["/CreationDate"] == "D:20270315000000Z"
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2027-03-15T00:00:00Z' in docx_xml_core(
        full.docx
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    stamped = render(make_pack(folder, FULL_TENDER, "full.yaml"))
    assert pdf_info(stamped.pdf)["/ModDate"] == "D:20231114221320Z"
    assert "2023-11-14T22:13:20Z" in docx_xml_core(stamped.docx)
    with zipfile.ZipFile(BytesIO(stamped.docx)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def docx_xml_core(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read("docProps/core.xml").decode()


# --- DOCX ------------------------------------------------------------------------------------


def test_docx_uses_word_heading_styles(full: Rendered) -> None:
    document = docx_document(full.docx)
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Bijlage H – DigiInkoop"),
        ("Heading 2", "Achtergrondinformatie Rijksinkoopportaal"),
        ("Heading 2", "Aansluiting op DigiInkoop"),
        ("Heading 2", "Eisen/Algemene uitgangspunten"),
        ("Heading 2", "Technische eisen"),
    ]
    assert document.paragraphs[0].style.name == "Heading 1"  # no extra title block above it


def test_docx_lists_are_word_numbering(full: Rendered) -> None:
    document = docx_document(full.docx)
    numbered = [
        p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    texts = [p.text for p in numbered]
    assert any(t.startswith("Aansluiting op het Leveranciersportaal van DigiInkoop") for t in texts)
    assert any(t.startswith("Inkoopovereenkomsten bedienen") for t in texts)
    levels = {p._p.pPr.numPr.ilvl.val for p in numbered}
    assert {0, 1, 2} <= levels  # bullets, sub-bullets (o) and the channel's sub-sub-bullets


def test_docx_departments_are_a_real_table(full: Rendered) -> None:
    document = docx_document(full.docx)
    assert len(document.tables) == 1
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows == [
        ["Naam", "Afkorting", "OIN", "Aangesloten op DigiInkoop"],
        ["Ministerie van Buitenlandse Zaken", "BZ", "00000001003227406000", "ja"],
        ["Ministerie van Justitie en Veiligheid", "JenV", "00000001003214369000", "nee"],
    ]


def test_docx_footnotes_are_word_footnotes(full: Rendered) -> None:
    notes = docx_xml_text(full.docx, "word/footnotes.xml")
    assert "Specificatie van deelnemende rijksorganisaties" in notes
    assert "Vanaf 1 juli 2016 zijn papieren en PDF facturen" in notes
    with zipfile.ZipFile(BytesIO(full.docx)) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<w:footnoteReference ") == 2


def test_docx_header_and_footer_have_title_and_page_fields(
    full: Rendered, english: Rendered
) -> None:
    section = docx_document(full.docx).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == full.running_header
    footer_xml = section.footer._element.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer_xml)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer_xml)
    footer = section.footer.paragraphs[0].text
    assert footer.startswith("pagina ") and " van " in footer and "[[" not in footer
    english_footer = docx_document(english.docx).sections[0].footer.paragraphs[0].text
    assert english_footer.startswith("page ") and " of " in english_footer


def test_docx_core_properties_name_the_annex(full: Rendered) -> None:
    properties = docx_document(full.docx).core_properties
    assert properties.title == "Bijlage H – 2027-TEST-0100 Raamovereenkomst testdiensten"
    assert properties.language == "nl"
    assert properties.author == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"


def test_reference_docx_is_versioned_and_rebuilt_reproducibly() -> None:
    from tenderpack.outputs.annex.reference_docx import VERSION, build_reference_docx

    committed = resolve_file(REFERENCE_DOCX, None)
    assert committed.name == f"reference-v{VERSION}.docx"
    document = docx_document(committed.read_bytes())
    assert document.core_properties.version == str(VERSION)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "[[reference]] – [[title]]"
    assert "NUMPAGES" in section.footer._element.xml
    assert build_reference_docx() == build_reference_docx()
