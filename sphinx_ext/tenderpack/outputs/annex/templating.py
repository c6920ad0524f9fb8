"""The sandboxed Jinja environment the annex templates run in.

Officers and lawyers edit these templates, so they run in an immutable sandbox with
autoescaping on, and a missing value is an error that names the template and line
instead of a silently empty clause in a legal document.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import traceback
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplatesNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE
from markupsafe import Markup

from tenderpack.messages import Lang, long_date
from tenderpack.outputs.annex.errors import AnnexTemplateError, TemplateLimit
from tenderpack.outputs.annex.limits import BoundedSandbox, bounded
from tenderpack.outputs.annex.linemarks import LineMarks, place
from tenderpack.outputs.annex.references import Finding, forbidden, shown

_NUMBER_WORDS: dict[Lang, tuple[str, ...]] = {
    "nl": (
        "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
        "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
        "negentien", "twintig", "eenentwintig", "tweeëntwintig", "drieëntwintig", "vierentwintig",
    ),
    "en": (
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "twenty-one", "twenty-two", "twenty-three", "twenty-four",
    ),
}  # fmt: skip


def default_templates_dir() -> Path:
    """The templates shipped with tenderpack.

    In a wheel they live in the package as ``default_templates``; in a source checkout or
    an editable install they are the repository's own ``templates/``.
    """
    packaged = Path(str(resources.files("tenderpack").joinpath("default_templates")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[4] / "templates"


def search_path(templates_dir: Path | None) -> tuple[Path, ...]:
    """Where templates are looked up, first match wins: the project's own, then the defaults."""
    default = default_templates_dir().resolve()
    if templates_dir is None or templates_dir.resolve() == default:
        return (default,)
    return (templates_dir.resolve(), default)


def resolve_file(name: str, templates_dir: Path | None) -> Path:
    """The file that ``name`` (e.g. ``bijlage-h/reference.docx``) resolves to."""
    for folder in search_path(templates_dir):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise AnnexTemplateError(name, None, "template file not found")


class _Sandbox(BoundedSandbox):
    """The bounded sandbox that tells ``recording`` every template a rendering asks for.

    ``_load_template`` is where every ``get_template``, ``include``, ``import`` and
    ``extends`` passes, cached or not, found or not (an ``include ... ignore missing`` or a
    list of candidates asks for names that are not there: a file that later appears there
    changes the annex too).
    """

    def _load_template(self, name: str, globals: MutableMapping[str, Any] | None) -> Template:
        asked = _ASKED.get()
        if asked is not None:
            asked.append(name)
        return super()._load_template(name, globals)


_ASKED: ContextVar[list[str] | None] = ContextVar("tenderpack_templates_asked", default=None)


@contextlib.contextmanager
def recording() -> Iterator[list[str]]:
    """The names of all templates the renderings inside the block asked for."""
    asked: list[str] = []
    token = _ASKED.set(asked)
    try:
        yield asked
    finally:
        _ASKED.reset(token)


def sources_digest(names: Iterable[str], templates_dir: Path | None) -> str:
    """One hash over what each template name resolves to now: its source, or "not found".

    Names resolve exactly as the renderer resolves them (the project's folder first); the
    annex cache keys on this, so editing any template a rendering loaded renders it again.
    """
    env = environment(templates_dir)
    loader = env.loader
    assert loader is not None
    digest = hashlib.sha256()
    for name in sorted(set(names)):
        digest.update(name.encode("utf-8") + b"\0")
        try:
            source = loader.get_source(env, name)[0]
        except TemplateNotFound:
            digest.update(b"\1not found\0")
            continue
        digest.update(source.encode("utf-8") + b"\0")
    return digest.hexdigest()


def environment(templates_dir: Path | None) -> BoundedSandbox:
    """The (cached) sandboxed environment for one templates directory."""
    return _environment(search_path(templates_dir))


@lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...], marked: bool = False) -> BoundedSandbox:
    """``marked``: the twin that writes line marks, only to locate a problem (``linemarks``)."""
    env = _Sandbox(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
        extensions=[LineMarks] if marked else [],
        # Folding constants at compile time would compute ``2 ** 10 ** 9`` outside the
        # bounds and outside any template line; every value is computed while rendering.
        optimized=False,
    )
    env.globals["range"] = _bounded_range
    env.filters["long_date"] = _long_date
    env.filters["in_words"] = _in_words
    env.filters["time"] = _time
    return env


def render(name: str, context: Mapping[str, Any], templates_dir: Path | None) -> str:
    """Render template ``name``; any failure becomes an ``AnnexTemplateError`` with its place.

    The result is refused when it holds an address a converter or browser would fetch
    (``references``), at the template line that wrote it.
    """
    html = _render(name, context, templates_dir)
    found = forbidden(html)
    if found:
        raise _fetch_error(name, context, templates_dir, found[0])
    return html


