"""Loading and validation: every rule of the spec, with its message, position and language.

Each case changes one thing in a valid tender and names the diagnostic it must give: its
code, line and column, severity, and a piece of the Dutch and the English message. A last
test checks that every code the loader can produce has a case here or in the bad-input
corpus, so a new rule cannot arrive untested.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import known_codes
from tenderpack.reading.yamlsource import MAX_DEPTH, MAX_NODES
from tenderpack.tender.loading import (
    find_tender_files,
    load_tender,
    load_tender_bytes,
    load_tenders,
)

from . import test_profiles
from .support import VALID_TENDER, load_text, variant

ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE
BAD_INPUTS = Path(__file__).parent / "bad_inputs"


@dataclass(frozen=True)
class Case:
    id: str
    replacements: tuple[tuple[str, str], ...]
    code: str
    line: int
    column: int
    severity: Severity
    nl: str
    en: str


def case(id, old, new, code, line, column, severity, nl, en) -> Case:
    return Case(id, ((old, new),), code, line, column, severity, nl, en)


CASES = [
    # --- fields --------------------------------------------------------------------------
    case(
        "unknown field with suggestion",
        "title: Testaanbesteding",
        "titel: Testaanbesteding",
        "unknown-field",
        3,
        1,
        ERROR,
        "onbekend veld 'titel'; bedoelt u 'title'?",
        "unknown field 'titel'; did you mean 'title'?",
    ),
    case(
        "unknown nested field with suggestion",
        "    abbreviation: BZ\n",
        "    abreviation: BZ\n",
        "unknown-field",
        13,
        5,
        ERROR,
        "bedoelt u 'abbreviation'?",
        "did you mean 'abbreviation'?",
    ),
    case(
        "unknown field without a close match",
        "catalogue: false",
        "catalogue: false\nbudget: 100",
        "unknown-field",
        22,
        1,
        ERROR,
        "onbekend veld 'budget'",
        "unknown field 'budget'",
    ),
    case(
        "missing top-level field",
        "title: Testaanbesteding\n",
        "",
        "missing-field",
        1,
        1,
        ERROR,
        "verplicht veld 'title' ontbreekt",
        "required field 'title' is missing",
    ),
    case(
        "missing nested field points at its mapping",
        "  name: Team Inkoop\n",
        "",
        "missing-field",
        27,
        1,
        ERROR,
        "verplicht veld 'contact.name' ontbreekt",
        "required field 'contact.name' is missing",
    ),
    case(
        "enum lists the allowed values",
        "supply: services",
        "supply: diensten",
        "bad-choice",
        6,
        9,
        ERROR,
        "'diensten' is geen toegestane waarde; kies uit goods, services, hire",
        "'diensten' is not allowed; choose from goods, services, hire",
    ),
    case(
        "enum in a list",
        "[leveranciersportaal, digipoort]",
        "[leveranciersportaal, edi]",
        "bad-choice",
        22,
        36,
        ERROR,
        "connections[1]: 'edi' is geen toegestane waarde; kies uit leveranciersportaal, digipoort",
        "connections[1]: 'edi' is not allowed; choose from leveranciersportaal, digipoort",
    ),
    case(
        "channel enum",
        "channel: klantorder",
        "channel: catalogus",
        "bad-choice",
        20,
        10,
        ERROR,
        "kies uit klantorder, nacalculatie",
        "choose from klantorder, nacalculatie",
    ),
    case(
        "language enum: no is text, not false",
        "language: nl",
        "language: no",
        "bad-choice",
        4,
        11,
        ERROR,
        "language: 'no' is geen toegestane waarde; kies uit nl, en",
        "language: 'no' is not allowed; choose from nl, en",
    ),
    case(
        "schema version",
        "schema_version: 1",
        "schema_version: 3",
        "bad-choice",
        1,
        17,
        ERROR,
        "schema_version: '3' is geen toegestane waarde; kies uit 1, 2",
        "schema_version: '3' is not allowed; choose from 1, 2",
    ),
    case(
        "number where text belongs, with the quote hint",
        "title: Testaanbesteding",
        "title: 2027",
        "wrong-type",
        3,
        8,
        ERROR,
        "title moet tekst zijn, niet een geheel getal; zet de waarde tussen aanhalingstekens",
        "title must be text, not a whole number; put the value in quotes",
    ),
    case(
        "list where text belongs",
        "title: Testaanbesteding",
        "title: [a, b]",
        "wrong-type",
        3,
        8,
        ERROR,
        "title moet tekst zijn, niet een lijst",
        "title must be text, not a list",
    ),
    case(
        "yes is not a boolean",
        "catalogue: false",
        "catalogue: yes",
        "wrong-type",
        21,
        12,
        ERROR,
        "catalogue moet true of false zijn, niet tekst",
        "catalogue must be true or false, not text",
    ),
    case(
        "quoted number",
        "digipoort_months: 4",
        "digipoort_months: '4'",
        "wrong-type",
        26,
        19,
        ERROR,
        "digipoort_months moet een geheel getal zijn, niet tekst",
        "digipoort_months must be a whole number, not text",
    ),
    case(
        "text where a mapping belongs",
        "contact:\n  name: Team Inkoop\n  email: inkoop@minbzk.example\n"
        '  phone: "+31 70 000 0000"\n',
        "contact: Team Inkoop\n",
        "wrong-type",
        27,
        10,
        ERROR,
        "contact moet een mapping (sleutel: waarde) zijn, niet tekst",
        "contact must be a mapping (key: value), not text",
    ),
    case(
        "empty text",
        "title: Testaanbesteding",
        "title: ''",
        "too-short",
        3,
        8,
        ERROR,
        "title mag niet leeg zijn",
        "title must not be empty",
    ),
    case(
        "no connections",
        "connections: [leveranciersportaal, digipoort]",
        "connections: []",
        "too-short",
        22,
        14,
        ERROR,
        "connections mag niet leeg zijn",
        "connections must not be empty",
    ),
    case(
        "months not whole",
        "digipoort_months: 4",
        "digipoort_months: 4.5",
        "wrong-type",
        26,
        19,
        ERROR,
        "digipoort_months moet een geheel getal zijn, niet een kommagetal",
        "digipoort_months must be a whole number, not a decimal number",
    ),
    case(
        "schema version true is not 1",
        "schema_version: 1",
        "schema_version: true",
        "bad-choice",
        1,
        17,
        ERROR,
        "schema_version: 'true' is geen toegestane waarde; kies uit 1",
        "schema_version: 'true' is not allowed; choose from 1",
    ),
    case(
        "months out of range",
        "digipoort_months: 4",
        "digipoort_months: 0",
        "out-of-range",
        26,
        19,
        ERROR,
        "digipoort_months moet tussen 1 en 24 liggen, niet 0",
        "digipoort_months must be between 1 and 24, not 0",
    ),
    case(
        "reference pattern",
        "reference: 2027-TEST-0001",
        "reference: 'a b'",
        "bad-pattern",
        2,
        12,
        ERROR,
        "reference: 'a b' heeft niet de juiste vorm (3 tot 40 tekens",
        "reference: 'a b' has the wrong form (3 to 40 characters",
    ),
    case(
        "privacy notice id pattern",
        "catalogue: false",
        "catalogue: false\nprivacy_notices: [DigiInkoop]",
        "bad-pattern",
        22,
        19,
        ERROR,
        "privacy_notices[0]: 'DigiInkoop' heeft niet de juiste vorm (kleine letters",
        "privacy_notices[0]: 'DigiInkoop' has the wrong form (lower-case letters",
    ),
    case(
        "reference that could escape an output folder",
        "reference: 2027-TEST-0001",
        "reference: ../../etc/passwd",
        "unsafe-reference",
        2,
        12,
        ERROR,
        "mag geen '/', '\\' of '..' bevatten; het wordt een bestandsnaam",
        "must not contain '/', '\\' or '..'; it becomes a file name",
    ),
    case(
        "reference that is a Windows device name",
        "reference: 2027-TEST-0001",
        "reference: COM1",
        "reference-device-name",
        2,
        12,
        ERROR,
        "reference: 'COM1' is op Windows een apparaatnaam (COM1)",
        "reference: 'COM1' is a device name on Windows (COM1)",
    ),
    case(
        "reference that is a device name with an extension",
        "reference: 2027-TEST-0001",
        "reference: aux.txt",
        "reference-device-name",
        2,
        12,
        ERROR,
        "reference: 'aux.txt' is op Windows een apparaatnaam (AUX)",
        "reference: 'aux.txt' is a device name on Windows (AUX)",
    ),
    case(
        "reference with a trailing dot",
        "reference: 2027-TEST-0001",
        "reference: 2027-TEST-0001.",
        "reference-trailing",
        2,
        12,
        ERROR,
        "reference: '2027-TEST-0001.' eindigt op een punt of spatie",
        "reference: '2027-TEST-0001.' ends in a dot or a space",
    ),
    case(
        "reference with a trailing space",
        "reference: 2027-TEST-0001",
        "reference: '2027-TEST-0001 '",
        "reference-trailing",
        2,
        12,
        ERROR,
        "reference: '2027-TEST-0001 ' eindigt op een punt of spatie",
        "reference: '2027-TEST-0001 ' ends in a dot or a space",
    ),
    case(
        "reference ending in a source suffix",
        "reference: 2027-TEST-0001",
        "reference: 2027-TEST-0001.YAML",
        "reference-suffix",
        2,
        12,
        ERROR,
        "reference: '2027-TEST-0001.YAML' eindigt op .yaml",
        "reference: '2027-TEST-0001.YAML' ends in .yaml",
    ),
    case(
        "reference that is a page the site makes",
        "reference: 2027-TEST-0001",
        "reference: Index.html",
        "reference-site-name",
        2,
        12,
        ERROR,
        "reference: 'Index.html' is de naam van de overzichtspagina die de site zelf maakt",
        "reference: 'Index.html' is the name of the overview page the site makes itself",
    ),
    case(
        "e-mail address",
        "  email: inkoop@minbzk.example",
        "  email: inkoop bij BZK",
        "bad-email",
        29,
        10,
        ERROR,
        "contact.email: 'inkoop bij BZK' is geen e-mailadres",
        "contact.email: 'inkoop bij BZK' is not an e-mail address",
    ),
    # --- dates ---------------------------------------------------------------------------
    case(
        "impossible date",
        "  award: 2027-03-01",
        "  award: 2027-13-01",
        "impossible-date",
        24,
        10,
        ERROR,
        "dates.award: 2027-13-01 is geen bestaande datum",
        "dates.award: 2027-13-01 is not a real date",
    ),
    case(
        "impossible quoted date",
        "  award: 2027-03-01",
        "  award: '2027-02-29'",
        "impossible-date",
        24,
        10,
        ERROR,
        "dates.award: 2027-02-29 is geen bestaande datum",
        "dates.award: 2027-02-29 is not a real date",
    ),
    case(
        "year outside this century",
        "  contract_start: 2027-09-01",
        "  contract_start: 20227-09-01",  # YAML: no date, so text; the model reads the digits
        "date-format",
        25,
        19,
        ERROR,
        "dates.contract_start: '20227-09-01' is geen datum in de vorm JJJJ-MM-DD",
        "dates.contract_start: '20227-09-01' is not a date in the form YYYY-MM-DD",
    ),
    case(
        "implausible year",
        "  award: 2027-03-01",
        "  award: 0227-03-01",
        "date-range",
        24,
        10,
        ERROR,
        "dates.award: 0227-03-01 ligt niet tussen 2000 en 2099; klopt het jaartal?",
        "dates.award: 0227-03-01 is not between 2000 and 2099; is the year right?",
    ),
    case(
        "Dutch date order",
        "  award: 2027-03-01",
        "  award: 15-03-2027",
        "date-dutch-order",
        24,
        10,
        ERROR,
        "'15-03-2027' staat in Nederlandse volgorde; schrijf 2027-03-15 (JJJJ-MM-DD)",
        "'15-03-2027' is in day-month-year order; write 2027-03-15 (YYYY-MM-DD)",
    ),
    case(
        "not a date",
        "  award: 2027-03-01",
        "  award: maart 2027",
        "date-format",
        24,
        10,
        ERROR,
        "dates.award: 'maart 2027' is geen datum in de vorm JJJJ-MM-DD",
        "dates.award: 'maart 2027' is not a date in the form YYYY-MM-DD",
    ),
    case(
        "a date with a time",
        "  award: 2027-03-01",
        "  award: 2027-03-01 10:00:00",
        "date-format",
        24,
        10,
        ERROR,
        "'2027-03-01 10:00:00' is geen datum in de vorm JJJJ-MM-DD",
        "'2027-03-01 10:00:00' is not a date in the form YYYY-MM-DD",
    ),
    case(
        "contract start not after award",
        "  contract_start: 2027-09-01",
        "  contract_start: 2027-02-01",
        "contract-start-not-after-award",
        25,
        19,
        ERROR,
        "dates.contract_start (2027-02-01) moet na dates.award (2027-03-01) liggen",
        "dates.contract_start (2027-02-01) must be after dates.award (2027-03-01)",
    ),
    case(
        "Digipoort deadline after contract start",
        "  contract_start: 2027-09-01",
        "  contract_start: 2027-06-30",
        "deadline-after-start",
        26,
        19,
        WARNING,
        "de termijn 'Digipoort' (2027-07-01) valt na de ingangsdatum van de overeenkomst "
        "(2027-06-30)",
        "the deadline 'Digipoort' (2027-07-01) falls after the contract start (2027-06-30)",
    ),
    # --- OINs ----------------------------------------------------------------------------
    case(
        "unquoted OIN",
        '  oin: "00000001003214345000"',
        "  oin: 00000001003214345000",
        "oin-unquoted",
        10,
        8,
        ERROR,
        "YAML leest 00000001003214345000 als getal en laat de voorloopnullen vallen. "
        'Schrijf oin: "00000001003214345000"',
        "YAML reads 00000001003214345000 as a number and drops the leading zeros. "
        'Write oin: "00000001003214345000"',
    ),
    case(
        "unquoted OIN with an 8 or 9 (a string in YAML 1.1, a number in editors)",
        '    oin: "00000001003227406000"',
        "    oin: 00000001003227406009",
        "oin-unquoted",
        14,
        10,
        ERROR,
        "departments[0].oin: OIN zonder aanhalingstekens",
        "departments[0].oin: OIN without quotes",
    ),
    case(
        "OIN too short",
        '  oin: "00000001003214345000"',
        '  oin: "0000000100321434500"',
        "oin-format",
        10,
        8,
        ERROR,
        "moet uit precies 20 cijfers bestaan (nu 19 tekens)",
        "must be exactly 20 digits (it has 19 characters)",
    ),
    case(
        "OIN with letters",
        '  oin: "00000001003214345000"',
        '  oin: "0000000100321434500X"',
        "oin-format",
        10,
        8,
        ERROR,
        "moet uit precies 20 cijfers bestaan (nu 20 tekens)",
        "must be exactly 20 digits (it has 20 characters)",
    ),
    case(
        "OIN with an unknown prefix",
        '  oin: "00000001003214345000"',
        '  oin: "00000005003214345000"',
        "oin-prefix",
        10,
        8,
        ERROR,
        "heeft een onbekend prefix 00000005; bekende prefixen: 00000001, 00000002",
        "has an unknown prefix 00000005; known prefixes: 00000001, 00000002",
    ),
    case(
        "test OIN",
        '    oin: "00000001003227406000"',
        '    oin: "00000099000000000001"',
        "test-oin",
        14,
        10,
        WARNING,
        "departments[0].oin: '00000099000000000001' is een test-OIN (prefix 00000099)",
        "departments[0].oin: '00000099000000000001' is a test OIN (prefix 00000099)",
    ),
    case(
        "the same OIN on two departments",
        '    oin: "00000001003227406000"',
        '    oin: "00000001003214345000"',
        "duplicate-oin",
        17,
        10,
        WARNING,
        "departments[1].oin: OIN '00000001003214345000' staat ook bij departments[0].oin",
        "departments[1].oin: OIN '00000001003214345000' is also given for departments[0].oin",
    ),
    # --- departments and systems ---------------------------------------------------------
    case(
        "no departments",
        "departments:\n  - name: Ministerie van Buitenlandse Zaken\n    abbreviation: BZ\n"
        '    oin: "00000001003227406000"\n  - name: Ministerie van Binnenlandse Zaken en '
        'Koninkrijksrelaties\n    abbreviation: BZK\n    oin: "00000001003214345000"\n'
        "    on_digiinkoop: false\n",
        "departments: []\n",
        "no-departments",
        11,
        14,
        ERROR,
        "departments moet minstens één rijksdienstonderdeel bevatten",
        "departments must list at least one department",
    ),
    case(
        "EZK after its split on 2 July 2024",
        "    abbreviation: BZ\n",
        "    abbreviation: EZK\n",
        "renamed-department",
        13,
        19,
        WARNING,
        "'EZK' (Ministerie van Economische Zaken en Klimaat) bestond tot 2024-07-02; "
        "op 2027-03-01 is het opgevolgd door EZ, KGG",
        "'EZK' (Ministerie van Economische Zaken en Klimaat) existed until 2024-07-02; "
        "on 2027-03-01 its successors are EZ, KGG",
    ),
    case(
        "unknown abbreviation",
        "    abbreviation: BZ\n",
        "    abbreviation: MinXYZ\n",
        "unknown-department",
        13,
        19,
        WARNING,
        "'MinXYZ' is op de gunningsdatum 2027-03-01 geen bekend ministerie",
        "'MinXYZ' is not a known ministry or government organisation on the award date 2027-03-01",
    ),
    case(
        "supplier portal is mandatory on DigiInkoop",
        "connections: [leveranciersportaal, digipoort]",
        "connections: [digipoort]",
        "mandatory-connection",
        22,
        14,
        ERROR,
        "connections moet 'leveranciersportaal' bevatten: dat is verplicht bij DigiInkoop",
        "connections must include 'leveranciersportaal': it is mandatory for DigiInkoop",
    ),
    case(
        "a version 1 file is for the version 1 system only",
        "system: digiinkoop",
        "system: negometrix",
        "version-1-system",
        19,
        9,
        ERROR,
        "system: 'negometrix' kan niet in een bestand met schema_version 1; versie 1 is alleen "
        "voor digiinkoop. Schrijf schema_version: 2 (zie tenderpack migrate)",
        "system: 'negometrix' cannot be used in a schema_version 1 file; version 1 is only for "
        "digiinkoop. Write schema_version: 2 (see tenderpack migrate)",
    ),
    # --- YAML ----------------------------------------------------------------------------
    case(
        "duplicate key",
        "catalogue: false",
        "catalogue: false\ntitle: Nog een titel",
        "duplicate-key",
        22,
        1,
        ERROR,
        "sleutel 'title' staat er twee keer (eerst op regel 3)",
        "key 'title' appears twice (first on line 3)",
    ),
    case(
        "python tag is never constructed",
        "title: Testaanbesteding",
        'title: !!python/object/apply:os.system ["true"]',
        "tag-not-allowed",
        3,
        8,
        ERROR,
        "title: tag !!python/object/apply:os.system is niet toegestaan",
        "title: tag !!python/object/apply:os.system is not allowed",
    ),
    case(
        "local tag",
        "title: Testaanbesteding",
        "title: !include titel.txt",
        "tag-not-allowed",
        3,
        8,
        ERROR,
        "tag !include is niet toegestaan",
        "tag !include is not allowed",
    ),
    case(
        "merge key",
        "contact:\n",
        "contact:\n  <<: {name: x}\n",
        "merge-key",
        28,
        3,
        ERROR,
        "'<<' (samenvoegen) wordt niet ondersteund",
        "'<<' (merge) is not supported",
    ),
    case(
        "complex key",
        "catalogue: false",
        "catalogue: false\n? [a, b]\n: c",
        "key-not-text",
        22,
        3,
        ERROR,
        "een sleutel moet tekst zijn",
        "a key must be text",
    ),
    case(
        "explicit tag that does not fit",
        "catalogue: false",
        "catalogue: !!bool ja",
        "bad-scalar",
        21,
        12,
        ERROR,
        "catalogue: waarde 'ja' kan niet gelezen worden",
        "catalogue: cannot read the value 'ja'",
    ),
    case(
        "YAML syntax",
        "title: Testaanbesteding",
        "title: [Testaanbesteding",
        "yaml-syntax",
        3,
        8,  # where the list began, not where the parser gave up
        ERROR,
        "YAML-syntaxfout: een lijst tussen [ ] is niet gesloten met ]",
        "YAML syntax error: a list in [ ] is not closed with ]",
    ),
    case(
        "tab indentation",
        "  abbreviation: BZK\n",
        "\tabbreviation: BZK\n",
        "tab-indent",
        9,
        1,
        ERROR,
        "tab gebruikt om in te springen; YAML vraagt spaties",
        "tab used for indentation; YAML needs spaces",
    ),
    case(
        "two documents",
        "schema_version: 1\n",
        "---\nschema_version: 1\n",
        "several-documents",
        0,
        0,
        ERROR,  # 0: checked separately, PyYAML picks the line
        "meer dan één YAML-document",
        "more than one YAML document",
    ),
]


def _found(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    matching = [d for d in diagnostics if d.code == code]
    assert matching, f"no {code} in {[d.format() for d in diagnostics]}"
    return matching[0]


def test_the_test_tender_is_valid():
    loaded = load_text(VALID_TENDER)
    assert loaded.ok
    assert loaded.tender is not None
    assert [d.code for d in loaded.diagnostics] == ["system-phase-out"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_rule(c: Case, lang):
    if c.code == "several-documents":
        text = VALID_TENDER + "---\nschema_version: 1\n"
    else:
        text = variant(*c.replacements)
    loaded = load_text(text, lang)
    found = _found(loaded.diagnostics, c.code)
    assert found.severity is c.severity
    assert (c.nl if lang == "nl" else c.en) in found.message
    if c.line:
        assert (found.line, found.column) == (c.line, c.column), found.format()
    assert found.format().startswith(f"tender.yaml:{found.line}:{found.column}: {c.severity}: ")
    assert loaded.ok is (c.severity is not ERROR)
    if c.severity is not ERROR:
        assert loaded.tender is not None
        assert not any(d.severity is ERROR for d in loaded.diagnostics)


def test_language_of_the_file_chooses_the_messages():
    text = variant(("language: nl", "language: en"), ("supply: services", "supply: diensten"))
    loaded = load_text(text)
    assert (
        "is not allowed; choose from goods, services, hire"
        in _found(loaded.diagnostics, "bad-choice").message
    )
    dutch = load_text(text, "nl")
    assert "kies uit" in _found(dutch.diagnostics, "bad-choice").message


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("line", ["language: en", "language: 'en'", "language: en   # English"])
def test_the_language_is_seen_before_parsing(line, newline):
    text = variant(("language: nl", line), ("supply: services", "supply: x"))
    loaded = load_tender_bytes(text.replace("\n", newline).encode(), Path("t.yaml"))
    assert "choose from" in _found(loaded.diagnostics, "bad-choice").message


def test_an_english_file_gets_english_messages_even_for_syntax_errors():
    text = variant(("language: nl", "language: en"), ("title: Testaanbesteding", "title: [x"))
    assert _found(load_text(text).diagnostics, "yaml-syntax").message.startswith("YAML syntax")


def test_every_problem_in_a_file_is_reported_at_once():
    text = variant(
        ("title: Testaanbesteding", "titel: Testaanbesteding"),
        ("supply: services", "supply: service"),
        ('  oin: "00000001003214345000"', "  oin: 00000001003214345000"),
        ('    oin: "00000001003227406000"', '    oin: "00000005003227406000"'),
        ("  award: 2027-03-01", "  award: 15-03-2027"),
        ("  contract_start: 2027-09-01", "  contract_start: 2027-13-01"),
        ("  email: inkoop@minbzk.example", "  email: nee"),
    )
    loaded = load_text(text)
    assert loaded.tender is None
    located = [(d.code, d.line) for d in loaded.diagnostics]
    assert located == [
        ("missing-field", 1),
        ("unknown-field", 3),
        ("bad-choice", 6),
        ("oin-unquoted", 10),
        ("oin-prefix", 14),
        ("date-dutch-order", 24),
        ("impossible-date", 25),
        ("bad-email", 29),
    ]


def test_domain_warnings_are_all_reported_together():
    text = variant(
        ('    oin: "00000001003227406000"', '    oin: "00000099000000000001"'),
        ("    abbreviation: BZ\n", "    abbreviation: EZK\n"),
        ('    oin: "00000001003214345000"', '    oin: "00000099000000000001"'),
        ("  contract_start: 2027-09-01", "  contract_start: 2027-05-01"),
    )
    loaded = load_text(text)
    assert loaded.ok
    codes = [d.code for d in loaded.diagnostics]
    assert codes == [
        "renamed-department",
        "test-oin",
        "test-oin",
        "duplicate-oin",
        "system-phase-out",
        "deadline-after-start",
    ]


def test_ezk_before_the_split_is_fine_and_ez_after_it_too():
    before = variant(
        ("    abbreviation: BZ\n", "    abbreviation: EZK\n"),
        ("  award: 2027-03-01", "  award: 2024-07-01"),
        ("  contract_start: 2027-09-01", "  contract_start: 2025-01-01"),
    )
    assert "renamed-department" not in [d.code for d in load_text(before).diagnostics]
    for abbreviation in ("EZ", "KGG"):
        after = variant(("    abbreviation: BZ\n", f"    abbreviation: {abbreviation}\n"))
        assert [d.code for d in load_text(after).diagnostics] == ["system-phase-out"]


def test_ez_before_2017_warns_naming_its_successors():
    text = variant(
        ("    abbreviation: BZ\n", "    abbreviation: EZ\n"),
        ("  award: 2027-03-01", "  award: 2020-03-02"),
        ("  contract_start: 2027-09-01", "  contract_start: 2020-09-01"),
    )
    # In 2020 the abbreviation EZ was not in use: EZK and LNV had replaced it.
    found = _found(load_text(text, "en").diagnostics, "renamed-department")
    assert "existed until 2017-10-26; on 2020-03-02 its successors are EZK, LNV" in found.message


def test_phase_out_note_only_after_july_2023():
    early = variant(
        ("  award: 2027-03-01", "  award: 2023-06-30"),
        ("  contract_start: 2027-09-01", "  contract_start: 2023-12-01"),
    )
    assert load_text(early).diagnostics == []
    note = _found(load_text(VALID_TENDER).diagnostics, "system-phase-out")
    assert note.severity is NOTE
    assert (note.line, note.column) == (19, 9)
    assert "DigiInkoop is in juli 2023 gestopt" in note.message
    assert "kies system: peppol-rijk" in note.message


def test_digipoort_deadline_uses_working_days():
    # Award 26 November 2026 + 4 months = Good Friday 26 March 2027 -> Tuesday 30 March.
    text = variant(
        ("  award: 2027-03-01", "  award: 2026-11-26"),
        ("  contract_start: 2027-09-01", "  contract_start: 2027-03-29"),
    )
    found = _found(load_text(text, "en").diagnostics, "deadline-after-start")
    assert "(2027-03-30)" in found.message
    on_time = variant(
        ("  award: 2027-03-01", "  award: 2026-11-26"),
        ("  contract_start: 2027-09-01", "  contract_start: 2027-03-30"),
    )
    assert "deadline-after-start" not in [d.code for d in load_text(on_time).diagnostics]


def test_digipoort_warning_without_months_points_at_the_option_in_the_list():
    text = variant(
        ("digipoort_months: 4\n", ""),
        ("  contract_start: 2027-09-01", "  contract_start: 2027-06-01"),
    )
    found = _found(load_text(text).diagnostics, "deadline-after-start")
    assert (found.line, found.column) == (22, 36)  # 'digipoort' in connections: [...]


def test_no_digipoort_no_digipoort_warning():
    text = variant(
        ("[leveranciersportaal, digipoort]", "[leveranciersportaal]"),
        ("  contract_start: 2027-09-01", "  contract_start: 2027-03-02"),
    )
    assert [d.code for d in load_text(text).diagnostics] == ["system-phase-out"]


def test_defaults_are_filled_in():
    text = variant(
        ("language: nl\n", ""),
        ("system: digiinkoop\n", ""),
        ("catalogue: false\n", ""),
        ("digipoort_months: 4\n", ""),
        ('  phone: "+31 70 000 0000"\n', ""),
    )
    tender = load_text(text).tender
    assert tender is not None
    assert (
        tender.language,
        tender.system,
        tender.setting("catalogue"),
        tender.connections["digipoort"]["months"],
    ) == ("nl", "digiinkoop", False, 4)
    assert tender.contact.phone is None
    assert tender.privacy_notices is None
    assert tender.departments[0].on_system is True
    assert tender.departments[0].role == "both"
    assert tender.connections["leveranciersportaal"] == {"before": "contract_start"}


def test_whole_numbers_written_with_a_point_count_as_json_schema_counts_them():
    tender = load_text(
        variant(
            ("digipoort_months: 4", "digipoort_months: 6.0"),
            ("schema_version: 1", "schema_version: 1.0"),
        )
    ).tender
    assert tender is not None
    assert tender.connections["digipoort"]["months"] == 6
    assert type(tender.connections["digipoort"]["months"]) is int
    assert tender.schema_version == 1


def test_values_are_typed_as_editors_type_them():
    tender = load_text(
        variant(
            ("  award: 2027-03-01", "  award: '2027-03-01'"),
            ("title: Testaanbesteding", "title: 'yes'"),
            ("  name: Team Inkoop", "  name: on"),
        )
    ).tender
    assert tender is not None
    assert tender.dates.award == dt.date(2027, 3, 1)
    assert tender.title == "yes"
    assert tender.contact.name == "on"  # YAML 1.1 would have made it true


# --- several files --------------------------------------------------------------------------


def test_duplicate_reference_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(VALID_TENDER, encoding="utf-8")
    (tmp_path / "b.yml").write_text(VALID_TENDER, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a tender", encoding="utf-8")
    first, second = load_tenders([tmp_path])
    assert first.ok
    assert not second.ok
    found = _found(second.diagnostics, "duplicate-reference")
    assert (found.path, found.line, found.column) == (tmp_path / "b.yml", 2, 12)
    assert f"kenmerk '2027-TEST-0001' wordt ook gebruikt in {tmp_path / 'a.yaml'}" in found.message
    assert [d.line for d in second.diagnostics] == sorted(d.line for d in second.diagnostics)


def test_references_that_differ_are_fine(tmp_path):
    (tmp_path / "a.yaml").write_text(VALID_TENDER, encoding="utf-8")
    other = variant(("reference: 2027-TEST-0001", "reference: 2027-TEST-0002"))
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    assert all(item.ok for item in load_tenders([tmp_path]))


def test_references_that_differ_only_in_case_are_duplicates(tmp_path):
    """Windows and macOS give both one folder: the second would overwrite the first."""
    (tmp_path / "a.yaml").write_text(VALID_TENDER, encoding="utf-8")
    other = variant(("reference: 2027-TEST-0001", "reference: 2027-test-0001"))
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    first, second = load_tenders([tmp_path])
    assert first.ok
    assert not second.ok
    found = _found(second.diagnostics, "duplicate-reference-case")
    assert (found.path, found.line, found.column) == (tmp_path / "b.yaml", 2, 12)
    assert found.message == (
        f"kenmerk '2027-test-0001' verschilt alleen in hoofdletters van '2027-TEST-0001' in "
        f"{tmp_path / 'a.yaml'}; op Windows en macOS worden dat dezelfde map"
    )


def test_find_tender_files_takes_yaml_and_yml_sorted(tmp_path):
    for name in ("b.yml", "a.yaml", "c.txt", "d.YAML.bak"):
        (tmp_path / name).write_text("x: 1", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()
    assert find_tender_files([tmp_path]) == [tmp_path / "a.yaml", tmp_path / "b.yml"]


def test_a_file_named_twice_is_checked_once(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(VALID_TENDER, encoding="utf-8")
    loaded = load_tenders([tmp_path, path, tmp_path / "." / "a.yaml"])
    assert len(loaded) == 1
    assert loaded[0].ok


def test_unreadable_file_is_a_diagnostic(tmp_path):
    loaded = load_tender(tmp_path / "missing.yaml")
    assert [d.code for d in loaded.diagnostics] == ["unreadable"]
    assert loaded.diagnostics[0].format().startswith(f"{tmp_path / 'missing.yaml'}: error: ")
    folder = load_tender(tmp_path).diagnostics[0]  # refused before it is opened
    assert (folder.code, folder.severity) == ("not-regular-file", Severity.ERROR)
    assert "een map" in folder.message


def test_load_tender_reads_the_file_like_load_tender_bytes(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(VALID_TENDER, encoding="utf-8")
    from_file = load_tender(path)
    from_bytes = load_tender_bytes(VALID_TENDER.encode(), path)
    assert from_file.tender == from_bytes.tender
    assert from_file.diagnostics == from_bytes.diagnostics


# --- limits ---------------------------------------------------------------------------------


def test_alias_bomb_stops_at_the_node_limit():
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    loaded = load_text("\n".join(lines))
    assert [d.code for d in loaded.diagnostics] == ["too-many-nodes"]
    assert str(MAX_NODES) in loaded.diagnostics[0].message


def test_deep_nesting_stops_at_the_depth_limit():
    loaded = load_text("title: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))
    assert [d.code for d in loaded.diagnostics] == ["too-deep"]


def test_recursive_alias():
    loaded = load_text("title: &x [a, *x]")
    assert [d.code for d in loaded.diagnostics] == ["recursive-alias"]


def test_huge_integer_is_a_clean_error():
    loaded = load_text("digipoort_months: " + "9" * 5000)
    found = _found(loaded.diagnostics, "bad-scalar")
    assert len(found.message) < 200


# --- every code is tested -------------------------------------------------------------------

# Codes in messages.py that are not loader diagnostics, with the reason.
NOT_FROM_THE_LOADER = {
    "did-you-mean": "part of unknown-field",
    "quote-hint": "part of wrong-type",
    "reference-rule": "part of bad-pattern",
    "identifier-rule": "part of bad-pattern",
    "summary": "the validate command's last line",
    "path-missing": "command-line usage (exit 2), tested in test_cli",
    "not-a-file": "command-line usage (exit 2), tested in test_cli",
    "no-tender-files": "command-line usage (exit 2), tested in test_cli",
    "internal-error": "tenderpack's own failure, never the input's",
    "deadline-no-decree": "a note on a deadline in show, the site and the annex (test_deadlines)",
    "time-limit-no-decree": "depends on the decrees in data/holidays.yaml (test_deadlines)",
    "input-skipped": "a folder entry that is not a file, warned about (test_input_files)",
    "what-tender": "part of file-too-large and tag-not-allowed",
    "what-notice": "part of file-too-large and tag-not-allowed, for a notice (test_shown_names)",
    "what-profile": "part of file-too-large and tag-not-allowed, for a profile file",
}
TESTED_ELSEWHERE_IN_THIS_FILE = {
    "duplicate-reference",
    "duplicate-reference-case",
    "system-phase-out",
    "too-many-nodes",
    "too-deep",
    "recursive-alias",
    "unreadable",
}


def _corpus_codes() -> set[str]:
    expected = yaml.safe_load((BAD_INPUTS / "expected.yaml").read_text(encoding="utf-8"))
    return {entry["code"] for entry in expected.values()}


def test_every_code_the_loader_can_produce_is_tested():
    loader_codes = {
        code
        for code in known_codes()
        # type-*, kind-*: parts of other messages; build-*, option-*: the command line's own
        # (test_build_safety); output-*: writing stdout (test_cli_output); template-*: annex
        # templates' (test_annex_safety)
        if code not in NOT_FROM_THE_LOADER
        and not code.startswith(("type-", "kind-", "build-", "option-", "output-", "template-"))
    }
    tested = (
        {c.code for c in CASES}
        | TESTED_ELSEWHERE_IN_THIS_FILE
        | _corpus_codes()
        | test_profiles.CODES_TESTED_HERE
    )
    assert sorted(loader_codes - tested) == []
