"""Make the reference document that gives the annex DOCX its Word styles, header and footer.

Run it when the layout should change, and commit the result under a new version::

    python -m tenderpack.outputs.annex.reference_docx templates/bijlage-h/reference-v3.docx

It starts from pandoc's own default reference.docx (so every style pandoc uses exists),
sets A4 with the PDF's margins, adds the "Table Text" paragraph style that table cells
take (``table_widths.lua``), and adds a header and a footer. The footer holds real
Word PAGE and NUMPAGES fields, so Word keeps the page numbers right while an officer
edits. The placeholders ``[[reference]]``, ``[[title]]``, ``[[page]]`` and ``[[of]]`` are
filled per tender by ``docx.py``; when editing this file in Word, type each placeholder
in one go so that Word keeps it in one run. The output is reproducible: fixed dates and
zip entries, so rerunning the script on the same pandoc gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tenderpack.outputs.annex.docx import TABLE_TEXT_STYLE, pandoc_path, rezip

# 2: the "Table Text" style for table cells, smaller than the body as in the PDF.
VERSION = 2
# A fixed moment for the core properties and the zip entries: the version's release date.
RELEASED = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """Append a Word field (e.g. PAGE) as begin/instruction/separate/result/end runs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: Any) -> None:
        paragraph.add_run()._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _table_text_style(document: Any) -> None:
    """Table cells in 10 pt: the departments table then fits A4 with every OIN on one line.

    Its name is the one ``table_widths.lua`` gives each cell, whose width estimate counts in
    this size; based on pandoc's "Compact" so cells keep its tight spacing.
    """
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    style = document.styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Compact"]
    style.quick_style = True
    style.font.size = Pt(10)


def build_reference_docx() -> bytes:
    """pandoc's default reference.docx plus A4, margins, table text, header and page footer."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    default = subprocess.run(
        [pandoc_path(), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
    ).stdout
    document = Document(io.BytesIO(default))
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _table_text_style(document)

    header = section.header
    header.is_linked_to_previous = False
    heading = header.paragraphs[0]
    heading.text = ""
    heading.add_run("[[reference]] – [[title]]").font.size = Pt(8)

    footer = section.footer
    footer.is_linked_to_previous = False
    line = footer.paragraphs[0]
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    line.add_run("[[page]] ")
    _field(line, "PAGE", "1")
    line.add_run(" [[of]] ")
    _field(line, "NUMPAGES", "1")
    for run in line.runs:
        run.font.size = Pt(8)

    properties = document.core_properties
    properties.title = "tenderpack Bijlage H reference document"
    properties.subject = f"reference.docx version {VERSION}"
    properties.version = str(VERSION)
    properties.author = properties.last_modified_by = "tenderpack"
    properties.created = properties.modified = RELEASED.replace(tzinfo=None)
    properties.revision = VERSION
    buffer = io.BytesIO()
    document.save(buffer)
    return rezip(buffer.getvalue(), RELEASED, lambda _name, content: content)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "output", type=Path, help=f"e.g. templates/bijlage-h/reference-v{VERSION}.docx"
    )
    args = parser.parse_args(argv)
    args.output.write_bytes(build_reference_docx())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
