"""The annex HTML: every clause of seed 003 where it applies, filled in, escaped, sandboxed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tenderpack.messages import long_date
from tenderpack.outputs.annex import (
    AnnexTemplateError,
    annex_document_html,
    annex_fragment_html,
    annex_template_files,
)
from tenderpack.outputs.annex.templating import default_templates_dir
from tenderpack.tender.pack import TenderPack
from tests.test_annex_support import (
    ALL_CLAUSES,
    ALWAYS,
    CATALOGUE,
    DIGIPOORT,
    FULL_TENDER,
    KLANTORDER,
    MINIMAL_TENDER,
    NACALCULATIE,
    NOT_ON_SYSTEM,
    SEVERAL_DEPARTMENTS,
    flat,
    html_text,
    make_pack,
    tender_text,
)


@pytest.fixture
def full(tmp_path: Path) -> TenderPack:
    return make_pack(tmp_path, FULL_TENDER)


@pytest.fixture
def minimal(tmp_path: Path) -> TenderPack:
    return make_pack(tmp_path, MINIMAL_TENDER)


def text_of(pack: TenderPack) -> str:
    return flat(html_text(annex_document_html(pack)))


def test_every_clause_is_present_for_a_tender_that_offers_everything(full: TenderPack) -> None:
    text = text_of(full)
    missing = [clause for clause in ALL_CLAUSES + KLANTORDER if flat(clause) not in text]
    assert missing == []


def test_clauses_the_tender_does_not_offer_are_left_out(minimal: TenderPack) -> None:
    text = text_of(minimal)
    assert [c for c in ALWAYS + NACALCULATIE if flat(c) not in text] == []
    offered = [
        c
        for c in DIGIPOORT + CATALOGUE + SEVERAL_DEPARTMENTS + NOT_ON_SYSTEM + KLANTORDER
        if c in text
    ]
    assert offered == []
    assert "Digipoort-koppeling" not in text and "kalendermaanden" not in text
    # Nothing left empty or dangling where a clause or a link was.
    assert not re.search(r"<li>\s*</li>|<ul>\s*</ul>|\(\s*\)", annex_fragment_html(minimal))
    assert not re.search(r"\blink\b|\bhier\b", text)


def test_departments_clauses_follow_the_departments(tmp_path: Path) -> None:
    several_all_on = make_pack(
        tmp_path, tender_text(FULL_TENDER, ("    on_digiinkoop: false\n", ""))
    )
    text = text_of(several_all_on)
    assert flat(SEVERAL_DEPARTMENTS[0]) in text and NOT_ON_SYSTEM[0] not in text

    one_not_on = make_pack(
        tmp_path,
        tender_text(
            MINIMAL_TENDER,
            (
                '    oin: "00000001003214102000"\nsystem',
                '    oin: "00000001003214102000"\n    on_digiinkoop: false\nsystem',
            ),
        ),
        "one.yaml",
    )
    text = text_of(one_not_on)
    assert SEVERAL_DEPARTMENTS[0] not in text
    assert NOT_ON_SYSTEM[0] + " (Ministerie van Infrastructuur en Waterstaat)" in text


def test_departments_are_a_table_with_name_abbreviation_oin_and_digiinkoop(
    full: TenderPack,
) -> None:
    soup = BeautifulSoup(annex_document_html(full), "html.parser")
    table = soup.select_one("table.departments")
    assert table is not None and table.caption is not None
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Naam", "Afkorting", "OIN", "Aangesloten op DigiInkoop"]
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["Ministerie van Buitenlandse Zaken", "BZ", "00000001003227406000", "ja"],
        ["Ministerie van Justitie en Veiligheid", "JenV", "00000001003214369000", "nee"],
    ]


def test_filled_values_are_present(full: TenderPack) -> None:
    text = text_of(full)
    tender = full.tender
    digipoort = full.deadlines["digipoort"].date
    assert digipoort is not None
    expected = [
        tender.reference,
        tender.title,
        tender.contracting_authority.name,
        tender.contracting_authority.oin,
        tender.contact.name,
        tender.contact.email,
        "+31 70 123 4567",
        "Er wordt een raamovereenkomst gesloten",
        "Inschrijver past na gunning het Klantorderkanaal toe.",
        "gebaseerd op de UBL-OHNL standaard voor de levering van diensten",
        "binnen vier (4) kalendermaanden (uiterlijk " + long_date(digipoort, "nl") + ")",
        "ingangsdatum van de Overeenkomst (uiterlijk 1 september 2027)",
        "via telefoon 0900 555 4555",
        "servicecentrum@logius.nl",
    ]
    assert [value for value in expected if value not in text] == []
    assert long_date(digipoort, "nl") == "15 juli 2027"  # award 15 March + 4 months
    soup = BeautifulSoup(annex_document_html(full), "html.parser")
    assert {t["datetime"] for t in soup.select("time")} == {"2027-09-01", "2027-07-15"}


def test_message_standard_follows_the_supply(tmp_path: Path) -> None:
    hire = make_pack(tmp_path, tender_text(FULL_TENDER, ("supply: services", "supply: hire")))
    assert "gebaseerd op de HR-XML-OHNL standaard voor de inhuur van personeel" in text_of(hire)
    assert "UBL-OHNL" not in text_of(hire)


def test_links_point_to_the_logius_pages_the_seed_named(full: TenderPack) -> None:
    soup = BeautifulSoup(annex_document_html(full), "html.parser")
    hrefs = {a["href"] for a in soup.select("a[href^=http]")}
    assert "https://www.logius.nl/diensten/digiinkoop/aansluiten/" in hrefs
    assert (
        "https://www.logius.nl/ondersteuning/e-factureren-voor-leveranciers-via-digipoort/" in hrefs
    )
    assert all(
        a.get_text(strip=True) not in ("link", "hier", "deze link") for a in soup.select("a")
    )


def test_footnotes_link_both_ways(full: TenderPack) -> None:
    soup = BeautifulSoup(annex_document_html(full), "html.parser")
    refs = soup.select("a[role=doc-noteref]")
    assert [ref.get_text() for ref in refs] == ["1", "2"]
    for ref in refs:
        note = soup.find(id=str(ref["href"]).removeprefix("#"))
        assert note is not None and note.find("a", href=f"#{ref['id']}") is not None


def test_english_tender_gets_the_translated_annex(tmp_path: Path) -> None:
    english = make_pack(
        tmp_path,
        tender_text(
            FULL_TENDER, ("language: nl", "language: en"), ("supply: services", "supply: hire")
        ),
    )
    html = annex_document_html(english)
    text = flat(html_text(html))
    assert '<html lang="en">' in html and 'lang="en"' in annex_fragment_html(english)
    for phrase in [
        "Annex H – DigiInkoop",
        "Conducting transactions via DigiInkoop",
        "A framework agreement is concluded with the contracting authority",
        "within four (4) calendar months at the latest (by 15 July 2027 at the latest)",
        "by 1 September 2027 at the latest",
        "The messages are based on the HR-XML-OHNL standard for the hire of staff",
        "Since 1 July 2016, paper and PDF invoices are allowed only in exceptional cases.",
        "Connected to DigiInkoop",
        "also with those parts that are not connected to the DigiInkoop infrastructure",
        "catalogue data",
    ]:
        assert phrase in text, phrase
    dutch = [clause for clause in ALL_CLAUSES if flat(clause) in text]
    assert dutch == []


def test_fragment_has_the_same_text_as_the_document_one_heading_level_down(
    full: TenderPack,
) -> None:
    fragment = annex_fragment_html(full)
    document = annex_document_html(full)
    assert fragment.startswith('<article class="annex" id="bijlage-h-2027-TEST-0100" lang="nl">')
    assert fragment.rstrip().endswith("</article>")
    assert "<h1" not in fragment and fragment.count("<h2") == 1
    assert flat(html_text(fragment)) == flat(html_text(document))


HOSTILE_TITLE = (
    "<script>alert(1)</script> {{ 7*7 }} **vet** `code` :ref:`x` .. raw:: html {% raw %}"
)


def test_values_are_data_not_markup(tmp_path: Path) -> None:
    quoted = HOSTILE_TITLE.replace("'", "''")
    pack = make_pack(
        tmp_path,
        tender_text(FULL_TENDER, ("title: Raamovereenkomst testdiensten", f"title: '{quoted}'")),
    )
    for html in (annex_fragment_html(pack), annex_document_html(pack)):
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("script") is None
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "49" not in soup.get_text()
        assert HOSTILE_TITLE in soup.get_text()


def test_a_missing_value_names_the_template_and_line(tmp_path: Path, full: TenderPack) -> None:
    own = tmp_path / "templates"
    (own / "bijlage-h").mkdir(parents=True)
    (own / "bijlage-h" / "nl.html.j2").write_text(
        "<article>\n<p>{{ tender.budget }}</p>\n</article>\n"
    )
    with pytest.raises(AnnexTemplateError) as caught:
        annex_fragment_html(full, own)
    assert caught.value.template == "bijlage-h/nl.html.j2"
    assert caught.value.line == 2
    assert str(caught.value).startswith("bijlage-h/nl.html.j2:2: ")
    assert "tender" in str(caught.value)


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path, full: TenderPack) -> None:
    own = tmp_path / "templates"
    (own / "bijlage-h").mkdir(parents=True)
    (own / "bijlage-h" / "_parts.html.j2").write_text("{% macro x() %}\n\n{% if %}\n")
    with pytest.raises(AnnexTemplateError, match=r"^bijlage-h/_parts\.html\.j2:3: "):
        annex_document_html(full, own)


@pytest.mark.parametrize(
    "expression",
    [
        "departments.append(1)",
        "''.__class__.__mro__",
        "contact.__init__.__globals__",
        "authority.clear()",
    ],
)
def test_templates_run_in_a_sandbox(tmp_path: Path, full: TenderPack, expression: str) -> None:
    own = tmp_path / "templates"
    (own / "bijlage-h").mkdir(parents=True)
    (own / "bijlage-h" / "nl.html.j2").write_text(f"<article>{{{{ {expression} }}}}</article>\n")
    with pytest.raises(
        AnnexTemplateError, match=r"^bijlage-h/nl\.html\.j2:1: access to attribute .* is unsafe"
    ):
        annex_fragment_html(full, own)


def test_a_project_template_overrides_one_default_file(tmp_path: Path, full: TenderPack) -> None:
    own = tmp_path / "templates"
    (own / "bijlage-h").mkdir(parents=True)
    override = own / "bijlage-h" / "nl.html.j2"
    override.write_text('<article lang="nl"><h1>Eigen tekst voor {{ reference }}</h1></article>\n')
    assert "Eigen tekst voor 2027-TEST-0100" in annex_document_html(full, own)
    files = annex_template_files(own)
    assert override.resolve() in files
    defaults = default_templates_dir() / "bijlage-h"
    assert defaults / "nl.html.j2" not in files
    assert defaults / "en.html.j2" in files and defaults / "reference-v2.docx" in files


def test_template_files_are_the_annex_inputs() -> None:
    names = sorted(path.name for path in annex_template_files())
    assert names == [
        "_parts.html.j2",
        "document.html.j2",
        "en.html.j2",
        "nl.html.j2",
        "print.css",
        "reference-v2.docx",
    ]
