"""Unit tests for the SNMP-08 .. SNMP-13 parts of svcaudit.parsers.snmp, on real configuration text."""

from __future__ import annotations

from pathlib import Path

from svcaudit.parsers.snmp import (
    NO_PRIVACY,
    community_access,
    includes,
    logging_files,
    option_log_files,
    parse_snmp_conf,
    usm_users,
    write_access,
)
from tests_meta.support.scenarios_snmp_agents import RHEL_SNMPD_STOCK as RHEL_STOCK
from tests_meta.test_parser_snmp import AIX_V1_SHIPPED, AIX_V3_DEFAULT

DATA = Path(__file__).parent / "data" / "snmp"  # provenance: data/snmp/PROVENANCE.md
#: Debian 12 snmpd 5.9.3+dfsg-2+deb12u1 /etc/snmp/snmpd.conf, exactly as the package installs it.
DEBIAN_STOCK = (DATA / "debian-snmpd.conf").read_text()
#: The persistent file net-snmp 5.9.3's snmpd wrote for createUser md5user MD5/DES, shauser SHA/AES,
#: sha256user SHA-256/AES and noprivuser SHA (no privacy).
PERSISTENT = (DATA / "net-snmp-persistent-snmpd.conf").read_text()

#: Debian 12 /etc/default/snmpd as shipped: the options assignment is commented out.
DEBIAN_DEFAULT = """\
# snmpd options (use syslog priority warning, close stdin/out/err).
#SNMPDOPTS='-LSwd -Lf /dev/null -u Debian-snmp -g Debian-snmp -I -smux,mteTrigger,mteTriggerConf -p /run/snmpd.pid'
"""

SECRETS = ("public", "0xfc56b24e923d1d16f5ee1dc6587ff917", "0x13a60fbb86fe943a27409b06e6202e50")


def _net(text: str, path: str = "/etc/snmp/snmpd.conf"):
    return parse_snmp_conf(text, path, "net-snmp")


def _no_secret(lines: list[str]) -> None:
    for line in lines:
        for secret in SECRETS:
            assert secret not in line, line


# --------------------------------------------------------------------------- SNMP-09 community access


def test_debian_stock_grants_community_access_on_its_two_rocommunity_lines() -> None:
    conf = _net(DEBIAN_STOCK)
    found = community_access(conf)
    expected_lines = [n for n, line in enumerate(DEBIAN_STOCK.splitlines(), 1) if line.startswith("rocommunity")]
    assert [a.line for a in found] == expected_lines
    assert [a.keyword for a in found] == ["rocommunity", "rocommunity6"]
    _no_secret([a.evidence() for a in found])


def test_debian_stock_includes_its_conf_d_directory() -> None:
    found = includes(_net(DEBIAN_STOCK))
    assert [(i.keyword, i.target) for i in found] == [("includeDir", "/etc/snmp/snmpd.conf.d")]


def test_rhel_stock_com2sec_is_community_access_and_the_group_lines_are_not() -> None:
    found = community_access(_net(RHEL_STOCK))
    assert [(a.line, a.keyword) for a in found] == [(1, "com2sec")]
    _no_secret([a.evidence() for a in found])


def test_aix_default_snmpdv3_community_and_v1_group_are_community_access() -> None:
    conf = parse_snmp_conf(AIX_V3_DEFAULT, "/etc/snmpdv3.conf", "aix-v3")
    assert sorted(a.keyword for a in community_access(conf)) == ["COMMUNITY", "VACM_GROUP"]
    _no_secret([a.evidence() for a in community_access(conf)])


def test_aix_v1_file_is_judged_by_the_agent_program_not_its_community_lines() -> None:
    assert community_access(parse_snmp_conf(AIX_V1_SHIPPED, "/etc/snmpd.conf", "aix-v1")) == ()


# --------------------------------------------------------------------------- SNMP-10 users


def test_persistent_usm_users_name_their_protocols_from_the_oids() -> None:
    users, unread = usm_users(_net(PERSISTENT, "/var/lib/snmp/snmpd.conf"))
    assert unread == ()
    assert [(u.name, u.auth, u.priv) for u in users] == [
        ("md5user", "MD5", "DES"),
        ("shauser", "SHA", "AES"),
        ("noprivuser", "SHA", NO_PRIVACY),
        ("sha256user", "SHA-256", "AES"),
    ]
    evidence = [u.evidence() for u in users]
    _no_secret(evidence)
    assert all("0x" not in line for line in evidence)


def test_persistent_user_name_in_hex_is_shown_as_text() -> None:
    line = (
        "usmUser 1 3 0x80001f88 0x6d6f6e69746f72 0x6d6f6e69746f72 NULL .1.3.6.1.6.3.10.1.1.3 0x00 .1.3.6.1.6.3.10.1.2.1 0x00 0x"
    )
    users, _ = usm_users(_net(line))
    assert [(u.name, u.auth, u.priv) for u in users] == [("monitor", "SHA", NO_PRIVACY)]


def test_create_user_forms_from_the_snmpd_conf_man_page() -> None:
    text = (
        "createUser myuser SHA -l 0x0001020304050607080900010203040506070809 AES -l 0x00010203040506070809000102030405\n"
        "createUser -e 0x8000000001020304 myuser2 MD5 mypassword\n"
        "createUser noauth\n"
        'createUser strong SHA-512 "a passphrase" AES "another one"\n'
    )
    users, unread = usm_users(_net(text))
    assert unread == ()
    assert [(u.name, u.auth, u.priv) for u in users] == [
        ("myuser", "SHA", "AES"),
        ("myuser2", "MD5", NO_PRIVACY),
        ("noauth", "none", NO_PRIVACY),
        ("strong", "SHA-512", "AES"),
    ]
    assert all("passphrase" not in u.evidence() and "mypassword" not in u.evidence() for u in users)


