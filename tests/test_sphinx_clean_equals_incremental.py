"""An incremental build publishes what a clean build of the same sources publishes, byte for byte.

Each test builds a private copy of the test-site root (with a glossary page, since index
entries are what Sphinx's incremental search index loses), changes the sources, builds
incrementally, then builds the same sources from scratch into another folder and compares
every published file.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import time
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tenderpack.sphinx import store

ROOTS = Path(__file__).parent / "roots"
GLOSSARY = """\
# Woordenlijst

```{glossary}
Gunning
  Het besluit aan wie de opdracht gaat.

OIN
  Organisatie-identificatienummer.
```
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", srcdir)
    (srcdir / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text("utf-8").replace("uses-rst\n", "uses-rst\nglossary\n"))
    return srcdir


# The annex in HTML only: the annex folder is compared like the pages, and HTML is fast.
ANNEX_HTML = {"tenderpack_annex_formats": "html"}


def build(srcdir: Path, builddir: Path, *, fresh: bool = False) -> Path:
    store.forget()  # each build as its own process would start it
    app = SphinxTestApp(
        "html", srcdir=srcdir, builddir=builddir, freshenv=fresh, confoverrides=ANNEX_HTML
    )
    try:
        app.build()
        assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
        return Path(app.outdir)
    finally:
        app.cleanup()


def differences(incremental: Path, clean: Path) -> list[str]:
    """Every published file that is missing on one side or differs in its bytes."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        for name in compared.common_files:
            left, right = Path(compared.left, name), Path(compared.right, name)
            if left.read_bytes() != right.read_bytes():
                found.append(prefix + name)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(incremental, clean, ignore=[".buildinfo"]), "")
    return sorted(found)


def touch(path: Path, text: str) -> None:
    time.sleep(0.02)
    path.write_text(text, encoding="utf-8")
    now = time.time()
    os.utime(path, (now, now))


def compare_after(site: Path, tmp_path: Path, change: object) -> list[str]:
    build(site, tmp_path / "incremental")
    assert callable(change)
    change()
    incremental = build(site, tmp_path / "incremental")
    clean = build(site, tmp_path / "clean", fresh=True)
    return differences(incremental, clean)


def test_the_first_build_has_the_glossary_in_its_search_index(site: Path, tmp_path: Path) -> None:
    out = build(site, tmp_path / "first")
    index = (out / "searchindex.js").read_text("utf-8")
    assert '"gunning"' in index and '"oin"' in index  # what the later comparisons rely on
    assert sorted(path.name for path in (out / "annex").glob("*.html")) == [
        "2027-TEST-0001-bijlage-h.html",
        "2027-TEST-0002-bijlage-h.html",
    ]


@pytest.mark.slow
def test_editing_a_tender_title(site: Path, tmp_path: Path) -> None:
    alpha = site / "tenders" / "alpha.yaml"
    text = alpha.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    edited = text.replace(title, 'title: "Een heel andere titel"')
    assert edited != text
    assert compare_after(site, tmp_path, lambda: touch(alpha, edited)) == []


@pytest.mark.slow
def test_adding_a_tender(site: Path, tmp_path: Path) -> None:
    beta = (site / "tenders" / "beta.yaml").read_text("utf-8")
    reference = next(line for line in beta.splitlines() if line.startswith("reference:"))
    added = beta.replace(reference, "reference: 2027-TEST-0003")
    new = site / "tenders" / "gamma.yaml"
    assert compare_after(site, tmp_path, lambda: touch(new, added)) == []


@pytest.mark.slow
def test_removing_a_tender(site: Path, tmp_path: Path) -> None:
    beta = (site / "tenders" / "beta.yaml").read_text("utf-8")
    reference = next(line for line in beta.splitlines() if line.startswith("reference:"))
    gamma = site / "tenders" / "gamma.yaml"
    gamma.write_text(beta.replace(reference, "reference: 2027-TEST-0003"), encoding="utf-8")
    assert compare_after(site, tmp_path, gamma.unlink) == []
