"""No request leaves the local server: no CDN, web font, tracker or embed, on any page.

Every request Chromium makes for a page is recorded (``RequestLog`` in conftest); one for
another host is aborted before it leaves the machine and fails the test. Search runs too,
since it loads the search index and the language's stemmer from the site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import HOST, RequestLog, Site

pytestmark = pytest.mark.browser


def test_every_request_of_every_page_goes_to_the_local_server(
    site: Site, context: BrowserContext, page: Page, request_log: RequestLog
) -> None:
    for path in site.pages + site.annexes:
        page.goto(site.url(path), wait_until="load")
    for path in site.redirects:  # let the forward finish, or the next goto cuts it short
        page.goto(site.url(path))
        page.wait_for_url("**/docs/index.html", wait_until="load")
    # Search: the index and the stemmer load from the site; results are links into it.
    page.goto(site.url("search.html?q=Digipoort"), wait_until="networkidle")
    expect(page.locator("#search-results li").first).to_be_visible()

    assert request_log.foreign == []
    assert request_log.failed == []
    hosts = {urlsplit(url).hostname for url in request_log.urls if url.startswith("http")}
    assert hosts == {HOST}
    # The pages load their styles and scripts, so the recording saw more than the pages.
    assert len(request_log.urls) > len(site.html_files)
    assert context.cookies() == []


def test_no_page_names_another_host_in_what_it_loads(site: Site) -> None:
    """Also without a browser: no stylesheet, script, font, image or frame from elsewhere."""
    from bs4 import BeautifulSoup

    loaded = []
    for path in site.html_files:
        soup = BeautifulSoup((site.root / path).read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], img[src], iframe[src], source[src]"):
            rel = set(tag.get_attribute_list("rel"))
            if tag.name == "link" and not rel & {"stylesheet", "icon", "preload", "prefetch"}:
                continue  # rel=next/prev/index/search are links, not loads
            url = str(tag.get("src") or tag.get("href"))
            if urlsplit(url).scheme or url.startswith("//"):
                loaded.append(f"{path}: {url}")
    assert loaded == []
    css = "\n".join(p.read_text(encoding="utf-8") for p in (site.root / "_static").glob("*.css"))
    assert "@import" not in css and "url(http" not in css and "url(//" not in css
