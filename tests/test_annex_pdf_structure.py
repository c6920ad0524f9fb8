"""The annex PDF's structure tree, read back with pikepdf, against the PDF/UA-1 rules of
veraPDF (tests/pdf_structure.py) and against the annex HTML it was made from.

Run on the annex of every example tender of every profile, made by ``tenderpack annex`` as an
officer makes it. Each test names the veraPDF rule (ISO 14289-1 clause-test) it stands for.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests import pdf_structure as ps

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "tenders"  # the example tenders of every profile


@dataclass
class Annex:
    name: str
    pdf: bytes
    html: BeautifulSoup
    structure: ps.Structure

    @property
    def article(self) -> Tag:
        found = self.html.find("article")
        assert isinstance(found, Tag)
        return found


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def annexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Annex]:
    out = tmp_path_factory.mktemp("annexes")
    tenderpack = Path(sys.executable).with_name("tenderpack")
    subprocess.run(
        [
            str(tenderpack),
            "annex",
            *map(str, _examples()),
            "--format",
            "html,pdf",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    found = {}
    for pdf in sorted(out.glob("*.pdf")):
        data = pdf.read_bytes()
        html = BeautifulSoup(pdf.with_suffix(".html").read_text("utf-8"), "html.parser")
        found[pdf.stem] = Annex(pdf.stem, data, html, ps.read(data))
    return found


NAMES = [
    "2026-VWS-0019-bijlage-h",
    "2027-BZK-0042-bijlage-h",
    "2027-IenW-0107-bijlage-h",
    "2027-JenV-0311-bijlage-h",
    "2027-BZK-0117-verzendspecificatie",
    "2027-EZ-0058-verzendspecificatie",
]


@pytest.fixture(params=NAMES)
def annex(request: pytest.FixtureRequest, annexes: dict[str, Annex]) -> Annex:
    name: str = request.param
    return annexes[name]


def test_every_example_tender_of_both_profiles_is_checked(annexes: dict[str, Annex]) -> None:
    assert sorted(annexes) == sorted(NAMES), "a tender was added or moved: list it in NAMES"
    assert {n.split("-", 3)[-1] for n in annexes} == {"bijlage-h", "verzendspecificatie"}


def _why(annex: Annex) -> str:
    return f"{annex.name}:\n{ps.outline(annex.structure)}"


def test_all_content_is_in_the_tree_or_an_artifact(annex: Annex) -> None:
    """veraPDF 7.1-3: the running header and "pagina X van Y" are Pagination artifacts;
    every other marked-content item is reachable from StructTreeRoot."""
    s = annex.structure
    assert ps.content_outside_the_tree(s) == []
    furniture = [c for c in s.content if c.tag == "Artifact" and c.properties]
    texts = [c.text for c in furniture if c.properties.get("/Type") == "/Pagination"]
    pages = len(s.pdf.pages)
    assert sum(bool(re.fullmatch(r"(pagina|page) \d+ (van|of) \d+", t)) for t in texts) == pages
    assert len(texts) == 2 * pages  # the running header and the page number on each page
    assert ps.unreachable_elements(s) == 0


def test_artifacts_and_tagged_content_do_not_nest(annex: Annex) -> None:
    """veraPDF 7.1-1 and 7.1-2."""
    assert ps.tagged_inside_artifacts(annex.structure) == []


def test_list_items_hold_a_label_and_one_body(annex: Annex) -> None:
    """veraPDF 7.2-20 (LI holds only Lbl and LBody), strictly: Lbl? LBody."""
    assert ps.list_items_not_lbl_lbody(annex.structure) == [], _why(annex)


def test_lists_hold_list_items_and_items_sit_in_lists(annex: Annex) -> None:
    """veraPDF 7.2-17 (LI in L), 7.2-18 (LBody in LI) and 7.2-19 (L holds L, LI, Caption)."""
    assert ps.list_items_outside_lists(annex.structure) == [], _why(annex)
    assert ps.lists_holding_other_things(annex.structure) == [], _why(annex)


def test_one_structure_for_the_document_not_one_per_page(annex: Annex) -> None:
    """ISO 14289-1 7.1 (logical structure reflects the document, not its pages): one Art for
    the one article, as many Sect as sections and as many L as lists in the HTML, whatever
    the page breaks."""
    s, html = annex.structure, annex.article
    counts = s.counts()
    assert counts["Art"] == 1
    assert counts["Sect"] == len(html.find_all("section"))
    assert counts["L"] == len(html.find_all(["ul", "ol", "dl"])) - len(
        html.select('[role="doc-endnotes"] ol')
    )
    assert counts["Document"] == 1
    assert [e.type for e in s.document.kids] == ["Art"]


def test_the_tree_reads_the_html_text_in_the_html_order(annex: Annex) -> None:
    """ISO 14289-1 7.2 (logical reading order): following the tree gives exactly the
    article's text, so every MCID sits in the element its text belongs to."""
    assert _norm(ps.reading_text(annex.structure)) == _norm(annex.article.get_text())


