"""The ``tenderpack`` command: validate, show, schema, new, annex, build, check-privacy.

Exit codes, as the spec fixes them: 0 when there are no errors (warnings allowed), 1 when
any input has an error, 2 for wrong usage. Whatever goes wrong with an input file, the
user sees a located message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from tenderpack import __version__
from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.loading import LoadedTender, load_tender, load_tenders
from tenderpack.messages import LANGUAGES, Lang
from tenderpack.pack import build_pack
from tenderpack.report import describe_pack
from tenderpack.schema import tender_schema
from tenderpack.starter import starter_file

DEFAULT_TENDERS = Path("tenders")

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(function: Command) -> Command:
        _COMMANDS[name] = function
        return function

    return register


def print_diagnostics(diagnostics: Sequence[Diagnostic], out: TextIO = sys.stderr) -> None:
    """Print errors and warnings in order; each kind of note only once per run."""
    seen_notes: set[str] = set()
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.NOTE:
            if diagnostic.code in seen_notes:
                continue
            seen_notes.add(diagnostic.code)
        print(diagnostic.format(), file=out)


def _all_diagnostics(loaded: Sequence[LoadedTender]) -> list[Diagnostic]:
    return [d for item in loaded for d in item.diagnostics]


@command("validate")
def _validate(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_TENDERS]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"tenderpack validate: {missing[0]} does not exist", file=sys.stderr)
        return 2
    loaded = load_tenders(paths, args.lang)
    diagnostics = _all_diagnostics(loaded)
    print_diagnostics(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    print(
        f"{len(loaded)} file(s) checked: {errors} error(s), {warnings} warning(s)", file=sys.stderr
    )
    return 1 if errors else 0


def _load_one(path: Path, lang: Lang | None) -> LoadedTender | None:
    loaded = load_tender(path, lang)
    print_diagnostics(loaded.diagnostics)
    return loaded if loaded.ok else None


@command("show")
def _show(args: argparse.Namespace) -> int:
    if not args.tender.is_file():
        print(f"tenderpack show: {args.tender} is not a file", file=sys.stderr)
        return 2
    loaded = _load_one(args.tender, args.lang)
    if loaded is None or loaded.tender is None:
        return 1
    pack = build_pack(loaded.tender, loaded.path)
    if args.json:
        json.dump(pack.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(describe_pack(pack, args.lang or pack.lang))
    return 0


@command("schema")
def _schema(args: argparse.Namespace) -> int:
    json.dump(tender_schema(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


@command("new")
def _new(args: argparse.Namespace) -> int:
    sys.stdout.write(starter_file(args.lang or "nl"))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tenderpack",
        description=(
            "Turn a Dutch government tender's YAML file into its Bijlage H annex and a "
            "supplier onboarding site. Exit codes: 0 no errors, 1 errors in the input, 2 wrong usage."
        ),
    )
    parser.add_argument("--version", action="version", version=f"tenderpack {__version__}")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of messages and output (default: each tender's own language, else Dutch)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check tender files and report every problem",
        description=(
            "Check tender files against the format and the domain rules. Prints every problem "
            "in every file as path:line:column: error|warning: message. Exits 1 if any file has "
            "an error; warnings alone exit 0."
        ),
    )
    validate.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: tenders/)"
    )

    show = commands.add_parser(
        "show",
        help="show the derived deadlines, message standard and checklist of one tender",
        description=(
            "Show what tenderpack derives from one tender: key dates and deadlines, the message "
            "standard, the departments and the connection checklist. --json gives the same as JSON "
            "(dates as YYYY-MM-DD)."
        ),
    )
    show.add_argument("tender", type=Path, metavar="TENDER", help="a tender file")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")

    commands.add_parser(
        "schema",
        help="print the JSON Schema of the tender format",
        description=(
            "Print the JSON Schema of tender files, for editors with a YAML language server "
            "(autocomplete and checking while you type)."
        ),
    )
    commands.add_parser(
        "new",
        help="print a commented starter tender file",
        description="Print a commented tender file that validates, to fill in: tenderpack new > tenders/mine.yaml",
    )
    # Commands with heavy dependencies (WeasyPrint, Sphinx) import them inside their handler,
    # so `tenderpack validate` stays fast.
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tenderpack schema | head`
        return 0
