"""SUSE as a Linux neighbour (issue 18): os-release detection, the SUSE catalog, syslog-ng and sysconfig/postfix."""

from __future__ import annotations

import re

import pytest

from svcaudit.facts.platforms import SUSE, by_layout, detection, os_release_ids
from svcaudit.parsers.crontab import parse_crontab
from svcaudit.parsers.syslog import covers
from svcaudit.parsers.syslog_ng import parse_syslog_ng_conf

# The os-release lines of the releases named (ID, ID_LIKE), as each distribution writes them.
OPENSUSE_TUMBLEWEED = 'NAME="openSUSE Tumbleweed"\nID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n'
OPENSUSE_NO_LIKE = 'NAME="openSUSE"\nID=opensuse\n'
SLES = 'NAME="SLES"\nVERSION="15-SP6"\nID="sles"\nID_LIKE="suse"\n'
SLES_SAP = 'NAME="SLES_SAP"\nID="sles_sap"\nID_LIKE="suse"\n'
ROCKY = 'ID="rocky"\nID_LIKE="rhel centos fedora"\n'
UBUNTU = "ID=ubuntu\nID_LIKE=debian\n"


@pytest.mark.parametrize(
    "release, expected",
    [
        (OPENSUSE_TUMBLEWEED, "suse"),
        (OPENSUSE_NO_LIKE, "suse"),
        ('ID="opensuse-leap"\n', "suse"),
        (SLES, "suse"),
        ('ID="sled"\n', "suse"),
        (SLES_SAP, "suse"),
        (ROCKY, "rhel"),
        (UBUNTU, "debian"),
        # ID first: an unknown ID falls to the first ID_LIKE word the table knows
        ('ID="mycorp"\nID_LIKE="sles suse"\n', "suse"),
    ],
)
def test_os_release_family(release: str, expected: str) -> None:
    found = detection("auto", "Linux", set(), release)
    assert (found.paths.name, found.note) == (expected, "")


def test_os_release_ids_keep_the_standards_order() -> None:
    assert os_release_ids(OPENSUSE_TUMBLEWEED) == ["opensuse-tumbleweed", "opensuse", "suse"]
    assert os_release_ids("ID_LIKE='a b'\nID=c\n") == ["c", "a", "b"]
    assert os_release_ids("") == []


def test_os_release_wins_over_a_stray_marker_file() -> None:
    """A SUSE host with a leftover /etc/debian_version is SUSE: os-release is the standard's answer."""
    assert detection("linux", None, {"/etc/debian_version"}, SLES).paths.name == "suse"


def test_an_old_suse_without_os_release_is_told_by_its_release_file() -> None:
    assert detection("auto", "Linux", {"/etc/SuSE-release"}, None).paths.name == "suse"


@pytest.mark.parametrize(
    "present, expected",
    [
        ({"/var/spool/cron/tabs", "/var/spool/atjobs"}, "suse"),
        ({"/var/spool/cron/lastrun"}, "suse"),
        ({"/var/spool/cron", "/var/spool/at"}, "rhel"),
        ({"/var/spool/cron", "/var/spool/cron/crontabs", "/var/spool/cron/atjobs"}, "debian"),
    ],
)
def test_unknown_linux_is_judged_by_the_files_present_and_says_so(present: set[str], expected: str) -> None:
    found = detection("auto", "Linux", present, 'ID="mycorp"\n')
    assert found.paths.name == expected
    assert found.note == f"unknown Linux (os-release ID 'mycorp'): judged as {expected}, whose spool directories are present"


def test_unknown_linux_with_no_known_layout_says_it_fell_back() -> None:
    found = detection("auto", "Linux", set(), None)
    assert found.paths.name == "debian"
    assert "no os-release ID" in found.note and "no cron or at spool of a known layout" in found.note


def test_rhel_spool_alone_is_everyones_parent_and_does_not_count() -> None:
    assert by_layout({"/var/spool/cron"}) is None


def test_explicit_family_choice() -> None:
    assert detection("suse", None, {"/etc/debian_version"}, UBUNTU).paths is SUSE


