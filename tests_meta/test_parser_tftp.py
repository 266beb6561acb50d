"""Unit tests for the TFTP-side parsers: xinetd, AIX stanza files, tftpaccess.ctl, tftpd-hpa defaults, in.tftpd arguments."""

from __future__ import annotations

import pytest

from svcaudit.collect.batch import Batch, ContentRecord, StatRecord
from svcaudit.facts.host import HostFacts
from svcaudit.facts.platforms import PLATFORMS
from svcaudit.facts.tftp import TftpStart, linux_confinement
from svcaudit.parsers.common import Malformed
from svcaudit.parsers.stanza import parse_stanzas, value_list
from svcaudit.parsers.tftp import AccessEntry, exec_start, parse_access_ctl, parse_shell_vars, tftpd_args
from svcaudit.parsers.xinetd import included_file, parse_xinetd, service_off

# Shipped files, with their provenance, shared with the scenario hosts: Debian xinetd 1:2.3.15.3-1+b1
# /etc/xinetd.conf, RHEL 7 tftp-server /etc/xinetd.d/tftp, RHEL 9 tftp-server tftp.service, Debian tftpd-hpa
# 5.2+20150808-1.4's defaults file.
from tests_meta.support.scenarios_tftp import (
    DEBIAN_TFTPD_HPA,
    DEBIAN_XINETD_CONF,
    RHEL_TFTP_SERVICE,
    RHEL_XINETD_TFTP,
    RHEL_XINETD_TFTP_ON,
)

# =========================================================================== xinetd

# Debian xinetd 1:2.3.15.3-1+b1, /etc/xinetd.d/echo as shipped: two blocks of one service name.
DEBIAN_XINETD_ECHO = """\
# default: off
# description: An xinetd internal service which echo's characters back to
# clients.
# This is the tcp version.
service echo
{
	disable		= yes
	type		= INTERNAL
	id		= echo-stream
	socket_type	= stream
	protocol	= tcp
	user		= root
	wait		= no
}

# This is the udp version.
service echo
{
	disable		= yes
	type		= INTERNAL
	id		= echo-dgram
	socket_type	= dgram
	protocol	= udp
	user		= root
	wait		= yes
}
"""


def test_debian_xinetd_conf_has_an_empty_defaults_block_and_includes_xinetd_d() -> None:
    conf = parse_xinetd(DEBIAN_XINETD_CONF, "/etc/xinetd.conf")
    assert (conf.services, conf.defaults, conf.malformed) == ((), (), ())
    assert conf.includedirs == (("/etc/xinetd.d", 14),)


def test_debian_echo_blocks_are_both_disabled() -> None:
    conf = parse_xinetd(DEBIAN_XINETD_ECHO, "/etc/xinetd.d/echo")
    assert [(s.name, s.line, s.id) for s in conf.services] == [("echo", 5, "echo-stream"), ("echo", 17, "echo-dgram")]
    assert all(service_off(s, ()) for s in conf.services) and conf.malformed == ()


def test_rhel_tftp_block_is_off_as_shipped_and_on_once_disable_says_no() -> None:
    (tftp,) = parse_xinetd(RHEL_XINETD_TFTP, "/etc/xinetd.d/tftp").services
    assert tftp.values("server") == ("/usr/sbin/in.tftpd",)
    assert tftp.values("server_args") == ("-s", "/var/lib/tftpboot")
    assert tftp.values("cps") == ("100", "2")
    assert service_off(tftp, ()) == "/etc/xinetd.d/tftp:14: disable\t\t\t= yes"
    (on,) = parse_xinetd(RHEL_XINETD_TFTP_ON, "/etc/xinetd.d/tftp").services
    assert service_off(on, ()) == ""
    (unset,) = parse_xinetd(RHEL_XINETD_TFTP.replace("\tdisable\t\t\t= yes\n", ""), "/etc/xinetd.d/tftp").services
    assert service_off(unset, ()) == ""


@pytest.mark.parametrize(
    "defaults, off",
    [
        ("\tdisabled = echo tftp\n", True),  # xinetd.conf(5): defaults 'disabled' lists service ids to turn off
        ("\tenabled = echo\n", True),  # an 'enabled' list runs only what it names
        ("\tenabled = tftp\n", False),
        ("\tdisabled = tftp\n\tdisabled -= tftp\n", False),
        ("\tlog_type = SYSLOG daemon info\n", False),
    ],
)
def test_defaults_enabled_and_disabled_lists(defaults: str, off: bool) -> None:
    main = parse_xinetd(f"defaults\n{{\n{defaults}}}\n", "/etc/xinetd.conf")
    (tftp,) = parse_xinetd(RHEL_XINETD_TFTP_ON, "/etc/xinetd.d/tftp").services
    assert bool(service_off(tftp, main.defaults)) is off


