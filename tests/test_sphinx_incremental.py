"""Incremental and parallel builds of the onboarding site, with real Sphinx builds.

Each test builds a private copy of the test-site root, changes one thing and builds again,
recording which documents Sphinx reads (``env-before-read-docs``) and how many annex files
the build renders.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from tenderpack.outputs.annex.templating import default_templates_dir
from tenderpack.sphinx import store
from tenderpack.sphinx.pages import PAGES

ROOTS = Path(__file__).parent / "roots"
ALPHA = "2027-TEST-0001"  # Dutch; used by uses.md
BETA = "2027-TEST-0002"  # English; used by uses-rst.rst


def section(reference: str) -> list[str]:
    """The docnames of a DigiInkoop tender's section (its annex page is ``bijlage-h``)."""
    names = ["bijlage-h" if kind == "annex" else kind for kind in PAGES]
    return [f"tenders/{reference}/{name}" for name in names]


@dataclass
class Build:
    read: list[str]
    warnings: list[str]
    status: str
    outdir: Path

    @property
    def annexes_rendered(self) -> int:
        found = re.search(r"annexes: (\d+) file\(s\) rendered", self.status)
        return int(found[1]) if found else 0


def build(srcdir: Path, **kwargs: Any) -> Build:
    app = SphinxTestApp("html", srcdir=srcdir, **kwargs)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    try:
        app.build()
        clean = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
        return Build(
            sorted(read),
            [line for line in clean.splitlines() if line.strip()],
            re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue()),
            Path(app.outdir),
        )
    finally:
        app.cleanup()


def bump(path: Path) -> None:
    """Date a change after the last read (and not in the future)."""
    time.sleep(0.02)
    now = time.time()
    os.utime(path, (now, now))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", srcdir)
    return srcdir


ANNEX_HTML = {"tenderpack_annex_formats": "html"}  # the comma-separated form; html is fast


def test_a_rebuild_with_nothing_changed_reads_nothing_and_renders_nothing(site: Path) -> None:
    first = build(site, confoverrides=ANNEX_HTML)
    assert first.annexes_rendered == 2
    stubs = {p: p.stat().st_mtime_ns for p in (site / "tenders").rglob("*.md")}
    calendar = first.outdir / "calendar" / f"{ALPHA}.ics"
    calendar_time = calendar.stat().st_mtime_ns
    store.forget()  # a new process: only the cache file next to the doctrees remains
    second = build(site, confoverrides=ANNEX_HTML)
    assert second.read == []
    assert second.annexes_rendered == 0
    assert "calendar file(s) written" not in second.status
    assert {p: p.stat().st_mtime_ns for p in stubs} == stubs  # generated sources not rewritten
    assert calendar.stat().st_mtime_ns == calendar_time
    assert second.warnings == []


def test_touching_a_tender_rereads_its_pages_and_the_pages_that_list_it(site: Path) -> None:
    build(site, confoverrides=ANNEX_HTML)
    bump(site / "tenders" / "alpha.yaml")
    again = build(site, confoverrides=ANNEX_HTML)
    assert again.read == sorted([*section(ALPHA), "tenders/index", "uses"])
    assert again.annexes_rendered == 0  # same bytes: same annex


def test_editing_a_tender_changes_its_pages_and_renders_its_annex(site: Path) -> None:
    build(site, confoverrides=ANNEX_HTML)
    alpha = site / "tenders" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("werkplekken", "laptops"), encoding="utf-8"
    )
    bump(alpha)
    again = build(site, confoverrides=ANNEX_HTML)
    assert again.read == sorted([*section(ALPHA), "tenders/index", "uses"])
    assert again.annexes_rendered == 1
    landing = (again.outdir / "tenders" / ALPHA / "index.html").read_text(encoding="utf-8")
    overview = (again.outdir / "tenders" / "index.html").read_text(encoding="utf-8")
    assert "Testaanbesteding laptops" in landing and "Testaanbesteding laptops" in overview


def test_adding_a_tender_reads_its_section_and_the_overview(site: Path) -> None:
    build(site)
    alpha = (site / "tenders" / "alpha.yaml").read_text(encoding="utf-8")
    (site / "tenders" / "gamma.yaml").write_text(
        alpha.replace("2027-TEST-0001", "2027-TEST-0003"), encoding="utf-8"
    )
    again = build(site)
    assert again.read == sorted([*section("2027-TEST-0003"), "tenders/index"])
    assert again.warnings == []


def test_removing_a_tender_removes_its_section(site: Path) -> None:
    build(site)
    (site / "tenders" / "beta.yaml").unlink()
    again = build(site)
    assert again.read == ["tenders/index", "uses-rst"]
    assert not (site / "tenders" / BETA).exists()
    assert any(
        "[tenderpack.unknown-reference]" in w and "uses-rst.rst" in w for w in again.warnings
    )


