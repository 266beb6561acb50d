"""Fail closed: what cannot be collected or read is an error with its reason, never a pass or a skip."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests_meta.support.scenario import Dir, build, run_suite
from tests_meta.support.scenarios_cron import AIX_HARDENED, CRON_IDS


@pytest.fixture
def open_tmp() -> Path:
    """A work directory an unprivileged SSH login can traverse (pytest's own is 0700)."""
    path = Path(tempfile.mkdtemp(prefix="svcaudit-failclosed-"))
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _hosts(*names: str) -> str:
    return "--hosts=" + ",".join(f"ssh://{n}" for n in names)


def test_files_the_ssh_user_cannot_read_are_not_assessed(open_tmp: Path, sshd) -> None:
    scenario = AIX_HARDENED.changed("aix-unreadable-spool", [Dir("/var/spool/cron/crontabs", 0o700, "root", "cron")], {})
    root = build(scenario, open_tmp / "root")
    result = run_suite(["--sysroot", str(root), "--platform", "aix", _hosts("reader"), f"--ssh-config={sshd.config}"], open_tmp)
    outcomes = result.by_host["ssh://reader"]
    for control in ("CRON-06", "CRON-07", "CRON-08"):
        assert outcomes[control] == "error", (control, result.messages[control])
        assert any("Permission denied" in m for m in result.messages[control])
    assert {c: o for c, o in outcomes.items() if c not in ("CRON-06", "CRON-07", "CRON-08")} == {
        c: o for c, o in AIX_HARDENED.expect.items() if c not in ("CRON-06", "CRON-07", "CRON-08")
    }
    assert result.returncode != 0


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("dying", "ended early|cannot run the collector"),
        ("unreachable", "cannot run the collector"),
    ],
)
def test_a_broken_host_errors_while_the_others_go_on(tmp_path: Path, sshd, bad: str, reason: str) -> None:
    root = build(AIX_HARDENED, tmp_path / "root")
    result = run_suite(
        ["--sysroot", str(root), "--platform", "aix", _hosts(bad, "scenario"), f"--ssh-config={sshd.config}"], tmp_path
    )
    assert result.by_host[f"ssh://{bad}"] == {c: "error" for c in CRON_IDS}
    assert result.by_host["ssh://scenario"] == AIX_HARDENED.expect
    import re

    assert re.search(reason, result.output), result.output[-2000:]
    assert f"ssh://{bad}: NOT ASSESSED" in result.output
    assert result.returncode != 0
