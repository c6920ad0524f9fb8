"""The extension's configuration values, and one typed view of them (``Settings``).

Each value has a deliberate rebuild scope, because the wrong one makes every build slow
(``"env"`` re-reads all pages) or leaves pages stale:

- ``tenderpack_tenders_dir`` (``"env"``): another folder is another site; everything is read again.
- ``tenderpack_site_dir`` (``"env"``): the generated section moves, so every link to it changes.
- ``tenderpack_templates_dir`` and ``tenderpack_annex_formats`` (``""``): only the pages that
  embed the annex depend on them. Sphinx would re-read all pages for ``"env"``; instead
  ``tracking`` compares them with the last build and re-reads just those pages.
- ``tenderpack_systems_dir`` (``""``): a project's own purchasing-system profiles. Only the
  tenders on a changed profile change; ``store`` notices it (the profiles' bytes are part of
  its key and of each tender's snapshot), so just their pages are read again. Unset, it is
  the ``systems/`` folder beside conf.py when there is one, as ``tenderpack validate`` run
  in the project reads it: the command line and the site must see the same systems.

Values are checked once, on ``config-inited``: a wrong value is a ``ConfigError`` that
names it, not a traceback in the middle of the build.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from tenderpack import options
from tenderpack.messages import Lang, text
from tenderpack.outputs.annex import FORMATS

DEFAULT_FORMATS = ["pdf", "docx"]
DEFAULT_SYSTEMS = "systems"  # a project's profiles folder when conf.py names none


@dataclass(frozen=True, slots=True)
class Settings:
    """The configuration as the components use it: absolute paths and a checked tuple."""

    tenders_dir: Path
    site_dir: str  # docname folder of the generated section, e.g. "tenders"
    templates_dir: Path | None
    systems_dir: Path | None  # a project's own profiles, added to or replacing the shipped ones
    annex_formats: tuple[str, ...]
    site_lang: Lang  # the site's own language: nl unless ``language`` is English


def settings(config: Config) -> Settings:
    """The typed view of ``config`` (cheap: computed on demand, never stored on the config)."""
    base = Path(config.tenderpack_confdir or ".")
    templates = config.tenderpack_templates_dir
    return Settings(
        tenders_dir=(base / config.tenderpack_tenders_dir).resolve(),
        site_dir=str(config.tenderpack_site_dir).strip("/"),
        templates_dir=(base / templates).resolve() if templates else None,
        systems_dir=systems_folder(base, config.tenderpack_systems_dir),
        annex_formats=tuple(config.tenderpack_annex_formats),
        site_lang=site_language(config.language),
    )


def systems_folder(base: Path, value: str | os.PathLike[str] | None) -> Path | None:
    """The project's profiles folder: as configured, else ``systems/`` when it exists."""
    if value:
        return (base / value).resolve()
    default = base / DEFAULT_SYSTEMS
    return default.resolve() if default.is_dir() else None


def site_language(language: str | None) -> Lang:
    return "en" if (language or "").lower().startswith("en") else "nl"


def parse_formats(value: object) -> list[str]:
    """A list, tuple or comma-separated string of annex formats; empty means none.

    The same reading as ``build --formats`` and ``annex --format`` (``tenderpack.options``).
    """
    if not isinstance(value, str | list | tuple):
        raise ConfigError(
            f"tenderpack_annex_formats must be a list or a comma-separated string, not {value!r}"
        )
    try:
        return options.parse_formats(value)
    except options.UnknownFormat as unknown:
        raise ConfigError(
            f"tenderpack_annex_formats: unknown format {unknown.name!r}; "
            f"choose from {', '.join(FORMATS)} (or leave it empty for no annex files)"
        ) from unknown


def _check(app: Sphinx, config: Config) -> None:
    config.tenderpack_annex_formats = parse_formats(config.tenderpack_annex_formats)
    site_dir = str(config.tenderpack_site_dir).strip("/")
    if not site_dir or ".." in site_dir.split("/"):
        raise ConfigError(
            f"tenderpack_site_dir must be a folder inside the source folder, not {site_dir!r}"
        )
    # Relative paths are relative to the folder of conf.py, as Sphinx's own paths are.
    config.tenderpack_confdir = str(app.confdir)
    templates = settings(config).templates_dir
    if templates is not None and not templates.is_dir():
        # Falling back to the built-in templates would publish another text than the project's.
        message = text(
            "template-folder-missing",
            site_language(config.language),
            path=templates,
            option="tenderpack_templates_dir",
        )
        _stop(Path(app.confdir) / "conf.py", "tenderpack_templates_dir", message)
    systems = config.tenderpack_systems_dir
    if systems and not (Path(app.confdir) / systems).is_dir():
        # Building on the shipped profiles alone would reject (or misread) the project's tenders.
        message = text(
            "option-systems-missing",
            site_language(config.language),
            path=(Path(app.confdir) / systems).resolve(),
            option="tenderpack_systems_dir",
        )
        _stop(Path(app.confdir) / "conf.py", "tenderpack_systems_dir", message)


def _stop(conf_py: Path, name: str, message: str) -> NoReturn:
    """Say what is wrong with a value in conf.py in one located line, and stop with exit 2.

    A ``ConfigError`` would do, but Sphinx 9 prints every exception, ``ConfigError``
    included, as a crash report with a traceback and a request to report it to the Sphinx
    developers; a wrong folder name is the user's mistake, not a crash.
    """
    line = _assignment_line(conf_py, name)
    where = f"{conf_py}:{line}" if line else str(conf_py)
    print(f"{where}: error: {name}: {message}", file=sys.stderr)
    raise SystemExit(2)


def _assignment_line(conf_py: Path, name: str) -> int | None:
    """The line of ``name = …`` in conf.py (None when it is set otherwise, e.g. with ``-D``)."""
    try:
        lines = conf_py.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"{re.escape(name)}\s*[:=]")
    return next((i for i, text in enumerate(lines, 1) if pattern.match(text)), None)


def setup_config(app: Sphinx) -> None:
    app.add_config_value(
        "tenderpack_tenders_dir",
        "tenders",
        "env",
        types=(str, os.PathLike),
        description="folder of the tender files (relative to conf.py)",
    )
    app.add_config_value(
        "tenderpack_site_dir",
        "tenders",
        "env",
        types=(str,),
        description="source folder where the per-tender pages are generated",
    )
    app.add_config_value(
        "tenderpack_templates_dir",
        None,
        "",
        types=(str, os.PathLike, type(None)),
        description="a project's own templates folder (overrides tenderpack's defaults)",
    )
    app.add_config_value(
        "tenderpack_systems_dir",
        None,
        "",
        types=(str, os.PathLike, type(None)),
        description=(
            "a project's own purchasing-system profiles (default: systems/ beside conf.py "
            "when it exists)"
        ),
    )
    app.add_config_value(
        "tenderpack_annex_formats",
        list(DEFAULT_FORMATS),
        "",
        types=(list, tuple, str),
        description="annex files to write and offer for download: html, pdf, docx",
    )
    # Set on config-inited, not by users; "" keeps it out of the rebuild decision.
    app.add_config_value("tenderpack_confdir", "", "", types=(str,))
    app.connect("config-inited", _check)