def _fetch_error(
    name: str, context: Mapping[str, Any], templates_dir: Path | None, finding: Finding
) -> AnnexTemplateError:
    """The error for ``finding``, placed by rendering once more with line marks."""
    template, line = name, None
    try:
        env = _environment(search_path(templates_dir), marked=True)
        with bounded():
            marked = forbidden(env.get_template(name).render(context))
    except Exception:  # the unmarked rendering worked; without a place the error still stands
        marked = []
    marks = [f.mark for f in marked if f.url == finding.url and f.mark is not None]
    if marks:
        template, line = place(marks[0])
    return AnnexTemplateError(
        template,
        line,
        code="template-fetches",
        params={"where": finding.where, "url": shown(finding.url)},
        lang=_lang_of(context),
    )


def _lang_of(context: Mapping[str, Any]) -> Lang:
    return "en" if context.get("lang") == "en" else "nl"


def _render(name: str, context: Mapping[str, Any], templates_dir: Path | None) -> str:
    env = environment(templates_dir)
    try:
        with bounded():
            return env.get_template(name).render(context)
    except TemplateSyntaxError as exc:
        raise AnnexTemplateError(
            exc.name or exc.filename or name, exc.lineno, exc.message or ""
        ) from exc
    except Exception as exc:  # failures inside template code are the template's, see _runtime_error
        raise _runtime_error(exc, name, search_path(templates_dir), _lang_of(context)) from exc


def _runtime_error(
    exc: Exception, name: str, folders: tuple[Path, ...], lang: Lang
) -> AnnexTemplateError | Exception:
    """``exc`` as the template's error, at the innermost template line that raised it.

    Whatever a template can make Python raise (a recursion, a giant number, an include of a
    file that is not there) is a mistake in the template, so it is said at the template's
    line in the officer's words. An exception with no template frame in its traceback is
    tenderpack's own bug and is returned unchanged, to surface as an internal error.
    """
    frame: tuple[str, int | None] | None = _template_frame(exc, folders)
    if frame is None:
        if isinstance(exc, TemplateNotFound):  # the annex's own template is not there
            return AnnexTemplateError(_missing_name(exc, name), None, "template not found")
        if not isinstance(exc, (TemplateError, TypeError, ValueError, KeyError, AttributeError)):
            return exc
        frame = (name, None)
    template, line = frame
    code: str | None
    params: dict[str, object] = {}
    if isinstance(exc, TemplateLimit):
        code, params = exc.code, exc.params
    elif isinstance(exc, TemplateNotFound):
        code, params = "template-not-found", {"name": _missing_name(exc, name)}
    else:
        code = next((c for kind, c in _RUNTIME_CODES if isinstance(exc, kind)), None)
    if code is None:
        return AnnexTemplateError(template, line, str(exc))
    return AnnexTemplateError(template, line, code=code, params=params, lang=lang)


# Python's words for these are about Python; the catalogue says what they mean in a template.
_RUNTIME_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (RecursionError, "template-recursion"),
    (MemoryError, "template-out-of-memory"),
    (OverflowError, "template-overflow"),
)


def _missing_name(exc: TemplateNotFound, fallback: str) -> str:
    if isinstance(exc, TemplatesNotFound) and exc.templates:
        return str(exc.templates[-1])
    return exc.name if isinstance(exc.name, str) else fallback


def _template_frame(exc: BaseException, folders: tuple[Path, ...]) -> tuple[str, int] | None:
    """The innermost template frame of a runtime error (Jinja rewrites frames to template lines)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        for folder in folders:
            if path.is_relative_to(folder) and frame.lineno is not None:
                return path.relative_to(folder).as_posix(), frame.lineno
    return None


def _bounded_range(*args: int) -> range:
    """``range()`` in a template: the sandbox's bound, said as the template's mistake."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit("template-range-too-big", limit=MAX_RANGE)
    return numbers


def _lang(context: Context) -> Lang:
    lang = context.get("lang", "nl")
    return "en" if lang == "en" else "nl"


@pass_context
def _long_date(context: Context, day: dt.date) -> str:
    """``{{ day | long_date }}``: 15 juli 2027, in the tender's language."""
    return long_date(day, _lang(context))


@pass_context
def _time(context: Context, day: dt.date) -> Markup:
    """``{{ day | time }}``: the long date inside a machine-readable ``<time>`` element."""
    return Markup('<time datetime="{}">{}</time>').format(
        day.isoformat(), long_date(day, _lang(context))
    )


@pass_context
def _in_words(context: Context, number: int) -> str:
    """``{{ 4 | in_words }}``: vier; the annex writes periods as "vier (4) kalendermaanden"."""
    words = _NUMBER_WORDS[_lang(context)]
    return words[number] if 0 <= number < len(words) else str(number)
