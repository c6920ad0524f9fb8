"""Which pages use which tenders, so an incremental build re-reads exactly those pages.

Most of it is Sphinx's own mechanism: a directive that shows a tender calls
``env.note_dependency(tender_file)`` (and the annex page its template files), and Sphinx
re-reads the page when one of those files is newer than the page. Three changes leave no
newer file behind, and those are handled here on ``env-get-outdated``:

- a tender appears (new file) or changes reference: pages that list every tender (the
  overview) and pages that asked for that reference while it did not exist;
- a tender disappears: Sphinx already re-reads pages whose dependency is gone; the
  overview is covered by the first rule as well;
- ``tenderpack_templates_dir`` or ``tenderpack_annex_formats`` changes: only the pages
  that embed the annex (their config scope is ``""`` on purpose; see ``config``).

The per-page record (``Uses``) is a few strings per page, kept on the environment under
``tenderpack_uses`` and merged back from parallel readers on ``env-merge-info``.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from tenderpack.sphinx import store
from tenderpack.sphinx.config import settings

_USES = "tenderpack_uses"
_SNAPSHOT = "tenderpack_snapshot"
_ANNEX_STATE = "tenderpack_annex_state"


@dataclass(frozen=True, slots=True)
class Uses:
    """What one page took from the tenders while it was read."""

    references: frozenset[str] = frozenset()
    all_tenders: bool = False
    annex: bool = False


def _uses(env: BuildEnvironment) -> dict[str, Uses]:
    found: dict[str, Uses] | None = getattr(env, _USES, None)
    if found is None:
        found = {}
        setattr(env, _USES, found)
    return found


def record(
    env: BuildEnvironment,
    *,
    reference: str | None = None,
    all_tenders: bool = False,
    annex: bool = False,
) -> None:
    """Note that the page being read shows ``reference`` / every tender / an annex."""
    uses = _uses(env)
    old = uses.get(env.docname, Uses())
    uses[env.docname] = Uses(
        old.references | {reference} if reference else old.references,
        old.all_tenders or all_tenders,
        old.annex or annex,
    )


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _uses(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    theirs = _uses(other)
    mine = _uses(env)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def _annex_state(app: Sphinx) -> tuple[Any, ...]:
    current = settings(app.config)
    return (str(current.templates_dir or ""), current.annex_formats)


def _outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    tenders = store.current(settings(app.config).tenders_dir)
    snapshot = tenders.snapshot()
    before: dict[str, str] = getattr(env, _SNAPSHOT, None) or {}
    moved = {ref for ref in snapshot.keys() | before.keys() if snapshot.get(ref) != before.get(ref)}
    annex_state = _annex_state(app)
    annex_changed = getattr(env, _ANNEX_STATE, annex_state) != annex_state
    setattr(env, _SNAPSHOT, snapshot)
    setattr(env, _ANNEX_STATE, annex_state)
    if not moved and not annex_changed:
        return []
    again = {
        docname
        for docname, uses in _uses(env).items()
        if (moved and uses.all_tenders)
        or (uses.references & moved)
        or (annex_changed and uses.annex)
    }
    return sorted(again & env.found_docs - added - changed)


def setup_tracking(app: Sphinx) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
