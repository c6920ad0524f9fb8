# A site that mixes the two shipped purchasing systems: each tender's annex page is named,
# titled and offers its downloads as its own profile names its annex.
extensions = ["tenderpack.sphinx"]
project = "Bijlagen"
language = "nl"
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "tenderpack"
tenderpack_annex_formats = ["html", "pdf", "docx"]
