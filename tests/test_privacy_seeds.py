"""The four transcribed seed notices: they load, they are faithful, and they have exactly
the gaps their sources have.

The gap sets below were read off the sources by hand (see the report in docs/privacy): a
transcription that fills a gap the source leaves open, or a checker that invents one, fails
here. Fidelity is checked both ways against the seed texts: every text in a notice file is
found in its source, and every sentence of the source is found in the notice, apart from
the listed exceptions (headings, a table of contents, facts carried by a structured field).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tenderpack.privacy.check import check_notice
from tenderpack.privacy.loading import load_notices
from tenderpack.privacy.schema import notice_schema

ROOT = Path(__file__).parent.parent
NOTICES = ROOT / "docs" / "privacy"
SEEDS = Path("/work/shared/seeds")
SOURCES = {
    "digiinkoop": "000_9da4123f7ae4aa68.txt",
    "digid-machtigen": "001_d8223efc5d0fe763.txt",
    "mijnoverheid-m1931": "002_a5abe0d321cfaa01.txt",
    "mijnoverheid": "004_0df605b9a0c17a9b.txt",
}
BOTH_1B = ("13.1.b", "14.1.b")
BOTH_2B = ("13.2.b", "14.2.c")
BOTH_2D = ("13.2.d", "14.2.e")
BOTH_2F = ("13.2.f", "14.2.g")
P13_2E = ("13.2.e",)
P14_2F = ("14.2.f",)

EXPECTED_GAPS: dict[str, set[tuple[str, str | None, tuple[str, ...]]]] = {
    # Sources of the data are never stated, so each person falls under Art. 13 and 14.
    "digiinkoop": {
        ("dpo", None, BOTH_1B),
        ("rights", None, BOTH_2B),  # portability: the basis is a contract (Art. 20(1)(a))
        ("automated_decisions", None, BOTH_2F),
        ("provision", "Leverancierscontactpersoon", P13_2E),
        ("provision", "Gebruiker binnen een Rijksoverheid organisatie", P13_2E),
        ("provision", "Beheerder", P13_2E),
        ("source", "Leverancierscontactpersoon", P14_2F),
        ("source", "Gebruiker binnen een Rijksoverheid organisatie", P14_2F),
        ("source", "Beheerder", P14_2F),
    },
    "digid-machtigen": {
        ("dpo", None, BOTH_1B),
        ("purposes", None, ("13.1.c", "14.1.c")),  # 5 of 6 purposes have no legal basis
        ("transfers", None, ("13.1.f", "14.1.f")),
        ("rights", None, BOTH_2B),  # no right to object
        ("complaint", None, BOTH_2D),
        ("automated_decisions", None, BOTH_2F),
        ("provision", "Gebruiker van DigiD Machtigen", P13_2E),
        ("source", "Gebruiker van DigiD Machtigen", P14_2F),
    },
    # Sources given per person (BRP and afnemers for two of them: Art. 14 too).
    "mijnoverheid-m1931": {
        ("dpo", None, BOTH_1B),
        ("rights", None, BOTH_2B),  # the register entry names no rights at all
        ("complaint", None, BOTH_2D),
    },
    "mijnoverheid": {
        ("dpo", None, BOTH_1B),
        ("automated_decisions", None, BOTH_2F),
        ("provision", "Bezoeker van de website van MijnOverheid", P13_2E),
        ("provision", "Gebruiker van MijnOverheid", P13_2E),
        ("source", "Bezoeker van de website van MijnOverheid", P14_2F),
        ("source", "Gebruiker van MijnOverheid", P14_2F),
    },
}

# Texts in a notice file that are not verbatim in the source, and why.
NOT_VERBATIM: dict[str, dict[tuple[Any, ...], str]] = {
    "digiinkoop": {
        ("data_subjects", 1, "name"): "label for 'gebruikers binnen een Rijksoverheid organisatie'",
        ("data_subjects", 1, "data", "groups", 0, "items", 4): "footnote marker 2 dropped",
        ("data_subjects", 1, "data", "groups", 2, "items", 0): "footnote marker 2 dropped",
    },
    "mijnoverheid-m1931": {
        (
            "data_subjects",
            4,
            "data",
            "required",
            14,
        ): "list structure lost in the extraction, restored",
    },
    "mijnoverheid": {
        ("data_subjects", 0, "name"): "label for 'de bezoeker' of 'een bezoek aan de website'",
    },
}

# Sentences of a source not found verbatim in its notice, and where the fact went.
_TOC = "table of contents"
NOT_TRANSCRIBED_VERBATIM: dict[str, dict[str, str]] = {
    "digiinkoop": {
        "DigiInkoop maakt gebruik van een zogenaamde sessie-cookie.": "cookies[0].name",
    },
    "digid-machtigen": {},
    "mijnoverheid-m1931": {
        "Beheerder(s) Rol / autorisatieprofiel Gebruiker Beheerder Afnemer Planner": (
            "data items 14 and 15"
        ),
    },
    "mijnoverheid": {
        "10 februari 2022 - versie 2.2": "published, version",
        "Wie verantwoordelijk is voor de verwerking van persoonsgegevens voor MijnOverheid.": _TOC,
        "Waarom persoonsgegevens worden verwerkt.": _TOC,
        "Wat de grondslag is voor het verwerken van persoonsgegevens.": _TOC,
        "Welke persoonsgegevens van de gebruiker van MijnOverheid worden verwerkt.": _TOC,
        "Hoe wordt omgegaan met cookies en statistische informatie.": _TOC,
        "Aan wie de persoonsgegevens verstrekt kunnen worden.": _TOC,
        "Welke bewaartermijnen gelden.": _TOC,
        "Wat de rechten zijn van de gebruiker.": _TOC,
        "Welke beveiligingsmaatregelen genomen zijn.": _TOC,
        "Dat de privacyverklaring gewijzigd kan worden.": _TOC,
        (
            "Voor het maken van de statistieken wordt gebruik gemaakt van een cookie met een "
            "anoniem visitor-id."
        ): "cookies[0]: name and purpose",
        "MijnOverheid maakt gebruik van een zogenaamde sessie-cookie.": "cookies[1].name",
        "MijnOverheid maakt ook gebruik van een permanente cookie.": "cookies[2].name",
        "Deze cookie bevat geen persoonsgegevens.": "cookies[2].personal_data: false",
    },
}

# Fields whose values are codes, not text from the source.
CODE_FIELDS = {
    "schema_version",
    "id",
    "kind",
    "language",
    "basis",
    "source",
    "requirement",
    "rights",
}


def _normal(text: str) -> str:
    """Compare text, not typography or line breaks (the extraction broke lines and spaces)."""
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, plain)
    return re.sub(r"[\s<>]+", "", text).casefold()


def _texts(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            is_code = key in CODE_FIELDS or (key == "legal_basis" and isinstance(item, str))
            if not is_code:
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _sentences(source: str) -> Iterator[str]:
    """The source's sentences, without headings, questions and register labels."""
    for raw_line in source.splitlines():
        line = raw_line.strip()
        if "\t" in line:  # a register row: "Label<TAB>value"
            line = line.split("\t", 1)[1]
        for item in re.split(r"\s*•\s*", line):
            item = re.sub(r"^(-\s*|\d+\.\s*)", "", item.strip())
            if not item or item.endswith(("?", ":")) or ("." not in item and len(item) < 70):
                continue  # a heading, a question that heads a section, a lead-in
            for sentence in re.split(r"(?<=[.;!?])\s+|(?<=:)\s+", item):
                if "." in sentence or len(sentence) >= 70:
                    yield sentence.strip()


