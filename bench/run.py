"""The fleet benchmark: batched collection against the naive testinfra way, and many hosts in parallel.

    python3 bench/run.py                             # full: 1, 10, 50 hosts with -n 2 and -n 8 (~15 min)
    python3 bench/run.py --quick                     # 1 and 10 hosts, -n 2 only (~3-4 min)

Starts real sshd hosts on 127.0.0.1 (bench/fleet.py), runs the suite as a user would in a
subprocess, times it, reads the remote commands from its terminal summary, samples the
workers' peak memory, prints one table, writes it as JSON and says which targets were met.
Everything it starts (sshd, pytest and what pytest starts) is stopped on exit, error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.fleet import Fleet  # noqa: E402

FOLDERS = ("tests_cron", "tests_ftp", "tests_mail", "tests_snmp")
NAIVE = REPO / "bench" / "naive.py"
SAMPLE_SECONDS = 0.2
RUN_TIMEOUT = 1800.0
MB = 1024.0  # VmHWM is in kB
EXECNET_BOOTSTRAP = b"sys.stdin.readline()"


#: SMTP-07 reads sendmail's release by running the binary, which a file tree (every bench host is one) cannot:
#: it is never assessable here, so a clean run leaves it out rather than count it.
SKIP_ON_TREES = ("-k", "not sendmail_release_is_current")


# -- running and measuring one pytest -----------------------------------------------


@dataclass
class Measured:
    wall: float
    rc: int
    output: str
    controller_kb: int = 0
    cpu_runner: float = 0.0  # user+sys of pytest and everything it started and reaped (workers, ssh, relays)
    cpu_hosts: float = 0.0  # user+sys of the simulated hosts' sshd, sessions and collectors meanwhile
    load: float = 0.0  # 1-minute load average when the run ended: other work on the machine shows here
    worker_kb: dict[int, int] = field(default_factory=dict)

    @property
    def peak_worker_mb(self) -> float:
        """xdist workers when there are any; else the single pytest process, which then does the work."""
        peak = max(self.worker_kb.values()) if self.worker_kb else self.controller_kb
        return round(peak / MB, 1)


def _ppid_and_comm(pid: str) -> tuple[int, str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return None
    comm = stat[stat.find("(") + 1 : stat.rfind(")")]
    fields = stat[stat.rfind(")") + 2 :].split()
    return int(fields[1]), comm


def _vm_hwm_kb(pid: int) -> int:
    """Peak resident set of a live process, as the kernel keeps it (never decreases)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _is_xdist_worker(pid: str) -> bool:
    """execnet starts each worker as `python -c "import sys;exec(eval(sys.stdin.readline()))"`.

    Matching the command line, not just the name, keeps out a child that pytest has forked and
    not yet exec'd (briefly named python too, e.g. testinfra's ssh subprocess).
    """
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return EXECNET_BOOTSTRAP in handle.read()
    except OSError:
        return False


def sample(root: int, measured: Measured) -> None:
    """Peak RSS of the pytest process and of its xdist workers."""
    measured.controller_kb = max(measured.controller_kb, _vm_hwm_kb(root))
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        info = _ppid_and_comm(pid)
        if info and info[0] == root and info[1].startswith("python") and _is_xdist_worker(pid):
            measured.worker_kb[int(pid)] = max(measured.worker_kb.get(int(pid), 0), _vm_hwm_kb(int(pid)))


