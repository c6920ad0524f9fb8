"""Sphinx configuration of the tenderpack onboarding site: ``sphinx-build . _build/html``.

The source folder is the repository root, so the hand-written pages live in ``docs/`` and
the extension generates each tender's section in ``tenders/<reference>/``; everything else
in the repository is excluded (the excluded folders are not even walked).
"""

from __future__ import annotations

project = "Onboarding aanbestedingen"
author = "tenderpack"
copyright = "Rijksoverheid"
language = "nl"

extensions = ["tenderpack.sphinx"]

root_doc = "docs/index"
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = [
    ".*",  # .git, .venv and other tool folders
    "_build",
    "bench",
    "node_modules",
    "scripts",
    "sphinx_ext",
    "templates",
    "test-results",
    "tests",
    "README.md",
]

tenderpack_tenders_dir = "tenders"
tenderpack_templates_dir = "templates"
tenderpack_annex_formats = ["pdf", "docx"]

# Gaps in the privacy notices as their services published them (docs/privacy/ transcribes
# them faithfully; tenderpack fills in nothing). Accepted per element, so the strict build
# passes; they stay visible as "missing, accepted" in the completeness table on the privacy
# page, and a new gap (after a notice is updated) still fails the build.
tenderpack_privacy_accepted_gaps = {
    "digiinkoop": ["dpo", "rights", "provision", "source", "automated_decisions"],
    "digid-machtigen": [
        "dpo",
        "purposes",
        "transfers",
        "rights",
        "complaint",
        "provision",
        "source",
        "automated_decisions",
    ],
    "mijnoverheid": ["dpo", "provision", "source", "automated_decisions"],
    "mijnoverheid-m1931": ["dpo", "rights", "complaint"],
}

html_theme = "tenderpack"
html_title = project
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
# The site root forwards to the home page, which lives in docs/ with the other hand-written pages.
html_additional_pages = {"index": "redirect.html"}

myst_enable_extensions = ["deflist"]  # the guide's field list
myst_heading_anchors = 3
