"""The onboarding site in real Sphinx builds (sphinx.testing): pages, content, languages,
directives in MyST and reST, hostile text, broken tenders and typed warnings."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tenderpack.sphinx.pages import PAGES

ROOTS = Path(__file__).parent / "roots"
MakeApp = Callable[..., SphinxTestApp]
ALPHA = "2027-TEST-0001"  # Dutch, both connections, a department not on DigiInkoop
BETA = "2027-TEST-0002"  # English, supplier portal only, catalogue
# The pages of a DigiInkoop tender's section, by name: the annex page keeps its old URL
# (bijlage-h.html), as the profile names its annex.
SECTION = ("index", "checklist", "ordering", "bijlage-h", "contact")


@dataclass(frozen=True)
class Built:
    """What a finished build left: its folders and its log streams."""

    srcdir: Path
    outdir: Path
    status: StringIO
    warning: StringIO


def plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def warnings_of(app: SphinxTestApp | Built) -> list[str]:
    return [line for line in plain(app.warning.getvalue()).splitlines() if line.strip()]


def page(app: SphinxTestApp | Built, name: str) -> Any:  # bs4's Tag | None everywhere
    html = (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def main_text(app: SphinxTestApp | Built, name: str) -> str:
    main = page(app, name).find("main")
    assert main is not None
    return " ".join(main.get_text(" ").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The test-site root built once for the read-only tests of this module.

    The app is cleaned up at once (docutils keeps directives in global registries, so a
    live app would make the next test's app warn); its files and logs are what we read.
    """
    srcdir = tmp_path_factory.mktemp("site") / "src"
    shutil.copytree(ROOTS / "test-site", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
        return Built(Path(app.srcdir), Path(app.outdir), app.status, app.warning)
    finally:
        app.cleanup()


def test_the_example_site_builds_without_a_warning(site: Built) -> None:
    assert warnings_of(site) == []


def test_every_tender_gets_a_section_of_five_pages(site: Built) -> None:
    out = Path(site.outdir)
    assert len(SECTION) == len(PAGES)
    for reference in (ALPHA, BETA):
        for name in SECTION:
            assert (out / "tenders" / reference / f"{name}.html").is_file(), (reference, name)
    assert (out / "tenders" / "index.html").is_file()


def test_the_overview_lists_reference_title_dates_and_departments(site: Built) -> None:
    table = page(site, "tenders/index").find("table")
    rows = [
        [" ".join(c.get_text(" ").split()) for c in tr.find_all("td")]
        for tr in table.find_all("tr")[1:]
    ]
    assert rows == [
        [
            ALPHA,
            "Testaanbesteding werkplekken",
            "DigiInkoop",
            "1 maart 2027",
            "1 september 2027",
            "BZ, JenV",
        ],
        [
            BETA,
            "Office supplies from a catalogue",
            "DigiInkoop",
            "29 januari 2027",
            "1 april 2027",
            "IenW",
        ],
    ]
    link = table.select("td a")[0]
    assert link["href"] == f"{ALPHA}/index.html"


def test_the_landing_page_says_what_who_when_and_what_first(site: Built) -> None:
    text = main_text(site, f"tenders/{ALPHA}/index")
    assert text.startswith("Testaanbesteding werkplekken")
    for expected in (
        "Een aanbesteding om de site mee te testen.",
        "Raamovereenkomst",
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK)",
        "Leveranciersportaal (verplicht), Digipoort (naar keuze)",
        "Ministerie van Buitenlandse Zaken (BZ)",
        "1 juli 2027 Digipoort-koppeling in gebruik",  # award + 4 months, in the timeline
        "Maak één contactpersoon bekend",  # what to do first
    ):
        assert expected in text, expected
    section_links = [
        a["href"] for a in page(site, f"tenders/{ALPHA}/index").select("main .toctree-wrapper a")
    ]
    assert section_links == ["checklist.html", "ordering.html", "bijlage-h.html", "contact.html"]


