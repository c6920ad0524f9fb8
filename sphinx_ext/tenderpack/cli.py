"""The ``tenderpack`` command: validate, show, schema, new, annex, build, check-privacy.

Exit codes, as the spec fixes them: 0 when there are no errors (warnings allowed), 1 when
any input has an error, 2 for wrong usage (including a folder without tender files: a
validation that checked nothing must not pass). Whatever goes wrong with an input file, the
user sees a located message, never a traceback; should tenderpack itself fail, it says so in
one line and exits 3 (set TENDERPACK_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from tenderpack import __version__, output
from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import LANGUAGES, Lang, text
from tenderpack.options import UsageError, add_systems_option, systems_folder
from tenderpack.outputs.report import describe_pack
from tenderpack.systems import Profile, ProfileError, Registry, load_registry, shipped_registry
from tenderpack.tender.loading import LoadedTender, find_tender_files, load_tender, load_tenders
from tenderpack.tender.pack import build_pack
from tenderpack.tender.schema import tender_schema
from tenderpack.tender.starter import starter_file

DEFAULT_TENDERS = Path("tenders")

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(function: Command) -> Command:
        _COMMANDS[name] = function
        return function

    return register


def print_diagnostics(diagnostics: Sequence[Diagnostic], out: TextIO | None = None) -> None:
    """Print errors and warnings in order; each kind of note only once per run.

    ``out`` defaults to the ``sys.stderr`` of the moment of the call, not of import, so a
    caller (or a test capturing output) that swaps stderr is honoured.
    """
    out = out or sys.stderr
    seen_notes: set[str] = set()
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.NOTE:
            if diagnostic.code in seen_notes:
                continue
            seen_notes.add(diagnostic.code)
        print(diagnostic.format(), file=out)


def _all_diagnostics(loaded: Sequence[LoadedTender]) -> list[Diagnostic]:
    return [d for item in loaded for d in item.diagnostics]


def systems_registry(args: argparse.Namespace) -> Registry:
    """The profiles this run uses: tenderpack's, with ``--systems`` (or ./systems) added.

    Raises ``ProfileError`` (exit 1, located messages) when a project profile is wrong, and
    ``UsageError`` (exit 2) when ``--systems`` names no folder.
    """
    folder = systems_folder(getattr(args, "systems", None))
    if folder is None:
        return shipped_registry()
    return load_registry(folder, args.lang or "nl")


def usage_error(command_name: str, code: str, lang: Lang | None, **params: object) -> int:
    """Say what was wrong with the command line, in the user's language; exit code 2."""
    print(f"tenderpack {command_name}: {text(code, lang or 'nl', **params)}", file=sys.stderr)
    return 2


