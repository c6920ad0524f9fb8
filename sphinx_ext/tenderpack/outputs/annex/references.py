"""The addresses in a rendered annex that would make a converter read a file or call a host.

WeasyPrint (PDF) and pandoc (DOCX) fetch what an ``src``, a ``href`` or a CSS ``url()``
names, and a browser showing the site does too. Templates are edited by people who are
not all trusted (a merge request can change one), so a rendered annex may point only at
itself (``#…``) and embed only ``data:`` content; links meant for the reader (``<a
href>``) may also be ``https://``, ``mailto:`` or ``tel:``, which no converter fetches.
Everything else (``file:``, a path, a relative name, ``http://``, another host) is refused
before any converter sees the HTML. The converters are locked down as well (pandoc
``--sandbox``, a WeasyPrint fetcher that serves only ``data:``); this check is the one that
can say which template line is at fault.

The HTML is parsed as WeasyPrint and browsers parse it (the WHATWG algorithm, tinyhtml5),
and CSS as WeasyPrint parses it (tinycss2), so an unusual spelling (``<IMG SRC=x>``, a
CSS escape in ``u\\72l()``) is seen as the converters see it.

``line_mark`` characters, when present, are carried along: they let ``templating``
tell the template line of a finding (see ``templating.locate``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# A line mark: U+E000, a number, U+E001 (private-use characters a template never writes).
MARK = re.compile("\ue000(\\d+)\ue001")

# Attributes whose value is an address some reader fetches or follows.
_URL_ATTRIBUTES = frozenset(
    {
        "action", "archive", "background", "cite", "codebase", "data", "dynsrc", "formaction",
        "href", "icon", "longdesc", "lowsrc", "manifest", "ping", "poster", "profile", "src",
        "usemap", "{http://www.w3.org/1999/xlink}href",
    }
)  # fmt: skip
# CSS functions whose (string) argument is an address.
_CSS_URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_DESCRIPTOR = re.compile(r"\d+(\.\d+)?[wxh]")
_READER_SCHEMES = ("https://", "mailto:", "tel:")


@dataclass(frozen=True, slots=True)
class Finding:
    """One address the annex may not hold: where it stands and the last line mark before it."""

    url: str
    where: str  # e.g. "<img src>", "CSS url()"
    mark: int | None


def forbidden(html: str) -> list[Finding]:
    """Every address in ``html`` that points at a file on this machine or at another host."""
    import tinyhtml5

    walk = _Walk()
    walk.element(tinyhtml5.parse(html))
    return walk.found


def allowed(url: str, link: bool) -> bool:
    """May the annex hold ``url``? ``link``: it is the ``href`` of an ``<a>``, for the reader.

    Browsers drop tabs and newlines anywhere in an address and spaces around it, so
    ``fi\\nle:`` is ``file:``; the check does the same.
    """
    cleaned = re.sub(r"[\t\n\r]", "", url).strip(" \x00\x0b\x0c")
    if cleaned.startswith("#"):
        return True
    lowered = cleaned.lower()
    if link:
        return lowered.startswith(_READER_SCHEMES)
    scheme = _SCHEME.match(cleaned)
    return scheme is not None and scheme[1].lower() == "data"


def shown(url: str, limit: int = 80) -> str:
    """The address as a message quotes it: control characters escaped, long ones shortened."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in url)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Walk:
    """Document order over elements, attributes, text and CSS, remembering the last line mark."""

    def __init__(self) -> None:
        self.found: list[Finding] = []
        self.mark: int | None = None

    def _marks(self, text: str) -> str:
        """``text`` without its line marks; the last one becomes the current mark."""
        for match in MARK.finditer(text):
            self.mark = int(match[1])
        return MARK.sub("", text)

    def _check(self, url: str, where: str, link: bool = False) -> None:
        url = self._marks(url)
        if not allowed(url, link):
            self.found.append(Finding(url, where, self.mark))

    def element(self, element: Any) -> None:
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        for name, value in element.attrib.items():
            attribute = self._marks(name)
            local = _local(attribute)
            if local == "srcset":
                for candidate in _srcset_urls(self._marks(value)):
                    self._check(candidate, f"<{tag} srcset>")
            elif attribute in _URL_ATTRIBUTES:
                link = tag == "a" and local == "href"
                self._check(value, f"<{tag} {local}>", link=link)
            elif tag == "meta" and local == "content" and _refreshes(element):
                target = re.sub(r"^[^;,]*[;,]\s*(url\s*=\s*)?", "", self._marks(value), flags=re.I)
                self._check(target.strip("'\" "), "<meta http-equiv=refresh>")
            elif local == "style" or "url" in value.lower() or "\\" in value:
                self.css(value, f"<{tag} {local}>")
            else:
                self._marks(value)
        if element.text:
            if tag == "style":
                self.css(element.text, "CSS <style>")
            else:
                self._marks(element.text)
        for child in element:
            self.element(child)
            if child.tail:
                self._marks(child.tail)

    def css(self, text: str, where: str) -> None:
        """Every address in CSS: ``url()`` (however escaped), ``@import "…"``, ``image-set()``.

        The CSS is read as a flat list of tokens, not as rules, so an address inside a rule
        the converter would think invalid is still seen.
        """
        import tinycss2

        self._css_tokens(tinycss2.parse_component_value_list(text, skip_comments=False), where)

    def _css_tokens(self, tokens: Iterable[Any], where: str) -> None:
        importing = False
        for token in tokens:
            kind = token.type
            if kind == "url":
                self._check(token.value, f"{where} url()")
            elif kind == "function":
                name = self._marks(token.lower_name)
                if name in _CSS_URL_FUNCTIONS:
                    self._css_function(token.arguments, name, where)
                else:
                    self._css_tokens(token.arguments, where)
            elif kind in ("() block", "[] block", "{} block"):
                self._css_tokens(token.content, where)
            elif kind == "string" and importing:
                self._check(token.value, f"{where} @import")
            elif kind in ("ident", "at-keyword", "string", "comment"):
                self._marks(token.value)
            if kind == "at-keyword":
                importing = self._marks(token.lower_value) == "import"
            elif kind not in ("whitespace", "comment"):
                importing = False

    def _css_function(self, arguments: list[Any], name: str, where: str) -> None:
        strings = [token for token in arguments if token.type in ("string", "url")]
        if strings:
            for token in strings:
                self._check(token.value, f"{where} {name}()")
        elif name == "url":  # "url" spelled with an escape or a mark before "(": its raw text
            import tinycss2

            self._check(tinycss2.serialize(arguments).strip(" '\""), f"{where} url()")
        else:
            self._css_tokens(arguments, where)


def _srcset_urls(value: str) -> list[str]:
    """The addresses in a ``srcset`` ("a.png 1x, b.png 2x"): every word that is no descriptor."""
    words = [word.strip(",") for word in value.split()]
    return [word for word in words if word and not _DESCRIPTOR.fullmatch(word)]


def _refreshes(element: Any) -> bool:
    return any(
        _local(name) == "http-equiv" and value.strip().lower() == "refresh"
        for name, value in element.attrib.items()
    )


def _local(name: str) -> str:
    """``{namespace}href`` -> ``href``; element and attribute names without their namespace."""
    return name.rsplit("}", 1)[-1].lower()
