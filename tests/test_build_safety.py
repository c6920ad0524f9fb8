"""``tenderpack build`` never loses or corrupts a site, and says plainly why it refuses.

Every test runs the installed ``tenderpack`` in a subprocess on a copy of the small test
site, so exit codes and what the user reads are exactly what a user gets. Mishaps are real:
a crash's leftovers are the folders a crash leaves, a full disk is a small file system.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
TENDERPACK = Path(sys.executable).with_name("tenderpack")
MARKER = ".tenderpack-site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    source = tmp_path / "project"
    shutil.copytree(ROOTS / "test-site", source)
    return source


def build(
    project: Path, *args: str | Path, out: Path | None = None
) -> subprocess.CompletedProcess[str]:
    out = out if out is not None else project / "_build"
    result = subprocess.run(
        [str(TENDERPACK), "build", str(project), "--out", str(out), "-q", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def own_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines tenderpack itself printed (Sphinx's progress output left out)."""
    return [line for line in result.stderr.splitlines() if line.startswith("tenderpack build:")]


def break_tender(project: Path) -> None:
    alpha = project / "tenders" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("supply: services", "supply: cake"),
        encoding="utf-8",
    )


# --- 6: a folder tenderpack did not make is never replaced ----------------------------------


def test_a_site_folder_not_made_by_tenderpack_is_refused_and_kept(project: Path) -> None:
    mine = project / "_build" / "html"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("my own work", encoding="utf-8")

    result = build(project)

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr  # one line, before any build
    assert str(mine) in result.stderr and MARKER in result.stderr
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "my own work"
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


def test_a_site_made_by_tenderpack_carries_the_marker_and_is_replaced(project: Path) -> None:
    assert build(project).returncode == 0
    site = project / "_build" / "html"
    assert (site / MARKER).is_file()
    (project / "index.md").write_text("# Opnieuw\n\nNieuwe tekst.\n", encoding="utf-8")
    assert build(project).returncode == 0
    assert "Nieuwe tekst." in (site / "index.html").read_text(encoding="utf-8")


def test_an_empty_folder_is_replaced(project: Path) -> None:
    (project / "_build" / "html").mkdir(parents=True)
    assert build(project).returncode == 0
    assert (project / "_build" / "html" / "index.html").is_file()


# --- 7: a crash during the swap loses no site, and nothing false is claimed ------------------


def test_a_crash_between_the_two_renames_is_repaired_on_the_next_start(project: Path) -> None:
    assert build(project).returncode == 0
    out = project / "_build"
    good = (out / "html" / "index.html").read_bytes()
    # What a crash between "html -> html.old" and "html.new -> html" leaves behind.
    shutil.copytree(out / "html", out / "html.new")
    (out / "html").rename(out / "html.old")
    break_tender(project)

    result = build(project, "--strict")

    assert result.returncode == 1
    assert (out / "html" / "index.html").read_bytes() == good
    assert not (out / "html.old").exists() and not (out / "html.new").exists()
    assert f"{out / 'html'} is ongewijzigd" in result.stderr


def test_a_failed_build_with_no_site_does_not_claim_it_is_unchanged(project: Path) -> None:
    break_tender(project)

    result = build(project, "--strict")

    assert result.returncode == 1
    assert not (project / "_build" / "html").exists()
    [line] = own_lines(result)
    assert "ongewijzigd" not in line
    assert "geen site gepubliceerd" in line


# --- 8: two builds at once: the second says so and touches nothing --------------------------


def test_a_second_build_while_one_runs_says_so_and_waits_for_nothing(
    project: Path, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\nimport os\nif os.environ.get('HOLD_BUILD'):\n"
            "    with open(os.environ['HOLD_BUILD'], encoding='utf-8') as held:\n"
            "        held.read()  # until the test closes the other end\n"
        )
    first = subprocess.Popen(
        [str(TENDERPACK), "build", str(project), "--out", str(project / "_build"), "-q"],
        env={**os.environ, "HOLD_BUILD": str(gate)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with gate.open("w", encoding="utf-8"):  # returns once the first build is in conf.py
            second = build(project)
    finally:
        _, first_err = first.communicate(timeout=300)

    assert second.returncode == 1
    assert own_lines(second) == [
        f"tenderpack build: er loopt al een build in {project / '_build'}; "
        "wacht tot die klaar is en probeer het dan opnieuw"
    ]
    assert "Sphinx" not in second.stderr and second.stderr.count("\n") == 1
    assert first.returncode == 0, first_err
    assert (project / "_build" / "html" / "index.html").is_file()


def test_annexes_that_cannot_be_copied_are_one_line_after_the_site_is_published(
    project: Path,
) -> None:
    out = project / "_build"
    with read_only(out / "annex"):
        result = build(project, "--formats", "html")

    assert result.returncode == 1
    [line] = own_lines(result)
    assert line.startswith(
        f"tenderpack build: de site staat in {out / 'html'}, maar de bijlagen konden niet "
        f"naar {out / 'annex'}: "
    )
    assert len(result.stderr) < 500
    assert (out / "html" / MARKER).is_file() and (out / "html" / "annex").is_dir()


# --- 12: a tender with an error fails the build, strict or not ------------------------------


def duplicate_reference(project: Path) -> str:
    tenders = project / "tenders"
    shutil.copy(tenders / "alpha.yaml", tenders / "alpha-copy.yaml")
    return f"{tenders / 'alpha.yaml'}:2: ERROR: "


def invalid_reference(project: Path) -> str:
    beta = project / "tenders" / "beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace(
            "reference: 2027-TEST-0002", 'reference: "2027 TEST 2"'
        ),
        encoding="utf-8",
    )
    return f"{beta}:2: ERROR: "


