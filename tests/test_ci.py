"""The CI files: valid for their platforms, and both delegating to scripts/pipeline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB_WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB_CI = ROOT / ".gitlab-ci.yml"
PIPELINE = ROOT / "scripts" / "pipeline"


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", GITHUB_WORKFLOW), ("vendor.gitlab-ci", GITLAB_CI)],
)
def test_ci_file_passes_its_platform_schema(schema: str, path: Path) -> None:
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    """The schema check above can fail: a job without `runs-on` or `steps` is refused."""
    broken = tmp_path / "publish.yml"
    broken.write_text("name: x\non: push\njobs:\n  build:\n    runs-on: 3\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def test_both_platforms_run_the_same_pipeline_steps() -> None:
    github = yaml.safe_load(GITHUB_WORKFLOW.read_text(encoding="utf-8"))
    gitlab = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    steps = [f"bash scripts/pipeline {step}" for step in ("validate", "build", "test")]
    github_runs = [step["run"] for step in github["jobs"]["build"]["steps"] if "run" in step]
    gitlab_runs = gitlab["site"]["script"]
    for step in steps:
        assert step in github_runs
        assert step in gitlab_runs


def test_only_the_default_branch_publishes() -> None:
    github = yaml.safe_load(GITHUB_WORKFLOW.read_text(encoding="utf-8"))
    deploy_condition = github["jobs"]["deploy"]["if"]
    assert "default_branch" in deploy_condition
    assert github["jobs"]["deploy"]["needs"] == "build"
    gitlab = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    merge_request_rules = [rule["if"] for rule in gitlab["site"]["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in merge_request_rules
    assert gitlab["site"]["artifacts"]["paths"] == ["_build/html"]


def test_pipeline_refuses_an_unknown_step() -> None:
    result = subprocess.run(
        ["bash", str(PIPELINE), "deploy-everything"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "unknown step 'deploy-everything'" in result.stderr


def test_both_platforms_check_out_the_whole_history() -> None:
    """Calendar events are dated by the commit that last changed them (reading.history).

    A shallow checkout still never publishes an older date, but it dates every unchanged
    event at its oldest commit, so each publication would ask calendars to update them all.
    """
    github = yaml.safe_load(GITHUB_WORKFLOW.read_text(encoding="utf-8"))
    checkout = next(
        step for step in github["jobs"]["build"]["steps"] if "checkout" in step.get("uses", "")
    )
    assert checkout["with"]["fetch-depth"] == 0
    gitlab = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    assert gitlab["variables"]["GIT_DEPTH"] == 0
