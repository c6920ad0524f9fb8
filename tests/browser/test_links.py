"""No broken internal link or anchor anywhere in the site, and no page that no link reaches.

Every ``href`` and ``src`` of every HTML file is resolved as a browser resolves it and
fetched from the local server (once per target); a ``#fragment`` must name an element of
the target page. Links to other sites are not followed (the test runs offline), only listed
when one is malformed.
"""

from __future__ import annotations

import functools
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

LINKING = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src"}


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    ids: frozenset[str]
    links: tuple[str, ...]  # absolute URLs this document links to or loads


@functools.cache
def fetch(url: str) -> Fetched:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, content_type = response.status, response.headers.get_content_type()
            data = response.read()
    except urllib.error.HTTPError as error:
        return Fetched(error.code, "", frozenset(), ())
    if content_type != "text/html":
        return Fetched(status, content_type, frozenset(), ())
    soup = BeautifulSoup(data, "html.parser")
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    ids |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
    links = []
    for name, attribute in LINKING.items():
        for tag in soup.find_all(name, attrs={attribute: True}):
            links.append(urljoin(url, str(tag[attribute])))
    return Fetched(status, content_type, frozenset(ids), tuple(links))


def is_internal(site: Site, url: str) -> bool:
    return url.startswith(site.base_url + "/")


def test_no_broken_internal_link_or_anchor(site: Site) -> None:
    broken = []
    checked = anchors = 0
    for path in site.html_files:
        source = site.url(path)
        for link in fetch(source).links:
            parts = urlsplit(link)
            if parts.scheme in {"mailto", "tel"}:
                if not parts.path:
                    broken.append(f"{path}: empty {parts.scheme} link")
                continue
            if not is_internal(site, link):
                if parts.scheme not in {"http", "https"} or not parts.hostname:
                    broken.append(f"{path}: malformed link {link}")
                continue
            target, fragment = urldefrag(link)
            found = fetch(target)
            checked += 1
            if found.status != 200:
                broken.append(f"{path}: {link} gives HTTP {found.status}")
            elif fragment:
                anchors += 1
                if unquote(fragment) not in found.ids:
                    broken.append(f"{path}: {link}: no element with id {fragment!r}")
    assert checked > 10 * len(site.html_files) and anchors > len(site.html_files)
    assert broken == [], "\n".join(broken)


def test_every_page_and_download_is_reached_by_a_link(site: Site) -> None:
    """From the site root, following links reaches every page, annex and calendar file."""
    start = site.url("index.html")
    seen = {start}
    queue = [start]
    while queue:
        for link in fetch(queue.pop()).links:
            target = urldefrag(link)[0]
            if is_internal(site, target) and target not in seen:
                seen.add(target)
                queue.append(target)
    reached = {urlsplit(url).path.lstrip("/") for url in seen}
    downloads = [
        path.relative_to(site.root).as_posix()
        for folder in ("annex", "calendar")
        for path in (site.root / folder).glob("*")
        if not path.name.startswith(".")
    ]
    assert downloads, "the example site offers downloads"
    assert sorted(set(site.html_files + downloads) - reached) == []