@command("validate")
def _validate(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_TENDERS]
    for path in paths:
        if not path.exists():
            return usage_error("validate", "path-missing", args.lang, path=path)
        if path.is_dir() and not find_tender_files([path]):
            return usage_error("validate", "no-tender-files", args.lang, path=path)
    loaded = load_tenders(paths, args.lang, registry=systems_registry(args))
    diagnostics = _all_diagnostics(loaded)
    print_diagnostics(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    summary = text(
        "summary",
        args.lang or "nl",
        files=len(find_tender_files(paths)),  # files read; skipped entries are warnings
        errors=errors,
        warnings=warnings,
    )
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def _load_one(path: Path, lang: Lang | None, registry: Registry) -> LoadedTender | None:
    loaded = load_tender(path, lang, registry=registry)
    print_diagnostics(loaded.diagnostics)
    return loaded if loaded.ok else None


@command("show")
def _show(args: argparse.Namespace) -> int:
    if not args.tender.is_file():
        return usage_error("show", "not-a-file", args.lang, path=args.tender)
    registry = systems_registry(args)
    loaded = _load_one(args.tender, args.lang, registry)
    if loaded is None or loaded.tender is None:
        return 1
    pack = build_pack(loaded.tender, loaded.path, registry)
    if args.json:
        output.write_json(pack.to_json())
    else:
        output.write(describe_pack(pack, pack.lang) + "\n")  # in the tender's own language
    return 0


@command("schema")
def _schema(args: argparse.Namespace) -> int:
    output.write_json(tender_schema(systems_registry(args)))
    return 0


@command("new")
def _new(args: argparse.Namespace) -> int:
    registry = systems_registry(args)
    lang: Lang = args.lang or "nl"
    system = args.system or registry.default
    if system not in registry:
        return usage_error(
            "new", "option-unknown-system", lang, value=system, allowed=", ".join(registry.ids)
        )
    output.write(starter_file(registry[system], lang, registry))
    if args.system is None:  # say which system it is, and how to get another one
        chosen = registry[system]
        lines = [_starter_line("option-starter-system", chosen, lang)]
        lines += [
            _starter_line("option-starter-other", registry[other], lang)
            for other in registry.ids
            if other != system
        ]
        print(f"tenderpack new: {'; '.join(lines)}", file=sys.stderr)
    return 0


def _starter_line(code: str, profile: Profile, lang: Lang) -> str:
    return text(code, lang, id=profile.id, name=profile.name, annex=profile.annex_short(lang))


@command("annex")
def _annex(args: argparse.Namespace) -> int:
    from tenderpack.outputs.annex.command import run_annex

    return run_annex(args)


@command("build")
def _build(args: argparse.Namespace) -> int:
    from tenderpack.sphinx.command import run_build

    return run_build(args)


@command("migrate")
def _migrate(args: argparse.Namespace) -> int:
    from tenderpack.tender.migrate import run_migrate

    # A wrong project profile is said before any file is touched.
    return run_migrate(args.files, args.stdout, args.lang, registry=systems_registry(args))


@command("check-privacy")
def _check_privacy(args: argparse.Namespace) -> int:
    from tenderpack.privacy.command import run_check_privacy

    return run_check_privacy(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tenderpack",
        description=(
            "Turn a Dutch government tender's YAML file into the annex its purchasing system "
            "asks for (Bijlage H, the e-invoicing specification, or a project's own) and a "
            "supplier onboarding site. Messages are in Dutch unless a tender is in English "
            "or you pass --lang en."
        ),
        epilog=(
            "Exit codes: 0 no errors (warnings allowed), 1 errors in the input, 2 wrong usage, "
            "3 tenderpack itself failed. Run 'tenderpack COMMAND --help' for each command."
        ),
    )
    parser.add_argument("--version", action="version", version=f"tenderpack {__version__}")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=(
            "language of messages: nl or en (default: each tender's own language, else "
            "Dutch); what is made for a tender is always in the tender's language"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check tender files and report every problem",
        description=(
            "Check tender files against the format and the domain rules. Prints every problem "
            "in every file as path:line:column: error|warning: message, then a count. Exits 0 "
            "when no file has an error (warnings and notes allowed), 1 when any file has an "
            "error, 2 when a PATH does not exist or a folder holds no tender files "
            "(*.yaml, *.yml)."
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
            "(dates as YYYY-MM-DD; a deadline per connection option offered, except one due at a "
            "moment with no date yet, such as the first order: see deadline_rules). Exits 1 "
            "when the tender has errors (they are printed instead)."
        ),
    )
    show.add_argument("tender", type=Path, metavar="TENDER", help="a tender file")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the tender format",
        description=(
            "Print the JSON Schema of tender files, for editors with a YAML language server "
            "(autocomplete and checking while you type)."
        ),
    )
    new = commands.add_parser(
        "new",
        help="print a commented starter tender file for a purchasing system",
        description=(
            "Print a commented tender file (format version 2) that validates as it is (with "
            "warnings for its test OINs), to fill in: tenderpack new > tenders/mine.yaml. It "
            "is made from the system's profile: its connection options and settings with "
            "their defaults, and a department with on_system and role. Without --system it "
            "is for the default system, and says on stderr which other systems there are. "
            "--lang en gives English comments. Exits 2 for an unknown --system."
        ),
    )
    new.add_argument(
        "--system",
        default=None,
        metavar="ID",
        help="the purchasing system's id (default: the default system of the profiles)",
    )
    annex = commands.add_parser(
        "annex",
        help="write Bijlage H of each tender as HTML, PDF and/or DOCX",
        description=(
            "Write DIR/<reference>-<annex>.<ext> for each tender given (files or folders), "
            "with the annex its system's profile names (bijlage-h, verzendspecificatie, ...). "
            "Every tender is validated first; if any has an error, the errors are printed, "
            "nothing is written and the exit code is 1. A tender whose file, templates and "
            "tenderpack version did not change since the last run in DIR is not rendered again."
        ),
    )
    from tenderpack.outputs.annex.command import add_arguments as add_annex_arguments

    add_annex_arguments(annex)
    build = commands.add_parser(
        "build",
        help="build the onboarding site (Sphinx) and write the annexes",
        description=(
            "Build the onboarding site from SOURCE (a folder with conf.py, default .) as "
            "sphinx-build would, with its progress output. The site is published to OUT/html "
            "only when the build succeeds; the annex files go to OUT/annex (unless --formats "
            "is empty). Exits 0 on success, 1 when the build fails (with --strict: also on "
            "any warning), 2 for wrong usage."
        ),
    )
    build.add_argument(
        "source", nargs="?", type=Path, default=Path(), metavar="SOURCE", help="default: ."
    )
    build.add_argument("--out", type=Path, default=Path("_build"), help="default: _build")
    build.add_argument(
        "--strict", "-W", action="store_true", help="turn warnings into errors (keeps going)"
    )
    build.add_argument(
        "--jobs",
        "-j",
        default="1",
        metavar="N",
        help="parallel jobs (1 or more), or auto (default: 1)",
    )
    build.add_argument(
        "--formats",
        default=None,
        help="annex formats, comma-separated (html,pdf,docx); empty for none (default: conf.py)",
    )
    build.add_argument("--fresh", "-E", action="store_true", help="read every page again")
    build.add_argument("--quiet", "-q", action="store_true", help="only warnings and errors")
    migrate = commands.add_parser(
        "migrate",
        help="rewrite version 1 tender files as version 2, keeping their comments",
        description=(
            "Rewrite each FILE (schema_version 1) in place as version 2, keeping its comments, "
            "and say what changed. A file with errors is not touched (exit 1); a version 2 "
            "file is left as it is (exit 0). --stdout prints the result instead (one FILE)."
        ),
    )
    migrate.add_argument("files", nargs="+", type=Path, metavar="FILE", help="tender files")
    migrate.add_argument("--stdout", action="store_true", help="print instead of rewriting")
    for reads_tenders in (validate, show, schema, new, annex, migrate):
        add_systems_option(reads_tenders)
    add_systems_option(
        build,
        default_help=(
            "conf.py's tenderpack_systems_dir, else systems/ in SOURCE when it exists; given "
            "here, it replaces conf.py's"
        ),
    )
    check_privacy = commands.add_parser(
        "check-privacy",
        help="check privacy notices against AVG art. 13/14 and report each gap",
        description=(
            "Load the privacy notices (docs/privacy/*.yaml) and report every missing element "
            "that AVG (GDPR) art. 13 or 14 requires, as path:line: warning: message (article, "
            "lid, onder). Exits 0 with warnings only, 1 when a notice file has an error, 2 when "
            "a PATH does not exist or a folder holds no notice files. --schema prints the "
            "JSON Schema of the notice format instead."
        ),
    )
    check_privacy.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: docs/privacy/)",
    )
    check_privacy.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of privacy notices and exit"
    )
    # Commands with heavy dependencies (WeasyPrint, Sphinx) import them inside their handler,
    # so `tenderpack validate` stays fast.
    return parser


