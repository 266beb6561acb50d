"""Unit tests for svcaudit.parsers.services (pure parsers: text in, data out)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from svcaudit.parsers.services import (
    Malformed,
    StartLine,
    Subsystem,
    enabled_units,
    parse_lssrc,
    parse_ps,
    parse_rc_tcpip,
)

# --------------------------------------------------------------------------- fixtures

#: AIX 7 /etc/rc.tcpip, abridged: the start() function, then the daemons.
AIX_RC_TCPIP = """\
#!/bin/ksh
# IBM_PROLOG_BEGIN_TAG
# IBM_PROLOG_END_TAG
#
# Start up the daemons
#
. /etc/tcp.clean

# Determine if the system resource controller is running
src_running=`/usr/bin/ps -e | /usr/bin/grep srcmstr | /usr/bin/awk '{print $1}'`

start()
{
        [ -x $1 ] || return
        if [ $src_running ] ; then
                startsrc -s `basename $1` -a "$3"
        else
                $1 $3 &
        fi
}

# start up the syslogd daemon
start /usr/sbin/syslogd "$src_running"

# Start up sendmail daemon
qpi=30m
#start /usr/lib/sendmail "$src_running" "-bd -q${qpi}"

start /usr/sbin/portmap "$src_running"
start /usr/sbin/inetd "$src_running"
start /usr/sbin/snmpd "$src_running"
start /usr/sbin/hostmibd "$src_running"
start /usr/sbin/snmpmibd "$src_running"
start /usr/sbin/aixmibd "$src_running"
#start /usr/sbin/dpid2 "$src_running"
#start /usr/sbin/named "$src_running"
"""

AIX_LSSRC = """\
Subsystem         Group            PID          Status
 ctrmc            rsct             3932568      active
 IBM.ERRM         rsct_rm                       inoperative
 sendmail         mail             5243302      active
 snmpd            tcpip            5308844      active
 dpid2            tcpip                         inoperative
 xntpd            tcpip                         inoperative
 clcomd           caa              4915680      active
 lpd              spooler                       inoperative
 ndpd-host        tcp6                          inoperative
 pfcdaemon                         5046486      active
 sshd             ssh              6029796      active
"""

AIX_PS = """\
/etc/init
/usr/sbin/syslogd
/usr/sbin/snmpd
snmpd
-ksh
ksh
/usr/sbin/sshd
"""

LINUX_PS = """\
systemd
[kthreadd]
[kworker/0:1-events]
vsftpd
-bash
systemd-journal

