"""Ansible collects, pytest evaluates: ansible/collect.yml run by ansible-core against real sshd hosts gives
the verdicts of a direct SSH run of the same hosts, with two collector runs per host, and shards merge back.

The hosts are one OpenSSH sshd on 127.0.0.1 reached under two names, each with its own scenario tree
as sysroot ([hosts."*scenario".scan] matches both ssh://scenario and ansible://scenario), and a third
name whose port nobody listens on. With a sysroot, live probes are N/A in both runs (a replay never
probes: see the README). Ansible logs in with one key per host whose forced command logs every
command before running it, so the sshd side counts the collector runs too (each host has its own
ControlPath: two names of one address, port and user would share Ansible's default one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from svcaudit.facts.host import NotCollected, read_record
from testbed.loopback import free_port
from tests_meta.support.scenario import REPO, build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED, AIX_HARDENED
from tests_meta.support.sshd import Sshd, keygen

FOLDERS = ("tests_ftp", "tests_mail", "tests_snmp", "tests_cron")
PLAYBOOK = REPO / "ansible" / "collect.yml"
#: Inventory name -> the direct run's host spec; both get the same tree from the profile.
HOSTS = {"scenario": "ssh://scenario", "scenario2": "ssh://scenario2", "unreachable": "ssh://unreachable"}
COLLECTOR_START = "PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH; export PATH; "


@dataclass
class Fleet:
    workdir: Path
    server: Sshd
    profile: Path
    records: Path
    playbook: subprocess.CompletedProcess[str]
    commands_log: Path


def _forced_command_keys(server: Sshd, workdir: Path, names: list[str]) -> dict[str, Path]:
    """One key per host whose forced command logs `NAME tty|notty <command start>` a line, then runs the command."""
    log = workdir / "commands.log"
    logger = workdir / "log-command.sh"
    logger.write_text(
        "#!/bin/sh\n"
        "if [ -t 1 ]; then pty=tty; else pty=notty; fi\n"
        f'printf \'%s %s %.300s\\n\' "$1" "$pty" "$SSH_ORIGINAL_COMMAND" >> {log}\n'
        'exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"\n'
    )
    os.chmod(logger, 0o755)
    keys = {}
    with (server.workdir / "authorized_keys").open("a") as authorized:
        for name in names:
            keys[name] = workdir / f"key-{name}"
            keygen(keys[name])
            pub = keys[name].with_suffix(".pub").read_text().strip()
            authorized.write(f'command="{logger} {name}" {pub}\n')
    return keys


@pytest.fixture(scope="module")
def fleet() -> Iterator[Fleet]:
    # Not under pytest's 0700 temp root, as the session's sshd fixture: sshd reads the logger from here.
    workdir = Path(tempfile.mkdtemp(prefix="svcaudit-ansible-"))
    os.chmod(workdir, 0o755)
    server = Sshd(workdir / "sshd").start()
    try:
        keys = _forced_command_keys(server, workdir, ["scenario", "scenario2"])
        hardened = build(AIX_HARDENED, workdir / "hardened")
        installed = build(AIX_AS_INSTALLED, workdir / "installed")
        profile = workdir / "fleet.toml"
        # The host that is down has a tree too: like the others, it is checked without live probes.
        profile.write_text(
            "".join(
                f'[hosts."*{name}".scan]\nsysroot = "{tree}"\n'
                for name, tree in (("scenario", hardened), ("scenario2", installed), ("unreachable", hardened))
            )
        )
        common = "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes'"
        inventory = workdir / "inventory.ini"
        inventory.write_text(
            "[aix]\n"
            + "".join(
                f"{name} ansible_host=127.0.0.1 ansible_port={server.port} ansible_user=root "
                f"ansible_ssh_private_key_file={key} ansible_control_path=%(directory)s/{name}-%%C {common}\n"
                for name, key in keys.items()
            )
            + f"unreachable ansible_host=127.0.0.1 ansible_port={free_port()} ansible_user=root "
            f"ansible_ssh_private_key_file={keys['scenario']} ansible_ssh_timeout=5 {common}\n"
        )
        records = workdir / "records"
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "ANSIBLE_CONFIG": str(workdir / "none.cfg"),  # no user or system ansible.cfg
            "ANSIBLE_LOCAL_TEMP": str(workdir / "ansible-local"),
            "ANSIBLE_SSH_CONTROL_PATH_DIR": str(workdir / "cp"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_BECOME_ALLOW_SAME_USER": "1",  # become root as root, not skipped: the test sees that become applies
        }
        played = subprocess.run(
            [
                sys.executable,
                "-m",
                "ansible.cli.playbook",
                "-i",
                str(inventory),
                str(PLAYBOOK),
                "-e",
                f"svcaudit_record_dir={records}",
                "-e",
                f"svcaudit_profile={profile}",
                "-e",
                "svcaudit_platform=aix",
                "-f",
                "5",
                # Ansible's become applies to the collector (root to root: su asks no password), not to the
                # controller's steps.
                "--become",
                "--become-method=su",
            ],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        yield Fleet(workdir, server, profile, records, played, workdir / "commands.log")
    finally:
        server.stop()
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


def _suite(fleet: Fleet, args: list[str], name: str) -> tuple[object, dict]:
    out = fleet.workdir / f"{name}.json"
    workdir = fleet.workdir / name
    workdir.mkdir()
    result = run_suite(
        [f"--profile={fleet.profile}", "--platform", "aix", f"--results-json={out}", *args], workdir, folders=FOLDERS
    )
    assert out.exists(), result.output[-3000:]
    return result, json.loads(out.read_text())


def _tests_of(document: dict, host: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(control, test with the host left out) -> (outcome, evidence) of one host."""
    return {
        (r["control"], r["test"].replace(host, "HOST")): (r["outcome"], r["evidence"])
        for r in document["results"]
        if r["host"] == host
    }


