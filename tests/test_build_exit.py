"""``tenderpack build`` fails on every error in what the officer publishes, strict or not.

A tender file with an error already fails the build (``test_build_safety``). A broken annex
template and an invalid privacy notice are errors of the same kind: the site would show
"the annex could not be made" or leave a notice out, so it is not the site the officer
meant to publish. Each fails the build with exit 1 at its ``file:line``, and the previous
site stays as it was; warnings alone (a gap in a notice) still do not fail a build that is
not strict. Real ``tenderpack build`` processes on a copy of the small test site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
DEFAULT_TEMPLATES = Path(__file__).parents[1] / "templates"
TENDERPACK = Path(sys.executable).with_name("tenderpack")
ANNEX_PAGE = Path("tenders") / "2027-TEST-0001" / "bijlage-h.html"  # alpha, a Dutch tender


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The test site with its own copy of the Dutch annex template, as a project has it."""
    source = tmp_path / "project"
    shutil.copytree(ROOTS / "test-site", source)
    (source / "templates" / "bijlage-h").mkdir(parents=True)
    for name in ("nl.html.j2", "document.html.j2"):
        shutil.copy(DEFAULT_TEMPLATES / "bijlage-h" / name, source / "templates" / "bijlage-h")
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\ntenderpack_templates_dir = "templates"\n')
    return source


def build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    env["NO_COLOR"] = "1"
    out = project / "_build"
    result = subprocess.run(
        [str(TENDERPACK), "build", str(project), "--out", str(out), "-q", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
        env=env,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def own_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("tenderpack build:")]


def site_bytes(project: Path) -> dict[Path, bytes]:
    site = project / "_build" / "html"
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def insert_line(template: Path, after: int, line: str) -> int:
    """Put ``line`` into ``template`` after line ``after``; return its line number."""
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(after, line + "\n")
    template.write_text("".join(lines), encoding="utf-8")
    return after + 1


def assert_failed_unchanged(
    project: Path, result: subprocess.CompletedProcess[str], before: dict[Path, bytes]
) -> None:
    site = project / "_build" / "html"
    assert result.returncode == 1, result.stderr
    assert own_lines(result) == [
        f"tenderpack build: de build is mislukt (exit 1); {site} is ongewijzigd"
    ]
    assert site_bytes(project) == before


# --- an annex template with an error ---------------------------------------------------------

BROKEN_LINES = {
    "undefined": ("{{ undefined_name }}", "'undefined_name' is undefined"),
    "absolute-include": ("{% include '/etc/passwd' %}", "template '/etc/passwd' niet gevonden"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_LINES))
def test_an_annex_template_error_fails_a_build_that_is_not_strict(project: Path, case: str) -> None:
    assert build(project).returncode == 0
    before = site_bytes(project)
    template = project / "templates" / "bijlage-h" / "nl.html.j2"
    broken, said = BROKEN_LINES[case]
    line = insert_line(template, 13, broken)  # inside <header>, after the comment block

    result = build(project)

    assert_failed_unchanged(project, result, before)
    errors = [text for text in result.stderr.splitlines() if ": ERROR: " in text]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"{template}:{line}: ERROR: Bijlage H: ")
    assert said in errors[0]
    assert errors[0].endswith("[tenderpack.annex-template]")
    assert "intern" not in result.stderr.lower() and "/etc/passwd:" not in result.stderr


def test_an_unchanged_broken_template_fails_the_next_build_too(project: Path) -> None:
    """Sphinx does not read a page again whose sources did not change: the page whose annex
    failed must be, or the second build would publish "the annex could not be made"."""
    assert build(project).returncode == 0
    before = site_bytes(project)
    template = project / "templates" / "bijlage-h" / "nl.html.j2"
    good = template.read_text(encoding="utf-8")
    line = insert_line(template, 13, "{{ undefined_name }}")
    assert build(project).returncode == 1

    again = build(project)

    assert_failed_unchanged(project, again, before)
    assert f"{template}:{line}: ERROR: Bijlage H: " in again.stderr
    template.write_text(good, encoding="utf-8")  # fixed: the build publishes again
    fixed = build(project)
    assert fixed.returncode == 0, fixed.stderr
    page = (project / "_build" / "html" / ANNEX_PAGE).read_text(encoding="utf-8")
    assert 'class="annex"' in page and "tp-problem" not in page


def test_an_error_in_the_annex_file_template_fails_the_build(project: Path) -> None:
    """``document.html.j2`` is used for the annex files only (written when the build
    finishes), not for the page: its error fails the build as well."""
    assert build(project, "--formats", "html").returncode == 0
    before = site_bytes(project)
    template = project / "templates" / "bijlage-h" / "document.html.j2"
    line = insert_line(template, 9, "{{ undefined_name }}")  # in <head>, after <meta charset>

    result = build(project, "--formats", "html")

    assert_failed_unchanged(project, result, before)
    assert f"{template}:{line}: ERROR: Bijlage H: 'undefined_name' is undefined" in result.stderr


# --- an invalid privacy notice -----------------------------------------------------------------

NOTICES = {
    "invalid-yaml": ("id: [\n", "docs/privacy/broken.yaml:2: WARNING: YAML-syntaxfout"),
    "unknown-field": (
        "schema_version: 1\nid: broken\nservce: X\nkind: statement\n",
        "docs/privacy/broken.yaml:3: WARNING: onbekend veld 'servce'",
    ),
}


@pytest.mark.parametrize("case", sorted(NOTICES))
def test_an_invalid_privacy_notice_fails_a_build_that_is_not_strict(
    project: Path, case: str
) -> None:
    (project / "docs" / "privacy").mkdir(parents=True)
    assert build(project).returncode == 0
    before = site_bytes(project)
    content, located = NOTICES[case]
    (project / "docs" / "privacy" / "broken.yaml").write_text(content, encoding="utf-8")

    result = build(project)

    assert_failed_unchanged(project, result, before)
    assert located in result.stderr
    assert "[tenderpack.privacy-invalid]" in result.stderr
    again = build(project)  # the notices are checked on every build, not only when read
    assert_failed_unchanged(project, again, before)


def test_gaps_in_a_valid_notice_do_not_fail_a_build_that_is_not_strict(project: Path) -> None:
    privacy = project / "docs" / "privacy"
    privacy.mkdir(parents=True)
    shutil.copy(ROOTS / "test-privacy" / "privacy" / "evil.yaml", privacy)

    result = build(project)

    assert "WARNING: " in result.stderr and "[tenderpack.privacy]" in result.stderr
    assert result.returncode == 0, result.stderr
    assert build(project, "--strict").returncode == 1
