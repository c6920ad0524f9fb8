"""The annex as an accessible PDF: WeasyPrint on the standalone annex HTML, as PDF/UA-1.

PDF/UA makes WeasyPrint tag the structure (headings, lists, the departments table) and
write the document language and title, so screen readers read the annex as the HTML
reads. Nothing is fetched: the HTML carries its CSS, fonts come from the system, and the
URL fetcher serves only ``data:`` addresses (content inside the HTML itself), never a file
or another host, whatever a template wrote.

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
    """A URL fetcher for ``data:`` only: no file is read and no host is asked for anything."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


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


def html_to_pdf(document_html: str) -> bytes:
    """Lay out ``document_html`` (from ``annex_document_html``) as a PDF/UA-1 file.

    Byte-identical for identical HTML: the dates come from the document's own
    ``dcterms`` metadata, the file identifier is a hash of the content, and the embedded
    fonts carry no time of rendering (``_fixed_font_dates``).
    """
    from weasyprint import HTML

    document = HTML(string=document_html, url_fetcher=_no_fetch())
    pdf: bytes = document.write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=True, finisher=_fixed_font_dates
    )
    return pdf
