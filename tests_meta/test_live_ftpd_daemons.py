"""proftpd and pure-ftpd on loopback: what the real daemon does with a configuration, and what the suite says of it.

Each case starts Debian 12's daemon (tests_meta/support/daemons.py: Proftpd, PureFtpd) on a free 127.0.0.1 port
with one configuration, then checks three things against each other:
(a) the daemon's own behaviour, asked with ftplib: is a plaintext USER answered 331 or refused, does AUTH TLS
    answer 234, does an anonymous login get 230 in the clear or over TLS, does a data connection stay in the clear;
(b) the suite's FTP-01 and FTP-06 verdicts from the SAME configuration files, placed in a Debian scenario tree
    read with --sysroot (configuration only: no probe address, so the live probes are N/A);
(c) the suite's live-probe verdicts for the same daemon ([probes] address = 127.0.0.1, [ftp] port = its port),
    over the AIX base tree whose configuration passes, so the probe alone decides, as test_live_controls does
    for vsftpd.
The live probe logs in anonymously after AUTH TLS when the plaintext attempt is refused, so FTP-06 sees anonymous
logins over TLS; it opens no data connection, so it cannot see cleartext data channels (pure-ftpd TLS 2, proftpd
TLSRequired ctrl): there the configuration verdict is the one the daemon proves right, and the probe's FTP-01 pass
is asserted as what it is.
"""

from __future__ import annotations

import ftplib
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests_meta.support import scenarios_ftp_snmp
from tests_meta.support.daemons import FTP_CLIENT_SECONDS, Proftpd, PureFtpd
from tests_meta.support.scenario import Absent, Dir, File, Link, Node, build, run_suite
from tests_meta.support.scenarios_ftp_snmp import PURE_FTPD

FTP_01 = "tests_ftp/test_ftp.py::test_no_plaintext_ftp"
FTP_06 = "tests_ftp/test_ftp.py::test_no_anonymous_ftp"
FTP_12 = "tests_ftp/test_ftpd_hardening.py::test_ftp_login_banner"
_WANTS = "/etc/systemd/system/multi-user.target.wants"
_NOT_VSFTPD = [Absent("/usr/sbin/vsftpd"), Absent("/etc/vsftpd.conf"), Absent(f"{_WANTS}/vsftpd.service")]
BANNER = "USG-authorized use only. You consent to monitoring."


def _workdir() -> Path:
    # Not under pytest's 0700 temp root: proftpd's sessions run as nobody/ftp and must reach the anon directory.
    return Path(tempfile.mkdtemp(prefix="svcaudit-daemon-"))


# -- (a) what the daemon does, asked with ftplib ------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    user: str  # reply to a plaintext USER
    auth_tls: str  # reply to AUTH TLS
    anonymous: str  # final reply of a plaintext anonymous login
    anonymous_tls: str  # final reply of an anonymous login after AUTH TLS
    clear_data: str  # reply to LIST over a cleartext data channel (PROT C) in that TLS session, "" if no login


def _reply(call) -> str:
    try:
        return str(call())
    except ftplib.all_errors as exc:
        return str(exc)


def _session(port: int, tls: bool) -> ftplib.FTP:
    ftp = ftplib.FTP_TLS(context=ssl._create_unverified_context()) if tls else ftplib.FTP()
    ftp.connect("127.0.0.1", port, timeout=FTP_CLIENT_SECONDS)
    return ftp


def _ask(port: int, *commands: str) -> str:
    """Send commands on a fresh plaintext session; the reply to the last one sent (stops at a refusal)."""
    ftp = _session(port, tls=False)
    try:
        answer = ""
        for command in commands:
            answer = _reply(lambda c=command: ftp.sendcmd(c))
            if not answer.startswith("3"):
                break
        return answer
    finally:
        ftp.close()


