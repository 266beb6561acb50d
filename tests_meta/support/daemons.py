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


# --- proftpd and pure-ftpd ----------------------------------------------------------------------------------
#
# Debian's proftpd-core, proftpd-mod-crypto (mod_tls.so) and pure-ftpd all conflict with vsftpd (each
# Provides and Conflicts ftp-server), so scripts/install-selftest-deps unpacks them beside the system,
# never installed, as it does postfix; the libraries they link against are installed as ordinary packages.

import ftplib  # noqa: E402  (appended with the proftpd and pure-ftpd fixtures)

SELFTEST_ROOT = Path("/opt/svcaudit-selftest")
PROFTPD_ROOT = SELFTEST_ROOT / "proftpd"
PROFTPD = str(PROFTPD_ROOT / "usr/sbin/proftpd")
#: Where Debian's packages put the DSO modules (mod_tls.so comes from proftpd-mod-crypto).
PROFTPD_MODULES = str(PROFTPD_ROOT / "usr/lib/proftpd")
PUREFTPD_ROOT = SELFTEST_ROOT / "pure-ftpd"
PUREFTPD = str(PUREFTPD_ROOT / "usr/sbin/pure-ftpd")
#: Debian's perl script (pure-ftpd-common) that turns the files of /etc/pure-ftpd/conf into flags.
PUREFTPD_WRAPPER = str(PUREFTPD_ROOT / "usr/sbin/pure-ftpd-wrapper")
PERL = "/usr/bin/perl"
MOUNT = "/usr/bin/mount"
#: Long enough for pure-ftpd's pause after a refused login (it slows password guessing down).
FTP_CLIENT_SECONDS = 10.0


def ftp_greeting(port: int) -> str:
    """The whole greeting an FTP daemon on 127.0.0.1:port sends (every 220- line), "" while it does not answer."""
    try:
        ftp = ftplib.FTP()
        try:
            ftp.connect(LOOPBACK, port, timeout=1)
            return ftp.getwelcome() or ""
        finally:
            ftp.close()
    except ftplib.Error as exc:
        return str(exc)  # a 421/500 greeting is an answer: the daemon is up but refuses
    except (OSError, EOFError):
        return ""


