"""Real net-snmp snmpd and vsftpd on free 127.0.0.1 ports, so the live probes meet the daemons they judge.

Each daemon runs in the foreground as a child of the test, with every file it needs
(config, state, certificate, chroot dirs) inside its own workdir, and is stopped by
the test that started it. Nothing here listens anywhere but 127.0.0.1.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from svcaudit.probes.protocols import probe_snmp
from testbed.loopback import LOOPBACK, free_port, stop, tail
from tests_meta.support.tier import require_daemons_tier

SNMPD = "/usr/sbin/snmpd"
VSFTPD = "/usr/sbin/vsftpd"
#: How long a daemon may take to become ready before the test fails.
START_SECONDS = 10.0
#: net-snmp logs this line once its listening sockets are open.
SNMPD_READY_LINE = "NET-SNMP version"


def _require(binary: str, package: str) -> None:
    """A missing daemon is a failure, not a skip: the probes would otherwise go untested."""
    if not Path(binary).exists():
        raise RuntimeError(f"{binary} not found: install the Debian package {package} (.ci/run does)")


@dataclass
class Snmpd:
    """One net-snmp agent reading only `config`; `ready_community` (if set) is how start() knows it answers."""

    workdir: Path
    config: str
    port: int = 0
    ready_community: str = ""
    process: subprocess.Popen | None = None
    log: Path = field(init=False)

    def start(self) -> Snmpd:
        require_daemons_tier("starts snmpd")
        _require(SNMPD, "snmpd")
        self.workdir.mkdir(parents=True, exist_ok=True)
        conf = self.workdir / "snmpd.conf"
        conf.write_text(self.config)
        state = self.workdir / "state"
        state.mkdir(exist_ok=True)
        self.log = self.workdir / "snmpd.log"
        self.port = self.port or free_port(socket.SOCK_DGRAM)
        # -C: only our config; no MIB files are loaded, the probe asks by numeric OID.
        command = [
            SNMPD,
            "-f",
            "-Lo",
            "-C",
            "-c",
            str(conf),
            "-p",
            str(self.workdir / "snmpd.pid"),
            "-m",
            "",
            "-I",
            "-smux,mteTrigger,mteTriggerConf",
            f"udp:{LOOPBACK}:{self.port}",
        ]
        env = {**os.environ, "SNMP_PERSISTENT_DIR": str(state), "MIBS": ""}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"snmpd exited with status {self.process.returncode}: {tail(self.log)}")
            if self._ready():
                return self
            time.sleep(0.05)
        self._fail(f"snmpd did not become ready within {START_SECONDS:g}s: {tail(self.log)}")

    def _fail(self, message: str) -> NoReturn:
        """Clean up (the caller gets no daemon to stop) and report why."""
        self.stop()
        raise RuntimeError(message)

    def _ready(self) -> bool:
        if self.ready_community:
            answer = probe_snmp(LOOPBACK, self.port, self.ready_community, "v2c", timeout=0.5, retries=0)
            return answer.state == "answered"
        try:
            return SNMPD_READY_LINE in self.log.read_text(errors="replace")
        except OSError:
            return False

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


def ensure_ftp_account() -> str:
    """vsftpd serves anonymous logins as the `ftp` account; the Debian package makes it, recreate if missing."""
    try:
        pwd.getpwnam("ftp")
    except KeyError:
        # Two xdist workers may race here: whichever loses finds the account made.
        subprocess.run(
            ["useradd", "--system", "--home-dir", "/srv/ftp", "--shell", "/usr/sbin/nologin", "ftp"], capture_output=True
        )
        pwd.getpwnam("ftp")
    return "ftp"


def make_certificate(cert: Path, key: Path) -> None:
    """A throwaway self-signed certificate for 127.0.0.1, valid one day."""
    result = subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        raise RuntimeError(f"openssl could not make a test certificate: {result.stderr.strip()}")
    os.chmod(key, 0o600)


@dataclass
class Vsftpd:
    """One standalone vsftpd; `settings` override the base config written by config_text()."""

    workdir: Path
    settings: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    def _base(self) -> dict[str, str]:
        return {
            "listen": "YES",
            "listen_ipv6": "NO",
            "listen_address": LOOPBACK,
            "listen_port": str(self.port),
            "background": "NO",
            "local_enable": "YES",
            "anonymous_enable": "NO",
            "ssl_enable": "NO",
            "secure_chroot_dir": str(self.workdir / "empty"),
            "anon_root": str(self.workdir / "anon"),
            "seccomp_sandbox": "NO",
            "pam_service_name": "vsftpd",
            "rsa_cert_file": str(self.workdir / "cert.pem"),
            "rsa_private_key_file": str(self.workdir / "key.pem"),
        }

    def config_text(self) -> str:
        merged = {**self._base(), **self.settings}
        return "".join(f"{name}={value}\n" for name, value in merged.items())

    def start(self) -> Vsftpd:
        require_daemons_tier("starts vsftpd")
        _require(VSFTPD, "vsftpd")
        ensure_ftp_account()
        self.workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o755)
        # Both must be root-owned and not writable by `ftp`, or vsftpd refuses to chroot into them.
        for name in ("empty", "anon"):
            (self.workdir / name).mkdir(exist_ok=True)
            os.chmod(self.workdir / name, 0o755)
        make_certificate(self.workdir / "cert.pem", self.workdir / "key.pem")
        self.port = self.port or free_port()
        conf = self.workdir / "vsftpd.conf"
        conf.write_text(self.config_text())
        os.chmod(conf, 0o600)
        log = self.workdir / "vsftpd.stderr"
        # vsftpd writes "500 OOPS: ..." to fd 0 (its control connection in inetd mode), so 0-2 all go to the log.
        with log.open("w+b") as out:
            self.process = subprocess.Popen([VSFTPD, str(conf)], stdin=out, stdout=out, stderr=out)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"vsftpd exited with status {self.process.returncode}: {tail(log)}")
            banner = self._banner()
            if banner.startswith("220"):
                return self
            if banner:
                self._fail(f"vsftpd is not usable: {banner} {tail(log)}".strip())
            time.sleep(0.05)
        self._fail(f"vsftpd did not greet within {START_SECONDS:g}s: {tail(log)}")

    def _fail(self, message: str) -> NoReturn:
        """Clean up (the caller gets no daemon to stop) and report why."""
        self.stop()
        raise RuntimeError(message)

    def _banner(self) -> str:
        """The first line vsftpd sends, "" while it is not listening yet."""
        data = b""
        try:
            with socket.create_connection((LOOPBACK, self.port), timeout=1) as s:
                while b"\n" not in data and len(data) < 512:
                    chunk = s.recv(512)
                    if not chunk:
                        break
                    data += chunk
        except OSError:
            return ""
        return data.split(b"\n", 1)[0].decode(errors="replace").strip()

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


# --- sendmail ---------------------------------------------------------------------------------------------

import re  # noqa: E402  (appended with the Sendmail fixture)
import tempfile  # noqa: E402

from svcaudit.probes.protocols import probe_smtp  # noqa: E402

#: sendmail-bin's MTA (a Debian alternative pointing at /usr/libexec/sendmail/sendmail).
SENDMAIL = "/usr/sbin/sendmail-mta"
M4 = "/usr/bin/m4"
SENDMAIL_CF_DIR = Path("/usr/share/sendmail/cf")
UNSHARE = "/usr/bin/unshare"
HOSTNAME = "/bin/hostname"
#: sendmail refuses a file (HelpFile among them) below any directory others may write, /tmp (1777)
#: included, so its workdirs live under /run: root-owned and 0755 all the way up.
SENDMAIL_BASE = Path("/run")
SENDMAIL_START_SECONDS = 15.0
SENDMAIL_POLL_SECONDS = 0.1
#: The hostname sendmail sees in its own UTS namespace (see Sendmail.start).
SENDMAIL_HOSTNAME = LOOPBACK

_SENDMAIL_MC = """\
divert(-1)
# svcaudit self-test MTA: listens on {loopback}:{port} only, every file it uses is under {workdir}
divert(0)dnl
define(`MAIL_SETTINGS_DIR', `{workdir}/')dnl
OSTYPE(`linux')dnl
FEATURE(`nocanonify')dnl
FEATURE(`no_default_msa')dnl
define(`confDONT_PROBE_INTERFACES', `True')dnl
define(`confDOMAIN_NAME', `localhost.localdomain')dnl
define(`confSERVICE_SWITCH_FILE', `{workdir}/service.switch')dnl
define(`confBIND_OPTS', `-DNSRCH -DEFNAMES')dnl
define(`confTO_IDENT', `0')dnl
define(`QUEUE_DIR', `{workdir}/mqueue')dnl
define(`STATUS_FILE', `{workdir}/sendmail.st')dnl
define(`confPID_FILE', `{workdir}/sendmail.pid')dnl
DAEMON_OPTIONS(`Port={port}, Addr={loopback}, Name=MTA')dnl
MAILER(`local')dnl
"""


def sendmail_workdir(name: str = "sendmail") -> Path:
    """A fresh directory sendmail trusts: root-owned 0755, below directories only root can write."""
    return Path(tempfile.mkdtemp(prefix=f"svcaudit-{name}-", dir=SENDMAIL_BASE))


def _unsafe_for_sendmail(path: Path) -> Path | None:
    """The first directory from / down to `path` that sendmail's safefile() would call unsafe, if any."""
    for directory in reversed([path, *path.parents]):
        st = directory.stat()
        if st.st_uid != 0 or st.st_mode & 0o022:
            return directory
    return None


@dataclass
class Sendmail:
    """One real sendmail MTA (sendmail -bD, foreground) on 127.0.0.1:port with a .cf generated by m4.

    The .cf comes from a minimal .mc on the sendmail-cf tree: OSTYPE(linux), so the greeting is
    sendmail's stock "$j Sendmail $v/$Z; $b"; $j is localhost.localdomain; no MSA port, no interface
    probing, no ident callbacks; host lookups through a service switch of "hosts files" only. The
    queue, pid file, status file, help file and aliases all resolve inside `workdir`; `options`
    (sendmail.cf lines such as "O HelpFile=...") are appended last, so they win.

    sendmail qualifies the machine's hostname before it reads any .cf: on a host whose name has no
    dot it asks DNS, then sleeps 60 s. So it runs in its own UTS namespace (unshare --uts) whose
    hostname is 127.0.0.1, a numeric name libc answers without a lookup. The machine's hostname is
    not touched.

    `workdir` must be root-owned with no group/world-writable directory above it (sendmail_workdir()
    makes one under /run): sendmail would otherwise refuse files in it, the help file first.
    """

    workdir: Path
    options: list[str] = field(default_factory=list)
    port: int = 0
    process: subprocess.Popen | None = None
    _cf: str | None = field(default=None, init=False, repr=False)

    def cf_text(self) -> str:
        """The generated sendmail.cf with `options` appended: what start() runs, for a scenario tree to carry."""
        if self._cf is None:
            self._cf = self._generate()
        return self._cf

    def _generate(self) -> str:
        _require(M4, "m4")
        _require(str(SENDMAIL_CF_DIR / "m4" / "cf.m4"), "sendmail-cf")
        workdir = str(self.workdir)
        if not re.fullmatch(r"/[\w./-]*", workdir):
            raise RuntimeError(f"sendmail workdir {workdir!r}: only letters, digits and ._-/ are safe to quote for m4")
        for line in self.options:
            if "\n" in line or "\r" in line:
                raise RuntimeError(f"sendmail option {line!r} spans lines: give one .cf line per option")
        self.port = self.port or free_port()
        self.workdir.mkdir(parents=True, exist_ok=True)
        mc = self.workdir / "sendmail.mc"
        mc.write_text(_SENDMAIL_MC.format(workdir=workdir, port=self.port, loopback=LOOPBACK))
        result = subprocess.run(
            [M4, f"-D_CF_DIR_={SENDMAIL_CF_DIR}/", str(SENDMAIL_CF_DIR / "m4" / "cf.m4"), str(mc)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if result.returncode != 0 or not result.stdout:
            raise RuntimeError(f"m4 could not build sendmail.cf (status {result.returncode}): {result.stderr.strip()}")
        options = "".join(f"{line}\n" for line in self.options)
        return f"{result.stdout}\n# svcaudit test options\n{options}" if options else result.stdout

    def _prepare(self) -> Path:
        """Check the tools and the workdir, and write everything sendmail reads; returns the .cf path."""
        for binary, package in ((SENDMAIL, "sendmail-bin"), (UNSHARE, "util-linux"), (HOSTNAME, "hostname")):
            _require(binary, package)
        if os.geteuid() != 0:
            raise RuntimeError("the sendmail fixture runs sendmail as root, as the MTA runs on a host: run as root")
        self.workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o755)
        unsafe = _unsafe_for_sendmail(self.workdir.resolve())
        if unsafe is not None:
            raise RuntimeError(
                f"{unsafe} is not root-owned or is group/world writable: sendmail would refuse files "
                f"under {self.workdir} (use sendmail_workdir())"
            )
        queue = self.workdir / "mqueue"
        queue.mkdir(exist_ok=True)
        os.chmod(queue, 0o700)
        (self.workdir / "service.switch").write_text("hosts\tfiles\naliases\tfiles\n")
        cf = self.workdir / "sendmail.cf"
        cf.write_text(self.cf_text())
        return cf

    def start(self) -> Sendmail:
        require_daemons_tier("starts sendmail")
        try:
            cf = self._prepare()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            self._fail(str(exc) if isinstance(exc, RuntimeError) else f"{type(exc).__name__}: {exc}")
        log = self.workdir / "sendmail.log"
        # unshare and sh exec in place: the Popen pid is sendmail's own, so stop() signals the daemon itself.
        command = [
            UNSHARE,
            "--uts",
            "sh",
            "-c",
            f'{HOSTNAME} {SENDMAIL_HOSTNAME} && exec "$@"',
            "sendmail",
            SENDMAIL,
            "-bD",
            "-C",
            str(cf),
        ]
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + SENDMAIL_START_SECONDS
        for _ in range(int(SENDMAIL_START_SECONDS / SENDMAIL_POLL_SECONDS)):
            if time.monotonic() > deadline:
                break
            if self.process.poll() is not None:
                self._fail(f"sendmail exited with status {self.process.returncode}: {tail(log)}")
            probe = probe_smtp(LOOPBACK, self.port, timeout=1.0)
            if probe.greeting is not None:
                if probe.greeting.code == 220:
                    return self
                self._fail(f"sendmail is not usable: {probe.greeting.text} {tail(log)}".strip())
            time.sleep(SENDMAIL_POLL_SECONDS)
        self._fail(f"sendmail did not greet on {LOOPBACK}:{self.port} within {SENDMAIL_START_SECONDS:g}s: {tail(log)}")

    def _fail(self, message: str) -> NoReturn:
        """Clean up (the caller gets no daemon to stop) and report why."""
        self.stop()
        raise RuntimeError(message)

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