@pytest.mark.parametrize("mistake", [duplicate_reference, invalid_reference])
def test_a_tender_error_fails_a_build_that_is_not_strict(
    project: Path, mistake: Callable[[Path], str]
) -> None:
    assert build(project).returncode == 0
    site = project / "_build" / "html"
    good = (site / "tenders" / "index.html").read_bytes()
    located = mistake(project)

    result = build(project)

    assert result.returncode == 1
    assert located in result.stderr
    assert own_lines(result) == [
        f"tenderpack build: de build is mislukt (exit 1); {site} is ongewijzigd"
    ]
    assert (site / "tenders" / "index.html").read_bytes() == good


def test_warnings_alone_do_not_fail_a_build_that_is_not_strict(project: Path) -> None:
    (project / "index.md").write_text(
        "# Start\n\n```{tender-deadlines} 2027-TEST-9999\n```\n", encoding="utf-8"
    )

    result = build(project)

    assert "WARNING: tender-deadlines:" in result.stderr
    assert result.returncode == 0, result.stderr
    assert build(project, "--strict", "--fresh").returncode == 1


# --- 11: an output folder that cannot be written is refused up front ------------------------


def test_an_output_path_that_is_a_file_is_a_usage_error(project: Path) -> None:
    out = project / "_build"
    out.write_text("not a folder", encoding="utf-8")

    result = build(project)

    assert result.returncode == 2
    assert result.stderr == f"tenderpack build: {out} is geen map\n"


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """Make ``folder`` one nobody can write in: as root a read-only tmpfs (root ignores
    file modes)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"root without the right to mount a read-only tmpfs: {mounted.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    with read_only(tmp_path / "read-only") as folder:
        yield folder


def test_a_read_only_output_folder_is_a_usage_error(project: Path, read_only_folder: Path) -> None:
    result = build(project, out=read_only_folder)

    assert result.returncode == 2
    assert result.stderr.startswith(f"tenderpack build: kan niet schrijven in {read_only_folder}: ")
    assert result.stderr.count("\n") == 1


def test_an_output_folder_that_cannot_exist_is_a_usage_error(project: Path) -> None:
    result = build(project, out=Path("/proc/x"))

    assert result.returncode == 2
    assert result.stderr.startswith("tenderpack build: kan niet schrijven in /proc/x: ")
    assert result.stderr.count("\n") == 1


# --- 9: what a killed build left half-written is never published --------------------------


def test_a_killed_writers_temporary_is_cleaned_and_never_published(project: Path) -> None:
    out = project / "_build"
    assert build(project, "--formats", "html").returncode == 0
    work = out / ".tenderpack" / "html"
    # What kill -9 during write_if_changed leaves: a dot-named temporary next to its target.
    stale = work / "annex" / ".2027-TEST-0001-bijlage-h.pdf.k3j4l5q8.tmp"
    stale.write_bytes(b"%PDF-1.7 half a file")
    (work / "stray.tmp").write_bytes(b"a temporary of some other tool")
    (work / ".hidden").write_text("not for the site", encoding="utf-8")

    assert build(project, "--formats", "html", "--fresh").returncode == 0

    assert not stale.exists()
    published = [p.relative_to(out) for p in (out / "html").rglob("*") if p.is_file()]
    dotted = [p for p in published if any(part.startswith(".") for part in p.parts[1:])]
    assert dotted == [Path("html") / MARKER]
    assert not [p for p in published if p.suffix == ".tmp"]
    assert sorted(p.name for p in (out / "annex").iterdir()) == [
        "2027-TEST-0001-bijlage-h.html",
        "2027-TEST-0002-bijlage-h.html",
    ]


def test_the_dotfiles_a_site_is_published_with_are_kept(project: Path) -> None:
    """``security.txt`` (required on Dutch government sites) and GitHub Pages' ``.nojekyll``."""
    well_known = project / "extra" / ".well-known"
    well_known.mkdir(parents=True)
    (well_known / "security.txt").write_text("Contact: mailto:csirt@example.nl\n", "utf-8")
    (well_known / ".security.txt.x1y2z3.tmp").write_text("half", "utf-8")
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions.append("sphinx.ext.githubpages")\nhtml_extra_path = ["extra"]\n')

    assert build(project).returncode == 0

    site = project / "_build" / "html"
    assert (site / ".well-known" / "security.txt").read_text("utf-8").startswith("Contact:")
    assert (site / ".nojekyll").is_file()
    assert not (site / ".buildinfo").exists()  # Sphinx's own bookkeeping stays in the work folder
    assert sorted(p.name for p in (site / ".well-known").iterdir()) == ["security.txt"]


