"""Benchmark: the tenderpack site against vanilla Sphinx building the same pages as plain MyST.

The budget (issue 4), with N synthetic tenders (default 100) and annex files off:

- a full build may cost at most 1.15x vanilla Sphinx building the same pages written out
  as plain MyST files, with the same theme;
- a rebuild after touching one tender file may cost at most 1.5x vanilla's rebuild after
  touching one page.

Both projects are built by a fresh ``sphinx-build`` process, as a user runs it (imports,
loading the environment, writing, the search index: all of it counts). Each figure is the
best of ``--rounds`` runs. The vanilla project has the same documents, titles, sections,
tables, lists, links and toctrees; its pages are written by ``plain_pages`` below from the
same packs. Neither project has privacy notices (a notice folder), so neither page shows
the privacy component's summary. ``--theme`` compares themes (furo puts the whole site
tree on every page).
Exits 1 when a ratio is over budget, so a developer or CI can run it:

    .venv/bin/python bench/bench_site.py [--tenders 100] [--rounds 3] [--theme tenderpack]

It is not a test: timings depend on the machine, so the test suite asserts none.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_validate import tender_text

from tenderpack.messages import Lang, long_date
from tenderpack.outputs.annex import annex_fragment_html
from tenderpack.outputs.labels import channel_label, deadline_label, due_words, label, owner_label
from tenderpack.sphinx.pages import (
    PAGES,
    first_steps,
    offered_connections,
    page_name,
    short_title,
)
from tenderpack.sphinx.words import word
from tenderpack.systems.spec import PHASES, Section
from tenderpack.tender.conditions import all_hold
from tenderpack.tender.loading import load_tenders
from tenderpack.tender.pack import Deadline, TenderPack, build_pack, fill_values

FULL_BUDGET = 1.15
TOUCH_BUDGET = 1.5

HOME = """\
# Onboarding aanbestedingen

Kies uw aanbesteding in het overzicht.

```{toctree}
:maxdepth: 1

/tenders/index
```
"""

CONF = """\
project = "Onboarding aanbestedingen"
language = "nl"
root_doc = "docs/index"
extensions = {extensions!r}
exclude_patterns = ["_build"]
html_theme = {theme!r}
html_title = project
html_copy_source = False
html_show_sourcelink = False
myst_enable_extensions = ["deflist"]
{extra}
"""


# --- the vanilla pages: the same content as the tender pages, written out as MyST ----------


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    lines = [f"```{{list-table}} {caption}", ":header-rows: 1", ""]
    for row in [headers, *rows]:
        lines.append(f"* - {row[0]}")
        lines.extend(f"  - {cell}" for cell in row[1:])
    return "\n".join([*lines, "```", ""])


def _facts(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"{term}\n: {definition}\n" for term, definition in pairs)


def _what(pack: TenderPack, deadline: Deadline, lang: Lang) -> str:
    """The timeline's second column, with the note of a date that may still move."""
    note = deadline.note(lang)
    what = deadline_label(pack, deadline.key)
    if deadline.basis in ("law", "contract"):
        what += f" ({label('basis-' + deadline.basis, lang)})"
    return what if note is None else f"{what} ({label('note', lang).lower()}: {note})"


def _profile_section(pack: TenderPack, section: Section) -> str:
    """A profile's part of the ordering page, as the site shows it, in MyST."""
    if not all_hold(section.when, pack.tender):
        return ""
    fill = fill_values(pack.tender, pack.system, pack.message_standard)
    lines = [f"\n## {section.title(pack.lang)}\n"]
    for part in section.paragraphs:
        if all_hold(part.when, pack.tender):
            text = part.text(pack.lang).format(**fill)
            lines.append(f"- {text}" if part.item else f"\n{text}\n")
    return "\n".join(lines) + "\n"


