"""Shared pytest setup: Sphinx's own testing fixtures and where our testroots live."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Testroots for ``@pytest.mark.sphinx(testroot=...)``: ``tests/roots/test-<name>``."""
    return Path(__file__).parent / "roots"
