"""Unit tests for svcaudit.parsers.snmp (pure parser: text in, data out)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from svcaudit.parsers.snmp import (
    FLAVORS,
    SAMPLE_ENGINE_ID,
    Entry,
    Malformed,
    Secret,
    SnmpConf,
    communities,
    default_credentials,
    matching,
    parse_snmp_conf,
)

DEFAULT_COMMUNITIES = ("public", "private", "system", "snmp-trap")
DEFAULT_WORDS = frozenset({"maplesyrup", "password"})

# --------------------------------------------------------------------------- fixtures

#: AIX 4.1.3 shipped /etc/snmpd.conf: the defaults were not commented out.
AIX_V1_SHIPPED = """\
community  public
community  private 127.0.0.1 255.255.255.255 readWrite
community  system  127.0.0.1 255.255.255.255 readWrite 1.17.2
view       1.17.2  system enterprises view
trap       public  127.0.0.1  1.2.3  fe   # loopback
smux       1.3.6.1.4.1.2.3.1.2.1.2  gated_password  # gated
"""

#: AIX 7 /etc/snmpdv3.conf with IBM's default lines live.
AIX_V3_DEFAULT = """\
# IBM_PROLOG_BEGIN_TAG
# This is an automatically generated prolog.
# IBM_PROLOG_END_TAG
*****************************************************************
* snmpdv3.conf: SNMP agent configuration (star comments in column 1)
*****************************************************************
VACM_GROUP group1 SNMPv1  public  -
VACM_VIEW defaultView        internet                   - included -
VACM_ACCESS  group1 - - noAuthNoPriv SNMPv1  defaultView - defaultView -
COMMUNITY public    public     noAuthNoPriv 0.0.0.0    0.0.0.0         -
DEFAULT_SECURITY no-access - -
TARGET_ADDRESS Target1 UDP 127.0.0.1       traptag trapparms1 - - -
TARGET_PARAMETERS trapparms1 SNMPv1  SNMPv1  public  noAuthNoPriv -
NOTIFY notify1 traptag trap -
logging         file=/usr/tmp/snmpdv3.log       enabled
logging         size=100000                     level=0
smux            1.3.6.1.4.1.2.3.1.2.3.1.1       muxatmd_password #muxatmd
USM_USER u1 00000002000000000943714F HMAC-MD5 18a2c7b78f3df552367383eef9db2e9f CBC-DES - L -
"""

_V3_LINES = [line for line in AIX_V3_DEFAULT.splitlines() if line[:1] not in ("#", "*")]
AIX_V3_HASH_COMMENTED = "\n".join("#" + line for line in _V3_LINES) + "\n"
AIX_V3_STAR_COMMENTED = "\n".join("*" + line for line in _V3_LINES) + "\n"

#: Hardened: SNMPv3 users only, keys for the site's own engineID, no COMMUNITY.
AIX_V3_HARDENED = """\
USM_USER admin 8000000203000000C0A80A01 HMAC-SHA 0x5ad1f7a3b0c9e2d4 CFB128-AES-128 0x1a2b3c4d5e6f7081 L -
VACM_GROUP admins SNMPv3 admin -
VACM_VIEW adminView internet - included -
VACM_ACCESS admins - - AuthPriv SNMPv3 adminView - adminView -
DEFAULT_SECURITY no-access - -
logging file=/var/adm/snmpdv3.log enabled
"""

#: Debian's stock /etc/snmp/snmpd.conf (abridged).
DEBIAN_SNMPD_CONF = """\
###########################################################################
#
# snmpd.conf
# An example configuration file for configuring the Net-SNMP agent ('snmpd')
#
###########################################################################
sysLocation    Sitting on the Dock of the Bay
sysContact     Me <me@example.org>
sysServices    72
master  agentx
agentaddress  127.0.0.1,[::1]
view   systemonly  included   .1.3.6.1.2.1.1
view   systemonly  included   .1.3.6.1.2.1.25.1
rocommunity  public default -V systemonly
rocommunity6 public default -V systemonly
#rwcommunity private default
rouser authPrivUser authpriv -V systemonly
includeDir /etc/snmp/snmpd.conf.d
"""

CLSNMP_CONF = """\
# winSnmpName targetAgent admin secName password context secLevel authProto authKey privProto privKey
v1 127.0.0.1 snmpv1 public - - - - - - -
v2c 127.0.0.1 snmpv2c public - - - - - - -
u1 127.0.0.1 snmpv3 u1 password - AuthNoPriv HMAC-MD5 - - -
u2 127.0.0.1 snmpv3 u2 - - AuthPriv HMAC-SHA 0x79a8b3c4d5e6f7a8 CBC-DES 0x1a2b3c4d5e6f7081
"""


def parse(text: str, flavor: str, path: str = "/etc/snmpd.conf") -> SnmpConf:
    return parse_snmp_conf(text, path, flavor)


def values(secrets: tuple[Secret, ...]) -> list[tuple[int, str, str, str]]:
    return [(s.line, s.keyword, s.value, s.role) for s in secrets]


# --------------------------------------------------------------------------- aix-v1


def test_aix_v1_shipped_defaults_are_communities() -> None:
    conf = parse(AIX_V1_SHIPPED, "aix-v1")
    assert conf.malformed == ()
    assert values(communities(conf)) == [
        (1, "community", "public", "community"),
        (2, "community", "private", "community"),
        (3, "community", "system", "community"),
        (5, "trap", "public", "community"),
    ]
    assert [s.evidence() for s in communities(conf)][:3] == [
        "/etc/snmpd.conf:1 community public",
        "/etc/snmpd.conf:2 community private",
        "/etc/snmpd.conf:3 community system",
    ]


def test_aix_v1_trailing_comment_is_stripped() -> None:
    conf = parse(AIX_V1_SHIPPED, "aix-v1")
    trap = conf.entries[4]
    assert trap.keyword == "trap"
    assert trap.fields == ("public", "127.0.0.1", "1.2.3", "fe")
    assert trap.text == "trap       public  127.0.0.1  1.2.3  fe   # loopback"


def test_aix_v1_smux_gated_password_is_a_default_credential() -> None:
    conf = parse(AIX_V1_SHIPPED, "aix-v1")
    found = default_credentials(conf, DEFAULT_WORDS)
    assert values(found) == [(6, "smux", "gated_password", "smux password")]
    assert found[0].evidence() == "/etc/snmpd.conf:6 smux gated_password"


def test_powerha_smux_line_is_a_default_credential() -> None:
    # IBM PowerHA SystemMirror 7.2 docs, "/etc/snmpd.conf file": the line its installation appends
    # (https://www.ibm.com/docs/SSPHQG_7.2/admin/ha_admin_etcsnmpdconf.htm)
    text = "smux  1.3.6.1.4.1.2.3.1.2.1.5 clsmuxpd_password # PowerHA SystemMirror clsmuxpd\n"
    found = default_credentials(parse(text, "aix-v1"), DEFAULT_WORDS)
    assert values(found) == [(1, "smux", "clsmuxpd_password", "smux password")]


def test_aix_v1_commented_defaults_produce_nothing() -> None:
    text = "".join("#" + line + "\n" for line in AIX_V1_SHIPPED.splitlines())
    text += "".join("   # " + line + "\n" for line in AIX_V1_SHIPPED.splitlines())
    conf = parse(text, "aix-v1")
    assert conf.entries == () and conf.malformed == ()
    assert communities(conf) == () and default_credentials(conf, DEFAULT_WORDS) == ()


def test_aix_v1_dpid_password_and_profile_word() -> None:
    text = (
        "smux 1.3.6.1.4.1.2.3.1.2.2.1.1.2 dpid_password\n"
        "smux 1.3.6.1.4.1.2.3.1.2.1.2 PassWord\n"
        "smux 1.3.6.1.4.1.2.3.1.2.1.3 s1te-Secret\n"
    )
    found = default_credentials(parse(text, "aix-v1"), DEFAULT_WORDS)
    assert [(s.line, s.value) for s in found] == [(1, "dpid_password"), (2, "PassWord")]


def test_aix_v1_star_is_not_a_comment() -> None:
    conf = parse("* community public\n", "aix-v1")
    assert conf.entries == ()
    assert [(m.line, m.reason) for m in conf.malformed] == [(1, "unknown keyword '*' for aix-v1")]


# --------------------------------------------------------------------------- aix-v3


def test_aix_v3_default_communities_and_sec_names() -> None:
    conf = parse(AIX_V3_DEFAULT, "aix-v3", "/etc/snmpdv3.conf")
    assert conf.malformed == ()
    assert values(communities(conf)) == [
        (7, "VACM_GROUP", "public", "secName"),
        (10, "COMMUNITY", "public", "community"),
        (13, "TARGET_PARAMETERS", "public", "secName"),
    ]
    assert communities(conf)[1].evidence() == "/etc/snmpdv3.conf:10 COMMUNITY public"


def test_aix_v3_sample_engine_id_is_a_default_credential() -> None:
    conf = parse(AIX_V3_DEFAULT, "aix-v3", "/etc/snmpdv3.conf")
    found = default_credentials(conf, DEFAULT_WORDS)
    assert values(found) == [
        (17, "smux", "muxatmd_password", "smux password"),
        (18, "USM_USER", SAMPLE_ENGINE_ID, "engineID"),
    ]
    assert found[1].evidence() == f"/etc/snmpdv3.conf:18 USM_USER {SAMPLE_ENGINE_ID}"


def test_aix_v3_engine_id_matches_without_case_or_0x() -> None:
    text = f"USM_USER u1 {SAMPLE_ENGINE_ID.lower()} HMAC-MD5 - - - L -\nUSM_USER u2 0x{SAMPLE_ENGINE_ID} HMAC-MD5 - - - L -\n"
    conf = parse(text, "aix-v3")
    assert [s.line for s in default_credentials(conf, ())] == [1, 2]
    assert default_credentials(conf, (), sample_engine_id="8000000203000000C0A80A01") == ()


@pytest.mark.parametrize("text", [AIX_V3_HASH_COMMENTED, AIX_V3_STAR_COMMENTED], ids=["hash", "star"])
def test_aix_v3_commented_defaults_produce_nothing(text: str) -> None:
    conf = parse(text, "aix-v3")
    assert conf.entries == () and conf.malformed == ()
    assert communities(conf) == () and default_credentials(conf, DEFAULT_WORDS) == ()


def test_aix_v3_hardened_file_produces_nothing() -> None:
    conf = parse(AIX_V3_HARDENED, "aix-v3")
    assert conf.malformed == ()
    assert len(conf.entries) == 6
    assert communities(conf) == ()
    assert default_credentials(conf, DEFAULT_WORDS | set(DEFAULT_COMMUNITIES)) == ()


def test_aix_v3_sec_name_only_for_community_models() -> None:
    text = (
        "VACM_GROUP g1 SNMPv2c ops -\n"
        "VACM_GROUP g2 SNMPv3 u1 -\n"
        "VACM_GROUP g3 snmpv1 lower -\n"
        "TARGET_PARAMETERS p1 SNMPv2c SNMPv2c traps noAuthNoPriv -\n"
        "TARGET_PARAMETERS p2 SNMPv3 SNMPv3 u1 AuthNoPriv -\n"
    )
    assert [(s.line, s.value) for s in communities(parse(text, "aix-v3"))] == [(1, "ops"), (3, "lower"), (4, "traps")]


def test_aix_v3_keywords_are_case_sensitive() -> None:
    conf = parse("community public\nCOMMUNITY private private noAuthNoPriv 0.0.0.0 0.0.0.0 -\n", "aix-v3")
    assert [(m.line, m.reason) for m in conf.malformed] == [(1, "unknown keyword 'community' for aix-v3")]
    assert [s.value for s in communities(conf)] == ["private"]


def test_aix_v3_star_only_in_column_one() -> None:
    conf = parse("  * COMMUNITY public public noAuthNoPriv 0.0.0.0 0.0.0.0 -\n", "aix-v3")
    assert conf.entries == ()
    assert len(conf.malformed) == 1 and conf.malformed[0].reason.startswith("unknown keyword '*'")


# --------------------------------------------------------------------------- net-snmp


def test_debian_stock_snmpd_conf() -> None:
    conf = parse(DEBIAN_SNMPD_CONF, "net-snmp", "/etc/snmp/snmpd.conf")
    assert conf.malformed == ()
    assert values(communities(conf)) == [
        (14, "rocommunity", "public", "community"),
        (15, "rocommunity6", "public", "community"),
    ]
    assert communities(conf)[0].evidence() == "/etc/snmp/snmpd.conf:14 rocommunity public"
    location = next(e for e in conf.entries if e.keyword == "sysLocation")
    assert location.fields == ("Sitting", "on", "the", "Dock", "of", "the", "Bay")
    keywords = [e.keyword for e in conf.entries]
    assert keywords[:5] == ["sysLocation", "sysContact", "sysServices", "master", "agentaddress"]


def test_net_snmp_com2sec_skips_context_option() -> None:
    text = (
        "com2sec -Cn ctx local localhost private\n"
        "com2sec readonly default public\n"
        "com2sec6 -Cn ctx6 local6 ::1/128 secret6\n"
        "com2secunix local /var/run/agentx private\n"
    )
    assert [(s.line, s.value) for s in communities(parse(text, "net-snmp"))] == [
        (1, "private"),
        (2, "public"),
        (3, "secret6"),
        (4, "private"),
    ]


def test_net_snmp_trap_directives() -> None:
    text = (
        "trapcommunity snmp-trap\n"
        "trap2sink 192.0.2.1 public 162\n"
        "trapsink 192.0.2.2\n"
        "informsink -profile p1 192.0.2.3 private\n"
        "trapsess -v 2c -c traps 192.0.2.4\n"
        "trapsess -v 1 -cpublic 192.0.2.5\n"
        "authCommunity log,execute,net public\n"
    )
    assert [(s.line, s.keyword, s.value) for s in communities(parse(text, "net-snmp"))] == [
        (1, "trapcommunity", "snmp-trap"),
        (2, "trap2sink", "public"),
        (4, "informsink", "private"),
        (5, "trapsess", "traps"),
        (6, "trapsess", "public"),
        (7, "authCommunity", "public"),
    ]


def test_net_snmp_directives_are_case_insensitive() -> None:
    found = communities(parse("ROCOMMUNITY public\nRwCommunity private 10.0.0.0/8\n", "net-snmp"))
    assert [(s.keyword, s.value) for s in found] == [("ROCOMMUNITY", "public"), ("RwCommunity", "private")]


def test_net_snmp_quoted_community() -> None:
    conf = parse('rocommunity "my public" default # site\nrwcommunity "" default\n', "net-snmp")
    assert [s.value for s in communities(conf)] == ["my public", ""]
    assert conf.entries[0].fields == ("my public", "default")


def test_net_snmp_hash_inside_quotes_is_not_a_comment() -> None:
    conf = parse('rocommunity "pub #1" default\nrocommunity pub#2 default\n', "net-snmp")
    assert [s.value for s in communities(conf)] == ["pub #1", "pub#2"]


def test_net_snmp_create_user_default_passphrases() -> None:
    conf = parse('createUser myuser SHA "maplesyrup" AES "maplesyrup"\n', "net-snmp", "/var/lib/snmp/snmpd.conf")
    found = default_credentials(conf, DEFAULT_WORDS)
    assert values(found) == [(1, "createUser", "maplesyrup", "passphrase")] * 2
    assert found[0].evidence() == "/var/lib/snmp/snmpd.conf:1 createUser maplesyrup"
    assert communities(conf) == ()


def test_net_snmp_create_user_forms() -> None:
    text = (
        "createUser -e 0x80001f8880c71100000000000000000000 u1 MD5 Password DES s1te-priv\n"
        "createUser u2 SHA-256 s1te-auth AES-128 maplesyrup\n"
        "createUser u3 SHA -l 0x1234567890abcdef AES -m 0xfedcba0987654321\n"
        "createUser u4 SHA -m password AES password\n"
        "createUser u5\n"
        "createUser u6 SHA s1te-auth\n"
    )
    found = default_credentials(parse(text, "net-snmp"), DEFAULT_WORDS)
    assert [(s.line, s.value) for s in found] == [(1, "Password"), (2, "maplesyrup"), (4, "password")]


def test_net_snmp_trapsess_passphrases() -> None:
    text = "trapsess -v 3 -u tu -l authPriv -a SHA -A password -x AES -X s1te 192.0.2.1\n"
    found = default_credentials(parse(text, "net-snmp"), DEFAULT_WORDS)
    assert [(s.keyword, s.value, s.role) for s in found] == [("trapsess", "password", "passphrase")]


def test_net_snmp_unknown_directives_are_kept() -> None:
    conf = parse("someFutureDirective a b c\n", "net-snmp")
    assert conf.malformed == () and conf.entries[0].fields == ("a", "b", "c")


# --------------------------------------------------------------------------- clsnmp and peers


def test_clsnmp_password_field() -> None:
    conf = parse(CLSNMP_CONF, "clsnmp", "/etc/clsnmp.conf")
    assert conf.malformed == ()
    assert [e.keyword for e in conf.entries] == ["v1", "v2c", "u1", "u2"]
    assert communities(conf) == ()
    found = default_credentials(conf, DEFAULT_WORDS)
    assert values(found) == [(4, "u1", "password", "password")]
    assert found[0].evidence() == "/etc/clsnmp.conf:4 u1 password"


def test_clsnmp_dash_is_unset() -> None:
    conf = parse("v1 127.0.0.1 snmpv1 public - - - - - - -\n", "clsnmp")
    assert default_credentials(conf, {"-", "password"}) == ()


def test_clsnmp_short_entry_is_malformed() -> None:
    conf = parse("v1 127.0.0.1 snmpv1 public\n", "clsnmp", "/etc/clsnmp.conf")
    assert conf.entries == ()
    assert [(m.path, m.line) for m in conf.malformed] == [("/etc/clsnmp.conf", 1)]


def test_peers_smux_passwords() -> None:
    text = '"gated"  1.3.6.1.4.1.2.3.1.2.1.2  "gated_password"\n"dpid2" 1.3.6.1.4.1.2.3.1.2.2.1.1.2 "s1te" 2\n'
    conf = parse(text, "peers", "/etc/snmpd.peers")
    assert conf.malformed == ()
    assert communities(conf) == ()
    found = default_credentials(conf, DEFAULT_WORDS)
    assert values(found) == [(1, "gated", "gated_password", "smux password")]


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "flavor, text",
    [
        ("aix-v1", "community publicity\ncommunity public_html\ncommunity mypublic\n"),
        ("aix-v3", "COMMUNITY publicity publicity noAuthNoPriv 0.0.0.0 0.0.0.0 -\n"),
        ("net-snmp", "rocommunity public_html default\ncom2sec ro default private-ish\n"),
    ],
)
def test_whole_word_matching(flavor: str, text: str) -> None:
    conf = parse(text, flavor)
    assert communities(conf) != ()
    assert matching(communities(conf), DEFAULT_COMMUNITIES) == ()


def test_whole_word_matching_for_credentials() -> None:
    text = "smux 1.3.6.1 gated_password2\nsmux 1.3.6.1 my_password\n"
    assert default_credentials(parse(text, "aix-v1"), DEFAULT_WORDS) == ()
    conf = parse("createUser u SHA passwords AES maplesyrupy\n", "net-snmp")
    assert default_credentials(conf, DEFAULT_WORDS) == ()


def test_matching_is_case_insensitive() -> None:
    conf = parse("community PUBLIC\ncommunity Private\ncommunity s1te\n", "aix-v1")
    assert [s.value for s in matching(communities(conf), DEFAULT_COMMUNITIES)] == ["PUBLIC", "Private"]


# --------------------------------------------------------------------------- malformed


@pytest.mark.parametrize(
    "flavor, text, reason",
    [
        ("aix-v1", "community\n", "community needs at least 1 field"),
        ("aix-v1", "trap public\n", "trap needs at least 2 fields"),
        ("aix-v1", "frobnicate 1\n", "unknown keyword 'frobnicate' for aix-v1"),
        ("aix-v3", "COMMUNITY public public\n", "COMMUNITY needs at least 3 fields"),
        ("aix-v3", "USM_USER u1\n", "USM_USER needs at least 2 fields"),
        ("aix-v3", "VACM_GROUP g SNMPv1\n", "VACM_GROUP needs at least 3 fields"),
        ("aix-v3", "TARGET_PARAMETERS p SNMPv1 SNMPv1\n", "TARGET_PARAMETERS needs at least 4 fields"),
        ("net-snmp", "rocommunity\n", "rocommunity needs at least 1 field"),
        ("net-snmp", "com2sec -Cn ctx local localhost\n", "com2sec needs at least 3 fields"),
        ("net-snmp", "com2sec -Cn\n", "com2sec: option without a value"),
        ("net-snmp", 'rocommunity "public default\n', "unterminated double quote"),
        ("net-snmp", 'rocommunity "pub"lic default\n', "text directly after a closing double quote"),
        ("peers", '"gated" 1.3.6.1.4.1.2.3.1.2.1.2\n', "expected name OID password [priority]"),
    ],
)
def test_malformed_lines_are_reported(flavor: str, text: str, reason: str) -> None:
    conf = parse("# header\n\n" + text, flavor, "/etc/x.conf")
    assert conf.entries == ()
    keyword = text.split()[0]
    # A broken line may hold a community, user, password or key: only its keyword is shown.
    shown = keyword if text.strip() == keyword else f"{keyword} <redacted>"
    assert conf.malformed == (Malformed("/etc/x.conf", 3, shown, reason),)


def test_malformed_lines_do_not_hide_good_ones() -> None:
    conf = parse("community\ncommunity public\n", "aix-v1")
    assert [m.line for m in conf.malformed] == [1]
    assert [s.line for s in communities(conf)] == [2]


def test_unknown_flavor_is_reported() -> None:
    conf = parse("community public\n", "snmpv9")
    assert conf.entries == ()
    assert conf.malformed[0].reason == "unknown flavor 'snmpv9'; file not evaluated"
    assert communities(conf) == () and default_credentials(conf, DEFAULT_WORDS) == ()


def test_crlf_and_tabs() -> None:
    conf = parse("community\tpublic\r\nCOMMUNITY x\r\n", "aix-v1")
    assert [s.value for s in communities(conf)] == ["public"]
    assert conf.entries[0].text == "community\tpublic"


def test_results_are_frozen() -> None:
    conf = parse(AIX_V1_SHIPPED, "aix-v1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        conf.entries[0].keyword = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        communities(conf)[0].value = "x"  # type: ignore[misc]
    assert isinstance(conf.entries[0], Entry)


def _garbage(rng: random.Random) -> str:
    alphabet = 'communityCOMMUNITY smux USM_USER createUser -Cn -e -l -m "\\#*\t\r\n\x00é…public'
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))


@pytest.mark.parametrize("flavor", FLAVORS)
def test_garbage_never_raises(flavor: str) -> None:
    rng = random.Random(flavor)
    for _ in range(300):
        conf = parse(_garbage(rng), flavor)
        communities(conf)
        default_credentials(conf, DEFAULT_WORDS)
        for bad in conf.malformed:
            assert bad.path == "/etc/snmpd.conf" and bad.line >= 1 and bad.reason


def test_non_text_input_is_reported_not_raised() -> None:
    conf = parse_snmp_conf(None, "/etc/snmpd.conf", "aix-v1")  # type: ignore[arg-type]
    assert conf.entries == ()
    assert conf.malformed[0].reason.startswith("internal parser error")


def test_an_unreadable_line_never_shows_its_secret_but_a_public_one_is_shown_whole() -> None:
    text = 'createUser bob SHA "s3cret pass\ncommunity n0c-s3cret 10.0.0.1 255.0.0.0 readOnly extra x y\nsysLocation "rack 4\n'
    conf = parse(text, "net-snmp", "/etc/snmp/snmpd.conf")
    shown = "\n".join(m.evidence() for m in conf.malformed)
    assert "s3cret" not in shown and "createUser <redacted>" in shown
    assert 'sysLocation "rack 4' in shown


def test_only_lines_that_cannot_hold_a_secret_are_harmless_when_unread() -> None:
    from svcaudit.parsers.snmp import may_hold_secret

    conf = parse("community\nview 1.17.2\nsmux\nlogging\n", "aix-v1", "/etc/snmpd.conf")
    assert [(m.line, may_hold_secret(m)) for m in conf.malformed] == [(1, True), (2, False), (3, True), (4, False)]


def test_c_option_names_configuration_files() -> None:
    # Debian 12 snmpd 5.9.3+dfsg-2+deb12u1's /etc/default/snmpd (tests_meta/realworld): all commented, names none
    from svcaudit.parsers.snmp import option_config_files
    from tests_meta.support.realworld import corpus_text

    stock = corpus_text("debian12/snmpd/etc/default/snmpd")
    assert option_config_files(stock, "/etc/default/snmpd", "SNMPDOPTS") == ((), ())
    text = "SNMPDOPTS='-Lsd -Lf /dev/null -u Debian-snmp -c /etc/snmp/a.conf,/etc/snmp/b.conf -I -smux'\n"
    assert option_config_files(text, "/etc/default/snmpd", "SNMPDOPTS")[0] == ((1, "/etc/snmp/a.conf"), (1, "/etc/snmp/b.conf"))
    rhel = option_config_files('OPTIONS="-c/etc/snmp/x.conf"\n', "/etc/sysconfig/snmpd", "OPTIONS")
    assert rhel[0] == ((1, "/etc/snmp/x.conf"),)
