"""Pages an incremental build must write again although Sphinx would not, to match a clean build.

``tracking`` decides which pages are *read* again. Two things a page shows come from other
pages and are only refreshed when the page itself is *written*, which Sphinx does not do
for pages it did not read:

- its ``rel="prev"``/``rel="next"`` links and the parent in its breadcrumbs, which carry
  the neighbours' titles: editing a tender's title, or adding or removing a tender, changes
  what the page before and after it in the toctree should show;
- the search index's ``indexentries`` (glossary terms, index directives): Sphinx collects
  them while writing a page and pickles the environment before writing, so after an
  incremental build the index holds only the entries of the pages written in that build
  (Sphinx issue #12599, open in 8 and 9). Pages with index entries are written every build.

Both are answered on ``env-updated``, whose handlers may name pages to write. A page whose
source is gone is not written at all, and Sphinx leaves its old HTML and source copy in the
output folder, still published; they are deleted when Sphinx notices the removal. One more
difference is in the search index itself: a word that no page holds any more stays in it
with an empty list of pages. It is dropped from ``searchindex.js`` after the build, through
Sphinx's own reader and writer of that file, so a clean build's file is left byte for byte.

The record kept on the environment: each page's neighbours as ``(docname, title)`` pairs, and the
pages that hold index entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search import js_index

_NEIGHBOURS = "tenderpack_neighbours"
_INDEXED = "tenderpack_indexed_pages"

# (parent, previous, next), each a (docname, title) pair or None
Neighbours = tuple[tuple[str, str] | None, ...]


def _indexed(env: BuildEnvironment) -> set[str]:
    found: set[str] | None = getattr(env, _INDEXED, None)
    if found is None:
        found = set()
        setattr(env, _INDEXED, found)
    return found


def _note_index_entries(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(addnodes.index)):
        _indexed(app.env).add(app.env.docname)


def _purge(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _indexed(env).discard(docname)


def _merge(
    _app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    theirs = _indexed(other)
    _indexed(env).update(name for name in docnames if name in theirs)


def neighbours(env: BuildEnvironment) -> dict[str, Neighbours]:
    """Every page's parent, previous and next page with the title each link shows."""

    def named(docname: str | None) -> tuple[str, str] | None:
        if not docname or docname not in env.titles:
            return None
        return docname, env.titles[docname].astext()

    return {
        docname: tuple(named(related) for related in relations)
        for docname, relations in env.collect_relations().items()
    }


def _pages_to_write(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    now = neighbours(env)
    before: dict[str, Neighbours] = getattr(env, _NEIGHBOURS, {})
    setattr(env, _NEIGHBOURS, now)
    moved = {name for name, links in now.items() if before.get(name, links) != links}
    existing = set(env.found_docs)
    return sorted((moved | _indexed(env)) & existing)


def _delete_removed_pages(
    app: Sphinx, _env: BuildEnvironment, _added: Set[str], _changed: Set[str], removed: Set[str]
) -> list[str]:
    builder = app.builder
    output_path = getattr(builder, "get_output_path", None)
    if output_path is None or not removed:
        return []
    outdir = Path(app.outdir)
    for docname in sorted(removed):
        written = [Path(output_path(docname))]
        if app.config.html_copy_source:
            # The source is gone, so its suffix is not known any more: any of the project's.
            link_suffix = app.config.html_sourcelink_suffix
            for suffix in app.config.source_suffix:
                copied = suffix if suffix == link_suffix else suffix + link_suffix
                written.append(outdir / "_sources" / (docname + copied))
        for path in written:
            path.unlink(missing_ok=True)
            _remove_empty_folders(path.parent, outdir)
    return []


def _remove_empty_folders(folder: Path, outdir: Path) -> None:
    while folder != outdir and outdir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty, or not there
        folder = folder.parent


def _drop_emptied_search_terms(app: Sphinx, exception: BaseException | None) -> None:
    index = Path(app.outdir, "searchindex.js")
    if exception is not None or app.builder.format != "html" or not index.is_file():
        return
    text = index.read_text("utf-8")
    try:
        data: Any = js_index.loads(text)
    except ValueError:
        return  # not the format this Sphinx writes; leave it as it is
    for key in ("terms", "titleterms"):
        terms = data.get(key)
        if isinstance(terms, dict):
            data[key] = {word: pages for word, pages in terms.items() if pages != []}
    cleaned = js_index.dumps(data)
    if cleaned != text:
        index.write_text(cleaned, "utf-8")


def setup_rewrites(app: Sphinx) -> None:
    app.connect("doctree-read", _note_index_entries)
    app.connect("env-purge-doc", _purge)
    app.connect("env-get-outdated", _delete_removed_pages)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _pages_to_write)
    app.connect("build-finished", _drop_emptied_search_terms)
