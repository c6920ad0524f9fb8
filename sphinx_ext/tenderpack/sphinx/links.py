"""Links to files the build itself writes into the output folder (annexes, calendars).

Where such a file sits relative to a page depends on the builder (``page.html`` or
``page/index.html``), so a directive leaves a ``file_link`` node naming the file's path
inside the output folder, and ``doctree-resolved`` turns it into a relative link once the
builder is known. Builders that write no files of ours (LaTeX, text) get the link's text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri


class file_link(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """A link to ``target``, a ``/``-separated path inside the output folder."""


def make_file_link(target: str, text: str) -> file_link:
    return file_link("", nodes.Text(text), target=target)


class page_link(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """A link to the page ``target`` (a docname) if the site has one, else just the text.

    For pages another component may or may not provide (a privacy notice's page): unlike a
    ``doc`` reference, a missing page is not a warning, and the page's title is used as
    the link text when it has one.
    """


def make_page_link(target: str, text: str) -> page_link:
    return page_link("", nodes.Text(text), target=target)


def writes_files(app: Sphinx) -> bool:
    """True for the builders whose output folder gets our annex and calendar files."""
    return app.builder.format == "html"


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    html = writes_files(app)
    base = app.builder.get_target_uri(docname) if html else ""
    for node in list(doctree.findall(file_link)):
        if html:
            uri = relative_uri(base, node["target"])
            ref = nodes.reference("", "", *node.children, refuri=uri, internal=False)
            ref["classes"].append("tp-download")
            node.replace_self(ref)
        else:
            node.replace_self(node.children)
    for page in list(doctree.findall(page_link)):
        target = page["target"]
        if target not in app.env.all_docs:
            page.replace_self(page.children)
            continue
        title = app.env.titles.get(target)
        children = [nodes.Text(title.astext())] if title is not None else page.children
        uri = app.builder.get_relative_uri(docname, target)
        page.replace_self(nodes.reference("", "", *children, refuri=uri, internal=True))


def setup_links(app: Sphinx) -> None:
    app.add_node(file_link)
    app.add_node(page_link)
    app.connect("doctree-resolved", _resolve)
