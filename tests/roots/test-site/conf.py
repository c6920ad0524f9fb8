# A small site: two tenders (Dutch and English), directives used in MyST and in reST.
extensions = ["tenderpack.sphinx"]
project = "Testsite"
language = "nl"
root_doc = "index"
exclude_patterns = ["_build", "templates"]
html_theme = "tenderpack"
tenderpack_annex_formats = []
