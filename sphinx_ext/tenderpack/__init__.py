"""tenderpack: a Dutch government tender's parameters, made into its annex and onboarding site."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tenderpack")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
