"""The annex PDF's text as another program extracts it: poppler's ``pdftotext``.

Tagged PDF (ISO 32000-1, 14.8.2.2.3; PDF/UA-1, 7.2) wants a word broken at a line end by
hyphenation to read back as the whole word: a reader searching for "transactievolumes"
or copying a sentence must not get "transac‐" and "tievolumes". The annexes of every
example tender of every profile are made by ``tenderpack annex`` in a real process and read
back by ``pdftotext`` (Debian's poppler-utils, installed by ``scripts/ensure-pdftotext``),
which is what search and copy-paste in the common Linux viewers use.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from tenderpack.outputs.annex import annex_document_html
from tenderpack.outputs.annex.pdf import html_to_pdf
from tests.test_annex_support import FULL_TENDER, html_text, make_pack

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_TENDERS = sorted((REPO / "tenders").glob("*.yaml"))  # both profiles' examples
PDFTOTEXT = shutil.which("pdftotext")
# Every character a hyphen may be drawn as: hyphen-minus, hyphen, non-breaking hyphen, soft hyphen.
HYPHENS = "-\u2010\u2011\u00ad"
# A word piece at the end of a line, a hyphen, and the word piece that starts the next line.
_LINE_END_HYPHEN = re.compile(rf"(\w+)([{HYPHENS}])\n\s*(\w+)")
_WORD = re.compile(r"\w+")
# The words of the running header's and footer's CSS strings ("pagina 2 van 5").
FURNITURE = "pagina van page of"

needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext missing: run scripts/ensure-pdftotext (make check does)"
)


def split_words(extracted: str, source: str) -> list[str]:
    """The words ``extracted`` shows broken by a hyphen at a line end that ``source`` lacks.

    "transac‐\\ntievolumes" counts when the source has no "transac‐tievolumes" (with that
    hyphen); "ICT-\\nwerkplek" does not when the source says "ICT-werkplek".
    """
    found = []
    for match in _LINE_END_HYPHEN.finditer(extracted):
        left, hyphen, right = match.groups()
        if f"{left}{hyphen}{right}" not in source:
            found.append(f"{left}{hyphen}{right}")
    return found


def foreign_words(extracted: str, source: str, furniture: str) -> list[str]:
    """The words of ``extracted`` that are no word of ``source`` nor of the page furniture.

    Catches the opposite mistake: a line ending in a real hyphen ("ICT-" / "werkplek")
    read back as one word the text never had ("ICTwerkplek").
    """
    known = set(_WORD.findall(source)) | set(_WORD.findall(furniture))
    return [
        word
        for word in _WORD.findall(extracted)
        if word not in known and not (word.isdigit() and len(word) <= 2)  # page numbers
    ]


def joined_compounds(source: str) -> set[str]:
    """ "ICTwerkplek" for each "ICT-werkplek" of ``source``: what ``pdftotext`` makes of it
    when the line breaks after the hyphen (it takes every hyphen-minus at a line end for a
    hyphenation point and drops it, whatever the PDF says)."""
    return {"".join(parts) for parts in re.findall(r"(\w+)-(\w+)", source)}


def test_split_words_tells_a_hyphenation_point_from_a_hyphen_of_the_text() -> None:
    source = "lage transactievolumes via de ICT-werkplek"
    extracted = "lage transac\u2010\ntievolumes via de ICT-\nwerkplek"
    assert split_words(extracted, source) == ["transac\u2010tievolumes"]
    assert foreign_words("de ICTwerkplek, pagina 2 van 3", source, "pagina van") == ["ICTwerkplek"]
    assert "ICTwerkplek" in joined_compounds(source)


def test_no_line_of_the_full_annex_ends_in_a_hyphenation_point(tmp_path: Path) -> None:
    """Without pdftotext too: pypdf reads no hyphen that the text lacks at any line end, even
    where a value holds soft hyphens (pasted from a word processor), which would be places
    to break at under ``hyphens: manual``."""
    # One word longer than a line: under ``hyphens: manual`` it breaks at a soft hyphen.
    long_title = "\u00ad".join(
        ["Raam\u00adover\u00adeen\u00adkomst\u00adtest\u00addien\u00adsten"] * 6
    )
    soft = FULL_TENDER.replace("title: Raamovereenkomst testdiensten", f"title: {long_title}")
    pack = make_pack(tmp_path, soft, "soft.yaml")
    html = annex_document_html(pack)
    extracted = "\n".join(
        page.extract_text() for page in PdfReader(BytesIO(html_to_pdf(html))).pages
    )
    assert "\u00ad" in html
    assert split_words(extracted, html_text(html)) == []


def pdftotext(pdf: Path, *options: str) -> str:
    assert PDFTOTEXT is not None
    command = [PDFTOTEXT, *options, "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")


@dataclass(frozen=True)
class Extracted:
    """One annex read back: as pdftotext lays it out (reading order, the way search and
    copy-paste see it), in content-stream order (``-raw``: the characters as the PDF
    holds them, no guessing), and the text of the HTML it came from."""

    reading: str
    raw: str
    source: str


@pytest.fixture(scope="module")
def annexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Extracted]:
    """Per annex file stem, its text three ways; made by a real ``tenderpack annex``."""
    out = tmp_path_factory.mktemp("annexes")
    command = [sys.executable, "-m", "tenderpack", "annex", *map(str, EXAMPLE_TENDERS)]
    subprocess.run([*command, "--format", "html,pdf", "--out", str(out)], check=True)
    return {
        pdf.stem: Extracted(
            pdftotext(pdf), pdftotext(pdf, "-raw"), html_text(pdf.with_suffix(".html").read_text())
        )
        for pdf in sorted(out.glob("*.pdf"))
    }


@needs_pdftotext
def test_every_profile_s_example_annexes_are_read(annexes: dict[str, Extracted]) -> None:
    assert len(annexes) == len(EXAMPLE_TENDERS)
    assert {stem.rsplit("-", 1)[-1] for stem in annexes} >= {"h", "verzendspecificatie"}


@needs_pdftotext
@pytest.mark.parametrize("mode", ["reading", "raw"])
def test_no_word_comes_out_split_by_a_hyphen_the_text_does_not_have(
    annexes: dict[str, Extracted], mode: str
) -> None:
    """PDF/UA-1 7.2 and ISO 32000-1 14.8.2.2.3: an incidental word break is no hyphen.

    Before the annex did without automatic hyphenation: 132 such words in the six
    examples ("transac‐" / "tievolumes"), each hyphen extracted as U+2010.
    """
    split = {stem: split_words(getattr(text, mode), text.source) for stem, text in annexes.items()}
    assert {stem: words for stem, words in split.items() if words} == {}


@needs_pdftotext
def test_the_pdf_holds_the_words_of_the_annex_and_no_other(annexes: dict[str, Extracted]) -> None:
    """In content order every word is one of the HTML's: nothing split, nothing joined."""
    foreign = {
        stem: foreign_words(text.raw, text.source, FURNITURE) for stem, text in annexes.items()
    }
    assert {stem: words for stem, words in foreign.items() if words} == {}


@needs_pdftotext
def test_in_reading_order_only_pdftotext_s_own_guess_joins_words(
    annexes: dict[str, Extracted],
) -> None:
    """Laid out, a word pdftotext joins is one with a real hyphen that ends a line ("e-" /
    "mail" reads "email"): its guess, not the PDF's text (``-raw`` shows "e-" there)."""
    foreign = {
        stem: set(foreign_words(text.reading, text.source, FURNITURE))
        - joined_compounds(text.source)
        for stem, text in annexes.items()
    }
    assert {stem: words for stem, words in foreign.items() if words} == {}
