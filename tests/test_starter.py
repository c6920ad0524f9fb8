"""``tenderpack new``: a starter for any profile, made from its data, that validates as it is.

Run through the installed console script, for every shipped profile and for ``harbour``,
the made-up profile of tests/roots/test-profiles: what works for a system tenderpack has
never heard of cannot be a file written by hand for each system.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tenderpack.systems import Registry, load_registry, shipped_registry
from tenderpack.tender.loading import load_tender, load_tender_bytes
from tenderpack.tender.pack import build_pack
from tenderpack.tender.starter import starter_file
from tests.support import run_tenderpack

PROFILES = Path(__file__).parent / "roots" / "test-profiles" / "systems"
CASES = [(system, None) for system in shipped_registry().ids] + [("harbour", PROFILES)]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_tenderpack(*args, cwd=cwd)


def systems_args(systems: Path | None) -> list[str | Path]:
    return ["--systems", systems] if systems else []


def registry_of(systems: Path | None) -> Registry:
    return load_registry(systems) if systems else shipped_registry()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("system", "systems"), CASES, ids=[c[0] for c in CASES])
def test_new_system_validates_and_builds_a_pack(system, systems, lang, tmp_path) -> None:
    made = run("new", "--system", system, "--lang", lang, *systems_args(systems))
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""  # the system was asked for: nothing to point out
    path = tmp_path / "new.yaml"
    path.write_text(made.stdout, encoding="utf-8")
    checked = run("validate", path, *systems_args(systems))
    assert checked.returncode == 0, checked.stderr
    warnings = [line for line in checked.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 2 and all("00000099000000000001" in w for w in warnings), warnings
    assert ": error: " not in checked.stderr

    registry = registry_of(systems)
    profile = registry[system]
    loaded = load_tender(path, registry=registry)
    assert loaded.ok and loaded.tender is not None
    tender = loaded.tender
    assert (tender.schema_version, tender.system, tender.language) == (2, system, lang)
    assert set(tender.connections) == set(profile.connection_ids)  # every option, with defaults
    for key, connection in profile.data.connections.items():
        for name, parameter in connection.parameters().items():
            assert tender.connections[key][name] == parameter.default
    for key, setting in profile.settings.items():
        if setting.default is not None and setting.default_when is None:
            assert tender.setting(key) == setting.default, key
    department = tender.departments[0]
    assert (department.on_system, department.role) == (True, "both")
    pack = build_pack(tender, path, registry)
    assert pack.reference == "2027-XYZ-0001"
    assert pack.checklist


@pytest.mark.parametrize(("system", "systems"), CASES, ids=[c[0] for c in CASES])
def test_the_comments_are_the_profiles_words_in_the_officers_language(system, systems) -> None:
    registry = registry_of(systems)
    profile = registry[system]
    for lang in ("nl", "en"):
        text = starter_file(profile, lang, registry)
        flat = " ".join(line.lstrip("# ").strip() for line in text.splitlines())
        for connection in profile.data.connections.values():
            assert connection.name(lang) in flat
        for setting in profile.settings.values():
            assert " ".join(setting.description(lang).split()) in flat
        assert profile.name in text.splitlines()[0]
    assert "Vul de waarden in" in starter_file(profile, "nl", registry)
    english = starter_file(profile, "en", registry)
    assert "Fill in the values" in english and "Vul de waarden in" not in english


def test_without_system_it_is_the_current_system_and_says_how_to_get_the_seeds_annex() -> None:
    made = run("new")
    assert made.returncode == 0
    assert yaml.safe_load(made.stdout)["system"] == shipped_registry().default == "peppol-rijk"
    said = made.stderr.strip()
    assert said.startswith("tenderpack new: startbestand voor Peppol")
    assert "--system digiinkoop geeft er een voor DigiInkoop, met Bijlage H" in said
    english = run("new", "--lang", "en").stderr
    assert "--system digiinkoop gives one for DigiInkoop, with Annex H" in english


def test_a_projects_default_system_wins(tmp_path) -> None:
    """In a project with its own systems/ (found without --systems), its default is used."""
    (tmp_path / "systems").symlink_to(PROFILES, target_is_directory=True)
    made = run("new", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert yaml.safe_load(made.stdout)["system"] == "harbour"
    assert "--system peppol-rijk" in made.stderr and "--system digiinkoop" in made.stderr


def test_an_unknown_system_lists_the_known_ones() -> None:
    made = run("new", "--system", "ferry")
    assert made.returncode == 2
    assert made.stdout == ""
    assert made.stderr.strip() == (
        "tenderpack new: --system 'ferry' is geen bekend inkoopsysteem; kies uit "
        "digiinkoop, peppol-rijk"
    )
    known = run("new", "--system", "ferry", "--systems", PROFILES, "--lang", "en").stderr
    assert known.strip().endswith("choose from digiinkoop, harbour, peppol-rijk")


def test_options_a_rule_ties_together_are_left_to_the_officer(tmp_path) -> None:
    """When offering every option breaks a rule of the profile, only the mandatory ones are."""
    systems = tmp_path / "systems"
    shutil.copytree(PROFILES, systems)
    profile_yaml = systems / "harbour" / "profile.yaml"
    text = profile_yaml.read_text(encoding="utf-8")
    rule = (
        "rules:\n  - id: tugs-need-manifests\n    when: {connection: tug}\n"
        "    require: {setting: manifest, equals: true}\n"
        "    message: {nl: sleepboot vraagt manifest, en: a tug needs a manifest}\n"
    )
    profile_yaml.write_text(text.replace("rules:\n", rule, 1), encoding="utf-8")
    registry = load_registry(systems)
    made = starter_file(registry["harbour"], "nl", registry)
    loaded = load_tender_bytes(made.encode(), Path("new.yaml"), "nl", registry)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.tender is not None and list(loaded.tender.connections) == ["berth"]
