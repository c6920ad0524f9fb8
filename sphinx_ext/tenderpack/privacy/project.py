"""The privacy notices a tender's project has, found without running Sphinx.

``validate`` checks a tender's ``privacy_notices`` against the notice files the site will
publish; otherwise an unknown id passes and only the build reports it, at a page it
generated. The project is the nearest folder above the tender file that holds a
``conf.py``; its notice folder is ``tenderpack_privacy_dir`` from that file, read as a
literal (conf.py is not run: validating must not execute code), else ``docs/privacy``.
A tender outside a project, a folder that is not there, or a value that is not a literal
string leave nothing to check against, so nothing is checked.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from tenderpack.reading.yamlsource import find_yaml_files

DEFAULT_NOTICE_DIR = "docs/privacy"
CONF_PY = "conf.py"
_SETTING = "tenderpack_privacy_dir"


@dataclass(frozen=True, slots=True)
class NoticeFolder:
    """The notice folder of a project: as conf.py names it, and the ids its files give."""

    name: str  # as written in conf.py (or the default), for messages
    ids: frozenset[str]


def project_root(tender: Path) -> Path | None:
    """The nearest folder above ``tender`` that holds a ``conf.py``."""
    for folder in tender.resolve().parents:
        if (folder / CONF_PY).is_file():
            return folder
    return None


def _configured_dir(conf_py: Path) -> str | None:
    """``tenderpack_privacy_dir`` when conf.py sets it to a literal string, the default when
    it does not set it, None when it sets it otherwise or cannot be read."""
    try:
        tree = ast.parse(conf_py.read_bytes(), filename=str(conf_py))
    except (OSError, SyntaxError, ValueError):
        return None
    found: str | None = DEFAULT_NOTICE_DIR
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        if any(isinstance(t, ast.Name) and t.id == _SETTING for t in targets):
            literal = value.value if isinstance(value, ast.Constant) else None
            found = literal if isinstance(literal, str) else None
    return found


def notice_folder(root: Path) -> NoticeFolder | None:
    """The notices of the project in ``root``; None when there is nothing to check against."""
    name = _configured_dir(root / CONF_PY)
    if name is None or not (root / name).is_dir():
        return None
    return NoticeFolder(name.strip("/"), frozenset(p.stem for p in find_yaml_files([root / name])))
