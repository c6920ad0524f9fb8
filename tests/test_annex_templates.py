"""A template's runtime mistakes and excesses are the template's: shown at its line, exit 1.

Officers and lawyers edit the templates, so a template that recurses, asks for a huge
range, includes a file that is not there or computes a giant number is a user's mistake,
reported at the innermost template line that made it, in the officer's language; never an
internal error, a hang or a line in the wrong file. Every case runs the installed command.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tenderpack.outputs.annex import AnnexTemplateError, annex_fragment_html
from tenderpack.outputs.annex.templating import default_templates_dir
from tenderpack.tender.pack import TenderPack
from tests.test_annex_support import FULL_TENDER, make_pack

TENDERPACK = Path(sys.executable).with_name("tenderpack")
ROOTS = Path(__file__).parent / "roots"


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


def annex(
    pack: TenderPack, templates: Path, out: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    """``tenderpack annex`` as CI runs it (the timeout only keeps a regression from hanging CI)."""
    return subprocess.run(
        [str(TENDERPACK), "annex", str(pack.source_path), "--format", "html", "--out", str(out),
         "--templates", str(templates), *extra],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def assert_refused(result: subprocess.CompletedProcess[str], where: str, message: str) -> None:
    """Exit 1, one located error, no traceback and no "internal error"."""
    assert result.returncode == 1, result.stderr
    found = errors(result)
    assert len(found) == 1, result.stderr
    assert found[0].startswith(f"{where}: error: ") and message in found[0], result.stderr
    assert "Traceback" not in result.stderr
    assert "interne fout" not in result.stderr and "internal error" not in result.stderr


# --- point 3: runtime errors at the innermost template frame ---------------------------------

RUNTIME_ERRORS = {
    "range": (
        "<article>\n<p>\n{{ range(10 ** 6) | list }}\n</p>\n</article>\n",
        "bijlage-h/nl.html.j2:3",
        "range() van meer dan 100000 getallen",
    ),
    "recursion": (
        "<article>\n{% macro f(n) %}\n{{ f(n + 1) }}\n{% endmacro %}\n{{ f(1) }}\n</article>\n",
        "bijlage-h/nl.html.j2:3",
        "te diepe recursie",
    ),
    "memory": (
        "<article>\n\n{{ 'x' | center(10 ** 13) }}\n</article>\n",
        "bijlage-h/nl.html.j2:3",
        "resultaat te groot",
    ),
    "overflow": (
        "<article>\n\n{{ 10 ** 400 * 1.5 }}\n</article>\n",
        "bijlage-h/nl.html.j2:3",
        "getal te groot",
    ),
    "division": (
        "<article>\n\n{{ 1 // 0 }}\n</article>\n",
        "bijlage-h/nl.html.j2:3",
        "integer division or modulo by zero",
    ),
    "missing include": (
        "<article>\n\n{% include 'shared/footer.html.j2' %}\n</article>\n",
        "bijlage-h/nl.html.j2:3",
        "template 'shared/footer.html.j2' niet gevonden",
    ),
    "absolute include": (
        "<article>\n\n{% include '/etc/passwd' %}\n</article>\n",
        "bijlage-h/nl.html.j2:3",
        "template '/etc/passwd' niet gevonden",
    ),
    "in an included file": (
        "<article>\n\n{% include 'shared/part.html.j2' %}\n</article>\n",
        "shared/part.html.j2:2",
        "range() van meer dan 100000 getallen",
    ),
}


@pytest.mark.parametrize("case", list(RUNTIME_ERRORS))
def test_a_runtime_error_is_shown_at_the_innermost_template_line(
    tmp_path: Path, full: TenderPack, case: str
) -> None:
    template, where, message = RUNTIME_ERRORS[case]
    own = own_templates(
        tmp_path,
        {
            "bijlage-h/nl.html.j2": template,
            "shared/part.html.j2": "<p>deel</p>\n{% for i in range(200000) %}{% endfor %}\n",
        },
    )
    out = tmp_path / "out"
    result = annex(full, own, out)
    assert_refused(result, where, message)
    assert ":0:0:" not in result.stderr  # nothing of /etc/passwd
    assert not out.exists() or not any(out.iterdir())


def test_the_message_is_in_the_language_asked_for(tmp_path: Path, full: TenderPack) -> None:
    template = "<article>\n{% include 'shared/footer.html.j2' %}\n</article>\n"
    own = own_templates(tmp_path, {"bijlage-h/nl.html.j2": template})
    result = annex(full, own, tmp_path / "out", "--lang", "en")
    assert_refused(result, "bijlage-h/nl.html.j2:2", "template 'shared/footer.html.j2' not found")


# --- point 2: a template's time and size are bounded ------------------------------------------

EXCESSES = {
    "power": ("{{ 2 ** (10 ** 9) }}", "resultaat te groot: een getal van meer dan 4300 cijfers"),
    "product": ("{{ 7 ** 4000 * 7 ** 4000 }}", "een getal van meer dan 4300 cijfers"),
    "repeated text": ("{{ 'a' * 10 ** 11 }}", "resultaat te groot: meer dan 1000000 tekens"),
    "repeated list": ("{{ (10 ** 9 * [1]) | length }}", "meer dan 1000000 tekens of elementen"),
    # Below the machine's memory, so without a bound it would be made (3 GB) and published.
    "memory": ("{{ 'x' | center(3 * 10 ** 9) }}", "resultaat te groot: er is niet genoeg geheugen"),
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "template duurde langer dan 5 s",
    ),
}


@pytest.mark.parametrize("case", list(EXCESSES))
def test_a_template_that_asks_too_much_is_stopped_at_its_line(
    tmp_path: Path, full: TenderPack, case: str
) -> None:
    expression, message = EXCESSES[case]
    own = own_templates(
        tmp_path, {"bijlage-h/nl.html.j2": f"<article>\n<p>\n{expression}\n</p>\n</article>\n"}
    )
    out = tmp_path / "out"
    result = annex(full, own, out)
    assert_refused(result, "bijlage-h/nl.html.j2:3", message)
    assert not out.exists() or not any(out.iterdir())


def test_a_loop_that_calls_nothing_is_stopped_too(tmp_path: Path, full: TenderPack) -> None:
    """No function call, attribute or operator in the loop: the time limit holds all the same."""
    template = (
        "<article>\n{% set xs = range(100000) | list %}\n"
        "{% for a in xs %}{% for b in xs %}\n"
        "{% for c in xs %}{% endfor %}\n"
        "{% endfor %}{% endfor %}\n"
        "</article>\n"
    )
    own = own_templates(tmp_path, {"bijlage-h/nl.html.j2": template})
    with pytest.raises(AnnexTemplateError) as caught:
        annex_fragment_html(full, own)
    assert (caught.value.template, caught.value.line) == ("bijlage-h/nl.html.j2", 4)
    assert (
        caught.value.text("en")
        == "template took longer than 5 s; look for a loop that repeats too often or never ends"
    )


def test_what_a_template_may_do_still_works(tmp_path: Path, full: TenderPack) -> None:
    template = (
        "<article>{{ 3 * 4 }} {{ '-' * 3 }} {{ 2 ** 10 }} {{ [0] * 2 }} {{ 1.5 * 2 }}</article>\n"
    )
    own = own_templates(tmp_path, {"bijlage-h/nl.html.j2": template})
    assert annex_fragment_html(full, own) == "<article>12 --- 1024 [0, 0] 3.0</article>\n"


def test_the_site_build_stops_a_hanging_template_too(tmp_path: Path) -> None:
    """``tenderpack build`` renders the same templates for the site pages: bounded the same way."""
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", site)
    shutil.copytree(default_templates_dir() / "bijlage-h", site / "templates" / "bijlage-h")
    english = site / "templates" / "bijlage-h" / "en.html.j2"
    lines = english.read_text(encoding="utf-8").splitlines()
    lines.insert(
        10, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    english.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('tenderpack_templates_dir = "templates"\n')
    result = subprocess.run(
        [str(TENDERPACK), "build", str(site), "--out", str(tmp_path / "out"), "--quiet"],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert (
        f"{english}:11: ERROR: Bijlage H: template took longer than 5 s; look for a loop that "
        "repeats too often or never ends [tenderpack.annex-template]"
    ) in result.stderr
    assert "Traceback" not in result.stderr
