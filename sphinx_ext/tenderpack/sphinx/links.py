"""Links to files the build itself writes into the output folder (annexes, calendars).

Where such a file sits relative to a page depends on the builder (``page.html`` or
``page/index.html``), so a directive leaves a ``file_link`` node naming the file's path
inside the output folder, and ``doctree-resolved`` turns it into a relative link once the
builder is known. Builders that write no files of ours (LaTeX, text) get the link's text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.util.osutil import relative_uri


class file_link(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """A link to ``target``, a ``/``-separated path inside the output folder."""


def make_file_link(target: str, text: str) -> file_link:
    return file_link("", nodes.Text(text), target=target)


class label_link(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """A link to the label ``target`` if some page defines it, else just the text.

    For targets a hand-written page may or may not have (a privacy notice in full): unlike
    a ``ref`` reference, a missing label is not a warning; the labelled section's title is
    the link text when there is one.
    """


def make_label_link(target: str, text: str) -> label_link:
    return label_link("", nodes.Text(text), target=target)


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
    std = app.env.get_domain("std")
    assert isinstance(std, StandardDomain)
    labels = std.labels
    for link in list(doctree.findall(label_link)):
        found = labels.get(link["target"])
        if found is None or found[0] not in app.env.all_docs:
            link.replace_self(link.children)
            continue
        target_doc, label_id, title = found
        children = [nodes.Text(title)] if title else link.children
        uri = app.builder.get_relative_uri(docname, target_doc) if target_doc != docname else ""
        if label_id:
            uri += f"#{label_id}"
        link.replace_self(nodes.reference("", "", *children, refuri=uri, internal=True))


def setup_links(app: Sphinx) -> None:
    app.add_node(file_link)
    app.add_node(label_link)
    app.connect("doctree-resolved", _resolve)