def plain_pages(pack: TenderPack) -> dict[str, str]:
    """Each page of the tender's section as MyST text (the benchmark's baseline)."""
    lang = pack.lang
    tender = pack.tender
    ref = pack.reference
    system = pack.system
    front = f"---\ntenderpack-language: {lang}\n---\n" if lang != "nl" else ""
    deadlines = sorted(
        (d for d in pack.deadlines.values() if d.date is not None), key=lambda d: d.date or 0
    )
    deadline_table = _table(
        f"{label('deadlines', lang)}: {ref}",
        [word("date", lang), word("what", lang)],
        [[due_words(d, lang), _what(pack, d, lang)] for d in deadlines],
    )
    calendar = word("calendar", lang).format(
        link=f"[{word('calendar-link', lang)}](https://x.example/{ref}.ics)"
    )
    about = _facts(
        [
            (word("reference", lang), f"`{ref}`"),
            (word("agreement", lang), word(tender.agreement, lang)),
            (word("supply", lang), label(tender.supply, lang)),
            (label("contracting_authority", lang), tender.contracting_authority.name),
            (word("system", lang), system.name),
            (word("connections", lang), ", ".join(offered_connections(pack))),
            *([(label("channel", lang), channel_label(pack))] if tender.channel else []),
            (label("message_standard", lang), pack.message_standard),
        ]
    )
    departments = "\n".join(f"- {d.name} ({d.abbreviation})" for d in pack.departments)
    first = "\n".join(
        f"1. **{title}**" + (f" – {due}" if due else "") for title, due in first_steps(pack)
    )
    section = "\n".join(
        f"{short_title(kind, pack)} <{page_name(kind, pack)}>" for kind in PAGES[1:]
    )
    pages = {
        "index": f"{front}# {tender.title}\n\n{tender.summary or ''}\n\n"
        f"## {word('about', lang)}\n\n{about}\n"
        f"## {word('who', lang)}\n\n{departments}\n\n"
        f"[{word('departments-heading', lang)}](ordering.md)\n\n"
        f"## {word('timeline', lang)}\n\n{deadline_table}\n{calendar}\n\n"
        f"## {word('first', lang)}\n\n{first}\n\n[{word('checklist-link', lang)}](checklist.md)\n\n"
        f"## {word('in-section', lang)}\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n:titlesonly:\n\n{section}\n```\n",
    }
    annex = system.data.annex.short(lang)
    checklist = [
        f"{front}# {short_title('checklist', pack)} – {ref}\n",
        word("checklist-intro", lang).format(system=system.name),
        "",
        calendar,
        "",
    ]
    for phase in PHASES:
        steps = pack.steps_in(phase)
        if not steps:
            continue
        checklist.append(f"## {label('phase-' + phase, lang)}\n")
        for step in steps:
            due = due_words(step.due, lang) if step.due else word("no-due", lang)
            note = step.due.note(lang) if step.due else None
            checklist.append(
                f"1. **{step.title}**\n\n   {word('who-does', lang)}: "
                f"{owner_label(pack, step.owner)} · "
                f"{word('due', lang)}: {due}\n\n"
                + (f"   {label('note', lang)}: {note}\n\n" if note else "")
                + f"   {step.explanation}\n\n"
                f"   {word('clause', lang).format(annex=annex)}: "
                f"{system.data.clauses[step.clause](lang)}\n"
            )
    pages["checklist"] = "\n".join(checklist)
    departments_part = (
        f"## {word('departments-heading', lang)}\n\n{word('departments-intro', lang)}\n\n"
        + _table(
            word("departments-caption", lang).format(reference=ref),
            [word("abbreviation", lang), word("name", lang), "OIN", system.name],
            [
                [d.abbreviation, d.name, f"`{d.oin}`", word("yes" if d.on_system else "no", lang)]
                for d in pack.departments
            ],
        )
    )
    pages["ordering"] = (
        f"{front}# {short_title('ordering', pack)} – {ref}\n\n"
        + departments_part
        + f"\n\n## {word('connections', lang)}\n\n"
        + "\n".join(f"- {c}" for c in offered_connections(pack))
        + "\n"
        + "".join(_profile_section(pack, section) for section in system.data.site.sections)
    )
    pages[page_name("annex", pack)] = (
        f"{front}# {short_title('annex', pack)} – {ref}\n\n"
        + word("annex-intro", lang).format(annex=annex, reference=ref)
        + "\n\n```{raw} html\n"
        + annex_fragment_html(pack)
        + "\n```\n"
    )
    contact = tender.contact
    centre = system.data.service_centre
    pages["contact"] = (
        f"{front}# {short_title('contact', pack)} – {ref}\n\n## {word('contact-tender', lang)}\n\n"
        + _facts([(word("name", lang), contact.name), (word("email", lang), f"<{contact.email}>")])
        + f"\n## {word('contact-system', lang).format(system=system.name)}\n\n"
        + _facts(
            [
                (word("name", lang), centre.name),
                (word("phone", lang), centre.phone or "-"),
                (word("email", lang), f"<{centre.email}>" if centre.email else "-"),
                (word("website", lang), f"<{centre.website}>" if centre.website else "-"),
            ]
        )
        + f"\n## {word('privacy-heading', lang)}\n\n"
        + word("privacy-intro", lang).format(system=system.name)
        + "\n\n"
        + "\n".join(f"- {notice}" for notice in pack.privacy_notices)
        + "\n"
    )
    return pages


def plain_overview(packs: list[TenderPack]) -> str:
    rows = [
        [
            f"[`{p.reference}`]({p.reference}/index.md)",
            p.tender.title,
            long_date(p.tender.dates.award, "nl"),
            long_date(p.tender.dates.contract_start, "nl"),
            ", ".join(d.abbreviation for d in p.departments),
        ]
        for p in packs
    ]
    entries = "\n".join(f"{p.reference}/index" for p in packs)
    return (
        f"# {word('overview', 'nl')}\n\n{word('overview-intro', 'nl')}\n\n"
        + _table(
            word("overview-caption", "nl"),
            ["Kenmerk", "Titel", "Gunning", "Ingangsdatum", "Rijksdienstonderdelen"],
            rows,
        )
        + f"\n```{{toctree}}\n:hidden:\n\n{entries}\n```\n"
    )


# --- the two projects -------------------------------------------------------------------


