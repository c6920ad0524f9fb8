"""The completeness check against GDPR Art. 13/14, one missing element at a time.

The baseline is the testroot's complete notice, which has every element. Each case takes
one element away and names the exact set of gaps that must follow: the element, the person
it concerns and the articles it cites. An exact set, so a checker that misses the gap fails
and one that invents a second gap fails too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tenderpack.privacy.check import (
    ARTICLE_KEYS,
    ELEMENTS,
    Gap,
    check_notice,
    citation,
    expected_rights,
    subject_articles,
)
from tenderpack.privacy.loading import load_notice_bytes
from tenderpack.privacy.model import Notice

COMPLETE_PATH = Path(__file__).parent / "roots" / "test-privacy" / "privacy" / "complete.yaml"
COMPLETE_TEXT = COMPLETE_PATH.read_text(encoding="utf-8")
SUPPLIER = "Contactpersoon van de leverancier"  # source: subject (Art. 13)
COLLEAGUE = "Collega in de administratie"  # source: third_party (Art. 14)

Data = dict[str, Any]
GapKey = tuple[str, str | None, tuple[str, ...]]


def complete() -> Data:
    data: Data = yaml.safe_load(COMPLETE_TEXT)
    return data


def gaps_of(data: Data) -> set[GapKey]:
    return {
        (g.element, g.subject, g.articles) for g in check_notice(Notice.model_validate(data)).gaps
    }


def _drop(*path: str | int) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


def _set(value: Any, *path: str | int) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _both(*changes: Callable[[Data], None]) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        for one in changes:
            one(data)

    return change


CASES: list[tuple[str, Callable[[Data], None], set[GapKey]]] = [
    ("controller", _drop("controller"), {("controller", None, ("13.1.a", "14.1.a"))}),
    (
        "controller-contact",
        _both(_drop("controller", "address"), _drop("rights_contact")),
        {("controller", None, ("13.1.a", "14.1.a"))},
    ),
    ("dpo", _drop("dpo"), {("dpo", None, ("13.1.b", "14.1.b"))}),
    (
        "dpo-without-contact",
        _set({"name": "J. Jansen"}, "dpo"),
        {("dpo", None, ("13.1.b", "14.1.b"))},
    ),
    ("purposes", _drop("purposes"), {("purposes", None, ("13.1.c", "14.1.c"))}),
    (
        "legal-basis",
        _drop("purposes", 0, "legal_basis"),
        {("purposes", None, ("13.1.c", "14.1.c"))},
    ),
    (
        "legitimate-interests",
        _drop("legitimate_interests"),
        {("legitimate_interests", None, ("13.1.d", "14.2.b"))},
    ),
    ("categories", _drop("data_subjects", 1, "data"), {("categories", COLLEAGUE, ("14.1.d",))}),
    ("recipients", _drop("recipients"), {("recipients", None, ("13.1.e", "14.1.e"))}),
    ("transfers", _drop("transfers_outside_eu"), {("transfers", None, ("13.1.f", "14.1.f"))}),
    (
        "transfers-unknown",
        _set({"present": None}, "transfers_outside_eu"),
        {("transfers", None, ("13.1.f", "14.1.f"))},
    ),
    (
        "transfer-safeguards",
        _set({"present": True}, "transfers_outside_eu"),
        {("transfers", None, ("13.1.f", "14.1.f"))},
    ),
    # The supplier contact has a retention of their own; the colleague relies on the notice's.
    ("retention", _drop("retention"), {("retention", COLLEAGUE, ("14.2.a",))}),
    (
        "retention-everyone",
        _both(_drop("retention"), _drop("data_subjects", 0, "retention")),
        {("retention", SUPPLIER, ("13.2.a",)), ("retention", COLLEAGUE, ("14.2.a",))},
    ),
    ("rights", _drop("rights"), {("rights", None, ("13.2.b", "14.2.c"))}),
    (
        "objection",
        _set(["access", "rectification", "erasure", "restriction", "portability"], "rights"),
        {("rights", None, ("13.2.b", "14.2.c"))},
    ),
    (
        "portability",
        _set(["access", "rectification", "erasure", "restriction", "objection"], "rights"),
        {("rights", None, ("13.2.b", "14.2.c"))},
    ),
    (
        "consent-withdrawal",
        _drop("consent_withdrawal"),
        {("consent_withdrawal", None, ("13.2.c", "14.2.d"))},
    ),
    ("complaint", _drop("complaint_authority"), {("complaint", None, ("13.2.d", "14.2.e"))}),
    ("provision", _drop("data_subjects", 0, "provision"), {("provision", SUPPLIER, ("13.2.e",))}),
    (
        "provision-unknown",
        _set({"obligatory": None}, "data_subjects", 0, "provision"),
        {("provision", SUPPLIER, ("13.2.e",))},
    ),
    (
        "provision-consequences",
        _drop("data_subjects", 0, "provision", "consequences"),
        {("provision", SUPPLIER, ("13.2.e",))},
    ),
    (
        "source-detail",
        _drop("data_subjects", 1, "source_detail"),
        {("source", COLLEAGUE, ("14.2.f",))},
    ),
    # Without a source the checker cannot tell Art. 13 from 14: it holds the person to both.
    (
        "source",
        _drop("data_subjects", 1, "source"),
        {("source", COLLEAGUE, ("14.2.f",)), ("provision", COLLEAGUE, ("13.2.e",))},
    ),
    (
        "automated",
        _drop("automated_decision_making"),
        {("automated_decisions", None, ("13.2.f", "14.2.g"))},
    ),
    (
        "automated-logic",
        _set({"present": True}, "automated_decision_making"),
        {("automated_decisions", None, ("13.2.f", "14.2.g"))},
    ),
]


def test_the_complete_notice_has_no_gaps_and_every_element_applies() -> None:
    result = check_notice(Notice.model_validate(complete()))
    assert result.gaps == []
    assert all(result.applicable[element.id] for element in ELEMENTS)


@pytest.mark.parametrize(("name", "change", "expected"), CASES, ids=[case[0] for case in CASES])
def test_each_missing_element_is_exactly_one_gap(
    name: str, change: Callable[[Data], None], expected: set[GapKey]
) -> None:
    data = copy.deepcopy(complete())
    change(data)
    assert gaps_of(data) == expected


def test_every_element_has_a_case() -> None:
    covered = {element for _, _, expected in CASES for element, _, _ in expected}
    assert covered == {element.id for element in ELEMENTS}


def test_the_article_numbering_is_the_gdpr_text() -> None:
    # AVG art. 13 and 14 as published (Regulation (EU) 2016/679), element by element.
    assert {e.id: (e.art13, e.art14) for e in ELEMENTS} == {
        "controller": ("13.1.a", "14.1.a"),
        "dpo": ("13.1.b", "14.1.b"),
        "purposes": ("13.1.c", "14.1.c"),
        "legitimate_interests": ("13.1.d", "14.2.b"),
        "categories": (None, "14.1.d"),
        "recipients": ("13.1.e", "14.1.e"),
        "transfers": ("13.1.f", "14.1.f"),
        "retention": ("13.2.a", "14.2.a"),
        "rights": ("13.2.b", "14.2.c"),
        "consent_withdrawal": ("13.2.c", "14.2.d"),
        "complaint": ("13.2.d", "14.2.e"),
        "provision": ("13.2.e", None),
        "source": (None, "14.2.f"),
        "automated_decisions": ("13.2.f", "14.2.g"),
    }
    assert len(ARTICLE_KEYS) == 6 + 6 + 6 + 7  # 13(1)(a-f), 13(2)(a-f), 14(1)(a-f), 14(2)(a-g)


def test_citation_reads_as_the_dutch_law_cites_itself() -> None:
    assert citation(["13.2.d"]) == "AVG art. 13 lid 2 onder d"
    assert citation(["13.1.f", "14.1.f"]) == "AVG art. 13 lid 1 onder f; art. 14 lid 1 onder f"


def _only_from_the_person(data: Data) -> Data:
    data["data_subjects"] = [data["data_subjects"][0]]
    return data


def test_data_from_the_person_cites_article_13_only() -> None:
    data = _only_from_the_person(complete())
    del data["complaint_authority"]
    assert gaps_of(data) == {("complaint", None, ("13.2.d",))}


def test_data_from_elsewhere_cites_article_14_and_drops_13_2_e() -> None:
    data = complete()
    data["data_subjects"] = [data["data_subjects"][1]]
    del data["complaint_authority"]
    result = check_notice(Notice.model_validate(data))
    assert {(g.element, g.articles) for g in result.gaps} == {("complaint", ("14.2.e",))}
    assert result.applicable["provision"] == ()
    assert result.applicable["source"] == ("14.2.f",)


def test_a_register_subject_with_several_sources_falls_under_both_articles() -> None:
    data = complete()
    data["data_subjects"][0]["source"] = ["third_party", "subject"]
    data["data_subjects"][0]["source_detail"] = "Uit de BRP en van de betrokkene zelf."
    notice = Notice.model_validate(data)
    assert subject_articles(notice.data_subjects[0]) == {13, 14}
    assert check_notice(notice).gaps == []


def test_a_notice_without_data_subjects_lacks_what_each_person_needs() -> None:
    data = complete()
    data["data_subjects"] = []
    assert gaps_of(data) == {
        ("categories", None, ("14.1.d",)),
        ("provision", None, ("13.2.e",)),
        ("source", None, ("14.2.f",)),
    }


def test_conditional_elements_apply_only_when_their_basis_is_used() -> None:
    data = complete()
    data["purposes"] = [{"text": "Een publieke taak", "legal_basis": "public_task"}]
    del data["legitimate_interests"], data["consent_withdrawal"]
    result = check_notice(Notice.model_validate(data))
    assert result.gaps == []
    assert result.applicable["legitimate_interests"] == ()
    assert result.applicable["consent_withdrawal"] == ()


def test_portability_is_expected_only_for_consent_or_contract() -> None:
    data = complete()
    data["purposes"] = [{"text": "Een publieke taak", "legal_basis": "public_task"}]
    assert "portability" not in expected_rights(Notice.model_validate(data))
    data["legal_basis"] = {"basis": "contract"}
    data["purposes"] = [{"text": "Zonder eigen grondslag"}]
    assert "portability" in expected_rights(Notice.model_validate(data))


def test_a_notice_wide_legal_basis_covers_every_purpose() -> None:
    data = complete()
    data["purposes"] = [{"text": "Doel A"}, {"text": "Doel B"}]
    data["legal_basis"] = {"reference": "Besluit GDI"}
    del data["legitimate_interests"], data["consent_withdrawal"]
    assert gaps_of(data) == set()


def test_the_request_channel_counts_as_the_controllers_contact() -> None:
    data = complete()
    del data["controller"]["address"]
    assert gaps_of(data) == set()  # rights_contact still reaches the controller


def test_a_gap_points_at_its_field_or_at_the_first_line() -> None:
    present_but_empty = COMPLETE_TEXT.replace(
        "complaint_authority: Autoriteit Persoonsgegevens", "complaint_authority: null"
    )
    absent = COMPLETE_TEXT.replace("complaint_authority: Autoriteit Persoonsgegevens\n", "")
    path = Path("digid-machtigen.yaml")
    for text, line in ((present_but_empty, 47), (absent, 1)):
        loaded = load_notice_bytes(text.encode(), path)
        assert loaded.notice is not None
        (gap,) = check_notice(loaded.notice, loaded.source).gaps
        assert gap.line == line


def test_a_gap_reads_as_the_spec_shows_it() -> None:
    text = _only_from_the_person(complete())
    del text["complaint_authority"]
    body = yaml.safe_dump(text, allow_unicode=True, sort_keys=False).replace(
        "schema_version: 1\n", ""
    )
    loaded = load_notice_bytes(
        ("schema_version: 1\n" + body).encode(), Path("digid-machtigen.yaml")
    )
    assert loaded.notice is not None
    (gap,) = check_notice(loaded.notice, loaded.source).gaps
    diagnostic = gap.diagnostic(Path("digid-machtigen.yaml"), "en")
    assert (
        diagnostic.format()
        == "digid-machtigen.yaml:1: warning: no complaint authority (AVG art. 13 lid 2 onder d)"
    )
    assert gap.message("nl") == "geen klachtinstantie (AVG art. 13 lid 2 onder d)"


def test_gap_messages_name_the_person_and_the_missing_rights() -> None:
    data = complete()
    del data["data_subjects"][0]["provision"]
    data["rights"] = ["access"]
    gaps = check_notice(Notice.model_validate(data)).gaps
    messages = {gap.element: gap.message("en") for gap in gaps}
    assert messages["provision"].startswith(
        f"{SUPPLIER}: not stated whether the person must provide"
    )
    assert messages["rights"].startswith(
        "rights not mentioned: rectification, erasure, restriction of processing"
    )
    assert "data portability" in messages["rights"]


def test_accepting_a_gap_by_article_element_or_star() -> None:
    gap = Gap("complaint", ("13.2.d", "14.2.e"), "gap-complaint", 1)
    assert gap.accepted_by(["13.2.d"])
    assert gap.accepted_by(["14.2.e"])
    assert gap.accepted_by(["complaint"])
    assert gap.accepted_by(["*"])
    assert not gap.accepted_by(["13.2.a", "dpo"])
    assert not gap.accepted_by([])
