"""Privacy notices as data: the services' statements and register entries, checked against
AVG (GDPR) art. 13/14 and rendered for the onboarding site.

One job per module: ``model`` (the format), ``loading`` (files to models, located errors),
``check`` (which required elements are missing), ``summary`` (what a supplier needs to
know), ``render`` (docutils nodes), ``schema`` (JSON Schema), ``command`` (the
``check-privacy`` CLI). None of them imports Sphinx; ``tenderpack.sphinx.privacy`` does.
"""
