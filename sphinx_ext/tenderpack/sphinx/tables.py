"""Wide tables scroll inside their own box, which a keyboard can reach and a screen reader names.

A table with many columns (the privacy completeness table has fifteen) cannot reflow to a
phone's 320 px, and WCAG 1.4.10 does not ask it to; but the page must not scroll sideways,
so the table scrolls inside a box. A box that scrolls must be reachable by keyboard
(WCAG 2.1.1; Safari does not make scroll boxes focusable by itself), so the box gets
``tabindex="0"``, and a focusable region needs a name: the table's caption, or the word
"table" in the page's language when there is none.

The HTML writer offers no hook around a table, so the finished page body is rewritten:
docutils and the annex template both write plain ``<table>`` elements, never nested.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_TABLE_WORD = {"nl": "Tabel", "en": "Table"}


def _caption_text(table: str) -> str:
    found = _CAPTION.search(table)
    if found is None:
        return ""
    text = _TAG.sub("", _HEADERLINK.sub("", found.group(1)))
    return " ".join(html.unescape(text).split())


def scrollable_tables(body: str, lang: str) -> str:
    """``body`` with each table inside a focusable, named box that scrolls sideways."""

    def wrap(match: re.Match[str]) -> str:
        table = match.group(0)
        name = _caption_text(table) or _TABLE_WORD.get(lang, _TABLE_WORD["en"])
        return (
            f'<div class="tp-table-scroll" role="region" tabindex="0" '
            f'aria-label="{html.escape(name, quote=True)}">{table}</div>'
        )

    return _TABLE.sub(wrap, body)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if app.config.html_theme != "tenderpack":  # the box's style is in this theme's CSS
        return
    if isinstance(body, str) and "<table" in body:
        lang = str(context.get("tp_page_lang") or context.get("language") or "nl")[:2]
        context["body"] = scrollable_tables(body, lang)


def setup_tables(app: Sphinx) -> None:
    # After the theme's own handler (priority 500), which sets the page's language.
    app.connect("html-page-context", _page_context, priority=600)