def test_a_tender_that_breaks_and_is_fixed_goes_and_comes_back(site: Path) -> None:
    build(site)
    alpha = site / "tenders" / "alpha.yaml"
    good = alpha.read_text(encoding="utf-8")
    alpha.write_text(good.replace("supply: services", "supply: cake"), encoding="utf-8")
    bump(alpha)
    broken = build(site)
    assert broken.read == ["tenders/index", "uses"]
    assert any(
        "alpha.yaml:7: ERROR:" in w and "[tenderpack.bad-choice]" in w for w in broken.warnings
    )
    assert not (site / "tenders" / ALPHA).exists()
    alpha.write_text(good, encoding="utf-8")
    bump(alpha)
    fixed = build(site)
    assert fixed.read == sorted([*section(ALPHA), "tenders/index", "uses"])
    assert fixed.warnings == []


def _own_templates(site: Path) -> dict[str, Any]:
    shutil.copytree(default_templates_dir() / "bijlage-h", site / "templates" / "bijlage-h")
    return {**ANNEX_HTML, "tenderpack_templates_dir": "templates"}


def test_editing_a_template_rereads_the_pages_that_use_it(site: Path) -> None:
    overrides = _own_templates(site)
    build(site, confoverrides=overrides)
    english = site / "templates" / "bijlage-h" / "en.html.j2"
    english.write_text(english.read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8")
    bump(english)
    again = build(site, confoverrides=overrides)
    # The Dutch annex does not use it; uses-rst embeds the English one.
    assert again.read == [f"tenders/{BETA}/bijlage-h", "uses-rst"]
    assert again.annexes_rendered == 2  # the annex writer's own key covers every template
    shared = site / "templates" / "bijlage-h" / "_parts.html.j2"
    bump(shared)
    both = build(site, confoverrides=overrides)
    assert both.read == [f"tenders/{ALPHA}/bijlage-h", f"tenders/{BETA}/bijlage-h", "uses-rst"]


def test_changing_annex_formats_rereads_only_the_annex_pages(site: Path) -> None:
    first = build(site, confoverrides=ANNEX_HTML)
    links = (first.outdir / "tenders" / ALPHA / "bijlage-h.html").read_text(encoding="utf-8")
    assert f"../../annex/{ALPHA}-bijlage-h.html" in links
    again = build(site, confoverrides={"tenderpack_annex_formats": ""})
    assert again.read == [f"tenders/{ALPHA}/bijlage-h", f"tenders/{BETA}/bijlage-h", "uses-rst"]
    page = (again.outdir / "tenders" / ALPHA / "bijlage-h.html").read_text(encoding="utf-8")
    assert "../../annex/" not in page


def test_a_hand_written_page_in_the_section_folder_is_left_alone(site: Path) -> None:
    (site / "tenders" / "index.md").write_text("# Eigen overzicht\n", encoding="utf-8")
    result = build(site)
    assert (site / "tenders" / "index.md").read_text(encoding="utf-8") == "# Eigen overzicht\n"
    assert any("[tenderpack.hand-written-stub]" in w for w in result.warnings)


def test_a_parallel_build_gives_the_same_pages(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    shutil.copytree(ROOTS / "test-site", serial)
    shutil.copytree(ROOTS / "test-site", parallel)
    one = build(serial, freshenv=True)
    store.forget()
    two = build(parallel, freshenv=True, parallel=2)
    assert two.warnings == []
    pages = sorted(p.relative_to(one.outdir) for p in one.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(two.outdir) for p in two.outdir.rglob("*.html"))
    different = [p for p in pages if not filecmp.cmp(one.outdir / p, two.outdir / p, shallow=False)]
    assert different == []
    calendars = sorted(p.name for p in (two.outdir / "calendar").glob("*.ics"))
    assert calendars == [f"{ALPHA}.ics", f"{BETA}.ics"]


def test_unchanged_tender_files_are_not_validated_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new process reads the cache next to the doctrees; a touched file costs a hash."""
    build(site)
    store.forget()

    def fail(path: Path, lang: object = None) -> None:
        raise AssertionError(f"{path} was loaded again")

    monkeypatch.setattr(store, "load_tender", fail)
    bump(site / "tenders" / "alpha.yaml")  # a new time, the same bytes
    again = build(site)
    assert again.read == sorted([*section(ALPHA), "tenders/index", "uses"])
    assert again.warnings == []


def test_the_build_refuses_references_that_differ_only_in_case(tmp_path: Path) -> None:
    """One folder on Windows and macOS: the second tender would overwrite the first's pages."""
    from .support import VALID_TENDER

    (tmp_path / "a.yaml").write_text(VALID_TENDER, encoding="utf-8")
    lower = VALID_TENDER.replace("reference: 2027-TEST-0001", "reference: 2027-test-0001")
    (tmp_path / "b.yaml").write_text(lower, encoding="utf-8")
    found = store.scan(tmp_path)
    assert sorted(found.by_reference) == ["2027-TEST-0001"]
    codes = [(d.code, d.line) for item in found.files for d in item.diagnostics]
    assert ("duplicate-reference-case", 2) in codes
