"""Shared material for the annex tests (no tests here): tenders and readers of the outputs.

The readers extract text from the files as a person's tools would (pypdf, python-docx,
an HTML parser), so the tests check what the officer gets, not what we meant to write.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from io import BytesIO
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from tenderpack.tender.loading import load_tender
from tenderpack.tender.pack import TenderPack, build_pack

# Offers everything the annex can say: both connections, the catalogue channel, several
# departments of which one is not on DigiInkoop.
FULL_TENDER = """\
schema_version: 1
reference: 2027-TEST-0100
title: Raamovereenkomst testdiensten
language: nl
agreement: raamovereenkomst
supply: services
contracting_authority:
  name: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties
  abbreviation: BZK
  oin: "00000001003214345000"
departments:
  - name: Ministerie van Buitenlandse Zaken
    abbreviation: BZ
    oin: "00000001003227406000"
  - name: Ministerie van Justitie en Veiligheid
    abbreviation: JenV
    oin: "00000001003214369000"
    on_digiinkoop: false
system: digiinkoop
channel: klantorder
catalogue: true
connections: [leveranciersportaal, digipoort]
dates:
  award: 2027-03-15
  contract_start: 2027-09-01
digipoort_months: 4
contact:
  name: Team Inkoop Test
  email: inkoop-test@minbzk.example
  phone: "+31 70 123 4567"
"""

# Offers the least: one department on DigiInkoop, the supplier portal only, no catalogue.
MINIMAL_TENDER = """\
schema_version: 1
reference: 2027-TEST-0200
title: Levering van testpapier
language: nl
agreement: overeenkomst
supply: goods
contracting_authority:
  name: Ministerie van Infrastructuur en Waterstaat
  abbreviation: IenW
  oin: "00000001003214102000"
departments:
  - name: Ministerie van Infrastructuur en Waterstaat
    abbreviation: IenW
    oin: "00000001003214102000"
system: digiinkoop
channel: nacalculatie
catalogue: false
connections: [leveranciersportaal]
dates:
  award: 2027-01-29
  contract_start: 2027-04-01
contact:
  name: Inkoop IenW
  email: inkoop@minienw.example
"""

# Clauses of seed 003 as their Dutch wording starts, grouped by when they apply.
ALWAYS = [
    "DigiInkoop is een transactiegericht digitaal inkoopsysteem",
    "DigiInkoop stelt de Rijksoverheid en haar leveranciers",
    "Opdrachtnemer draagt alle kosten aan zijn koppelvlakzijde",
    "hoofdstuk 5 van het Beschrijvend Document",
    "Het eerstelijn beheer van DigiInkoop",
    "Nadere informatie over DigiInkoop",
    "Deze dienst maakt gebruik van DigiInkoop",
    "Aansluiting op het Leveranciersportaal van DigiInkoop: Ingebruikname",
    "Niet aangesloten zijn op minimaal het Leveranciersportaal",
    "Als bij aanvang van de overeenkomst deelnemende rijksdiensten",
    "Inkoopovereenkomsten bedienen in vele gevallen meerdere rijksdiensten",
    "[droge handtekening]",
    "Inschrijver heeft na gunning het recht zijn gerealiseerde geautomatiseerde",
    "Bij gunning sluit Inschrijver zich aan op DigiInkoop",
    "Te maken kosten en gemaakte kosten",
    "een (1) contactpersoon bekend",
    "Voor de aansluiting op het Leveranciersportaal meldt Inschrijver zich",
    "(Data-)communicatie t.b.v. bestellen en leveren",
    "Inschrijver accepteert de algemene voorwaarden",
    "van de volgende rijksdienstonderdelen inkoopberichten",
    "verplicht facturen louter",
    "Facturering geschiedt op basis van voorstelfacturen",
    "het voorgeschreven format",
    "de verwerking en de aanmaak van de juiste berichten",
    "geplande onderhoudswerkzaamheden",
    "Niet-beschikbaarheid van het leveringssysteem",
    "Inschrijver past na gunning het",
    "In geval van versiewijzigingen",
    "Specificatie van deelnemende rijksorganisaties van belang voor inregeling in DigiInkoop.",
    "Vanaf 1 juli 2016 zijn papieren en PDF facturen slechts in uitzonderingssituaties toegestaan.",
]
DIGIPOORT = [
    "Dit kan ook via de Digipoort",
    "Hierbij heeft de opdrachtnemer de keuze tussen twee opties",
    "Aansluiting via een elektronische koppeling op Digipoort",
    "met succes een acceptatietest te hebben afgerond",
    "en via Digipoort naar DigiInkoop (facultatief)",
    "via een koppeling op Digipoort t.b.v. factuurbehandeling",
    "In geval Inschrijver kiest voor aansluiting op Digipoort",
    "een beschikbaarheid heeft van ten minste 99%",
    "Bij een aansluiting op Digipoort dient de gekozen berichtenstandaard",
]
CATALOGUE = [
    "het leveren van catalogusgegevens",
    "Meer informatie over het aanleveren van de catalogusgegevens",
]
SEVERAL_DEPARTMENTS = ["In het geval van meerdere departementen"]
NOT_ON_SYSTEM = ["niet op de DigiInkoop infrastructuur zijn aangesloten"]
KLANTORDER = ["Toelichting Klantorderkanaal", "Ontvangen opdracht (order) uit DigiInkoop"]
NACALCULATIE = ["Toelichting Nacalculatiekanaal", "Achteraf vindt prijsbepaling plaats"]
ALL_CLAUSES = ALWAYS + DIGIPOORT + CATALOGUE + SEVERAL_DEPARTMENTS + NOT_ON_SYSTEM


def tender_text(base: str, *replacements: tuple[str, str]) -> str:
    """``base`` with each (old, new) replaced once; fails loudly when ``old`` is absent."""
    for old, new in replacements:
        assert old in base, f"{old!r} is not in the test tender"
        base = base.replace(old, new, 1)
    return base


def make_pack(folder: Path, text: str, name: str = "tender.yaml") -> TenderPack:
    """Write ``text`` as a tender file and build its pack (a real file: the cache reads it)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    loaded = load_tender(path)
    assert loaded.tender is not None and loaded.ok, [d.format() for d in loaded.diagnostics]
    return build_pack(loaded.tender, path)


