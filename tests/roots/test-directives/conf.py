# One page per directive, for doctree snapshots.
extensions = ["tenderpack.sphinx"]
project = "Directives"
language = "nl"
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "tenderpack"
tenderpack_annex_formats = []