def make_projects(root: Path, count: int, theme: str) -> tuple[Path, Path, list[Path]]:
    rng = random.Random(2027)
    ours, plain = root / "tenderpack", root / "vanilla"
    for project in (ours, plain):
        (project / "docs").mkdir(parents=True)
        (project / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    tender_dir = ours / "tenders"
    tender_dir.mkdir()
    files = []
    for number in range(count):
        path = tender_dir / f"tender-{number:04d}.yaml"
        path.write_text(tender_text(number, rng), encoding="utf-8")
        files.append(path)
    (ours / "conf.py").write_text(
        CONF.format(
            extensions=["tenderpack.sphinx"],
            theme=theme,
            extra="tenderpack_annex_formats = []\nsuppress_warnings = ['tenderpack']",
        ),
        encoding="utf-8",
    )
    (plain / "conf.py").write_text(
        CONF.format(extensions=["myst_parser", "tenderpack.sphinx.theme"], theme=theme, extra=""),
        encoding="utf-8",
    )
    loaded = [item for item in load_tenders([tender_dir]) if item.ok and item.tender]
    packs = sorted(
        (build_pack(item.tender, item.path) for item in loaded if item.tender is not None),
        key=lambda p: p.reference.lower(),
    )
    (plain / "tenders").mkdir()
    (plain / "tenders" / "index.md").write_text(plain_overview(packs), encoding="utf-8")
    for pack in packs:
        folder = plain / "tenders" / pack.reference
        folder.mkdir()
        for kind, text in plain_pages(pack).items():
            (folder / f"{kind}.md").write_text(text, encoding="utf-8")
    return ours, plain, files


@dataclass
class Timing:
    """Best wall-clock and CPU seconds (user + system of the build process) over the rounds."""

    wall: float = float("inf")
    cpu: float = float("inf")

    def add(self, wall: float, cpu: float) -> None:
        self.wall = min(self.wall, wall)
        self.cpu = min(self.cpu, cpu)


def build(project: Path, timing: Timing) -> None:
    command = [
        sys.executable, "-m", "sphinx", "-q", "-b", "html",
        str(project), str(project / "_build" / "html"),
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    timing.add(wall, cpu)


def compare(
    rounds: int,
    ours: Path,
    plain: Path,
    prepare_ours: Callable[[], None],
    prepare_plain: Callable[[], None],
) -> tuple[Timing, Timing]:
    """Build both projects ``rounds`` times, alternating, so load on the machine hits both."""
    mine, theirs = Timing(), Timing()
    for _ in range(rounds):
        prepare_ours()
        build(ours, mine)
        prepare_plain()
        build(plain, theirs)
    return mine, theirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the tenderpack site against plain MyST.")
    parser.add_argument("--tenders", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--theme", default="tenderpack")
    parser.add_argument("--keep", action="store_true", help="keep the projects (prints where)")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="tenderpack-bench-site-"))
    try:
        ours, plain, tender_files = make_projects(root, args.tenders, args.theme)
        one_page = (
            plain
            / "tenders"
            / sorted(p.name for p in (plain / "tenders").iterdir() if p.is_dir())[0]
            / "index.md"
        )

        def clean(project: Path) -> Callable[[], None]:
            def run() -> None:
                shutil.rmtree(project / "_build", ignore_errors=True)
                for stub in (project / "tenders").glob("*/"):  # generated sections of ours
                    if project == ours:
                        shutil.rmtree(stub, ignore_errors=True)
                if project == ours:
                    (project / "tenders" / "index.md").unlink(missing_ok=True)

            return run

        def nothing() -> None:
            pass

        def touch(path: Path) -> Callable[[], None]:
            def run() -> None:
                time.sleep(0.01)
                os.utime(path)

            return run

        full = compare(args.rounds, ours, plain, clean(ours), clean(plain))
        noop = compare(args.rounds, ours, plain, nothing, nothing)
        touched = compare(args.rounds, ours, plain, touch(tender_files[0]), touch(one_page))
        pages = sum(1 for _ in (plain / "_build" / "html").rglob("*.html"))
    finally:
        if args.keep:
            print(f"projects kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(f"tenders: {args.tenders}   theme: {args.theme}   HTML pages: {pages}   ", end="")
    print(f"best of {args.rounds}")
    print(f"{'':21}tenderpack (wall / CPU)   vanilla (wall / CPU)   ratio (wall / CPU)")
    ratios = {}
    for name, (mine, theirs), budget in (
        ("full build", full, FULL_BUDGET),
        ("rebuild, no change", noop, None),
        ("rebuild, one touch", touched, TOUCH_BUDGET),
    ):
        wall, cpu = mine.wall / theirs.wall, mine.cpu / theirs.cpu
        ratios[name] = (cpu, budget)
        print(
            f"{name:20} {mine.wall:7.2f} s / {mine.cpu:6.2f} s    "
            f"{theirs.wall:7.2f} s / {theirs.cpu:6.2f} s    "
            f"{wall:5.2f} / {cpu:5.2f}" + (f"   (budget {budget})" if budget else "")
        )
    # CPU time is the budget's measure: wall time on a shared machine also counts its neighbours.
    over = any(budget is not None and ratio > budget for ratio, budget in ratios.values())
    if over:
        print("over budget", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
