"""One structure tree for the annex PDF, following the HTML, built from WeasyPrint's layout.

WeasyPrint 70 tags PDF/UA-1 per page, and the tree it writes breaks PDF/UA in ways that no
markup avoids (its issues #1836, #2497 and #2903): an element crossing a page break becomes
two elements; a ``<li>`` holding a ``<p>`` becomes ``LI [Lbl P]`` without ``LBody``; the
running header and page numbers are tagged content whose elements the tree never reaches;
``<dl>`` items lose the pairing of term and value; footnotes are an ordinary list. This
module, run as a WeasyPrint finisher, rebuilds the tree once for the whole document:

* one element per HTML element, whatever the page breaks (content on a later page is
  referenced with a marked-content reference);
* ``LI`` = ``Lbl`` (the marker) + ``LBody`` (everything else); ``dt``/``dd`` pairs become
  ``LI [Lbl LBody]`` so a term stays with its value;
* the items of a ``role="doc-endnotes"`` list become ``Note`` elements whose ``ID`` is the
  item's ``id``, the named destination their call links to;
* the margin boxes (running header, "pagina X van Y") become Pagination artifacts, and so
  does a table header repeated on a later page;
* an element whose ``lang`` differs from its parent's carries ``/Lang``.

It keeps WeasyPrint's marked content: each piece of text WeasyPrint drew has a marked-content
identifier (MCID), and WeasyPrint's own tree says, per page, in which order its layout walk
met them. The same walk over the same boxes (``_visits``) pairs each MCID with the text box
it belongs to, and so with the HTML elements around it. If the pairing does not add up (a
WeasyPrint whose walk differs), the tree is left as WeasyPrint made it. Everything runs in
document order over lists, so the same HTML still gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pydyf  # type: ignore[import-untyped]

_BLOCK_TYPES = {
    "article": "Art",
    "section": "Sect",
    "main": "Part",
    "blockquote": "BlockQuote",
    "p": "P",
    "ul": "L",
    "ol": "L",
    "dl": "L",
    "li": "LI",
    "dt": "Lbl",
    "dd": "LBody",
    "table": "Table",
    "caption": "Caption",
    "figcaption": "Caption",
    "thead": "THead",
    "tbody": "TBody",
    "tfoot": "TFoot",
    "tr": "TR",
    "th": "TH",
    "td": "TD",
    "a": "Link",
    "img": "Figure",
    "li::marker": "Lbl",
    **{f"h{level}": f"H{level}" for level in range(1, 7)},
}
_PAGINATION = {"top": "/Header", "bottom": "/Footer"}


@dataclass
class _Node:
    """One HTML element's structure element while the tree is being built."""

    type: str
    element: Any  # the HTML element (None for the document)
    box: Any
    parent: _Node | None
    first_page: int
    kids: list[_Node | tuple[int, int] | bytes] = field(default_factory=list)
    lang: str | None = None
    id: str | None = None
    cell: dict[str, Any] = field(default_factory=dict)  # WeasyPrint's A and ID of a TH/TD


@dataclass
class _Visit:
    """A text (or replaced) box in WeasyPrint's tagging walk, with the boxes around it."""

    box: Any
    chain: list[Any]  # ancestor boxes, outermost first
    page: int


def _ref(value: bytes) -> int:
    return int(value.split()[0])


def _typed(obj: Any, type_: str) -> bool:
    """Whether a pydyf object is a dictionary of PDF type ``type_`` (StructElem, OBJR)."""
    return isinstance(obj, dict) and obj.get("Type") == type_


def _visits(document: Any) -> Iterator[tuple[str, Any, list[Any], int]]:
    """The boxes of every page in the order ``weasyprint.pdf.tags`` walks them.

    Yields ("content", box, chain, page) for each box WeasyPrint gave an MCID, and
    ("link", box, chain, page) for each box carrying a link annotation.
    """
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    def walk(box: Any, chain: list[Any], page: int) -> Iterator[tuple[str, Any, list[Any], int]]:
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        tag = None if box.element is None else box.element_tag
        if tag in ("html", "body") or isinstance(box, boxes.PageBox):
            if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
                for child in box.children:
                    yield from walk(child, chain, page)
                return
        elif isinstance(box, boxes.MarginBox):
            for child in box.children:
                yield from walk(child, [*chain, box], page)
            return
        children = list(getattr(box, "children", ()))
        if tag == "table" and box.is_table_wrapper and box.get_wrapped_table():
            table = box.get_wrapped_table()
            children = [
                c for child in box.children for c in (table.children if child is table else [child])
            ]
        inner = [*chain, box]
        if getattr(box, "link_annotation", None) is not None:
            yield ("link", box, inner, page)
        for child in children:
            for kid in child.children if isinstance(child, boxes.LineBox) else [child]:
                if isinstance(kid, boxes.TextBox):
                    yield ("content", kid, inner, page)
                else:
                    yield from walk(kid, inner, page)
        if isinstance(box, boxes.ReplacedBox):
            yield ("content", box, inner, page)

    for number, page in enumerate(document.pages):
        yield from walk(page._page_box, [], number)


