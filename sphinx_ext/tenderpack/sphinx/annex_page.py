"""The annex page's content, the ``tender-annex`` directive, and the annex files.

Each purchasing system's profile names its annex (``annex: {templates, stem, title,
short}``), such as Bijlage H. The page is named by the stem, its title and its links say
the annex's short name, and its downloads are the files ``tenderpack annex`` writes
(``<reference>-<stem>.<ext>``), so nothing here knows which annex it shows.

The page shows the annex's HTML fragment, rendered by ``tenderpack.outputs.annex`` from the
same sandboxed templates as the PDF and DOCX, so the three cannot say different things. The
fragment is escaped by those templates and embedded as a raw HTML node; no tender value
passes through a markup parser. The page depends on the annex template files
(``note_dependency``): editing one re-reads exactly the pages that embed that annex.

The files (``annex/<reference>-<stem>.<ext>``) are written when the build finishes, by
``tenderpack.outputs.annex``'s writer, which skips every file whose inputs did not change: a
rebuild with nothing changed renders no annex.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from tenderpack.messages import Lang
from tenderpack.outputs.annex import (
    AnnexTemplateError,
    annex_file_name,
    annex_folder,
    annex_fragment_html,
    annex_template_files,
)
from tenderpack.sphinx import store, tracking
from tenderpack.sphinx.base import WARNING_TYPE, Context, TenderDirective
from tenderpack.sphinx.config import Settings, settings
from tenderpack.sphinx.doctree import bullet_list, paragraph, sentence
from tenderpack.sphinx.links import make_file_link, writes_files
from tenderpack.sphinx.words import word
from tenderpack.tender.pack import TenderPack

logger = logging.getLogger(__name__)

FOLDER = "annex"


def annex_title(pack: TenderPack, lang: Lang) -> str:
    """The annex's short name, as its profile gives it: the page title and the link words."""
    return pack.system.data.annex.short(lang)


def _template_error(
    exc: AnnexTemplateError, current: Settings, packs: Sequence[TenderPack]
) -> None:
    """Log the error at the template's file and line, named as the annex it belongs to."""
    from tenderpack.outputs.annex.templating import search_path

    lang = current.site_lang
    folder_of_template = exc.template.split("/", 1)[0]
    names = {annex_title(p, lang) for p in packs if annex_folder(p) == folder_of_template}
    name = names.pop() if len(names) == 1 else word("annex", lang)

    where = exc.template
    for folder in search_path(current.templates_dir):
        if (folder / exc.template).is_file():
            where = str(folder / exc.template)
            break
    location = f"{where}:{exc.line}" if exc.line else where
    logger.error(
        "%s: %s",
        name,
        exc.message,
        type=WARNING_TYPE,
        subtype="annex-template",
        location=location,
        once=True,
    )


def fragment_templates(lang: str, templates_dir: Path | None, folder: str) -> tuple[Path, ...]:
    """The template files the page's annex fragment is rendered from, as the renderer finds
    them (a project's own first): the language's template and what it imports or includes.

    Only these are the page's dependencies, so editing ``en.html.j2`` re-reads the English
    tenders' annex pages and no others. Cached per process while the files are unchanged.
    """
    files = annex_template_files(templates_dir, folder)
    stamps = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    return _fragment_templates(lang, templates_dir, folder, stamps)


@lru_cache(maxsize=32)
def _fragment_templates(
    lang: str, templates_dir: Path | None, folder: str, stamps: tuple[tuple[str, int], ...]
) -> tuple[Path, ...]:
    from jinja2 import TemplateError, meta

    from tenderpack.outputs.annex.templating import environment

    jinja = environment(templates_dir)
    found: dict[str, Path] = {}
    todo = [f"{folder}/{lang}.html.j2"]
    try:
        while todo:
            name = todo.pop()
            if name in found or jinja.loader is None:
                continue
            source, filename, _uptodate = jinja.loader.get_source(jinja, name)
            found[name] = Path(filename or name)
            todo.extend(t for t in meta.find_referenced_templates(jinja.parse(source)) if t)
    except TemplateError:  # the render reports it with its line; depend on every file meanwhile
        return tuple(Path(path) for path, _ in stamps)
    return tuple(sorted(found.values()))


def annex_nodes(context: Context, pack: TenderPack) -> list[nodes.Node]:
    """Intro, download links (when annex files are written) and the annex itself."""
    env = context.env
    lang = context.lang
    current = context.settings
    tracking.record(env, annex=True)
    for template in fragment_templates(pack.lang, current.templates_dir, annex_folder(pack)):
        env.note_dependency(template)
    title = annex_title(pack, lang)
    result: list[nodes.Node] = [
        paragraph(*sentence(word("annex-intro", lang), annex=title, reference=pack.reference))
    ]
    if current.annex_formats:
        links = [
            [
                paragraph(
                    make_file_link(
                        f"{FOLDER}/{annex_file_name(pack, fmt)}",
                        word(f"download-{fmt}", lang).format(annex=title),
                    )
                )
            ]
            for fmt in current.annex_formats
        ]
        result.append(bullet_list(links, classes=["tp-downloads"]))
    try:
        fragment = annex_fragment_html(pack, current.templates_dir)
    except AnnexTemplateError as exc:
        _template_error(exc, current, [pack])
        env.note_reread()  # report it, and fail, on every build until the template is fixed
        result.append(paragraph(word("annex-failed", lang), classes=["tp-problem"]))
        return result
    result.append(nodes.raw("", fragment, format="html", classes=["tp-annex"]))
    return result


class TenderAnnex(TenderDirective):
    """``tender-annex <reference>``: the filled-in annex of the tender's system, with its
    downloads. ``bijlage-h`` is its older name, kept so pages that use it still build."""

    def build(self, context: Context, pack: TenderPack) -> Sequence[nodes.Node]:
        return annex_nodes(context, pack)


def write_annex_files(app: Sphinx) -> tuple[int, int]:
    """Write the annex files of every valid tender; return (rendered, unchanged).

    All tenders go to the writer at once, so its process pool serves them all. The writer
    stops at a template error before writing anything; then the tenders of each annex and
    language are written on their own, so a broken English template of one annex costs only
    that annex's English files (the error is reported once, at the template's line).
    """
    from tenderpack.outputs.annex.writer import write

    current = settings(app.config)
    if not current.annex_formats:
        return (0, 0)
    packs = store.current(current.tenders_dir).packs
    folder = Path(app.outdir) / FOLDER
    groups = [packs]
    rendered = written = 0
    while groups:
        group = groups.pop(0)
        try:
            report = write(
                group, current.annex_formats, folder, current.templates_dir, complete=group is packs
            )
        except AnnexTemplateError as exc:
            _template_error(exc, current, group)
            kinds = sorted({(annex_folder(pack), pack.lang) for pack in group})
            if len(kinds) > 1:  # retry per annex and language; a single one has no way out
                groups += [[p for p in group if (annex_folder(p), p.lang) == k] for k in kinds]
            continue
        rendered += len(report.rendered)
        written += len(report.paths)
    return (rendered, written - rendered)


def _finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not writes_files(app):
        return
    rendered, unchanged = write_annex_files(app)
    if rendered or unchanged:
        logger.info("tenderpack: annexes: %d file(s) rendered, %d unchanged", rendered, unchanged)


def setup_annex_page(app: Sphinx) -> None:
    app.add_directive("tender-annex", TenderAnnex)
    app.add_directive("bijlage-h", TenderAnnex)
    app.connect("build-finished", _finished)
