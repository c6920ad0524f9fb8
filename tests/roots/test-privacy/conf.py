extensions = ["myst_parser", "tenderpack.sphinx.privacy"]
language = "nl"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
tenderpack_privacy_dir = "privacy"
# The hostile notice exists to test escaping; its gaps are accepted so a clean build is quiet.
tenderpack_privacy_accepted_gaps = {"evil": ["*"]}
