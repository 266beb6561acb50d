"""Many hosts in one run: a hosts file, per-host sysroots, each host collected once under xdist, a dead host tried once."""

import json
import socket
import threading
import time
from pathlib import Path

import pytest

from tests_meta.support.scenario import build, run_suite
from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED, AIX_HARDENED
from tests_meta.support.scenarios_ftp_snmp import AIX_HARDENED as AIX_FTP_SNMP_HARDENED

#: Every control folder: a host's tests span four test directories, and all of them must run on one worker.
ALL_FOLDERS = ("tests_cron", "tests_ftp", "tests_mail", "tests_snmp")


@pytest.fixture
def two_trees(tmp_path: Path) -> tuple[Path, Path]:
    return build(AIX_HARDENED, tmp_path / "hardened"), build(AIX_AS_INSTALLED, tmp_path / "installed")


def _profile(tmp_path: Path, hardened: Path, installed: Path) -> Path:
    profile = tmp_path / "fleet.toml"
    profile.write_text(
        f'[hosts."ssh://scenario".scan]\nsysroot = "{hardened}"\n[hosts."ssh://scenario2".scan]\nsysroot = "{installed}"\n'
    )
    return profile


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_hosts_file_with_per_host_sysroots(two_trees, tmp_path: Path, sshd, workers: list[str]) -> None:
    hardened, installed = two_trees
    hosts = tmp_path / "hosts.txt"
    hosts.write_text("# the fleet\nssh://scenario\n\nssh://scenario2   # the one as installed\n")
    out = tmp_path / "results.json"
    result = run_suite(
        [
            f"--hosts-file={hosts}",
            f"--ssh-config={sshd.config}",
            "--platform",
            "aix",
            f"--profile={_profile(tmp_path, hardened, installed)}",
            f"--results-json={out}",
            *workers,
        ],
        tmp_path,
    )
    assert result.by_host["ssh://scenario"] == AIX_HARDENED.expect
    assert result.by_host["ssh://scenario2"] == AIX_AS_INSTALLED.expect
    doc = json.loads(out.read_text())
    for name in ("ssh://scenario", "ssh://scenario2"):
        assert doc["hosts"][name]["collections"] == 1, doc["hosts"][name]  # one worker, one collection
        assert doc["hosts"][name]["remote_commands"] <= 3


class _SilentSsh:
    """Accepts TCP connections and never says a word: a hung host. Counts how often it is tried."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        held = []
        deadline = time.monotonic() + 120
        while not self.done.is_set() and time.monotonic() < deadline:
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.accepted += 1
            held.append(conn)
        for conn in held:
            conn.close()
        self.server.close()


def test_a_hung_host_costs_one_connection_attempt_and_the_others_go_on(tmp_path: Path, sshd) -> None:
    silent = _SilentSsh()
    config = tmp_path / "ssh_config"
    config.write_text(
        sshd.config.read_text() + f"Host hung\n  HostName 127.0.0.1\n  Port {silent.port}\n  User root\n"
        "  ConnectTimeout 2\n  BatchMode yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n"
    )
    root = build(AIX_HARDENED, tmp_path / "root")
    try:
        result = run_suite(
            ["--sysroot", str(root), "--platform", "aix", "--hosts=ssh://hung,ssh://scenario", f"--ssh-config={config}"], tmp_path
        )
    finally:
        silent.done.set()
        silent.thread.join(timeout=5)
    assert result.by_host["ssh://hung"] == {c: "error" for c in AIX_HARDENED.expect}
    assert result.by_host["ssh://scenario"] == AIX_HARDENED.expect
    assert silent.accepted == 1, f"the hung host was tried {silent.accepted} times"
    assert "ssh://hung: NOT ASSESSED" in result.output


def test_ansible_inventory_hosts_get_their_profile_tables(tmp_path: Path, sshd) -> None:
    """testinfra's Ansible backend names hosts ansible://NAME; [hosts."glob"] tables match those names."""
    root = build(AIX_AS_INSTALLED, tmp_path / "root")
    inventory = tmp_path / "inventory.ini"
    inventory.write_text(
        "[aix]\n"
        + "".join(
            f"{name} ansible_host=127.0.0.1 ansible_port={sshd.port} ansible_user=root "
            f"ansible_ssh_private_key_file={sshd.client_key} "
            "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'\n"
            for name in ("lpar-db01", "lpar-mon01")
        )
    )
    profile = tmp_path / "site.toml"
    profile.write_text('[hosts."ansible://lpar-mon*".cron]\ndir_mode = 0o770\n')
    result = run_suite(
        [
            "--sysroot",
            str(root),
            "--platform",
            "aix",
            f"--ansible-inventory={inventory}",
            "--hosts=ansible://aix",
            f"--profile={profile}",
        ],
        tmp_path,
    )
    assert result.by_host["ansible://lpar-db01"]["CRON-04"] == "fail"
    assert result.by_host["ansible://lpar-mon01"]["CRON-04"] == "pass"


