"""The benchmark fleet: one realistic AIX-layout tree, copied per host, each host its own sshd on 127.0.0.1.

The tree is bench/aix_host.toml (every family's files on a hardened LPAR) plus what a
production LPAR carries: 200 accounts with homes and 40 crontab entries in 10 crontabs.
It is written with testbed.tree and served by testbed.sshd, which the self-tests use too;
the benchmark imports no self-test module. `Fleet` owns every process and file it makes
and removes them in `stop`.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from testbed.loopback import LOOPBACK, stop
from testbed.sshd import keygen, start_sshd
from testbed.tree import Accounts, Dir, File, Node, build_tree

HERE = Path(__file__).resolve().parent
HOST_DATA = HERE / "aix_host.toml"
RELAY = HERE / "relay.py"
ACCOUNTS = 200
CRONTAB_USERS = 8  # root and adm come with the host data: 10 crontabs in all
CRON_ENTRIES = 40
NODE_KEYS = {"path", "kind", "content", "mode", "owner", "group", "target"}


# -- the host tree ------------------------------------------------------------------


@dataclass(frozen=True)
class HostTree:
    """What one benchmark host holds: its accounts and its files."""

    accounts: Accounts
    nodes: tuple[Node, ...]

    @property
    def users(self) -> dict[str, int]:
        return dict(self.accounts.users)

    @property
    def groups(self) -> dict[str, int]:
        return dict(self.accounts.groups)


def load_host(path: Path = HOST_DATA) -> HostTree:
    """The host data file: root_group, [users], [groups] and one [[node]] table per path."""
    data: dict[str, Any] = tomllib.loads(path.read_text())
    for table in data["node"]:
        if unknown := set(table) - NODE_KEYS:
            raise ValueError(f"{path}: node {table.get('path')!r} has unknown keys {sorted(unknown)}")
    nodes = tuple(Node(**table) for table in data["node"])
    return HostTree(Accounts(data["users"], data["groups"], data["root_group"]), nodes)


def _account_names() -> list[str]:
    return [f"u{i:03d}" for i in range(ACCOUNTS)]


def _homes() -> list[Node]:
    nodes: list[Node] = []
    for name in _account_names():
        nodes.append(Dir(f"/home/{name}", 0o700, name, "staff"))
        nodes.append(
            File(
                f"/home/{name}/.profile", "PATH=/usr/bin:/etc:/usr/sbin:/usr/ucb:$HOME/bin:.\nexport PATH\n", 0o600, name, "staff"
            )
        )
    return nodes


def _user_crontabs(existing: int) -> tuple[list[Node], list[str]]:
    """Crontabs of CRONTAB_USERS accounts making CRON_ENTRIES entries in all, and the jobs they run."""
    users = _account_names()[:CRONTAB_USERS]
    wanted = CRON_ENTRIES - existing
    per_user = [wanted // len(users) + (1 if i < wanted % len(users) else 0) for i in range(len(users))]
    nodes: list[Node] = []
    jobs: list[str] = []
    for user, count in zip(users, per_user, strict=True):
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


def fleet_host() -> HostTree:
    """The host data with a production-sized user base and cron load."""
    host = load_host()
    nodes = list(host.nodes)
    existing = sum(_entries(n.content) for n in nodes if n.path.startswith("/var/spool/cron/crontabs/"))
    cron_nodes, cron_users = _user_crontabs(existing)
    allow = File("/var/adm/cron/cron.allow", "root\n" + "".join(f"{u}\n" for u in cron_users), 0o600, "root", "sys")
    nodes = [n for n in nodes if n.path != allow.path] + [allow, *cron_nodes, *_homes()]
    users = {**host.accounts.users, **{name: 1000 + i for i, name in enumerate(_account_names())}}
    return HostTree(Accounts(users, host.accounts.groups, host.accounts.root_group), tuple(nodes))


# -- what the naive suite checks ------------------------------------------------------

ROOT_ONLY = [0]


def _item(
    path: str,
    *,
    must: bool = True,
    forbid: int = 0,
    uids: list[int] | None = None,
    gids: list[int] | None = None,
    read: bool = False,
    require: list[str] | None = None,
    refuse: list[str] | None = None,
    empty: bool = False,
) -> dict:
    return {
        "path": path,
        "must": must,
        "forbid": forbid,
        "uids": uids,
        "gids": gids,
        "read": read or bool(require or refuse or empty),
        "require": require or [],
        "refuse": refuse or [],
        "empty": empty,
    }


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/"] + ["/" + "/".join(parts[:i]) for i in range(1, len(parts))]


def _cron_programs(host: HostTree) -> list[str]:
    """Absolute programs of active crontab entries, interpreter scripts included, as a reader of the crontab lists them."""
    found: list[str] = []
    for node in host.nodes:
        if not node.path.startswith("/var/spool/cron/crontabs/") or node.kind != "file":
            continue
        for line in node.content.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            words = re.split(r"\s+", line.strip())[5:]
            found += [w for w in words[:2] if w.startswith("/") and not w.startswith("/dev/") and ">" not in w]
    return list(dict.fromkeys(found))


def naive_spec(host: HostTree, sysroot: Path) -> dict:
    """One entry per file the catalog looks at, with the rule a hand-written testinfra test would assert."""
    uids = sorted(set(host.users.values()))
    gids = sorted(set(host.groups.values()))
    g = host.groups
    sysg = [g["system"], g["sys"], g["bin"]]
    crong = sysg + [g["cron"]]
    items: list[dict] = []
    for name in ("cron.allow", "cron.deny", "at.allow", "at.deny"):
        items.append(_item(f"/var/adm/cron/{name}", must=False, forbid=0o7177, uids=ROOT_ONLY, gids=crong, require=[r"^root$"]))
    items.append(_item("/var/spool/cron/crontabs", forbid=0o7022, uids=[0, 2], gids=crong))
    items.append(_item("/var/spool/cron/atjobs", forbid=0o7022, uids=[0, 2], gids=crong))
    items.append(_item("/var/adm/cron/log", forbid=0o7177, uids=ROOT_ONLY, gids=gids))
    tabs = sorted(n.path for n in host.nodes if n.path.startswith("/var/spool/cron/crontabs/") and n.kind == "file")
    items += [_item(t, forbid=0o7177, uids=uids, gids=gids, read=True) for t in tabs]
    programs = _cron_programs(host)
    items += [_item(p, forbid=0o022, uids=uids, gids=gids) for p in programs]
    mail_programs = ["/usr/local/bin/maillog"]
    dirs = dict.fromkeys(d for p in programs + mail_programs + ["/etc/mail/helpfile"] for d in _ancestors(p))
    items += [_item(d, forbid=0o002, uids=uids, gids=gids) for d in dirs]
    items += _ftp_snmp_items(uids, gids, sysg)
    items += _mail_items(uids, gids, mail_programs)
    homes = ["/root" if u == "root" else f"/home/{u}" for u in host.users]
    return {"sysroot": str(sysroot), "files": items, "homes": homes}


def _ftp_snmp_items(uids: list[int], gids: list[int], sysg: list[int]) -> list[dict]:
    system = ("root", "daemon", "bin", "sys", "adm", "uucp", "guest", "nuucp", "lpd", "invscout", "esaadmin", "sshd")
    default_communities = (
        r"(?i)^\s*(community\s+(public|private|system)\b|COMMUNITY\s+(public|private)\b"
        r"|VACM_GROUP\s+\S+\s+SNMPv\S+\s+(public|private)\b)"
    )
    defaults = [default_communities, r"gated_password|muxatmd_password|dpid_password|clsmuxpd_password", r"^USM_USER\s+u1\s"]
    items = [
        _item("/etc/passwd", uids=ROOT_ONLY, gids=gids, refuse=[r"^(ftp|anonymous):"]),
        _item("/etc/group", uids=ROOT_ONLY, gids=gids, read=True),
        _item("/etc/inetd.conf", uids=ROOT_ONLY, gids=gids, refuse=[r"^ftp\s"]),
        _item("/etc/ftpusers", forbid=0o7137, uids=ROOT_ONLY, gids=sysg, require=[rf"^{a}$" for a in system]),
        _item(
            "/etc/rc.tcpip",
            uids=ROOT_ONLY,
            gids=gids,
            refuse=[r"^start /usr/sbin/(snmpd|dpid2|snmpmibd|aixmibd|hostmibd)\b", r"^start /usr/lib/sendmail\b"],
        ),
    ]
    for conf in ("/etc/snmpd.conf", "/etc/snmpdv3.conf", "/etc/clsnmp.conf"):
        items.append(_item(conf, forbid=0o7177, uids=ROOT_ONLY, gids=gids, refuse=defaults))
    items.append(_item("/etc/snmpd.peers", must=False, forbid=0o7177, uids=ROOT_ONLY, gids=gids, refuse=defaults))
    for mib in ("/etc/mib.defs", "/usr/samples/snmpd/smi.my", "/usr/samples/snmpd/mibII.my"):
        items.append(_item(mib, forbid=0o7137, uids=uids, gids=gids))
    return items


def _mail_items(uids: list[int], gids: list[int], programs: list[str]) -> list[dict]:
    items = [
        _item(
            "/etc/mail/sendmail.cf",
            uids=uids,
            gids=gids,
            require=[r"^O LogLevel=(9|[1-9]\d+)\s*$", r"^O HelpFile=/"],
            refuse=[r"^O SmtpGreetingMessage=.*\$v", r"^O SmtpGreetingMessage=.*Sendmail"],
        ),
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
    #: The round trip of the wide-area fleet rows (Host hostNNN-wan aliases).
    wan_delay_ms: int = 100
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
    def wan_ssh_config(self) -> Path:
        return self.workdir / "ssh_config.wan"

    @property
    def profile(self) -> Path:
        return self.workdir / "profile.toml"

    @property
    def naive_spec(self) -> Path:
        return self.workdir / "naive_spec.json"

    def start(self) -> None:
        os.chmod(self.workdir, 0o755)
        host = fleet_host()
        template = build_tree(self.workdir / "template", host.accounts, host.nodes)
        self.naive_spec.write_text(json.dumps(naive_spec(host, self.tree_of("host000")), indent=1))
        self._keys()
        (self.workdir / "trees").mkdir()
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
        # start_sshd stops its process itself when it does not come up: nothing is left running.
        process, port, log = start_sshd(
            self.workdir,
            name,
            self.workdir / "host_key",
            self.workdir / "authorized_keys",
            log_level="INFO",
            max_startups="200:30:400",
        )
        self.hosts.append(Host(name, port, tree, process, log))

    def _write_configs(self) -> None:
        key = self.workdir / "client_key"
        common = (
            f"  User root\n  IdentityFile {key}\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n"
            "  UserKnownHostsFile /dev/null\n  BatchMode yes\n  LogLevel ERROR\n  ConnectTimeout 10\n"
        )
        proxy = f"  ProxyCommand {sys.executable} -S {RELAY} {LOOPBACK} %p --delay-ms {self.delay_ms}\n"
        fast = "".join(f"Host {h.name}\n  HostName {LOOPBACK}\n  Port {h.port}\n{common}" for h in self.hosts)
        slow = "".join(f"Host {h.name}-slow\n  HostName {LOOPBACK}\n  Port {h.port}\n{proxy}{common}" for h in self.hosts)
        wan_proxy = proxy.replace(f"--delay-ms {self.delay_ms}", f"--delay-ms {self.wan_delay_ms}")
        wan = "".join(f"Host {h.name}-wan\n  HostName {LOOPBACK}\n  Port {h.port}\n{wan_proxy}{common}" for h in self.hosts)
        self.ssh_config.write_text(fast)
        self.slow_ssh_config.write_text(slow)
        self.wan_ssh_config.write_text(wan)
        # Profile globs match testinfra's host id, which keeps the scheme: ssh://host000.
        tables = "".join(
            f'[hosts."ssh://{h.name}{suffix}".scan]\nsysroot = "{h.tree}"\n\n'
            for h in self.hosts
            for suffix in ("", "-slow", "-wan")
        ) + "".join(f'[hosts."ansible://{h.name}".scan]\nsysroot = "{h.tree}"\n\n' for h in self.hosts)
        self.profile.write_text("[probes]\nenabled = false\n\n" + tables)

    def inventory(self, count: int) -> Path:
        """An Ansible inventory of the first `count` hosts, each its own sshd on 127.0.0.1 (no ControlPersist
        across runs: every run logs in afresh)."""
        key = self.workdir / "client_key"
        common = "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes'"
        path = self.workdir / f"inventory.{count}.ini"
        path.write_text(
            "[aix]\n"
            + "".join(
                f"{h.name} ansible_host={LOOPBACK} ansible_port={h.port} ansible_user=root "
                f"ansible_ssh_private_key_file={key} {common}\n"
                for h in self.hosts[:count]
            )
        )
        return path

    def hosts_file(self, count: int, suffix: str = "") -> Path:
        path = self.workdir / f"hosts.{count}{suffix}.txt"
        path.write_text("".join(f"ssh://{h.name}{suffix}\n" for h in self.hosts[:count]))
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
            ticks += sum(int(v) for v in stat[stat.rfind(")") + 2 :].split()[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """Stop every sshd this fleet started, then remove every file it made."""
        for host in self.hosts:  # all at once first: each sshd takes its own time to go
            if host.process.poll() is None:
                host.process.terminate()
        for host in self.hosts:
            stop(host.process)
        self.hosts.clear()
        shutil.rmtree(self.workdir, ignore_errors=True)