def _anonymous_over_tls(port: int) -> tuple[str, str]:
    ftp = _session(port, tls=True)
    try:
        auth = _reply(lambda: ftp.auth())
        if not auth.startswith("234"):
            return auth, ""
        login = _reply(lambda: ftp.login())
        if not login.startswith("230"):
            return login, ""
        # ftplib leaves the data channel in the clear until prot_p(): PROT C is what the client asks for.
        return login, _reply(lambda: ftp.retrlines("LIST", lambda line: None))
    finally:
        ftp.close()


def observe(port: int) -> Seen:
    anonymous_tls, clear_data = _anonymous_over_tls(port)
    return Seen(
        user=_ask(port, "USER svcaudit-check"),
        auth_tls=_ask(port, "AUTH TLS"),
        anonymous=_ask(port, "USER anonymous", "PASS svcaudit@example.invalid"),
        anonymous_tls=anonymous_tls,
        clear_data=clear_data,
    )


# -- (b) and (c): the suite's verdicts ----------------------------------------------------------------------


def config_verdicts(tmp_path: Path, nodes: list[Node], tests: tuple[str, ...] = (FTP_01, FTP_06)) -> dict[str, str]:
    """FTP-01/FTP-06 from the configuration alone: the Debian tree with the daemon's files, no probe address."""
    scenario = scenarios_ftp_snmp.DEBIAN_HARDENED.changed("live-daemon-configuration", _NOT_VSFTPD + nodes, {})
    root = build(scenario, tmp_path / "debian")
    result = run_suite(["--sysroot", str(root), "--platform", "linux"], tmp_path, tests)
    return {c: f"{result.outcomes.get(c)}: {' '.join(result.messages.get(c, []))}" for c in ("FTP-01", "FTP-06", "FTP-12")}


def live_verdicts(tmp_path: Path, port: int) -> dict[str, str]:
    """FTP-01/FTP-06 from the live probe alone: the AIX base tree (its configuration passes) and the daemon's port."""
    root = build(scenarios_ftp_snmp.AIX_HARDENED, tmp_path / "aix")
    profile = tmp_path / "live.toml"
    profile.write_text(f'[probes]\naddress = "127.0.0.1"\ntimeout = {FTP_CLIENT_SECONDS:g}\n[ftp]\nport = {port}\n')
    result = run_suite(
        ["--sysroot", str(root), "--platform", "aix", "--profile", str(profile)], tmp_path / "aix-run", (FTP_01, FTP_06)
    )
    return {c: f"{result.outcomes.get(c)}: {' '.join(result.messages.get(c, []))}" for c in ("FTP-01", "FTP-06")}


def _outcome(verdict: str) -> str:
    return verdict.split(":", 1)[0]


# -- proftpd ------------------------------------------------------------------------------------------------

TLS_ON = "<IfModule mod_tls.c>\nTLSEngine on\nTLSRequired on\n</IfModule>\n"


def _anonymous_block(daemon: Proftpd) -> str:
    return f"<Anonymous {daemon.anon}>\nUser ftp\nGroup nogroup\nUserAlias anonymous ftp\nRequireValidShell off\n</Anonymous>\n"


def proftpd_nodes(daemon: Proftpd, options: str = "") -> list[Node]:
    """Debian's layout for the daemon's own files: proftpd.conf in /etc/proftpd, its Include at the path it names."""
    files = daemon.files()
    conf = files.pop(str(daemon.conf))
    return [
        File("/usr/sbin/proftpd", "", 0o755),
        Link(f"{_WANTS}/proftpd.service", "/lib/systemd/system/proftpd.service"),
        Dir("/etc/proftpd"),
        File("/etc/proftpd/proftpd.conf", conf, 0o644),
        File("/etc/default/proftpd", f'CONFIG_FILE=/etc/proftpd/proftpd.conf\nOPTIONS="{options}"\n', 0o644),
        *(File(path, text, 0o644) for path, text in files.items()),
    ]


