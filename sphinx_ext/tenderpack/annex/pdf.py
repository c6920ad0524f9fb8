"""The annex as an accessible PDF: WeasyPrint on the standalone annex HTML, as PDF/UA-1.

PDF/UA makes WeasyPrint tag the structure (headings, lists, the departments table) and
write the document language and title, so screen readers read the annex as the HTML
reads. Nothing is fetched: the HTML carries its CSS, fonts come from the system, and the
URL fetcher serves only ``data:`` addresses (content inside the HTML itself), never a file
or another host, whatever a template wrote.
"""

from __future__ import annotations

from typing import Any


def _no_fetch() -> Any:
    """A URL fetcher for ``data:`` only: no file is read and no host is asked for anything."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def html_to_pdf(document_html: str) -> bytes:
    """Lay out ``document_html`` (from ``annex_document_html``) as a PDF/UA-1 file.

    Byte-identical for identical HTML: the dates come from the document's own
    ``dcterms`` metadata and the file identifier is a hash of the content.
    """
    from weasyprint import HTML

    document = HTML(string=document_html, url_fetcher=_no_fetch())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)
    return pdf