# --- 10: a full disk: one line, the previous site intact, no partial copy left ---------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB file system (tmpfs): room for one build and its published copy."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs (needs root): {mounted.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` up to ``leave`` bytes: room for an unchanged build, not for a new copy."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with filler.open("wb") as stream:
        os.posix_fallocate(stream.fileno(), 0, free - leave)
    return filler


def test_a_full_disk_while_publishing_keeps_the_site_and_says_so_once(
    project: Path, small_disk: Path
) -> None:
    assert build(project, out=small_disk).returncode == 0
    site = small_disk / "html"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    filler = fill(small_disk, leave=120 * 1024)

    result = build(project, out=small_disk)

    assert result.returncode == 1
    assert own_lines(result) == [
        f"tenderpack build: kon de site niet publiceren in {site}: er is geen ruimte meer op "
        f"de schijf; {site} is ongewijzigd"
    ]
    assert len(result.stderr) < 500
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not (small_disk / "html.new").exists()
    filler.unlink()
    assert build(project, out=small_disk).returncode == 0  # nothing left that fills the disk


def _limit_file_size() -> None:  # runs in the child, before tenderpack starts
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (30 * 1024, 30 * 1024))


def test_a_write_refused_by_the_system_while_publishing_keeps_the_site(project: Path) -> None:
    """Without root: the kernel's file size limit refuses the copy of a 58 kB file, which
    an unchanged build does not write (its largest is 20 kB)."""
    out = project / "_build"
    assert build(project).returncode == 0
    site = out / "html"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    result = subprocess.run(
        [str(TENDERPACK), "build", str(project), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=_limit_file_size,
    )

    assert result.returncode == 1, result.stderr
    [line] = own_lines(result)
    assert line.startswith(f"tenderpack build: kon de site niet publiceren in {site}: ")
    assert line.endswith(f"; {site} is ongewijzigd")
    assert "Traceback" not in result.stderr and len(result.stderr) < 500
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not (out / "html.new").exists()


# --- 22: options are parsed the same way by build and annex: a usage error, one line --------


def tenderpack(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(TENDERPACK), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize(("command", "option"), [("build", "--formats"), ("annex", "--format")])
def test_an_unknown_annex_format_is_the_same_usage_error_in_build_and_annex(
    project: Path, tmp_path: Path, command: str, option: str
) -> None:
    where = project if command == "build" else project / "tenders"
    result = tenderpack(command, where, "--out", tmp_path / "out", option, "html,xls")

    assert result.returncode == 2
    assert result.stderr == (
        f"tenderpack {command}: {option}: onbekend formaat 'xls'; kies uit html, pdf, docx\n"
    )
    assert not (tmp_path / "out").exists()  # refused before anything started


@pytest.mark.parametrize("command", ["build", "annex"])
@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_a_job_count_below_one_is_a_usage_error(
    project: Path, tmp_path: Path, command: str, jobs: str
) -> None:
    where = project if command == "build" else project / "tenders"
    result = tenderpack(command, where, "--out", tmp_path / "out", f"--jobs={jobs}")

    assert result.returncode == 2
    assert result.stderr == (
        f"tenderpack {command}: --jobs: {jobs!r} is geen aantal processen; geef een geheel "
        "getal van 1 of meer, of auto\n"
    )
    assert not (tmp_path / "out").exists()


def test_option_errors_speak_the_language_asked_for(project: Path, tmp_path: Path) -> None:
    result = tenderpack("build", project, "--formats", "odt", "--lang", "en")

    assert result.returncode == 2
    assert result.stderr == (
        "tenderpack build: --formats: unknown format 'odt'; choose from html, pdf, docx\n"
    )


def test_build_and_annex_take_the_same_spellings(project: Path, tmp_path: Path) -> None:
    """Case and spaces as conf.py's tenderpack_annex_formats allows them; auto for --jobs."""
    annexes = tmp_path / "annexes"
    done = tenderpack("annex", project / "tenders", "--out", annexes, "--format", " HTML,html ")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in annexes.iterdir() if not p.name.startswith(".")) == [
        "2027-TEST-0001-bijlage-h.html",
        "2027-TEST-0002-bijlage-h.html",
    ]
    built = build(project, "--formats", " HTML ", "--jobs", "auto")
    assert built.returncode == 0, built.stderr
    assert (project / "_build" / "annex" / "2027-TEST-0001-bijlage-h.html").is_file()


def test_a_source_without_conf_py_is_one_line_in_the_users_language(tmp_path: Path) -> None:
    result = tenderpack("build", tmp_path, "--out", tmp_path / "out")

    assert result.returncode == 2
    assert result.stderr == f"tenderpack build: {tmp_path} heeft geen conf.py\n"
    assert tenderpack("build", tmp_path, "--lang", "en").stderr == (
        f"tenderpack build: {tmp_path} has no conf.py\n"
    )
