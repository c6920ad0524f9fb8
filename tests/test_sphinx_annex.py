"""The annex page of each purchasing system, in real Sphinx builds (sphinx.testing).

The testroot ``test-annex`` mixes a DigiInkoop tender and a peppol-rijk tender: each annex
page is named by its profile's annex stem, titled with the annex's short name, and links
to the files ``tenderpack annex`` names ``<reference>-<stem>.<ext>``, all three present.
The DigiInkoop page reads as it always did, at its old URL (``bijlage-h.html``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from tenderpack.sphinx.generator import page_stub, write_stubs
from tenderpack.tender.loading import load_tender
from tenderpack.tender.pack import build_pack

from .test_sphinx_site import Built, main_text, page, plain, warnings_of

ROOTS = Path(__file__).parent / "roots"
DIGIINKOOP = "2027-TEST-0001"
PEPPOL = "2027-TEST-0101"
FORMATS = ("html", "pdf", "docx")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("annex") / "src"
    shutil.copytree(ROOTS / "test-annex", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
        return Built(Path(app.srcdir), Path(app.outdir), app.status, app.warning)
    finally:
        app.cleanup()


def heading(soup: Any) -> str:
    return str(soup.select_one("main h1").get_text()).rstrip("¶")


def downloads(soup: Any) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in soup.select("main ul.tp-downloads a")]


def section_nav(soup: Any) -> list[tuple[str, str]]:
    nav = soup.find("nav", attrs={"aria-label": "Deze aanbesteding"})
    return [(" ".join(a.get_text().split()), a["href"]) for a in nav.find_all("a")]


def test_the_mixed_site_builds_without_a_warning(site: Built) -> None:
    assert warnings_of(site) == []
    assert "tenderpack: annexes: 6 file(s) rendered, 0 unchanged" in plain(site.status.getvalue())


def test_a_peppol_rijk_annex_page_is_named_and_titled_by_its_profile(site: Built) -> None:
    section = site.outdir / "tenders" / PEPPOL
    assert sorted(p.name for p in section.glob("*.html")) == [
        "checklist.html",
        "contact.html",
        "index.html",
        "ordering.html",
        "verzendspecificatie.html",
    ]
    soup = page(site, f"tenders/{PEPPOL}/verzendspecificatie")
    assert heading(soup) == f"Verzendspecificatie – {PEPPOL}"
    assert soup.title.get_text().startswith(f"Verzendspecificatie – {PEPPOL} – ")
    text = main_text(site, f"tenders/{PEPPOL}/verzendspecificatie")
    assert (
        f"Verzendspecificatie bij de aanbestedingsstukken van {PEPPOL}, ingevuld voor deze "
        "aanbesteding." in text
    )
    assert "Verzendspecificatie e-factureren en e-bestellen" in text  # the annex itself
    assert "Bijlage H" not in text and "DigiInkoop" not in text


def test_a_peppol_rijk_annex_page_offers_its_three_downloads(site: Built) -> None:
    soup = page(site, f"tenders/{PEPPOL}/verzendspecificatie")
    assert downloads(soup) == [
        ("Verzendspecificatie als HTML-bestand", f"../../annex/{PEPPOL}-verzendspecificatie.html"),
        ("Verzendspecificatie als PDF", f"../../annex/{PEPPOL}-verzendspecificatie.pdf"),
        (
            "Verzendspecificatie als Word-bestand (DOCX)",
            f"../../annex/{PEPPOL}-verzendspecificatie.docx",
        ),
    ]
    for fmt in FORMATS:
        written = site.outdir / "annex" / f"{PEPPOL}-verzendspecificatie.{fmt}"
        assert written.is_file() and written.stat().st_size > 1000, written
    assert (site.outdir / "annex" / f"{PEPPOL}-verzendspecificatie.pdf").read_bytes()[:5] == (
        b"%PDF-"
    )


def test_a_peppol_rijk_section_links_its_annex_by_its_short_name(site: Built) -> None:
    landing = page(site, f"tenders/{PEPPOL}/index")
    toctree = [(a.get_text(), a["href"]) for a in landing.select("main .toctree-wrapper a")]
    assert ("Verzendspecificatie", "verzendspecificatie.html") in toctree
    assert ("Verzendspecificatie", "verzendspecificatie.html") in section_nav(landing)
    checklist = main_text(site, f"tenders/{PEPPOL}/checklist")
    assert "Verzendspecificatie, onderdeel:" in checklist and "Bijlage H" not in checklist


def test_a_unit_that_receives_the_invoices_is_named_as_such(site: Built) -> None:
    table = page(site, f"tenders/{PEPPOL}/ordering").select_one("main table.tp-departments")
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert headers[3] == "Rol"
    rows = {
        tr.select("td")[0].get_text(strip=True): tr.select("td")[3].get_text(strip=True)
        for tr in table.select("tbody tr")
    }
    assert rows == {"RVB": "bestelt", "BZK": "ontvangt de facturen"}
    landing = main_text(site, f"tenders/{PEPPOL}/index")
    assert "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK) – ontvangt de" in landing


def test_the_digiinkoop_annex_page_reads_as_before(site: Built) -> None:
    assert not (site.outdir / "tenders" / DIGIINKOOP / "verzendspecificatie.html").exists()
    soup = page(site, f"tenders/{DIGIINKOOP}/bijlage-h")  # the URL it always had
    assert heading(soup) == f"Bijlage H – {DIGIINKOOP}"
    text = main_text(site, f"tenders/{DIGIINKOOP}/bijlage-h")
    assert text.startswith(
        f"Bijlage H – {DIGIINKOOP} ¶ Bijlage H bij de aanbestedingsstukken van {DIGIINKOOP}, "
        "ingevuld voor deze aanbesteding."
    )
    assert downloads(soup) == [
        ("Bijlage H als HTML-bestand", f"../../annex/{DIGIINKOOP}-bijlage-h.html"),
        ("Bijlage H als PDF", f"../../annex/{DIGIINKOOP}-bijlage-h.pdf"),
        ("Bijlage H als Word-bestand (DOCX)", f"../../annex/{DIGIINKOOP}-bijlage-h.docx"),
    ]
    for fmt in FORMATS:
        assert (site.outdir / "annex" / f"{DIGIINKOOP}-bijlage-h.{fmt}").is_file()
    assert ("Bijlage H", "#") in section_nav(soup)  # the current page
    assert ("Bijlage H", "bijlage-h.html") in section_nav(page(site, f"tenders/{DIGIINKOOP}/index"))
    assert "Bijlage H, onderdeel:" in main_text(site, f"tenders/{DIGIINKOOP}/checklist")
    ordering = page(site, f"tenders/{DIGIINKOOP}/ordering").select_one("main table.tp-departments")
    assert "Rol" not in [th.get_text(" ", strip=True) for th in ordering.select("thead th")]


def test_the_overview_names_each_tenders_system(site: Built) -> None:
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in page(site, "tenders/index").select("main table tr")[1:]
    ]
    assert [(row[0], row[2]) for row in rows] == [
        (DIGIINKOOP, "DigiInkoop"),
        (PEPPOL, "Peppol (e-factureren Rijksoverheid)"),
    ]


# --- a tender that moves to another system ----------------------------------------------------


def test_a_tender_that_changes_system_loses_its_old_annex_page(tmp_path: Path) -> None:
    """The section's pages are named by the tender: the old annex page goes, a hand-written
    page in the section stays."""
    tender = tmp_path / "peppol.yaml"
    shutil.copy(ROOTS / "test-annex" / "tenders" / "peppol.yaml", tender)
    loaded = load_tender(tender)
    assert loaded.tender is not None
    pack = build_pack(loaded.tender, tender)
    section = tmp_path / "src" / "tenders" / PEPPOL
    section.mkdir(parents=True)
    (section / "bijlage-h.md").write_text(page_stub("annex"), encoding="utf-8")  # was DigiInkoop
    (section / "notes.md").write_text("# Own notes\n", encoding="utf-8")
    write_stubs(tmp_path / "src", "tenders", [pack], "nl")
    assert sorted(p.name for p in section.iterdir()) == [
        "checklist.md",
        "contact.md",
        "index.md",
        "notes.md",
        "ordering.md",
        "verzendspecificatie.md",
    ]
    assert "{tender-page} annex" in (section / "verzendspecificatie.md").read_text()


# --- a broken template of one annex -----------------------------------------------------------


def test_a_broken_template_of_one_annex_names_it_and_spares_the_other(tmp_path: Path) -> None:
    from tenderpack.outputs.annex.templating import default_templates_dir

    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-annex", srcdir)
    own = srcdir / "templates" / "verzendspecificatie"
    shutil.copytree(default_templates_dir() / "verzendspecificatie", own)
    dutch = own / "nl.html.j2"
    lines = dutch.read_text(encoding="utf-8").splitlines()
    lines.insert(10, "{{ no_such_value }}")
    dutch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    overrides = {
        "tenderpack_templates_dir": "templates",
        "tenderpack_annex_formats": "html",
        "exclude_patterns": ["_build", "templates"],
    }
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    try:
        app.build()
        found = warnings_of(app)
    finally:
        app.cleanup()
    located = [line for line in found if "[tenderpack.annex-template]" in line]
    assert located, found
    assert all(f"{dutch}:11: ERROR: Verzendspecificatie: " in line for line in located), found
    assert (Path(app.outdir) / "annex" / f"{DIGIINKOOP}-bijlage-h.html").is_file()
    assert not (Path(app.outdir) / "annex" / f"{PEPPOL}-verzendspecificatie.html").exists()
