"""The ``tenderpack`` HTML theme and the per-page values its layout uses.

Why an own theme: furo (and any theme that renders the whole site tree into every page's
sidebar) makes a build quadratic in the number of pages; with a hundred tenders of seven
pages each that is most of the build time (see ``bench/bench_site.py``). This theme
inherits ``basic`` (search, indices) and shows, on each page, only what is cheap and
useful: the site's main menu (the root page's own toctree entries), a breadcrumb, the
tender section's pages and the page's own contents.

Language: the site speaks ``language`` (Dutch by default). A page written in another
language (an English tender's pages, marked by ``tender-page``) gets that ``lang`` on
``<html>``, and the site's chrome (menu, breadcrumb, footer) keeps the site's language
on its own elements, so a screen reader pronounces both right (WCAG 3.1.1 and 3.1.2).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from tenderpack.sphinx.config import site_language
from tenderpack.sphinx.pages import LANGUAGE_KEY, SECTION_KEY
from tenderpack.sphinx.tables import setup_tables
from tenderpack.sphinx.words import word

THEME = "tenderpack"
THEME_DIR = Path(__file__).parent / "themes" / THEME


def _plain_title(app: Sphinx, docname: str) -> str:
    title = app.env.titles.get(docname)
    return title.astext() if title is not None else docname


def _lang(app: Sphinx, docname: str, default: str) -> str:
    metadata = app.env.metadata.get(docname) or {}
    return str(metadata.get(LANGUAGE_KEY, default))


def _item(
    app: Sphinx, pagename: str, docname: str, site_lang: str, title: str | None = None
) -> dict[str, Any]:
    lang = _lang(app, docname, site_lang)
    return {
        "title": title if title is not None else _plain_title(app, docname),
        "href": app.builder.get_relative_uri(pagename, docname) or "#",
        "current": docname == pagename,
        "lang": lang if lang != site_lang else None,
    }


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    env = app.env
    site_lang = site_language(app.config.language)
    page_lang = _lang(app, pagename, site_lang)
    root = app.config.root_doc
    context["tp_site_lang"] = site_lang
    context["tp_page_lang"] = page_lang
    context["tp_words"] = {
        key.replace("-", "_"): word(key, site_lang)
        for key in ("skip", "main-nav", "breadcrumb", "section-nav", "on-this-page", "search")
    }
    if page_lang != site_lang and app.config.html_theme == THEME:
        root_uri = html.escape(str(context.get("content_root", "")), quote=True)
        context["html_tag"] = f'<html lang="{page_lang}" data-content_root="{root_uri}">'

    # Main menu: the root page and the pages its own toctree lists (a handful).
    menu = [_item(app, pagename, root, site_lang)]
    menu += [_item(app, pagename, d, site_lang) for d in env.toctree_includes.get(root, [])]
    context["tp_menu"] = menu

    # Breadcrumb: the chain of toctree parents (computed once per build by the builder).
    relations = getattr(app.builder, "relations", {})
    chain: list[str] = []
    parent = relations.get(pagename, (None,))[0]
    while parent and parent not in chain and len(chain) < 10:
        chain.insert(0, parent)
        parent = relations.get(parent, (None,))[0]
    context["tp_breadcrumb"] = [_item(app, pagename, d, site_lang) for d in chain]

    # The tender section's own pages, under their short names (``tender-page`` lists them:
    # their names and titles depend on the tender's purchasing system).
    parts = pagename.split("/")
    section_nav: list[dict[str, Any]] = []
    section = (env.metadata.get(pagename) or {}).get(SECTION_KEY) or []
    if len(parts) >= 2:
        folder = "/".join(parts[:-1])
        for name, title in section:
            docname = f"{folder}/{name}"
            if docname not in env.all_docs:
                continue
            item = _item(app, pagename, docname, site_lang, title)
            item["lang"] = page_lang if page_lang != site_lang else None
            section_nav.append(item)
    context["tp_section_nav"] = section_nav

    # <title>: the page, its tender (on a tender's sub-page) and the site.
    title = (
        _plain_title(app, pagename)
        if pagename in env.titles
        else html.unescape(str(context.get("title", "")))
    )
    pieces = [title]
    if section_nav and parts[-1] != "index":
        pieces.append(_plain_title(app, "/".join(parts[:-1]) + "/index"))
    if pagename != root and context.get("docstitle"):
        pieces.append(html.unescape(str(context["docstitle"])))
    context["tp_html_title"] = " – ".join(piece for piece in pieces if piece)


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme(THEME, str(THEME_DIR))
    app.connect("html-page-context", _page_context)
    setup_tables(app)


def setup(app: Sphinx) -> dict[str, Any]:
    """The theme alone, as its own extension (``tenderpack.sphinx.theme``): for sites
    without tenders, and for the benchmark's plain-MyST baseline, which must use the
    same theme as the tenderpack site it is compared with."""
    setup_theme(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
