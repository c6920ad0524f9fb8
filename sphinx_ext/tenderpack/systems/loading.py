"""Read profile folders into a ``Registry``: the shipped ones, then a project's own.

A project's ``systems/<id>/`` replaces the shipped profile of the same id whole, or adds a
new one. Each file goes through the same stages as a tender file (YAML, model, then the
checks across its parts), and every problem is reported at its file and line; one bad
profile stops the run, since every tender on it would be built from wrong data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang, text
from tenderpack.reading.explain import translate, type_code
from tenderpack.reading.yamlsource import Document, SourceMap, parse_yaml, read_head, unreadable
from tenderpack.systems.checks import check_profile
from tenderpack.systems.profile import Profile, Registry
from tenderpack.systems.spec import ChecklistFile, ProfileFile

PROFILE_FILE, CHECKLIST_FILE = "profile.yaml", "checklist.yaml"
_M = TypeVar("_M", bound=BaseModel)


class ProfileError(Exception):
    """A profile folder could not be used; ``diagnostics`` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


def shipped_folder() -> Path:
    return Path(str(resources.files("tenderpack").joinpath("systems")))


def _read(path: Path, lang: Lang, root: Path | None) -> Document:
    try:
        data, size = read_head(path, root)
    except OSError as exc:
        return unreadable(path, lang, exc)
    return parse_yaml(data, path, lang, size=size, subject="profile")


def _validate(
    document: Document, model: type[_M], lang: Lang
) -> tuple[_M | None, list[Diagnostic]]:
    found = list(document.diagnostics)
    if document.data is None or found:
        return None, found
    if not isinstance(document.data, dict):
        message = text("not-a-mapping", lang, found=text(type_code(document.data), lang))
        return None, [Diagnostic(document.path, 1, 1, Severity.ERROR, message, "not-a-mapping")]
    try:
        return model.model_validate(document.data), found
    except ValidationError as exc:
        return None, [*found, *translate(exc, document, lang, model)]


def load_profile(folder: Path, lang: Lang = "nl", shipped: bool = False) -> Profile:
    """One profile folder, checked whole. Raises ``ProfileError`` with every problem found."""
    root = None if shipped else folder.parent
    profile_doc = _read(folder / PROFILE_FILE, lang, root)
    checklist_doc = _read(folder / CHECKLIST_FILE, lang, root)
    data, problems = _validate(profile_doc, ProfileFile, lang)
    checklist, more = _validate(checklist_doc, ChecklistFile, lang)
    problems += more
    if data is None or checklist is None:
        raise ProfileError(problems)
    sources: dict[str, tuple[Path, SourceMap]] = {
        "profile": (profile_doc.path, profile_doc.source),
        "checklist": (checklist_doc.path, checklist_doc.source),
    }
    for problem in check_profile(data, checklist, folder.name):
        path, source = sources[problem.file]
        where = source.value(problem.loc)
        message = text(problem.code, lang, **problem.params)
        problems.append(
            Diagnostic(path, where.line, where.column, Severity.ERROR, message, problem.code)
        )
    if problems:
        raise ProfileError(sorted(problems, key=Diagnostic.sort_key))
    return Profile(data, tuple(checklist.steps), folder, shipped)


def _folders(parent: Path) -> list[Path]:
    return sorted(p for p in parent.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


@cache
def _shipped() -> tuple[Profile, ...]:
    return tuple(load_profile(folder, shipped=True) for folder in _folders(shipped_folder()))


def load_registry(project_systems: Path | None = None, lang: Lang = "nl") -> Registry:
    """The shipped profiles, with those in ``project_systems`` (if given) replacing or added.

    Raises ``ProfileError`` when a folder is missing, a profile is invalid, or the default
    system is not exactly one.
    """
    profiles = {p.id: p for p in _shipped()}
    own: list[Profile] = []
    problems: list[Diagnostic] = []
    if project_systems is not None:
        if not project_systems.is_dir():
            message = text("systems-folder-missing", lang, path=project_systems)
            raise ProfileError(
                [
                    Diagnostic(
                        project_systems, 1, 1, Severity.ERROR, message, "systems-folder-missing"
                    )
                ]
            )
        for folder in _folders(project_systems):
            try:
                own.append(load_profile(folder, lang))
            except ProfileError as exc:
                problems += exc.diagnostics
    if problems:
        raise ProfileError(problems)
    for profile in own:
        profiles[profile.id] = profile
    default = _default(own, list(profiles.values()), lang)
    folders = (shipped_folder(),) + ((project_systems,) if project_systems else ())
    return Registry(dict(sorted(profiles.items())), default, folders)


def _default(own: list[Profile], every: list[Profile], lang: Lang) -> str:
    """The system ``tenderpack new`` starts from: a project's own default wins."""
    for layer in (own, every):
        marked = [p for p in layer if p.data.default]
        if len(marked) == 1:
            return marked[0].id
        if len(marked) > 1:
            paths = ", ".join(str(p.folder / PROFILE_FILE) for p in marked)
            path = marked[1].folder / PROFILE_FILE
            message = text("profile-several-defaults", lang, files=paths)
            raise ProfileError(
                [Diagnostic(path, 1, 1, Severity.ERROR, message, "profile-several-defaults")]
            )
    return sorted(p.id for p in every)[0]


@cache
def shipped_registry() -> Registry:
    """The profiles tenderpack ships, for runs that name no project folder."""
    return load_registry(None)