def test_the_playbook_records_every_host_with_two_collector_runs(fleet: Fleet) -> None:
    assert fleet.playbook.returncode == 0, fleet.playbook.stdout[-4000:] + fleet.playbook.stderr[-2000:]
    assert sorted(p.name for p in fleet.records.iterdir()) == [
        ".svcaudit-state",
        "ansible_scenario.json",
        "ansible_scenario2.json",
        "ansible_unreachable.json",
    ]
    assert list((fleet.records / ".svcaudit-state").iterdir()) == []  # each host's scratch state is gone
    for name in ("scenario", "scenario2"):
        facts = read_record((fleet.records / f"ansible_{name}.json").read_text(), name)
        assert not isinstance(facts, NotCollected), facts
        assert facts.host == f"ansible://{name}" and facts.platform == "aix" and facts.remote_commands == 2
    down = read_record((fleet.records / "ansible_unreachable.json").read_text(), "unreachable")
    assert isinstance(down, NotCollected) and "cannot run the collector: Unreachable" in down.error, down
    # At the server: exactly two commands per host, both the collector, and nothing else.
    lines = fleet.commands_log.read_text().splitlines()
    for name in ("scenario", "scenario2"):
        mine = [line.split(" ", 1)[1] for line in lines if line.split(" ", 1)[0] == name]
        assert len(mine) == 2, "\n".join(lines)
        # Become wraps the collector; no pty, so its stdout and stderr stay apart.
        assert all(c.startswith("notty su ") and "BECOME-SUCCESS-" in c and COLLECTOR_START in c for c in mine), mine
    assert len(lines) == 4, lines
    assert "ansible://unreachable: facts not collected" in fleet.playbook.stdout


def test_replayed_ansible_records_give_the_verdicts_of_a_direct_ssh_run(fleet: Fleet) -> None:
    direct, direct_doc = _suite(fleet, [f"--hosts={','.join(HOSTS.values())}", f"--ssh-config={fleet.server.config}"], "direct")
    replay, replay_doc = _suite(fleet, [f"--replay={fleet.records}"], "replay")
    assert AIX_HARDENED.expect.items() <= direct.by_host["ssh://scenario"].items()
    assert AIX_AS_INSTALLED.expect.items() <= direct.by_host["ssh://scenario2"].items()
    # Not collected: every control that reads facts is not assessed (the live-only ones are N/A, no probes).
    assert set(direct.by_host["ssh://unreachable"].values()) == {"error", "na"}
    for name, spec in HOSTS.items():
        assert replay.by_host[f"ansible://{name}"] == direct.by_host[spec], name
        assert len(direct.by_host[spec]) > 40
    # Test by test, the same outcome and evidence (evidence names files, never the host).
    for name, spec in HOSTS.items():
        ours, theirs = _tests_of(replay_doc, f"ansible://{name}"), _tests_of(direct_doc, spec)
        assert len(ours) > 40
        if name == "unreachable":  # the same outcome; the reason names each engine's own failure
            assert {k: v[0] for k, v in ours.items()} == {k: v[0] for k, v in theirs.items()}
        else:
            assert ours == theirs, name
        assert replay_doc["hosts"][f"ansible://{name}"].get("remote_commands") == direct_doc["hosts"][spec].get("remote_commands")
    (fleet.workdir / "unsharded.json").write_text(json.dumps(replay_doc))


def test_shards_of_the_replay_merge_into_the_unsharded_results(fleet: Fleet) -> None:
    whole = fleet.workdir / "unsharded.json"
    if not whole.exists():
        _, doc = _suite(fleet, [f"--replay={fleet.records}"], "replay")
        whole.write_text(json.dumps(doc))
    parts = []
    for k in (1, 2):
        _, doc = _suite(fleet, [f"--replay={fleet.records}", f"--shard={k}/2", "-n", "2"], f"shard{k}")
        parts.append(doc)
    assert sorted(parts[0]["hosts"]) == ["ansible://scenario", "ansible://unreachable"]
    assert sorted(parts[1]["hosts"]) == ["ansible://scenario2"]
    merged = fleet.workdir / "merged.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "svcaudit.reports.merge",
            str(fleet.workdir / "shard1.json"),
            str(fleet.workdir / "shard2.json"),
            "-o",
            str(merged),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(merged.read_text()) == json.loads(whole.read_text())
    # More shards than hosts: a part would check nothing, and says so instead.
    (fleet.workdir / "shard-empty").mkdir()
    empty = run_suite([f"--replay={fleet.records}", "--shard=4/4"], fleet.workdir / "shard-empty", folders=FOLDERS)
    assert empty.returncode == 4 and "--shard 4/4: this shard has no hosts (3 hosts, 4 shards); use N <= 3" in empty.output