def test_the_checklist_groups_steps_by_phase_with_owner_and_due_date(site: Built) -> None:
    soup = page(site, f"tenders/{ALPHA}/checklist")
    phases = [h.get_text().rstrip("¶") for h in soup.select("main h2")]
    assert phases == [
        "Bij inschrijving",
        "Na gunning",
        "Vóór de ingangsdatum",
        "Vóór de eerste bestelling",
        "Gedurende de hele overeenkomst",
    ]
    step = soup.find(id=f"step-{ALPHA.lower()}-digipoort-in-gebruik")
    assert step is not None and step.name == "li"
    text = " ".join(step.get_text(" ").split())
    assert "Neem de koppeling via Digipoort in gebruik" in text
    assert "Wie: Leverancier" in text and "Uiterlijk: 1 juli 2027" in text
    # Only the options the tender offers: beta offers no Digipoort and has a catalogue.
    beta = page(site, f"tenders/{BETA}/checklist")
    steps = [li["id"] for li in beta.select("main li.tp-step")]
    assert not [s for s in steps if "digipoort" in s or "acceptatietest" in s], steps
    assert f"step-{BETA.lower()}-catalogus" in steps
    assert "Deliver your catalogue data through the catalogue channel" in main_text(
        site, f"tenders/{BETA}/checklist"
    )


def test_ordering_page_has_departments_oins_channel_standard_and_invoicing(
    site: Built,
) -> None:
    soup = page(site, f"tenders/{ALPHA}/ordering")
    cells = [td.get_text(" ").strip() for td in soup.select("main table td")]
    assert cells[:4] == ["BZ", "Ministerie van Buitenlandse Zaken", "00000001003227406000", "ja"]
    assert cells[4:8] == [
        "JenV",
        "Ministerie van Justitie en Veiligheid",
        "00000001003214369000",
        "nee",
    ]
    text = main_text(site, f"tenders/{ALPHA}/ordering")
    for expected in ("Klantorderkanaal", "UBL-OHNL", "Elektronisch factureren", "Voorstelfacturen"):
        assert expected in text, expected
    beta = main_text(site, f"tenders/{BETA}/ordering")
    assert "Post-calculation channel" in beta and "Catalogue channel" in beta


def test_contact_page_names_the_tenders_contact_and_logius(site: Built) -> None:
    soup = page(site, f"tenders/{ALPHA}/contact")
    hrefs = [a["href"] for a in soup.select("main a.reference.external")]
    assert "tel:+31700000000" in hrefs and "tel:09005554555" in hrefs
    assert "https://www.logius.nl" in hrefs
    assert "Servicecentrum Logius" in main_text(site, f"tenders/{ALPHA}/contact")


def test_calendar_files_are_written_and_linked(site: Built) -> None:
    calendar = Path(site.outdir) / "calendar" / f"{ALPHA}.ics"
    assert calendar.is_file()
    assert b"UID:2027-TEST-0001-digipoort@tenderpack" in calendar.read_bytes()
    link = page(site, f"tenders/{ALPHA}/index").find("a", class_="tp-download")
    assert link["href"] == f"../../calendar/{ALPHA}.ics"


def test_english_tender_pages_are_in_english_and_say_so(site: Built) -> None:
    soup = page(site, f"tenders/{BETA}/index")
    assert soup.html["lang"] == "en"
    assert soup.find("header")["lang"] == "nl"  # the site's own menu stays Dutch
    assert soup.find("main").find("section")["lang"] == "en"
    assert "What to do first" in main_text(site, f"tenders/{BETA}/index")
    dutch = page(site, f"tenders/{ALPHA}/index")
    assert dutch.html["lang"] == "nl" and dutch.find("header").get("lang") is None


def test_english_parts_on_a_dutch_page_carry_their_language(site: Built) -> None:
    overview = page(site, "tenders/index")
    title = overview.find(string="Office supplies from a catalogue")
    assert title.parent["lang"] == "en"
    rst_page = page(site, "uses-rst")
    assert rst_page.html["lang"] == "nl"
    assert all(table.get("lang") == "en" for table in rst_page.select("main table.tp-table"))


def test_directives_work_in_myst_and_in_rest(site: Built) -> None:
    myst = page(site, "uses")
    assert myst.find(id=f"step-{ALPHA.lower()}-contactpersoon") is not None  # a checklist step
    assert "1 juli 2027" in main_text(site, "uses")
    rst = main_text(site, "uses-rst")
    assert "29 January 2027" in rst and "Ministry of Infrastructure and Water Management" in rst
    annex = page(site, "uses-rst").select_one("main article")  # the annex fragment, embedded
    assert annex is not None and annex["lang"] == "en" and "Annex H" in annex.get_text()


