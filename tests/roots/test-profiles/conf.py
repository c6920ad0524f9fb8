# A site whose tenders use a purchasing system that only this project defines.
extensions = ["tenderpack.sphinx"]
project = "Haven"
language = "nl"
root_doc = "index"
exclude_patterns = ["_build", "templates", "systems"]
html_theme = "tenderpack"
tenderpack_systems_dir = "systems"
tenderpack_templates_dir = "templates"
