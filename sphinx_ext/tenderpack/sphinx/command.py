"""``tenderpack build``: the onboarding site as ``sphinx-build`` makes it, published safely.

Sphinx builds into a working folder that it keeps between builds, so an incremental build
stays incremental: ``<out>/.tenderpack/html`` with its doctrees next to it. Only a build
that succeeds is published: the working folder is copied to ``<out>/html.new`` and swapped
in for ``<out>/html`` with two renames, so a failed build never leaves a half-written site
where the last good one was; a copy that fails (a full disk) is deleted at once and said
in one line, exit 1, with the previous site untouched. A crash between the two renames
leaves ``html.old`` and no ``html``; the next build puts ``html.old`` back first (a
symlink ``html -> html-<id>`` would make the swap one rename, but GitLab's
``cp -a _build/html public`` and artefact uploads would then publish a dangling link).
The annex files the build wrote (``html/annex/``) are also copied, when they changed, to
``<out>/annex/`` for attaching to the tender documents.

What a killed build left half-written never reaches the site: the temporaries of its writers
are deleted when the next build starts (under the lock, so none of them is still being
written), and the copy into ``html.new`` leaves out every ``*.tmp`` and every dotfile but
tenderpack's marker and the two a site is published with: ``.well-known/`` (RFC 8615, for
the ``security.txt`` Dutch government sites must carry) and ``.nojekyll``
(``sphinx.ext.githubpages``), both only at the top of the site.

tenderpack replaces only a site folder that it made: each published site carries the
marker file ``.tenderpack-site``; any other folder at ``<out>/html`` is refused, since the
swap would delete it.

Sphinx itself runs through ``sphinx.cmd.build.build_main``, exactly as ``sphinx-build``
would, so its progress output, exit codes and error reports are the ones users know.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import fcntl
import filecmp
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tenderpack.files import TEMPORARY_SUFFIX, is_temporary, remove_temporaries
from tenderpack.messages import Lang, text
from tenderpack.options import AUTO, formats_option, jobs_option, systems_folder
from tenderpack.outputs.annex import FORMATS
from tenderpack.sphinx.calendar import MANIFEST as CALENDAR_MANIFEST
from tenderpack.systems import load_registry

ANNEX_MANIFEST = ".tenderpack-annex.json"
MARKER = ".tenderpack-site"
MARKER_TEXT = "Made by tenderpack build; the next build replaces this folder whole.\n"
LOCK = "build.lock"
PUBLISHED_DOTFILES = frozenset({".well-known", ".nojekyll"})  # at the top of the site only
INTERNAL_FILES = frozenset({ANNEX_MANIFEST, CALENDAR_MANIFEST})


class OutputProblem(Exception):
    """The output folder cannot be used; ``code`` names the message (a usage error)."""

    def __init__(self, code: str, path: Path, reason: str = "") -> None:
        super().__init__(code)
        self.code, self.path, self.reason = code, path, reason


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def check_output(out: Path) -> None:
    """Make sure ``out`` is a folder tenderpack can write in, before Sphinx starts.

    A real write, not ``os.access``: root passes every permission check, but not a
    read-only file system.
    """
    if out.exists() and not out.is_dir():
        raise OutputProblem("build-not-a-folder", out)
    try:
        (out / ".tenderpack").mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise OutputProblem("build-unwritable", out, _reason(error)) from error


@contextlib.contextmanager
def exclusive(work: Path) -> Iterator[bool]:
    """Hold the build lock of ``work`` while the block runs; False when another build has it.

    ``flock`` is released by the kernel when the process ends, however it ends, so a killed
    build never leaves a stale lock behind.
    """
    try:
        handle = os.open(work / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputProblem("build-unwritable", work.parent, _reason(error)) from error
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(handle)


@dataclasses.dataclass(frozen=True)
class Options:
    """The checked options of one build: ``None`` means auto jobs, conf.py's formats, or
    conf.py's profiles folder."""

    jobs: int | None
    formats: list[str] | None
    systems: Path | None = None


