"""Unit tests for the ftpd hardening parsers: AIX stanza files, ftpaccess.ctl, sshd_config; and their judgements."""

from __future__ import annotations

import pytest

from svcaudit.collect.batch import Batch, CommandRecord
from svcaudit.facts.ftpd import (
    CATALOG_COMMAND,
    FTPD_CATALOG,
    banner_problems,
    catalog_greeting,
    octal_umask,
    stock_greeting,
    strict_enough,
    umask_problem,
)
from svcaudit.facts.host import HostFacts
from svcaudit.parsers.ftpaccess import parse_ftpaccess
from svcaudit.parsers.inetd import parse_inetd
from svcaudit.parsers.options import getopt
from svcaudit.parsers.sshd import (
    SshdConfig,
    expand,
    include_patterns,
    parse_sshd_config,
    sftp_options,
    subsystems,
)
from svcaudit.parsers.stanza import parse_stanzas
from tests_meta.support.scenarios_ftpd import (
    AIX_SECURITY_USER,
    AIX_SSHD_STOCK,
    RHEL_SSHD_REDHAT_CONF,
    RHEL_SSHD_STOCK,
)

# Debian 12 (bookworm) openssh-server 1:9.2p1-2+deb12u10: /usr/share/openssh/sshd_config, byte for byte
# (the file ucf installs as /etc/ssh/sshd_config).
DEBIAN_SSHD_CONFIG = """\

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/bin:/usr/games

# The strategy used for options in the default sshd_config shipped with
# OpenSSH is to specify options with their default value where
# possible, but leave them commented.  Uncommented options override the
# default value.

Include /etc/ssh/sshd_config.d/*.conf

#Port 22
#AddressFamily any
#ListenAddress 0.0.0.0
#ListenAddress ::

#HostKey /etc/ssh/ssh_host_rsa_key
#HostKey /etc/ssh/ssh_host_ecdsa_key
#HostKey /etc/ssh/ssh_host_ed25519_key

# Ciphers and keying
#RekeyLimit default none

# Logging
#SyslogFacility AUTH
#LogLevel INFO

# Authentication:

#LoginGraceTime 2m
#PermitRootLogin prohibit-password
#StrictModes yes
#MaxAuthTries 6
#MaxSessions 10

#PubkeyAuthentication yes

# Expect .ssh/authorized_keys2 to be disregarded by default in future.
#AuthorizedKeysFile	.ssh/authorized_keys .ssh/authorized_keys2

#AuthorizedPrincipalsFile none

#AuthorizedKeysCommand none
#AuthorizedKeysCommandUser nobody

# For this to work you will also need host keys in /etc/ssh/ssh_known_hosts
#HostbasedAuthentication no
# Change to yes if you don't trust ~/.ssh/known_hosts for
# HostbasedAuthentication
#IgnoreUserKnownHosts no
# Don't read the user's ~/.rhosts and ~/.shosts files
#IgnoreRhosts yes

# To disable tunneled clear text passwords, change to no here!
#PasswordAuthentication yes
#PermitEmptyPasswords no

# Change to yes to enable challenge-response passwords (beware issues with
# some PAM modules and threads)
KbdInteractiveAuthentication no

# Kerberos options
#KerberosAuthentication no
#KerberosOrLocalPasswd yes
#KerberosTicketCleanup yes
#KerberosGetAFSToken no

# GSSAPI options
#GSSAPIAuthentication no
#GSSAPICleanupCredentials yes
#GSSAPIStrictAcceptorCheck yes
#GSSAPIKeyExchange no

# Set this to 'yes' to enable PAM authentication, account processing,
# and session processing. If this is enabled, PAM authentication will
# be allowed through the KbdInteractiveAuthentication and
# PasswordAuthentication.  Depending on your PAM configuration,
# PAM authentication via KbdInteractiveAuthentication may bypass
# the setting of "PermitRootLogin prohibit-password".
# If you just want the PAM account and session checks to run without
# PAM authentication, then enable this but set PasswordAuthentication
# and KbdInteractiveAuthentication to 'no'.
UsePAM yes

#AllowAgentForwarding yes
#AllowTcpForwarding yes
#GatewayPorts no
X11Forwarding yes
#X11DisplayOffset 10
#X11UseLocalhost yes
#PermitTTY yes
PrintMotd no
#PrintLastLog yes
#TCPKeepAlive yes
#PermitUserEnvironment no
#Compression delayed
#ClientAliveInterval 0
#ClientAliveCountMax 3
#UseDNS no
#PidFile /run/sshd.pid
#MaxStartups 10:30:100
#PermitTunnel no
#ChrootDirectory none
#VersionAddendum none

# no default banner path
#Banner none

# Allow client to pass locale environment variables
AcceptEnv LANG LC_*

# override default of no subsystems
Subsystem	sftp	/usr/lib/openssh/sftp-server

# Example of overriding settings on a per-user basis
#Match User anoncvs
#	X11Forwarding no
#	AllowTcpForwarding no
#	PermitTTY no
#	ForceCommand cvs server
"""

