"""The benchmark fleet: one realistic AIX-layout tree, copied per host, each host its own sshd on 127.0.0.1.

The tree merges the hardened AIX scenarios of the cron, FTP/SNMP and mail self-tests and
adds what a production LPAR carries: 200 accounts with homes and 40 crontab entries in
10 crontabs. `Fleet` owns every process and file it makes and removes them in `stop`.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from tests_meta.support import scenarios_cron, scenarios_ftp_snmp, scenarios_mail
from tests_meta.support.scenario import Dir, File, Link, Node, Scenario, build
from tests_meta.support.sshd import SSHD, free_port, keygen

LOOPBACK = "127.0.0.1"
RELAY = Path(__file__).resolve().parent / "relay.py"
ACCOUNTS = 200
CRONTAB_USERS = 8  # root and adm come from the cron scenario: 10 crontabs in all
CRON_ENTRIES = 40
#: A conflict between the merged scenarios is resolved by naming the module whose node wins.
PREFER = {"/etc/rc.tcpip": scenarios_ftp_snmp}  # it already carries the commented sendmail line
START_SECONDS = 10.0
STOP_SECONDS = 5.0


# -- the host tree ------------------------------------------------------------------

def _merge_nodes(modules: tuple) -> list[Node]:
    """Nodes of several scenarios: identical duplicates once, known conflicts by PREFER, others refused."""
    chosen: dict[str, tuple[Node, object]] = {}
    for module in modules:
        for node in module.AIX_HARDENED.nodes:
            seen = chosen.get(node.path)
            if seen is None or seen[0] == node:
                chosen.setdefault(node.path, (node, module))
            elif PREFER.get(node.path) is module:
                chosen[node.path] = (node, module)
            elif PREFER.get(node.path) is not seen[1]:
                raise ValueError(f"{node.path}: the scenarios disagree and PREFER names no winner")
    return [node for node, _ in chosen.values()]


def _account_names() -> list[str]:
    return [f"u{i:03d}" for i in range(ACCOUNTS)]


def _homes() -> list[Node]:
    nodes: list[Node] = []
    for name in _account_names():
        nodes.append(Dir(f"/home/{name}", 0o700, name, "staff"))
        nodes.append(File(f"/home/{name}/.profile", "PATH=/usr/bin:/etc:/usr/sbin:/usr/ucb:$HOME/bin:.\nexport PATH\n",
                          0o600, name, "staff"))
    return nodes


def _user_crontabs(existing: int) -> tuple[list[Node], list[str]]:
    """Crontabs of CRONTAB_USERS accounts making CRON_ENTRIES entries in all, and the jobs they run."""
    users = _account_names()[:CRONTAB_USERS]
    wanted = CRON_ENTRIES - existing
    per_user = [wanted // len(users) + (1 if i < wanted % len(users) else 0) for i in range(len(users))]
    nodes: list[Node] = []
    jobs: list[str] = []
    for user, count in zip(users, per_user):
        lines = [f"# crontab of {user}"]
        for k in range(count):
            job = f"/opt/jobs/{user}_job{k}.sh"
            jobs.append(job)
            minute, hour = (7 * len(jobs)) % 60, (len(jobs) % 23)
            command = f"/usr/bin/ksh {job}" if k % 3 == 1 else job
            lines.append(f"{minute} {hour} * * {'1-5' if k % 2 else '*'} {command} >/dev/null 2>&1")
        nodes.append(File(f"/var/spool/cron/crontabs/{user}", "\n".join(lines) + "\n", 0o600, user, "cron"))
    nodes += [File(job, "#!/bin/ksh\nexit 0\n", 0o755, "root", "system") for job in jobs]
    return nodes, users


def _entries(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def fleet_scenario() -> Scenario:
    """The hardened AIX host of every family, with a production-sized user base and cron load."""
    nodes = _merge_nodes((scenarios_cron, scenarios_ftp_snmp, scenarios_mail))
    existing = sum(_entries(n.content) for n in nodes if n.path.startswith("/var/spool/cron/crontabs/"))
    cron_nodes, cron_users = _user_crontabs(existing)
    allow = File("/var/adm/cron/cron.allow", "root\nadm\n" + "".join(f"{u}\n" for u in cron_users), 0o600, "root", "sys")
    # A relative link resolves inside the tree for both the collector and the naive suite's `stat -L`.
    relative = {"/etc/aliases": Link("/etc/aliases", "mail/aliases")}
    nodes = [relative.get(n.path, n) for n in nodes if n.path != allow.path] + [allow, *cron_nodes, *_homes()]
    users = {**scenarios_cron.AIX_USERS, **{name: 1000 + i for i, name in enumerate(_account_names())}}
    base = scenarios_cron.AIX_HARDENED
    return replace(base, name="fleet-aix", users=users, groups=dict(scenarios_cron.AIX_GROUPS), nodes=tuple(nodes), expect={})


# -- what the naive suite checks ------------------------------------------------------

ROOT_ONLY = [0]


def _item(path: str, *, must: bool = True, forbid: int = 0, uids: list[int] | None = None, gids: list[int] | None = None,
          read: bool = False, require: list[str] | None = None, refuse: list[str] | None = None, empty: bool = False) -> dict:
    return {"path": path, "must": must, "forbid": forbid, "uids": uids, "gids": gids, "read": read or bool(require or refuse or empty),
            "require": require or [], "refuse": refuse or [], "empty": empty}


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/"] + ["/" + "/".join(parts[:i]) for i in range(1, len(parts))]


def _cron_programs(scenario: Scenario) -> list[str]:
    """Absolute programs of active crontab entries, interpreter scripts included, as a reader of the crontab lists them."""
    found: list[str] = []
    for node in scenario.nodes:
        if not node.path.startswith("/var/spool/cron/crontabs/") or node.kind != "file":
            continue
        for line in node.content.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            words = re.split(r"\s+", line.strip())[5:]
            found += [w for w in words[:2] if w.startswith("/") and not w.startswith("/dev/") and ">" not in w]
    return list(dict.fromkeys(found))


def naive_spec(scenario: Scenario, sysroot: Path) -> dict:
    """One entry per file the catalog looks at, with the rule a hand-written testinfra test would assert."""
    uids = sorted(set(scenario.users.values()))
    gids = sorted(set(scenario.groups.values()))
    g = scenario.groups
    sysg = [g["system"], g["sys"], g["bin"]]
    crong = sysg + [g["cron"]]
    items: list[dict] = []
    for name in ("cron.allow", "cron.deny", "at.allow", "at.deny"):
        items.append(_item(f"/var/adm/cron/{name}", must=False, forbid=0o7177, uids=ROOT_ONLY, gids=crong, require=[r"^root$"]))
    items.append(_item("/var/spool/cron/crontabs", forbid=0o7022, uids=[0, 2], gids=crong))
    items.append(_item("/var/spool/cron/atjobs", forbid=0o7022, uids=[0, 2], gids=crong))
    items.append(_item("/var/adm/cron/log", forbid=0o7177, uids=ROOT_ONLY, gids=gids))
    tabs = sorted(n.path for n in scenario.nodes if n.path.startswith("/var/spool/cron/crontabs/") and n.kind == "file")
    items += [_item(t, forbid=0o7177, uids=uids, gids=gids, read=True) for t in tabs]
    programs = _cron_programs(scenario)
    items += [_item(p, forbid=0o022, uids=uids, gids=gids) for p in programs]
    mail_programs = ["/usr/local/bin/maillog"]
    dirs = dict.fromkeys(d for p in programs + mail_programs + ["/etc/mail/helpfile"] for d in _ancestors(p))
    items += [_item(d, forbid=0o002, uids=uids, gids=gids) for d in dirs]
    items += _ftp_snmp_items(uids, gids, sysg)
    items += _mail_items(uids, gids, mail_programs)
    homes = ["/root" if u == "root" else f"/home/{u}" for u in scenario.users]
    return {"sysroot": str(sysroot), "files": items, "homes": homes}


def _ftp_snmp_items(uids: list[int], gids: list[int], sysg: list[int]) -> list[dict]:
    system = ("root", "daemon", "bin", "sys", "adm", "uucp", "guest", "nuucp", "lpd", "invscout", "esaadmin", "sshd")
    default_communities = r"(?i)^\s*(community\s+(public|private|system)\b|COMMUNITY\s+(public|private)\b|VACM_GROUP\s+\S+\s+SNMPv\S+\s+(public|private)\b)"
    defaults = [default_communities, r"gated_password|muxatmd_password|dpid_password", r"^USM_USER\s+u1\s"]
    items = [
        _item("/etc/passwd", uids=ROOT_ONLY, gids=gids, refuse=[r"^(ftp|anonymous):"]),
        _item("/etc/group", uids=ROOT_ONLY, gids=gids, read=True),
        _item("/etc/inetd.conf", uids=ROOT_ONLY, gids=gids, refuse=[r"^ftp\s"]),
        _item("/etc/ftpusers", forbid=0o7137, uids=ROOT_ONLY, gids=sysg, require=[rf"^{a}$" for a in system]),
        _item("/etc/rc.tcpip", uids=ROOT_ONLY, gids=gids, refuse=[r"^start /usr/sbin/(snmpd|dpid2|snmpmibd|aixmibd|hostmibd)\b",
                                                                 r"^start /usr/lib/sendmail\b"]),
    ]
    for conf in ("/etc/snmpd.conf", "/etc/snmpdv3.conf", "/etc/clsnmp.conf"):
        items.append(_item(conf, forbid=0o7177, uids=ROOT_ONLY, gids=gids, refuse=defaults))
    items.append(_item("/etc/snmpd.peers", must=False, forbid=0o7177, uids=ROOT_ONLY, gids=gids, refuse=defaults))
    for mib in ("/etc/mib.defs", "/usr/samples/snmpd/smi.my", "/usr/samples/snmpd/mibII.my"):
        items.append(_item(mib, forbid=0o7137, uids=uids, gids=gids))
    return items


def _mail_items(uids: list[int], gids: list[int], programs: list[str]) -> list[dict]:
    items = [
        _item("/etc/mail/sendmail.cf", uids=uids, gids=gids, require=[r"^O LogLevel=(9|[1-9]\d+)\s*$", r"^O HelpFile=/"],
              refuse=[r"^O SmtpGreetingMessage=.*\$v", r"^O SmtpGreetingMessage=.*Sendmail"]),
        _item("/etc/sendmail.cf", must=False, uids=uids, gids=gids, read=True),
        _item("/etc/postfix/main.cf", must=False, uids=uids, gids=gids, read=True),
        _item("/etc/mail/helpfile", uids=uids, gids=gids, empty=True),
        _item("/etc/syslog.conf", uids=uids, gids=gids, require=[r"^mail\.\w+\s+/"]),
    ]
    for aliases in ("/etc/mail/aliases", "/etc/aliases", "/usr/lib/aliases"):
        items.append(_item(aliases, must=False, forbid=0o7133, uids=ROOT_ONLY, gids=gids, read=True))
        items.append(_item(posixpath.dirname(aliases), must=False, uids=ROOT_ONLY, gids=gids))
    items += [_item(p, forbid=0o022, uids=uids, gids=gids) for p in programs]
    for log in ("/var/spool/mqueue/log", "/var/adm/syslog.log"):
        items.append(_item(log, forbid=0o7133, uids=ROOT_ONLY, gids=gids))
    return _dedupe(items)


def _dedupe(items: list[dict]) -> list[dict]:
    return list({i["path"]: i for i in items}.values())


# -- the hosts --------------------------------------------------------------------------

@dataclass
class Host:
    name: str
    port: int
    tree: Path
    process: subprocess.Popen
    log: Path


@dataclass
class Fleet:
    """N sshd hosts on 127.0.0.1, each with its own copy of the tree; a context manager that always cleans up."""

    size: int
    delay_ms: int = 25
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="svcaudit-bench-")))
    hosts: list[Host] = field(default_factory=list)

    def __enter__(self) -> Fleet:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def ssh_config(self) -> Path:
        return self.workdir / "ssh_config"

    @property
    def slow_ssh_config(self) -> Path:
        return self.workdir / "ssh_config.slow"

    @property
    def profile(self) -> Path:
        return self.workdir / "profile.toml"

    @property
    def naive_spec(self) -> Path:
        return self.workdir / "naive_spec.json"

    def start(self) -> None:
        os.chmod(self.workdir, 0o755)
        scenario = fleet_scenario()
        template = build(scenario, self.workdir / "template")
        self.naive_spec.write_text(json.dumps(naive_spec(scenario, self.tree_of("host000")), indent=1))
        self._keys()
        (self.workdir / "trees").mkdir()
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)
        for i in range(self.size):
            self._start_host(f"host{i:03d}", template)
        self._write_configs()

    def tree_of(self, name: str) -> Path:
        return self.workdir / "trees" / name

    def _keys(self) -> None:
        keygen(self.workdir / "host_key")
        keygen(self.workdir / "client_key")
        keys = self.workdir / "authorized_keys"
        keys.write_text((self.workdir / "client_key.pub").read_text())
        os.chmod(keys, 0o644)

    def _start_host(self, name: str, template: Path) -> None:
        """Copy the tree (cp -a keeps owners and modes) and start this host's own sshd, waiting until it listens."""
        tree = self.tree_of(name)
        subprocess.run(["cp", "-a", str(template), str(tree)], check=True)
        port = free_port()
        config = self.workdir / f"sshd_config.{name}"
        config.write_text(
            f"Port {port}\nListenAddress {LOOPBACK}\nHostKey {self.workdir / 'host_key'}\nPidFile {self.workdir}/sshd.{name}.pid\n"
            f"AuthorizedKeysFile {self.workdir / 'authorized_keys'}\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nX11Forwarding no\nPrintMotd no\n"
            "LogLevel INFO\nMaxStartups 200:30:400\nMaxSessions 100\n"
        )
        log = self.workdir / f"sshd.{name}.log"
        process = subprocess.Popen([SSHD, "-D", "-E", str(log), "-f", str(config)], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        host = Host(name, port, tree, process, log)
        self.hosts.append(host)  # registered before the wait, so stop() ends it even if the wait fails
        _wait_listening(host)

    def _write_configs(self) -> None:
        key = self.workdir / "client_key"
        common = ("  User root\n  IdentityFile {key}\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n"
                  "  UserKnownHostsFile /dev/null\n  BatchMode yes\n  LogLevel ERROR\n  ConnectTimeout 10\n").format(key=key)
        proxy = f"  ProxyCommand {sys.executable} -S {RELAY} {LOOPBACK} %p --delay-ms {self.delay_ms}\n"
        fast = "".join(f"Host {h.name}\n  HostName {LOOPBACK}\n  Port {h.port}\n{common}" for h in self.hosts)
        slow = "".join(f"Host {h.name}-slow\n  HostName {LOOPBACK}\n  Port {h.port}\n{proxy}{common}" for h in self.hosts)
        self.ssh_config.write_text(fast)
        self.slow_ssh_config.write_text(slow)
        # Profile globs match testinfra's host id, which keeps the scheme: ssh://host000.
        tables = "".join(f'[hosts."ssh://{h.name}{suffix}".scan]\nsysroot = "{h.tree}"\n\n'
                         for h in self.hosts for suffix in ("", "-slow"))
        self.profile.write_text("[probes]\nenabled = false\n\n" + tables)

    def hosts_file(self, count: int) -> Path:
        path = self.workdir / f"hosts.{count}.txt"
        path.write_text("".join(f"ssh://{h.name}\n" for h in self.hosts[:count]))
        return path

    def connections(self, name: str) -> int:
        """Logins sshd accepted for a host so far: each is one full SSH connection (key exchange and auth)."""
        host = next(h for h in self.hosts if h.name == name)
        try:
            return host.log.read_text(errors="replace").count("Accepted publickey")
        except OSError:
            return 0

    def host_cpu_seconds(self) -> float:
        """CPU the hosts' side has used: each sshd with the sessions and collectors it reaped (utime+stime+cutime+cstime)."""
        ticks = 0
        for host in self.hosts:
            try:
                stat = Path(f"/proc/{host.process.pid}/stat").read_text(errors="replace")
            except OSError:
                continue
            ticks += sum(int(v) for v in stat[stat.rfind(")") + 2:].split()[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """Stop every sshd this fleet started, then remove every file it made."""
        for host in self.hosts:
            if host.process.poll() is None:
                host.process.terminate()
        for host in self.hosts:
            try:
                host.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                host.process.kill()
                host.process.wait(timeout=STOP_SECONDS)
        self.hosts.clear()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _wait_listening(host: Host) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if host.process.poll() is not None:
            raise RuntimeError(f"{host.name}: sshd exited with status {host.process.returncode}: {_tail(host.log)}")
        try:
            socket.create_connection((LOOPBACK, host.port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{host.name}: sshd did not listen on {LOOPBACK}:{host.port} within {START_SECONDS:.0f}s")


def _tail(path: Path) -> str:
    try:
        return path.read_text(errors="replace")[-1000:].strip()
    except OSError:
        return ""
