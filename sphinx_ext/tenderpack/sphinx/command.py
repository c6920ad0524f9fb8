"""``tenderpack build``: the onboarding site as ``sphinx-build`` makes it, published safely.

Sphinx builds into a working folder that it keeps between builds, so an incremental build
stays incremental: ``<out>/.tenderpack/html`` with its doctrees next to it. Only a build
that succeeds is published: the working folder is copied to ``<out>/html.new`` and swapped
in for ``<out>/html`` with two renames, so a failed build never leaves a half-written site
where the last good one was. The annex files the build wrote (``html/annex/``) are also
copied, when they changed, to ``<out>/annex/`` for attaching to the tender documents.

Sphinx itself runs through ``sphinx.cmd.build.build_main``, exactly as ``sphinx-build``
would, so its progress output, exit codes and error reports are the ones users know.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
from pathlib import Path

from tenderpack.sphinx.calendar import MANIFEST as CALENDAR_MANIFEST

ANNEX_MANIFEST = ".tenderpack-annex.json"


def sphinx_arguments(args: argparse.Namespace, source: Path, work: Path) -> list[str]:
    argv = ["-b", "html", "-d", str(work / "doctrees"), "-j", str(args.jobs)]
    if args.strict:
        argv += ["-W", "--keep-going"]
    if args.quiet:
        argv.append("-q")
    if args.fresh:
        argv.append("-E")
    if args.formats is not None:
        argv += ["-D", f"tenderpack_annex_formats={args.formats}"]
    return [*argv, str(source), str(work / "html")]


def publish(built: Path, target: Path) -> None:
    """Put the finished site ``built`` in place of ``target`` (never half of one)."""
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(built, fresh, ignore=shutil.ignore_patterns(ANNEX_MANIFEST, CALENDAR_MANIFEST))
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def copy_annexes(folder: Path, target: Path) -> list[Path]:
    """Copy the annex files the build wrote to ``target``, each only when it changed."""
    copied = []
    for path in sorted(folder.glob("*-bijlage-h.*")) if folder.is_dir() else []:
        destination = target / path.name
        if destination.is_file() and filecmp.cmp(path, destination, shallow=False):
            continue
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied.append(destination)
    return copied


def run_build(args: argparse.Namespace) -> int:
    from sphinx.cmd.build import build_main

    source = args.source.resolve()
    if not (source / "conf.py").is_file():
        print(f"tenderpack build: {args.source} has no conf.py", file=sys.stderr)
        return 2
    out = args.out.resolve()
    work = out / ".tenderpack"
    status = build_main(sphinx_arguments(args, source, work))
    if status != 0:
        print(
            f"tenderpack build: the build failed (exit {status}); {out / 'html'} is unchanged",
            file=sys.stderr,
        )
        return 1
    publish(work / "html", out / "html")
    if args.formats is not None and not args.formats.strip(" ,"):
        return 0  # no annex files asked for
    copied = copy_annexes(work / "html" / "annex", out / "annex")
    if not args.quiet:
        print(f"tenderpack build: site in {out / 'html'}")
        if (work / "html" / "annex").is_dir():
            print(f"tenderpack build: annexes in {out / 'annex'} ({len(copied)} updated)")
    return 0