def measure(cmd: list[str], log: Path, env: dict[str, str] | None = None, timeout: float = RUN_TIMEOUT) -> Measured:
    """Wall time of one command, sampling memory every 0.2 s; the whole process group is ended on any exit."""
    with open(log, "w", encoding="utf-8") as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        measured = Measured(0.0, -1, "")
        try:
            while time.monotonic() - started < timeout:
                sample(proc.pid, measured)
                try:
                    proc.wait(timeout=SAMPLE_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    continue
            measured.wall = time.monotonic() - started
        finally:
            _end_group(proc)
    measured.rc = proc.returncode if proc.returncode is not None else -1
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    measured.cpu_runner = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    measured.output = log.read_text(encoding="utf-8", errors="replace")
    measured.load = os.getloadavg()[0]
    return measured


def _end_group(proc: subprocess.Popen) -> None:
    """Stop what this run started: the pytest process group (workers, ssh clients, relays), leftovers included.

    Linux does not reuse a pid while it names a live process group, so the group id still
    designates only what this pytest started, even after pytest itself has exited.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            break
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            continue
        if sig == signal.SIGTERM and not _group_alive(proc.pid):
            break


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


# -- reading pytest's output ------------------------------------------------------------

HOST_LINE = re.compile(r"^(ssh://\S+): platform \S+.*?; remote commands: (\d+);", re.M)
SUMMARY = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed|deselected)")
NAIVE_COUNT = re.compile(r"^naive remote commands: (\d+)", re.M)


def remote_commands(output: str) -> dict[str, int]:
    return {host: int(n) for host, n in HOST_LINE.findall(output)}


def outcomes(output: str) -> dict[str, int]:
    lines = [line for line in output.splitlines() if re.search(r"\b(passed|failed|error|skipped)\b.* in [\d.]+s", line)]
    found: dict[str, int] = {}
    for count, word in SUMMARY.findall(lines[-1] if lines else ""):
        found[word.rstrip("s") if word.startswith("error") else word] = int(count)
    return found


# -- the scenarios ----------------------------------------------------------------------


@dataclass
class Bench:
    fleet: Fleet
    latency_ms: int
    naive_sample: int = 1
    repeat: int = 3
    rows: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def measure(self, cmd: list[str], name: str, env: dict[str, str] | None = None) -> Measured:
        """measure(), plus the CPU the simulated hosts spent meanwhile (they share this machine's cores)."""
        before = self.fleet.host_cpu_seconds()
        m = measure(cmd, self.log(name), env=env)
        m.cpu_hosts = self.fleet.host_cpu_seconds() - before
        return m

    def log(self, name: str) -> Path:
        return self.fleet.workdir / f"{name}.log"

    def ours_args(self, config: Path, junit: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "pytest",
            *FOLDERS,
            "-q",
            "-p",
            "no:cacheprovider",
            f"--ssh-config={config}",
            f"--profile={self.fleet.profile}",
            "--platform=aix",
            f"--junitxml={self.fleet.workdir / junit}",
            *SKIP_ON_TREES,
        ]

    def connections(self, names: list[str]) -> int:
        return sum(self.fleet.connections(n) for n in names)

    def warm_up(self) -> None:
        """One untimed run first, so that no timed run pays for cold caches (sources, libraries, sshd)."""
        m = self.measure(self.ours_args(self.fleet.ssh_config, "warm-up.xml") + ["--hosts=ssh://host000"], "warm-up")
        if m.rc != 0:
            self.problems.append(f"warm-up run: pytest exit status {m.rc}:\n" + "\n".join(m.output.splitlines()[-15:]))

    def ours_single(self, slow: bool) -> dict:
        """The full catalog against host000, serially, as a user would run it: the median of `repeat` runs."""
        alias, config, latency = (
            ("host000-slow", self.fleet.slow_ssh_config, self.latency_ms) if slow else ("host000", self.fleet.ssh_config, 0)
        )
        runs: list[tuple[Measured, int]] = []
        for i in range(self.repeat):
            before = self.connections(["host000"])
            m = self.measure(self.ours_args(config, f"ours-{alias}-{i}.xml") + [f"--hosts=ssh://{alias}"], f"ours-{alias}-{i}")
            runs.append((m, self.connections(["host000"]) - before))
        runs.sort(key=lambda run: run[0].wall)
        m, connections = runs[len(runs) // 2]
        row = self.add("ours", 1, 0, latency, m, remote_commands(m.output), connections)
        row["wall_runs_s"] = [round(run.wall, 2) for run, _ in runs]
        return row

    def naive_single(self, slow: bool, ours: dict) -> dict:
        """The same checks through testinfra, one call per property, against the same host and tree."""
        alias, config, latency = (
            ("host000-slow", self.fleet.slow_ssh_config, self.latency_ms) if slow else ("host000", self.fleet.ssh_config, 0)
        )
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            str(NAIVE),
            "-q",
            "-p",
            "no:cacheprovider",
            "--noconftest",
            f"--hosts=ssh://{alias}",
            f"--ssh-config={config}",
        ]
        before = self.connections(["host000"])
        env = {"BENCH_NAIVE_SPEC": str(self.fleet.naive_spec), "BENCH_NAIVE_SAMPLE": str(self.naive_sample)}
        m = self.measure(cmd, f"naive-{alias}", env=env)
        counted = NAIVE_COUNT.findall(m.output)
        commands = {f"ssh://{alias}": int(counted[-1])} if counted else {}
        connections = self.connections(["host000"]) - before
        factor = self.sample_factor()
        if factor != 1.0:  # a quick run measures every K-th case and scales up: marked in the row
            m.wall *= factor
            m.cpu_runner *= factor
            m.cpu_hosts *= factor
            commands = {k: round(v * factor) for k, v in commands.items()}
            connections = round(connections * factor)
        name = "naive testinfra" if factor == 1.0 else f"naive 1/{self.naive_sample}x{factor:.2f}"
        row = self.add(name, 1, 0, latency, m, commands, connections, expect_rc=(0,))
        row["naive_sample"] = f"1/{self.naive_sample}"
        row["ratio"] = round(row["wall_s"] / ours["wall_s"], 1) if ours["wall_s"] else None
        return row

    def sample_factor(self) -> float:
        """Cases of the full naive suite over the cases a 1/K sample runs."""
        spec = json.loads(self.fleet.naive_spec.read_text())
        full = len(spec["files"]) + len(spec["homes"])
        sampled = len(spec["files"][:: self.naive_sample]) + len(spec["homes"][:: self.naive_sample])
        return full / sampled

    def ours_fleet(self, hosts: int, workers: int, wan: bool = False) -> dict:
        """Many hosts from a hosts file under xdist: each host collected once, on one worker; with `wan`, every
        round trip goes through the relay's wide-area delay."""
        names = [h.name for h in self.fleet.hosts[:hosts]]
        config, suffix, latency = (self.fleet.ssh_config, "", 0)
        if wan:
            config, suffix, latency = self.fleet.wan_ssh_config, "-wan", self.fleet.wan_delay_ms
        before = self.connections(names)
        cmd = self.ours_args(config, f"fleet-{hosts}-{workers}{suffix}.xml") + [
            f"--hosts-file={self.fleet.hosts_file(hosts, suffix)}",
            f"--results-json={self.fleet.workdir / f'fleet-{hosts}-{workers}{suffix}.json'}",
            *(["-n", str(workers)] if workers else []),
        ]
        m = self.measure(cmd, f"fleet-{hosts}-n{workers}{suffix}")
        found = remote_commands(m.output)
        if len(found) != hosts:
            self.problems.append(f"fleet {hosts} hosts -n {workers}: {len(found)} of {hosts} hosts reported remote commands")
        return self.add("ours fleet", hosts, workers, latency, m, found, self.connections(names) - before)

    def ansible(self, hosts: int, workers: int) -> None:
        """The Ansible path: ansible/collect.yml with `hosts` forks writes each host's record, then pytest --replay
        evaluates them with -n `workers`; the verdicts are compared with the direct SSH run of the same hosts."""
        names = [h.name for h in self.fleet.hosts[:hosts]]
        records = self.fleet.workdir / f"ansible-{hosts}"
        shutil.rmtree(records, ignore_errors=True)
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "ANSIBLE_CONFIG": str(self.fleet.workdir / "no-ansible.cfg"),  # no user or system ansible.cfg
            "ANSIBLE_LOCAL_TEMP": str(self.fleet.workdir / "ansible-local"),
            "ANSIBLE_SSH_CONTROL_PATH_DIR": str(self.fleet.workdir / "ansible-cp"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_HOST_KEY_CHECKING": "False",
        }
        before = self.connections(names)
        playbook = str(REPO / "ansible" / "collect.yml")
        cmd = [sys.executable, "-m", "ansible.cli.playbook", "-i", str(self.fleet.inventory(hosts)), playbook]
        cmd += ["-e", f"svcaudit_record_dir={records}", "-e", f"svcaudit_profile={self.fleet.profile}"]
        cmd += ["-e", "svcaudit_platform=aix"]
        m = self.measure(cmd + ["-f", str(hosts)], f"ansible-collect-{hosts}", env=env)
        found = {}
        for path in sorted(records.glob("*.json")) if records.is_dir() else []:
            record = json.loads(path.read_text(encoding="utf-8"))
            found[record.get("host", path.stem)] = record.get("remote_commands") or 0
        if len(found) != hosts:
            self.problems.append(f"ansible {hosts} hosts: {len(found)} records written (exit status {m.rc})")
        self.add("ansible collect", hosts, hosts, 0, m, found, self.connections(names) - before)["forks"] = hosts
        out = self.fleet.workdir / f"ansible-{hosts}-replay.json"
        cmd = [sys.executable, "-m", "pytest", *FOLDERS, "-q", "-p", "no:cacheprovider", f"--replay={records}", *SKIP_ON_TREES]
        m = self.measure(cmd + [f"--results-json={out}", "-n", str(workers)], f"ansible-replay-{hosts}-n{workers}")
        self.add("ansible replay", hosts, workers, 0, m, found, 0)
        direct = self.fleet.workdir / f"fleet-{hosts}-{workers}.json"
        if not (out.is_file() and direct.is_file()):
            self.problems.append(f"ansible {hosts} hosts: no results to compare with the direct SSH run")
            return
        ours, theirs = _verdicts(json.loads(out.read_text()), "ansible://"), _verdicts(json.loads(direct.read_text()), "ssh://")
        differ = sorted(h for h in set(ours) | set(theirs) if ours.get(h) != theirs.get(h))
        self.rows[-1]["same_verdicts_as_ssh"] = not differ and len(ours) == hosts
        if differ:
            self.problems.append(f"ansible {hosts} hosts: verdicts differ from direct SSH on {', '.join(differ[:5])}")

    def replay(self, hosts: int, workers: int) -> dict:
        """Facts of host000 recorded once and saved under `hosts` names, evaluated with --replay: what a fleet
        collected by Ansible costs the evaluating runner, per process (controller and workers)."""
        directory = self.fleet.workdir / f"replay-{hosts}"
        if not directory.is_dir():
            recorded = self.fleet.workdir / "recorded"
            cmd = self.ours_args(self.fleet.ssh_config, "record.xml") + ["--hosts=ssh://host000", f"--record={recorded}"]
            m = self.measure(cmd, "record")
            files = sorted(recorded.glob("*.json")) if recorded.is_dir() else []
            if not files:
                self.problems.append(f"replay: recording host000 failed (exit status {m.rc})")
                return {}
            facts = json.loads(files[0].read_text(encoding="utf-8"))
            directory.mkdir()
            for i in range(hosts):
                facts["host"] = f"lpar{i:04d}"
                (directory / f"lpar{i:04d}.json").write_text(json.dumps(facts), encoding="utf-8")
        cmd = [sys.executable, "-m", "pytest", *FOLDERS, "-q", "-p", "no:cacheprovider", f"--replay={directory}", *SKIP_ON_TREES]
        m = self.measure(cmd + (["-n", str(workers)] if workers else []), f"replay-{hosts}-n{workers}")
        return self.add("ours replay", hosts, workers, 0, m, {"(recorded)": 2}, 0)

    def xdist_floor(self, tests: int, workers: int) -> dict:
        """pytest-xdist's own cost on this machine: `tests` tests that do nothing (one parametrized function,
        svcaudit not loaded), serially or with -n `workers` and xdist's plain load mode. What a replay with
        -n can gain over a serial one is bounded by this ratio."""
        directory = self.fleet.workdir / "xdist-floor"
        directory.mkdir(exist_ok=True)
        (directory / "test_floor.py").write_text(
            f"import pytest\n\n\n@pytest.mark.parametrize('i', range({tests}))\ndef test_nothing(i):\n    pass\n"
        )
        cmd = [sys.executable, "-m", "pytest", str(directory / "test_floor.py"), "-q", "-p", "no:cacheprovider", "--noconftest"]
        cmd += ["--rootdir", str(directory)] + (["-n", str(workers), "--dist", "load"] if workers else [])
        m = self.measure(cmd, f"xdist-floor-{tests}-n{workers}")
        return self.add("xdist floor", tests, workers, 0, m, {"(none)": 0}, 0)

    def add(
        self,
        scenario: str,
        hosts: int,
        workers: int,
        latency: int,
        m: Measured,
        commands: dict[str, int],
        connections: int,
        expect_rc: tuple[int, ...] = (0,),
    ) -> dict:
        if m.rc not in expect_rc:
            self.problems.append(
                f"{scenario} {hosts} host(s) -n {workers} {latency} ms: pytest exit status {m.rc}:\n"
                + "\n".join(m.output.splitlines()[-15:])
            )
        if not commands:
            self.problems.append(f"{scenario} {hosts} host(s) -n {workers} {latency} ms: no remote command count in the output")
        row = {
            "scenario": scenario,
            "hosts": hosts,
            "workers": workers,
            "latency_ms": latency,
            "wall_s": round(m.wall, 2),
            "s_per_host": round(m.wall / hosts, 2),
            "remote_cmds_per_host": max(commands.values()) if commands else None,
            "ssh_connections_per_host": round(connections / hosts, 1),
            "peak_mb_per_worker": m.peak_worker_mb,
            "controller_peak_mb": round(m.controller_kb / MB, 1),
            "worker_processes": len(m.worker_kb),
            "cpu_s_runner": round(m.cpu_runner, 2),
            "cpu_s_hosts": round(m.cpu_hosts, 2),
            "load_1min": round(m.load, 2),
            "ratio": None,
            "exit_status": m.rc,
            "outcomes": outcomes(m.output),
        }
        self.rows.append(row)
        print(f"  {_line(row)}", flush=True)
        return row


def _verdicts(document: dict, scheme: str) -> dict[str, dict[str, str]]:
    """Each host's (without its scheme) test -> outcome, from a results JSON."""
    found: dict[str, dict[str, str]] = {}
    for r in document.get("results", []):
        test = r["test"].split("[", 1)[0]
        found.setdefault(r["host"].removeprefix(scheme), {})[test] = r["outcome"]
    return found


# -- targets, table, JSON ---------------------------------------------------------------


def targets(rows: list[dict], latency: int) -> list[dict]:
    ours = [r for r in rows if r["scenario"].startswith("ours") and r["scenario"] != "ours replay"]
    slow_naive = next((r for r in rows if r["scenario"].startswith("naive") and r["latency_ms"] == latency), None)
    wan = [r for r in ours if r["scenario"] == "ours fleet" and r["latency_ms"] > 0]
    same = [r for r in ours if wan and (r["hosts"], r["workers"]) == (wan[0]["hosts"], wan[0]["workers"])]
    lan = next((r for r in same if not r["latency_ms"]), None)
    collected = next((r for r in rows if r["scenario"] == "ansible collect"), None)
    evaluated = next((r for r in rows if r["scenario"] == "ansible replay"), None)
    floors = [r for r in rows if r["scenario"] == "xdist floor"]
    floor_serial = next((r for r in floors if not r["workers"]), None)
    floor_parallel = next((r for r in floors if r["workers"]), None)
    floor = round(floor_parallel["wall_s"] / floor_serial["wall_s"], 2) if floor_serial and floor_parallel else None
    replays = [r for r in rows if r["scenario"] == "ours replay"]
    serial = next((r for r in replays if not r["workers"]), None)
    parallel = next((r for r in replays if r["workers"]), None)
    commands = [r["remote_cmds_per_host"] for r in ours if r["remote_cmds_per_host"] is not None]
    peaks = [r["peak_mb_per_worker"] for r in ours if r["workers"]]
    replay_peaks = [max(r["peak_mb_per_worker"], r["controller_peak_mb"]) for r in replays]
    return [
        _target("at most 3 remote commands per host", max(commands) if commands else None, lambda v: v <= 3),
        _target(f"naive/ours wall-time ratio >= 10 at {latency} ms", slow_naive and slow_naive["ratio"], lambda v: v >= 10),
        _target(
            f"{wan[0]['hosts'] if wan else 50} hosts at {wan[0]['latency_ms'] if wan else 100} ms"
            " in at most 1.3x the time at 0 ms",
            round(wan[0]["wall_s"] / lan["wall_s"], 2) if wan and lan else None,
            lambda v: v <= 1.3,
        ),
        _target("peak memory per xdist worker < 300 MB", max(peaks) if peaks else None, lambda v: v < 300),
        _target(
            f"{serial['hosts'] if serial else 1000} replayed hosts: peak RSS of every process < 250 MB",
            max(replay_peaks) if replay_peaks else None,
            lambda v: v < 250,
        ),
        _target(
            f"Ansible path, {collected['hosts'] if collected else 50} hosts: same verdicts as direct SSH, "
            "collector runs per host (at most 2)",
            collected["remote_cmds_per_host"] if collected and evaluated and evaluated.get("same_verdicts_as_ssh") else None,
            lambda v: v <= 2,
            "" if evaluated is None or evaluated.get("same_verdicts_as_ssh") else "verdicts differ or were not compared",
        ),
        _target(
            "replay with -n no slower than without (ratio)",
            round(parallel["wall_s"] / serial["wall_s"], 2) if serial and parallel else None,
            lambda v: v <= 1.0,
            f"xdist's own floor here, as many empty tests with -n against serial: {floor}" if floor else "",
        ),
    ]


def _target(name: str, value: float | None, ok: Callable[[float], bool], note: str = "") -> dict:
    return {"target": name, "measured": value, "met": None if value is None else bool(ok(value)), "note": note}


COLUMNS = [
    ("scenario", 16, "scenario"),
    ("hosts", 5, "hosts"),
    ("workers", 7, "workers"),
    ("latency_ms", 7, "latency"),
    ("wall_s", 7, "wall s"),
    ("s_per_host", 6, "s/host"),
    ("remote_cmds_per_host", 17, "remote cmds/host"),
    ("peak_mb_per_worker", 15, "peak MB/worker"),
    ("ratio", 6, "ratio"),
    ("cpu_s", 14, "cpu s run+hosts"),
]


def _cell(key: str, value: object) -> str:
    if key == "cpu_s" and isinstance(value, tuple):
        return f"{value[0]:.1f}+{value[1]:.1f}"
    if value is None:
        return "-"
    if key == "workers" and not isinstance(value, str):
        return f"-n {value}" if value else "serial"
    if key == "latency_ms":
        return f"{value} ms"
    return str(value)


def _line(row: dict) -> str:
    cells = {**row, "cpu_s": (row["cpu_s_runner"], row["cpu_s_hosts"])}
    if row.get("forks"):
        cells["workers"] = f"-f {row['forks']}"  # ansible-playbook's forks, not xdist workers
    return "  ".join(_cell(k, cells[k]).ljust(w) for k, w, _ in COLUMNS).rstrip()


def table(rows: list[dict]) -> str:
    header = "  ".join(title.ljust(w) for _, w, title in COLUMNS).rstrip()
    return "\n".join([header, "-" * len(header)] + [_line(r) for r in rows])


def testinfra_ssh_command(fleet: Fleet) -> str:
    """What testinfra's default ssh backend runs per command: shows whether it would reuse a connection."""
    from testinfra.backend.ssh import SshBackend

    cmd, args = SshBackend("host000", ssh_config=str(fleet.ssh_config))._build_ssh_command("true")
    return " ".join(cmd) % tuple(args)


# -- main -------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="svcaudit fleet benchmark (see bench/README.md)")
    parser.add_argument("--quick", action="store_true", help="1 and 10 hosts, -n 2 only (latency runs included)")
    parser.add_argument("--hosts", default="", help="host counts of the fleet runs, e.g. 1,10,50 (default 1,10,50)")
    parser.add_argument("--workers", default="", help="xdist worker counts, e.g. 2,8 (default 2,8)")
    parser.add_argument("--latency-ms", type=int, default=25, help="round-trip delay the relay adds (default 25)")
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=0,
        help="run every K-th naive case and scale up (default: 4 with --quick, else 1 = all)",
    )
    parser.add_argument("--wan-hosts", type=int, default=50, help="hosts of the 0 ms / wide-area pair of fleet runs (0: skip)")
    parser.add_argument("--wan-latency-ms", type=int, default=100, help="round trip of the wide-area fleet run (default 100)")
    parser.add_argument("--no-ansible", dest="ansible", action="store_false", help="skip the Ansible rows (--wan-hosts hosts)")
    parser.add_argument("--no-floor", dest="floor", action="store_false", help="skip xdist's own floor (as many empty tests)")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive testinfra rows (about 9 minutes)")
    parser.add_argument("--replay-hosts", type=int, default=1000, help="hosts of the --replay runs, serial and -n (0: skip)")
    parser.add_argument("--repeat", type=int, default=3, help="single-host runs of ours, the median is reported (default 3)")
    parser.add_argument("--out", default=str(REPO / "bench" / "results.json"), help="JSON output (default bench/results.json)")
    args = parser.parse_args(argv)
    args.host_counts = _ints(args.hosts or ("1,10" if args.quick else "1,10,50"), "--hosts")
    args.worker_counts = _ints(args.workers or ("2" if args.quick else "2,8"), "--workers")
    args.naive_sample = args.naive_sample or (4 if args.quick else 1)
    if not 1 <= args.naive_sample <= 50:
        raise SystemExit("--naive-sample: expected 1 to 50")
    if not 1 <= args.repeat <= 9:
        raise SystemExit("--repeat: expected 1 to 9")
    return args


def _ints(text: str, option: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise SystemExit(f"{option}: expected numbers separated by commas, got {text!r}") from None
    if not values or min(values) < 1 or max(values) > 500:
        raise SystemExit(f"{option}: expected numbers from 1 to 500, got {text!r}")
    return values


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def run(args: argparse.Namespace) -> dict:
    started = time.monotonic()
    load_before = os.getloadavg()
    if load_before[0] > 0.5 * (os.cpu_count() or 1):
        print(f"note: load average {load_before[0]:.1f} before the run: other work shares the CPUs, timings will be noisy")
    size = max(args.host_counts)
    print(f"starting {max(size, args.wan_hosts)} sshd hosts on 127.0.0.1 ...", flush=True)
    with Fleet(max(size, args.wan_hosts), delay_ms=args.latency_ms, wan_delay_ms=args.wan_latency_ms) as fleet:
        print(f"fleet ready in {time.monotonic() - started:.1f}s; running:", flush=True)
        bench = Bench(fleet, args.latency_ms, args.naive_sample, args.repeat)
        bench.warm_up()
        ours = bench.ours_single(slow=False)
        if not args.no_naive:
            bench.naive_single(slow=False, ours=ours)
        ours_slow = bench.ours_single(slow=True)
        if not args.no_naive:
            bench.naive_single(slow=True, ours=ours_slow)
        for hosts in args.host_counts:
            for workers in args.worker_counts:
                bench.ours_fleet(hosts, workers)
        if args.wan_hosts:
            bench.ours_fleet(args.wan_hosts, args.worker_counts[0])
            bench.ours_fleet(args.wan_hosts, args.worker_counts[0], wan=True)
            if args.ansible:
                bench.ansible(args.wan_hosts, args.worker_counts[0])
        if args.replay_hosts:
            bench.replay(args.replay_hosts, 0)
            bench.replay(args.replay_hosts, args.worker_counts[0])
            if args.floor:
                tests = sum(r["outcomes"].get(k, 0) for r in bench.rows[-1:] for k in ("passed", "failed", "skipped"))
                bench.xdist_floor(tests or 88000, 0)
                bench.xdist_floor(tests or 88000, args.worker_counts[0])
        ssh_command = testinfra_ssh_command(fleet)
    return {
        "command": "python3 bench/run.py " + " ".join(sys.argv[1:]),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "kernel": platform.release(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "testinfra_ssh_command": ssh_command,
        "rows": bench.rows,
        "targets": targets(bench.rows, args.latency_ms),
        "problems": bench.problems,
        "seconds": round(time.monotonic() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if os.geteuid() != 0:
        print("bench/run.py must run as root: the host trees carry real owners (chown)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored (a background job)
    try:
        result = run(args)
    except KeyboardInterrupt:
        print("interrupted: every sshd and pytest this run started has been stopped", file=sys.stderr)
        return 130
    print("\n" + table(result["rows"]) + "\n")
    for t in result["targets"]:
        verdict = "NOT RUN" if t["met"] is None else ("PASS" if t["met"] else "FAIL")
        print(
            f"{verdict:7} {t['target']}: measured {t['measured']}"
            + (f" ({t['note']})" if t["note"] and t["met"] is False else "")
        )
    for problem in result["problems"]:
        print(f"PROBLEM {problem}")
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out} ({result['seconds']}s in all)")
    return 0 if not result["problems"] and all(t["met"] is not False for t in result["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