def test_suse_catalog_reads_suses_own_paths() -> None:
    assert (SUSE.crontab_dir, SUSE.at_dir, SUSE.at_output_dir) == (
        "/var/spool/cron/tabs",
        "/var/spool/atjobs",
        "/var/spool/atspool",
    )
    assert SUSE.cronie and "at" in SUSE.at_dir_owners_extra and "at" in SUSE.at_sysgroups
    assert SUSE.sysconfig_postfix == "/etc/sysconfig/postfix" and SUSE.syslog_ng_conf == "/etc/syslog-ng/syslog-ng.conf"
    assert SUSE.mail.postfix_main == "/etc/postfix/main.cf" and "/etc/vsftpd.conf" in SUSE.ftp.vsftpd_confs
    assert "/etc/permissions.local" in SUSE.permissions_files


def test_suse_stock_crontab_line_is_a_job() -> None:
    """cronie.spec's sample.root line: '-' keeps it out of syslog; the program is run-crons."""
    text = "-*/15 * * * *   root  test -x /usr/lib/cron/run-crons && /usr/lib/cron/run-crons >/dev/null 2>&1\n"
    tab = parse_crontab(text, path="/etc/crontab", system=True, cronie=SUSE.cronie)
    assert not tab.malformed
    (entry,) = tab.entries
    assert entry.user == "root" and not entry.logged
    assert "/usr/lib/cron/run-crons" in [p.word for p in entry.programs]


# -- syslog-ng --------------------------------------------------------------------------------------

SYSLOG_NG = """\
@version: 4.3
@include "scl.conf"
source src { system(); internal(); };
filter f_iptables   { facility(kern) and message("IN=") and message("OUT="); };
filter f_mail       { facility(mail); };
filter f_mailinfo   { level(info)      and facility(mail); };
filter f_mailerr    { level(err, crit, alert, emerg) and facility(mail); };
filter f_cron       { facility(cron); };
filter f_messages   { not facility(news, mail) and not filter(f_iptables); };
destination mail     { file("/var/log/mail"); };
destination mailinfo { file("/var/log/mail.info"); };
destination mailerr  { file("/var/log/mail.err" fsync(yes)); };
destination messages { file("/var/log/messages"); };
destination loghost  { network("127.0.0.1" port(514)); };
log { source(src); filter(f_mail); destination(mail); };
log { source(src); filter(f_mailinfo); destination(mailinfo); };
log { source(src); filter(f_mailerr); destination(mailerr); };
log { source(src); filter(f_messages); destination(messages); destination(loghost); };
"""


def test_syslog_ng_log_paths_become_rules() -> None:
    conf = parse_syslog_ng_conf(SYSLOG_NG, "/etc/syslog-ng/syslog-ng.conf")
    assert conf.unparsed == () and conf.includes == ("scl.conf",)
    files = {r.file: r for r in conf.rules if r.kind == "file"}
    assert set(files) == {"/var/log/mail", "/var/log/mail.info", "/var/log/mail.err", "/var/log/messages"}
    assert covers(files["/var/log/mail"], "mail", "debug") and not covers(files["/var/log/mail"], "cron", "info")
    assert covers(files["/var/log/mail.info"], "mail", "info") and not covers(files["/var/log/mail.info"], "mail", "crit")
    assert covers(files["/var/log/mail.err"], "mail", "crit") and not covers(files["/var/log/mail.err"], "mail", "info")
    # messages: everything but news and mail, so cron goes there, shared with others
    assert covers(files["/var/log/messages"], "cron", "info") and not covers(files["/var/log/messages"], "mail", "crit")
    assert [r.kind for r in conf.rules if r.file is None] == ["remote"]
    assert files["/var/log/mail"].line == 15


def test_syslog_ng_final_flag_stops_later_paths() -> None:
    text = (
        'filter f_cron { facility(cron); };\ndestination cron { file("/var/log/cron"); };\n'
        'destination all { file("/var/log/all"); };\n'
        "log { source(s); filter(f_cron); destination(cron); flags(final); };\nlog { source(s); destination(all); };\n"
    )
    conf = parse_syslog_ng_conf(text, "x.conf")
    rules = {r.file: r for r in conf.rules}
    assert covers(rules["/var/log/cron"], "cron", "info")
    assert not covers(rules["/var/log/all"], "cron", "info") and covers(rules["/var/log/all"], "mail", "info")


