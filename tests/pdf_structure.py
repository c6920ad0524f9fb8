"""The structure tree of a tagged PDF as pikepdf reads it, and the PDF/UA-1 rules on it.

A re-implementation, on the real file, of the veraPDF PDF/UA-1 structure rules the annex
must pass (rule numbers are veraPDF's, "clause-test" of ISO 14289-1), so the tests see what a
screen reader sees: which structure elements exist, in which order, holding which text.
Text comes from the page content streams (each marked-content sequence decoded through its
font's ToUnicode map), never from our own HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

import pikepdf


@dataclass(repr=False, eq=False)
class Element:
    """One structure element: its type, attributes and kids in the order of the tree."""

    type: str
    dictionary: Any
    parent: Element | None
    kids: list[Element] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    annotations: list[Any] = field(default_factory=list)  # link annotations (OBJR kids)
    order: list[Element | tuple[int, int]] = field(default_factory=list)

    def __repr__(self) -> str:  # pikepdf's own repr would print the whole tree
        return f"<{self.type} kids={self.kid_types()} content={len(self.content)}>"

    @property
    def id(self) -> str | None:
        value = self.dictionary.get("/ID")
        return None if value is None else str(value)

    @property
    def lang(self) -> str | None:
        value = self.dictionary.get("/Lang")
        return None if value is None else str(value)

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def kid_types(self) -> list[str]:
        return [kid.type for kid in self.kids]

    def language(self, default: str) -> str:
        """The element's language: its own /Lang, or its nearest ancestor's, or ``default``."""
        node: Element | None = self
        while node is not None:
            if node.lang:
                return node.lang
            node = node.parent
        return default


@dataclass
class MarkedContent:
    """One marked-content sequence of a page: its tag, properties and decoded text."""

    page: int
    tag: str
    mcid: int | None
    properties: dict[str, str]
    text: str
    inside: list[str]  # tags of the enclosing sequences, outermost first


@dataclass(repr=False)
class Structure:
    """What pikepdf sees of one PDF: the tree from StructTreeRoot and every page's content."""

    document: Element
    lang: str
    content: list[MarkedContent]
    structure_elements: int  # StructElem dictionaries in the whole file, reachable or not
    pdf: Any

    def elements(self, type_: str | None = None) -> list[Element]:
        return [e for e in self.document.walk() if type_ is None or e.type == type_]

    def count(self, type_: str) -> int:
        return len(self.elements(type_))

    def counts(self) -> Counter[str]:
        return Counter(e.type for e in self.document.walk())

    def text_of(self, element: Element) -> str:
        """The text of ``element`` and its descendants, in tree order."""
        by_id = {(c.page, c.mcid): c.text for c in self.content if c.mcid is not None}
        parts: list[str] = []

        def collect(node: Element) -> None:
            for item in node.order:
                if isinstance(item, Element):
                    collect(item)
                else:
                    parts.append(by_id.get(item, ""))

        collect(element)
        return "".join(parts)

    def tree_content(self) -> set[tuple[int, int]]:
        return {item for e in self.document.walk() for item in e.content}

    def text(self) -> str:
        return self.text_of(self.document)


def _name(value: Any) -> str:
    return str(value)[1:] if str(value).startswith("/") else str(value)


