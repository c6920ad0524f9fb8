"""The annex PDF's fonts come with tenderpack, so its bytes are the same on every machine.

Each render runs in its own process (``tenderpack annex`` or ``tenderpack build``), as on
another machine: once as this host is set up, once under a fontconfig that puts other
fonts first for every family the annex names, once under a fontconfig that knows no font
at all. ``SOURCE_DATE_EPOCH`` is set in one of them, to the midnight of the award date the
annex otherwise takes its dates from: the document's dates stay the same, so anything the
variable still changed (a font's ``head.modified``, as fontTools writes it) shows as a
difference in bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tenderpack.outputs.annex.fonts import FONT_FACES, FONTS_DIR, PackagedFontFetcher
from tenderpack.outputs.annex.references import forbidden
from tenderpack.tender.loading import load_tender

REPO = Path(__file__).resolve().parents[1]
TENDERPACK = Path(sys.executable).with_name("tenderpack")
# One example per profile: Bijlage H (DigiInkoop, Dutch) and the verzendspecificatie (Peppol).
EXAMPLES = [
    REPO / "tenders" / "2027-bzk-0042-ict-werkplek.yaml",
    REPO / "tenders" / "2027-ez-0058-kantoormeubilair.yaml",
]
# The families the annex's CSS has named (print.css before the fonts came with the package).
NAMED_FAMILIES = ["DejaVu Sans", "DejaVu Sans Mono", "Liberation Sans", "sans-serif", "monospace"]

OTHER_FONTS_FIRST = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
{matches}
</fontconfig>
"""
OTHER_FIRST_MATCH = """  <match target="pattern">
    <test name="family"><string>{family}</string></test>
    <edit name="family" mode="prepend" binding="strong">
      <string>DejaVu Serif</string><string>Liberation Serif</string>
    </edit>
  </match>"""
NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def award_midnight(tender: Path) -> str:
    loaded = load_tender(tender)
    assert loaded.tender is not None
    award = loaded.tender.dates.award
    return str(int(dt.datetime(award.year, award.month, award.day, tzinfo=dt.UTC).timestamp()))