@pytest.mark.parametrize(
    "text, reason",
    [
        ('filter f { program("postfix"); };\nlog { source(s); filter(f); destination(d); };\n', "cannot evaluate"),
        ("log { source(s); log { destination(d); }; };\n", "nested log paths"),
        ("log { source(s); destination(d); flags(fallback); };\n", "fallback"),
        ("log { source(s); filter(missing); destination(d); };\n", "cannot evaluate"),
        ("filter f { facility(mail) and (; };\nlog { filter(f); destination(d); };\n", "cannot evaluate"),
    ],
)
def test_syslog_ng_what_it_cannot_judge_is_reported(text: str, reason: str) -> None:
    conf = parse_syslog_ng_conf(text, "x.conf")
    assert conf.rules == ()
    assert reason in conf.unparsed[0].reason


def test_syslog_ng_program_filter_for_other_facilities_counts_as_receiving() -> None:
    """Unknown for kern (not judged): the file may get kern messages, so it is not cron's own."""
    text = (
        'filter f { facility(cron) or (facility(kern) and program("x")); };\ndestination c { file("/var/log/c"); };\n'
        "log { filter(f); destination(c); };\n"
    )
    (rule,) = parse_syslog_ng_conf(text, "x.conf").rules
    assert covers(rule, "cron", "info") and covers(rule, "kern", "info") and not covers(rule, "mail", "info")


def test_syslog_ng_never_raises() -> None:
    for text in ("{", "}}}", "log {", 'filter "x" { ; };', "destination d { file(; };\nlog { destination(d); };"):
        parse_syslog_ng_conf(text, "x.conf")


# -- /etc/sysconfig and config.postfix ----------------------------------------------------------------

SYSCONFIG_POSTFIX = """\
## Path:        Network/Mail/Postfix
## Type:        string
POSTFIX_RELAYHOST=""
POSTFIX_ADD_SMTPD_BANNER="$myhostname ESMTP"
POSTFIX_ADD_DISABLE_VRFY_COMMAND='yes'
POSTFIX_ADD_MESSAGE_SIZE_LIMIT=10240000
"""


def test_sysconfig_values_and_what_is_not_evaluated() -> None:
    from svcaudit.parsers.sysconfig import parse_sysconfig

    conf = parse_sysconfig('A="x y"\nB=\'$q\'\nC=plain # note\nD="$HOME"\nE=`id`\nnot an assignment\nA=z\n', "/s")
    assert {k: (v.value, v.line) for k, v in conf.settings.items()} == {"A": ("z", 7), "B": ("$q", 2), "C": ("plain", 3)}
    assert [(m.line, m.reason.split()[0]) for m in conf.malformed] == [(4, "expansion"), (5, "unquoted"), (6, "not")]


def test_config_postfix_overrides_only_judged_parameters() -> None:
    from svcaudit.parsers.sysconfig import parse_sysconfig, postfix_overrides

    postfix = parse_sysconfig(SYSCONFIG_POSTFIX.replace('"$myhostname ESMTP"', '"mail ESMTP"'), "/etc/sysconfig/postfix")
    mail = parse_sysconfig('MAIL_CREATE_CONFIG="yes"\nSMTPD_LISTEN_REMOTE="no"\n', "/etc/sysconfig/mail")
    found, why = postfix_overrides(mail, postfix)
    assert why == ""
    assert [(o.parameter, o.value, o.file, o.line, o.variable) for o in found] == [
        ("inet_interfaces", "localhost", "/etc/sysconfig/mail", 2, "SMTPD_LISTEN_REMOTE"),
        ("smtpd_banner", "mail ESMTP", "/etc/sysconfig/postfix", 4, "POSTFIX_ADD_SMTPD_BANNER"),
        ("disable_vrfy_command", "yes", "/etc/sysconfig/postfix", 5, "POSTFIX_ADD_DISABLE_VRFY_COMMAND"),
    ]
    off = parse_sysconfig('MAIL_CREATE_CONFIG="no"\nSMTPD_LISTEN_REMOTE="yes"\n', "/etc/sysconfig/mail")
    found, why = postfix_overrides(off, postfix)
    assert found == [] and "MAIL_CREATE_CONFIG" in why


# -- whole runs: the summary's unknown-Linux note, and fixes that name /etc/permissions.local --------------------


def test_unknown_linux_summary_says_how_it_was_judged(tmp_path) -> None:
    from tests_meta.support.scenario import File, build, run_suite
    from tests_meta.support.scenarios_suse import SUSE_CRON_HARDENED

    host = SUSE_CRON_HARDENED.changed("suse-unknown-id", [File("/etc/os-release", 'ID="mycorp"\n')], {})
    result = run_suite(["--sysroot", str(build(host, tmp_path / "root")), "--platform", "linux"], tmp_path)
    summary = "platform suse (unknown Linux (os-release ID 'mycorp'): judged as suse, whose spool directories are present)"
    assert summary in result.output, result.output[-2000:]
    assert result.outcomes["CRON-04"] == "pass" and result.outcomes["AT-04"] == "pass"