# =========================================================================== stanza files (/etc/security/user)


def test_aix_security_user_as_shipped() -> None:
    """IBM AIX 7.2 Files Reference, /etc/security/user: the default: stanza sets umask = 022 (read with main's stanza parser)."""
    parsed = parse_stanzas(AIX_SECURITY_USER, "/etc/security/user")
    assert [s.name for s in parsed.stanzas] == ["default", "root", "daemon"]
    default = parsed.stanza("default")
    umask = default.attr("umask") if default else None
    assert umask is not None and (umask.value, umask.line) == ("022", 16)
    assert parsed.stanza("ftp") is None
    assert parsed.malformed == ()


# =========================================================================== ftpaccess.ctl


def test_ftpaccess_ctl_keywords() -> None:
    """AIX Files Reference, ftpaccess.ctl: keyword: value, value ... ; other lines are ignored."""
    text = (
        "allow: host1, 10.1.1.1\n"
        "deny: badhost\n"
        "readonly: /pub\n"
        "herald: /etc/ftpd.herald\n"
        "motd: on\n"
        "# herald: /commented\n"
        "  herald: /indented\n"
        "banner: /not-a-keyword\n"
    )
    parsed = parse_ftpaccess(text, "/etc/ftpaccess.ctl")
    assert [(a.keyword, a.values, a.line) for a in parsed.lines] == [
        ("allow", ("host1", "10.1.1.1"), 1),
        ("deny", ("badhost",), 2),
        ("readonly", ("/pub",), 3),
        ("herald", ("/etc/ftpd.herald",), 4),
        ("motd", ("on",), 5),
    ]
    assert [m.line for m in parsed.malformed] == [7]
    assert [a.values for a in parsed.named("herald")] == [("/etc/ftpd.herald",)]


def test_ftpaccess_ctl_overlong_line_is_ignored_as_ftpd_does() -> None:
    parsed = parse_ftpaccess("herald: /" + "x" * 1100 + "\n", "/etc/ftpaccess.ctl")
    assert parsed.lines == () and "1024" in parsed.malformed[0].reason


# =========================================================================== getopt (ftpd's and sftp-server's arguments)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-l", "-u077"], {"l": "", "u": "077"}),
        (["-l", "-u", "077"], {"l": "", "u": "077"}),
        (["-lu027"], {"l": "", "u": "027"}),
        (["-u", "022", "-u077"], {"u": "077"}),  # the last one wins
        (["-t", "60", "-l"], {"t": "60", "l": ""}),
        (["--", "-l"], {}),
    ],
)
def test_getopt_reads_ftpd_arguments(args: list[str], expected: dict[str, str]) -> None:
    assert getopt(args, "tTu") == (expected, [])


def test_aix_inetd_ftp_line_arguments() -> None:
    """The AIX 6.1 STIG's fix: ftp stream tcp6 nowait root /usr/sbin/ftpd ftpd -l -u077."""
    conf = parse_inetd("ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd -l -u077\n", "/etc/inetd.conf")
    service = conf.services[0]
    assert getopt(service.args[1:], "tTu")[0] == {"l": "", "u": "077"}


def test_sftp_options() -> None:
    found = sftp_options(["-u", "027", "-f", "AUTH", "-l", "VERBOSE", "-e"])
    assert (found.umask, found.facility, found.level, found.problems) == ("027", "AUTH", "VERBOSE", ())
    assert sftp_options(["-u027", "-lINFO"]).level == "INFO"
    assert sftp_options(["-x"]).problems == ("unknown option -x: sftp-server refuses to start",)
    assert sftp_options(["-u"]).problems == ("-u without its argument: sftp-server refuses to start",)