def test_plus_equals_adds_to_the_last_assignment() -> None:
    (s,) = parse_xinetd("service x\n{\n\tserver_args = -s\n\tserver_args += /srv/tftp\n}\n", "f").services
    assert s.values("server_args") == ("-s", "/srv/tftp") and s.values("user") is None


@pytest.mark.parametrize(
    "text, line, reason",
    [
        ("server = /usr/sbin/in.tftpd\n", 1, "not a service, defaults, includedir or includefile entry"),
        ("service tftp\n\tdisable = no\n", 1, "no '{' after the entry"),
        ("service tftp\n{\n\tdisable = no\n", 1, "block never closed with '}'"),
        ("service tftp\n{\n\tdisable no\n}\n", 3, "expected 'attribute = value' inside a block"),
        ("defaults tftp\n{\n}\n", 1, "not a service, defaults, includedir or includefile entry"),
    ],
)
def test_lines_xinetd_would_not_take_are_malformed(text: str, line: int, reason: str) -> None:
    conf = parse_xinetd(text, "/etc/xinetd.d/bad")
    assert [(m.line, m.reason) for m in conf.malformed][:1] == [(line, reason)]


def test_an_unclosed_block_never_becomes_a_service() -> None:
    assert parse_xinetd("service tftp\n{\n\tdisable = no\n", "f").services == ()


@pytest.mark.parametrize(
    "name, read",
    [("tftp", True), ("tftp.rpmsave", False), ("tftp~", False), ("tftp.dpkg-old", False), ("", False)],
)
def test_includedir_skips_names_with_a_dot_or_a_trailing_tilde(name: str, read: bool) -> None:
    assert included_file(name) is read


# =========================================================================== AIX stanza files

# DISA AIX 6.1 STIG V-4284 (GEN000000-AIX00040) check text: what securetcpip leaves in /etc/security/config.
AIX_SECURITY_CONFIG = """\
tcpip:
netrc = ftp, rexec
"""

# IBM AIX 7.2 Files Reference, "user File": the default and root stanzas of /etc/security/user (excerpt).
AIX_SECURITY_USER = """\
*
* Sample user file
*
default:
        admin = false
        login = true
        su = true
        daemon = true
        rlogin = true
        sugroups = ALL
        admgroups =
        ttys = ALL
        auth1 = SYSTEM
        auth2 = NONE
        tpath = nosak
        umask = 022
        expires = 0
        SYSTEM = "compat"

root:
        admin = true
        SYSTEM = "compat"
        registry = files
        loginretries = 0
        account_locked = false
"""


def test_the_stig_check_text_is_read_with_its_attribute_unindented_as_malformed() -> None:
    """DISA prints the attribute flush left; AIX's library only reads indented attribute lines."""
    conf = parse_stanzas(AIX_SECURITY_CONFIG, "/etc/security/config")
    assert [(s.name, s.attrs) for s in conf.stanzas] == [("tcpip", ())]
    assert [(m.line, m.reason) for m in conf.malformed] == [(2, "expected a stanza name ending in ':'")]


def test_securetcpip_stanza_indented_as_aix_writes_it() -> None:
    conf = parse_stanzas("tcpip:\n\tnetrc = ftp, rexec\n", "/etc/security/config")
    stanza = conf.stanza("tcpip")
    assert stanza is not None and conf.malformed == ()
    attr = stanza.attr("netrc")
    assert attr is not None and (attr.value, attr.line) == ("ftp, rexec", 2)
    assert value_list(attr.value) == ["ftp", "rexec"]


def test_ibm_user_file_stanzas_quotes_and_empty_values() -> None:
    conf = parse_stanzas(AIX_SECURITY_USER, "/etc/security/user")
    assert [s.name for s in conf.stanzas] == ["default", "root"] and conf.malformed == ()
    default, root = conf.stanzas
    assert default.attr("SYSTEM").value == "compat"  # type: ignore[union-attr]
    assert default.attr("admgroups").value == ""  # type: ignore[union-attr]
    assert root.attr("admin").value == "true" and root.line == 20  # type: ignore[union-attr]
    assert conf.stanza("nobody") is None


