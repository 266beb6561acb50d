"""Start mechanisms beyond rc.tcpip, SRC, *.wants and SysV links (issue 12, class 1): AIX /etc/inittab and
/etc/rc.d/rc2.d, systemd aliases, the packages' own *.wants links and masked units.

Parser cases are pure; the fact cases build a Batch as the collector would answer it and call
evidence_of_service, so each shows the evidence line a report prints. End-to-end verdicts on real trees are
scenarios in scenarios_ftp_snmp and scenarios_mail (aix-SNMP-01-started-by-an-inittab-entry and its neighbours).
"""

from __future__ import annotations

import pytest

from svcaudit.collect.batch import Batch, CommandRecord, ContentRecord, ListingRecord, StatRecord
from svcaudit.controls.starts import start_fixes
from svcaudit.facts import services as servicefacts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.parsers.inittab import default_level, parse_inittab, starts_at
from svcaudit.parsers.shellcmd import SrcStart, src_starts
from tests_meta.support.aix_inittab import AIX_INITTAB

SNMPD = {"programs": {"/usr/sbin/snmpd"}, "subsystems": {"snmpd"}}


# --------------------------------------------------------------------------- parsers


def test_inittab_entries_comments_continuations_and_unread_lines() -> None:
    text = "init:2:initdefault:\n:snmpd:2:once:/usr/sbin/snmpd\nsm:2:once:/usr/bin/startsrc \\\n -s sendmail\nbroken line\n"
    entries, unread = parse_inittab(text, "/etc/inittab")
    assert [(e.identifier, e.line, e.command) for e in entries] == [
        ("init", 1, ""),
        ("sm", 3, "/usr/bin/startsrc  -s sendmail"),
    ]
    assert [bad.evidence() for bad in unread] == [
        "/etc/inittab:5: not read (not Identifier:RunLevel:Action:Command): broken line"
    ]


@pytest.mark.parametrize(
    "line, starts",
    [
        ("x:2:once:/usr/sbin/snmpd", True),
        ("x:23456789:respawn:/usr/sbin/snmpd", True),
        ("x::wait:/usr/sbin/snmpd", True),  # no run level: every level
        ("x:3:once:/usr/sbin/snmpd", False),  # not the boot level
        ("x:2:off:/usr/sbin/snmpd", False),
        ("x:2:ondemand:/usr/sbin/snmpd", False),
        ("x::powerfail:/usr/sbin/snmpd", False),
        ("x:3:sysinit:/usr/sbin/snmpd", True),  # sysinit and boot ignore the level field
        ("x:2:once:", False),
    ],
)
def test_which_entries_start_at_the_boot_level(line: str, starts: bool) -> None:
    (entry,), _ = parse_inittab(line, "/etc/inittab")
    assert starts_at(entry, "2") is starts


def test_the_boot_level_comes_from_initdefault() -> None:
    assert default_level(parse_inittab(AIX_INITTAB, "/etc/inittab")[0]) == "2"
    assert default_level(parse_inittab("init:3:initdefault:\n", "/etc/inittab")[0]) == "3"
    assert default_level(()) == "2"


def test_stock_aix_inittab_starts_none_of_the_audited_daemons() -> None:
    entries, unread = parse_inittab(AIX_INITTAB, "/etc/inittab")
    assert not unread and len(entries) == 26
    assert [c for e in entries for c in src_starts(e.command)] == [
        SrcStart(("platform_agent",), (), False, "startsrc -s platform_agent"),
        SrcStart(("qdaemon",), (), False, "startsrc -sqdaemon"),
        SrcStart(("writesrv",), (), False, "startsrc -swritesrv"),
    ]


def test_startsrc_flags() -> None:
    assert src_starts('startsrc -a "-bd -q30m" -s sendmail') == (
        SrcStart(("sendmail",), (), False, 'startsrc -a "-bd -q30m" -s sendmail'),
    )
    assert src_starts("startsrc -g tcpip")[0].groups == ("tcpip",)
    assert src_starts("/usr/bin/startsrc -h lpar2 -s snmpd")[0].remote
    assert src_starts("stopsrc -s snmpd") == ()


