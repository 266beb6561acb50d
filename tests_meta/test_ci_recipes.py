"""The gate recipes in examples/ci run as written: each recipe's own commands, against a self-test image.

Not the CI services themselves: the commands of the step that gates the image (GitHub Actions'
`run`, GitLab's `script`, Packer's shell-local `script` with its `environment_vars`), in the workspace
layout the recipe expects (svcaudit checked out at ./svcaudit), with the image build replaced by a
self-test archive. Each run must leave JUnit, HTML, HDF and results JSON where the recipe's artifact
step collects them, and exit as the severity gate says: an image whose one finding is medium passes
under `high` and fails under `medium`; a high finding fails under `high`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from svcaudit.controls.catalog import CONTROLS
from tests_meta.support import scenarios_ftp_snmp
from tests_meta.support.images import LayerSpec, docker_save, layer_tar
from tests_meta.support.scenario import REPO, build

pytestmark = pytest.mark.daemons  # runs the suite in a subprocess

RECIPES = REPO / "examples" / "ci"
REPORTS = ("svcaudit.xml", "svcaudit.html", "svcaudit.json", "svcaudit-hdf.json")
#: The control folders the scenario host judges (its tree holds no mail or cron service files).
FOLDERS = "tests_ftp/test_ftp.py tests_snmp/test_snmp.py"


def _scenario(name: str):
    return next(s for s in scenarios_ftp_snmp.SCENARIOS if s.name == name)


MEDIUM = _scenario("aix-FTP-04-ftpusers-0644")
HIGH = _scenario("aix-SNMP-02-community-public")


def _image(scenario, workspace: Path, tmp_path: Path, name: str) -> Path:
    root = build(scenario, tmp_path / f"root-{scenario.name}")
    return docker_save([layer_tar(LayerSpec(root, paths=["/"]))], workspace / name, tag="golden/base:candidate")


def _workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "svcaudit").symlink_to(REPO)  # the recipes check svcaudit out at ./svcaudit
    return workspace


def _environment(recipe_env: dict[str, str], tmp_path: Path, **overrides: str) -> dict[str, str]:
    """The recipe's variables over this process's, python3 being this interpreter, the scenario's folders only."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    if not (bin_dir / "python3").exists():
        (bin_dir / "python3").symlink_to(sys.executable)
    env = {**os.environ, **recipe_env, "SVCAUDIT_PYTEST_ARGS": f"{FOLDERS} --platform=aix", **overrides}
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    return env


def _run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A step's commands as the runners run them: bash, stopping at the first failing command."""
    command = ["bash", "-eo", "pipefail", "-c", script]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _check(result: subprocess.CompletedProcess[str], reports: Path, status: int, failing: str) -> None:
    assert result.returncode == status, result.stdout[-3000:] + result.stderr[-2000:]
    for name in REPORTS:
        assert (reports / name).is_file(), f"{name} missing: {result.stdout[-2000:]}"
    results = json.loads((reports / "svcaudit.json").read_text())
    assert list(results["hosts"]) == ["golden/base:candidate"]
    outcomes = {(r["control"], r["outcome"]) for r in results["results"]}
    assert (failing, "fail") in outcomes
    hdf = json.loads((reports / "svcaudit-hdf.json").read_text())
    assert hdf["profiles"][0]["controls"]


GATES = [(MEDIUM, "high", 0), (MEDIUM, "medium", 1), (HIGH, "high", 1)]
GATE_IDS = [f"{s.name}-fail-on-{level}" for s, level, _ in GATES]


def test_the_scenarios_have_the_severities_the_gates_assume() -> None:
    for scenario, severity in ((MEDIUM, "medium"), (HIGH, "high")):
        failing = [c for c, outcome in scenario.expect.items() if outcome == "fail"]
        assert [CONTROLS[c].severity for c in failing] == [severity], scenario.name
        assert "error" not in scenario.expect.values()


def _failing(scenario) -> str:
    return next(c for c, outcome in scenario.expect.items() if outcome == "fail")


