"""The calendar file of each tender (``calendar/<reference>.ics``) and the links to it.

The files are written when the build finishes, into the output folder of builders that
produce a website, and only when their bytes changed: they are cheap to render (a
hundred tenders take milliseconds) and reproducible, so comparing bytes is enough.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from tenderpack.ics import calendar_bytes, calendar_file_name
from tenderpack.pack import TenderPack
from tenderpack.sphinx import store
from tenderpack.sphinx.config import settings
from tenderpack.sphinx.files import write_if_changed
from tenderpack.sphinx.links import make_file_link, writes_files
from tenderpack.sphinx.words import word

logger = logging.getLogger(__name__)

FOLDER = "calendar"


def calendar_link(pack: TenderPack) -> nodes.Node:
    return make_file_link(f"{FOLDER}/{calendar_file_name(pack)}", word("calendar-link", pack.lang))


def write_calendars(packs: list[TenderPack], folder: Path) -> int:
    """Write every pack's calendar file into ``folder``; return how many changed."""
    return sum(write_if_changed(folder / calendar_file_name(p), calendar_bytes(p)) for p in packs)


def _finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_files(app):
        return
    tenders = store.current(settings(app.config).tenders_dir)
    changed = write_calendars(tenders.packs, Path(app.outdir) / FOLDER)
    if changed:
        logger.info("tenderpack: %d calendar file(s) written", changed)


def setup_calendar(app: Sphinx) -> None:
    app.connect("build-finished", _finished)