# --------------------------------------------------------------------------- facts


def _stat(path: str, kind: str = "file", link: str | None = None, real: str = "", size: int = 10) -> StatRecord:
    return StatRecord(path, kind, 0o644, 0, 0, size, 0, link, real or path, None)


def _facts(platform: str, files: dict[str, str], dirs: dict[str, list[str]], links: dict[str, tuple[str, str]]) -> HostFacts:
    """files: path -> text; dirs: path -> names; links: path -> (link text, resolved path)."""
    batch = Batch(uid_names={0: "root"}, gid_names={0: "system"})
    batch.commands["ps"] = CommandRecord("ps", 0, "init\n")
    batch.commands["lssrc"] = CommandRecord("lssrc", 0, "Subsystem Group PID Status\n snmpd tcpip inoperative\n")
    for path in ("/etc/rc.tcpip", "/etc/inittab", "/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"):
        batch.stats[path] = _stat(path, "absent")
    for path in [f"/etc/rc.d/rc{n}.d" for n in range(2, 10)] + [f"/etc/rc{n}.d" for n in range(2, 6)]:
        batch.stats[path] = _stat(path, "absent")
    for path, text in files.items():
        batch.stats[path] = _stat(path)
        batch.contents[path] = ContentRecord(path, text, False, None)
    for path, names in dirs.items():
        batch.stats[path] = _stat(path, "dir")
        batch.listings[path] = ListingRecord(path, names, False, None)
    for path, (link, real) in links.items():
        target = batch.stats.get(real)
        batch.stats[path] = _stat(path, target.kind if target else "absent", link, real)
    return HostFacts("h", platform, "AIX" if platform == "aix" else "Linux", "", "", batch)


def test_an_inittab_entry_names_its_line() -> None:
    facts = _facts("aix", {"/etc/inittab": AIX_INITTAB + "snmpd:2:once:/usr/sbin/snmpd >/dev/console 2>&1\n"}, {}, {})
    assert servicefacts.evidence_of_service(facts, **SNMPD) == [
        "/etc/inittab:31: snmpd:2:once:/usr/sbin/snmpd >/dev/console 2>&1 (runs /usr/sbin/snmpd, run level 2)"
    ]


def test_startsrc_of_a_group_names_its_members() -> None:
    facts = _facts("aix", {"/etc/inittab": "grp:2:once:startsrc -g tcpip\n"}, {}, {})
    assert servicefacts.evidence_of_service(facts, **SNMPD) == [
        "/etc/inittab:1: grp:2:once:startsrc -g tcpip (starts SRC group tcpip, which holds snmpd, run level 2)"
    ]


def test_an_rc2d_script_names_the_line_that_starts_the_daemon() -> None:
    script = '#!/bin/ksh\ncase "$1" in\nstart) startsrc -s snmpd ;;\nstop) stopsrc -s snmpd ;;\nesac\n'
    facts = _facts("aix", {"/etc/rc.d/rc2.d/S99site": script}, {"/etc/rc.d/rc2.d": ["K01old", "S99site"]}, {})
    assert servicefacts.evidence_of_service(facts, **SNMPD) == [
        "/etc/rc.d/rc2.d/S99site:3: start) startsrc -s snmpd ;; (starts SRC subsystem snmpd, at boot)"
    ]


def test_an_unreadable_inittab_is_not_a_quiet_host() -> None:
    facts = _facts("aix", {}, {}, {})
    facts.batch.stats["/etc/inittab"] = StatRecord(
        "/etc/inittab", "unknown", None, None, None, None, None, None, "", "Permission denied"
    )
    with pytest.raises(NotAssessed, match="what AIX starts at boot is not fully known: /etc/inittab: cannot stat"):
        servicefacts.evidence_of_service(facts, **SNMPD)


