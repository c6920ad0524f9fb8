"""What a tender reference must not be, because it names folders and files on every system.

A reference becomes the site's section folder ``tenders/<reference>/`` (in the sources and in
the built site) and the start of the annex files' names, on whichever system builds the site
or unpacks it. So it must be a name that every file system can create and keeps apart:

- Windows and macOS compare names without case: ``2027-BZK-0042`` and ``2027-bzk-0042`` are
  one folder there, so references are compared by ``reference_key`` (case-folded).
- Windows reserves its device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9), with any extension
  too (``aux.txt`` is AUX), and drops a trailing dot or space from a name.
- A folder named like a source file (``x.md``, ``x.rst``, ``x.yaml``, ``x.yml``) collides with
  that file: the tender files live in ``tenders/`` next to the sections.
- The site writes its own overview page into the same folder (``tenders/index.md``, built to
  ``index.html``), so ``index`` with any extension is taken.

The model calls ``reference_problem`` before its pattern, so each gets its own message; the
JSON Schema refuses the same names with ``RESERVED_PATTERN``.
"""

from __future__ import annotations

import re

from tenderpack.reading.yamlsource import YAML_SUFFIXES

DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{port}{n}" for port in ("COM", "LPT") for n in range(10)]
)
SOURCE_SUFFIXES = (".md", ".rst", *YAML_SUFFIXES)
# The page the site generates next to the sections (tenderpack.sphinx.generator writes it).
OVERVIEW_PAGE = "index"


def reference_key(reference: str) -> str:
    """What two references are compared by: equal keys are one folder on Windows and macOS."""
    return reference.casefold()


def reference_problem(reference: str) -> tuple[str, dict[str, str]] | None:
    """The message code and its parameters when ``reference`` cannot be a folder, else None."""
    if reference.endswith((".", " ")):
        return "reference-trailing", {}
    stem = reference.split(".", 1)[0]
    if stem.upper() in DEVICE_NAMES:
        return "reference-device-name", {"name": stem.upper()}
    suffix = next((s for s in SOURCE_SUFFIXES if reference.lower().endswith(s)), None)
    if suffix is not None:
        return "reference-suffix", {"suffix": suffix}
    if stem.casefold() == OVERVIEW_PAGE:
        return "reference-site-name", {"name": OVERVIEW_PAGE}
    return None


def _any_case(word: str) -> str:
    """``con`` as ``[Cc][Oo][Nn]``: ECMA-262 patterns in a JSON Schema have no ``i`` flag."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


def _reserved_pattern() -> str:
    stems = sorted(DEVICE_NAMES | {OVERVIEW_PAGE.upper()})
    names = "|".join(_any_case(stem) for stem in stems)
    suffixes = "|".join(_any_case(suffix.lstrip(".")) for suffix in SOURCE_SUFFIXES)
    return rf"^(?:{names})(?:\.|$)|\.(?:{suffixes})$|[. ]$"


RESERVED_PATTERN = _reserved_pattern()
