"""The officers' guide (docs/guide.md) keeps up with the tender format it describes.

The field names and choices are read from the models tenderpack validates version 2 files
with, one per shipped profile (``versions.tender_models``), so a field or choice added to
the code or to a profile fails here until the guide explains it. The guide's own YAML
examples are checked by the real command and by the JSON Schema an editor would use.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import jsonschema
import pytest
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from tenderpack.systems import shipped_registry
from tenderpack.tender.versions import tender_models
from tests.support import run_tenderpack

ROOT = Path(__file__).parent.parent
GUIDE = ROOT / "docs" / "guide.md"
CHOOSING = ROOT / "docs" / "choosing-a-system.md"
TENDERPACK = Path(sys.executable).with_name("tenderpack")
# A fenced block, also one indented inside a list item: (fence, info string, body).
FENCE = re.compile(r"^[ \t]*(`{3,})([^\n`]*)\n(.*?)^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


def _prose(markdown: str) -> str:
    """The page without its fenced blocks: a name only in an example is not explained."""
    return FENCE.sub("", markdown)


def _inline_code(markdown: str) -> set[str]:
    """Every word (letters, digits, ``_``, ``-``) inside an inline code span of the prose."""
    words: set[str] = set()
    for span in re.findall(r"`([^`\n]+)`", _prose(markdown)):
        words.update(re.findall(r"[A-Za-z0-9_][A-Za-z0-9_-]*", span))
    return words


def _types_in(annotation: Any) -> Iterator[Any]:
    """The annotation and every type nested in it (Annotated, unions, list[...])."""
    yield annotation
    if get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for argument in get_args(annotation):
            yield from _types_in(argument)


def _walk(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[tuple[str, Any]]:
    """(field name, annotation) of ``model`` and of every model its fields hold."""
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield name, info.annotation
        for inner in _types_in(info.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from _walk(inner, seen)


def _version_2_models() -> dict[str, type[BaseModel]]:
    return tender_models(shipped_registry()).version_2


def _field_names(model: type[BaseModel]) -> set[str]:
    return {name for name, _ in _walk(model, set())}


def _choices(model: type[BaseModel]) -> set[str]:
    """Every value a Literal in the model allows: roles, moments, formats, languages..."""
    values: set[str] = set()
    for _, annotation in _walk(model, set()):
        for inner in _types_in(annotation):
            if get_origin(inner) is Literal:
                values.update(str(value) for value in get_args(inner))
    return values


def test_the_models_are_walked_deep_enough():
    """Guard for the test itself: nested parts (departments, connections, settings) count."""
    models = _version_2_models()
    assert set(models) == set(shipped_registry().ids)
    peppol = _field_names(models["peppol-rijk"])
    assert {"role", "on_system", "before", "order_reference_label", "award"} <= peppol
    assert {"months", "catalogue"} <= _field_names(models["digiinkoop"])
    assert {"orders", "first_invoice", "nlcius"} <= _choices(models["peppol-rijk"])


@pytest.mark.parametrize("system", sorted(shipped_registry().ids))
def test_guide_explains_every_version_2_field(system: str):
    named = _inline_code(GUIDE.read_text(encoding="utf-8"))
    missing = sorted(_field_names(_version_2_models()[system]) - named)
    assert not missing, f"docs/guide.md does not explain these {system} fields: {missing}"


@pytest.mark.parametrize("system", sorted(shipped_registry().ids))
def test_guide_names_every_version_2_choice(system: str):
    named = _inline_code(GUIDE.read_text(encoding="utf-8"))
    missing = sorted(_choices(_version_2_models()[system]) - named)
    assert not missing, f"docs/guide.md does not name these {system} values: {missing}"


def test_pages_name_every_shipped_system():
    for page in (GUIDE, CHOOSING):
        named = _inline_code(page.read_text(encoding="utf-8"))
        assert set(shipped_registry().ids) <= named, page


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 as an editor's language server reads it: an unquoted date stays text."""


_EditorConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)