def _await_greeting(process: subprocess.Popen, port: int, name: str, log: Path) -> str:
    """Wait until the daemon greets with 220 on 127.0.0.1:port; RuntimeError with its log otherwise."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with status {process.returncode}: {tail(log)}")
        greeting = ftp_greeting(port)
        if greeting.startswith("220"):
            return greeting
        if greeting:
            raise RuntimeError(f"{name} is not usable: {greeting} {tail(log)}".strip())
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not greet on {LOOPBACK}:{port} within {START_SECONDS:g}s: {tail(log)}")


@dataclass
class Proftpd:
    """One standalone proftpd (Debian 12's build) reading `proftpd.conf` and `modules.conf` in `workdir`.

    proftpd.conf is a fixed base (port, pid/scoreboard/log files in workdir, the certificate for
    mod_tls) then `Include <workdir>/modules.conf` (ModulePath, and LoadModule mod_tls.c unless
    `load_tls` is False, as Debian's modules.conf leaves it commented out), then `settings`: the lines
    under test (TLSEngine, TLSRequired, <Anonymous>, <IfModule>, <IfDefine>). `options` are added to
    the command line as Debian's unit adds /etc/default/proftpd's OPTIONS (`proftpd -c $CONFIG_FILE
    $OPTIONS`). files() gives every configuration file by absolute path, so a scenario tree can carry
    exactly what the daemon read. `anon` is a root-owned directory an <Anonymous> block may serve.
    """

    workdir: Path
    settings: str = ""
    options: tuple[str, ...] = ()
    load_tls: bool = True
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def conf(self) -> Path:
        return self.workdir / "proftpd.conf"

    @property
    def anon(self) -> Path:
        return self.workdir / "anon"

    def files(self) -> dict[str, str]:
        """{absolute path: text} of proftpd.conf and the modules.conf it includes."""
        self.port = self.port or free_port()
        work = self.workdir
        load = "" if self.load_tls else "#"
        modules = f"ModulePath {PROFTPD_MODULES}\n{load}LoadModule mod_tls.c\n"
        base = (
            '# svcaudit self-test proftpd: 127.0.0.1 only, every file it writes is in its workdir\nServerName "svcaudit"\n'
            f"ServerType standalone\nUseIPv6 off\nDefaultAddress {LOOPBACK}\nSocketBindTight on\nPort {self.port}\n"
            "User nobody\nGroup nogroup\nUseReverseDNS off\nWtmpLog off\nTransferLog NONE\n"
            f"PidFile {work}/proftpd.pid\nScoreboardFile {work}/proftpd.scoreboard\nDelayTable {work}/proftpd.delay\n"
            f"SystemLog {work}/proftpd.log\nInclude {work}/modules.conf\n"
            # ftplib does not resume the control channel's TLS session on data connections.
            f"<IfModule mod_tls.c>\nTLSRSACertificateFile {work}/cert.pem\nTLSRSACertificateKeyFile {work}/key.pem\n"
            "TLSOptions NoSessionReuseRequired\n</IfModule>\n"
        )
        return {str(self.conf): base + self.settings, str(work / "modules.conf"): modules}

    def start(self) -> Proftpd:
        require_daemons_tier("starts proftpd")
        try:
            _require(PROFTPD, "proftpd-core (unpacked by scripts/install-selftest-deps)")
            _require(f"{PROFTPD_MODULES}/mod_tls.so", "proftpd-mod-crypto (unpacked by scripts/install-selftest-deps)")
            ensure_ftp_account()
            self.workdir.mkdir(parents=True, exist_ok=True)
            os.chmod(self.workdir, 0o755)
            self.anon.mkdir(exist_ok=True)
            os.chmod(self.anon, 0o755)
            make_certificate(self.workdir / "cert.pem", self.workdir / "key.pem")
            for path, text in self.files().items():
                Path(path).write_text(text)
            log = self.workdir / "proftpd.stderr"
            with log.open("wb") as out:
                self.process = subprocess.Popen(
                    [PROFTPD, "--nodaemon", "-c", str(self.conf), *self.options],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            _await_greeting(self.process, self.port, "proftpd", log)
        except (RuntimeError, OSError) as exc:
            self.stop()
            raise RuntimeError(f"proftpd: {exc}\n{tail(self.workdir / 'proftpd.log')}".strip()) from exc
        return self

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


@dataclass
class PureFtpd:
    """One pure-ftpd (Debian 12's build), configured as Debian does it or as upstream does it.

    `conf` (option name -> file text) is Debian's /etc/pure-ftpd/conf directory: the flags are the ones
    Debian's own pure-ftpd-wrapper prints for it (`--show-options`). The wrapper reads only the
    hard-coded /etc/pure-ftpd/conf and /etc/pure-ftpd/auth and execs /usr/sbin/pure-ftpd, so it runs in
    a private mount namespace where a read-only overlay shows `<workdir>/etc/pure-ftpd` at
    /etc/pure-ftpd (the machine's /etc is not touched), and the daemon is then started with those flags.
    `conf_file` (text) instead is a pure-ftpd.conf handed to the daemon itself, as upstream's
    packaging runs it (`pure-ftpd /etc/pure-ftpd/pure-ftpd.conf`).

    Either way the fixture adds the flags that place the daemon (127.0.0.1:port, pid file, no DNS,
    the certificate: Debian's wrapper has no option for one, pure-ftpd reads
    /etc/ssl/private/pure-ftpd.pem unless told).
    """

    workdir: Path
    conf: dict[str, str] = field(default_factory=dict)
    conf_file: str | None = None
    port: int = 0
    process: subprocess.Popen | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def conf_dir(self) -> Path:
        return self.workdir / "etc/pure-ftpd/conf"

    def conf_file_text(self) -> str:
        """`conf_file` followed by the lines that place the daemon: what it reads, for a scenario tree to carry."""
        self.port = self.port or free_port()
        work = self.workdir
        place = f"Bind {LOOPBACK},{self.port}\nPIDFile {work}/pure-ftpd.pid\nDontResolve yes\n"
        return f"{self.conf_file or ''}{place}CertFile {work}/cert.pem,{work}/key.pem\n"

    def wrapper_flags(self) -> list[str]:
        """What Debian's pure-ftpd-wrapper makes of `conf`, minus its hard-wired -g pid file."""
        for binary, package in (
            (PUREFTPD_WRAPPER, "pure-ftpd-common (unpacked)"),
            (PERL, "perl"),
            (UNSHARE, "util-linux"),
            (MOUNT, "mount"),
        ):
            _require(binary, package)
        etc = self.workdir / "etc"
        for directory in (self.conf_dir, etc / "pure-ftpd/auth"):
            directory.mkdir(parents=True, exist_ok=True)
        for name, text in self.conf.items():
            (self.conf_dir / name).write_text(text)
        if any(c in str(etc) for c in ",:\\ "):
            raise RuntimeError(f"{etc}: an overlay lowerdir cannot hold ',', ':', '\\' or blanks")
        result = subprocess.run(
            [
                UNSHARE,
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                '"$2" -t overlay overlay -o "lowerdir=$1:/etc" /etc && shift 2 && exec "$@" --show-options',
                "sh",
                str(etc),
                MOUNT,
                PERL,
                PUREFTPD_WRAPPER,
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pure-ftpd-wrapper --show-options failed ({result.returncode}): {result.stderr.strip()}")
        flags = result.stdout.split()
        # The wrapper always appends `-g /var/run/pure-ftpd/pure-ftpd.pid`; the fixture keeps its pid file in workdir.
        if flags[-2:-1] == ["-g"]:
            flags = flags[:-2]
        return flags

    def start(self) -> PureFtpd:
        require_daemons_tier("starts pure-ftpd")
        try:
            _require(PUREFTPD, "pure-ftpd (unpacked by scripts/install-selftest-deps)")
            home = pwd.getpwnam(ensure_ftp_account()).pw_dir
            if not Path(home).is_dir():  # pure-ftpd serves anonymous logins from the ftp account's home
                raise RuntimeError(f"the ftp account's home {home} does not exist (Debian's vsftpd package makes /srv/ftp)")
            self.workdir.mkdir(parents=True, exist_ok=True)
            os.chmod(self.workdir, 0o755)
            make_certificate(self.workdir / "cert.pem", self.workdir / "key.pem")
            self.port = self.port or free_port()
            if self.conf_file is not None:
                # pure-ftpd reads a configuration file only when it is its one argument: the placing goes in it.
                conf = self.workdir / "pure-ftpd.conf"
                conf.write_text(self.conf_file_text())
                self.flags = [str(conf)]
            else:
                place = ["-S", f"{LOOPBACK},{self.port}", "-g", str(self.workdir / "pure-ftpd.pid"), "-H"]
                self.flags = [*self.wrapper_flags(), *place, "-2", f"{self.workdir}/cert.pem,{self.workdir}/key.pem"]
            log = self.workdir / "pure-ftpd.log"
            with log.open("wb") as out:
                self.process = subprocess.Popen(
                    [PUREFTPD, *self.flags], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
                )
            _await_greeting(self.process, self.port, "pure-ftpd", log)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            self.stop()
            raise RuntimeError(f"pure-ftpd: {exc}") from exc
        return self

    def stop(self) -> None:
        stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
