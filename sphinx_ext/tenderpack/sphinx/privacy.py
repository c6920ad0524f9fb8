"""The privacy component of the Sphinx extension: notice pages, the completeness table, the
supplier summary, and the completeness check as typed build warnings.

Directives (MyST and reST alike)::

    .. privacy-notice:: <id>                  the notice as readable sections
       :view: register                        or as the register shows it: a table per person
    .. privacy-completeness::                 one row per notice (all, or the ids given)
    .. privacy-summary:: <id> <id> ...
                                              "in short" for suppliers, then the full notices

Configuration (``conf.py``):

``tenderpack_privacy_dir``
    The folder of notice files, relative to the source directory (default ``docs/privacy``;
    an absolute path is used as it is).
``tenderpack_privacy_accepted_gaps``
    Gaps a privacy officer has looked at and accepted, per notice id:
    ``{"digid-machtigen": ["13.2.d"], "mijnoverheid-m1931": ["*"]}``. A key is an article key
    (``13.2.d`` = art. 13 lid 2 onder d), an element id (``dpo``) or ``*`` (every gap of that
    notice). Accepted gaps give no warning but stay visible in the completeness table as
    "missing, accepted". Acceptance lives in the site configuration, not in the notice file,
    because the file is a transcription of what the source says and acceptance is a decision
    about the site; an acceptance that matches no gap is reported so it cannot go stale.

Warnings: each unaccepted gap is ``type="tenderpack", subtype="privacy"`` at ``file:line``, so
``suppress_warnings = ["tenderpack.privacy"]`` silences all of them; a notice file that does
not load, or a directive naming an unknown notice, is ``tenderpack.privacy-invalid``, which
that setting leaves alone; a notice file with an error also fails the build (exit 1), strict
or not, as a tender error does. The check runs once per build (``builder-inited``), not per page,
so each gap is reported once however many pages show the notice.

Incremental builds: a page depends (``note_dependency``) on every notice file it renders;
the list of file names it saw is kept on the environment (a few names per page), and a page
is read again when files are added to or removed from the folder. Nothing else is stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tenderpack import __version__
from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.display import shown
from tenderpack.messages import Lang
from tenderpack.privacy.check import ARTICLE_KEYS, ELEMENT_BY_ID, check_notice
from tenderpack.privacy.loading import LoadedNotice, find_notice_files, load_notices
from tenderpack.privacy.messages import ptext
from tenderpack.privacy.model import Notice
from tenderpack.privacy.project import DEFAULT_NOTICE_DIR
from tenderpack.privacy.render import (
    completeness_table,
    notice_nodes,
    register_nodes,
    supplier_summary,
)

logger = logging.getLogger(__name__)

WARNING_TYPE = "tenderpack"
GAP_SUBTYPE = "privacy"
INVALID_SUBTYPE = "privacy-invalid"
DEFAULT_DIR = DEFAULT_NOTICE_DIR  # validate looks there too (tenderpack.privacy.project)
_ENV_LISTINGS = "tenderpack_privacy_listings"
_VIEWS = ("notice", "register")
_ID_SEPARATOR = re.compile(r"[\s,]+")


# --- configuration ---------------------------------------------------------------------------


def site_language(config: Config) -> Lang:
    language = str(config.language or "nl")
    return "en" if language.startswith("en") else "nl"


def notice_folder(config: Config, srcdir: str | Path) -> Path:
    return Path(srcdir) / str(config.tenderpack_privacy_dir)


def accepted_gaps(config: Config) -> dict[str, tuple[str, ...]]:
    """Accepted gaps per notice id; a malformed value (reported at config-inited) counts as none."""
    value = config.tenderpack_privacy_accepted_gaps
    if not isinstance(value, Mapping):
        return {}
    return {
        str(notice_id): tuple(str(key) for key in keys)
        for notice_id, keys in value.items()
        if isinstance(keys, list | tuple | set | frozenset)
    }


def _check_config(app: Sphinx, config: Config) -> None:
    lang = site_language(config)
    value = config.tenderpack_privacy_accepted_gaps
    if not isinstance(value, Mapping):
        problem = f"not {type(value).__name__}"
        logger.warning(
            ptext("privacy-bad-config", lang, problem=problem),
            type=WARNING_TYPE,
            subtype=INVALID_SUBTYPE,
        )
        return
    known = ARTICLE_KEYS | set(ELEMENT_BY_ID) | {"*"}
    for notice_id, keys in value.items():
        if not isinstance(keys, list | tuple | set | frozenset):
            problem = f"{notice_id!r}: {keys!r}"
            logger.warning(
                ptext("privacy-bad-config", lang, problem=problem),
                type=WARNING_TYPE,
                subtype=INVALID_SUBTYPE,
            )
            continue
        for key in keys:
            if str(key) not in known:
                problem = f"{notice_id!r}: {key!r}"
                logger.warning(
                    ptext("privacy-bad-config", lang, problem=problem),
                    type=WARNING_TYPE,
                    subtype=INVALID_SUBTYPE,
                )


# --- loading ---------------------------------------------------------------------------------


def _location(path: Path, line: int, srcdir: str | Path) -> str:
    """``file:line`` as Sphinx prints it; a string with a colon is used as it stands."""
    try:
        relative = path.resolve().relative_to(Path(srcdir).resolve())
    except ValueError:
        relative = path
    return f"{shown(relative)}:{max(line, 1)}"  # quoted when the name holds ESC (display.py)


_LOADED: dict[tuple[Path, Lang], tuple[tuple[tuple[str, int, int], ...], list[LoadedNotice]]] = {}


def _load_folder(folder: Path, lang: Lang, root: Path | None = None) -> list[LoadedNotice]:
    """Every notice in the folder, parsed once per process while its files stay the same.

    Every page that shows a notice or a summary asks for the folder; without this each of
    them parsed and validated all notices again (about 6 ms a page). A stat of each file
    (name, size, mtime) decides whether to parse again, as Sphinx decides by mtime too.
    """
    if not folder.is_dir():
        return []
    files = find_notice_files([folder])
    stamp = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    key = (folder.resolve(), lang)
    cached = _LOADED.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    loaded = load_notices([folder], lang, root)  # the folder: its odd entries are warned about
    _LOADED[key] = (stamp, loaded)
    return loaded


def _by_id(loaded: Sequence[LoadedNotice]) -> dict[str, LoadedNotice]:
    """Valid notices by id, failed files by file name (first one wins, as the loader reports)."""
    found: dict[str, LoadedNotice] = {}
    for item in loaded:
        key = item.notice.id if item.notice is not None else item.path.stem
        found.setdefault(key, item)
    return found


def _emit(diagnostic: Diagnostic, srcdir: str | Path) -> None:
    subtype = INVALID_SUBTYPE if diagnostic.severity is Severity.ERROR else GAP_SUBTYPE
    logger.warning(
        diagnostic.message,
        type=WARNING_TYPE,
        subtype=subtype,
        location=_location(diagnostic.path, diagnostic.line, srcdir),
    )


def _report(app: Sphinx) -> None:
    """Load and check every notice once per build, warning about each problem and gap."""
    folder = notice_folder(app.config, app.srcdir)
    if not folder.is_dir():
        return  # the directives say so if a page asks for a notice
    lang = site_language(app.config)
    accepted = accepted_gaps(app.config)
    seen_ids: set[str] = set()
    for item in _load_folder(folder, lang, Path(app.srcdir)):
        for diagnostic in item.diagnostics:
            _emit(diagnostic, app.srcdir)
        if not item.ok or item.notice is None:
            continue
        notice_id = item.notice.id
        seen_ids.add(notice_id)
        keys = accepted.get(notice_id, ())
        result = check_notice(item.notice, item.source)
        for gap in result.gaps:
            if not gap.accepted_by(keys):
                _emit(gap.diagnostic(item.path, lang), app.srcdir)
        for key in keys:
            if not any(gap.accepted_by((key,)) for gap in result.gaps):
                logger.warning(
                    ptext("privacy-stale-acceptance", lang, key=key, id=notice_id),
                    type=WARNING_TYPE,
                    subtype=GAP_SUBTYPE,
                    location=_location(item.path, 1, app.srcdir),
                )
    for notice_id in sorted(set(accepted) - seen_ids):
        known = ", ".join(sorted(seen_ids)) or "-"
        logger.warning(
            ptext("privacy-unknown-notice", lang, id=notice_id, known=known)
            + " (tenderpack_privacy_accepted_gaps)",
            type=WARNING_TYPE,
            subtype=INVALID_SUBTYPE,
        )


def _fail_on_invalid_notices(app: Sphinx, exception: Exception | None) -> None:
    """A notice file with an error fails the build, strict or not, as a tender error does:
    the pages that show it leave it out, so the site is not the one meant to be published.

    Decided from the folder (parsed once per process), not from what was logged, so a build
    that reads no page again fails too while the file is wrong.
    """
    folder = notice_folder(app.config, app.srcdir)
    if exception is not None or not folder.is_dir():
        return
    loaded = _load_folder(folder, site_language(app.config), Path(app.srcdir))
    if any(d.severity is Severity.ERROR for item in loaded for d in item.diagnostics):
        app.statuscode = 1


# --- incremental builds ----------------------------------------------------------------------


def _listing(folder: Path) -> tuple[str, ...]:
    return tuple(path.name for path in find_notice_files([folder])) if folder.is_dir() else ()


def _listings(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    listings: dict[str, tuple[str, ...]] | None = getattr(env, _ENV_LISTINGS, None)
    if listings is None:
        listings = {}
        setattr(env, _ENV_LISTINGS, listings)
    return listings


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages that saw a different set of notice files than the folder holds now."""
    current = _listing(notice_folder(app.config, app.srcdir))
    return [
        docname
        for docname, seen in _listings(env).items()
        if seen != current and docname not in removed
    ]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _listings(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _listings(other)
    _listings(env).update({docname: theirs[docname] for docname in docnames if docname in theirs})


# --- directives ------------------------------------------------------------------------------


class _PrivacyDirective(SphinxDirective):
    """What the privacy directives share: finding notices and keeping the page's dependencies."""

    def lang(self) -> Lang:
        return site_language(self.config)

    def load(self) -> dict[str, LoadedNotice] | None:
        """The folder's notices by id, noting its listing; None (and a warning) if it is absent."""
        folder = notice_folder(self.config, self.env.srcdir)
        _listings(self.env)[self.env.docname] = _listing(folder)
        if not folder.is_dir():
            self.warn(ptext("privacy-no-folder", self.lang(), folder=folder))
            return None
        return _by_id(_load_folder(folder, self.lang(), Path(self.env.srcdir)))

    def warn(self, message: str) -> None:
        logger.warning(
            message, type=WARNING_TYPE, subtype=INVALID_SUBTYPE, location=self.get_location()
        )

    def pick(self, found: Mapping[str, LoadedNotice], notice_id: str) -> LoadedNotice | None:
        """The valid notice with ``notice_id``, noting it as a dependency; warns otherwise."""
        item = found.get(notice_id)
        if item is None:
            known = ", ".join(sorted(k for k, v in found.items() if v.ok)) or "-"
            self.warn(ptext("privacy-unknown-notice", self.lang(), id=notice_id, known=known))
            return None
        self.env.note_dependency(str(item.path.resolve()))
        if not item.ok:
            self.warn(ptext("privacy-invalid-notice", self.lang(), id=notice_id))
            return None
        return item

    def targets(self, found: list[nodes.Node]) -> list[nodes.Node]:
        """Give every section an id unique in this document (and a target to link to)."""
        for node in found:
            for section in node.findall(nodes.section):
                self.state.document.note_implicit_target(section, section)
        return found


class PrivacyNoticeDirective(_PrivacyDirective):
    """``privacy-notice:: ID`` with ``:view: notice`` (default) or ``:view: register``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"view": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        view = self.options.get("view", "notice").strip() or "notice"
        if view not in _VIEWS:
            self.warn(ptext("privacy-bad-view", self.lang(), view=view))
            return []
        found = self.load()
        item = self.pick(found, self.arguments[0]) if found is not None else None
        if item is None or item.notice is None:
            return []
        notice = item.notice
        if view == "register":
            return self.targets(register_nodes(notice, self.lang()))
        return self.targets(notice_nodes(notice, self.lang(), check_notice(notice, item.source)))


class PrivacyCompletenessDirective(_PrivacyDirective):
    """``privacy-completeness::`` for every notice in the folder, or for the ids given."""

    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        found = self.load()
        if found is None:
            return []
        wanted = _ID_SEPARATOR.split(self.arguments[0].strip()) if self.arguments else sorted(found)
        results = []
        for notice_id in wanted:
            item = self.pick(found, notice_id)
            if item is not None and item.notice is not None:
                results.append(check_notice(item.notice, item.source))
        if not results:
            return []
        return [completeness_table(results, self.lang(), accepted_gaps(self.config))]


class PrivacySummaryDirective(_PrivacyDirective):
    """``privacy-summary:: ID [ID ...]``: the plain summary a tender's privacy page opens with."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        found = self.load()
        if found is None:
            return []
        notices: list[Notice] = []
        for notice_id in _ID_SEPARATOR.split(self.arguments[0].strip()):
            item = self.pick(found, notice_id)
            if item is not None and item.notice is not None:
                notices.append(item.notice)
        if not notices:
            return []
        return self.targets(supplier_summary(notices, self.lang()))


# --- table markup ------------------------------------------------------------------------------

_PRIVACY_TABLE = "tenderpack-privacy"  # the class privacy/render.py gives each of its tables


def _visit_entry_html(self: Any, node: nodes.entry) -> None:
    """docutils' own ``th``/``td``, with the ``scope`` a header cell of a privacy table heads.

    Docutils writes a header-row cell and a stub-column cell as ``th`` without ``scope``;
    the completeness table has both kinds, and then a screen reader (and HTML_CodeSniffer,
    H43/H63) cannot tell which headers a data cell has. No node attribute reaches the tag,
    so the tag docutils wrote is completed here.
    """
    type(self).visit_entry(self, node)
    table = node.parent.parent.parent.parent  # entry < row < thead/tbody < tgroup < table
    if _PRIVACY_TABLE not in table.get("classes", ()):
        return
    for index in range(len(self.body) - 1, -1, -1):
        if self.body[index].startswith("<th"):
            scope = "col" if isinstance(node.parent.parent, nodes.thead) else "row"
            self.body[index] = self.body[index].replace("<th", f'<th scope="{scope}"', 1)
            return
        if self.body[index].startswith("<td"):
            return


def _depart_entry_html(self: Any, node: nodes.entry) -> None:
    type(self).depart_entry(self, node)


def setup_privacy(app: Sphinx) -> None:
    app.add_node(nodes.entry, override=True, html=(_visit_entry_html, _depart_entry_html))
    """Register the privacy component; ``tenderpack.sphinx`` calls this."""
    app.add_config_value("tenderpack_privacy_dir", DEFAULT_DIR, "env", types=frozenset({str}))
    app.add_config_value("tenderpack_privacy_accepted_gaps", {}, "env", types=frozenset({dict}))
    app.add_directive("privacy-notice", PrivacyNoticeDirective)
    app.add_directive("privacy-completeness", PrivacyCompletenessDirective)
    app.add_directive("privacy-summary", PrivacySummaryDirective)
    app.connect("config-inited", _check_config)
    app.connect("builder-inited", _report)
    app.connect("build-finished", _fail_on_invalid_notices)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)


def setup(app: Sphinx) -> dict[str, Any]:
    """Use the privacy component alone: ``extensions = ["tenderpack.sphinx.privacy"]``."""
    setup_privacy(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
