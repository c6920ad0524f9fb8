"""Which files tenderpack reads: never one outside the project by a link, never a pipe.

Each test makes a real project folder with real links, pipes and folders, and runs the
installed ``tenderpack`` in a subprocess from inside it, as CI does. A pipe that tenderpack
opened would block it forever; the subprocess timeout only stops a broken run from hanging
the suite, it asserts nothing about speed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support import VALID_TENDER

ROOTS = Path(__file__).parent / "roots"
TENDERPACK = Path(sys.executable).with_name("tenderpack")
SECRETS = "ci_deploy_token: abc123\naws_secret_access_key: xyz\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX links and pipes")


def run(cwd: Path, *args: str | Path, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(TENDERPACK), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one valid tender, and a secrets file next to (outside) the project."""
    root = tmp_path / "project"
    (root / "tenders").mkdir(parents=True)
    (root / "tenders" / "a.yaml").write_text(VALID_TENDER, encoding="utf-8")
    (tmp_path / "secrets.yaml").write_text(SECRETS, encoding="utf-8")
    return root


# --- links that lead out of the project -------------------------------------------------------


def test_a_link_in_tenders_to_a_file_outside_the_project_is_refused(project: Path) -> None:
    link = project / "tenders" / "b.yaml"
    link.symlink_to(project.parent / "secrets.yaml")

    for args in (["validate"], ["validate", "tenders/b.yaml"], ["validate", link]):
        result = run(project, *args)
        assert result.returncode == 1, result.stderr
        assert "ci_deploy_token" not in result.stderr
        assert "aws_secret" not in result.stderr
        assert f"{link if link in args else Path('tenders/b.yaml')}: error: " in result.stderr
        assert "buiten het project" in result.stderr


def test_the_annex_of_a_linked_outside_file_is_not_written(project: Path) -> None:
    outside = project.parent / "elsewhere.yaml"
    outside.write_text(VALID_TENDER.replace("2027-TEST-0001", "2027-TEST-0002"), encoding="utf-8")
    (project / "tenders" / "b.yaml").symlink_to(outside)

    result = run(project, "annex", "tenders", "--format", "html", "--out", "out")

    assert result.returncode == 1
    assert "tenders/b.yaml: error: " in result.stderr
    assert not (project / "out").exists()


def test_a_link_inside_the_project_is_followed(project: Path) -> None:
    (project / "shared").mkdir()
    (project / "shared" / "b.yaml").write_text(
        VALID_TENDER.replace("2027-TEST-0001", "2027-TEST-0002"), encoding="utf-8"
    )
    (project / "tenders" / "b.yaml").symlink_to(Path("..") / "shared" / "b.yaml")

    result = run(project, "validate")

    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


def test_a_tenders_folder_that_is_itself_a_link_is_read(tmp_path: Path) -> None:
    """The folder is the user's choice (a command-line argument, a conf value): allowed."""
    real = tmp_path / "shared-tenders"
    real.mkdir()
    (real / "a.yaml").write_text(VALID_TENDER, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "tenders").symlink_to(real)

    assert run(project, "validate").returncode == 0


def test_a_privacy_notice_linked_from_outside_is_refused(project: Path) -> None:
    privacy = project / "docs" / "privacy"
    privacy.mkdir(parents=True)
    (privacy / "x.yaml").symlink_to(project.parent / "secrets.yaml")

    result = run(project, "check-privacy")

    assert result.returncode == 1
    assert "docs/privacy/x.yaml: error: " in result.stderr
    assert "ci_deploy_token" not in result.stderr


def test_the_site_build_refuses_a_link_outside_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOTS / "test-site", project)
    outside = tmp_path / "gamma.yaml"
    outside.write_text(
        VALID_TENDER.replace("2027-TEST-0001", "2027-TEST-0099").replace(
            "Testaanbesteding", "Geheim uit een andere map"
        ),
        encoding="utf-8",
    )
    (project / "tenders" / "gamma.yaml").symlink_to(outside)
    (project / "docs" / "privacy").mkdir(parents=True)
    (project / "docs" / "privacy" / "leak.yaml").symlink_to(tmp_path / "secrets.yaml")
    (tmp_path / "secrets.yaml").write_text(SECRETS, encoding="utf-8")

    result = run(tmp_path, "build", project, "--out", project / "_build", "-q", timeout=300)

    output = result.stdout + result.stderr
    assert "gamma.yaml: " in output and "buiten het project" in output, output
    assert output.count("buiten het project") == 2, output  # the tender and the notice
    assert "ci_deploy_token" not in output
    site = project / "_build" / "html"
    published = [p for p in site.rglob("*") if p.is_file()] if site.is_dir() else []
    assert not any("2027-TEST-0099" in p.name for p in published)
    for page in published:
        if page.suffix in (".html", ".txt", ".js", ".ics"):
            text = page.read_text(encoding="utf-8", errors="replace")
            assert "Geheim uit een andere map" not in text, page
            assert "2027-TEST-0099" not in text, page


# --- entries that are not regular files -------------------------------------------------------


def test_each_folder_entry_that_is_not_a_file_is_warned_about_by_name(project: Path) -> None:
    tenders = project / "tenders"
    os.mkfifo(tenders / "pipe.yaml")
    (tenders / "folder.yaml").mkdir()
    (tenders / "dangling.yaml").symlink_to(tenders / "gone.yaml")
    (tenders / "loop.yaml").symlink_to(tenders / "loop.yaml")
    (tenders / "device.yaml").symlink_to("/dev/null")

    result = run(project, "validate")

    assert result.returncode == 0, result.stderr  # the valid tender still validates
    lines = result.stderr.splitlines()

    def said(name: str, words: str) -> bool:
        return any(
            line.startswith(f"tenders/{name}: warning: ") and words in line for line in lines
        )

    assert said("pipe.yaml", "named pipe (FIFO)"), result.stderr
    assert said("folder.yaml", "een map"), result.stderr
    assert said("dangling.yaml", "niet bestaat"), result.stderr
    assert said("loop.yaml", "kring"), result.stderr
    assert said("device.yaml", "apparaat"), result.stderr


@pytest.mark.parametrize(
    "command",
    [["validate"], ["annex", "--format", "html", "--out", "out"], ["check-privacy"]],
    ids=["validate", "annex", "check-privacy"],
)
def test_a_pipe_named_on_the_command_line_is_refused_not_opened(
    project: Path, command: list[str]
) -> None:
    pipe = project / "pipe.yaml"
    os.mkfifo(pipe)

    result = run(project, *command, "pipe.yaml", timeout=60)

    assert result.returncode == 1, result.stderr
    assert "pipe.yaml: error: " in result.stderr
    assert "named pipe (FIFO)" in result.stderr
    assert "geen gewoon bestand" in result.stderr