@pytest.mark.parametrize(
    "text, reason",
    [
        ("\tnetrc = ftp\n", "attribute before any stanza name"),
        ("tcpip\n\tnetrc = ftp\n", "expected a stanza name ending in ':'"),
        ("tcpip:\n\tnetrc ftp\n", "expected 'attribute = value'"),
    ],
)
def test_stanza_lines_the_library_would_not_read_are_malformed(text: str, reason: str) -> None:
    conf = parse_stanzas(text, "/etc/security/config")
    assert conf.malformed[0].reason == reason
    assert all(a.name != "netrc" for s in conf.stanzas for a in s.attrs)


def test_value_list_splits_on_commas_only() -> None:
    assert value_list(" ftp ,rexec, ") == ["ftp", "rexec"] and value_list("ftp rexec") == ["ftp rexec"]


# =========================================================================== /etc/tftpaccess.ctl

# AIX tftpd(8c) man page (AIX 1.3 TCP/IP User's Guide; same format in IBM's current tftpd docs): one entry
# per line, the keyword, a colon and an absolute path, no blanks; its examples.
AIX_TFTPACCESS = """\
# tftpd may serve the news file and nothing of /etc/passwd
allow:/tmp/news
deny:/etc/passwd
"""


def test_ibm_examples_are_one_allow_and_one_deny() -> None:
    ctl = parse_access_ctl(AIX_TFTPACCESS, "/etc/tftpaccess.ctl")
    assert ctl.entries == (
        AccessEntry("allow", "/tmp/news", 2, "allow:/tmp/news"),
        AccessEntry("deny", "/etc/passwd", 3, "deny:/etc/passwd"),
    )
    assert [e.path for e in ctl.allowed()] == ["/tmp/news"] and ctl.malformed == ()


@pytest.mark.parametrize("line", ["allow: /tftpboot", "allow:tftpboot", "permit:/tftpboot", "allow:/a /b", "ALLOW:/tftpboot"])
def test_entries_tftpd_would_not_match_confine_nothing(line: str) -> None:
    ctl = parse_access_ctl(f"{line}\n", "/etc/tftpaccess.ctl")
    assert ctl.entries == () and ctl.malformed == (
        Malformed("/etc/tftpaccess.ctl", 1, line, "expected allow:/PATH or deny:/PATH with no blanks"),
    )


# =========================================================================== /etc/default/tftpd-hpa


def test_debian_defaults_file() -> None:
    env = parse_shell_vars(DEBIAN_TFTPD_HPA, "/etc/default/tftpd-hpa")
    assert env.get("TFTP_OPTIONS") == "--secure" and env.get("TFTP_USERNAME") == "tftp"
    assert env.where("TFTP_DIRECTORY") == "/etc/default/tftpd-hpa:4" and env.malformed == ()
    assert env.get("TFTP_MISSING") is None and env.where("TFTP_MISSING") == "/etc/default/tftpd-hpa: (not set)"


@pytest.mark.parametrize(
    "line",
    ['TFTP_OPTIONS="$EXTRA --secure"', "TFTP_OPTIONS=--secure -v", 'TFTP_OPTIONS="--secure', "if true; then", "`id`"],
)
def test_lines_the_shell_would_expand_or_run_are_malformed(line: str) -> None:
    env = parse_shell_vars(f"{line}\n", "/etc/default/tftpd-hpa")
    assert env.get("TFTP_OPTIONS") is None and len(env.malformed) == 1


def test_the_last_assignment_wins_and_quotes_are_the_shells() -> None:
    env = parse_shell_vars("TFTP_OPTIONS=\"--secure\"\nexport TFTP_OPTIONS='-l -c'  # writable\n", "f")
    assert env.get("TFTP_OPTIONS") == "-l -c" and env.where("TFTP_OPTIONS") == "f:2"


# =========================================================================== in.tftpd arguments


