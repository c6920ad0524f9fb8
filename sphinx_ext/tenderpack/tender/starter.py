"""``tenderpack new``: a commented starter file that validates as it is.

The OINs are test OINs (prefix 00000099), so validation warns until the officer fills in
the real ones: the file is valid, but cannot be published by mistake without a warning.
"""

from __future__ import annotations

from importlib import resources

from tenderpack.messages import Lang


def starter_file(lang: Lang) -> str:
    name = "en.yaml" if lang == "en" else "nl.yaml"
    return resources.files("tenderpack.tender").joinpath("starters", name).read_text("utf-8")
