"""The Sphinx extension ``tenderpack.sphinx``: an onboarding site section for every tender.

Thin on purpose (as sphinx-design does it): each component lives in its own module with a
``setup_<component>(app)`` function, and this module only wires them together. Only this
subpackage imports Sphinx.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from tenderpack import __version__
from tenderpack.sphinx.annex_page import setup_annex_page
from tenderpack.sphinx.calendar import setup_calendar
from tenderpack.sphinx.checklist import setup_checklist
from tenderpack.sphinx.config import setup_config
from tenderpack.sphinx.deadlines import setup_deadlines
from tenderpack.sphinx.departments import setup_departments
from tenderpack.sphinx.generator import setup_generator
from tenderpack.sphinx.links import setup_links
from tenderpack.sphinx.overview import setup_overview
from tenderpack.sphinx.pages import setup_pages
from tenderpack.sphinx.privacy import setup_privacy
from tenderpack.sphinx.rewrites import setup_rewrites
from tenderpack.sphinx.theme import setup_theme
from tenderpack.sphinx.tracking import setup_tracking

# Bump when the data kept on the environment changes shape: Sphinx then reads everything again.
ENV_VERSION = 3  # 3: pages record their section (names depend on the profile)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")  # the generated page sources are MyST
    setup_config(app)
    setup_generator(app)
    setup_tracking(app)
    setup_rewrites(app)
    setup_links(app)
    setup_checklist(app)
    setup_deadlines(app)
    setup_departments(app)
    setup_annex_page(app)
    setup_calendar(app)
    setup_overview(app)
    setup_pages(app)
    setup_privacy(app)
    setup_theme(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