def sphinx_arguments(
    args: argparse.Namespace, source: Path, work: Path, options: Options
) -> list[str]:
    jobs, formats = options.jobs, options.formats
    argv = ["-b", "html", "-d", str(work / "doctrees"), "-j", AUTO if jobs is None else str(jobs)]
    if args.strict:
        argv += ["-W", "--keep-going"]
    if args.quiet:
        argv.append("-q")
    if args.fresh:
        argv.append("-E")
    if formats is not None:
        argv += ["-D", f"tenderpack_annex_formats={','.join(formats)}"]
    if options.systems is not None:
        argv += ["-D", f"tenderpack_systems_dir={options.systems}"]
    return [*argv, str(source), str(work / "html")]


def _sibling(site: Path, suffix: str) -> Path:
    return site.with_name(site.name + suffix)


def is_ours(folder: Path) -> bool:
    """A folder that tenderpack made: it carries the marker (never a symlink to one)."""
    return not folder.is_symlink() and (folder / MARKER).is_file()


def _replaceable(folder: Path) -> bool:
    """Nothing is lost by replacing ``folder``: it is absent, empty or tenderpack's own."""
    if not folder.exists() and not folder.is_symlink():
        return True
    if folder.is_symlink() or not folder.is_dir():
        return False
    return is_ours(folder) or not any(folder.iterdir())


def recover(site: Path) -> bool:
    """Repair what an interrupted swap left; True when the previous site was put back.

    A crash between the two renames leaves ``html.old`` (the previous site, whole) and no
    ``html``; a crash after them leaves ``html.old`` to delete; a crash while copying leaves
    a partial ``html.new``. Only folders tenderpack made are moved or deleted.
    """
    fresh, old = _sibling(site, ".new"), _sibling(site, ".old")
    restored = False
    if not site.exists() and not site.is_symlink() and is_ours(old):
        old.rename(site)
        restored = True
    for leftover in (fresh, old):
        if leftover.is_dir() and _replaceable(leftover):
            shutil.rmtree(leftover)
    return restored


def not_ours(site: Path) -> Path | None:
    """The first of the site folder and its swap siblings that is not tenderpack's to replace."""
    for folder in (site, _sibling(site, ".new"), _sibling(site, ".old")):
        if not _replaceable(folder):
            return folder
    return None


def _unpublished(built: Path) -> Callable[[str, list[str]], set[str]]:
    """The ``copytree`` filter: what in a folder of ``built`` stays out of the site."""
    top = os.path.normpath(built)

    def ignored(folder: str, names: list[str]) -> set[str]:
        at_top = os.path.normpath(folder) == top
        return {
            name
            for name in names
            if name in INTERNAL_FILES
            or is_temporary(name)
            or (name.startswith(".") and not (at_top and name in PUBLISHED_DOTFILES))
        }

    return ignored


def _copy_site(built: Path, fresh: Path) -> None:
    """Copy what is published of ``built`` into ``fresh``, stopping at the first failure.

    Not ``shutil.copytree``: on a full disk it tries every further file and reports all
    of them at the end, as one ``shutil.Error`` that has lost each ``errno``.
    """
    ignored = _unpublished(built)
    for folder, folders, files in os.walk(built, followlinks=True):
        left_out = ignored(folder, folders + files)
        folders[:] = [name for name in folders if name not in left_out]
        into = fresh / os.path.relpath(folder, built)
        into.mkdir(exist_ok=True)
        for name in files:
            if name not in left_out:
                shutil.copy2(Path(folder, name), into / name)


