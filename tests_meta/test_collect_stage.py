"""svcaudit.collect.stage: collection one command at a time gives the record a direct run writes; a host
not collected gets a record that replays as not assessed; --shard and the merge of shard results.

The engine here is a plain `sh -c` on this machine standing in for Ansible's raw (the playbook itself
runs against real sshd hosts in test_ansible_collect.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from svcaudit.collect.batch import CollectionError
from svcaudit.collect.gather import gather
from svcaudit.collect.stage import BAD_INPUT, NOT_COLLECTED, Answer, main
from svcaudit.facts.host import HostFacts, NotCollected, read_record
from svcaudit.profile import load
from svcaudit.reports import merge
from svcaudit.reports.recorder import FORMAT
from svcaudit.targets import Target, TargetError, obtain_facts, replay_targets, shard
from tests_meta.support.scenario import build
from tests_meta.support.scenarios_cron import AIX_HARDENED

NAME = "ansible://lpar1"


class LocalHost:
    """Runs the collector on this machine, as testinfra's local backend would."""

    def run(self, command: str, *args: str) -> Answer:
        done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=120)
        return Answer(done.stdout, done.stderr, done.returncode)


def engine(command: str) -> dict[str, Any]:
    """What Ansible registers for a raw task that ran."""
    done = LocalHost().run(command)
    return {"rc": done.rc, "stdout": done.stdout, "stderr": done.stderr, "changed": True}


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    root = build(AIX_HARDENED, tmp_path / "root")
    profile = tmp_path / "site.toml"
    profile.write_text(f'[hosts."ansible://lpar*".scan]\nsysroot = "{root}"\n')
    return root, profile


def _step(capsys: pytest.CaptureFixture[str], argv: list[str], stdin: dict[str, Any] | None) -> tuple[int, str]:
    code = main(argv, stdin=json.dumps(stdin))
    return code, capsys.readouterr().out


def _collect(tmp_path: Path, capsys: pytest.CaptureFixture[str], profile: Path, answer=engine) -> tuple[int, str, list[str]]:
    """The playbook's loop: next until no command, then finish. Returns finish's status and line, and the commands run."""
    common = ["--state", str(tmp_path / "state"), "--name", NAME, "--platform", "aix", "--profile", str(profile)]
    ran: list[str] = []
    result = None
    for number in range(6):
        code, command = _step(capsys, ["next", *common, "--round", str(number)], result)
        assert code == 0
        if not command:
            result = {"skipped": True, "changed": False}  # the raw task Ansible skips once the host is done
            break
        ran.append(command)
        result = answer(command)
    code, line = _step(capsys, ["finish", *common, "--record", str(tmp_path / "records")], result)
    return code, line, ran


def test_stepwise_collection_writes_the_record_a_direct_run_writes(tmp_path: Path, tree, capsys) -> None:
    root, profile = tree
    code, line, ran = _collect(tmp_path, capsys, profile)
    assert code == 0, line
    assert len(ran) == 2 and "remote commands: 2" in line
    record = read_record((tmp_path / "records" / "ansible_lpar1.json").read_text(), "record")
    assert isinstance(record, HostFacts)
    direct = gather(LocalHost(), NAME, load(str(profile)).for_host(NAME), platform="aix", sysroot=str(root))
    for facts in (record, direct):
        facts.collect_seconds = 0.0
    assert record.to_json() == direct.to_json()
    assert record.remote_commands == 2 and record.sysroot == str(root)
    assert not (tmp_path / "state" / "ansible_lpar1").exists()  # the scratch state is gone


def test_output_through_a_pty_reads_the_same(tmp_path: Path, tree, capsys) -> None:
    """ssh -tt (svcaudit_ssh_use_tty=true) turns \\n into \\r\\n."""
    _, profile = tree

    def through_pty(command: str) -> dict[str, Any]:
        result = engine(command)
        return {**result, "stdout": result["stdout"].replace("\n", "\r\n")}

    code, line, _ = _collect(tmp_path, capsys, profile, through_pty)
    assert code == 0, line


