"""Rendering notices as docutils nodes, without a Sphinx build: structure and literal text."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes

from tenderpack.messages import Lang
from tenderpack.privacy.check import ELEMENTS, check_notice
from tenderpack.privacy.loading import load_notice, load_notices
from tenderpack.privacy.model import Notice
from tenderpack.privacy.render import (
    completeness_table,
    notice_nodes,
    register_nodes,
    supplier_summary,
)
from tenderpack.privacy.summary import summarise

ROOT = Path(__file__).parent
TESTROOT_NOTICES = ROOT / "roots" / "test-privacy" / "privacy"
SEED_NOTICES = ROOT.parent / "docs" / "privacy"


def _notice(path: Path) -> Notice:
    loaded = load_notice(path)
    assert loaded.notice is not None, loaded.diagnostics
    return loaded.notice


@pytest.fixture(scope="module")
def seeds() -> dict[str, Notice]:
    return {item.path.stem: item.notice for item in load_notices([SEED_NOTICES]) if item.notice}


def _texts(node: nodes.Node) -> list[str]:
    return [text.astext() for text in node.findall(nodes.Text)]


def _section_names(node: nodes.Node) -> list[str]:
    return [section["names"][0] for section in node.findall(nodes.section)]


def test_hostile_text_stays_literal_text() -> None:
    evil = _notice(TESTROOT_NOTICES / "evil.yaml")
    rendered = [
        *notice_nodes(evil, "nl"),
        *register_nodes(evil, "nl"),
        *supplier_summary([evil], "nl"),
    ]
    for top in rendered:
        assert isinstance(top, nodes.Element)
        assert top["support_smartquotes"] is False  # no ‘curly’ quotes inside alert('x')
        assert not list(top.findall(nodes.raw))
        assert not list(top.findall(nodes.literal_block))
        assert not list(top.findall(nodes.pending))
    texts = [text for top in rendered for text in _texts(top)]
    assert "<script>alert('dienst')</script>" in texts
    assert "```{raw} html" in texts
    assert ".. raw:: html" in texts
    assert "**niet vet** and {eval-rst}`x`" in texts
    assert not [ref for top in rendered for ref in top.findall(nodes.reference)]


def test_a_notice_is_a_section_per_topic() -> None:
    complete = _notice(TESTROOT_NOTICES / "complete.yaml")
    (top,) = notice_nodes(complete, "nl")
    assert _section_names(top) == [
        "privacy-complete",
        "privacy-complete-controller",
        "privacy-complete-dpo",
        "privacy-complete-purposes",
        "privacy-complete-data",
        "privacy-complete-subject-1",
        "privacy-complete-subject-2",
        "privacy-complete-recipients",
        "privacy-complete-storage",
        "privacy-complete-retention",
        "privacy-complete-automated",
        "privacy-complete-rights",
        "privacy-complete-complaint",
    ]
    assert not any(section["ids"] for section in top.findall(nodes.section))  # Sphinx assigns them
    (link,) = top.findall(nodes.reference)
    assert link["refuri"] == "https://example.invalid/privacy"


def test_what_the_source_does_not_state_closes_the_notice(seeds: dict[str, Notice]) -> None:
    (top,) = notice_nodes(seeds["digid-machtigen"], "en")
    last = list(top.findall(nodes.section))[-1]
    assert last["names"] == ["privacy-digid-machtigen-gaps"]
    assert last[0].astext() == "Not stated in the source"
    items = [item.astext() for item in last.findall(nodes.list_item)]
    assert len(items) == 8
    assert "no complaint authority (AVG art. 13 lid 2 onder d; art. 14 lid 2 onder e)" in items


def test_titles_follow_the_site_language_and_text_the_notice(seeds: dict[str, Notice]) -> None:
    cases: tuple[tuple[Lang, str], ...] = (
        ("nl", "Wie is verantwoordelijk?"),
        ("en", "Who is responsible?"),
    )
    for lang, heading in cases:
        (top,) = notice_nodes(seeds["digiinkoop"], lang)
        titles = [title.astext() for title in top.findall(nodes.title)]
        assert heading in titles
        assert titles[0] == (
            "Privacyverklaring DigiInkoop" if lang == "nl" else "Privacy statement DigiInkoop"
        )
        assert any("Servicecentrum@logius.nl" in text for text in _texts(top))


def test_the_register_view_has_a_table_per_data_subject(seeds: dict[str, Notice]) -> None:
    register = seeds["mijnoverheid-m1931"]
    (top,) = register_nodes(register, "nl")
    assert (
        top[0].astext()
        == "MijnOverheid: Beschrijving van gegevensverwerking (M1931) — Registerweergave"
    )
    general, *subjects = list(top.findall(nodes.table))
    assert [table[0].astext() for table in subjects] == [
        f"Betrokkene(n): {s.name}" for s in register.data_subjects
    ]
    for table in subjects:
        labels = [row[0].astext() for row in table.findall(nodes.row)]
        assert labels == [
            "Persoonsgegevens",
            "Verzameldoel",
            "Bewaartermijn",
            "Bron",
            "Aanleverplicht",
        ]
        assert [spec["stub"] for spec in table.findall(nodes.colspec)] == [1, 0]
    rows = {row[0].astext(): row[1].astext() for row in general.findall(nodes.row)}
    assert rows["Referentienummer"] == "M1931"
    assert "Directeur Logius" in rows["Verantwoordelijken"]
    users = {row[0].astext(): row[1].astext() for row in subjects[1].findall(nodes.row)}
    assert users["Bron"].startswith(
        "Derden, Betrokkene: Uit de Basis Registratie Persoonsgegevens (BRP)"
    )
    assert users["Bewaartermijn"] == "Zie artikel 13, lid 2, 3 en 4 van het Besluit GDI"


def test_a_statement_in_the_register_view_says_what_it_does_not_state(
    seeds: dict[str, Notice],
) -> None:
    (top,) = register_nodes(seeds["digid-machtigen"], "nl")
    (_, subject) = list(top.findall(nodes.table))
    rows = {row[0].astext(): row[1].astext() for row in subject.findall(nodes.row)}
    assert rows["Bron"] == "niet vermeld"
    assert rows["Aanleverplicht"] == "niet vermeld"
    assert "maximaal 6 weken en maximaal 5 jaar" in rows["Bewaartermijn"]  # the notice-wide term


def test_the_completeness_table_has_a_row_per_notice_and_a_column_per_element(
    seeds: dict[str, Notice],
) -> None:
    results = [check_notice(seeds[notice_id]) for notice_id in sorted(seeds)]
    table = completeness_table(results, "nl", {"digid-machtigen": ["13.2.d"]})
    assert table["support_smartquotes"] is False
    (head,) = table.findall(nodes.thead)
    assert len(head[0]) == 1 + len(ELEMENTS)
    body = next(iter(table.findall(nodes.tbody)))
    assert [row[0][1].astext() for row in body] == sorted(seeds)
    column = {element.id: index + 1 for index, element in enumerate(ELEMENTS)}

    digid = body[0]
    complaint = digid[column["complaint"]]
    assert complaint["classes"] == ["tenderpack-accepted"]
    assert complaint.astext().startswith("ontbreekt, geaccepteerd")
    assert "art. 13 lid 2 onder d; art. 14 lid 2 onder e" in complaint.astext()
    assert digid[column["dpo"]]["classes"] == ["tenderpack-gap"]
    assert digid[column["recipients"]]["classes"] == ["tenderpack-present"]
    assert digid[column["legitimate_interests"]]["classes"] == ["tenderpack-na"]
    source = digid[column["source"]]
    assert source.astext().endswith("bij: Gebruiker van DigiD Machtigen")

    register = body[3]  # sorted: digid-machtigen, digiinkoop, mijnoverheid, mijnoverheid-m1931
    assert register[column["provision"]]["classes"] == ["tenderpack-present"]
    assert register[column["complaint"]]["classes"] == ["tenderpack-gap"]


def test_the_supplier_summary_shows_supplier_staff_only_when_marked(
    seeds: dict[str, Notice],
) -> None:
    summary = summarise(seeds["digiinkoop"])
    (subject,) = summary.subjects
    assert subject.name == "Leverancierscontactpersoon"
    assert subject.items == ("Achternaam", "E-mailadres", "Gebruikersnaam")
    assert subject.optional_items == ("Voornaam + Voorvoegsel", "Functietitel", "Telefoonnummer")
    assert summary.request_email == "Servicecentrum@logius.nl"
    assert summary.not_stated == ("dpo", "rights", "provision", "source", "automated_decisions")
    # No one marked: every person the notice names.
    assert len(summarise(seeds["mijnoverheid"]).subjects) == 2


def test_a_purpose_without_a_basis_shows_as_a_missing_legal_basis(seeds: dict[str, Notice]) -> None:
    (top,) = supplier_summary([seeds["digid-machtigen"]], "en")
    fields = {field[0].astext(): field[1].astext() for field in top.findall(nodes.field)}
    assert fields["Not stated"].split(", ")[:3] == [
        "Data protection officer",
        "Legal basis",
        "Transfers outside the EU",
    ]


def test_the_supplier_summary_nodes(seeds: dict[str, Notice]) -> None:
    (top,) = supplier_summary([seeds["digiinkoop"], seeds["mijnoverheid-m1931"]], "nl")
    assert _section_names(top) == [
        "privacy-summary",
        "privacy-summary-digiinkoop",
        "privacy-summary-mijnoverheid-m1931",
    ]
    digiinkoop, register = list(top.findall(nodes.field_list))
    fields = {field[0].astext(): field[1].astext() for field in digiinkoop.findall(nodes.field)}
    assert list(fields) == ["Welke gegevens", "Waarom", "Hoe lang", "Uw rechten", "Niet vermeld"]
    assert fields["Welke gegevens"].startswith(
        "Leverancierscontactpersoon: Achternaam; E-mailadres"
    )
    assert "10 jaar" in fields["Hoe lang"]
    assert (
        "e-mail Servicecentrum@logius.nl of brief aan DigiInkoop – Postbus 6810"
        in fields["Uw rechten"]
    )
    assert "Klacht: Autoriteit Persoonsgegevens" in fields["Uw rechten"]
    assert fields["Niet vermeld"] == (
        "Functionaris gegevensbescherming, "
        "Rechten van betrokkenen (overdraagbaarheid van gegevens), "
        "Verplichting tot verstrekken, Bron van de gegevens, Geautomatiseerde besluitvorming"
    )
    fields = {field[0].astext(): field[1].astext() for field in register.findall(nodes.field)}
    assert fields["Uw rechten"] == "niet vermeld"
    assert fields["Niet vermeld"].startswith(
        "Functionaris gegevensbescherming, Rechten van betrokkenen, "
    )
    assert "Beheerders van MijnOverheid: Logs met daarin de naam" in fields["Welke gegevens"]
    assert "Beheerders van MijnOverheid: vijf jaar." in fields["Hoe lang"]