def test_fix_for_a_listed_path_names_permissions_local(tmp_path) -> None:
    """permissions.secure lists the spool 0700 (an entry of ours); the host has it 0770: the fix names both."""
    from tests_meta.support.scenario import Dir, File, build, run_suite
    from tests_meta.support.scenarios_suse import SUSE_CRON_HARDENED

    host = SUSE_CRON_HARDENED.changed(
        "suse-tabs-listed",
        [
            Dir("/var/spool/cron/tabs", 0o770),
            File("/usr/share/permissions/permissions.secure", ":package: cronie\n/var/spool/cron/tabs/  root:root  0770\n"),
        ],
        {},
    )
    result = run_suite(["--sysroot", str(build(host, tmp_path / "root")), "--platform", "linux"], tmp_path)
    assert result.outcomes["CRON-04"] == "fail"
    text = "\n".join(result.messages["CRON-04"])
    assert "fix: chmod 750 /var/spool/cron/tabs" in text, text
    assert (
        "SUSE: /var/spool/cron/tabs is in the permission lists (/usr/share/permissions/permissions.secure:2 root:root 0770): "
        "also put the line '/var/spool/cron/tabs root:root 0750' in /etc/permissions.local and run permctl --system"
    ) in text, text


def test_permission_list_lines() -> None:
    from svcaudit.parsers.permissions import parse_permissions

    text = (
        ":package: at\n/usr/bin/at   root:trusted   4750\n +capabilities cap_net_raw=ep\n/etc/cron.d/ root:root 755\nbad line\n"
    )
    parsed = parse_permissions(text, "/p")
    assert {k: (e.text(), e.line) for k, e in parsed.entries.items()} == {
        "/usr/bin/at": ("root:trusted 4750", 2),
        "/etc/cron.d": ("root:root 0755", 4),
    }
    assert [m.line for m in parsed.malformed] == [5]


# -- the new parsers keep the parsers' contract: never raise, every line accounted for ------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_NG_WORDS = [
    "filter",
    "destination",
    "log",
    "source",
    "{",
    "}",
    "(",
    ")",
    ";",
    "facility",
    "level",
    "not",
    "and",
    "or",
    "file",
    '"/var/log/x"',
    "f",
    "d",
    "mail",
    "cron",
    "flags",
    "final",
    "@include",
    "#",
    "\n",
    " ",
]


@_FUZZ
@given(st.one_of(st.text(), st.lists(st.sampled_from(_NG_WORDS), max_size=60).map(" ".join)))
def test_syslog_ng_fuzz_never_raises_nor_gives_up(text: str) -> None:
    conf = parse_syslog_ng_conf(text, "/f")
    assert not any("internal parser error" in u.reason for u in conf.unparsed)
    for rule in conf.rules:
        assert rule.kind != "file" or (rule.file or "").startswith("/")


@_FUZZ
@given(st.text())
def test_sysconfig_and_permission_lists_account_for_every_line(text: str) -> None:
    from svcaudit.parsers.permissions import parse_permissions
    from svcaudit.parsers.sysconfig import parse_sysconfig

    lines = [n for n, line in enumerate(text.split("\n"), 1) if line.strip() and not line.strip().startswith("#")]
    conf = parse_sysconfig(text, "/s")
    bad = {m.line for m in conf.malformed}
    assert {s.line for s in conf.settings.values()} | bad <= set(lines)
    for n in set(lines) - bad:  # every other line set a variable that is kept (its last assignment wins)
        match = re.match(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=", text.split("\n")[n - 1].strip())
        assert match and match[1] in conf.settings and conf.settings[match[1]].line >= n
    listed = parse_permissions(text, "/p")
    kept = [n for n in lines if not text.split("\n")[n - 1].strip().startswith((":", "+"))]
    accounted = {e.line for e in listed.entries.values()} | {m.line for m in listed.malformed}
    # an entry named twice keeps its last line: every kept line is an entry, malformed, or an earlier duplicate
    assert accounted <= set(kept) and len(listed.malformed) + len(listed.entries) <= len(kept)
