"""write_annexes and ``tenderpack annex``: files by reference, rendered once, on every core."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tenderpack.cli import main
from tenderpack.outputs.annex import cache, write_annexes
from tenderpack.outputs.annex.cache import MANIFEST_NAME
from tenderpack.outputs.annex.templating import default_templates_dir
from tenderpack.outputs.annex.writer import write
from tenderpack.tender.pack import TenderPack
from tests.test_annex_support import (
    FULL_TENDER,
    MINIMAL_TENDER,
    docx_text,
    make_pack,
    tender_text,
)


@pytest.fixture
def packs(tmp_path: Path) -> list[TenderPack]:
    tenders = tmp_path / "tenders"
    tenders.mkdir()
    return [
        make_pack(tenders, FULL_TENDER, "full.yaml"),
        make_pack(tenders, MINIMAL_TENDER, "minimal.yaml"),
    ]


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_writes_every_format_of_every_tender_by_reference(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    out = tmp_path / "out"
    paths = write_annexes(packs, ["docx", "pdf", "html"], out, jobs=2)
    assert [p.name for p in paths] == [
        "2027-TEST-0100-bijlage-h.html",
        "2027-TEST-0100-bijlage-h.pdf",
        "2027-TEST-0100-bijlage-h.docx",
        "2027-TEST-0200-bijlage-h.html",
        "2027-TEST-0200-bijlage-h.pdf",
        "2027-TEST-0200-bijlage-h.docx",
    ]
    assert all(p.parent == out for p in paths)
    assert [p.read_bytes()[:5] for p in paths[:3]] == [b"<!DOC", b"%PDF-", b"PK\x03\x04\x14"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MANIFEST_NAME, *(p.name for p in paths)]
    )


def test_a_second_run_renders_nothing_and_touches_nothing(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    out = tmp_path / "out"
    first = write(packs, ["html", "pdf", "docx"], out, jobs=2)
    assert len(first.rendered) == 6
    before = snapshot(out)
    second = write(packs, ["html", "pdf", "docx"], out, jobs=2)
    assert second.rendered == []
    assert second.paths == first.paths
    assert snapshot(out) == before


def test_only_the_changed_tender_is_rendered_again(tmp_path: Path, packs: list[TenderPack]) -> None:
    out = tmp_path / "out"
    write(packs, ["html", "pdf"], out, jobs=1)
    full, minimal = packs
    full.source_path.write_text(
        tender_text(FULL_TENDER, ("testdiensten", "proefdiensten")), encoding="utf-8"
    )
    changed = make_pack(
        full.source_path.parent, full.source_path.read_text(encoding="utf-8"), "full.yaml"
    )
    report = write([changed, minimal], ["html", "pdf"], out, jobs=1)
    assert [p.name for p in report.rendered] == [
        "2027-TEST-0100-bijlage-h.html",
        "2027-TEST-0100-bijlage-h.pdf",
    ]
    assert "proefdiensten" in (out / "2027-TEST-0100-bijlage-h.html").read_text(encoding="utf-8")


def test_only_a_complete_run_deletes_the_annexes_of_tenders_it_was_not_given(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    out = tmp_path / "out"
    full = packs[0]
    write(packs, ["html"], out, jobs=1)
    (out / "notes.html").write_text("not ours", encoding="utf-8")
    write([full], ["html"], out, jobs=1)  # `tenderpack annex one.yaml --out out`: keeps the rest
    assert (out / "2027-TEST-0200-bijlage-h.html").is_file()
    write([full], ["html"], out, jobs=1, complete=True)  # the site's folder: all tenders there are
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST_NAME,
        "2027-TEST-0100-bijlage-h.html",
        "notes.html",
    ]
    write(packs, ["html"], out, jobs=1)
    edited = out / "2027-TEST-0200-bijlage-h.html"
    edited.write_text("changed by hand", encoding="utf-8")
    write([full], ["html"], out, jobs=1, complete=True)
    assert edited.read_text(encoding="utf-8") == "changed by hand"  # not the bytes we wrote
    assert "2027-TEST-0200" not in (out / MANIFEST_NAME).read_text(encoding="utf-8")


def test_a_changed_template_renders_again(tmp_path: Path, packs: list[TenderPack]) -> None:
    out = tmp_path / "out"
    own = tmp_path / "templates"
    write(packs[:1], ["html"], out, templates_dir=own, jobs=1)
    (own / "bijlage-h").mkdir(parents=True)
    (own / "bijlage-h" / "print.css").write_text("body { font-size: 12pt; }\n")
    report = write(packs[:1], ["html"], out, templates_dir=own, jobs=1)
    assert len(report.rendered) == 1
    assert "font-size: 12pt" in report.rendered[0].read_text(encoding="utf-8")


def test_a_changed_renderer_file_changes_every_key(
    tmp_path: Path, packs: list[TenderPack], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a Lua filter or the renderer's code between releases must not leave stale files."""
    renderer = tmp_path / "annex"
    shutil.copytree(Path(cache.__file__).parent, renderer, ignore=shutil.ignore_patterns("*.pyc"))
    before = cache.folder_digest(renderer)
    lua = renderer / "table_widths.lua"
    lua.write_text(lua.read_text("utf-8") + "\n-- edited\n", "utf-8")
    after = cache.folder_digest(renderer)
    assert after != before
    assert cache.renderer_digest() == cache.folder_digest(Path(cache.__file__).parent)
    keys = set()
    for digest in (before, after):  # the key of the same tender under each renderer
        monkeypatch.setattr(cache, "renderer_digest", lambda digest=digest: digest)
        keys.add(cache.input_key(packs[0], "docx", "t", "l"))
    assert len(keys) == 2


