# A tender whose text tries HTML, MyST, reST and Jinja: every page must show it literally.
extensions = ["tenderpack.sphinx"]
project = "Hostile"
language = "nl"
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "tenderpack"
tenderpack_annex_formats = ["html"]