def test_each_page_title_is_unique_and_names_the_tender(site: Built) -> None:
    titles = set()
    for reference in (ALPHA, BETA):
        for name in SECTION:
            title = page(site, f"tenders/{reference}/{name}").title.get_text()
            titles.add(title)
            if name != "index":
                assert reference in title
    assert len(titles) == 2 * len(SECTION)


def test_generated_sources_hold_no_tender_value(site: Built) -> None:
    stubs = list((Path(site.srcdir) / "tenders").rglob("*.md"))
    assert len(stubs) == 1 + 2 * len(PAGES)
    for stub in stubs:
        text = stub.read_text(encoding="utf-8")
        assert "Testaanbesteding" not in text and "TEST" not in text, stub


def test_notes_go_to_the_log_once_and_are_no_warnings(site: Built) -> None:
    status = plain(site.status.getvalue())
    assert status.count("note: DigiInkoop is in juli 2023 gestopt") == 1


# --- hostile text ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_hostile_tender_text_shows_literally_everywhere(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    reference = "2027-EVIL-0001"
    for kind in [*SECTION, None]:
        name = f"tenders/{reference}/{kind}" if kind else "tenders/index"
        main = page(app, name).find("main")
        assert main.find("script") is None, name
        assert main.find(id="injected") is None and main.find(id="rst-injected") is None, name
        assert main.find("img") is None and main.find("em") is None, name
        assert "javascript:" not in str(main.find_all("a")), name
        assert "49" not in main.get_text(), name  # {{ 7 * 7 }} was not evaluated
    landing: Any = page(app, f"tenders/{reference}/index")
    assert landing.find("h1").get_text().rstrip("¶") == (
        "<script>alert('title')</script> {{ 7 * 7 }} `{raw}` html"
    )
    summary = landing.find("p", class_="tp-summary").get_text()
    assert '```{raw} html\n<b id="injected">raw html</b>' in summary
    assert "{% for x in range(3) %}loop{% endfor %}" in summary
    contact = main_text(app, f"tenders/{reference}/contact")
    assert "{{ config }} <script>contact</script>" in contact and "<b>070</b>" in contact
    annex = (Path(app.outdir) / "annex" / f"{reference}-bijlage-h.html").read_text(encoding="utf-8")
    assert "<script>alert" not in annex and "&lt;script&gt;alert" in annex


# --- broken tenders ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="broken", freshenv=True)
def test_broken_tenders_are_located_typed_and_skipped(app: SphinxTestApp) -> None:
    app.build()  # does not raise
    found = warnings_of(app)
    src = Path(app.srcdir)
    expected = [
        (f"{src / 'tenders' / 'bad.yaml'}:7: ERROR:", "[tenderpack.bad-choice]"),
        (f"{src / 'tenders' / 'bad.yaml'}:15: ERROR:", "[tenderpack.oin-format]"),
        (f"{src / 'tenders' / 'twin.yaml'}:2: ERROR:", "[tenderpack.duplicate-reference]"),
        (f"{src / 'tenders' / 'warn.yaml'}:15: WARNING:", "[tenderpack.test-oin]"),
        (f"{src / 'uses.md'}:3: WARNING: tender-checklist", "[tenderpack.unknown-reference]"),
    ]
    for start, end in expected:
        assert any(line.startswith(start) and line.endswith(end) for line in found), (start, found)
    assert len(found) == len(expected), found
    sections = sorted(p.name for p in (src / "tenders").iterdir() if p.is_dir())
    assert sections == ["2027-TEST-0001", "2027-WARN-0001"]  # the broken ones have none
    assert not (Path(app.outdir) / "tenders" / "2027-BAD-0001").exists()


@pytest.mark.sphinx(
    "html",
    testroot="broken",
    freshenv=True,
    confoverrides={"suppress_warnings": ["tenderpack.test-oin", "tenderpack.unknown-reference"]},
)
def test_suppress_warnings_silences_one_kind(app: SphinxTestApp) -> None:
    app.build()
    found = warnings_of(app)
    assert not any("test-oin" in line or "unknown-reference" in line for line in found)
    assert any("[tenderpack.bad-choice]" in line for line in found)
