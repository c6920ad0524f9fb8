"""The Sphinx extension ``tenderpack.sphinx``: an onboarding site section for every tender.

Thin on purpose (as sphinx-design does it): each component lives in its own module with a
``setup_<component>(app)`` function, and this module only wires them together. Only this
subpackage imports Sphinx.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from tenderpack import __version__


def setup(app: Sphinx) -> dict[str, Any]:
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