# =========================================================================== sshd_config


def test_debian_stock_sshd_config() -> None:
    conf = parse_sshd_config(DEBIAN_SSHD_CONFIG, "/etc/ssh/sshd_config")
    assert conf.malformed == ()
    assert [d.keyword for d in conf.directives] == [
        "include",
        "kbdinteractiveauthentication",
        "usepam",
        "x11forwarding",
        "printmotd",
        "acceptenv",
        "subsystem",
    ]
    assert include_patterns(conf) == ["/etc/ssh/sshd_config.d/*.conf"]
    (sftp,) = subsystems(conf.directives, "sftp")
    assert sftp.args == ("sftp", "/usr/lib/openssh/sftp-server")
    assert (sftp.line, sftp.match, sftp.text) == (115, "", "Subsystem\tsftp\t/usr/lib/openssh/sftp-server")


def test_rhel_stock_sshd_config_with_its_includes() -> None:
    """RHEL 9 openssh-server: sshd_config includes sshd_config.d/*.conf, whose 50-redhat.conf includes the crypto policy."""
    files = {
        "/etc/ssh/sshd_config.d/*.conf": [parse_sshd_config(RHEL_SSHD_REDHAT_CONF, "/etc/ssh/sshd_config.d/50-redhat.conf")],
        "/etc/crypto-policies/back-ends/opensshserver.config": [
            parse_sshd_config("Ciphers aes256-gcm@openssh.com\n", "/etc/crypto-policies/back-ends/opensshserver.config")
        ],
    }
    directives, malformed = expand(parse_sshd_config(RHEL_SSHD_STOCK, "/etc/ssh/sshd_config"), lambda p: files[p])
    assert malformed == ()
    assert [d.keyword for d in directives][:3] == ["ciphers", "syslogfacility", "challengeresponseauthentication"]
    (sftp,) = subsystems(directives, "sftp")
    assert sftp.args[1] == "/usr/libexec/openssh/sftp-server" and sftp.path == "/etc/ssh/sshd_config"


def test_aix_stock_sshd_config() -> None:
    (sftp,) = subsystems(parse_sshd_config(AIX_SSHD_STOCK, "/etc/ssh/sshd_config").directives, "sftp")
    assert sftp.args == ("sftp", "/usr/sbin/sftp-server")


def test_sshd_config_syntax() -> None:
    text = (
        "subsystem=sftp internal-sftp -u 027\n"  # Keyword=value, keywords in any case
        '  SUBSYSTEM "my sub" /bin/prog "an arg" # trailing comment\n'
        'Banner "unbalanced\n'
        "Match User alice\n"
        "\tForceCommand internal-sftp -u 077\n"
        "Match all\n"
        "\tX11Forwarding no\n"
    )
    conf = parse_sshd_config(text, "/f")
    assert [(d.keyword, d.args, bool(d.match)) for d in conf.directives] == [
        ("subsystem", ("sftp", "internal-sftp", "-u", "027"), False),
        ("subsystem", ("my sub", "/bin/prog", "an arg"), False),
        ("match", ("User", "alice"), False),
        ("forcecommand", ("internal-sftp", "-u", "077"), True),
        ("match", ("all",), False),
        ("x11forwarding", ("no",), True),
    ]
    assert conf.directives[3].match == "/f:4: Match User alice"
    assert [(m.line, m.reason) for m in conf.malformed] == [(3, "unbalanced double quote")]


def test_include_inside_match_belongs_to_the_match_block() -> None:
    """servconf.c: an included file's lines take the Match block of the Include line; its own Match ends with it."""
    main = parse_sshd_config("Match Group sftp\n\tInclude sftp.conf\nMatch all\n", "/etc/ssh/sshd_config")
    inner = parse_sshd_config("Subsystem sftp internal-sftp\nMatch User bob\n\tX11Forwarding no\n", "/etc/ssh/sftp.conf")
    seen: list[str] = []

    def load(pattern: str) -> list[SshdConfig]:
        seen.append(pattern)
        return [inner]

    directives, _ = expand(main, load)
    assert seen == ["/etc/ssh/sftp.conf"]  # relative to /etc/ssh
    scoped = {d.keyword: d.match for d in directives if d.keyword != "match"}
    assert scoped == {
        "subsystem": "/etc/ssh/sshd_config:1: Match Group sftp",
        "x11forwarding": "/etc/ssh/sftp.conf:2: Match User bob",
    }