def test_headings_start_at_h1_and_skip_no_level(annex: Annex) -> None:
    """veraPDF 7.4.2-1."""
    assert ps.headings_out_of_order(annex.structure) == []


def test_footnotes_are_notes_with_an_id_that_their_call_links_to(annex: Annex) -> None:
    """veraPDF 7.9-1 and 7.9-2 (a Note has a unique ID), and each call links to its note."""
    s = annex.structure
    notes = annex.article.select('[role="doc-endnotes"] li[id]')
    assert ps.notes_without_unique_id(s) == []
    assert sorted(e.id or "" for e in s.elements("Note")) == sorted(str(n["id"]) for n in notes)
    linked = {dest for _, dest in ps.link_destinations(s)}
    for note in s.elements("Note"):
        assert note.id in linked, f"no call links to {note.id}"
        assert all(a.type not in ("L", "LI") for a in _ancestors(note)), _why(annex)
    for call in annex.article.select('[role="doc-noteref"]'):
        number = call.get_text(strip=True)
        holder = next(e for e in s.elements("Note") if e.id == str(call["href"])[1:])
        assert s.text_of(holder).lstrip().startswith(number)


def _ancestors(element: ps.Element) -> list[ps.Element]:
    found = []
    while element.parent is not None:
        element = element.parent
        found.append(element)
    return found


def test_link_annotations_are_in_link_elements(annex: Annex) -> None:
    """veraPDF 7.18.5-1, also for the footnote calls (a link around a superscript)."""
    assert ps.links_outside_link_elements(annex.structure) == 0


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\u2010", "").replace("\u00ad", "")


def test_particulars_keep_each_term_with_its_value(annex: Annex) -> None:
    """ISO 14289-1 7.2 (structure conveys meaning): each term of the particulars list is the
    Lbl of a list item whose LBody is its value, as the HTML's dt/dd pair says."""
    s = annex.structure
    items = [
        (_norm(s.text_of(li.kids[0])), _norm(s.text_of(li.kids[-1])))
        for li in s.elements("LI")
        if li.kid_types() == ["Lbl", "LBody"]
    ]
    particulars = annex.article.select_one("dl.particulars")
    assert particulars is not None
    for dt in particulars.find_all("dt"):
        dd = dt.find_next_sibling("dd")
        assert dd is not None
        pair = (_norm(dt.get_text()), _norm(dd.get_text()))
        assert pair in items, f"{pair} not paired in {annex.name}"


ENGLISH = ("2027-JenV-0311-bijlage-h", "2027-BZK-0117-verzendspecificatie")


def test_text_in_the_other_language_carries_its_lang(annex: Annex) -> None:
    """veraPDF 7.2-34 (the language of all text can be determined), for the words the
    template marks as being in the other language (lang="..." inside the article)."""
    s = annex.structure
    marked = [
        e for e in annex.article.find_all(lang=True) if e is not annex.article and e.name != "html"
    ]
    if annex.name in ENGLISH:
        assert marked, "the English annex names Dutch pages and portals: mark them"
    document_lang = str(annex.article["lang"])
    assert s.document.kids[0].language(s.lang) == document_lang
    for element in marked:
        want = (str(element["lang"]), _norm(element.get_text()))
        found = [(e.lang, _norm(s.text_of(e))) for e in s.elements() if e.lang and e.lang != s.lang]
        assert want in found, f"{want} has no /Lang in {annex.name}"


# --- Page breaks the example annexes do not happen to have, on purpose-made HTML ---------