def _claims(pdf: Any) -> dict[int, list[tuple[int, int, Any]]] | None:
    """Per page, WeasyPrint's MCIDs in the order its walk met them, with the element that
    holds each: objects are numbered as they are made, so each MCID sorts after every
    object made before it in the walk."""
    objects = pdf.objects
    elements = [o for o in objects if _typed(o, "/StructElem")]
    pages = {ref: number for number, ref in enumerate(pdf.page_references)}
    highest: dict[int, int] = {}

    def subtree(element: Any) -> int:
        if element.number not in highest:
            top = element.number
            for kid in element.get("K", ()):
                if isinstance(kid, bytes):
                    target = objects[_ref(kid)]
                    top = max(
                        top,
                        subtree(target) if target.get("Type") == "/StructElem" else target.number,
                    )
            highest[element.number] = top
        return highest[element.number]

    found: dict[int, list[tuple[int, int, int, Any]]] = {}
    for element in elements:
        last = element.number
        page = pages.get(element.get("Pg"))
        for index, kid in enumerate(element.get("K", ())):
            if isinstance(kid, int):
                if page is None:
                    return None
                found.setdefault(page, []).append((last, index, kid, element))
            elif isinstance(kid, bytes):
                target = objects[_ref(kid)]
                last = max(
                    last, subtree(target) if target.get("Type") == "/StructElem" else target.number
                )
    return {
        page: [
            (mcid, number, element)
            for number, _, mcid, element in sorted(items, key=lambda i: i[:2])
        ]
        for page, items in found.items()
    }


class _Builder:
    """Builds the ``_Node`` tree from the visits, one node per HTML element."""

    def __init__(self, lang: str) -> None:
        self.root = _Node("Document", None, None, None, 0, lang=lang)
        self.nodes: dict[tuple[int, str], _Node] = {}
        self.artifacts: dict[tuple[int, int], str] = {}  # (page, MCID) -> Subtype

    def node_for(self, chain: list[Any], page: int) -> _Node | None:
        """The node of the innermost element of ``chain``, made (with its ancestors) on
        first sight; None when the content is page furniture."""
        from weasyprint.formatting_structure import boxes

        node = self.root
        endnotes = False
        for box in chain:
            if isinstance(box, boxes.MarginBox):
                return None
            element, tag = box.element, box.element_tag
            if element is None:
                continue
            if element.get("role") == "doc-endnotes":
                endnotes = True
            if "::" in tag and tag != "li::marker":
                continue  # generated text (::before, ::after) belongs to its element
            key = (id(element), tag)
            if node.element is element and node.box is not None and node.box.element_tag == tag:
                continue  # an anonymous box inside the element: same node
            found = self.nodes.get(key)
            if found is None:
                found = self._make(box, node, page, endnotes)
                self.nodes[key] = found
            elif tag in ("thead", "tfoot") and found.first_page < page:
                return None  # a table header repeated on a later page
            node = found
        return node

    def _make(self, box: Any, parent: _Node, page: int, endnotes: bool) -> _Node:
        from weasyprint.formatting_structure import boxes

        element, tag = box.element, box.element_tag
        type_ = _BLOCK_TYPES.get(tag)
        if type_ is None:
            type_ = "Span" if isinstance(box, boxes.InlineLevelBox) else "Div"
        if endnotes and tag in ("ol", "ul"):
            type_ = "Div"
        note_id = None
        if endnotes and tag == "li" and element.get("id"):
            type_, note_id = "Note", element.get("id")
        lang = element.get("lang") if "::" not in tag else None
        node = _Node(type_, element, box, parent, page, id=note_id)
        mark = getattr(box, "mark", None)
        if type_ in ("TH", "TD") and isinstance(mark, dict):
            node.cell = {key: mark[key] for key in ("A", "ID") if key in mark}
        if lang and lang != _language(parent):
            node.lang = lang
        parent.kids.append(node)
        return node


def _language(node: _Node | None) -> str | None:
    while node is not None:
        if node.lang:
            return node.lang
        node = node.parent
    return None


def kid_is(kid: object, type_: str) -> bool:
    return isinstance(kid, _Node) and kid.type == type_