@pytest.mark.parametrize(
    "result, reason",
    [
        (
            {"unreachable": True, "msg": "Failed to connect to the host via ssh: Connection refused", "changed": False},
            "cannot run the collector: Unreachable: Failed to connect to the host via ssh: Connection refused",
        ),
        (
            {"rc": 127, "stdout": "", "stderr": "svcaudit: perl 5 is required on the target and was not found in PATH\n"},
            "(exit status 127; svcaudit: perl 5 is required on the target and was not found in PATH)",
        ),
        ({"rc": 0, "stdout": "M\tos\tbGludXg=\n", "stderr": ""}, "collector output ended early (no END marker)"),
        ({"failed": True, "msg": "Timeout (12s) waiting for privilege escalation prompt"}, "RuntimeError: Timeout (12s)"),
    ],
    ids=["unreachable", "no-perl", "cut-short", "become-failed"],
)
def test_a_host_not_collected_gets_a_record_that_replays_as_not_assessed(tmp_path: Path, tree, capsys, result, reason) -> None:
    _, profile = tree
    code, line, ran = _collect(tmp_path, capsys, profile, lambda command: result)
    assert code == NOT_COLLECTED and len(ran) == 1
    assert f"{NAME}: facts not collected: " in line and reason in line
    path = tmp_path / "records" / "ansible_lpar1.json"
    found = read_record(path.read_text(), "record")
    assert isinstance(found, NotCollected) and reason in found.error
    [target] = replay_targets(str(tmp_path / "records"))
    assert target.name == NAME
    error = obtain_facts(target, load(None).for_host(NAME), platform="auto")
    assert isinstance(error, CollectionError) and str(error).startswith(f"{NAME}: facts not collected: ")
    with pytest.raises(ValueError, match="was not collected"):
        HostFacts.from_json(path.read_text(), "record")


def test_a_host_that_needs_more_commands_than_allowed_is_not_collected(tmp_path: Path, tree, capsys) -> None:
    _, profile = tree
    common = ["--state", str(tmp_path / "state"), "--name", NAME, "--profile", str(profile)]
    code, command = _step(capsys, ["next", *common, "--round", "0"], None)
    assert code == 0 and command
    code, line = _step(capsys, ["finish", *common, "--record", str(tmp_path / "records")], engine(command))
    assert code == NOT_COLLECTED and "collection needed more than 1 remote commands (svcaudit_max_commands)" in line


def test_bad_state_or_input_stops_with_one_line(tmp_path: Path, tree, capsys) -> None:
    _, profile = tree
    common = ["--state", str(tmp_path / "state"), "--name", NAME, "--profile", str(profile)]
    assert main(["next", *common, "--round", "1"], stdin="") == BAD_INPUT
    assert "no state for round 1 (round 0 starts it)" in capsys.readouterr().err
    assert main(["finish", *common, "--record", str(tmp_path)], stdin="") == BAD_INPUT
    assert "no state" in capsys.readouterr().err
    assert main(["next", *common, "--round", "0"], stdin="") == 0
    command = capsys.readouterr().out
    assert main(["next", *common, "--round", "1"], stdin="not json") == BAD_INPUT
    assert "the result on stdin is not JSON" in capsys.readouterr().err
    assert main(["next", *common, "--round", "1"], stdin=json.dumps(engine(command))) == 0
    second = capsys.readouterr().out
    assert main(["next", *common, "--round", "2"], stdin=json.dumps(engine(second))) == 0
    assert capsys.readouterr().out == ""  # done
    # A result while no command waits for one: the state and the engine disagree.
    assert main(["next", *common, "--round", "3"], stdin=json.dumps(engine(second))) == BAD_INPUT
    assert "a result arrived but no command is waiting for one" in capsys.readouterr().err
    bad = ["--state", str(tmp_path / "state"), "--name", NAME, "--profile", str(tmp_path / "missing.toml")]
    assert main(["next", *bad, "--round", "0"], stdin="") == BAD_INPUT
    assert "cannot read profile" in capsys.readouterr().err


def test_a_skipped_task_is_no_result(tmp_path: Path, tree, capsys) -> None:
    """After the last command, Ansible's skipped raw task is what reaches finish: it is not an answer."""
    _, profile = tree
    common = ["--state", str(tmp_path / "state"), "--name", NAME, "--platform", "aix", "--profile", str(profile)]
    result = None
    for number in range(3):
        _, command = _step(capsys, ["next", *common, "--round", str(number)], result)
        result = engine(command) if command else {"skipped": True, "changed": False}
    code, line = _step(capsys, ["finish", *common, "--record", str(tmp_path / "records")], result)
    assert code == 0, line


class _Down:
    def run(self, command: str, *args: str) -> Any:
        raise RuntimeError("ssh: connect to host lpar9 port 22: Connection refused")


def test_a_direct_run_records_a_host_it_could_not_collect(tmp_path: Path) -> None:
    """--record keeps a host that was down, so that --replay says so rather than leaving the host out."""
    records = tmp_path / "records"
    found = obtain_facts(
        Target("ssh://lpar9", spec=_Down()), load(None).for_host("ssh://lpar9"), platform="aix", record=str(records)
    )
    assert isinstance(found, CollectionError)
    record = read_record((records / "ssh_lpar9.json").read_text(), "record")
    assert isinstance(record, NotCollected) and "Connection refused" in record.error
    [target] = replay_targets(str(records))
    replayed = obtain_facts(target, load(None).for_host(target.name), platform="aix")
    assert str(replayed) == str(found)


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "svcaudit-facts/1", "host": "h", "error": 3}',
        '{"format": "svcaudit-facts/1", "host": "h", "error": ""}',
        '{"format": "svcaudit-facts/1", "error": "down"}',
        '{"format": "svcaudit-facts/1", "host": "h", "error": "down", "batch": {}}',
    ],
)
def test_a_damaged_record_of_a_host_not_collected_is_bad_input(text: str) -> None:
    with pytest.raises(ValueError, match="record of a host not collected"):
        read_record(text, "f.json")


