"""A template can read nothing and reach nothing, and its mistakes are shown at its line.

Templates are edited by officers and lawyers, and a merge request can change one, so the
annex is tested as a hostile template would try it: addresses that make a converter read a
local file or call a host (a local HTTP server counts the requests), in every format.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from tenderpack.outputs.annex import AnnexTemplateError, annex_document_html, annex_fragment_html
from tenderpack.outputs.annex.docx import DocxMeta, html_to_docx
from tenderpack.outputs.annex.pdf import html_to_pdf
from tenderpack.outputs.annex.templating import default_templates_dir
from tenderpack.outputs.annex.writer import write
from tenderpack.tender.pack import TenderPack
from tests.test_annex_support import FULL_TENDER, make_pack

TENDERPACK = Path(sys.executable).with_name("tenderpack")
SECRET = b"TENDERPACK-SECRET-7f3a"
# A valid 1x1 PNG; the secret rides after its end, where image readers ignore it.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
DATA_PNG = "data:image/png;base64," + base64.b64encode(PNG).decode()


class Server:
    """A local HTTP server that serves a PNG and a stylesheet and counts every request."""

    def __init__(self) -> None:
        hits: list[str] = []
        self.hits = hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                body = PNG + SECRET if self.path.endswith(".png") else b"p{color:red}"
                self.send_response(200)
                self.send_header("Content-Type", "image/png" if ".png" in self.path else "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.png"
    path.write_bytes(PNG + SECRET)
    return path


@pytest.fixture
def full(tmp_path: Path) -> TenderPack:
    return make_pack(tmp_path, FULL_TENDER)


def own_templates(folder: Path, files: dict[str, str]) -> Path:
    """A project templates folder holding ``files`` (name: content)."""
    root = folder / "templates"
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def hostile_html(server: Server, secret: Path) -> str:
    """Every way an HTML document can ask a converter for a file or a host."""
    return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="{server.url}/style.css">
<style>@import url("{server.url}/import.css"); p {{ background: url({server.url}/bg.png) }}</style>
</head><body><p>tekst</p>
<img src="file://{secret}" alt="a"><img src="{secret}" alt="b">
<img src="{server.url}/img.png" alt="c"><img src="{DATA_PNG}" alt="d">
<p style="background-image: url('file://{secret}')">x</p>
</body></html>"""


# --- the converters themselves fetch nothing, whatever HTML they get ------------------------


def test_pdf_converter_reads_no_file_and_asks_no_host(server: Server, secret: Path) -> None:
    pdf = html_to_pdf(hostile_html(server, secret))
    assert server.hits == []
    images = [image for page in PdfReader(BytesIO(pdf)).pages for image in page.images]
    assert len(images) == 1  # the data: image only, which is part of the HTML itself
    assert SECRET not in pdf


