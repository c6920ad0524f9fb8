"""A loaded purchasing-system profile, and the registry of all profiles a run may use.

The profile's data is its validated ``profile.yaml`` and ``checklist.yaml``; what is here
only answers the questions the rest of tenderpack asks of it, so that no caller needs to
know a system's ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tenderpack.messages import Lang
from tenderpack.systems.spec import (
    ContractDeadline,
    LawDeadline,
    ProfileFile,
    Setting,
    Step,
    Version1Mapping,
)


@dataclass(frozen=True, eq=False)
class Profile:
    """One purchasing system: its data and where it came from."""

    data: ProfileFile
    steps: tuple[Step, ...]
    folder: Path
    shipped: bool  # part of tenderpack, not of the project

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def name(self) -> str:
        return self.data.name

    @property
    def connection_ids(self) -> tuple[str, ...]:
        return tuple(self.data.connections)

    @property
    def mandatory_connections(self) -> tuple[str, ...]:
        return tuple(key for key, c in self.data.connections.items() if c.mandatory)

    @property
    def channel_ids(self) -> tuple[str, ...]:
        return tuple(self.data.channels)

    @property
    def settings(self) -> dict[str, Setting]:
        return self.data.settings

    def connection_name(self, key: str, lang: Lang) -> str:
        return self.data.connections[key].name(lang)

    def channel_name(self, key: str, lang: Lang) -> str:
        return self.data.channels[key](lang)

    def owner_name(self, key: str, lang: Lang) -> str:
        return self.data.owners[key](lang)

    def deadline_rule(self, key: str) -> LawDeadline | ContractDeadline:
        return self.data.connections[key].deadline

    def annex_title(self, lang: Lang) -> str:
        return self.data.annex.title(lang)

    def annex_short(self, lang: Lang) -> str:
        return self.data.annex.short(lang)

    def version_1(self) -> Version1Mapping | None:
        block = self.data.version_1
        if block is None:
            return None
        fields = {key: tuple(path.split(".")) for key, path in block.fields.items()}
        return Version1Mapping(self.id, block.department_flag, fields)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: models are cached per registry
class Registry:
    """Every profile a run may use: the shipped ones, replaced or added to by a project's."""

    profiles: dict[str, Profile]
    default: str
    folders: tuple[Path, ...] = field(default=())  # where they were read from, for messages

    def __contains__(self, system_id: object) -> bool:
        return system_id in self.profiles

    def __getitem__(self, system_id: str) -> Profile:
        return self.profiles[system_id]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(sorted(self.profiles))

    @property
    def version_1(self) -> Version1Mapping | None:
        """The mapping of the profile that reads ``schema_version: 1`` files, if any."""
        for system_id in self.ids:
            mapping = self.profiles[system_id].version_1()
            if mapping is not None:
                return mapping
        return None

    def all_channels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for p in self.profiles.values() for c in p.channel_ids))

    def all_connections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for p in self.profiles.values() for c in p.connection_ids))
