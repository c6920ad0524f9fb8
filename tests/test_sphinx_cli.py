"""``tenderpack build``: builds the site like sphinx-build, publishes only a good build,
and copies the annexes next to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tenderpack.cli import main

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    source = tmp_path / "project"
    shutil.copytree(ROOTS / "test-site", source)
    return source


def test_build_writes_the_site_and_the_annexes(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(project), "--out", str(out), "--formats", "html", "-q"]) == 0
    assert (out / "html" / "tenders" / "2027-TEST-0001" / "checklist.html").is_file()
    assert sorted(p.name for p in (out / "annex").iterdir()) == [
        "2027-TEST-0001-bijlage-h.html",
        "2027-TEST-0002-bijlage-h.html",
    ]
    assert not list((out / "html" / "annex").glob(".tenderpack-*"))  # no manifests published


def test_empty_formats_write_no_annex(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(project), "--out", str(out), "--formats", "", "-q"]) == 0
    assert not (out / "annex").exists()
    assert not (out / "html" / "annex").exists()


def test_a_failed_strict_build_leaves_the_last_good_site(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(project), "--out", str(out), "--formats", "", "-q"]) == 0
    good = (out / "html" / "tenders" / "index.html").read_bytes()
    alpha = project / "tenders" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("supply: services", "supply: cake"),
        encoding="utf-8",
    )
    assert main(["build", str(project), "--out", str(out), "--strict", "-q"]) == 1
    assert (out / "html" / "tenders" / "index.html").read_bytes() == good
    assert (out / "html" / "tenders" / "2027-TEST-0001" / "index.html").is_file()


def test_a_folder_without_conf_py_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