def _source(notice_id: str) -> str:
    path = SEEDS / SOURCES[notice_id]
    if not path.exists():
        pytest.skip(f"seed {path} is not available here")
    return path.read_text(encoding="utf-8")


def _data(notice_id: str) -> Any:
    return yaml.safe_load((NOTICES / f"{notice_id}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loaded() -> dict[str, Any]:
    return {item.path.stem: item for item in load_notices([NOTICES])}


def test_the_four_seed_notices_are_there_and_load_without_any_diagnostic(
    loaded: dict[str, Any],
) -> None:
    assert set(loaded) == set(SOURCES)
    for item in loaded.values():
        assert item.ok
        assert item.diagnostics == []


@pytest.mark.parametrize("notice_id", sorted(SOURCES))
def test_each_seed_notice_has_exactly_its_gaps(loaded: dict[str, Any], notice_id: str) -> None:
    item = loaded[notice_id]
    gaps = check_notice(item.notice, item.source).gaps
    assert {(g.element, g.subject, g.articles) for g in gaps} == EXPECTED_GAPS[notice_id]


@pytest.mark.parametrize("notice_id", sorted(SOURCES))
def test_every_text_in_a_notice_comes_from_its_source(notice_id: str) -> None:
    source = _normal(_source(notice_id))
    allowed = NOT_VERBATIM.get(notice_id, {})
    invented = []
    for path, text in _texts(_data(notice_id)):
        if path in allowed:
            continue
        for sentence in re.split(r"\n|(?<=[.;!?:])\s+", text):
            if _normal(sentence).rstrip(".;:") not in source:
                invented.append((path, sentence))
    assert invented == []
    for path in allowed:  # an exception that is no longer needed must go
        text = dict(_texts(_data(notice_id)))[path]
        assert _normal(text).rstrip(".;:") not in source, path


@pytest.mark.parametrize("notice_id", sorted(SOURCES))
def test_every_sentence_of_a_source_is_in_its_notice(notice_id: str) -> None:
    notice_text = "\n".join(_normal(text) for _, text in _texts(_data(notice_id)))
    allowed = NOT_TRANSCRIBED_VERBATIM[notice_id]
    missing = [
        s
        for s in _sentences(_source(notice_id))
        if s not in allowed and _normal(s).rstrip(".;:") not in notice_text
    ]
    assert missing == []
    assert set(allowed) <= set(_sentences(_source(notice_id)))


def test_dates_versions_and_references_are_the_published_ones(loaded: dict[str, Any]) -> None:
    digiinkoop, mijnoverheid = loaded["digiinkoop"].notice, loaded["mijnoverheid"].notice
    register = loaded["mijnoverheid-m1931"].notice
    assert digiinkoop.published.isoformat() == "2020-02-17"
    assert digiinkoop.version is None
    assert (mijnoverheid.published.isoformat(), mijnoverheid.version) == ("2022-02-10", "2.2")
    assert (register.kind, register.register_reference) == ("register_entry", "M1931")
    assert [s.name for s in digiinkoop.data_subjects if s.concerns_suppliers] == [
        "Leverancierscontactpersoon"
    ]


def test_the_seed_notices_satisfy_the_json_schema() -> None:
    schema = notice_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for notice_id in SOURCES:
        as_json = json.loads(
            json.dumps(_data(notice_id), default=str)
        )  # dates as YAML editors see them
        assert list(validator.iter_errors(as_json)) == []
