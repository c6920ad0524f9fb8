# One valid tender, one with errors, one with a duplicate reference, one with a warning.
extensions = ["tenderpack.sphinx"]
project = "Broken"
language = "nl"
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "tenderpack"
tenderpack_annex_formats = []
