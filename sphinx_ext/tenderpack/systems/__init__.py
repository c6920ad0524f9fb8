"""Purchasing systems as profiles: one folder of data per system, read into a ``Registry``.

Shipped profiles live in the folders beside this file; a project adds or replaces them with
its own ``systems/`` folder. See docs/develop/profiles.md for the format.
"""

from tenderpack.systems.loading import ProfileError, load_registry, shipped_registry
from tenderpack.systems.profile import Profile, Registry

__all__ = ["Profile", "ProfileError", "Registry", "load_registry", "shipped_registry"]