def test_docx_converter_reads_no_file_and_asks_no_host(server: Server, secret: Path) -> None:
    meta = DocxMeta("nl", "2027-TEST-0100", "t", "BZK", dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    reference = default_templates_dir() / "bijlage-h" / "reference-v2.docx"
    docx = html_to_docx(hostile_html(server, secret), reference, meta)
    assert server.hits == []
    with zipfile.ZipFile(BytesIO(docx)) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(media) == 1  # the data: image
        assert all(SECRET not in archive.read(name) for name in archive.namelist())


# --- a template that names a file or a host is refused at its line --------------------------

LINE_3 = "<article>\n<p>tekst</p>\n{}\n</article>\n"


@pytest.mark.parametrize(
    ("markup", "where"),
    [
        ('<img src="file://{secret}" alt="">', "<img src>"),
        ('<img src="{secret}" alt="">', "<img src>"),
        ('<img src="../secret.png" alt="">', "<img src>"),
        ('<IMG SRC={server}/x.png alt="">', "<img src>"),
        ('<img srcset="{data} 1x, {server}/x.png 2x" alt="">', "<img srcset>"),
        ('<link rel="stylesheet" href="{server}/s.css">', "<link href>"),
        ('<p style="background: u\\72l({server}/x.png)">x</p>', "<p style> url()"),
        ("<style>@import '{server}/s.css';</style>", "CSS <style> @import"),
        ('<svg><image href="file://{secret}"/></svg>', "<image href>"),
        ('<a href="file://{secret}">lees</a>', "<a href>"),
        ('<a href="{server}/page">lees</a>', "<a href>"),
        ('<object data="{server}/x.png"></object>', "<object data>"),
    ],
)
def test_a_template_that_fetches_is_refused_at_its_line(
    tmp_path: Path, full: TenderPack, server: Server, secret: Path, markup: str, where: str
) -> None:
    line = markup.format(secret=secret, server=server.url, data=DATA_PNG)
    own = own_templates(tmp_path, {"bijlage-h/nl.html.j2": LINE_3.format(line)})
    with pytest.raises(AnnexTemplateError) as caught:
        annex_fragment_html(full, own)
    assert (caught.value.template, caught.value.line) == ("bijlage-h/nl.html.j2", 3)
    assert caught.value.code == "template-fetches"
    assert where in caught.value.message
    assert server.hits == []


def test_the_place_is_the_innermost_template_line(
    tmp_path: Path, full: TenderPack, server: Server
) -> None:
    """A bad address written by a macro, an include or an expression: the line that wrote it."""
    own = own_templates(
        tmp_path,
        {
            "bijlage-h/nl.html.j2": (
                '{% import "bijlage-h/_mine.html.j2" as mine %}\n'
                "<article>\n"
                "{{ mine.picture() }}\n"
                '{% include "shared/style.css.j2" %}\n'
                "</article>\n"
            ),
            "bijlage-h/_mine.html.j2": (
                "{% macro picture() -%}\n<figure>\n"
                "<img src=\"{{ 'fi' ~ 'le:///etc/passwd' }}\" alt=''>\n"
                "</figure>\n{%- endmacro %}\n"
            ),
            "shared/style.css.j2": (
                f"<style>\np {{ color: red }}\np {{ background: url({server.url}/x) }}\n</style>\n"
            ),
        },
    )
    with pytest.raises(AnnexTemplateError) as caught:
        annex_fragment_html(full, own)
    assert (caught.value.template, caught.value.line) == ("bijlage-h/_mine.html.j2", 3)
    (own / "bijlage-h" / "_mine.html.j2").write_text("{% macro picture() %}{% endmacro %}\n")
    with pytest.raises(AnnexTemplateError) as caught:
        annex_fragment_html(full, own)
    assert (caught.value.template, caught.value.line) == ("shared/style.css.j2", 3)
    assert server.hits == []


def test_links_for_the_reader_and_embedded_content_stay(tmp_path: Path, full: TenderPack) -> None:
    own = own_templates(
        tmp_path,
        {
            "bijlage-h/nl.html.j2": (
                '<article><a href="https://www.logius.nl/">Logius</a>'
                ' <a href="mailto:a@b.example">m</a> <a href="tel:+31700000000">t</a>'
                ' <a href="#x">x</a>'
                f'<img src="{DATA_PNG}" alt="logo"><svg><rect fill="url(#g)"/></svg></article>\n'
            ),
        },
    )
    assert "https://www.logius.nl/" in annex_document_html(full, own)


def test_the_default_templates_pass_the_check(full: TenderPack) -> None:
    assert "https://www.logius.nl/" in annex_document_html(full)


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_the_command_refuses_a_fetching_template_in_every_format(
    tmp_path: Path, full: TenderPack, server: Server, secret: Path, fmt: str
) -> None:
    """The installed command, as CI runs it: exit 1, the template's line, nothing written."""
    default = (default_templates_dir() / "bijlage-h" / "nl.html.j2").read_text(encoding="utf-8")
    lines = default.splitlines(keepends=True)
    at = next(i for i, text in enumerate(lines) if text.startswith("<section>"))
    lines.insert(at, f'<img src="file://{secret}" alt=""><img src="{server.url}/x.png" alt="">\n')
    own = own_templates(tmp_path, {"bijlage-h/nl.html.j2": "".join(lines)})
    out = tmp_path / "out"
    result = subprocess.run(
        [str(TENDERPACK), "annex", str(full.source_path), "--format", fmt, "--out", str(out),
         "--templates", str(own)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert (
        f"bijlage-h/nl.html.j2:{at + 1}: error: <img src> verwijst naar 'file://" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert server.hits == []
    assert not out.exists() or not any(out.iterdir())


def test_the_writer_refuses_before_writing(
    tmp_path: Path, full: TenderPack, server: Server
) -> None:
    own = own_templates(
        tmp_path,
        {"bijlage-h/nl.html.j2": f'<article><img src="{server.url}/x.png" alt=""></article>\n'},
    )
    with pytest.raises(AnnexTemplateError, match=r"^bijlage-h/nl\.html\.j2:1: "):
        write([full], ["html", "pdf", "docx"], tmp_path / "out", own, jobs=1)
    assert server.hits == []
    assert list((tmp_path / "out").iterdir()) == []


# --- a templates folder that is not there is an error, not the built-in templates ------------


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_annex_with_a_templates_folder_that_is_not_there_is_a_usage_error(
    tmp_path: Path, full: TenderPack, kind: str
) -> None:
    folder = tmp_path / "mijn-templates"
    if kind == "file":
        folder.write_text("geen map\n", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [str(TENDERPACK), "annex", str(full.source_path), "--format", "html", "--out", str(out),
         "--templates", str(folder)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"tenderpack annex: templatemap {folder} bestaat niet of is geen map; laat --templates "
        "weg voor de templates van tenderpack zelf"
    ]
    assert not out.exists()


@pytest.mark.parametrize("command", ["sphinx-build", "tenderpack build"])
def test_a_wrong_templates_dir_in_conf_py_stops_the_build(tmp_path: Path, command: str) -> None:
    project = tmp_path / "site"
    (project / "tenders").mkdir(parents=True)
    (project / "conf.py").write_text(
        'extensions = ["tenderpack.sphinx"]\nlanguage = "en"\n'
        'tenderpack_templates_dir = "sjablonen"\ntenderpack_annex_formats = []\n',
        encoding="utf-8",
    )
    (project / "index.rst").write_text("Site\n====\n", encoding="utf-8")
    if command == "sphinx-build":
        argv = [str(TENDERPACK.with_name("sphinx-build")), "-q", str(project), str(tmp_path / "o")]
    else:
        argv = [str(TENDERPACK), "build", str(project), "--out", str(tmp_path / "o"), "--quiet"]
    result = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 2, result.stderr
    assert [line for line in result.stderr.splitlines() if "error" in line] == [
        f"{project / 'conf.py'}:3: error: tenderpack_templates_dir: templates folder "
        f"{project / 'sjablonen'} does not exist or is not a folder; leave out "
        "tenderpack_templates_dir for tenderpack's own templates"
    ]