@pytest.mark.parametrize(
    "hosts, workers, how",
    [
        (2, 2, ["--hosts"]),
        (4, 4, ["--hosts-file"]),
        (4, 2, ["--hosts", "--dist", "loadscope"]),
        (3, 2, ["--hosts-file", "--dist", "loadfile"]),
    ],
    ids=["2-hosts-2-workers", "4-hosts-4-workers-hosts-file", "dist-loadscope", "dist-loadfile"],
)
def test_each_host_gets_two_commands_under_xdist_counted_at_the_server(
    tmp_path: Path, sshd, hosts: int, workers: int, how: list[str]
) -> None:
    """Two remote commands per host, counted by the sshd, whatever worker count and load mode, all four folders."""
    names = [f"h{i:03d}" for i in range(hosts)]
    config, log = sshd.counted_hosts(names, tmp_path)
    root = build(AIX_FTP_SNMP_HARDENED, tmp_path / "root")
    if how[0] == "--hosts-file":
        listing = tmp_path / "hosts.txt"
        listing.write_text("".join(f"ssh://{n}\n" for n in names))
        selection = [f"--hosts-file={listing}"]
    else:
        selection = ["--hosts=" + ",".join(f"ssh://{n}" for n in names)]
    result = run_suite(
        [*selection, *how[1:], f"--ssh-config={config}", "--sysroot", str(root), "--platform", "aix", "-n", str(workers)],
        tmp_path,
        ALL_FOLDERS,
    )
    assert set(result.by_host) == {f"ssh://{n}" for n in names}, result.output[-2000:]
    counted = log.read_text().split()
    assert {n: counted.count(n) for n in names} == dict.fromkeys(names, 2), result.output[-2000:]


def _most_at_once(log: Path) -> int:
    """The largest number of commands the server was holding at the same moment (start/end lines, in order)."""
    held = most = 0
    for line in log.read_text().splitlines():
        if line.startswith("start "):
            held += 1
            most = max(most, held)
        elif line.startswith("end "):
            held -= 1
    return most


@pytest.mark.parametrize(
    "concurrency, workers, at_once",
    [(1, [], 1), (4, [], 4), (3, ["-n", "2"], 3)],
    ids=["one-at-a-time", "four-at-once", "xdist-workers-collect-ahead"],
)
def test_hosts_are_collected_while_the_network_waits(
    tmp_path: Path, sshd, concurrency: int, workers: list[str], at_once: int
) -> None:
    """--collect-concurrency: hosts are collected ahead of their tests, several at once, each still with two
    commands. Every command waits half a second at the server; the server's log shows how many overlapped."""
    names = [f"h{i:03d}" for i in range(6)]
    config, log = sshd.counted_hosts(names, tmp_path, hold=0.5)
    root = build(AIX_FTP_SNMP_HARDENED, tmp_path / "root")
    result = run_suite(
        [
            "--hosts=" + ",".join(f"ssh://{n}" for n in names),
            f"--ssh-config={config}",
            "--sysroot",
            str(root),
            "--platform",
            "aix",
            f"--collect-concurrency={concurrency}",
            *workers,
        ],
        tmp_path,
        ALL_FOLDERS,
    )
    assert set(result.by_host) == {f"ssh://{n}" for n in names}, result.output[-2000:]
    counted = [line for line in log.read_text().split("\n") if line in names]
    assert {n: counted.count(n) for n in names} == dict.fromkeys(names, 2)
    if at_once == 1:
        assert _most_at_once(log) == 1
    else:
        assert _most_at_once(log) >= at_once, log.read_text()
