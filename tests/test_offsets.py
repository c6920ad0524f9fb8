"""Contract-term offsets: ``days_before`` counts back from a moment only when it has a date.

A peppol-rijk connection may have to work before the contract start, the first order or the
first invoice; only the contract start has a date. So the offset is checked per tender: a
tender that writes a ``days_before`` other than 0 with an undated moment is refused at that
value, one that counts back from the contract start gets the date in every output, and one
that names an undated moment without an offset simply says the moment. The profile's
default is not the tender's choice, so it never makes an undated moment an error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

from tenderpack.systems import ProfileError, load_registry
from tenderpack.systems.loading import shipped_folder
from tenderpack.tender.loading import load_tender_bytes
from tenderpack.tender.pack import build_pack
from tenderpack.tender.schema import tender_schema
from tests.support import run_tenderpack

ROOTS = Path(__file__).parent / "roots"
CONTRACT_START = dt.date(2027, 6, 1)

# A peppol-rijk tender; CONNECTIONS is replaced by each test's connection block.
TENDER = """\
schema_version: 2
system: peppol-rijk
reference: 2027-EZ-0902
title: Koffieautomaten
summary: Huur en onderhoud van koffieautomaten.
language: {language}
agreement: raamovereenkomst
supply: goods
contracting_authority:
  name: Ministerie van Economische Zaken
  abbreviation: EZ
  oin: "00000001003214148000"
departments:
  - name: Ministerie van Economische Zaken
    abbreviation: EZ
    oin: "00000001003214148000"
connections:
CONNECTIONS
settings:
  order_reference_label: het ordernummer in de opdrachtbevestiging
dates:
  award: 2027-03-15
  contract_start: 2027-06-01
contact:
  name: Inkoopcentrum EZ
  email: inkoop@minez.example
