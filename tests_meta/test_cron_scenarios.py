"""Every cron and at control, passing and failing on real file trees, locally and over SSH."""

from pathlib import Path

import pytest

from tests_meta.scenario import Scenario, build, run_suite
from tests_meta.scenarios_cron import CRON_IDS, SCENARIOS


def _args(scenario: Scenario, root: Path, workdir: Path) -> list[str]:
    args = ["--sysroot", str(root), "--platform", scenario.platform]
    if scenario.profile:
        profile = workdir / "profile.toml"
        profile.write_text(scenario.profile)
        args += ["--profile", str(profile)]
    return args


def _check(scenario: Scenario, result) -> None:
    assert set(result.outcomes) == set(CRON_IDS), result.output[-3000:]
    wrong = {c: (scenario.expect[c], result.outcomes[c]) for c in CRON_IDS if result.outcomes[c] != scenario.expect[c]}
    details = {c: result.messages[c] for c in wrong}
    assert not wrong, f"{scenario.name}: expected vs got {wrong}\n{details}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario_local(scenario: Scenario, tmp_path: Path) -> None:
    root = build(scenario, tmp_path / "root")
    result = run_suite(_args(scenario, root, tmp_path), tmp_path)
    _check(scenario, result)
    assert result.remote_commands() and max(result.remote_commands()) <= 3


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario_over_ssh(scenario: Scenario, tmp_path: Path, sshd) -> None:
    root = build(scenario, tmp_path / "root")
    result = run_suite(_args(scenario, root, tmp_path) + ["--hosts=ssh://scenario", f"--ssh-config={sshd.config}"], tmp_path)
    _check(scenario, result)
    commands = result.remote_commands()
    assert commands and max(commands) <= 3, result.output[-2000:]
    assert "ssh://scenario" in result.output