@pytest.mark.parametrize(
    "args, secure, directories, user",
    [
        ("-s /var/lib/tftpboot", True, ("/var/lib/tftpboot",), None),  # RHEL tftp.service / xinetd
        ("--secure", True, (), None),  # Debian TFTP_OPTIONS
        ("--listen --user tftp --address :69 --secure /srv/tftp", True, ("/srv/tftp",), "tftp"),  # Debian init script
        ("-u tftp -s /srv/tftp", True, ("/srv/tftp",), "tftp"),
        ("-vvs /srv/tftp", True, ("/srv/tftp",), None),
        ("-utftp /srv/tftp", False, ("/srv/tftp",), "tftp"),
        ("--user=tftp -c /srv/tftp", False, ("/srv/tftp",), "tftp"),
        ("-m /etc/tftpd.map -s /srv", True, ("/srv",), None),
        ("", False, (), None),
    ],
)
def test_tftpd_args(args: str, secure: bool, directories: tuple[str, ...], user: str | None) -> None:
    found = tftpd_args(args)
    assert (found.secure, found.directories, found.user, found.unread) == (secure, directories, user, "")


@pytest.mark.parametrize("args", ['-s "/srv/tftp', "-s -Z /srv"])
def test_tftpd_args_that_cannot_be_read_say_so(args: str) -> None:
    assert tftpd_args(args).unread


# =========================================================================== systemd ExecStart (RHEL tftp-server)


def test_rhel_tftp_service_exec_start() -> None:
    assert exec_start(RHEL_TFTP_SERVICE) == ("/usr/sbin/in.tftpd -s /var/lib/tftpboot", 7)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[Service]\nExecStart=/a\nExecStart=\n", None),  # an empty assignment resets the list
        ("[Service]\nExecStart=-/usr/sbin/in.tftpd -s /srv\n", ("/usr/sbin/in.tftpd -s /srv", 2)),  # prefixes dropped
        ("[Service]\nExecStart=/usr/sbin/in.tftpd \\\n  -s /srv\n", ("/usr/sbin/in.tftpd  -s /srv", 2)),
        ("[Unit]\nExecStart=/usr/sbin/in.tftpd\n", None),  # only the [Service] section runs anything
        ("# ExecStart=/x\n[Service]\n; ExecStart=/y\n", None),
    ],
)
def test_exec_start_follows_systemd(text: str, expected: tuple[str, int] | None) -> None:
    assert exec_start(text) == expected


# =========================================================================== judging starts (facts, no host)


def _linux_facts(files: dict[str, str]) -> HostFacts:
    """Facts of a Debian host that holds exactly `files` among the TFTP paths (the others absent)."""
    batch = Batch()
    t = PLATFORMS["debian"].tftp
    for path in (t.hpa_defaults or "", *t.daemons):
        batch.stats[path] = StatRecord(path, "absent", None, None, None, None, None, None, "", None)
    for path, text in files.items():
        batch.stats[path] = StatRecord(path, "file", 0o644, 0, 0, len(text), 0, None, path, None)
        batch.contents[path] = ContentRecord(path, text, False, None)
    return HostFacts("h", "debian", "Linux", "", "", batch)


def test_a_running_in_tftpd_is_judged_by_the_start_that_runs_it() -> None:
    """xinetd's server_args say how the in.tftpd process runs: no tftpd-hpa defaults file is asked for."""
    xinetd = TftpStart("/etc/xinetd.d/tftp:6: xinetd service tftp", "xinetd", "/usr/sbin/in.tftpd", "-s /srv/tftp", "root")
    process = TftpStart("process in.tftpd is running", "process", "in.tftpd")
    facts = _linux_facts({})
    found = linux_confinement(facts, [xinetd, process])
    assert (found.problems, found.unassessed) == ([], [])
    alone = linux_confinement(facts, [process])  # nothing configured: tftpd-hpa's file must say
    assert alone.unassessed == [
        "process in.tftpd is running: /etc/default/tftpd-hpa does not exist; the daemon's options are unknown"
    ]


def test_tftpd_hpa_defaults_are_judged_once_however_many_links_start_it() -> None:
    facts = _linux_facts({"/etc/default/tftpd-hpa": DEBIAN_TFTPD_HPA.replace('"--secure"', '"-l"')})
    links = [TftpStart(f"/etc/rc{n}.d/S01tftpd-hpa: SysV boot link", "rc", "tftpd-hpa") for n in (2, 3, 4, 5)]
    found = linux_confinement(facts, links)
    assert found.problems == [
        "/etc/default/tftpd-hpa:6: TFTP_OPTIONS='-l': no --secure (-s): clients may fetch any file the daemon can read"
    ]