def _accept_lang_after_command(parser: argparse.ArgumentParser) -> None:
    """Let every command take --lang too (`tenderpack validate --lang en`), not only before it.

    Done here, after the parser is built, so a command added later gets it as well. SUPPRESS
    keeps a missing --lang after the command from resetting one given before it.
    """
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for subparser in getattr(action, "choices", {}).values():
            if "--lang" not in subparser._option_string_actions:
                subparser.add_argument(
                    "--lang",
                    choices=LANGUAGES,
                    default=argparse.SUPPRESS,
                    help="language of messages: nl (default) or en",
                )


def _discard_stdout() -> None:
    """Point stdout at the null device, so the flush at exit cannot fail a second time."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    _accept_lang_after_command(parser)
    args = parser.parse_args(argv)
    output.escape_unencodable()
    try:
        return _COMMANDS[args.command](args)
    except UsageError as mistake:
        return usage_error(args.command, mistake.code, args.lang, **mistake.params)
    except ProfileError as wrong:  # a project profile: located, like a tender file's problems
        print_diagnostics(wrong.diagnostics)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tenderpack schema | head`: stop quietly, also at exit
        _discard_stdout()
        return 0
    except output.OutputError as exc:  # `> /dev/full`, `>&-`: one line, and no second try at exit
        _discard_stdout()
        print(f"tenderpack {args.command}: {exc.message(args.lang or 'nl')}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug in tenderpack, never the input's fault
        if os.environ.get("TENDERPACK_DEBUG"):
            raise
        message = text("internal-error", args.lang or "nl", error=f"{type(exc).__name__}: {exc}")
        print(f"tenderpack {args.command}: {message}", file=sys.stderr)
        return 3
