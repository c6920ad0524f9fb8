"""Publishing through scripts/pipeline, as CI runs it: reproducible, strict and atomic.

Each test works on a copy of the project (what a fresh clone holds), with the test's own
virtual environment, so the pipeline the CI files call is the one exercised here.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("conf.py", "docs", "tenders", "templates", "scripts", "Makefile", "pyproject.toml")
EPOCH = "1790000000"  # 2026-09-21; any fixed commit time

pytestmark = pytest.mark.slow


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    return destination


def pipeline(project: Path, *steps: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "VENV": str(Path(sys.executable).parent.parent),
        "SOURCE_DATE_EPOCH": EPOCH,
    }
    return subprocess.run(
        ["bash", "scripts/pipeline", *steps],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def tree_differences(left: Path, right: Path) -> list[str]:
    """Paths that exist on one side only or whose bytes differ, relative to the roots."""
    found: list[str] = []
    comparison = filecmp.dircmp(left, right)
    pending = [(comparison, Path())]
    while pending:
        current, relative = pending.pop()
        found += [str(relative / name) for name in current.left_only + current.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        found += [str(relative / name) for name in mismatch + errors]
        pending += [(sub, relative / name) for name, sub in current.subdirs.items()]
    return sorted(found)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("clone") / "first")
    result = pipeline(project, "validate", "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project


def test_pipeline_builds_site_and_annexes(first_build: Path) -> None:
    site = first_build / "_build" / "html"
    assert (site / "index.html").is_file()
    assert (site / "docs" / "index.html").is_file()
    annexes = sorted(p.name for p in (first_build / "_build" / "annex").iterdir())
    digiinkoop = ("2026-VWS-0019", "2027-BZK-0042", "2027-IenW-0107", "2027-JenV-0311")
    peppol = ("2027-BZK-0117", "2027-EZ-0058")  # each annex named as its profile names it
    assert annexes == sorted(
        [f"{ref}-bijlage-h.{ext}" for ref in digiinkoop for ext in ("docx", "pdf")]
        + [f"{ref}-verzendspecificatie.{ext}" for ref in peppol for ext in ("docx", "pdf")]
    )


def test_two_clean_builds_are_byte_identical(first_build: Path, tmp_path: Path) -> None:
    second = copy_project(tmp_path / "second")  # another path: no absolute path may leak in
    result = pipeline(second, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for folder in ("html", "annex"):
        left, right = first_build / "_build" / folder, second / "_build" / folder
        assert any(left.iterdir()), f"nothing was built in {left}"
        assert tree_differences(left, right) == []


def test_a_broken_tender_leaves_the_previous_site_intact(first_build: Path, tmp_path: Path) -> None:
    project = tmp_path / "broken"
    shutil.copytree(first_build, project)
    site_before = tmp_path / "site-before"
    shutil.copytree(project / "_build" / "html", site_before)
    tender = project / "tenders" / "2027-ienw-0107-kantoorartikelen.yaml"
    tender.write_text(
        tender.read_text(encoding="utf-8").replace(
            "contract_start: 2027-04-01", "contract_start: 2027-13-01"
        ),
        encoding="utf-8",
    )

    result = pipeline(project, "build")

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "2027-ienw-0107-kantoorartikelen.yaml:" in output
    assert "Traceback" not in output
    assert tree_differences(site_before, project / "_build" / "html") == []
    assert not (project / "_build" / "html.new").exists()


def test_validation_stops_the_pipeline_before_building(first_build: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "invalid")
    (project / "tenders" / "kapot.yaml").write_text(
        "schema_version: 1\nreference: [\n", encoding="utf-8"
    )

    result = pipeline(project, "validate", "build")

    assert result.returncode == 1
    assert "kapot.yaml:" in result.stderr
    assert not (project / "_build").exists()
