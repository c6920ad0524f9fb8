"""What tenderpack makes from a ``TenderPack``: the annex, the calendar file, the plain-text report.

The onboarding site is made by the Sphinx extension in ``tenderpack.sphinx``.
"""