def test_aix_sample_user_is_md5_with_des() -> None:
    users, _ = usm_users(parse_snmp_conf(AIX_V3_DEFAULT, "/etc/snmpdv3.conf", "aix-v3"))
    assert [(u.name, u.auth, u.priv) for u in users] == [("u1", "HMAC-MD5", "CBC-DES")]
    assert "18a2c7b78f3df552367383eef9db2e9f" not in users[0].evidence()


def test_aix_user_without_privacy_and_a_short_line() -> None:
    text = (
        "USM_USER ops 8000000203000000c0a80117 HMAC-SHA 7d1c33d0a6e3f5a1 - - L -\nUSM_USER cut 8000 HMAC-SHA 7d1c33d0a6e3f5a1\n"
    )
    users, unread = usm_users(parse_snmp_conf(text, "/etc/snmpdv3.conf", "aix-v3"))
    assert [(u.name, u.auth, u.priv) for u in users] == [("ops", "HMAC-SHA", NO_PRIVACY)]
    assert [(m.line, m.text) for m in unread] == [(2, "USM_USER ...")]


# --------------------------------------------------------------------------- SNMP-13 write access


def test_stock_files_grant_no_write_except_aix_v1_readwrite_communities() -> None:
    assert write_access([_net(DEBIAN_STOCK)]) == ((), ())
    assert write_access([_net(RHEL_STOCK)]) == ((), ())
    assert write_access([parse_snmp_conf(AIX_V3_DEFAULT, "/etc/snmpdv3.conf", "aix-v3")]) == ((), ())
    grants, _ = write_access([parse_snmp_conf(AIX_V1_SHIPPED, "/etc/snmpd.conf", "aix-v1")])
    assert [(g.line, g.keyword) for g in grants] == [(2, "community"), (3, "community")]
    assert all("private" not in g.evidence() and "system" not in g.evidence() for g in grants)


def test_rhel_write_view_for_the_community_group_is_a_grant_without_the_community() -> None:
    conf = _net(RHEL_STOCK.replace("systemview none none", "systemview systemview none"))
    grants, _ = write_access([conf])
    assert [(g.line, g.keyword) for g in grants] == [(6, "access")]
    assert "group notConfigGroup may write view systemview" in grants[0].evidence()
    assert "notConfigUser" not in grants[0].evidence()
    _no_secret([grants[0].evidence()])


def test_group_membership_is_read_across_files() -> None:
    members = _net("group admins usm ops\n", "/var/lib/snmp/snmpd.conf")
    access = _net('access admins "" usm priv exact all all none\n')
    grants, _ = write_access([access, members])
    assert ["usm user ops (/var/lib/snmp/snmpd.conf:1)" in g.evidence() for g in grants] == [True]


def test_write_view_for_a_group_without_members_grants_nothing() -> None:
    assert write_access([_net('access nobody "" usm priv exact all all none\n')]) == ((), ())


def test_rw_directives_and_typed_write_grants() -> None:
    text = (
        "rwcommunity s3cret-rw 10.0.0.0/8\n"
        "rwuser -s usm ops priv\n"
        "authcommunity read,write s3cret-auth\n"
        "authuser read ops2\n"
        "group g usm ops3\n"
        'setaccess g "" usm priv exact all read,write\n'
    )
    grants, unread = write_access([_net(text)])
    assert unread == ()
    assert [g.keyword for g in grants] == ["rwcommunity", "rwuser", "authcommunity", "setaccess"]
    assert "user ops" in grants[1].evidence()
    assert all("s3cret" not in g.evidence() for g in grants)


def test_short_access_line_is_unread_not_passed() -> None:
    grants, unread = write_access([_net("access g ctx\n")])
    assert grants == ()
    assert [m.line for m in unread] == [1]


# --------------------------------------------------------------------------- SNMP-12 log files


def test_aix_logging_file_lines() -> None:
    conf = parse_snmp_conf(AIX_V3_DEFAULT, "/etc/snmpdv3.conf", "aix-v3")
    assert [path for _, path in logging_files(conf)] == ["/usr/tmp/snmpdv3.log"]
    disabled = parse_snmp_conf("logging file=/usr/tmp/snmpd.log disabled\n", "/etc/snmpd.conf", "aix-v1")
    assert logging_files(disabled) == ()


def test_option_files() -> None:
    assert option_log_files(DEBIAN_DEFAULT, "/etc/default/snmpd", "SNMPDOPTS") == ((), ())
    rhel6 = 'OPTIONS="-LS0-6d -Lf /dev/null -p /var/run/snmpd.pid"\n'
    assert option_log_files(rhel6, "/etc/sysconfig/snmpd", "OPTIONS") == ((), ())
    text = (
        "SNMPDOPTS='-LSwd -Lf /var/log/snmpd.log -u Debian-snmp'\n"
        "export SNMPDOPTS='-LF 0-6 /var/log/snmpd-pri.log'\n"
        'SNMPDOPTS="-LF6 /var/log/snmpd6.log -Lf/var/log/attached.log"\n'
    )
    found, unread = option_log_files(text, "/etc/default/snmpd", "SNMPDOPTS")
    assert unread == ()
    assert found == (
        (1, "/var/log/snmpd.log"),
        (2, "/var/log/snmpd-pri.log"),
        (3, "/var/log/snmpd6.log"),
        (3, "/var/log/attached.log"),
    )


def test_option_line_that_cannot_be_split_is_unread() -> None:
    found, unread = option_log_files('OPTIONS="-Lf /var/log/x.log\n', "/etc/sysconfig/snmpd", "OPTIONS")
    assert found == ()
    assert [m.line for m in unread] == [1]