# --- reading the outputs back ----------------------------------------------------------------


def html_text(html: str) -> str:
    """The text a reader of the HTML sees (no <head>, no footnote back-links)."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select("head, style, .footnote-back"):
        hidden.decompose()
    for block in soup.select("p, li, h1, h2, h3, h4, dt, dd, caption, th, td, hr"):
        block.append("\n")  # blocks end a line; inline elements (a, time, sup) do not
    return soup.get_text()


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def pdf_body_text(data: bytes, running_header: str) -> str:
    """The PDF's text without the running header and the page-number footer of each page."""
    lines = []
    for page in pdf_pages(data):
        for line in page.splitlines():
            stripped = line.strip()
            if stripped == running_header or re.fullmatch(
                r"(pagina \d+ van|page \d+ of) \d+", stripped
            ):
                continue
            lines.append(line)
    return "\n".join(lines)


def docx_xml_text(data: bytes, part: str) -> str:
    """Text of the w:t elements of one part of a DOCX (document, footnotes, header, footer)."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read(part).decode("utf-8")
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def docx_text(data: bytes) -> str:
    """Body and footnotes of a DOCX, as Word shows them (entities decoded)."""
    import html

    return html.unescape(
        docx_xml_text(data, "word/document.xml") + " " + docx_xml_text(data, "word/footnotes.xml")
    )


def docx_document(data: bytes) -> Any:
    return Document(BytesIO(data))


def flat(text: str) -> str:
    """One line, one space between words, hyphenation undone: for finding a clause in any format."""
    text = text.replace("\u2010\n", "")  # WeasyPrint's hyphenation point at a line end
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"- (?=\w)", "-", text).strip()


def words(text: str) -> Counter[str]:
    """The words of a text as a multiset, for comparing formats whose layout differs.

    Numbers of one or two digits are left out: list numbers, bullets and footnote marks
    are text in the PDF but numbering or fields in Word.
    """
    text = re.sub(r"(?<=[^\W\d])(?=\d)", " ", flat(text))  # "louter²" is "louter2" in a PDF
    tokens = re.findall(r"\w+", text.replace("-", " "))
    return Counter(token for token in tokens if not (token.isdigit() and len(token) <= 2))
