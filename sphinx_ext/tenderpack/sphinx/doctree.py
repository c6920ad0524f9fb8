"""Small helpers that build docutils nodes from data.

The one rule: a value from a tender file becomes a ``nodes.Text`` (or the text of a
literal), never input to a markup parser. So a title holding ``<script>``, a MyST fence or
``{raw}`` shows literally, and no sentence needs escaping. Sentences with values in them
are templates from ``words`` whose ``{name}`` fields are filled with nodes, not strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from docutils import nodes
from sphinx import addnodes

from tenderpack.messages import Lang

Inline: TypeAlias = str | nodes.Node | Sequence[nodes.Node]
_FIELD = re.compile(r"\{(\w+)\}")


def inline(value: Inline) -> list[nodes.Node]:
    """A value as a list of inline nodes: text stays text."""
    if isinstance(value, str):
        return [nodes.Text(value)]
    if isinstance(value, nodes.Node):
        return [value]
    return list(value)


def sentence(template: str, **values: Inline) -> list[nodes.Node]:
    """``template`` with each ``{name}`` replaced by the nodes of ``values[name]``."""
    result: list[nodes.Node] = []
    position = 0
    for match in _FIELD.finditer(template):
        if match.start() > position:
            result.append(nodes.Text(template[position : match.start()]))
        result.extend(inline(values[match[1]]))
        position = match.end()
    if position < len(template):
        result.append(nodes.Text(template[position:]))
    return result


def paragraph(*parts: Inline, classes: Sequence[str] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for part in parts:
        para.extend(inline(part))
    return para


def strong(value: str) -> nodes.strong:
    return nodes.strong(value, value)


def literal(value: str) -> nodes.literal:
    """Codes such as an OIN: monospace, and never split or reformatted."""
    return nodes.literal(value, value)


def lang_classes(lang: Lang) -> list[str]:
    """docutils writes a ``language-xx`` class as the HTML ``lang`` attribute."""
    return [f"language-{lang}"]


def in_lang(value: Inline, lang: Lang, page_lang: Lang) -> list[nodes.Node]:
    """Inline text in ``lang``, marked when it differs from the page's language (WCAG 3.1.2)."""
    if lang == page_lang:
        return inline(value)
    span = nodes.inline(classes=lang_classes(lang))
    span.extend(inline(value))
    return [span]


def link(uri: str, text: str) -> nodes.reference:
    """A link to a fixed kind of URI (mailto:, tel:, https:); the caller vouches for ``uri``."""
    return nodes.reference(text, text, refuri=uri, internal=False)


def mail_link(address: str) -> nodes.reference:
    return link(f"mailto:{address}", address)


def phone_link(number: str) -> nodes.Node:
    """``tel:`` with only the dialable characters; the number as written stays the text."""
    dial = re.sub(r"[^0-9+]", "", number)
    return link(f"tel:{dial}", number) if dial else nodes.Text(number)


def doc_link(docname: str, text: Inline, *, refdoc: str) -> addnodes.pending_xref:
    """A link to another page, resolved (and checked) by Sphinx when it writes the page."""
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refexplicit=True,
        refwarn=True,
        refdoc=refdoc,
    )
    ref += nodes.inline("", "", *inline(text))
    result: addnodes.pending_xref = ref
    return result


def bullet_list(items: Iterable[Sequence[nodes.Node]], classes: Sequence[str] = ()) -> nodes.Node:
    result = nodes.bullet_list(classes=list(classes))
    for children in items:
        result += nodes.list_item("", *children)
    return result


def enumerated_list(
    items: Iterable[Sequence[nodes.Node]], classes: Sequence[str] = ()
) -> nodes.Node:
    result = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=list(classes))
    for children in items:
        result += nodes.list_item("", *children)
    return result


def definition_list(pairs: Iterable[tuple[Inline, Inline]]) -> nodes.definition_list:
    result = nodes.definition_list(classes=["tp-facts"])
    for term, definition in pairs:
        item = nodes.definition_list_item()
        item += nodes.term("", "", *inline(term))
        item += nodes.definition("", paragraph(definition))
        result += item
    return result


def table(
    caption: Inline,
    headers: Sequence[str],
    rows: Iterable[Sequence[Inline]],
    *,
    classes: Sequence[str] = (),
    row_classes: Sequence[Sequence[str]] | None = None,
) -> nodes.table:
    """A plain table with a caption and a header row (``<th scope="col">`` in HTML)."""
    result = nodes.table(classes=["tp-table", *classes])
    result += nodes.title("", "", *inline(caption))
    group = nodes.tgroup(cols=len(headers))
    result += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for index, cells in enumerate(rows):
        row = _row(cells)
        if row_classes is not None:
            row["classes"].extend(row_classes[index])
        body += row
    return result


def _row(cells: Sequence[Inline]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", paragraph(cell))
    return row


@dataclass
class Headings:
    """Makes headed parts: real sections where a section may stand, else a rubric.

    A directive on a page's top level may add sections (they join the page's table of
    contents); inside a list or an admonition a section is invalid, so there the heading
    becomes a rubric over a plain container.
    """

    document: nodes.document
    allow_sections: bool

    def part(
        self,
        title: Inline,
        children: Sequence[nodes.Node],
        *,
        classes: Sequence[str] = (),
        lang: Lang | None = None,
    ) -> nodes.Element:
        extra = lang_classes(lang) if lang else []
        title_nodes = inline(title)
        if not self.allow_sections:
            box = nodes.container(classes=["tp-part", *classes, *extra])
            box += nodes.rubric("", "", *title_nodes)
            box.extend(children)
            return box
        section = nodes.section(classes=[*classes, *extra])
        section += nodes.title("", "", *title_nodes)
        section["names"].append(nodes.fully_normalize_name(section[0].astext()))
        self.document.note_implicit_target(section, section)
        section.extend(children)
        return section


def toctree(
    parent: str, entries: Sequence[tuple[str | None, str]], *, hidden: bool
) -> nodes.compound:
    """A toctree of ``entries`` (title or None, docname), built as the ``toctree`` directive does.

    Built here instead of written into a generated source: the entries and their titles
    come from data, and Sphinx's toctree collector finds the node in the doctree either way.
    """
    tree = addnodes.toctree()
    tree["parent"] = parent
    tree["entries"] = list(entries)
    tree["includefiles"] = [docname for _, docname in entries]
    tree["maxdepth"] = 1
    tree["caption"] = None
    tree["glob"] = False
    tree["hidden"] = hidden
    tree["includehidden"] = False
    tree["numbered"] = 0
    tree["titlesonly"] = True
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += tree
    return wrapper


def verbatim(result: Sequence[nodes.Node]) -> list[nodes.Node]:
    """Keep Sphinx's smart quotes out of these nodes: data shows as written.

    ``'title'`` in a tender file must not become ``‘title’`` on the page (nor ``--`` an en
    dash); our own sentences already use the typographic characters they need.
    """
    for node in result:
        if isinstance(node, nodes.Element):
            node["support_smartquotes"] = False
    return list(result)


def unique_id(document: nodes.document, node: nodes.Element, base: str) -> str:
    """Give ``node`` the id ``base`` (made HTML-safe), numbered when the page already has it."""
    stem = nodes.make_id(base) or "tp"
    candidate, number = stem, 1
    while candidate in document.ids:
        number += 1
        candidate = f"{stem}-{number}"
    node["ids"].append(candidate)
    document.ids[candidate] = node
    return candidate


def at_section_level(parent: nodes.Element | None) -> bool:
    return parent is None or isinstance(parent, nodes.section | nodes.document)
