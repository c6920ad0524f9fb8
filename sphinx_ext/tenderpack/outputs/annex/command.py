"""``tenderpack annex``: write the annex of each tender given as HTML, PDF and/or DOCX.

Kept out of ``cli.py`` so that the command line loads Jinja, WeasyPrint and pandoc only
when this command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tenderpack import output
from tenderpack.outputs.annex import FORMATS, AnnexTemplateError


def run_annex(args: argparse.Namespace) -> int:
    """Validate every tender first; write nothing unless all are valid (exit 1 otherwise)."""
    from tenderpack.cli import print_diagnostics, systems_registry, usage_error
    from tenderpack.diagnostics import has_errors
    from tenderpack.options import formats_option, jobs_option
    from tenderpack.outputs.annex.writer import write
    from tenderpack.tender.loading import find_tender_files, load_tenders
    from tenderpack.tender.pack import build_pack

    formats = formats_option(args.format, "--format", none_allowed=False)
    jobs = jobs_option(args.jobs)
    if args.templates is not None and not args.templates.is_dir():
        # Silently falling back to the built-in templates would publish the wrong text.
        return usage_error(
            "annex", "template-folder-missing", args.lang, path=args.templates, option="--templates"
        )
    for path in args.tenders:
        if not path.exists():
            return usage_error("annex", "path-missing", args.lang, path=path)
        if path.is_dir() and not find_tender_files([path]):
            return usage_error("annex", "no-tender-files", args.lang, path=path)
    registry = systems_registry(args)
    loaded = load_tenders(args.tenders, args.lang, registry=registry)
    print_diagnostics([d for item in loaded for d in item.diagnostics])
    if any(has_errors(item.diagnostics) for item in loaded):
        return 1  # a skipped folder entry (a pipe, a folder) is only a warning
    # --lang is the language of messages; an annex is always in its tender's own language.
    packs = [
        build_pack(item.tender, item.path, registry) for item in loaded if item.tender is not None
    ]
    try:
        report = write(packs, formats, args.out, args.templates, jobs)
    except AnnexTemplateError as exc:
        print(f"{exc.template}:{exc.line or 1}: error: {exc.text(args.lang)}", file=sys.stderr)
        return 1
    output.write("".join(f"{path}\n" for path in report.paths))
    reused = len(report.paths) - len(report.rendered)
    print(f"{len(report.rendered)} rendered, {reused} unchanged", file=sys.stderr)
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "tenders", nargs="+", type=Path, metavar="TENDER", help="tender files or folders"
    )
    parser.add_argument(
        "--format",
        default=",".join(FORMATS),
        metavar="FORMATS",
        help="comma-separated: html, pdf, docx (default: all three)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path(), metavar="DIR", help="output folder (default: .)"
    )
    parser.add_argument(
        "--templates",
        type=Path,
        default=None,
        metavar="DIR",
        help="your own templates folder; files in it replace tenderpack's (default: tenderpack's)",
    )
    parser.add_argument(
        "--jobs",
        default=None,
        metavar="N",
        help="processes to render with (1 or more), or auto (default: auto, every core)",
    )