def _targets(*names: str) -> list[Target]:
    return [Target(name) for name in names]


def test_shards_split_the_hosts_deterministically_and_completely() -> None:
    hosts = [f"ansible://lpar{n:03d}" for n in range(10)]
    parts = [[t.name for t in shard(_targets(*hosts), f"{k}/3")] for k in (1, 2, 3)]
    assert sorted(sum(parts, [])) == hosts
    assert [len(p) for p in parts] == [4, 3, 3]
    assert parts == [[t.name for t in shard(_targets(*reversed(hosts)), f"{k}/3")] for k in (1, 2, 3)]
    assert shard(_targets(*hosts), "") == _targets(*hosts)
    assert [t.name for t in shard(_targets(*hosts), " 1 / 1 ")] == hosts


@pytest.mark.parametrize(
    "spec, message",
    [
        ("3", "expected K/N"),
        ("a/b", "expected K/N"),
        ("0/2", "K must be between 1 and N"),
        ("3/2", "K must be between 1 and N"),
        ("-1/2", "expected K/N"),
        ("3/3", "this shard has no hosts (2 hosts, 3 shards); use N <= 2"),
    ],
)
def test_a_bad_shard_is_an_error(spec: str, message: str) -> None:
    with pytest.raises(TargetError, match=r"^--shard .*" + re.escape(message)):
        shard(_targets("a", "b"), spec)


def _document(hosts: dict[str, list[str]]) -> dict[str, Any]:
    results = [
        {"host": h, "control": c, "test": f"t::{c}[{h}]", "outcome": "pass", "severity": "low", "title": c}
        for h, controls in hosts.items()
        for c in controls
    ]
    return {"format": FORMAT, "hosts": {h: {"host": h} for h in hosts}, "results": results}


def test_merge_joins_shards_in_the_order_of_one_run(tmp_path: Path, capsys) -> None:
    whole = _document({"a": ["CRON-01", "AT-01"], "b": ["CRON-01"], "c": ["FTP-01"]})
    one, two = _document({"c": ["FTP-01"], "a": ["CRON-01", "AT-01"]}), _document({"b": ["CRON-01"]})
    paths = []
    for number, part in enumerate((one, two)):
        paths.append(tmp_path / f"part{number}.json")
        paths[-1].write_text(json.dumps(part))
    out = tmp_path / "all.json"
    assert merge.main([*map(str, paths), "-o", str(out)]) == 0
    assert "3 hosts, 4 results from 2 parts" in capsys.readouterr().out
    merged = json.loads(out.read_text())
    expected = merge.merge([("whole", whole)])
    assert merged == expected and [r["host"] for r in merged["results"]] == ["a", "a", "b", "c"]
    assert merge.main([str(paths[0]), str(paths[0])]) == merge.BAD_INPUT
    assert "' is in both" in capsys.readouterr().err
    (tmp_path / "junk.json").write_text('{"format": "other"}')
    assert merge.main([str(paths[0]), str(tmp_path / "junk.json")]) == merge.BAD_INPUT
    assert "not a svcaudit results document" in capsys.readouterr().err


def test_each_step_in_a_new_process_asks_for_the_same_commands(tmp_path: Path) -> None:
    """Every step runs in a new Python, with its own string hashing: the follow-up commands must not depend on it."""
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\n")
    (root / "etc" / "group").write_text("root:x:0:\n")
    programs = "".join(f'a{n}: "|/usr/local/bin/prog{n} -x"\n' for n in range(8))
    (root / "etc" / "aliases").write_text(f"postmaster: root\n{programs}")
    profile = tmp_path / "site.toml"
    profile.write_text(f'[scan]\nsysroot = "{root}"\n')
    common = ["--state", str(tmp_path / "state"), "--name", NAME, "--platform", "linux", "--profile", str(profile)]

    def stage(argv: list[str], stdin: str, seed: int) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        command = [sys.executable, "-m", "svcaudit.collect.stage", *argv]
        return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, timeout=120)

    result = "null"
    for number in range(4):
        step = stage(["next", *common, "--round", str(number)], result, seed=number + 1)
        assert step.returncode == 0, step.stderr
        if not step.stdout:
            result = json.dumps({"skipped": True})
            break
        result = json.dumps(engine(step.stdout))
    done = stage(["finish", *common, "--record", str(tmp_path / "records")], result, seed=99)
    assert done.returncode == 0, done.stdout + done.stderr
    record = read_record((tmp_path / "records" / "ansible_lpar1.json").read_text(), "record")
    assert isinstance(record, HostFacts) and record.remote_commands == 2
    assert {f"/usr/local/bin/prog{n}" for n in range(8)} <= set(record.batch.stats)
