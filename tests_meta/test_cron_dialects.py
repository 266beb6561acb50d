"""Crontab dialects end to end (issue 12, class 7): what a cronie '-' line changes in the reports."""

from __future__ import annotations

from pathlib import Path

from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import RHEL_OTHER


def test_unlogged_cronie_jobs_are_caveats_of_cron_09(tmp_path: Path) -> None:
    (scenario,) = [s for s in RHEL_OTHER if s.name == "rhel-cronie-no-syslog-prefix"]
    root = build(scenario, tmp_path / "root")
    result = run_suite(["--sysroot", str(root), "--platform", "linux", "-k", "CRON-09"], tmp_path)
    assert result.outcomes == {"CRON-09": "pass"}, result.output[-3000:]
    assert "CRON-09: passed with caveats" in result.output, result.output[-3000:]
    assert "/etc/crontab:4: cron runs this job without a syslog record ('-' prefix)" in result.output
