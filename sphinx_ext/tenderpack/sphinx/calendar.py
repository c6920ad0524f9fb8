"""The calendar file of each tender (``calendar/<reference>.ics``) and the links to it.

The files are written when the build finishes, into the output folder of builders that
produce a website. Rendering one takes a few milliseconds (``icalendar`` is not fast), so
a hundred would add a quarter of a second to every build; instead a small manifest in the
folder records, per file, a hash of everything the file is made from (the pack, the
tenderpack version, ``SOURCE_DATE_EPOCH``, the tender file's committed versions) and of
the bytes written, and only files whose inputs or bytes changed are rendered again.

Each event's ``SEQUENCE`` and ``DTSTAMP`` come from the tender file's git history
(``reading.history``, one ``git log`` for all tenders of a build): every committed version
is loaded again and replayed by ``outputs.calendar.revisions``. A version that no longer
loads (an older format this code refuses, a mistake fixed in the next commit) is passed
over, as if it had never been published.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from tenderpack import __version__
from tenderpack.files import write_if_changed
from tenderpack.outputs.calendar import Revision, calendar_file_name
from tenderpack.reading.history import History, file_histories
from tenderpack.sphinx import store
from tenderpack.sphinx.config import settings
from tenderpack.sphinx.links import make_file_link, writes_files
from tenderpack.sphinx.words import word
from tenderpack.systems import Registry
from tenderpack.tender.loading import load_tender_bytes
from tenderpack.tender.pack import TenderPack, build_pack

logger = logging.getLogger(__name__)

FOLDER = "calendar"
MANIFEST = ".tenderpack-calendar.json"


def calendar_link(pack: TenderPack) -> nodes.Node:
    return make_file_link(f"{FOLDER}/{calendar_file_name(pack)}", word("calendar-link", pack.lang))


def _input_key(pack: TenderPack, history: History) -> str:
    parts = {
        "tenderpack": __version__,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "pack": pack.to_json(),
        "history": history.key(),
    }
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _current(target: Path, entry: dict[str, str] | None, key: str) -> bool:
    if not entry or entry.get("key") != key:
        return False
    try:
        data = target.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == entry.get("output")


def _revisions(
    pack: TenderPack, history: History, registry: Registry | None
) -> dict[str, Revision]:
    """Each event's revision, from every version of the pack's file that loads today with
    the build's profiles (``registry``; the shipped ones when ``None``)."""
    from tenderpack.outputs.calendar import revisions

    def version_pack(data: bytes) -> TenderPack | None:
        loaded = load_tender_bytes(data, pack.source_path, registry=registry)
        if not loaded.ok or loaded.tender is None:
            return None
        return build_pack(loaded.tender, pack.source_path, registry)

    return revisions((v.time, version_pack(v.data)) for v in history.versions)


def write_calendars(packs: list[TenderPack], folder: Path, registry: Registry | None = None) -> int:
    """Write every pack's calendar file into ``folder``; return how many were rendered.
    ``registry`` holds the profiles the packs were loaded with (the shipped ones if ``None``).
    """
    manifest_path = folder / MANIFEST
    manifest = _read_manifest(manifest_path)
    histories = file_histories(pack.source_path for pack in packs)
    if any(history.shallow for history in histories.values()):
        logger.info(
            "tenderpack: shallow git clone: calendar events unchanged since before its oldest "
            "commit are dated by that commit (fetch the whole history for exact dates)"
        )
    rendered = 0
    gone = set(manifest) - {calendar_file_name(pack) for pack in packs}
    for name in sorted(gone):  # a tender that left the site takes its calendar with it
        (folder / name).unlink(missing_ok=True)
        del manifest[name]
    for pack in packs:
        name = calendar_file_name(pack)
        target = folder / name
        history = histories[pack.source_path]
        key = _input_key(pack, history)
        if _current(target, manifest.get(name), key):
            continue
        from tenderpack.outputs.calendar import calendar_bytes  # icalendar takes 0.1 s to import

        data = calendar_bytes(pack, _revisions(pack, history, registry))
        write_if_changed(target, data)
        manifest[name] = {"key": key, "output": hashlib.sha256(data).hexdigest()}
        rendered += 1
    if rendered or gone:
        text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
        write_if_changed(manifest_path, text.encode("utf-8"))
    return rendered


def _finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_files(app):
        return
    current = settings(app.config)
    tenders = store.current(current.tenders_dir)
    registry = store.profiles(current.systems_dir)[0]  # the scan's, kept in memory
    rendered = write_calendars(tenders.packs, Path(app.outdir) / FOLDER, registry)
    if rendered:
        logger.info("tenderpack: %d calendar file(s) written", rendered)


def setup_calendar(app: Sphinx) -> None:
    app.connect("build-finished", _finished)
