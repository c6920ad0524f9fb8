"""The annex as an accessible PDF: WeasyPrint on the standalone annex HTML, as PDF/UA-1.

PDF/UA makes WeasyPrint tag the structure (headings, lists, the departments table) and
write the document language and title, so screen readers read the annex as the HTML
reads. Nothing is fetched: the HTML carries its CSS, the fonts are the ones tenderpack
ships (``fonts/``, declared by a stylesheet of its own), and the URL fetcher serves only
those and ``data:`` addresses (content inside the HTML itself), never another file or a
host, whatever a template wrote.

The same HTML gives the same bytes, on one machine, in any process, at any time. One
thing in WeasyPrint's output depends on the clock: where it rewrites a font with fontTools
(its subsetter when HarfBuzz-Subset 4.1 or newer is missing, as on Ubuntu 22.04; variable
fonts; colour fonts; WOFF ``@font-face`` fonts), fontTools stamps the font's
``head.modified`` with the current second (or ``SOURCE_DATE_EPOCH``). ``_fixed_font_dates``
undoes that just before the PDF is written: every embedded font says it was last modified
when it was created, as the unchanged font files say (and the HarfBuzz subsetter keeps).
"""

from __future__ import annotations

from typing import Any

_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")  # one font; a collection is left as is
_CHECKSUM_MAGIC = 0xB1B0AFBA  # OpenType: checkSumAdjustment = magic - sum of the whole font


def _no_fetch() -> Any:
    """A URL fetcher for ``data:`` and the packaged fonts only (``fonts.PackagedFontFetcher``):
    no other file is read and no host is asked for anything."""
    from tenderpack.outputs.annex.fonts import packaged_font_fetcher

    return packaged_font_fetcher()


def _packaged_fonts(fetcher: Any) -> tuple[Any, Any]:
    """A font configuration and the stylesheet that declares the packaged fonts in it.

    The stylesheet is tenderpack's, given to WeasyPrint beside the document: no template
    writes it, and the fonts it loads are the files in ``fonts/``, whatever the host has.
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from tenderpack.outputs.annex.fonts import font_face_css

    config = FontConfiguration()
    return config, CSS(string=font_face_css(), url_fetcher=fetcher, font_config=config)


def font_with_created_as_modified(font: bytes) -> bytes:
    """``font`` with ``head.modified`` equal to ``head.created``, its checksums made right.

    Only those 8 bytes and the two checksums change (the table directory's entry for
    ``head`` and ``checkSumAdjustment``), so the font keeps its length and its layout.
    """
    from fontTools.ttLib.sfnt import calcChecksum

    if font[:4] not in _SFNT_VERSIONS or len(font) < 12:
        return font
    for entry in range(12, 12 + 16 * int.from_bytes(font[4:6], "big"), 16):
        if font[entry : entry + 4] == b"head":
            offset = int.from_bytes(font[entry + 8 : entry + 12], "big")
            length = int.from_bytes(font[entry + 12 : entry + 16], "big")
            break
    else:
        return font
    created, modified = slice(offset + 20, offset + 28), slice(offset + 28, offset + 36)
    if length < 36 or offset + length > len(font) or font[modified] == font[created]:
        return font
    data = bytearray(font)
    data[modified] = font[created]
    adjustment = slice(offset + 8, offset + 12)
    data[adjustment] = bytes(4)  # both checksums are taken with the adjustment as zero
    head_sum = calcChecksum(bytes(data[offset : offset + length]))
    data[entry + 4 : entry + 8] = head_sum.to_bytes(4, "big")
    font_sum = calcChecksum(bytes(data))
    data[adjustment] = ((_CHECKSUM_MAGIC - font_sum) & 0xFFFFFFFF).to_bytes(4, "big")
    return bytes(data)


def _fixed_font_dates(document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher: give each embedded font program its creation date as modified.

    WeasyPrint embeds a font program as a stream holding the font's bytes, marked with
    ``Length1`` (TrueType) or ``Subtype /OpenType``; the finisher runs on those objects
    before the file (and its content-derived identifier) is written.
    """
    for stream in pdf.objects:
        extra = getattr(stream, "extra", None)
        content = getattr(stream, "stream", None)
        if not isinstance(extra, dict) or not isinstance(content, list) or len(content) != 1:
            continue
        if "Length1" not in extra and extra.get("Subtype") != "/OpenType":
            continue
        if isinstance(content[0], bytes):
            content[0] = font_with_created_as_modified(content[0])


def _finish(document: Any, pdf: Any) -> None:
    """The finisher: one structure tree for the document, then fonts without render time."""
    from tenderpack.outputs.annex.tagging import restructure

    restructure(document, pdf)
    _fixed_font_dates(document, pdf)


def html_to_pdf(document_html: str) -> bytes:
    """Lay out ``document_html`` (from ``annex_document_html``) as a PDF/UA-1 file.

    Byte-identical for identical HTML, on any host: the dates come from the document's own
    ``dcterms`` metadata, the file identifier is a hash of the content, the fonts are the
    packaged ones whatever fontconfig offers (``_packaged_fonts``), and they carry no time
    of rendering (``_fixed_font_dates``). The finisher also gives the PDF one structure tree
    for the whole document (``tagging.restructure``).
    """
    from weasyprint import HTML

    fetcher = _no_fetch()
    font_config, fonts = _packaged_fonts(fetcher)
    document = HTML(string=document_html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        stylesheets=[fonts],
        font_config=font_config,
        pdf_variant="pdf/ua-1",
        pdf_identifier=True,
        finisher=_finish,
    )
    return pdf
