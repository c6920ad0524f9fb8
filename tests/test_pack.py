"""TenderPack: the derived values every output shares, from the spec and Bijlage H."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tenderpack.messages import long_date
from tenderpack.outputs.labels import label
from tenderpack.outputs.report import describe_pack
from tenderpack.systems import shipped_registry
from tenderpack.systems.spec import PHASES
from tenderpack.tender.loading import load_tenders
from tenderpack.tender.pack import TenderPack, build_pack

from .support import load_text, variant

EXAMPLES = Path(__file__).parent.parent / "tenders"
DIGIPOORT_STEPS = {
    "aanmelden-digipoort",
    "digipoort-in-gebruik",
    "berichtenstandaard",
    "acceptatietest",
    "acceptatietest-deelnemen",
    "beschikbaarheid",
}
PORTAL_STEPS = {
    "aanmelden-leveranciersportaal",
    "opdracht-account",
    "account-aanmaken",
    "leveranciersportaal-in-gebruik",
}


def pack_of(*replacements: tuple[str, str]) -> TenderPack:
    loaded = load_text(variant(*replacements))
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.tender is not None
    return build_pack(loaded.tender, loaded.path)


def step_ids(pack: TenderPack) -> set[str]:
    return {step.id for step in pack.checklist}


@pytest.mark.parametrize(
    ("supply", "standard"),
    [("goods", "UBL-OHNL"), ("services", "UBL-OHNL"), ("hire", "HR-XML-OHNL")],
)
def test_message_standard_follows_the_supply(supply, standard):
    pack = pack_of(("supply: services", f"supply: {supply}"))
    assert pack.message_standard == standard
    assert shipped_registry()["digiinkoop"].data.message_standards[supply] == standard
    step = next(s for s in pack.checklist if s.id == "berichtenstandaard")
    assert standard in step.title


def test_deadlines_with_both_connections():
    pack = pack_of(
        ("  award: 2027-03-01", "  award: 2026-11-26"),
        ("  contract_start: 2027-09-01", "  contract_start: 2027-06-01"),
    )
    assert {key: d.date for key, d in pack.deadlines.items()} == {
        "award": dt.date(2026, 11, 26),
        "contract_start": dt.date(2027, 6, 1),
        "leveranciersportaal": dt.date(2027, 6, 1),
        # 26 March 2027 is Good Friday; then the weekend and Easter Monday.
        "digipoort": dt.date(2027, 3, 30),
    }


def test_digipoort_months_count():
    pack = pack_of(("digipoort_months: 4", "digipoort_months: 6"))
    assert pack.deadlines["digipoort"].date == dt.date(2027, 9, 1)


def test_portal_only_has_no_digipoort_deadline_or_steps():
    pack = pack_of(("[leveranciersportaal, digipoort]", "[leveranciersportaal]"))
    assert "digipoort" not in pack.deadlines
    assert not step_ids(pack) & DIGIPOORT_STEPS
    assert step_ids(pack) >= PORTAL_STEPS
    assert pack.options["digipoort"] is False
    assert pack.options["leveranciersportaal"] is True


def test_both_connections_have_all_connection_steps():
    pack = pack_of()
    assert step_ids(pack) >= DIGIPOORT_STEPS | PORTAL_STEPS


def test_catalogue_and_departments_off_the_system_add_their_steps():
    plain = pack_of(("    on_digiinkoop: false\n", ""))
    assert "catalogus" not in step_ids(plain)
    assert "andere-onderdelen" not in step_ids(plain)
    both = pack_of(("catalogue: false", "catalogue: true"))
    assert {"catalogus", "andere-onderdelen"} <= step_ids(both)


def test_steps_have_owners_and_due_dates_from_the_annex():
    pack = pack_of()
    steps = {step.id: step for step in pack.checklist}
    owners = {step.owner for step in pack.checklist}
    assert owners == {"supplier", "contracting_authority", "logius"}
    assert steps["account-aanmaken"].owner == "logius"
    assert steps["opdracht-account"].owner == "contracting_authority"
    assert steps["contactpersoon"].owner == "supplier"
    assert steps["contactpersoon"].phase == "submission"
    assert steps["contactpersoon"].due is None
    assert steps["leveranciersportaal-in-gebruik"].due == pack.deadlines["leveranciersportaal"]
    assert steps["digipoort-in-gebruik"].due == pack.deadlines["digipoort"]
    assert steps["digipoort-in-gebruik"].due.date == dt.date(2027, 7, 1)
    # The acceptance test is due before the first order: a moment, not a date.
    assert steps["acceptatietest"].phase == "first_order"
    assert steps["acceptatietest"].due is None


def test_steps_are_in_phase_order_and_filled_in():
    for lang in ("nl", "en"):
        pack = pack_of(("language: nl", f"language: {lang}"))
        phases = [PHASES.index(step.phase) for step in pack.checklist]
        assert phases == sorted(phases)
        for step in pack.checklist:
            assert "{" not in step.title + step.explanation, step.id
    english = pack_of(("language: nl", "language: en"))
    assert english.checklist[0].title == "Name one contact person"
    months = next(s for s in english.checklist if s.id == "digipoort-in-gebruik")
    assert "within 4 calendar months of the award" in months.explanation


def test_departments_and_privacy_notices():
    pack = pack_of()
    assert [(d.abbreviation, d.on_system) for d in pack.departments] == [
        ("BZ", True),
        ("BZK", False),
    ]
    assert pack.departments[0].known_as == "Ministerie van Buitenlandse Zaken"
    assert pack.privacy_notices == ("digiinkoop", "digid-machtigen", "mijnoverheid")
    chosen = pack_of(("catalogue: false", "catalogue: false\nprivacy_notices: [digiinkoop]"))
    assert chosen.privacy_notices == ("digiinkoop",)


def test_to_json_is_plain_json_with_iso_dates():
    data = json.loads(json.dumps(pack_of().to_json()))
    assert data["message_standard"] == "UBL-OHNL"
    assert data["deadlines"] == {
        "award": "2027-03-01",
        "contract_start": "2027-09-01",
        "leveranciersportaal": "2027-09-01",
        "digipoort": "2027-07-01",
    }
    assert data["tender"]["dates"] == {"award": "2027-03-01", "contract_start": "2027-09-01"}
    step = next(s for s in data["checklist"] if s["id"] == "digipoort-in-gebruik")
    assert (step["owner"], step["due"], step["due_key"]) == ("supplier", "2027-07-01", "digipoort")
    assert data["departments"][1]["oin"] == "00000001003214345000"


def test_to_json_leaves_digipoort_out_when_not_offered():
    pack = pack_of(("[leveranciersportaal, digipoort]", "[leveranciersportaal]"))
    assert "digipoort" not in pack.to_json()["deadlines"]


@pytest.mark.parametrize(("lang", "expected"), [("nl", "1 maart 2027"), ("en", "1 March 2027")])
def test_long_date(lang, expected):
    assert long_date(dt.date(2027, 3, 1), lang) == expected


def test_describe_pack_for_people():
    text = describe_pack(pack_of(), "nl")
    assert "2027-TEST-0001: Testaanbesteding" in text
    assert "Digipoort-koppeling in gebruik" in text  # the deadline's name from the profile
    assert "[wettelijke termijn (Algemene termijnenwet)]" in text
    assert "1 juli 2027 (2027-07-01)" in text
    assert "Berichtenstandaard: UBL-OHNL" in text
    assert "(niet op DigiInkoop)" in text
    assert "[Logius] Account aanmaken en inloggegevens versturen — 1 september 2027" in text


def test_steps_that_start_at_award_are_due_by_the_connection_they_prepare():
    """A step begun after award is not due on the award date itself (it would read as such)."""
    pack = pack_of()
    after_award = pack.steps_in("award")
    assert after_award
    assert all(step.due is not None and step.due.key != "award" for step in after_award)
    due = {step.id: step.due.key for step in after_award if step.due}
    assert due["aanmelden-leveranciersportaal"] == "leveranciersportaal"
    assert due["aanmelden-digipoort"] == "digipoort"


def test_examples_cover_every_choice():
    """The example site mixes both shipped systems, and shows every choice of each."""
    loaded = load_tenders([EXAMPLES])
    assert len(loaded) >= 6
    every = [item.tender for item in loaded if item.tender is not None]
    assert len(every) == len(loaded)
    assert {t.system for t in every} == {"digiinkoop", "peppol-rijk"}
    for tender, item in zip(every, loaded, strict=True):
        assert build_pack(tender, item.path).checklist
    tenders = [t for t in every if t.system == "digiinkoop"]
    assert {t.supply for t in tenders} == {"goods", "services", "hire"}
    assert {t.channel for t in tenders} == {"klantorder", "nacalculatie"}
    assert {t.agreement for t in tenders} == {"raamovereenkomst", "overeenkomst"}
    assert {t.language for t in tenders} == {"nl", "en"}
    assert {t.setting("catalogue") for t in tenders} == {True, False}
    assert {tuple(t.connections) for t in tenders} == {
        ("leveranciersportaal",),
        ("leveranciersportaal", "digipoort"),
    }
    assert {d.on_system for t in tenders for d in t.departments} == {True, False}
    assert {len(t.departments) > 1 for t in tenders} == {True, False}
    authorities = {t.contracting_authority.abbreviation for t in tenders}
    assert len(authorities) == len(tenders)  # a different department leads each


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_show_names_each_examples_system_annex_and_roles(path):
    """What ``tenderpack show`` prints and ``show --json`` gives, for both systems' examples."""
    loaded = load_tenders([path])[0]
    assert loaded.tender is not None
    pack = build_pack(loaded.tender, path)
    text = describe_pack(pack, pack.lang)
    data = pack.to_json()
    annex = pack.system.data.annex
    assert data["annex"] == {
        "stem": annex.stem,
        "title": annex.title(pack.lang),
        "short": annex.short(pack.lang),
    }
    assert f"{pack.system.name}\n" in text
    assert f": {annex.short(pack.lang)} ({pack.reference}-{annex.stem}.*)" in text
    roles = {d["role"] for d in data["departments"]}
    if roles != {"both"}:  # an invoice-to unit: the text says which unit does what
        for department in pack.departments:
            line = next(x for x in text.splitlines() if department.oin in x)
            assert line.endswith(f"[{label('role-' + department.role, pack.lang)}]"), line
    else:
        assert "[bestelt" not in text and "[orders" not in text


def test_the_peppol_rijk_examples_cover_its_choices():
    """Goods with e-ordering; hire of staff with SETU and a unit that receives the invoices."""
    loaded = load_tenders([EXAMPLES])
    tenders = [
        i.tender for i in loaded if i.tender is not None and i.tender.system == "peppol-rijk"
    ]
    assert len(tenders) >= 2
    assert {t.supply for t in tenders} >= {"goods", "hire"}
    assert {t.setting("e_ordering") for t in tenders} == {True, False}
    assert {t.setting("setu") for t in tenders} == {True, False}
    assert {d.role for t in tenders for d in t.departments} == {"both", "orders", "invoices"}
    assert all(t.setting("setu") for t in tenders if t.supply == "hire")