def _tender_examples(page: Path) -> list[str]:
    """The YAML blocks of ``page`` that are whole tender files, not snippets."""
    return [
        body
        for _, info, body in FENCE.findall(page.read_text(encoding="utf-8"))
        if info.strip() == "yaml"
        and all(
            re.search(rf"^{key}:", body, re.MULTILINE) for key in ("schema_version", "reference")
        )
    ]


def test_guide_has_a_full_example_of_each_version():
    versions = {
        re.search(r"^schema_version: (\d)", body, re.MULTILINE).group(1)  # type: ignore[union-attr]
        for body in _tender_examples(GUIDE)
    }
    assert versions == {"1", "2"}


@pytest.mark.parametrize("index", range(len(_tender_examples(GUIDE))))
def test_guide_examples_validate(index: int, tmp_path: Path):
    """What an officer copies from the guide passes ``tenderpack validate`` as it stands."""
    path = tmp_path / f"example-{index}.yaml"
    path.write_text(_tender_examples(GUIDE)[index], encoding="utf-8")
    result = subprocess.run(
        [str(TENDERPACK), "validate", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " error: " not in result.stdout + result.stderr
    assert " warning: " not in result.stdout + result.stderr


@pytest.mark.parametrize("index", range(len(_tender_examples(GUIDE))))
def test_guide_examples_match_the_schema_an_editor_uses(index: int):
    """The schema of ``tenderpack schema`` accepts the guide's examples, as an editor would."""
    schema = json.loads(
        subprocess.run(
            [str(TENDERPACK), "schema"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=True,
        ).stdout
    )
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _EditorConstructor
    data = json.loads(json.dumps(yaml.load(_tender_examples(GUIDE)[index])))
    jsonschema.Draft202012Validator(schema).validate(data)


def _run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_tenderpack(*args, cwd=cwd)


def test_guide_shows_the_messages_validate_prints(tmp_path: Path):
    """The guide's sample messages are the real output for its example with the two typos."""
    guide = GUIDE.read_text(encoding="utf-8")
    shown = next(
        body
        for _, info, body in FENCE.findall(guide)
        if info.strip() == "text" and " error: " in body
    )
    example = _tender_examples(GUIDE)[0]
    broken = example.replace("{before: first_order}", "{before: first_invoic}").replace(
        '"4500012345"', '"PO 4500012345"'
    )
    assert broken.count("first_invoic}") == 1 and '"PO 4500012345"' in broken
    name = re.search(r"^tenders/([^:]+):", shown, re.MULTILINE).group(1)  # type: ignore[union-attr]
    (tmp_path / "tenders").mkdir()
    (tmp_path / "tenders" / name).write_text(broken, encoding="utf-8")
    result = _run("validate", cwd=tmp_path)
    assert result.returncode == 1
    printed = (result.stdout + result.stderr).splitlines()
    assert sorted(printed) == sorted(shown.strip().splitlines())


def _commands(page: Path) -> Iterator[tuple[str, list[str]]]:
    """(command, its --options) of every ``.venv/bin/tenderpack`` line in the page's code."""
    for _, _, body in FENCE.findall(page.read_text(encoding="utf-8")):
        for line in body.splitlines():
            found = re.match(r"\s*\.venv/bin/tenderpack\s+([a-z-]+)(.*)", line)
            if found:
                words = found.group(2).split("#")[0].split()
                yield found.group(1), [w.split("=")[0] for w in words if w.startswith("--")]


@pytest.mark.parametrize("page", [GUIDE, ROOT / "README.md"], ids=["guide", "readme"])
def test_documented_commands_and_options_exist(page: Path):
    """A command or option the page tells an officer to type is one tenderpack has."""
    commands = dict[str, set[str]]()
    for command, options in _commands(page):
        commands.setdefault(command, set()).update(options)
    if page == GUIDE:
        assert {"validate", "show", "new", "schema", "migrate"} <= set(commands)
    for command, named in commands.items():
        if command.startswith("-"):
            continue
        result = _run(command, "--help")
        assert result.returncode == 0, f"{page.name}: tenderpack {command} does not exist"
        for option in named:
            assert re.search(rf"{option}\b", result.stdout), f"{command} has no {option}"