@dataclass(frozen=True)
class Case:
    settings: str  # proftpd.conf lines under test ("{anonymous}" = an <Anonymous> block serving the fixture's dir)
    config: tuple[str, str]  # FTP-01, FTP-06 from the configuration
    live: tuple[str, str]  # FTP-01, FTP-06 from the live probe
    user: str  # how a plaintext USER is answered
    auth_tls: str
    anonymous: str  # plaintext anonymous login
    anonymous_tls: str
    clear_data: str = ""
    options: tuple[str, ...] = ()
    load_tls: bool = True


PROFTPD_CASES = {
    # mod_tls loaded, TLSEngine not set: mod_tls stays off, USER in the clear is welcome.
    "plaintext": Case("", ("fail", "pass"), ("fail", "pass"), "331", "500", "530", "500", ""),
    "tls-required": Case(TLS_ON, ("pass", "pass"), ("pass", "pass"), "550", "234", "550", "530"),
    "anonymous-in-the-clear": Case("{anonymous}", ("fail", "fail"), ("fail", "fail"), "331", "500", "230", "500"),
    # TLSRequired refuses the plaintext anonymous login, but over TLS anonymous users get in: FTP-06 fails by
    # configuration, and the probe sees it by logging in anonymously after AUTH TLS.
    "anonymous-over-tls": Case(TLS_ON + "{anonymous}", ("pass", "fail"), ("pass", "fail"), "550", "234", "550", "230", "522"),
    # TLSRequired ctrl: logins need TLS, data may stay in the clear (mod_tls TLSRequired), so FTP-01 fails.
    "tls-required-ctrl": Case(
        TLS_ON.replace("TLSRequired on", "TLSRequired ctrl") + "{anonymous}",
        ("fail", "fail"),
        ("pass", "fail"),
        "550",
        "234",
        "550",
        "230",
        "226",
    ),
    # <IfDefine> decided by /etc/default/proftpd's OPTIONS, as Debian's unit passes them to proftpd.
    "ifdefine-defined": Case(
        "<IfDefine FTPS>\n" + TLS_ON + "</IfDefine>\n",
        ("pass", "pass"),
        ("pass", "pass"),
        "550",
        "234",
        "550",
        "530",
        options=("-D", "FTPS"),
    ),
    "ifdefine-not-defined": Case(
        "<IfDefine FTPS>\n" + TLS_ON + "</IfDefine>\n", ("fail", "pass"), ("fail", "pass"), "331", "500", "530", "500"
    ),
    # Debian ships mod_tls as a DSO and modules.conf with `#LoadModule mod_tls.c`: the block is off and the daemon
    # serves plaintext. The suite cannot know a build without mod_tls compiled in: not assessed, never passed.
    "tls-module-not-loaded": Case(TLS_ON, ("error", "pass"), ("fail", "pass"), "331", "500", "530", "500", load_tls=False),
    # mod_ident is a DSO in Debian 12's build, not loaded by the stock modules.conf: its block is off for the daemon.
    # The suite once took mod_ident.c as built into every proftpd and passed this plaintext server.
    "under-ifmodule-mod-ident": Case(
        "<IfModule mod_ident.c>\n" + TLS_ON + "</IfModule>\n", ("error", "pass"), ("fail", "pass"), "331", "500", "530", "500"
    ),
}


@pytest.mark.daemons
@pytest.mark.parametrize("name", list(PROFTPD_CASES))
def test_proftpd_configuration_and_daemon_agree(tmp_path: Path, name: str) -> None:
    case = PROFTPD_CASES[name]
    daemon = Proftpd(_workdir(), options=case.options, load_tls=case.load_tls)
    daemon.settings = case.settings.replace("{anonymous}", _anonymous_block(daemon))
    daemon.start()
    try:
        seen = observe(daemon.port)
        config = config_verdicts(tmp_path, proftpd_nodes(daemon, " ".join(case.options)))
        live = live_verdicts(tmp_path, daemon.port)
    finally:
        daemon.stop()
    _agree(seen, case, config, live)


