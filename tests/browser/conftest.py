"""Real-browser tests: the example site built once, served on 127.0.0.1, seen by Chromium.

The site is built from a copy of the repository's site sources (``conf.py``, ``docs/``,
``templates/``, the tender files) in a temporary folder: the extension writes the tender
sections' page sources into its source folder, and a test run must not touch the work
tree. Under pytest-xdist every worker builds its own copy (about 5 s on two cores); that
is cheaper and simpler than sharing one build through a lock.

Every browser context the tests open is guarded: each request is recorded, and one for
another host than the local server is aborted before it leaves the machine and fails the
test that caused it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Playwright, Request, Route

from tenderpack.messages import Lang
from tenderpack.outputs.labels import due_words
from tenderpack.sphinx.words import word
from tenderpack.systems.spec import PHASES
from tenderpack.tender.loading import find_tender_files, load_tender
from tenderpack.tender.pack import ChecklistStep, TenderPack, build_pack

REPO = Path(__file__).resolve().parents[2]
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# Root in a container, no GPU, and a closed network: nothing in the background may phone home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOST = "127.0.0.1"
# Where screenshots and printed PDFs end up for review (git ignores test-results/).
ARTEFACTS = REPO / "test-results"
# What the build does not need from the repository root (conf.py excludes them as well).
_NOT_SITE_SOURCES = {"_build", "bench", "node_modules", "scripts", "sphinx_ext", "tests"}
_NOT_SITE_SOURCES |= {"test-results", "dist"}


@dataclass
class Site:
    """The built site: its folder, where it is served, and its pages."""

    root: Path
    base_url: str
    packs: dict[str, TenderPack]  # by reference: the data the pages were built from

    @functools.cached_property
    def html_files(self) -> list[str]:
        """Every HTML file, as a path relative to the site root ("docs/index.html")."""
        return sorted(
            path.relative_to(self.root).as_posix()
            for path in self.root.rglob("*.html")
            if not any(part.startswith((".", "_")) for part in path.relative_to(self.root).parts)
        )

    @functools.cached_property
    def redirects(self) -> list[str]:
        """The files that only forward to another page (the site root's index.html)."""
        return [
            path
            for path in self.html_files
            if 'http-equiv="refresh"' in (self.root / path).read_text(encoding="utf-8")
        ]

    @functools.cached_property
    def annexes(self) -> list[str]:
        """The annexes as standalone HTML documents (downloads, not pages in the theme)."""
        return [path for path in self.html_files if path.startswith("annex/")]

    @functools.cached_property
    def pages(self) -> list[str]:
        """Every page of the site a person reads (not the redirects, not the annex files)."""
        return [p for p in self.html_files if p not in self.redirects and p not in self.annexes]

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def tender_pages(self, reference: str) -> list[str]:
        return [page for page in self.pages if page.startswith(f"tenders/{reference}/")]


def steps_as_shown(pack: TenderPack) -> list[ChecklistStep]:
    """The checklist's steps in the order the page lists them: by phase."""
    return [step for phase in PHASES for step in pack.steps_in(phase)]


def due_text(step: ChecklistStep, lang: Lang) -> str:
    """The due date as a step on the site shows it ("31 mei 2027", or "geen datum")."""
    return str(due_words(step.due, lang) if step.due else word("no-due", lang))


def _copy_sources(target: Path) -> None:
    def ignore(folder: str, names: list[str]) -> set[str]:
        if Path(folder) != REPO:
            return set()
        skipped = {name for name in names if name.startswith(".") or name in _NOT_SITE_SOURCES}
        # The tender sections the extension generated in the work tree: the build makes its own.
        return skipped | {name for name in names if name == "tenders"}

    shutil.copytree(REPO, target, ignore=ignore)
    (target / "tenders").mkdir()
    for path in (REPO / "tenders").iterdir():
        if path.is_file() and path.suffix in {".yaml", ".yml"}:
            shutil.copy2(path, target / "tenders" / path.name)


def _build(source: Path, output: Path) -> None:
    # A separate process: Sphinx keeps global state, and the build must be the one users run.
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    # Every annex format, so each download link exists for the link checker and the annex as
    # HTML is checked by axe too (conf.py publishes PDF and DOCX).
    command += ["-D", "tenderpack_annex_formats=html,pdf,docx"]
    command += [str(source), str(output)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        pytest.fail(
            f"the example site does not build (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def _load_packs(tenders: Path) -> dict[str, TenderPack]:
    packs = {}
    for path in find_tender_files([tenders]):
        loaded = load_tender(path)
        if loaded.ok and loaded.tender is not None:
            pack = build_pack(loaded.tender, path)
            packs[pack.reference] = pack
    return packs


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the base class declares it a plain dict)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("site")
    source = work / "source"
    output = work / "html"
    _copy_sources(source)
    _build(source, output)
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield Site(output, f"http://{HOST}:{port}", _load_packs(source / "tenders"))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for files a person reviews, copied to ``test-results/`` when the session ends.

    Not written there directly: pytest-playwright empties ``test-results/`` when a session
    (each pytest-xdist worker's, too) runs its first test, so a worker that starts late would
    delete what another one already wrote.
    """
    folder = tmp_path_factory.mktemp("artefacts")
    yield folder
    shutil.copytree(folder, ARTEFACTS, dirs_exist_ok=True)


@pytest.fixture(scope="session")
def base_url(site: Site) -> str:
    """pytest-playwright gives it to every context: ``page.goto("docs/index.html")`` works."""
    return site.base_url + "/"


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Playwright
) -> dict[str, Any]:
    """Debian's Chromium when there is one, else Playwright's own; never a silent skip."""
    args = {**browser_type_launch_args}
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    if DEBIAN_CHROMIUM.exists():
        args["executable_path"] = str(DEBIAN_CHROMIUM)
    elif not Path(playwright.chromium.executable_path).exists():
        pytest.fail(
            "no Chromium for the browser tests: install Debian's 'chromium' package "
            "(scripts/ensure-browser does, as root) or run 'playwright install chromium'",
            pytrace=False,
        )
    return args


@dataclass
class RequestLog:
    """Every request the browser made, and those that were for another host (aborted)."""

    urls: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._record)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.route("**/*", self._route)

    def _record(self, request: Request) -> None:
        self.urls.append(request.url)

    def _failed(self, request: Request) -> None:
        if request.url not in self.foreign:
            self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def _route(self, route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort("blockedbyclient")


def is_local(url: str) -> bool:
    """A request the local server answers (or that needs no server: data:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "about", "blob"}:
        return True
    return parts.scheme == "http" and parts.hostname == HOST


@pytest.fixture
def request_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def new_context(
    new_context: Callable[..., BrowserContext], request_log: RequestLog
) -> Iterator[Callable[..., BrowserContext]]:
    """pytest-playwright's contexts (and so ``context`` and ``page``), each one guarded."""

    def guarded(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        request_log.attach(context)
        return context

    yield guarded
    assert not request_log.foreign, f"requests to other hosts: {request_log.foreign}"