def publish(built: Path, target: Path) -> None:
    """Put the finished site ``built`` in place of ``target`` (never half of one).

    On any failure (a full disk) ``target`` is as it was and no partial ``html.new`` is
    left to keep the disk full; the ``OSError`` goes to the caller.
    """
    fresh, old = _sibling(target, ".new"), _sibling(target, ".old")
    try:
        fresh.mkdir()
        (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # first: a partial is ours
        _copy_site(built, fresh)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
    except OSError:
        if old.exists() and not target.exists():
            old.rename(target)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def copy_annexes(folder: Path, target: Path) -> list[Path]:
    """Copy the annex files the build wrote to ``target``, each only when it changed.

    Each through a temporary renamed into place: an officer never attaches half a PDF.
    """
    copied = []
    # The annexes the writer makes there, <reference>-<stem>.<ext> with any profile's stem;
    # never its own bookkeeping (dotfiles) or anything of another kind.
    suffixes = {f".{fmt}" for fmt in FORMATS}
    paths = (
        (p for p in folder.iterdir() if p.suffix in suffixes and not p.name.startswith("."))
        if folder.is_dir()
        else ()
    )
    for path in sorted(p for p in paths if not is_temporary(p.name)):
        destination = target / path.name
        if destination.is_file() and filecmp.cmp(path, destination, shallow=False):
            continue
        target.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            dir=target, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
        )
        os.close(handle)
        try:
            shutil.copy2(path, name)
            Path(name).replace(destination)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        copied.append(destination)
    return copied


def _say(lang: Lang, code: str, **params: object) -> None:
    print(f"tenderpack build: {text(code, lang, **params)}", file=sys.stderr)


def _why(error: OSError, lang: Lang) -> str:
    """The reason of a failed write in the user's words; a full disk said plainly."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return text("build-no-space", lang)
    return _reason(error)


def _site_state(site: Path, lang: Lang) -> str:
    """What a failed build left of the published site, truthfully."""
    code = "build-site-unchanged" if site.exists() else "build-site-absent"
    return text(code, lang, path=site)


def run_build(args: argparse.Namespace) -> int:
    lang: Lang = args.lang or "nl"
    given = getattr(args, "systems", None)
    systems = systems_folder(given) if given is not None else None
    options = Options(  # first: a mistake in an option is a usage error, before any work
        jobs_option(args.jobs),
        None
        if args.formats is None
        else formats_option(args.formats, "--formats", none_allowed=True),
        systems.resolve() if systems is not None else None,
    )
    if options.systems is not None:
        # Said before Sphinx starts, in the form of every other bad input: file:line:col.
        load_registry(options.systems, lang)
    source = args.source.resolve()
    if not (source / "conf.py").is_file():
        _say(lang, "build-no-conf", path=args.source)
        return 2
    out = args.out.resolve()
    try:
        check_output(out)
        with exclusive(out / ".tenderpack") as alone:
            if not alone:
                _say(lang, "build-busy", path=out)
                return 1
            return _build_locked(args, source, out, lang, options)
    except OutputProblem as problem:
        _say(lang, problem.code, path=problem.path, reason=problem.reason)
        return 2


def _build_locked(
    args: argparse.Namespace, source: Path, out: Path, lang: Lang, options: Options
) -> int:
    from sphinx.cmd.build import build_main

    work = out / ".tenderpack"
    site = out / "html"
    if recover(site):
        _say(lang, "build-site-restored", path=site)
    for folder in (work, out / "annex"):  # what killed writers left; nobody else writes here
        remove_temporaries(folder)
    foreign = not_ours(site)
    if foreign is not None:
        _say(lang, "build-not-ours", path=foreign, marker=MARKER)
        return 2
    status = build_main(sphinx_arguments(args, source, work, options))
    if status != 0:
        _say(lang, "build-failed", status=status, state=_site_state(site, lang))
        return 1
    try:
        publish(work / "html", site)
    except OSError as error:
        state = _site_state(site, lang)
        _say(lang, "build-publish-failed", path=site, reason=_why(error, lang), state=state)
        return 1
    if options.formats == []:
        return 0  # no annex files asked for
    try:
        copied = copy_annexes(work / "html" / "annex", out / "annex")
    except OSError as error:  # the site is out already: say so, and that the annexes are not
        reason = _why(error, lang)
        _say(lang, "build-annex-failed", site=site, path=out / "annex", reason=reason)
        return 1
    if not args.quiet:
        print(f"tenderpack build: site in {site}")
        if (work / "html" / "annex").is_dir():
            print(f"tenderpack build: annexes in {out / 'annex'} ({len(copied)} updated)")
    return 0