def _shaped(node: _Node) -> list[tuple[str, _Node | None, list[Any]]]:
    """The node's kids as PDF/UA wants them: (type, node, kids) groups for the rules that
    need an element HTML does not have (LBody inside LI, LI around a dt/dd pair)."""
    if node.type == "LI":
        label = [k for k in node.kids if isinstance(k, _Node) and k.type == "Lbl"]
        rest = [k for k in node.kids if not (isinstance(k, _Node) and k.type == "Lbl")]
        return [("Lbl", k, k.kids) for k in label if isinstance(k, _Node)] + (
            [("LBody", None, rest)] if rest else []
        )
    if node.element is not None and node.box.element_tag == "dl":
        groups: list[tuple[str, _Node | None, list[Any]]] = []
        for kid in node.kids:
            if isinstance(kid, _Node) and kid.type == "Lbl":
                groups.append(("LI", None, [kid]))
            elif kid_is(kid, "LBody") and groups and kid_is(groups[-1][2][-1], "Lbl"):
                groups[-1][2].append(kid)
            else:
                groups.append(("LI", None, [kid]))
        return groups
    return []


class _Writer:
    """Writes the ``_Node`` tree as structure elements, reusing WeasyPrint's objects."""

    def __init__(self, pdf: Any, pool: list[Any], figures: dict[tuple[int, int], Any]) -> None:
        self.pdf = pdf
        self.pool = pool
        self.figures = figures
        self.pages = pdf.page_references
        self.parents: dict[tuple[int, int], bytes] = {}  # (page, MCID) -> element
        self.objrs: dict[int, bytes] = {}  # annotation number -> element

    def new(self) -> Any:
        if self.pool:
            element = self.pool.pop(0)
            element.clear()
            return element
        element = pydyf.Dictionary()
        self.pdf.add_object(element)
        return element

    def write(
        self, type_: str, node: _Node | None, kids: list[Any], parent: bytes, into: Any
    ) -> bool:
        """Write one element (and its kids) under ``parent``; False if it holds nothing."""
        element = into if into is not None else self.new()
        element["Type"] = "/StructElem"
        element["S"] = f"/{type_}"
        element["P"] = parent
        if node is not None:
            if node.lang:
                element["Lang"] = pydyf.String(node.lang)
            if node.id:
                element["ID"] = pydyf.String(node.id)
            if node.cell:
                element.update(node.cell)
                scope = node.element.get("scope")
                if type_ == "TH" and scope in ("row", "col") and "A" in element:
                    element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
        array = pydyf.Array()
        page = None
        groups = _shaped(node) if node is not None else []
        items: list[tuple[str, _Node | None, list[Any]] | Any] = groups or kids
        for item in items:
            if isinstance(item, tuple) and len(item) == 3 and isinstance(item[0], str):
                kind, sub, subkids = item
                child = self.new()
                if self.write(kind, sub, subkids, element.reference, child):
                    array.append(child.reference)
                else:
                    self.pool.insert(0, child)
            elif isinstance(item, _Node):
                child = self.new()
                if self.write(item.type, item, item.kids, element.reference, child):
                    array.append(child.reference)
                else:
                    self.pool.insert(0, child)
            elif isinstance(item, tuple):
                item_page, mcid = item
                if page is None:
                    page = item_page
                    element["Pg"] = self.pages[page]
                if item_page == page:
                    array.append(mcid)
                else:
                    array.append(
                        pydyf.Dictionary(
                            {"Type": "/MCR", "Pg": self.pages[item_page], "MCID": mcid}
                        )
                    )
                self.parents[item] = element.reference
                if type_ == "Figure" and item in self.figures:
                    for key in ("Alt", "A"):
                        if key in self.figures[item]:
                            element[key] = self.figures[item][key]
            else:  # an OBJR of a link annotation
                objr = self.pdf.objects[_ref(item)]
                array.append(item)
                self.objrs[_ref(objr["Obj"])] = element.reference
        element["K"] = array
        return bool(array)


