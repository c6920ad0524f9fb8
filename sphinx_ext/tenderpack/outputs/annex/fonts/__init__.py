"""The annex PDF's fonts, shipped in this folder: DejaVu Sans and DejaVu Sans Mono 2.37.

Left to the host, WeasyPrint embeds whatever its fontconfig picks for a family name, so one
annex came out in other fonts (and other bytes) on another machine, or on the same one
after a font was installed. These files (from Debian's fonts-dejavu-core and
fonts-dejavu-extra 2.37, unchanged; licence in ``LICENSE``) are declared by ``@font-face``
in a stylesheet of tenderpack's own (``font_face_css``) under family names that no
installed font has ("tenderpack DejaVu Sans"), which the templates' print.css uses. So a
fontconfig that prefers other fonts for "DejaVu Sans" or "sans-serif" changes nothing,
and a host with no fonts at all gives the same PDF. A character these fonts lack would
still be looked for among the host's fonts; DejaVu covers the Latin, Greek and Cyrillic
scripts a Dutch tender's names are written in.

The stylesheet names each file by a private address, ``tenderpack-font:<file>``, which only
``PackagedFontFetcher`` understands: it serves exactly the files listed in ``FONT_FACES``
(no path, no other file of this folder) and otherwise only ``data:``. A template cannot
use the address itself: ``references.forbidden`` refuses everything but ``data:`` in what a
template wrote, before WeasyPrint reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

FONTS_DIR = Path(__file__).parent
SCHEME = "tenderpack-font"
SANS = "tenderpack DejaVu Sans"
MONO = "tenderpack DejaVu Sans Mono"


@dataclass(frozen=True, slots=True)
class FontFace:
    """One packaged font file and the ``@font-face`` descriptors it stands for."""

    file: str
    family: str  # the name the CSS uses
    weight: str
    style: str
    upstream_family: str  # as the font's own name table says, for the test of the files
    postscript_name: str

    @property
    def url(self) -> str:
        return f"{SCHEME}:{self.file}"


FONT_FACES = (
    FontFace("DejaVuSans.ttf", SANS, "normal", "normal", "DejaVu Sans", "DejaVuSans"),
    FontFace("DejaVuSans-Bold.ttf", SANS, "bold", "normal", "DejaVu Sans", "DejaVuSans-Bold"),
    FontFace(
        "DejaVuSans-Oblique.ttf", SANS, "normal", "oblique", "DejaVu Sans", "DejaVuSans-Oblique"
    ),
    FontFace(
        "DejaVuSans-BoldOblique.ttf",
        SANS,
        "bold",
        "oblique",
        "DejaVu Sans",
        "DejaVuSans-BoldOblique",
    ),
    FontFace("DejaVuSansMono.ttf", MONO, "normal", "normal", "DejaVu Sans Mono", "DejaVuSansMono"),
    FontFace(
        "DejaVuSansMono-Bold.ttf", MONO, "bold", "normal", "DejaVu Sans Mono", "DejaVuSansMono-Bold"
    ),
)
_BY_FILE = {face.file: face for face in FONT_FACES}


def font_face_css() -> str:
    """The ``@font-face`` rules for every packaged face, by its ``tenderpack-font:`` address."""
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.url}") format("truetype");'
        f" font-weight: {face.weight}; font-style: {face.style}; }}\n"
        for face in FONT_FACES
    )


def packaged_font_fetcher() -> Any:
    """A WeasyPrint URL fetcher for ``data:`` and the packaged fonts, and nothing else."""
    return PackagedFontFetcher()


def _fetcher_base() -> Any:
    from weasyprint.urls import URLFetcher

    return URLFetcher


class PackagedFontFetcher(_fetcher_base()):  # type: ignore[misc]
    """``data:`` addresses, and ``tenderpack-font:<file>`` for exactly the listed files.

    No file is read but those, and no host is asked for anything: every other address
    (``file:``, ``https:``, a path) is refused, as by a fetcher for ``data:`` alone.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> Any:
        prefix = f"{SCHEME}:"
        if url.startswith(prefix):
            face = _BY_FILE.get(url[len(prefix) :])
            if face is None:
                raise ValueError(f"not a font tenderpack ships: {url}")
            from weasyprint.urls import URLFetcherResponse

            body = (FONTS_DIR / face.file).read_bytes()
            return URLFetcherResponse(url, body, {"Content-Type": "font/ttf"})
        return super().fetch(url, headers)