def test_a_sign_elsewhere_still_fails_when_inittab_is_unreadable() -> None:
    facts = _facts("aix", {"/etc/rc.tcpip": 'start /usr/sbin/snmpd "$src_running"\n'}, {}, {})
    facts.batch.stats["/etc/inittab"] = StatRecord("/etc/inittab", "unknown", None, None, None, None, None, None, "", "EIO")
    assert servicefacts.evidence_of_service(facts, **SNMPD) == [
        '/etc/rc.tcpip:1: start /usr/sbin/snmpd "$src_running" (started at boot)'
    ]


WANTS = "/etc/systemd/system/multi-user.target.wants"
UNIT = "/lib/systemd/system/snmpd.service"


def test_a_wants_link_named_by_an_alias() -> None:
    facts = _facts(
        "debian",
        {UNIT: "[Service]\n"},
        {"/etc/systemd/system": ["multi-user.target.wants", "snmp.service"], WANTS: ["snmp.service"]},
        {f"{WANTS}/snmp.service": ("/etc/systemd/system/snmp.service", UNIT), "/etc/systemd/system/snmp.service": (UNIT, UNIT)},
    )
    assert servicefacts.evidence_of_service(facts, units={"snmpd.service"}) == [
        f"{WANTS}/snmp.service -> /etc/systemd/system/snmp.service:"
        " systemd unit snmpd.service is enabled (linked as snmp.service)"
    ]


def test_the_packages_own_wants_link() -> None:
    vendor_wants = "/lib/systemd/system/multi-user.target.wants"
    facts = _facts(
        "debian",
        {UNIT: "[Service]\n"},
        {
            "/etc/systemd/system": [],
            "/lib/systemd/system": ["multi-user.target.wants", "snmpd.service"],
            vendor_wants: ["snmpd.service"],
        },
        {f"{vendor_wants}/snmpd.service": ("../snmpd.service", UNIT)},
    )
    assert servicefacts.evidence_of_service(facts, units={"snmpd.service"}) == [
        f"{vendor_wants}/snmpd.service -> ../snmpd.service: systemd unit snmpd.service is enabled"
    ]


def test_a_masked_unit_starts_nothing_whatever_links_want_it() -> None:
    facts = _facts(
        "debian",
        {UNIT: "[Service]\n"},
        {"/etc/systemd/system": ["multi-user.target.wants", "snmpd.service"], WANTS: ["snmpd.service"]},
        {f"{WANTS}/snmpd.service": (UNIT, UNIT)},
    )
    facts.batch.stats["/etc/systemd/system/snmpd.service"] = _stat(
        "/etc/systemd/system/snmpd.service", "char", "/dev/null", "/dev/null"
    )
    assert servicefacts.evidence_of_service(facts, units={"snmpd.service"}) == []


def test_fixes_name_the_entry_the_script_and_the_package_link() -> None:
    """The record's general fix (chrctcp, stopsrc, systemctl disable) undoes none of these: each gets its own line."""
    script = "#!/bin/ksh\nstartsrc -s snmpd\n"
    facts = _facts(
        "aix",
        {"/etc/inittab": "snmpd:2:once:/usr/sbin/snmpd\n", "/etc/rc.d/rc2.d/S99 site;x": script},
        {"/etc/rc.d/rc2.d": ["S99 site;x"]},
        {},
    )
    assert start_fixes(facts, **SNMPD) == [
        'rmitab snmpd (removes the entry at /etc/inittab:1; or chitab it with the action "off")',
        "rm '/etc/rc.d/rc2.d/S99 site;x' (or rename it so that its name no longer starts with S)",
    ]
    vendor_wants = "/lib/systemd/system/multi-user.target.wants"
    linux = _facts(
        "debian",
        {UNIT: "[Service]\n"},
        {"/etc/systemd/system": [], "/lib/systemd/system": ["multi-user.target.wants"], vendor_wants: ["snmpd.service"]},
        {f"{vendor_wants}/snmpd.service": ("../snmpd.service", UNIT)},
    )
    assert start_fixes(linux, units={"snmpd.service"}) == [
        "systemctl mask --now snmpd.service (/lib/systemd/system/multi-user.target.wants is the package's own:"
        " systemctl disable leaves its link in place)"
    ]