def restructure(document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher step: replace the per-page tree by one document tree."""
    catalog = pdf.catalog
    if "StructTreeRoot" not in catalog:
        return
    root = pdf.objects[_ref(catalog["StructTreeRoot"])]
    document_element = pdf.objects[_ref(root["K"][0])]
    claims = _claims(pdf)
    if claims is None:
        return
    builder = _Builder(str(catalog.get("Lang", "")).strip("()") or "")
    builder.root.lang = None  # the catalog says the document's language
    objrs: dict[int, bytes] = {}
    for element in pdf.objects:
        if _typed(element, "/OBJR"):
            objrs[_ref(element["Obj"])] = element.reference
    seen: dict[int, int] = {}
    figures: dict[tuple[int, int], Any] = {}
    attached: set[int] = set()
    for kind, box, chain, page in _visits(document):
        if kind == "link":
            annotation = box.link_annotation
            node = builder.node_for(chain, page)
            while node is not None and node.type != "Link":
                node = node.parent
            if node is None or annotation.number in attached or annotation.number not in objrs:
                continue
            attached.add(annotation.number)
            node.kids.append(objrs[annotation.number])
            continue
        index = seen.get(page, 0)
        seen[page] = index + 1
        page_claims = claims.get(page, [])
        if index >= len(page_claims):
            return  # WeasyPrint walked differently: keep its tree
        mcid, _, holder = page_claims[index]
        if holder.get("S") == "/Figure":
            figures[(page, mcid)] = {k: holder[k] for k in ("Alt", "A") if k in holder}
        node = builder.node_for(chain, page)
        if node is None:
            margin = next((b for b in chain if hasattr(b, "at_keyword")), None)
            where = "" if margin is None else margin.at_keyword.strip("@").split("-")[0]
            builder.artifacts[(page, mcid)] = _PAGINATION.get(where, "")
        else:
            node.kids.append((page, mcid))
    if any(seen.get(page, 0) != len(items) for page, items in claims.items()):
        return
    if len(attached) != len(objrs):
        return
    streams = _page_streams(pdf)
    if streams is None or _stream_mcids(streams) != {
        (page, mcid) for page, items in claims.items() for mcid, _, _ in items
    }:
        return  # marked content outside the page streams (e.g. in a form XObject)
    renumbered = _rewrite_marked_content(streams, builder.artifacts)

    # Renumber the MCIDs in the tree as in the streams (the artifacts left gaps).
    def renumber(node: _Node) -> None:
        node.kids = [(k[0], renumbered[k]) if isinstance(k, tuple) else k for k in node.kids]
        for kid in node.kids:
            if isinstance(kid, _Node):
                renumber(kid)

    renumber(builder.root)
    figures = {(p, renumbered[(p, m)]): v for (p, m), v in figures.items() if (p, m) in renumbered}
    pool = [o for o in pdf.objects if _typed(o, "/StructElem") and o is not document_element]
    writer = _Writer(pdf, pool, figures)
    writer.write("Document", None, builder.root.kids, root.reference, document_element)
    for leftover in writer.pool:
        leftover.clear()
    nums = pydyf.Array()
    for page in range(len(pdf.page_references)):
        mcids = sorted(m for p, m in writer.parents if p == page)
        nums.append(page)
        nums.append(pydyf.Array([writer.parents[(page, m)] for m in mcids]))
    annotations = []
    for number, element in writer.objrs.items():
        annotations.append((pdf.objects[number]["StructParent"], element))
    for key, element in sorted(annotations):
        nums.append(key)
        nums.append(element)
    pdf.objects[_ref(root["ParentTree"])]["Nums"] = nums


def _page_streams(pdf: Any) -> list[Any] | None:
    streams = []
    for ref in pdf.page_references:
        page = pdf.objects[_ref(ref)]
        contents = page.get("Contents")
        if not isinstance(contents, bytes):
            return None
        streams.append(pdf.objects[_ref(contents)])
    return streams


def _stream_mcids(streams: list[Any]) -> set[tuple[int, int]] | None:
    """The MCIDs each page stream marks (tag, property list, BDC as pydyf writes them)."""
    found = set()
    for page, stream in enumerate(streams):
        items = stream.stream
        for index, item in enumerate(items):
            if isinstance(item, dict) and "MCID" in item:
                if index == 0 or not isinstance(items[index - 1], str):
                    return None
                found.add((page, item["MCID"]))
    return found


def _rewrite_marked_content(
    streams: list[Any], artifacts: dict[tuple[int, int], str]
) -> dict[tuple[int, int], int]:
    """Turn the furniture's marked content into Pagination artifacts and number the rest
    0, 1, 2, ... per page in stream order; the old -> new MCID map."""
    renumbered: dict[tuple[int, int], int] = {}
    for page, stream in enumerate(streams):
        items = stream.stream
        next_mcid = 0
        for index, item in enumerate(items):
            if not (isinstance(item, dict) and "MCID" in item):
                continue
            mcid = item["MCID"]
            if (page, mcid) in artifacts:
                items[index - 1] = "/Artifact"
                properties = pydyf.Dictionary({"Type": "/Pagination"})
                if artifacts[(page, mcid)]:
                    properties["Subtype"] = artifacts[(page, mcid)]
                items[index] = properties
            else:
                renumbered[(page, mcid)] = next_mcid
                items[index] = pydyf.Dictionary({"MCID": next_mcid})
                next_mcid += 1
    return renumbered