"""


def tender_text(connections: str, language: str = "nl") -> str:
    return TENDER.replace("{language}", language).replace("CONNECTIONS", connections)


def write(folder: Path, connections: str, language: str = "nl") -> Path:
    path = folder / "2027-ez-0902.yaml"
    path.write_text(tender_text(connections, language), encoding="utf-8")
    return path


def tenderpack(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_tenderpack(*args, cwd=cwd)


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


# --- refused: an offset from a moment without a date ----------------------------------------

NL = (
    "connections.peppol.days_before: {days} dagen vóór '{moment}' kan niet: dat moment heeft "
    "geen datum om vanaf terug te tellen; laat days_before weg, of kies bij before een moment "
    "met een datum (contract_start)"
)
EN = (
    "connections.peppol.days_before: {days} days before '{moment}' cannot be counted: that "
    "moment has no date to count back from; leave out days_before, or choose a moment with a "
    "date for before (contract_start)"
)


@pytest.mark.parametrize(
    ("block", "value", "moment"),
    [
        ("  peppol:\n    before: first_order\n    days_before: 10", "10", "first_order"),
        ("  peppol: {days_before: 30, before: first_invoice}", "30", "first_invoice"),
    ],
    ids=["block", "flow"],
)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_days_before_with_an_undated_moment_is_an_error_at_its_value(
    tmp_path: Path, block: str, value: str, moment: str, lang: str
) -> None:
    path = write(tmp_path, block)
    text = path.read_text(encoding="utf-8")
    line, column = position(text, f"days_before: {value}")
    column += len("days_before: ")  # at the value, not the key
    result = tenderpack("validate", path.name, "--lang", lang, cwd=tmp_path)
    assert result.returncode == 1
    message = (NL if lang == "nl" else EN).format(days=value, moment=moment)
    assert result.stderr.splitlines()[0] == f"{path.name}:{line}:{column}: error: {message}"
    assert path.read_text(encoding="utf-8") == text


def test_the_show_and_annex_commands_refuse_it_too(tmp_path: Path) -> None:
    path = write(tmp_path, "  peppol: {before: first_order, days_before: 10}")
    line, column = position(path.read_text(encoding="utf-8"), "10}")
    for command in (("show", "--json"), ("annex", "--format", "html", "--out", "out")):
        result = tenderpack(*command, path.name, cwd=tmp_path)
        assert result.returncode == 1, command
        assert "days-before" not in result.stdout
        where = f"{path.name}:{line}:{column}: error: connections.peppol.days_before: 10 dagen"
        assert where in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- a date: counted back from the contract start ----------------------------------------------


def build_site(tmp_path: Path, tender: Path) -> Path:
    """A real Sphinx build of a site with this one tender (annex as HTML); its output folder."""
    srcdir = tmp_path / "site"
    (srcdir / "tenders").mkdir(parents=True)
    shutil.copy(ROOTS / "test-site" / "conf.py", srcdir)
    (srcdir / "index.md").write_text("# Site\n\n```{toctree}\ntenders/index\n```\n", "utf-8")
    shutil.copy(tender, srcdir / "tenders")
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        freshenv=True,
        confoverrides={"tenderpack_annex_formats": "html"},
    )
    try:
        app.build()
        warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).strip()
        assert warnings == ""
    finally:
        app.cleanup()
    return Path(app.outdir)


def plain(html: str) -> str:
    """An HTML page's text, one space between words (a date may be split over lines)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_ten_days_before_the_contract_start_is_that_date_everywhere(tmp_path: Path) -> None:
    path = write(tmp_path, "  peppol: {before: contract_start, days_before: 10}")
    expected = CONTRACT_START - dt.timedelta(days=10)
    assert expected == dt.date(2027, 5, 22)

    result = tenderpack("show", "--json", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["connections"]["peppol"] == {"before": "contract_start", "days_before": 10}
    assert shown["deadlines"]["peppol"] == "2027-05-22"
    assert shown["deadline_rules"]["peppol"] == {
        "basis": "contract",
        "moment": "contract_start",
        "days_before": 10,
    }
    on_peppol = [step for step in shown["checklist"] if step["due_key"] == "peppol"]
    assert on_peppol, "the checklist has steps due when the Peppol connection must work"
    assert {(step["due"], step["due_moment"]) for step in on_peppol} == {("2027-05-22", None)}

    annex = tenderpack("annex", "--format", "html", "--out", "out", path.name, cwd=tmp_path)
    assert annex.returncode == 0, annex.stderr
    html = plain((tmp_path / "out" / "2027-EZ-0902-verzendspecificatie.html").read_text("utf-8"))
    assert "Uw Peppol-aansluiting werkt uiterlijk 22 mei 2027" in html

    site = build_site(tmp_path, path)
    pages = site / "tenders" / "2027-EZ-0902"
    for name in ("index.html", "checklist.html"):
        assert "22 mei 2027" in plain((pages / name).read_text("utf-8")), name
    written = site / "annex" / "2027-EZ-0902-verzendspecificatie.html"
    assert "Uw Peppol-aansluiting werkt uiterlijk 22 mei 2027" in plain(written.read_text("utf-8"))
    # The site's annex page (named bijlage-h for every profile until it is named per profile).
    [page] = [
        pages / f"{n}.html"
        for n in ("verzendspecificatie", "bijlage-h")
        if (pages / f"{n}.html").exists()
    ]
    assert "Uw Peppol-aansluiting werkt uiterlijk 22 mei 2027" in plain(page.read_text("utf-8"))


def test_in_english_the_date_is_english(tmp_path: Path) -> None:
    path = write(tmp_path, "  peppol: {before: contract_start, days_before: 10}", "en")
    annex = tenderpack("annex", "--format", "html", "--out", "out", path.name, cwd=tmp_path)
    assert annex.returncode == 0, annex.stderr
    html = plain((tmp_path / "out" / "2027-EZ-0902-verzendspecificatie.html").read_text("utf-8"))
    assert "Your Peppol connection works by 22 May 2027" in html


# --- no date: the moment is said, and no offset is made up ------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "  peppol: {before: first_order}",
        # 0 days before the first order is the first order: what a starter file writes as the
        # default, left as it is when the officer picks another moment.
        "  peppol: {before: first_order, days_before: 0}",
    ],
    ids=["without", "zero"],
)
def test_first_order_without_an_offset_is_fine_and_says_the_moment(
    tmp_path: Path, block: str
) -> None:
    path = write(tmp_path, block)
    validated = tenderpack("validate", path.name, cwd=tmp_path)
    assert validated.returncode == 0
    assert "error" not in validated.stdout + validated.stderr

    result = tenderpack("show", "--json", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert "peppol" not in shown["deadlines"]  # no date to give
    assert shown["deadline_rules"]["peppol"] == {
        "basis": "contract",
        "moment": "first_order",
        "days_before": 0,
    }
    on_peppol = [step for step in shown["checklist"] if step["due_key"] == "peppol"]
    assert on_peppol
    assert {(step["due"], step["due_moment"]) for step in on_peppol} == {(None, "first_order")}

    annex = tenderpack("annex", "--format", "html", "--out", "out", path.name, cwd=tmp_path)
    assert annex.returncode == 0, annex.stderr
    html = plain((tmp_path / "out" / "2027-EZ-0902-verzendspecificatie.html").read_text("utf-8"))
    assert "Uw Peppol-aansluiting werkt vóór de eerste bestelling" in html

    site = build_site(tmp_path, path)
    checklist = plain((site / "tenders" / "2027-EZ-0902" / "checklist.html").read_text("utf-8"))
    assert "vóór de eerste bestelling" in checklist


# --- the profile's side -----------------------------------------------------------------------


def project_profile(tmp_path: Path, old: str, new: str) -> Path:
    """A project's own copy of the shipped peppol-rijk profile with one change."""
    systems = tmp_path / "systems"
    shutil.copytree(shipped_folder() / "peppol-rijk", systems / "peppol-rijk")
    profile = systems / "peppol-rijk" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert text.count(old) == 1
    profile.write_text(text.replace(old, new), encoding="utf-8")
    return systems


def test_a_default_offset_applies_only_with_a_dated_moment(tmp_path: Path) -> None:
    """A default is not the tender's choice: 5 days by default before the contract start,
    and with the first order just the moment, without an error."""
    shipped = "days_before: {default: 0, min: 0, max: 90}"
    registry = load_registry(project_profile(tmp_path, shipped, shipped.replace("0,", "5,", 1)))
    for block, date, days in (
        ("  peppol: {before: contract_start}", dt.date(2027, 5, 27), 5),
        ("  peppol: {before: first_order}", None, 0),
        ("  peppol: {before: first_invoice}", None, 0),
    ):
        path = tmp_path / "t.yaml"
        loaded = load_tender_bytes(tender_text(block).encode("utf-8"), path, registry=registry)
        assert loaded.ok, loaded.diagnostics
        assert loaded.tender is not None
        assert loaded.tender.connections["peppol"]["days_before"] == days
        pack = build_pack(loaded.tender, path, registry)
        deadline = pack.deadlines["peppol"]
        assert (deadline.date, deadline.days_before) == (date, days), block


def test_the_shipped_profile_offers_the_offset_on_peppol_only() -> None:
    """The portal route is ready before the first invoice, its only moment: no offset."""
    registry = load_registry(None)
    connections = registry["peppol-rijk"].data.connections
    bound = connections["peppol"].parameters()["days_before"]
    assert (bound.default, bound.min, bound.max) == (0, 0, 90)  # type: ignore[union-attr]
    assert "days_before" not in connections["leveranciersportaal-rijk"].parameters()


def test_an_offset_no_tender_could_use_is_a_profile_error_at_its_line(tmp_path: Path) -> None:
    old = "      before: {default: first_invoice, choices: [first_invoice]}\n"
    systems = project_profile(
        tmp_path, old, old + "      days_before: {default: 0, min: 0, max: 30}\n"
    )
    with pytest.raises(ProfileError) as raised:
        load_registry(systems)
    [found] = raised.value.diagnostics
    text = (systems / "peppol-rijk" / "profile.yaml").read_text(encoding="utf-8")
    line, column = position(text, "days_before: {default: 0, min: 0, max: 30}")
    assert (found.code, found.line, found.column) == (
        "profile-days-before-moment",
        line,
        column + len("days_before: "),
    )
    assert found.message == (
        "days_before kan hier niet: geen van de momenten (first_invoice) heeft een datum om "
        "vanaf te tellen, dus geen aanbesteding kan het gebruiken"
    )


# --- what an editor is told -------------------------------------------------------------------


def as_editor_reads(text: str) -> object:
    """The file as a YAML language server hands it to the schema: dates stay text."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


@pytest.mark.parametrize(
    ("block", "valid"),
    [
        ("  peppol: {before: contract_start, days_before: 10}", True),
        ("  peppol: {days_before: 10}", True),  # before: contract_start is the default
        ("  peppol: {before: first_order}", True),
        ("  peppol: {before: first_order, days_before: 10}", False),
        ("  peppol: {before: first_invoice, days_before: 0}", True),
        ("  peppol: {before: first_invoice, days_before: 1}", False),
        ("  peppol: {before: contract_start, days_before: 91}", False),
    ],
)
def test_the_schema_tells_an_editor_the_same(block: str, valid: bool) -> None:
    validator = jsonschema.Draft202012Validator(tender_schema())
    assert validator.is_valid(as_editor_reads(tender_text(block))) is valid
    assert load_tender_bytes(tender_text(block).encode("utf-8"), Path("t.yaml")).ok is valid