# -- GitHub Actions ------------------------------------------------------------------------------------
@pytest.mark.parametrize("scenario, level, status", GATES, ids=GATE_IDS)
def test_github_actions_gate_step(scenario, level: str, status: int, tmp_path: Path) -> None:
    workflow = yaml.safe_load((RECIPES / "github-actions.yml").read_text())
    job = workflow["jobs"]["image"]
    steps = job["steps"]
    gate = next(s for s in steps if "examples/ci/gate.sh" in s.get("run", ""))
    keep = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert keep["if"] == "${{ always() }}", "the reports are kept when the gate fails too"
    workspace = _workspace(tmp_path)
    env = {**workflow["env"], **job.get("env", {}), **gate.get("env", {})}
    _image(scenario, workspace, tmp_path, env["IMAGE_ARCHIVE"])
    run_env = _environment(env, tmp_path, GITHUB_WORKSPACE=str(workspace), SVCAUDIT_FAIL_ON=level)
    result = _run(gate["run"], workspace, run_env)
    reports = workspace / env["REPORTS"]
    _check(result, reports, status, _failing(scenario))
    kept = [workspace / line.strip() for line in keep["with"]["path"].splitlines() if line.strip()]
    assert sorted(kept) == sorted(reports / name for name in REPORTS)


# -- GitLab CI -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("scenario, level, status", GATES, ids=GATE_IDS)
def test_gitlab_ci_gate_job(scenario, level: str, status: int, tmp_path: Path) -> None:
    pipeline = yaml.safe_load((RECIPES / "gitlab-ci.yml").read_text())
    job = pipeline["svcaudit-gate"]
    build_job = pipeline[job["needs"][0]]
    env = {**pipeline["variables"], **job.get("variables", {})}
    assert env["IMAGE_ARCHIVE"] in build_job["artifacts"]["paths"]
    workspace = _workspace(tmp_path)
    _image(scenario, workspace, tmp_path, env["IMAGE_ARCHIVE"])
    # before_script clones and installs svcaudit: here it is this checkout, installed already.
    run_env = _environment(env, tmp_path, CI_PROJECT_DIR=str(workspace), SVCAUDIT_FAIL_ON=level)
    result = _run("\n".join(job["script"]), workspace, run_env)
    reports = workspace / env["REPORTS"]
    _check(result, reports, status, _failing(scenario))
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert sorted(workspace / p for p in artifacts["paths"]) == sorted(reports / name for name in REPORTS)
    assert workspace / artifacts["reports"]["junit"] == reports / "svcaudit.xml"


# -- Packer --------------------------------------------------------------------------------------------
#: The one HCL shape read here: the shell-local post-processor's `environment_vars = [ "K=V", ... ]`
#: and `script = "${path.root}/NAME"`. The template keeps its commands in that script, so nothing else
#: of HCL needs reading; a template changed past this pattern fails the test rather than going unread.
SHELL_LOCAL = re.compile(r'post-processor\s+"shell-local"\s*\{(?P<body>.*?)\n    \}', re.S)
ENV_VARS = re.compile(r"environment_vars\s*=\s*\[(?P<list>.*?)\]", re.S)
SCRIPT = re.compile(r'\bscript\s*=\s*"\$\{path\.root\}/(?P<name>[^"]+)"')


def _packer_step() -> tuple[dict[str, str], Path]:
    template = (RECIPES / "packer" / "golden.pkr.hcl").read_text()
    block = SHELL_LOCAL.search(template)
    assert block, "golden.pkr.hcl has no shell-local post-processor in the shape this test reads"
    variables = ENV_VARS.search(block["body"])
    script = SCRIPT.search(block["body"])
    assert variables and script, block["body"]
    pairs = [item.split("=", 1) for item in re.findall(r'"([^"]*)"', variables["list"])]
    return dict(pairs), RECIPES / "packer" / script["name"]


@pytest.mark.parametrize("scenario, level, status", GATES, ids=GATE_IDS)
def test_packer_shell_local_post_processor(scenario, level: str, status: int, tmp_path: Path) -> None:
    env, script = _packer_step()
    assert env["IMAGE"] == "golden/base:candidate" and os.access(script, os.X_OK)
    workspace = tmp_path / "packer-run"  # where `packer build` runs: shell-local scripts run there
    workspace.mkdir()
    _image(scenario, workspace, tmp_path, env["IMAGE_ARCHIVE"])
    run_env = _environment({**env, "SVCAUDIT_FAIL_ON": level}, tmp_path, SVCAUDIT_DIR=str(REPO))
    result = subprocess.run([str(script)], cwd=workspace, env=run_env, capture_output=True, text=True, timeout=600)
    _check(result, workspace / env["REPORTS"], status, _failing(scenario))


def test_the_gate_script_stops_on_an_unreadable_archive(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    (workspace / "image.tar").write_bytes(b"not an image")
    result = _run("svcaudit/examples/ci/gate.sh image.tar", workspace, _environment({}, tmp_path))
    assert result.returncode == 4, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"--image {workspace}/image.tar: unreadable image archive" in result.stdout + result.stderr