def test_include_loop_is_refused_as_sshd_does() -> None:
    loop = parse_sshd_config("Include /etc/ssh/loop.conf\n", "/etc/ssh/loop.conf")
    with pytest.raises(ValueError, match="nested more than 16"):
        expand(loop, lambda _: [loop])


def test_first_subsystem_is_the_one_sshd_keeps() -> None:
    conf = parse_sshd_config("Subsystem sftp internal-sftp -u 027\nSubsystem sftp /usr/lib/openssh/sftp-server\n", "/f")
    assert [d.line for d in subsystems(conf.directives, "sftp")] == [1, 2]
    assert subsystems(conf.directives, "SFTP") == []  # subsystem names compare case-sensitively


# =========================================================================== judgements


def test_umask_strictness() -> None:
    assert strict_enough(0o077, 0o077) and strict_enough(0o077, 0o027) and strict_enough(0o037, 0o027)
    assert not strict_enough(0o022, 0o027) and not strict_enough(0o027, 0o077)
    assert octal_umask("077") == 0o077 and octal_umask("27") == 0o027 and octal_umask("0077") == 0o077
    assert octal_umask("089") is None and octal_umask("") is None and octal_umask("07777") is None
    assert umask_problem("022", 0o077, "/f:1", "local_umask") == [
        "/f:1: local_umask 022 is looser than 077 (bits 055 not withheld)"
    ]
    assert umask_problem(None, 0o027, "/f:1", "-u umask") == ["/f:1: no -u umask"]
    assert umask_problem("abc", 0o027, "/f:1", "-u umask") == ["/f:1: -u umask 'abc' is not an octal umask"]
    assert umask_problem("0077", 0o027, "/f:1", "-u umask") == []


def test_banner_judgement() -> None:
    banner = "You are accessing a U.S. Government (USG) Information System (IS) that is provided for\nUSG-authorized use only."
    assert banner_problems(banner, [], "/etc/ftpd.herald") == []
    assert banner_problems(banner, ["usg-AUTHORIZED   use only"], "/h") == []
    assert banner_problems(banner, ["Department of Defense"], "/h") == ["/h: the banner does not contain 'Department of Defense'"]
    assert banner_problems(" \n", [], "/h") == ["/h: the banner is empty"]


def test_aix_stock_catalog_greeting() -> None:
    """ftpd.cat set 1 message 9 as AIX ships it ("%s FTP server (%s) ready."), and a CIS-style replacement."""
    assert stock_greeting("%s FTP server (%s) ready.")
    assert stock_greeting("%1$s FTP server (%2$s) ready.\n")
    assert not stock_greeting("%s Authorized uses only. All activity may be monitored and reported.")


# =========================================================================== the catalog as dspcat prints it


def _aix_facts(sysroot: str = "", **commands: tuple[int, str]) -> HostFacts:
    batch = Batch()
    for name, (rc, output) in commands.items():
        batch.commands[name] = CommandRecord(name, rc, output)
    return HostFacts("h", "aix", "AIX", "7.3", sysroot, batch)


def test_catalog_greeting_as_dspcat_prints_it() -> None:
    text, why = catalog_greeting(_aix_facts(ftpdcat=(0, "%s FTP server (%s) ready.\n")))
    assert (text, why) == ("%s FTP server (%s) ready.", "") and text is not None and stock_greeting(text)
    text, _ = catalog_greeting(_aix_facts(ftpdcat=(0, "%s Authorized uses only. All activity may be monitored.\n")))
    assert text is not None and not stock_greeting(text) and banner_problems(text, ["authorized uses only"], "cat") == []


def test_catalog_greeting_unread_is_a_reason_never_a_text() -> None:
    assert catalog_greeting(_aix_facts("/mnt/image")) == (
        None,
        f"{FTPD_CATALOG} is read by running `{CATALOG_COMMAND}`, and a --sysroot scan runs no commands",
    )
    assert catalog_greeting(_aix_facts())[0] is None
    text, why = catalog_greeting(_aix_facts(ftpdcat=(2, "dspcat: cannot open catalog\n")))
    assert text is None and why.endswith("failed (exit 2): dspcat: cannot open catalog")