def environment(**changes: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def annex_pdfs(tenders: list[Path], out: Path, env: dict[str, str]) -> dict[str, bytes]:
    """``tenderpack annex TENDERS --format pdf`` in a process of its own: name -> bytes."""
    command = [str(TENDERPACK), "annex", *map(str, tenders), "--format", "pdf", "--out", str(out)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    return {pdf.name: pdf.read_bytes() for pdf in sorted(out.glob("*.pdf"))}


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fontconfig")
    matches = "\n".join(OTHER_FIRST_MATCH.format(family=family) for family in NAMED_FAMILIES)
    other = folder / "other-fonts-first.conf"
    other.write_text(OTHER_FONTS_FIRST.format(cache=folder / "cache", matches=matches))
    none = folder / "no-fonts.conf"
    none.write_text(NO_FONTS.format(cache=folder / "cache-none"))
    return {"other": other, "none": none}


def test_the_other_fontconfig_really_gives_other_fonts(configs: dict[str, Path]) -> None:
    """The test's premise: under that configuration "DejaVu Sans" and "sans-serif" mean serif
    (skipped where the host has no serif font for it to put first)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        pytest.skip("fc-match missing (Debian's fontconfig package)")
    env = environment(FONTCONFIG_FILE=str(configs["other"]))
    found = [
        subprocess.run(
            [fc_match, "-f", "%{family}", family], env=env, capture_output=True, text=True
        ).stdout
        for family in NAMED_FAMILIES
    ]
    if not any("Serif" in family for family in found):
        pytest.skip(f"no DejaVu Serif or Liberation Serif on this host: {found}")
    assert all("Serif" in family for family in found), found


@pytest.mark.slow
def test_the_pdf_is_the_same_under_any_fontconfig_and_source_date_epoch(
    configs: dict[str, Path], tmp_path: Path
) -> None:
    here = annex_pdfs(EXAMPLES, tmp_path / "here", environment())
    assert len(here) == len(EXAMPLES)
    for tender in EXAMPLES:
        epoch = award_midnight(tender)
        other = environment(FONTCONFIG_FILE=str(configs["other"]), SOURCE_DATE_EPOCH=epoch)
        there = annex_pdfs([tender], tmp_path / f"other-{tender.stem}", other)
        no_fonts = environment(FONTCONFIG_FILE=str(configs["none"]))
        bare = annex_pdfs([tender], tmp_path / f"none-{tender.stem}", no_fonts)
        [(name, pdf)] = there.items()
        assert pdf == here[name], f"{name}: other fonts first, SOURCE_DATE_EPOCH={epoch}"
        assert bare[name] == here[name], f"{name}: a fontconfig without fonts"


@pytest.mark.slow
def test_the_site_build_and_tenderpack_annex_give_the_same_pdf(
    configs: dict[str, Path], tmp_path: Path
) -> None:
    """The site's copy (``tenderpack build``) and the command's are one file, byte for byte."""
    source = tmp_path / "site"
    shutil.copytree(REPO / "tests" / "roots" / "test-site", source)
    shutil.copy(EXAMPLES[1], source / "tenders")
    out = tmp_path / "out"
    build = [str(TENDERPACK), "build", str(source), "--out", str(out), "--formats", "pdf", "-q"]
    subprocess.run(build, check=True, env=environment(), capture_output=True)
    site = {pdf.name: pdf.read_bytes() for pdf in sorted((out / "annex").glob("*.pdf"))}
    other = environment(FONTCONFIG_FILE=str(configs["other"]))
    command = annex_pdfs([source / "tenders"], tmp_path / "command", other)
    assert len(site) == 3
    assert {name.rsplit("-", 1)[-1] for name in site} == {"h.pdf", "verzendspecificatie.pdf"}
    assert command.keys() == site.keys()
    assert [name for name in site if command[name] != site[name]] == []


def _embedded_fonts(pdf: bytes) -> set[tuple[str, str]]:
    """(family the PDF names, PostScript name in the embedded program) of every font."""
    from fontTools.ttLib import TTFont

    found = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        fonts: Any = resources["/Font"]
        for reference in fonts.values():
            font: Any = reference.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            program = (descriptor.get("/FontFile2") or descriptor["/FontFile3"]).get_object()
            name = TTFont(BytesIO(program.get_data()))["name"].getDebugName(6)
            found.add((str(descriptor["/FontFamily"]), str(name)))
    return found


@pytest.mark.slow
def test_every_embedded_font_is_one_tenderpack_ships(tmp_path: Path) -> None:
    """Named by the packaged family (so loaded by tenderpack's ``@font-face``), and a
    program with the name of a packaged file."""
    packaged = {(face.family, face.postscript_name) for face in FONT_FACES}
    pdfs = annex_pdfs(EXAMPLES, tmp_path / "out", environment())
    used = set().union(*(_embedded_fonts(pdf) for pdf in pdfs.values()))
    assert used and used <= packaged, used - packaged
    assert {name for _, name in used} >= {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono"
    }  # fmt: skip


def test_the_package_ships_each_face_with_its_licence() -> None:
    from fontTools.ttLib import TTFont

    assert "Bitstream Vera" in (FONTS_DIR / "LICENSE").read_text(encoding="utf-8")
    for face in FONT_FACES:
        font = TTFont(FONTS_DIR / face.file)
        assert font["name"].getDebugName(6) == face.postscript_name
        assert font["name"].getDebugName(1) == face.upstream_family


def test_the_font_fetcher_serves_the_packaged_fonts_and_nothing_else() -> None:
    fetcher = PackagedFontFetcher()
    face = FONT_FACES[0]
    response = fetcher.fetch(face.url)
    assert response.read() == (FONTS_DIR / face.file).read_bytes()
    for url in [
        face.url.replace(face.file, "LICENSE"),
        face.url.replace(face.file, "../pdf.py"),
        face.url.replace(face.file, "%2e%2e/pdf.py"),
        face.url.replace(face.file, "__init__.py"),
        face.url + "/",
        face.url.upper(),
        (FONTS_DIR / face.file).as_uri(),
        "https://fonts.example/DejaVuSans.ttf",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,x").read() == b"x"


def test_a_template_cannot_name_the_font_scheme_itself() -> None:
    """Only tenderpack's own stylesheet uses it: in what a template wrote it is refused."""
    css = f"@font-face {{ font-family: x; src: url({FONT_FACES[0].url}) }}"
    assert [finding.url for finding in forbidden(f"<style>{css}</style>")] == [FONT_FACES[0].url]


@pytest.mark.slow
def test_the_wheel_holds_the_fonts_and_their_licence(tmp_path: Path) -> None:
    """pyproject's hatch configuration ships the folder, binary files included."""
    pytest.importorskip("hatchling")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "-q", "-w", str(tmp_path), str(REPO)], check=True)
    [wheel] = tmp_path.glob("tenderpack-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = "tenderpack/outputs/annex/fonts"
    assert {f"{folder}/{face.file}" for face in FONT_FACES} | {f"{folder}/LICENSE"} <= names