snmpd
"""


# --------------------------------------------------------------------------- rc.tcpip


def test_rc_tcpip_start_lines() -> None:
    lines = parse_rc_tcpip(AIX_RC_TCPIP, "/etc/rc.tcpip")
    assert [(line.program, line.enabled) for line in lines] == [
        ("/usr/sbin/syslogd", True),
        ("/usr/lib/sendmail", False),
        ("/usr/sbin/portmap", True),
        ("/usr/sbin/inetd", True),
        ("/usr/sbin/snmpd", True),
        ("/usr/sbin/hostmibd", True),
        ("/usr/sbin/snmpmibd", True),
        ("/usr/sbin/aixmibd", True),
        ("/usr/sbin/dpid2", False),
        ("/usr/sbin/named", False),
    ]


def test_rc_tcpip_keeps_origin_for_evidence() -> None:
    lines = parse_rc_tcpip(AIX_RC_TCPIP, "/etc/rc.tcpip")
    snmpd = next(line for line in lines if line.program == "/usr/sbin/snmpd")
    assert snmpd == StartLine("/etc/rc.tcpip", 31, 'start /usr/sbin/snmpd "$src_running"', "/usr/sbin/snmpd", True)
    assert AIX_RC_TCPIP.splitlines()[snmpd.line - 1] == snmpd.text


def test_rc_tcpip_function_definition_is_ignored() -> None:
    lines = parse_rc_tcpip(AIX_RC_TCPIP, "/etc/rc.tcpip")
    assert all(line.program.startswith("/usr/") for line in lines)
    assert not any("start()" in line.text or "startsrc" in line.text for line in lines)


@pytest.mark.parametrize(
    "text, enabled",
    [
        ('   start /usr/sbin/snmpd "$src_running"', True),
        ("\tstart /usr/sbin/snmpd", True),
        ('#start /usr/sbin/snmpd "$src_running"', False),
        ('# start /usr/sbin/snmpd "$src_running"', False),
        ("  ##  start /usr/sbin/snmpd", False),
        ('start "/usr/sbin/snmpd" "$src_running"', True),
        ("start /usr/sbin/snmpd;", True),
    ],
)
def test_rc_tcpip_line_forms(text: str, enabled: bool) -> None:
    lines = parse_rc_tcpip(text + "\n", "/etc/rc.tcpip")
    assert [(line.program, line.enabled) for line in lines] == [("/usr/sbin/snmpd", enabled)]


@pytest.mark.parametrize(
    "text",
    [
        "startsrc -s snmpd",
        "start()",
        "start",
        "restart /usr/sbin/snmpd",
        "echo start /usr/sbin/snmpd",
        "# start the daemons",
        "#starting /usr/sbin/snmpd",
    ],
)
def test_rc_tcpip_other_lines_are_ignored(text: str) -> None:
    assert parse_rc_tcpip(text + "\n", "/etc/rc.tcpip") == ()


# --------------------------------------------------------------------------- lssrc


def test_lssrc_sample() -> None:
    subsystems, unread = parse_lssrc(AIX_LSSRC)
    assert unread == ()
    assert len(subsystems) == 11
    assert subsystems["snmpd"] == Subsystem("snmpd", "tcpip", "5308844", "active")
    assert subsystems["dpid2"] == Subsystem("dpid2", "tcpip", "", "inoperative")
    assert subsystems["IBM.ERRM"] == Subsystem("IBM.ERRM", "rsct_rm", "", "inoperative")
    assert subsystems["pfcdaemon"] == Subsystem("pfcdaemon", "", "5046486", "active")
    assert subsystems["ndpd-host"].group == "tcp6"
    assert {name for name, s in subsystems.items() if s.status == "active"} == {
        "ctrmc",
        "sendmail",
        "snmpd",
        "clcomd",
        "pfcdaemon",
        "sshd",
    }


def test_lssrc_empty_means_no_src() -> None:
    assert parse_lssrc("") == ({}, ())
    assert parse_lssrc("\n  \n") == ({}, ())


def test_lssrc_single_subsystem_and_no_group_inoperative() -> None:
    text = AIX_LSSRC.splitlines()[0] + "\n lonely                                      inoperative\n"
    subsystems, unread = parse_lssrc(text)
    assert unread == ()
    assert subsystems == {"lonely": Subsystem("lonely", "", "", "inoperative")}


def test_lssrc_unreadable_lines_are_returned() -> None:
    extra = "0513-085 The snmpdx Subsystem is not on file.\n snmpd tcpip 1 active\n lonely\n x grp notapid active\n"
    text = AIX_LSSRC + extra
    subsystems, unread = parse_lssrc(text)
    not_a_row = "not a subsystem row (name, group, PID, status)"
    assert unread == (
        Malformed("lssrc -a", 13, "0513-085 The snmpdx Subsystem is not on file.", not_a_row),
        Malformed("lssrc -a", 14, "snmpd tcpip 1 active", "a second row for snmpd"),
        Malformed("lssrc -a", 15, "lonely", not_a_row),
        Malformed("lssrc -a", 16, "x grp notapid active", not_a_row),
    )
    assert unread[1].evidence() == "lssrc -a:14: not read (a second row for snmpd): snmpd tcpip 1 active"
    assert subsystems["snmpd"].pid == "5308844"


# --------------------------------------------------------------------------- ps


def test_ps_aix() -> None:
    assert parse_ps(AIX_PS) == frozenset({"init", "syslogd", "snmpd", "ksh", "sshd"})


def test_ps_linux() -> None:
    assert parse_ps(LINUX_PS) == frozenset(
        {"systemd", "kthreadd", "kworker/0:1-events", "vsftpd", "bash", "systemd-journal", "snmpd"}
    )


def test_ps_empty_and_odd() -> None:
    assert parse_ps("") == frozenset()
    assert parse_ps("\n \n/\n-\n[]\n") == frozenset({"[]"})


# --------------------------------------------------------------------------- systemd


def test_enabled_units() -> None:
    listing = {
        "/etc/systemd/system/multi-user.target.wants": [
            "vsftpd.service",
            "snmpd.service",
            "vsftpd@x.service",
            "README",
        ],
        "/etc/systemd/system/sockets.target.wants": ["vsftpd.socket"],
        "/etc/systemd/system/timers.target.wants/": ["logrotate.timer"],
        "/etc/systemd/system/multi-user.target.requires": ["/etc/systemd/system/postfix.service"],
        "/etc/systemd/system/getty.target.wants": [],
    }
    assert enabled_units(listing) == frozenset(
        {
            "vsftpd.service",
            "snmpd.service",
            "vsftpd@x.service",
            "vsftpd.socket",
            "logrotate.timer",
            "postfix.service",
        }
    )


def test_enabled_units_ignores_other_directories() -> None:
    listing = {"/etc/systemd/system": ["snmpd.service", "dbus-org.freedesktop.resolve1.service"]}
    assert enabled_units(listing) == frozenset()
    assert enabled_units({}) == frozenset()


# --------------------------------------------------------------------------- robustness


def test_results_are_frozen() -> None:
    line = parse_rc_tcpip(AIX_RC_TCPIP, "/etc/rc.tcpip")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.enabled = False  # type: ignore[misc]
    subsystem = parse_lssrc(AIX_LSSRC)[0]["snmpd"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        subsystem.status = "inoperative"  # type: ignore[misc]


def test_garbage_never_raises() -> None:
    rng = random.Random(7)
    alphabet = 'start #/usr/sbin/snmpd "$[]-\t\r\n\x00é 123 active Subsystem Status'
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        parse_rc_tcpip(text, "/etc/rc.tcpip")
        parse_lssrc(text)
        parse_ps(text)
        enabled_units({text + ".wants": text.split()})


def test_non_text_input_never_raises() -> None:
    assert parse_rc_tcpip(None, "/etc/rc.tcpip") == ()
    assert parse_lssrc(None) == ({}, ())
    assert parse_ps(None) == frozenset()
    assert enabled_units(None) == frozenset()
    assert enabled_units({"/x.wants": None}) == frozenset()  # type: ignore[dict-item]