def _agree(seen: Seen, case: Case | PureCase, config: dict[str, str], live: dict[str, str]) -> None:
    assert seen.user.startswith(case.user), seen
    assert seen.auth_tls.startswith(case.auth_tls), seen
    assert seen.anonymous.startswith(case.anonymous), seen
    assert seen.anonymous_tls.startswith(case.anonymous_tls), seen
    assert seen.clear_data.startswith(case.clear_data), seen
    assert (_outcome(config["FTP-01"]), _outcome(config["FTP-06"])) == case.config, config
    assert (_outcome(live["FTP-01"]), _outcome(live["FTP-06"])) == case.live, live
    # The verdicts say what the daemon does: a plaintext login it answers is a plaintext-FTP finding, an
    # anonymous login it grants (in the clear or over TLS) an anonymous-FTP finding.
    if seen.user.startswith("331") or seen.clear_data.startswith("226"):
        assert _outcome(config["FTP-01"]) in ("fail", "error"), config
    if "230" in (seen.anonymous[:3], seen.anonymous_tls[:3]):
        assert _outcome(config["FTP-06"]) == "fail", config


# -- pure-ftpd ----------------------------------------------------------------------------------------------


def pureftpd_nodes(daemon: PureFtpd) -> list[Node]:
    """Debian's layout: the wrapper and /etc/pure-ftpd/conf with the daemon's option files; or, without the wrapper,
    /etc/pure-ftpd/pure-ftpd.conf as the daemon read it."""
    stand_ins = [n for n in PURE_FTPD if not n.path.startswith("/etc/pure-ftpd/conf/")]
    if daemon.conf_file is not None:
        stand_ins = [n for n in stand_ins if n.path != "/usr/sbin/pure-ftpd-wrapper"]
        return [*stand_ins, File("/etc/pure-ftpd/pure-ftpd.conf", daemon.conf_file_text(), 0o644)]
    return [*stand_ins, *(File(f"/etc/pure-ftpd/conf/{name}", text, 0o644) for name, text in daemon.conf.items())]


@dataclass(frozen=True)
class PureCase:
    conf: dict[str, str]  # Debian's option files; None-like {} = nothing set
    config: tuple[str, str]
    live: tuple[str, str]
    user: str
    auth_tls: str
    anonymous: str
    anonymous_tls: str
    clear_data: str = ""
    conf_file: str | None = None


PURE_CASES = {
    # No TLS file: pure-ftpd's default TLS 0. AUTH TLS is refused, USER in the clear welcome.
    "plaintext": PureCase({"NoAnonymous": "yes\n"}, ("fail", "pass"), ("fail", "pass"), "331", "500", "530", "500"),
    # TLS 1: TLS optional, plaintext sessions still welcome.
    "tls-1-optional": PureCase(
        {"TLS": "1\n", "NoAnonymous": "yes\n"}, ("fail", "pass"), ("fail", "pass"), "331", "234", "530", "530"
    ),
    # TLS 2 refuses cleartext sessions but not cleartext data (README.TLS): the anonymous session over TLS lists
    # a directory over a PROT C data channel. The probe sees the refused plaintext session and the anonymous
    # login after AUTH TLS, not the data channel.
    "tls-2-anonymous": PureCase({"TLS": "2\n"}, ("fail", "fail"), ("pass", "fail"), "421", "234", "421", "230", "226"),
    "tls-3-no-anonymous": PureCase(
        {"TLS": "3\n", "NoAnonymous": "yes\n"}, ("pass", "pass"), ("pass", "pass"), "421", "234", "421", "530"
    ),
    # TLS 3 refuses PROT C data too; anonymous users get in over TLS, which FTP-06 fails by configuration.
    "tls-3-anonymous": PureCase({"TLS": "3\n"}, ("pass", "fail"), ("pass", "fail"), "421", "234", "421", "230", "5"),
    "anonymous-in-the-clear": PureCase({}, ("fail", "fail"), ("fail", "fail"), "331", "500", "230", "500"),
    # Without Debian's wrapper: pure-ftpd reads pure-ftpd.conf itself.
    "conf-file-tls-3-no-anonymous": PureCase(
        {}, ("pass", "pass"), ("pass", "pass"), "421", "234", "421", "530", conf_file="TLS 3\nNoAnonymous yes\n"
    ),
    "conf-file-plaintext-anonymous": PureCase({}, ("fail", "fail"), ("fail", "fail"), "331", "500", "230", "500", conf_file=""),
}