def read(data: bytes) -> Structure:
    """Open ``data`` with pikepdf and read its structure tree and marked content."""
    pdf = pikepdf.open(BytesIO(data))
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    root = pdf.Root.StructTreeRoot

    def page_of(dictionary: Any, inherited: int) -> int:
        page = dictionary.get("/Pg")
        return inherited if page is None else pages[page.objgen]

    def build(dictionary: Any, parent: Element | None, page: int) -> Element:
        element = Element(_name(dictionary.get("/S")), dictionary, parent)
        page = page_of(dictionary, page)
        kids = dictionary.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                element.content.append((page, int(kid)))
                element.order.append((page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                item = (page_of(kid, page), int(kid.MCID))
                element.content.append(item)
                element.order.append(item)
            elif kid.get("/Type") == "/OBJR":
                element.annotations.append(kid.Obj)
            else:
                child = build(kid, element, page)
                element.kids.append(child)
                element.order.append(child)
        return element

    top = root.K
    top = top[0] if isinstance(top, pikepdf.Array) else top
    document = build(top, None, 0)
    count = sum(
        1
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"
    )
    return Structure(
        document, str(pdf.Root.get("/Lang", "")), list(_marked_content(pdf)), count, pdf
    )


def _to_unicode(font: Any) -> dict[bytes, str]:
    """A font's ToUnicode CMap as code bytes -> text (bfchar and bfrange entries)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    cmap = stream.read_bytes().decode("latin-1")
    table: dict[bytes, str] = {}

    def text(hex_: str) -> str:
        return bytes.fromhex(hex_).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[bytes.fromhex(code)] = text(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, value in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block
        ):
            first, width = int(start, 16), len(start) // 2
            base = bytes.fromhex(value)
            for offset in range(int(end, 16) - first + 1):
                target = (int.from_bytes(base, "big") + offset).to_bytes(len(base), "big")
                table[(first + offset).to_bytes(width, "big")] = target.decode("utf-16-be")
    return table


def _decode(table: dict[bytes, str], raw: bytes) -> str:
    width = len(next(iter(table))) if table else 1
    return "".join(table.get(raw[i : i + width], "") for i in range(0, len(raw), width))


def _marked_content(pdf: Any) -> Iterator[MarkedContent]:
    """Every marked-content sequence of every page, with the text shown inside it."""
    for index, page in enumerate(pdf.pages):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        tables = {str(name): _to_unicode(font) for name, font in fonts.items()}
        table: dict[bytes, str] = {}
        open_: list[MarkedContent] = []
        for instruction in pikepdf.parse_content_stream(page):
            operands, op = instruction.operands, str(instruction.operator)
            if op in ("BDC", "BMC"):
                properties: dict[str, str] = {}
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    properties = {str(k): str(v) for k, v in operands[1].items()}
                    if "/MCID" in operands[1]:
                        mcid = int(operands[1].MCID)
                open_.append(
                    MarkedContent(
                        index,
                        _name(operands[0]),
                        mcid,
                        properties,
                        "",
                        [m.tag for m in open_],
                    )
                )
            elif op == "EMC" and open_:
                yield open_.pop()
            elif op == "Tf":
                table = tables.get(str(operands[0]), {})
            elif op in ("Tj", "'", '"', "TJ") and open_:
                strings = operands[-1] if op == "TJ" else [operands[-1]]
                for item in strings:
                    if isinstance(item, pikepdf.String):
                        open_[-1].text += _decode(table, bytes(item))


# --- The rules. Each returns the offending items; a conforming file gives an empty list. ---


def content_outside_the_tree(structure: Structure) -> list[MarkedContent]:
    """veraPDF 7.1-3: content is either an Artifact or tagged content that the structure
    tree reaches from StructTreeRoot (an MCID no reachable element claims is neither)."""
    reached = structure.tree_content()
    return [
        c
        for c in structure.content
        if c.tag != "Artifact"
        and "Artifact" not in c.inside
        and (c.mcid is None or (c.page, c.mcid) not in reached)
    ]


def tagged_inside_artifacts(structure: Structure) -> list[MarkedContent]:
    """veraPDF 7.1-1 and 7.1-2: no Artifact inside tagged content, no tagged content inside
    an Artifact."""
    return [
        c
        for c in structure.content
        if (c.tag == "Artifact" and any(t != "Artifact" for t in c.inside))
        or (c.tag != "Artifact" and "Artifact" in c.inside)
    ]


def unreachable_elements(structure: Structure) -> int:
    """Structure elements in the file that the tree does not reach (e.g. the page furniture
    WeasyPrint tags with a parent that does not list them): each holds content that a
    screen reader following the tree never reads, and that is not an artifact either."""
    return structure.structure_elements - len(structure.elements())


def list_items_not_lbl_lbody(structure: Structure) -> list[Element]:
    """veraPDF 7.2-20 (LI holds only Lbl and LBody), in the strict form the issue asks:
    at most one Lbl, then exactly one LBody."""
    return [
        e
        for e in structure.elements("LI")
        if e.kid_types() not in (["LBody"], ["Lbl", "LBody"]) or e.content or e.annotations
    ]


def list_items_outside_lists(structure: Structure) -> list[Element]:
    """veraPDF 7.2-17 (LI in L) and 7.2-18 (LBody in LI)."""
    wrong = [e for e in structure.elements("LI") if e.parent is None or e.parent.type != "L"]
    wrong += [e for e in structure.elements("LBody") if e.parent is None or e.parent.type != "LI"]
    return wrong


def lists_holding_other_things(structure: Structure) -> list[Element]:
    """veraPDF 7.2-19: an L holds only L, LI and (first) Caption."""
    wrong = []
    for e in structure.elements("L"):
        kinds = e.kid_types()
        if kinds[:1] == ["Caption"]:
            kinds = kinds[1:]
        if any(k not in ("L", "LI") for k in kinds) or e.content:
            wrong.append(e)
    return wrong


def notes_without_unique_id(structure: Structure) -> list[Element]:
    """veraPDF 7.9-1 (a Note has an ID) and 7.9-2 (the ID is unique)."""
    ids = Counter(e.id for e in structure.elements("Note"))
    return [e for e in structure.elements("Note") if not e.id or ids[e.id] > 1]


def link_destinations(structure: Structure) -> list[tuple[Element, str]]:
    """Each Link element with the named destination its annotation goes to (if internal)."""
    found = []
    for e in structure.elements("Link"):
        for annotation in e.annotations:
            dest = annotation.get("/Dest")
            if dest is None and "/A" in annotation:
                dest = annotation.A.get("/D")
            if isinstance(dest, pikepdf.String):
                found.append((e, str(dest)))
    return found


def links_outside_link_elements(structure: Structure) -> int:
    """veraPDF 7.18.5-1: every link annotation of every page is in a Link element."""
    tagged = {a.objgen for e in structure.elements("Link") for a in e.annotations}
    return sum(
        1
        for page in structure.pdf.pages
        for annotation in page.obj.get("/Annots", [])
        if annotation.get("/Subtype") == "/Link" and annotation.objgen not in tagged
    )


def headings_out_of_order(structure: Structure) -> list[Element]:
    """veraPDF 7.4.2-1: H1 first, and no heading level skipped on the way down."""
    levels = [int(e.type[1]) for e in structure.elements() if re.fullmatch(r"H[1-6]", e.type)]
    wrong = []
    previous = 0
    for element, level in zip(
        [e for e in structure.elements() if re.fullmatch(r"H[1-6]", e.type)], levels, strict=True
    ):
        if level > previous + 1:
            wrong.append(element)
        previous = level
    return wrong


_MARKER = re.compile(r"\s*(\d+\.|[•◦▪‣–-])\s*")


def reading_text(structure: Structure) -> str:
    """The text a screen reader following the tree reads, without list bullets and numbers
    (which the HTML has as markers, not text)."""
    by_id = {(c.page, c.mcid): c.text for c in structure.content if c.mcid is not None}
    parts: list[str] = []

    def collect(node: Element) -> None:
        if node.type == "Lbl" and _MARKER.fullmatch(structure.text_of(node)):
            return
        for item in node.order:
            if isinstance(item, Element):
                collect(item)
            else:
                parts.append(by_id.get(item, ""))

    collect(structure.document)
    return "".join(parts)


def pages_of(element: Element) -> set[int]:
    """The pages that ``element`` itself (not its descendants) has content on."""
    return {page for page, _ in element.content}


def outline(structure: Structure, depth: int = 99) -> str:
    """The tree as indented types with their text, for messages when a test fails."""
    lines: list[str] = []

    def show(e: Element, level: int) -> None:
        if level > depth:
            return
        attrs = "".join(f" {k}={v}" for k, v in (("ID", e.id), ("Lang", e.lang)) if v)
        text = structure.text_of(e) if not e.kids else ""
        lines.append("  " * level + e.type + attrs + (f" {text[:60]!r}" if text else ""))
        for kid in e.kids:
            show(kid, level + 1)

    show(structure.document, 0)
    return "\n".join(lines)