_LONG = " ".join(f"woord{n}" for n in range(400))
_PAGE_BREAKS = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Pagina-einden</title>
<style>
@page {{ size: A6; margin: 12mm; @bottom-right {{ content: counter(page) }} }}
body {{ font: 9pt sans-serif }}
.plain {{ list-style: none }}
</style></head>
<body><article lang="nl">
<h1>Pagina-einden</h1>
<section><h2>Een alinea over drie pagina's</h2><p>{_LONG}</p></section>
<section><h2>Een lijst</h2>
<ul><li><p>Eerste punt.</p><p>{_LONG[:1500]}</p><ul><li>Genest punt.</li></ul></li>
<li>Tweede punt.</li></ul>
<ul class="plain"><li>Zonder bolletje.</li></ul></section>
<section><h2>Een tabel</h2>
<table><caption>Rijen</caption>
<thead><tr><th scope="col">Naam</th><th scope="col">Waarde</th></tr></thead>
<tbody>{"".join(f"<tr><th scope='row'>rij {n}</th><td>{n}</td></tr>" for n in range(60))}</tbody>
</table></section>
<p>Een <span lang="en">English phrase</span> in Dutch.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def page_breaks() -> tuple[BeautifulSoup, ps.Structure]:
    from tenderpack.outputs.annex.pdf import html_to_pdf

    return BeautifulSoup(_PAGE_BREAKS, "html.parser"), ps.read(html_to_pdf(_PAGE_BREAKS))


def test_an_element_across_page_breaks_is_one_element(
    page_breaks: tuple[BeautifulSoup, ps.Structure],
) -> None:
    """ISO 14289-1 7.1: the paragraph on three pages is one P, referencing its content on
    the later pages by marked-content reference; lists and the table are one each."""
    html, s = page_breaks
    long = [e for e in s.elements("P") if "woord399" in s.text_of(e)]
    assert len(long) == 1 and len(ps.pages_of(long[0])) >= 2
    assert s.count("Sect") == 3 and s.count("Table") == 1
    assert s.count("L") == len(html.find_all("ul"))
    assert s.count("LI") == len(html.find_all("li"))
    article = html.find("article")
    assert isinstance(article, Tag)
    assert _norm(ps.reading_text(s)) == _norm(article.get_text())


def test_list_items_across_pages_and_without_bullets_hold_one_body(
    page_breaks: tuple[BeautifulSoup, ps.Structure],
) -> None:
    """veraPDF 7.2-17 to 7.2-20 for an item crossing a page, a nested list (inside the
    item's LBody, after its text) and an item with list-style none (no Lbl)."""
    _, s = page_breaks
    assert ps.list_items_not_lbl_lbody(s) == []
    assert ps.list_items_outside_lists(s) == [] and ps.lists_holding_other_things(s) == []
    first = next(e for e in s.elements("LI") if s.text_of(e).lstrip("• ").startswith("Eerste"))
    body = first.kids[-1]
    assert body.type == "LBody" and body.kid_types()[-1] == "L"
    plain = next(e for e in s.elements("LI") if "Zonder bolletje" in s.text_of(e))
    assert plain.kid_types() == ["LBody"]


def test_a_table_header_repeated_on_a_later_page_is_an_artifact(
    page_breaks: tuple[BeautifulSoup, ps.Structure],
) -> None:
    """veraPDF 7.1-3 and 7.2-11 (one THead): the header WeasyPrint repeats on each page is
    Pagination; the tree holds it once, row headers carry Scope Row."""
    _, s = page_breaks
    (table,) = s.elements("Table")
    assert table.kid_types() == ["Caption", "THead", "TBody"]
    assert [s.text_of(e) for e in s.elements("TH")][:2] == ["Naam", "Waarde"]
    assert sum(s.text_of(e) == "Naam" for e in s.elements("TH")) == 1
    repeated = [c for c in s.content if c.tag == "Artifact" and c.text == "Naam"]
    assert repeated, "the header is drawn again on the next page"
    assert ps.content_outside_the_tree(s) == []
    scopes = {str(e.dictionary.A.get("/Scope")) for e in s.elements("TH")}
    assert scopes == {"/Column", "/Row"}
    assert len({p for e in s.elements("TR") for p in ps.pages_of(e.kids[0])}) >= 2


def test_a_phrase_in_another_language_carries_lang_and_the_rest_does_not(
    page_breaks: tuple[BeautifulSoup, ps.Structure],
) -> None:
    """veraPDF 7.2-34: /Lang where the HTML changes language, nowhere else below Art."""
    _, s = page_breaks
    marked = [(e.type, e.lang, s.text_of(e)) for e in s.elements() if e.lang]
    assert marked == [("Art", "nl", marked[0][2]), ("Span", "en", "English phrase")]