@pytest.mark.daemons
@pytest.mark.parametrize("name", list(PURE_CASES))
def test_pureftpd_configuration_and_daemon_agree(tmp_path: Path, name: str) -> None:
    case = PURE_CASES[name]
    daemon = PureFtpd(_workdir(), dict(case.conf), case.conf_file).start()
    try:
        seen = observe(daemon.port)
        config = config_verdicts(tmp_path, pureftpd_nodes(daemon))
        live = live_verdicts(tmp_path, daemon.port)
    finally:
        daemon.stop()
    _agree(seen, case, config, live)


# -- FTP-12: the greeting each daemon sends, from its configuration and on the wire -------------------------


def banner_verdict(tmp_path: Path, nodes: list[Node], port: int) -> str:
    """FTP-12 over the Debian tree with the daemon's files, probing the daemon: configuration and greeting together."""
    scenario = scenarios_ftp_snmp.DEBIAN_HARDENED.changed("live-daemon-banner", _NOT_VSFTPD + nodes, {})
    root = build(scenario, tmp_path / "debian")
    profile = tmp_path / "banner.toml"
    profile.write_text(f'[probes]\naddress = "127.0.0.1"\n[ftp]\nport = {port}\nbanner_words = ["USG-authorized use only"]\n')
    result = run_suite(["--sysroot", str(root), "--platform", "linux", "--profile", str(profile)], tmp_path, (FTP_12,))
    # A pass has no message: what the probe saw is in its notes (the JUnit property `notes`).
    notes = [p.get("notes") or "" for p in result.properties if p.get("control") == "FTP-12"]
    return f"{result.outcomes.get('FTP-12')}: {' '.join(result.messages.get('FTP-12', []) + notes)}"


@pytest.mark.daemons
@pytest.mark.parametrize(
    "settings, outcome, evidence",
    [
        ("", "fail", "greets with '220 ProFTPD Server (svcaudit) [127.0.0.1]': no 'USG-authorized use only'"),
        (f'ServerIdent on "{BANNER}"\n', "pass", f"greets with '220 {BANNER}'"),
    ],
    ids=["proftpd-default", "proftpd-serverident"],
)
def test_ftp_12_proftpd_greeting(tmp_path: Path, settings: str, outcome: str, evidence: str) -> None:
    daemon = Proftpd(_workdir(), settings).start()
    try:
        verdict = banner_verdict(tmp_path, proftpd_nodes(daemon), daemon.port)
    finally:
        daemon.stop()
    assert _outcome(verdict) == outcome and evidence in verdict, verdict


@pytest.mark.daemons
@pytest.mark.parametrize("fortunes, outcome", [(False, "fail"), (True, "pass")], ids=["pure-ftpd-default", "pure-ftpd-fortunes"])
def test_ftp_12_pureftpd_greeting(tmp_path: Path, fortunes: bool, outcome: str) -> None:
    workdir = _workdir()
    conf = {"TLS": "3\n", "NoAnonymous": "yes\n"}
    nodes: list[Node] = []
    if fortunes:
        # The wrapper passes FortunesFile on only when the file exists (its parse_filename), so it is written first.
        (workdir / "banner").write_text(BANNER + "\n")
        conf["FortunesFile"] = f"{workdir}/banner\n"
        nodes.append(File(f"{workdir}/banner", BANNER + "\n", 0o644))
    daemon = PureFtpd(workdir, conf).start()
    try:
        verdict = banner_verdict(tmp_path, pureftpd_nodes(daemon) + nodes, daemon.port)
    finally:
        daemon.stop()
    assert _outcome(verdict) == outcome, verdict
    assert ("Welcome to Pure-FTPd" in verdict) != fortunes and (BANNER in verdict) == fortunes, verdict