def own_annex_with(folder: Path, line: str) -> Path:
    """A templates folder whose nl.html.j2 is the default with ``line`` in its first section."""
    default = (default_templates_dir() / "bijlage-h" / "nl.html.j2").read_text(encoding="utf-8")
    lines = default.splitlines(keepends=True)
    at = next(i for i, text in enumerate(lines) if text.startswith("<section>"))
    lines.insert(at + 1, line + "\n")
    own = folder / "templates"
    (own / "bijlage-h").mkdir(parents=True)
    (own / "bijlage-h" / "nl.html.j2").write_text("".join(lines), encoding="utf-8")
    return own


def test_a_changed_template_included_from_elsewhere_renders_again(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    """The key covers every template the render loaded, not only the annex folder's files."""
    own = own_annex_with(tmp_path, "{% include 'shared/footer.html.j2' %}")
    footer = own / "shared" / "footer.html.j2"
    footer.parent.mkdir()
    footer.write_text("<p>Voettekst versie A</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    first = write(packs[:1], ["html", "docx"], out, templates_dir=own, jobs=1)
    assert len(first.rendered) == 2
    (own / "shared" / "unused.html.j2").write_text("<p>niet gebruikt</p>\n", encoding="utf-8")
    assert write(packs[:1], ["html", "docx"], out, templates_dir=own, jobs=1).rendered == []
    footer.write_text("<p>Voettekst versie B</p>\n", encoding="utf-8")
    again = write(packs[:1], ["html", "docx"], out, templates_dir=own, jobs=1)
    assert again.rendered == first.paths
    html, docx = (path.read_bytes() for path in first.paths)
    assert "Voettekst versie B" in html.decode("utf-8")
    assert "Voettekst versie B" in docx_text(docx)


def test_a_template_that_appears_where_an_include_found_none_renders_again(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    own = own_annex_with(tmp_path, "{% include 'shared/notice.html.j2' ignore missing %}")
    out = tmp_path / "out"
    write(packs[:1], ["html"], out, templates_dir=own, jobs=1)
    (own / "shared").mkdir()
    (own / "shared" / "notice.html.j2").write_text("<p>Let op: nieuw</p>\n", encoding="utf-8")
    again = write(packs[:1], ["html"], out, templates_dir=own, jobs=1)
    assert len(again.rendered) == 1
    assert "Let op: nieuw" in again.rendered[0].read_text(encoding="utf-8")


def test_a_file_changed_by_hand_or_a_broken_manifest_is_rendered_again(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    out = tmp_path / "out"
    paths = write(packs[:1], ["html", "docx"], out, jobs=1).paths
    paths[0].write_text("edited", encoding="utf-8")
    assert write(packs[:1], ["html", "docx"], out, jobs=1).rendered == [paths[0]]
    (out / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert write(packs[:1], ["html", "docx"], out, jobs=1).rendered == paths
    assert json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["format"] == 2
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_source_date_epoch_is_part_of_the_key(
    tmp_path: Path, packs: list[TenderPack], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write(packs[:1], ["pdf"], out, jobs=1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert len(write(packs[:1], ["pdf"], out, jobs=1).rendered) == 1


def test_parallel_and_serial_rendering_give_the_same_bytes(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    serial = write_annexes(packs, ["pdf", "docx"], tmp_path / "serial", jobs=1)
    parallel = write_annexes(
        packs, ["pdf", "docx"], tmp_path / "parallel", jobs=os.cpu_count() or 2
    )
    assert [p.read_bytes() for p in serial] == [p.read_bytes() for p in parallel]


def test_an_unknown_format_is_refused(tmp_path: Path, packs: list[TenderPack]) -> None:
    with pytest.raises(ValueError, match="unknown annex format 'odt'"):
        write_annexes(packs, ["html", "odt"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- the command -----------------------------------------------------------------------------


def test_command_writes_the_files(
    tmp_path: Path, packs: list[TenderPack], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    source = str(packs[1].source_path)
    assert main(["annex", source, "--format", "html,docx", "--out", str(out), "--jobs", "1"]) == 0
    printed = capsys.readouterr()
    assert printed.out.split() == [
        str(out / "2027-TEST-0200-bijlage-h.html"),
        str(out / "2027-TEST-0200-bijlage-h.docx"),
    ]
    assert "2 rendered, 0 unchanged" in printed.err
    assert main(["annex", source, "--format", "html,docx", "--out", str(out)]) == 0
    assert "0 rendered, 2 unchanged" in capsys.readouterr().err


def test_command_with_a_bad_tender_prints_located_errors_and_writes_nothing(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        tender_text(MINIMAL_TENDER, ("catalogue: false", "catalogue: ja")), encoding="utf-8"
    )
    out = tmp_path / "out"
    # A real process: what the officer's terminal shows, and its exit code.
    command = [sys.executable, "-m", "tenderpack", "annex", str(packs[0].source_path), str(bad)]
    result = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{bad}:17:12: error: catalogue" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_command_with_a_bad_format_is_a_usage_error(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    argv = ["annex", str(packs[0].source_path), "--format", "html,odt", "--out", str(tmp_path)]
    assert main(argv) == 2  # said in one line (test_build_safety.py checks the words)


def test_command_reports_a_template_error_with_its_place(
    tmp_path: Path, packs: list[TenderPack], capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "templates" / "bijlage-h"
    own.mkdir(parents=True)
    (own / "nl.html.j2").write_text("<article>\n{{ budget }}\n</article>\n")
    source = str(packs[0].source_path)
    assert (
        main(
            [
                "annex",
                source,
                "--format",
                "html",
                "--out",
                str(tmp_path / "o"),
                "--templates",
                str(own.parent),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "bijlage-h/nl.html.j2:2: error: 'budget' is undefined" in err
    assert "Traceback" not in err


def test_command_lang_is_the_messages_language_not_the_annexs(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    out = tmp_path / "out"
    source = str(packs[1].source_path)
    assert main(["annex", source, "--format", "html", "--out", str(out), "--lang", "en"]) == 0
    html = (out / "2027-TEST-0200-bijlage-h.html").read_text(encoding="utf-8")
    assert "Bijlage H – DigiInkoop" in html and "Annex H" not in html


def test_two_processes_with_different_hash_seeds_write_the_same_bytes(
    tmp_path: Path, packs: list[TenderPack]
) -> None:
    """Reproducible across runs, not only within one: set and dict order must not leak."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        command = [sys.executable, "-m", "tenderpack", "annex", str(packs[0].source_path)]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [*command, "--out", str(out), "--jobs", "1"], check=True, env=env, capture_output=True
        )
        outputs.append(
            {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
        )
    assert len(outputs[0]) == 3
    assert outputs[0] == outputs[1]
