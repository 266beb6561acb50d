"""Property-based fuzzing of every parser in svcaudit.parsers.

The parsers share one contract: text in, data out, never raise, and never
report a pass for a line they could not read.  Hypothesis checks three kinds
of property against arbitrary text and against realistic-but-mangled configs:

1. never crash (and never fall back to the "internal parser error" record,
   which is a crash caught at the door);
2. every line is accounted for: a line that is neither blank nor a comment
   becomes an entry or a malformed record carrying its own line number;
3. monotone safety: commenting out or breaking a line never adds what a
   control counts as compliant.

Bugs these properties found keep their minimal input as an ``@example`` in a
regression test at the end of the file (they were fixed in the parsers).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from svcaudit.parsers import (
    accounts,
    acl,
    aliases,
    crontab,
    ftpaccess,
    ftpusers,
    inetd,
    inittab,
    mounts,
    options,
    pam,
    postfix,
    proftpd,
    pureftpd,
    sendmail,
    services,
    shellcmd,
    snmp,
    sshd,
    stanza,
    syslog,
    tftp,
    vsftpd,
    xinetd,
)

PATH = "/etc/fuzzed.conf"

#: Modest example counts: the whole file runs in well under a minute on two cores.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)
QUICK = settings(FUZZ, max_examples=30)


# =========================================================================== strategies

#: Characters parsers must survive: NUL, CR, odd line breaks, BOM, a lone surrogate.
ODD_CHARACTERS = ("\x00", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\ufeff", "\udcff", "é", "²")

any_unicode = st.text(max_size=300)
undecodable_bytes = st.binary(max_size=300).map(lambda data: data.decode("utf-8", "surrogateescape"))
odd_characters = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(ODD_CHARACTERS)), max_size=40).map("".join)
very_long_line = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=6), st.integers(2_000, 20_000))

#: Anything at all: unicode, raw bytes via surrogateescape, control characters, huge lines.
arbitrary_text = st.one_of(any_unicode, undecodable_bytes, odd_characters, very_long_line)

#: Shell and config punctuation every line-oriented parser has to cope with.
PUNCTUATION = ("$(", ")", "`", "'", '"', ";", "#", "%", "\\", ",", ":", "\t", "|", "&&", "{", "}", "(", "=", "*")
SEPARATORS = ("", " ", " ", "  ", "\t", ",", ":", "=", ";", " = ")
LINE_PREFIXES = ("", "", "", "", " ", "\t", "#", "# ", "##", "*", "#<off>#", "$", "!", "+", "-", "@")
LINE_SUFFIXES = ("", "", "", "", "\r", " ", "\t", "\\", " # trailing comment", "\x00")


def mangled(words: Iterable[str], lines: Iterable[str] = ()) -> st.SearchStrategy[str]:
    """Files mixing real lines with lines built from a parser's words and punctuation, randomly separated.

    Every line gets a random prefix (blank, ``#``, ``*`` ...) and suffix (``\\r``,
    ``\\``, a trailing comment, NUL), so real lines show up commented out,
    indented, continued and truncated too.
    """
    vocabulary = st.sampled_from(tuple(words) + tuple(lines) + PUNCTUATION)
    built = st.lists(st.tuples(vocabulary, st.sampled_from(SEPARATORS)), max_size=10).map(
        lambda pairs: "".join(word + separator for word, separator in pairs)
    )
    real = st.sampled_from(tuple(lines) or tuple(words))
    line = st.tuples(st.sampled_from(LINE_PREFIXES), st.one_of(built, real), st.sampled_from(LINE_SUFFIXES))
    return st.lists(line.map("".join), max_size=25).map("\n".join)


def fuzzed(words: Iterable[str], lines: Iterable[str] = ()) -> st.SearchStrategy[str]:
    """Arbitrary text or a mangled config: the input of every property below."""
    return st.one_of(arbitrary_text, mangled(words, lines))


CRONTAB_WORDS = (
    "0",
    "5",
    "23",
    "*",
    "*/5",
    "1-5",
    "0-59/0",
    "60",
    "jan",
    "MON",
    "sun-sat",
    "@daily",
    "@reboot",
    "@bogus",
    "root",
    "/usr/sbin/skulker",
    "run-parts",
    "PATH=/usr/local/bin:/usr/bin",
    "SHELL=/bin/ksh",
    '"A NAME"=x',
    'MAILTO=""',
    "sh -c",
    "nohup",
    "env -i",
    "sudo -u root",
    "exec",
    "eval",
    ". /etc/profile",
    "~/bin/x",
    "$HOME/x",
    "./x",
    "*.sh",
    "for f in",
    "case $x in",
    "esac",
    ";;",
    "2>&1",
    ">/dev/null",
    "<<EOF",
    "\\%",
)
SENDMAIL_WORDS = (
    "O",
    "O ",
    "OL9",
    "OA/etc/aliases",
    "O AliasFile=/etc/mail/aliases",
    "O LogLevel=9",
    "O HelpFile=/etc/mail/hf",
    "O SmtpGreetingMessage=$j Sendmail",
    "DeSendmail $v",
    "V10/Berkeley",
    "V",
    "V3",
    "Cwlocalhost",
    "Fw/etc/mail/local-host-names",
    "R$*",
    "S0",
    "Mlocal,",
    "Kmap",
    "hash:-o /etc/mail/aliases",
    "nis:mail.aliases",
    "$#",
    "\\#",
)
SYSLOG_WORDS = (
    "*.*",
    "mail.*",
    "mail.info",
    "mail.crit;mail.none",
    "cron.=debug",
    "*.!=err",
    "kern,mail.warn",
    "auth.panic",
    "*.none",
    "/var/log/maillog",
    "-/var/log/syslog",
    "@loghost",
    "@@10.0.0.1:514",
    "|/dev/xconsole",
    ":omusrmsg:*",
    "root,admin",
    "~",
    "stop",
    "$IncludeConfig /etc/rsyslog.d/*.conf",
    "$ModLoad imuxsock",
    'module(load="imuxsock")',
    'include(file="/etc/rsyslog.d/x.conf")',
    "if $programname == 'cron' then",
    "then",
    "else",
    ':msg, contains, "x"',
    "& stop",
    'action(type="omfile" file="/var/log/x")',
    "!sshd",
    "+host",
    ";RSYSLOG_TraditionalFileFormat",
    "mail.info /var/adm/maillog rotate size 100k files 4",
)
ALIASES_WORDS = (
    "root",
    "postmaster",
    "MAILER-DAEMON",
    '"|/usr/bin/uudecode"',
    "|/usr/lib/majordomo/wrapper majordomo",
    ":include:/etc/mail/lists/list",
    ":INCLUDE: lists/relative",
    "/dev/null",
    "/var/spool/mail/archive",
    "user@example.com",
    '"first last"@example.com',
    "\\root",
    "decode",
    '|"/opt/my prog" -x',
)
INETD_WORDS = (
    "ftp",
    "telnet",
    "stream",
    "dgram",
    "raw",
    "tcp",
    "tcp6",
    "udp",
    "rpc/tcp",
    "nowait",
    "wait",
    "nowait.400",
    "SRC",
    "root",
    "/usr/sbin/ftpd",
    "ftpd",
    "-l",
    "rstatd/1-3",
    "host:ftp",
)
VSFTPD_WORDS = (
    "anonymous_enable",
    "local_enable",
    "ssl_enable",
    "listen",
    "YES",
    "NO",
    "yes",
    "TRUE",
    "0",
    "1",
    "maybe",
    "ftpd_banner=Welcome",
    "anon_root=/srv/ftp",
    "unknown_key",
    "anonymous_enable=NO",
    "ssl_enable=YES",
)
SNMP_WORDS = (
    "community",
    "COMMUNITY",
    "trap",
    "smux",
    "view",
    "logging",
    "VACM_GROUP",
    "USM_USER",
    "TARGET_PARAMETERS",
    "DEFAULT_SECURITY",
    "rocommunity",
    "rwcommunity6",
    "com2sec",
    "-Cn",
    "trap2sink",
    "-profile",
    "trapsess",
    "-c",
    "-cpublic",
    "createUser",
    "-e",
    "-l",
    "authCommunity",
    "public",
    "private",
    "publicity",
    "gated_password",
    "SNMPv1",
    "snmpv2c",
    "127.0.0.1",
    "0.0.0.0",
    "readWrite",
    "1.3.6.1.4.1.2.3.1.2.1.2",
    "00000002000000000943714F",
    "-",
    '"quoted community"',
    '"unterminated',
    '"x"y',
)
FTPUSERS_WORDS = ("root", "adm", "bin", "daemon", "nobody", "# superuser", "root adm")
PASSWD_WORDS = (
    "root",
    "x",
    "!",
    "0",
    "1",
    "100",
    "-1",
    "abc",
    "/root",
    "/bin/ksh",
    "/usr/bin/false",
    "Root User",
    "+@netgroup",
    "root:!:0:0::/:/usr/bin/ksh",
    "staff:!:1:user1,user2",
    "system:!:0:root",
)
POSTFIX_WORDS = (
    "alias_maps",
    "alias_database",
    "smtpd_banner",
    "hash:/etc/aliases",
    "nis:mail.aliases",
    "$myhostname",
    "${alias_database}",
    "$(x)",
    "${x?y}",
    "ESMTP",
    "lmdb:/etc/postfix/aliases",
    "/etc/aliases",
    "myhostname = mail.example.com",
    "alias_maps = hash:/etc/aliases",
)
PAM_WORDS = (
    "auth",
    "account",
    "password",
    "session",
    "-auth",
    "AUTH",
    "required",
    "requisite",
    "[success=1 default=ignore]",
    "[",
    "]",
    "pam_listfile.so",
    "/lib/security/pam_listfile.so",
    "pam_unix.so",
    "item=user",
    "sense=deny",
    "file=/etc/ftpusers",
    "onerr=succeed",
    "[file=/etc/ftp users]",
    "@include common-auth",
)
SERVICES_WORDS = (
    "start",
    "#start",
    "/usr/sbin/snmpd",
    '"$src_running"',
    "Subsystem",
    "Group",
    "PID",
    "Status",
    "snmpd",
    "tcpip",
    "1234",
    "active",
    "inoperative",
    "[kthreadd]",
    "-ksh",
    "/usr/bin/ksh",
    "snmpd.service",
    ".wants",
)
MOUNTS_WORDS = (
    "/dev/sda1",
    "/",
    "/mnt/with\\040space",
    "ext4",
    "nfs",
    "rw,relatime",
    "0",
    "node",
    "mounted",
    "--------",
    "/dev/hd4",
    "jfs2",
    "server",
    "/export",
)


# Real lines, mostly from the stock files in the per-parser tests.
CRONTAB_LINES = (
    "0 3 * * * /usr/sbin/skulker",
    "#45 2 * * 0 /usr/lib/spell/compress",
    "0 11 * * * /usr/bin/errclear -d S,O 30",
    "0 15 * * *  /usr/lib/ras/dumpcheck >/dev/null 2>&1",
    "55 23 * * * /var/perf/pm/bin/pmcfg  >/dev/null 2>&1 #PM",
    "SHELL=/bin/sh",
    "PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin",
    'MAILTO = "root"',
    "17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly",
    "25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }",
    "@reboot root /usr/local/bin/start.sh",
    "*/5 * * * * sh -c '/opt/x.sh; ./y' > /dev/null 2>&1",
    "0 0 * * * /usr/bin/mail -s hi root %body%more",
    "0 0 * * 7 $HOME/bin/weekly",
    "1-5,10 0 1 jan mon nohup ./x &",
)
SENDMAIL_LINES = (
    "V10/Berkeley",
    "Dj$w.Foo.COM",
    "DnMAILER-DAEMON",
    "Cw localhost",
    "Fw-o /etc/mail/local-host-names",
    "O SevenBitInput=False",
    "O AliasFile=/etc/mail/aliases",
    "O AliasFile=hash:-o /etc/mail/aliases,nis:x",
    "O LogLevel=9",
    "O HelpFile=/etc/mail/helpfile",
    "O SmtpGreetingMessage=$j Sendmail $v/$Z; $b",
    "De$j Sendmail $v ready at $b",
    "OA/usr/lib/aliases",
    "OH/usr/lib/sendmail.hf",
    "OL9",
    "Oe p",
    "OF0600",
    "S0",
    "R$+\t$#local $: $1",
    "\t$v",
    "Mlocal,\tP=/bin/bellmail, F=lsDFMAw5:/|@qrmn9, S=10/30, R=20/40,",
)
SYSLOG_LINES = (
    "mail.debug\t/var/spool/mqueue/log",
    "*.info\t\t/var/adm/syslog.log rotate size 1m files 4",
    "auth,authpriv.*\t\t\t/var/log/auth.log",
    "*.*;auth,authpriv.none\t\t-/var/log/syslog",
    "cron.*\t\t\t\t/var/log/cron.log",
    "mail.err\t\t\t/var/log/mail.err",
    "*.emerg\t\t\t\t:omusrmsg:*",
    "$IncludeConfig /etc/rsyslog.d/*.conf",
    'module(load="imuxsock")',
    'module(load="imklog" permitnonkernelfacility="on")',
    "$FileCreateMode 0640",
    'include(file="/etc/rsyslog.d/*.conf" mode="optional")',
    "if $programname == 'cron' then /var/log/cron.log",
    ':programname, isequal, "cron" /var/log/cron',
    "local7.*\t\t\t\t\t\t/var/log/boot.log",
    "*.info;mail.none;authpriv.none;cron.none\t/var/log/messages",
    "mail.*\t\t\t\t\t\t-/var/log/maillog",
    "uucp,news.crit\t\t\t\t\t/var/log/spooler",
    "& stop",
)
ALIASES_LINES = (
    "MAILER-DAEMON: root",
    "postmaster: root",
    "nobody: /dev/null",
    '#decode: "|/usr/bin/uudecode"',
    'decode: "|/usr/bin/uudecode"',
    "mailer-daemon: postmaster",
    'majordomo: "|/usr/lib/majordomo/wrapper majordomo"',
    "list: :include:/etc/mail/lists/list",
    "team: alice,",
    "\tbob,",
    '\t"|/opt/bin/log team"',
    "  carol",
)
INETD_LINES = (
    "ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd",
    "telnet\tstream\ttcp6\tnowait\troot\t/usr/sbin/telnetd\ttelnetd -a",
    "#kshell\tstream\ttcp\tnowait\troot\t/usr/sbin/krshd\tkrshd",
    "## IBM_PROLOG_BEGIN_TAG",
    "# see inetd.conf(4)",
    "rstatd\tsunrpc_udp\tudp\twait\troot\t/usr/sbin/rpc.rstatd\trstatd 100001 1-3",
    "ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd",
    "#<off># ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd",
    "127.0.0.1:ftp stream tcp nowait.400 root /usr/sbin/proftpd proftpd",
    "ftp stream tcp wait/10/5 root /x x",
)
VSFTPD_LINES = (
    "listen=NO",
    "listen_ipv6=YES",
    "anonymous_enable=NO",
    "local_enable=YES",
    "#write_enable=YES",
    "dirmessage_enable=YES",
    "use_localtime=YES",
    "xferlog_enable=YES",
    "connect_from_port_20=YES",
    "secure_chroot_dir=/var/run/vsftpd/empty",
    "pam_service_name=vsftpd",
    "rsa_cert_file=/etc/ssl/certs/x.pem",
    "ssl_enable=NO",
    "ftpd_banner=Welcome to blah FTP service.",
    "anonymous_enable = NO",
    " ssl_enable=YES",
)
SNMP_LINES = (
    "community  public",
    "community  private 127.0.0.1 255.255.255.255 readWrite",
    "trap       public  127.0.0.1  1.2.3  fe   # loopback",
    "smux       1.3.6.1.4.1.2.3.1.2.1.2  gated_password  # gated",
    "VACM_GROUP group1 SNMPv1  public  -",
    "COMMUNITY public    public     noAuthNoPriv 0.0.0.0    0.0.0.0         -",
    "TARGET_PARAMETERS trapparms1 SNMPv1  SNMPv1  public  noAuthNoPriv -",
    "logging         size=100000   level=0",
    "USM_USER u1 00000002000000000943714F HMAC-MD5 18a2c7b78f3df552367383eef9db2e9f CBC-DES - L -",
    "rocommunity  public default -V systemonly",
    "rocommunity6 public default -V systemonly",
    "com2sec -Cn ctx local localhost secret",
    "trapsess -v 2c -c public localhost",
    "createUser u MD5 pass DES pass",
    "v1 127.0.0.1 snmpv1 public - - - - - - -",
    "u1 127.0.0.1 snmpv3 u1 password - AuthNoPriv HMAC-MD5 - - -",
    "gated 1.3.6.1.4.1.2.3.1.2.1.2 gated_password",
    "*VACM_GROUP group1 SNMPv1 public -",
    "VACM_ACCESS  group1 - - noAuthNoPriv SNMPv1  defaultView defaultView defaultView -",
    'usmUser 1 3 0x80001f88 "u" "u" NULL .1.3.6.1.6.3.10.1.1.2 0x00 .1.3.6.1.6.3.10.1.2.1 "" ""',
    "group g v2c sec",
    'access g "" any noauth exact all all none',
    "setaccess g ctx usm priv exact all read,write",
    "authuser read,write -s usm ops",
    "includeDir /etc/snmp/snmpd.conf.d",
    "logging file=/usr/tmp/snmpd.log enabled",
    'OPTIONS="-LS0-6d -Lf /var/log/snmpd.log"',
    "SNMPDOPTS='-LF 0-6 /x -Lf'",
)
FTPUSERS_LINES = (
    "root",
    "adm",
    "bin",
    "daemon",
    "guest",
    "lpd",
    "nobody",
    "nuucp",
    "sys",
    "uucp",
    "root   # superuser",
)
PASSWD_LINES = (
    "root:!:0:0::/:/usr/bin/ksh",
    "daemon:!:1:1::/etc:",
    "bin:!:2:2::/bin:",
    "nobody:!:4294967294:4294967294::/:",
    "root:x:0:0:root:/root:/bin/bash",
    "+@netgroup::::::",
    "-baduser",
    "system:!:0:root,srcmstr",
    "staff:!:1:ipsec,sshd",
)
POSTFIX_LINES = (
    "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)",
    "biff = no",
    "append_dot_mydomain = no",
    "alias_maps = hash:/etc/aliases",
    "alias_database = hash:/etc/aliases",
    "#myorigin = /etc/mailname",
    "myhostname = mail.example.com",
    "mydestination = $myhostname, localhost",
    "    localhost.localdomain",
    "alias_maps = $alias_database, nis:mail.aliases",
    "alias_maps = ${x?hash:/etc/y}",
)
PAM_LINES = (
    "auth\trequired\tpam_listfile.so item=user sense=deny file=/etc/ftpusers onerr=succeed",
    "@include common-account",
    "auth\trequired\tpam_shells.so",
    "#%PAM-1.0",
    "session    optional     pam_keyinit.so    force revoke",
    "auth       include\tpassword-auth",
    "auth [success=1 default=ignore] pam_listfile.so file=/etc/ftpusers sense=allow item=user",
    "-auth required /lib64/security/pam_listfile.so [file=/etc/ftp users] sense=deny",
)
SERVICES_LINES = (
    'start /usr/sbin/syslogd "$src_running"',
    '#start /usr/sbin/snmpd "$src_running"',
    "# start the daemons",
    "Subsystem         Group            PID          Status",
    " snmpd            tcpip            4587664      active",
    " sendmail         mail                          inoperative",
    " inetd            tcpip                         active",
    "/usr/sbin/snmpd",
    "[kthreadd]",
    "-ksh",
    "snmpd",
)
ACL_WORDS = ("user", "group", "mask", "other", "default", "nobody", "rw-", "r--", "permit", "deny", "u:dhs", "ACL_type")
#: getfacl --omit-header lines (Debian acl 2.3.1) and aclget lines (IBM's AIXC and NFS4 layouts).
ACL_LINES = (
    "user::rw-",
    "user:nobody:r--",
    "group::r--",
    "mask::r--",
    "other::r--",
    "default:user:nobody:r-x",
    "user:nobody:rwx\t#effective:r--",
    "* ACL_type   AIXC",
    "* ACL_type   NFS4",
    "attributes: SUID",
    "base permissions",
    "    owner(root):  rw-",
    "    group(system):  r--",
    "    others:  r--",
    "extended permissions",
    "    disabled",
    "    enabled",
    "    permit  rw-  u:dhs",
    "s:(OWNER@):     a       rwpRWxDaAdcCs",
    "u:fsuser2:      a       rwpRWxDaAdcCs   fidi",
)

MOUNTS_LINES = (
    "/dev/vda1 / ext4 rw 0 0",
    "proc /proc proc rw 0 0",
    "srv:/x /mnt/x nfs4 rw 0 0",
    "/dev/vdb1 /srv/my\\040data xfs rw 0 0",
    "  node       mounted        mounted over    vfs       date        options",
    "-------- ---------------  ---------------  ------ ------------ ---------------",
    "         /dev/hd4         /                jfs2   Jan 01 00:00 rw,log=/dev/hd8",
    "server   /export          /mnt             nfs3   Jan 01 00:00 ",
)

# FTP-10 .. FTP-16: ftpaccess.ctl, sshd_config, program arguments.
FTPACCESS_WORDS = ("herald", "motd", "allow", "deny", "readonly", ":", ",", "/etc/ftpd.herald", "on", "host1")
FTPACCESS_LINES = ("herald: /etc/ftpd.herald", "motd: on", "allow: host1, 10.0.0.1", "deny: bad", "  herald: /x")
SSHD_WORDS = ("Subsystem", "sftp", "internal-sftp", "/usr/lib/openssh/sftp-server", "-u", "027", "-f", "AUTH", "-l", "INFO")
SSHD_WORDS += ("Include", "/etc/ssh/sshd_config.d/*.conf", "Match", "User", "alice", "ForceCommand", '"', "=", "#")
SSHD_LINES = (
    "Include /etc/ssh/sshd_config.d/*.conf",
    "Subsystem\tsftp\t/usr/lib/openssh/sftp-server",
    "Subsystem sftp internal-sftp -u 027 -f AUTH -l INFO",
    "Match Group sftponly",
    "\tForceCommand internal-sftp",
    'Banner "/etc/issue net"',
    "UsePAM yes",
)

# =========================================================================== helpers


def physical_lines(text: str) -> list[str]:
    """The file's lines as the daemons read them: split on newline only."""
    return text.split("\n")


def is_internal_error(record: object) -> bool:
    """The catch-all record a parser returns when it crashed inside: a crash, not a reading."""
    return getattr(record, "line", None) == 0 and str(getattr(record, "reason", "")).startswith("internal parser error")


def assert_no_internal_error(records: Iterable[object]) -> None:
    crashed = [record for record in records if is_internal_error(record)]
    assert not crashed, f"parser crashed and fell back to: {crashed}"


def assert_lines_valid(text: str, *groups: Iterable[int]) -> None:
    """Reported line numbers exist in the file, and no line is both read and rejected."""
    count = len(physical_lines(text))
    seen: set[int] = set()
    for group in groups:
        numbers = set(group)
        assert all(1 <= number <= count for number in numbers), (numbers, count)
        assert not numbers & seen, f"lines both read and rejected: {sorted(numbers & seen)}"
        seen |= numbers


def commented_out(text: str, index: int) -> tuple[str, int]:
    """``text`` with one line prefixed by ``#``; also returns that line's number."""
    lines = physical_lines(text)
    index %= len(lines)
    lines[index] = "#" + lines[index]
    return "\n".join(lines), index + 1


#: Line breaks str.splitlines() honours besides "\n" (see the accounts regression test).
ODD_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


# =========================================================================== 1. never crash


def exercise_crontab(text: str) -> None:
    for system in (False, True):
        for extensions in (False, True):
            crontab.parse_crontab(text, system=system, extensions=extensions)
    crontab.command_programs(text)


def exercise_sendmail(text: str) -> None:
    cf = sendmail.parse_sendmail_cf(text, PATH)
    assert_no_internal_error(cf.malformed)
    sendmail.alias_files(cf)
    cf.last("AliasFile"), cf.all("LogLevel"), cf.all(None)  # type: ignore[arg-type]


def exercise_syslog(text: str) -> None:
    conf = syslog.parse_syslog_conf(text, PATH)
    assert_no_internal_error(conf.unparsed)
    for facility, level in (("mail", "crit"), ("cron", "debug"), ("*", "warn"), ("", ""), (text[:20], text[:8])):
        syslog.file_rules_for(conf, facility, level)
    syslog.merge([conf, conf])


def exercise_aliases(text: str) -> None:
    parsed = aliases.parse_aliases(text, PATH)
    assert_no_internal_error(parsed.malformed)
    for alias in parsed.aliases:
        for target in alias.targets:
            aliases.target_programs(target)


def exercise_inetd(text: str) -> None:
    conf = inetd.parse_inetd(text, PATH)
    assert_no_internal_error(conf.malformed)
    inetd.enabled_services(conf, "ftp")


def exercise_vsftpd(text: str) -> None:
    conf = vsftpd.parse_vsftpd(text, PATH)
    assert_no_internal_error(conf.malformed)
    for key in [*vsftpd.DEFAULTS, *conf.settings, "no_such_key", text[:30]]:
        vsftpd.where(conf, key)
        try:
            vsftpd.value(conf, key)
        except KeyError:
            pass  # documented: no setting and no compiled default
        try:
            vsftpd.flag(conf, key)
        except (KeyError, ValueError):
            pass  # documented: unknown key, or not a vsftpd boolean


#: pure-ftpd's option words and values (Debian's /etc/pure-ftpd/conf files, pure-ftpd.conf lines).
PUREFTPD_WORDS = ("TLS", "NoAnonymous", "yes", "no", "on", "off", "0", "1", "2", "3", "#", " ", "\t", "HIGH", "1000")
PUREFTPD_LINES = ("NoAnonymous                  no", "TLS 3", "# TLS 1", "yes", "3", "MinUID 1000", "")


def exercise_pureftpd(text: str) -> None:
    for conf in (
        pureftpd.parse_conf_file(text, PATH),
        pureftpd.parse_conf_dir({"TLS": text, "NoAnonymous": text, "x.y": text}, "/etc/pure-ftpd/conf"),
    ):
        for check in (pureftpd.tls_level, pureftpd.no_anonymous):
            try:
                check(conf)
            except ValueError:
                pass  # documented: a value the wrapper would refuse


#: proftpd.conf words and lines (Debian's templates): directives, containers, conditionals, includes.
PROFTPD_WORDS = ("<IfModule", "mod_tls.c>", "</IfModule>", "<Anonymous", "~ftp>", "</Anonymous>", "TLSEngine", "on", "\\", "#")
PROFTPD_LINES = (
    "Include /etc/proftpd/modules.conf",
    "<IfDefine !ANON>",
    "</IfDefine>",
    "<VirtualHost 192.0.2.1>",
    "</VirtualHost>",
    "<Global>",
    "TLSRequired auth+data",
    "LoadModule mod_tls.c",
    'ServerName "Debian"',
)


def exercise_proftpd(text: str) -> None:
    main = proftpd.parse_proftpd(text, PATH)
    for defines in (frozenset(), None):
        conf = proftpd.resolve(main, lambda p: main if p.endswith("x") else None, lambda d: ["x"], defines)
        proftpd.tls_problems(proftpd.tls_settings(conf), PATH)
        proftpd.anonymous_blocks(conf)


def exercise_snmp(text: str) -> None:
    for flavor in snmp.FLAVORS:
        conf = snmp.parse_snmp_conf(text, PATH, flavor)
        assert_no_internal_error(conf.malformed)
        found = snmp.communities(conf)
        snmp.matching(found, ["public", text[:10]])
        snmp.default_credentials(conf, ["public", "password", text[:10]], sample_engine_id=text[:24])
        snmp.usm_users(conf)
        snmp.community_access(conf)
        snmp.write_access([conf, conf])
        snmp.includes(conf)
        snmp.logging_files(conf)
    snmp.option_log_files(text, PATH, "OPTIONS")


def exercise_ftpusers(text: str) -> None:
    parsed = ftpusers.parse_ftpusers(text, PATH)
    assert_no_internal_error(parsed.malformed)
    parsed.names()


def exercise_accounts(text: str) -> None:
    accounts.parse_passwd(text)
    accounts.parse_group(text)


def exercise_postfix(text: str) -> None:
    cf = postfix.parse_main_cf(text, PATH)
    assert_no_internal_error(cf.malformed)
    postfix.alias_files(cf)
    postfix.banner(cf)


def exercise_pam(text: str) -> None:
    _, malformed = pam.parse_pam_listfiles(text, PATH)
    assert_no_internal_error(malformed)


def exercise_services(text: str) -> None:
    services.parse_rc_tcpip(text, PATH)
    services.parse_lssrc(text)
    services.parse_ps(text)
    services.enabled_units({text: physical_lines(text), "/etc/systemd/system/multi-user.target.wants": [text]})


def exercise_inittab(text: str) -> None:
    entries, malformed = inittab.parse_inittab(text, PATH)
    assert_no_internal_error(malformed)
    level = inittab.default_level(entries)
    for entry in entries:
        if inittab.starts_at(entry, level):
            shellcmd.command_programs(entry.command)
            shellcmd.src_starts(entry.command)


INITTAB_WORDS = (":", "init", "2", "23456789", "initdefault", "once", "off", "respawn", "/usr/sbin/snmpd", "startsrc", "-s", "-g")
INITTAB_LINES = (
    "init:2:initdefault:",
    "brc::sysinit:/sbin/rc.boot 3 >/dev/console 2>&1 # Phase 3 of system boot",
    ":snmpd:2:once:/usr/sbin/snmpd",
    "qdaemon:23456789:wait:/usr/bin/startsrc -sqdaemon",
    "tcpip:2:once:startsrc -g tcpip \\",
    "shdaemon:2:off:/usr/sbin/shdaemon >/dev/console 2>&1",
)


def exercise_acl(text: str) -> None:
    for tool in ("aclget", "getfacl"):
        reading = acl.parse_acl_output(tool, 0, text)
        assert reading.state in ("none", "extended", "unknown") and reading.detail


def exercise_mounts(text: str) -> None:
    mounts.local_mounts_linux(text)
    mounts.local_mounts_aix(text)


def exercise_ftpaccess(text: str) -> None:
    parsed = ftpaccess.parse_ftpaccess(text, PATH)
    assert_no_internal_error(parsed.malformed)
    parsed.named("herald")


def exercise_sshd(text: str) -> None:
    conf = sshd.parse_sshd_config(text, PATH)
    assert_no_internal_error(conf.malformed)
    sshd.include_patterns(conf)
    directives, _ = sshd.expand(conf, lambda _: [])
    for found in sshd.subsystems(directives, "sftp"):
        sshd.sftp_options(found.args[2:])
    options.getopt(text.split(), "tTu")


# -- xinetd, AIX stanza files, tftpaccess.ctl, tftpd-hpa defaults (FTP-07, FTP-08, FTP-09) --------
XINETD_WORDS = ("service", "defaults", "{", "}", "=", "+=", "-=", "disable", "yes", "no", "server", "includedir", "tftp")
#: Debian xinetd 2.3.15.3 and RHEL 7 tftp-server /etc/xinetd.d/tftp lines.
XINETD_LINES = (
    "service tftp",
    "{",
    "\tdisable\t\t\t= yes",
    "\tserver\t\t\t= /usr/sbin/in.tftpd",
    "\tserver_args\t\t= -s /var/lib/tftpboot",
    "}",
    "defaults",
    "includedir /etc/xinetd.d",
)
STANZA_WORDS = ("tcpip:", "netrc", "=", "ftp,", "rexec", "*", "default:", '"compat"')
#: DISA V-4284's securetcpip stanza and IBM's /etc/security/user default stanza.
STANZA_LINES = ("tcpip:", "\tnetrc = ftp, rexec", "default:", '\tSYSTEM = "compat"', "* comment", "\tadmgroups =")
TFTP_WORDS = ("allow:", "deny:", "/tftpboot", "TFTP_OPTIONS=", '"--secure"', "-s", "-u", "--user=tftp", "#")
#: AIX tftpd(8c) examples and Debian tftpd-hpa's /etc/default/tftpd-hpa.
TFTP_LINES = ("allow:/tmp/news", "deny:/etc/passwd", 'TFTP_USERNAME="tftp"', 'TFTP_OPTIONS="--secure"', "-s /srv/tftp")


def exercise_xinetd(text: str) -> None:
    conf = xinetd.parse_xinetd(text, PATH)
    for service in conf.services:
        service.values("server")
        xinetd.service_off(service, conf.defaults)


def exercise_stanza(text: str) -> None:
    conf = stanza.parse_stanzas(text, PATH)
    for found in conf.stanzas:
        for attr in found.attrs:
            stanza.value_list(attr.value)


def exercise_tftp(text: str) -> None:
    tftp.parse_access_ctl(text, PATH).allowed()
    tftp.parse_shell_vars(text, PATH)
    tftp.tftpd_args(text)


EXERCISERS = [
    pytest.param(exercise_crontab, CRONTAB_WORDS, CRONTAB_LINES, id="crontab"),
    pytest.param(exercise_sendmail, SENDMAIL_WORDS, SENDMAIL_LINES, id="sendmail"),
    pytest.param(exercise_syslog, SYSLOG_WORDS, SYSLOG_LINES, id="syslog"),
    pytest.param(exercise_aliases, ALIASES_WORDS, ALIASES_LINES, id="aliases"),
    pytest.param(exercise_inetd, INETD_WORDS, INETD_LINES, id="inetd"),
    pytest.param(exercise_vsftpd, VSFTPD_WORDS, VSFTPD_LINES, id="vsftpd"),
    pytest.param(exercise_snmp, SNMP_WORDS, SNMP_LINES, id="snmp"),
    pytest.param(exercise_pureftpd, PUREFTPD_WORDS, PUREFTPD_LINES, id="pureftpd"),
    pytest.param(exercise_proftpd, PROFTPD_WORDS, PROFTPD_LINES, id="proftpd"),
    pytest.param(exercise_ftpusers, FTPUSERS_WORDS, FTPUSERS_LINES, id="ftpusers"),
    pytest.param(exercise_accounts, PASSWD_WORDS, PASSWD_LINES, id="accounts"),
    pytest.param(exercise_postfix, POSTFIX_WORDS, POSTFIX_LINES, id="postfix"),
    pytest.param(exercise_pam, PAM_WORDS, PAM_LINES, id="pam"),
    pytest.param(exercise_services, SERVICES_WORDS, SERVICES_LINES, id="services"),
    pytest.param(exercise_inittab, INITTAB_WORDS, INITTAB_LINES, id="inittab"),
    pytest.param(exercise_mounts, MOUNTS_WORDS, MOUNTS_LINES, id="mounts"),
    pytest.param(exercise_acl, ACL_WORDS, ACL_LINES, id="acl"),
    pytest.param(exercise_ftpaccess, FTPACCESS_WORDS, FTPACCESS_LINES, id="ftpaccess"),
    pytest.param(exercise_sshd, SSHD_WORDS, SSHD_LINES, id="sshd"),
    pytest.param(exercise_xinetd, XINETD_WORDS, XINETD_LINES, id="xinetd"),
    pytest.param(exercise_stanza, STANZA_WORDS, STANZA_LINES, id="stanza"),
    pytest.param(exercise_tftp, TFTP_WORDS, TFTP_LINES, id="tftp"),
]


@pytest.mark.parametrize("exercise, words, lines", EXERCISERS)
@FUZZ
@given(data=st.data())
def test_never_crashes(
    exercise: Callable[[str], None], words: tuple[str, ...], lines: tuple[str, ...], data: st.DataObject
) -> None:
    """A config the parser cannot read is reported; it must never take the audit down."""
    exercise(data.draw(fuzzed(words, lines), label="text"))


@FUZZ
@given(text=fuzzed(ACL_WORDS, ACL_LINES), tool=st.sampled_from(["aclget", "getfacl"]), index=st.integers(0, 12))
def test_acl_line_not_understood_is_never_none(text: str, tool: str, index: int) -> None:
    """An ACL listing with one line the parser cannot read is never reported as "no extended ACL"."""
    lines = text.split("\n")
    lines.insert(index % (len(lines) + 1), "?? not an ACL line")
    assert acl.parse_acl_output(tool, 0, "\n".join(lines)).state != "none"


@pytest.mark.parametrize("exercise, words, lines", EXERCISERS)
@FUZZ
@given(data=st.data())
def test_crlf_and_nul_variants_never_crash(
    exercise: Callable[[str], None], words: tuple[str, ...], lines: tuple[str, ...], data: st.DataObject
) -> None:
    """Files copied from Windows or truncated by a crash hold CRLF and NUL bytes."""
    text = data.draw(mangled(words, lines), label="text")
    for variant in (text.replace("\n", "\r\n"), text.replace(" ", "\x00"), text + "\\", "\ufeff" + text):
        exercise(variant)


#: What a cron command starts with: paths of every kind, wrappers, interpreters, expansions.
COMMAND_HEADS = (
    "/usr/bin/x",
    "x",
    "./x",
    "../x",
    "a/b",
    "~/x",
    "$HOME/x",
    "${D}/x",
    "*.sh",
    "/opt/*/x",
    "'./x'",
    '"/opt/my prog"',
    "\\./x",
    "sh -c",
    "ksh ./s.sh",
    "perl -e",
    "python3 -m",
    "awk -f ./x.awk",
    "nohup ./x",
    "env A=1 ./x",
    "sudo -u root ../x",
    "timeout 5 ./x",
    "su - root -c",
    "$(./x)",
    "`./x`",
    "eval ./x",
    ". ./x",
    "exec ./x",
)
cron_command = st.one_of(
    arbitrary_text,
    st.tuples(
        st.sampled_from(COMMAND_HEADS), st.sampled_from(SEPARATORS), mangled(CRONTAB_WORDS + COMMAND_HEADS, CRONTAB_LINES)
    ).map(lambda parts: "".join(parts).replace("\n", " ")),
)


@FUZZ
@given(command=cron_command)
def test_cron_command_programs_never_crash_and_stay_classified(command: str) -> None:
    """CRON-07 stats every Program: an "absolute" one must be a path, a "search" one a bare name."""
    assert_programs_classified(crontab.command_programs(command))


def assert_programs_classified(programs: tuple[shellcmd.Program, ...]) -> None:
    """An "absolute" program must be a path, a "search" one a bare name (cron entries and alias targets alike)."""
    for program in programs:
        assert program.kind in ("absolute", "search", "unresolvable")
        assert program.role in ("command", "script")
        if program.kind == "absolute":
            assert program.word.startswith("/"), program
        if program.kind == "search":
            assert program.word and "/" not in program.word, program


@QUICK
@given(text=fuzzed(VSFTPD_WORDS, VSFTPD_LINES), key=st.one_of(st.sampled_from(sorted(vsftpd.KNOWN_KEYS)), st.text(max_size=20)))
def test_vsftpd_flag_raises_only_documented_errors(text: str, key: str) -> None:
    """flag()/value() raise on purpose (unknown key, not a boolean); anything else is a bug."""
    conf = vsftpd.parse_vsftpd(text, PATH)
    vsftpd.where(conf, key)
    try:
        shown = vsftpd.value(conf, key)
    except KeyError:
        assert key not in conf.settings and key not in vsftpd.DEFAULTS
        return
    try:
        answer = vsftpd.flag(conf, key)
    except ValueError:
        assert not (shown.isascii() and shown.upper() in ("YES", "TRUE", "1", "NO", "FALSE", "0"))
        return
    assert shown.isascii() and shown.upper() in (("YES", "TRUE", "1") if answer else ("NO", "FALSE", "0"))


# =========================================================================== 2. every line accounted for


@FUZZ
@given(text=fuzzed(CRONTAB_WORDS, CRONTAB_LINES), system=st.booleans(), extensions=st.booleans())
def test_crontab_accounts_for_every_line(text: str, system: bool, extensions: bool) -> None:
    """Every job line is an entry or malformed; Linux env lines set env; AIX rejects them."""
    tab = crontab.parse_crontab(text, system=system, extensions=extensions)
    entries = {entry.line for entry in tab.entries}
    malformed = {bad.line for bad in tab.malformed}
    assert_lines_valid(text, entries, malformed)
    if not extensions:
        assert tab.env == {}
        assert all(entry.path == crontab.DEFAULT_PATH for entry in tab.entries)
    for number, raw in enumerate(physical_lines(text), start=1):
        content = raw.removesuffix("\r").lstrip(" \t")
        if not content or content.startswith("#") or number in entries | malformed:
            continue
        name = cron_assignment_name(content)
        assert extensions and name is not None and name in tab.env, f"line {number} dropped: {raw!r}"
    for entry in tab.entries:
        assert entry.command.strip(" \t")
        if system:
            assert entry.user and not any(char in " \t" for char in entry.user)


_CRON_ASSIGNMENT = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*|\"[^\"]*\"|'[^']*')[ \t]*=")


def cron_assignment_name(content: str) -> str | None:
    """``NAME=value`` (name optionally quoted) as Vixie cron's load_env() takes it."""
    match = _CRON_ASSIGNMENT.match(content)
    if match is None:
        return None
    name = match["name"]
    return name[1:-1] if name[0] in "'\"" else name


@FUZZ
@given(text=fuzzed(FTPUSERS_WORDS, FTPUSERS_LINES))
def test_ftpusers_accounts_for_every_line(text: str) -> None:
    """Every non-blank, non-# line denies exactly its name or is reported."""
    parsed = ftpusers.parse_ftpusers(text, PATH)
    entries = {entry.line for entry in parsed.entries}
    malformed = {bad.line for bad in parsed.malformed}
    assert_lines_valid(text, entries, malformed)
    for number, raw in enumerate(physical_lines(text), start=1):
        line = raw.strip(" \t\r\v\f")
        if line and not line.startswith("#"):
            assert number in entries | malformed, f"line {number} dropped: {raw!r}"
    for entry in parsed.entries:
        assert entry.name == physical_lines(text)[entry.line - 1].strip(" \t\r\v\f")


@FUZZ
@given(text=fuzzed(SNMP_WORDS, SNMP_LINES), flavor=st.sampled_from(snmp.FLAVORS))
def test_snmp_accounts_for_every_line(text: str, flavor: str) -> None:
    """Every line that is not blank, ``#`` or (aix-v3) ``*`` in column 1 is an entry or malformed."""
    conf = snmp.parse_snmp_conf(text, PATH, flavor)
    entries = {entry.line for entry in conf.entries}
    malformed = {bad.line for bad in conf.malformed}
    assert_lines_valid(text, entries, malformed)
    for number, raw in enumerate(physical_lines(text), start=1):
        stripped = raw.strip()
        comment = not stripped or stripped.startswith("#") or (flavor == "aix-v3" and raw.startswith("*"))
        if not comment:
            assert number in entries | malformed, f"line {number} dropped: {raw!r}"


@FUZZ
@given(text=fuzzed(INETD_WORDS, INETD_LINES))
def test_inetd_accounts_for_every_line(text: str) -> None:
    """Active lines are enabled services or malformed; only ``#`` lines may be disabled services."""
    conf = inetd.parse_inetd(text, PATH)
    enabled = {service.line for service in conf.services if service.enabled}
    disabled = {service.line for service in conf.services if not service.enabled}
    malformed = {bad.line for bad in conf.malformed}
    assert_lines_valid(text, enabled, disabled, malformed)
    for number, raw in enumerate(physical_lines(text), start=1):
        line = raw.strip(" \t\r\v\f")
        if not line:
            continue
        if line.startswith("#"):
            assert number not in enabled | malformed, f"comment line {number} read as active: {raw!r}"
        else:
            assert number in enabled | malformed, f"line {number} dropped: {raw!r}"
            assert number not in disabled


@FUZZ
@given(text=fuzzed(VSFTPD_WORDS, VSFTPD_LINES))
def test_vsftpd_accounts_for_every_line(text: str) -> None:
    """Each option line is malformed, or sets a key whose effective line is it or a later one."""
    conf = vsftpd.parse_vsftpd(text, PATH)
    malformed = {bad.line for bad in conf.malformed}
    effective = {setting.line for setting in conf.settings.values()}
    assert_lines_valid(text, effective, malformed)
    for number, raw in enumerate(physical_lines(text), start=1):
        line = raw.rstrip("\r")
        if line.startswith("#") or not line.strip(" \t\n\v\f\r") or number in malformed:
            continue
        key = line.partition("=")[0]
        assert key in conf.settings and conf.settings[key].line >= number, f"line {number} dropped: {raw!r}"
        if conf.settings[key].line == number:
            assert conf.settings[key].value == line.partition("=")[2]


@FUZZ
@given(text=fuzzed(PASSWD_WORDS, PASSWD_LINES).map(lambda text: ODD_LINE_BREAKS.sub(" ", text)))
def test_passwd_and_group_account_for_every_line(text: str) -> None:
    """Every record that is not blank, ``#`` or NIS ``+``/``-`` is an account/group or a bad line."""
    for parse in (accounts.parse_passwd, accounts.parse_group):
        found, bad = parse(text)
        read = {record.line for record in found}
        rejected = {record.line for record in bad}
        assert_lines_valid(text, read, rejected)
        for number, raw in enumerate(physical_lines(text), start=1):
            if raw.strip() and not raw.startswith(("#", "+", "-")):
                assert number in read | rejected, f"{parse.__name__}: line {number} dropped: {raw!r}"


@FUZZ
@given(text=fuzzed(ALIASES_WORDS, ALIASES_LINES))
def test_aliases_account_for_every_entry(text: str) -> None:
    """Each entry (a line plus its indented continuations) is an alias or malformed, at its first line."""
    parsed = aliases.parse_aliases(text, PATH)
    read = {alias.line: alias for alias in parsed.aliases}
    rejected = {bad.line for bad in parsed.malformed}
    assert_lines_valid(text, read, rejected)
    for start, pieces in aliases_entries(text):
        assert start in read.keys() | rejected, f"entry at line {start} dropped: {pieces!r}"
        if start in read:  # continuation lines belong to the entry they follow
            assert read[start].text == " ".join(piece.strip() for piece in pieces)


def aliases_entries(text: str) -> list[tuple[int, list[str]]]:
    """aliases(5) entries: indented lines continue the entry above; a comment or empty line ends it."""
    entries: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(physical_lines(text), start=1):
        line = raw.removesuffix("\r")
        if line.startswith((" ", "\t")):
            if line.strip() and not line.lstrip().startswith("#"):
                if entries and entries[-1][1]:
                    entries[-1][1].append(line)
                else:
                    entries.append((number, [line]))  # continues nothing: must be reported
            continue
        entries.append((number, []))  # any other line ends the entry above
        if line.strip() and not line.startswith("#"):
            entries[-1][1].append(line)
    return [(start, pieces) for start, pieces in entries if pieces]


@FUZZ
@given(text=fuzzed(POSTFIX_WORDS, POSTFIX_LINES))
def test_postfix_accounts_for_every_logical_line(text: str) -> None:
    """Each ``name = value`` line (with its continuations) is malformed or sets a parameter."""
    cf = postfix.parse_main_cf(text, PATH)
    rejected = {bad.line for bad in cf.malformed}
    assert_lines_valid(text, {param.line for param in cf.params.values()}, rejected)
    for start, pieces in postfix_logical_lines(text):
        if start in rejected:
            continue
        joined = " ".join(piece.strip() for piece in pieces)
        name, _, value = joined.partition("=")
        param = cf.params.get(name.strip())
        assert param is not None and param.line >= start, f"line {start} dropped: {pieces!r}"
        if param.line == start:
            assert param.value == value.strip()


def postfix_logical_lines(text: str) -> list[tuple[int, list[str]]]:
    """postconf(5): indented lines continue; blank and ``#`` lines are skipped without ending a line."""
    logical: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(physical_lines(text), start=1):
        if not raw.strip() or raw.strip().startswith("#"):
            continue
        if raw.startswith((" ", "\t")) and logical:
            logical[-1][1].append(raw)
        else:
            logical.append((number, [raw]))
    return logical


#: sendmail.cf commands that set no option and may stay silent (readcf() ignores them here).
SENDMAIL_SILENT_COMMANDS = frozenset("CDFHKMPRSTVELQX")


@FUZZ
@given(text=fuzzed(SENDMAIL_WORDS, SENDMAIL_LINES))
def test_sendmail_accounts_for_every_command_line(text: str) -> None:
    """``O`` lines are options or malformed; unknown commands and stray continuations are malformed."""
    cf = sendmail.parse_sendmail_cf(text, PATH)
    options = {option.line for option in cf.options}
    rejected = {bad.line for bad in cf.malformed}
    assert_lines_valid(text, options, rejected)
    heads = {start: pieces[0] for start, pieces in sendmail_commands(text)}
    assert options | rejected <= heads.keys()
    for start, first in heads.items():
        if first.startswith((" ", "\t")) or first[0] not in SENDMAIL_SILENT_COMMANDS | {"O"}:
            assert start in rejected, f"line {start} dropped: {first!r}"
        elif first[0] == "O":
            assert start in options | rejected, f"option line {start} dropped: {first!r}"
        else:
            assert start not in options
    if cf.greeting_macro is not None:
        assert heads[cf.greeting_macro.line].startswith("De")


def sendmail_commands(text: str) -> list[tuple[int, list[str]]]:
    """readcf(): indented lines fold into the command above; an empty line ends it; ``#`` commands are comments."""
    commands: list[tuple[int, list[str]]] = []
    open_command = False
    for number, raw in enumerate(physical_lines(text), start=1):
        line = raw.removesuffix("\r")
        if not line.strip():
            open_command = open_command and line != ""
            continue
        if line.startswith((" ", "\t")) and open_command:
            commands[-1][1].append(line)
            continue
        commands.append((number, [line]))
        open_command = True
    return [(start, pieces) for start, pieces in commands if not pieces[0].startswith("#")]


@FUZZ
@given(text=fuzzed(PAM_WORDS, PAM_LINES).map(lambda text: text.replace("\\", "/")))
def test_pam_reports_every_line_it_cannot_use(text: str) -> None:
    """Without ``\\`` continuations: a listfile line is an entry; a line libpam refuses is malformed."""
    found, malformed = pam.parse_pam_listfiles(text, PATH)
    entries = {entry.line for entry in found}
    rejected = {bad.line for bad in malformed}
    assert_lines_valid(text, entries, rejected)
    for number, raw in enumerate(physical_lines(text), start=1):
        body = raw.rstrip("\r").lstrip(" \t")
        content = body.partition("#")[0].strip(" \t")
        if not body or body.startswith("#") or not content or content.startswith("@include"):
            continue
        module = pam_module(content)
        if module is None:
            assert number in rejected, f"line {number} refused by libpam but not reported: {raw!r}"
        elif module.rpartition("/")[2] == "pam_listfile.so":
            assert number in entries | rejected, f"pam_listfile line {number} dropped: {raw!r}"


def pam_module(content: str) -> str | None:
    """The module of ``type control module [args]``; None when libpam would refuse the line."""
    kind, rest = pam_word(content)
    if "\x00" in content or kind.removeprefix("-").lower() not in ("auth", "account", "password", "session"):
        return None
    rest = rest.lstrip(" \t")
    if not rest or (rest.startswith("[") and "]" not in rest):
        return None
    rest = rest[rest.index("]") + 1 :] if rest.startswith("[") else pam_word(rest)[1]
    return pam_word(rest)[0] or None


def pam_word(text: str) -> tuple[str, str]:
    """The first blank-separated word (blanks are space and tab only) and what follows it."""
    word = re.match(r"[ \t]*([^ \t]*)", text)
    return word[1], text[word.end() :]


@FUZZ
@given(text=fuzzed(SERVICES_WORDS, SERVICES_LINES))
def test_lssrc_accounts_for_every_row(text: str) -> None:
    """Every non-header line of lssrc output is a subsystem or returned as unread (duplicates too)."""
    rows, unread = services.parse_lssrc(text)
    lines = [raw for raw in physical_lines(text) if raw.split()]
    header = [raw for raw in lines if raw.split()[0] == "Subsystem" and raw.split()[-1] == "Status"]
    assert len(rows) + len(unread) == len(lines) - len(header)


@FUZZ
@given(text=fuzzed(SERVICES_WORDS, SERVICES_LINES))
def test_rc_tcpip_start_lines_point_at_their_line(text: str) -> None:
    """A ``start`` line is enabled exactly when it is not commented out, and is shown as written."""
    lines = physical_lines(text)
    for start in services.parse_rc_tcpip(text, PATH):
        raw = lines[start.line - 1]
        assert start.text == raw.strip()
        assert start.enabled == (not raw.lstrip(" \t").startswith("#"))
        assert start.program in raw


# --------------------------------------------------------------------------- syslog

#: Pieces of legacy selector lines, RainerScript openers without brackets or quotes, and $ directives.
SYSLOG_SELECTORS = (
    "*.*",
    "mail.*",
    "mail.info",
    "mail.crit;mail.none",
    "cron.=debug",
    "*.!=err",
    "kern,mail.warn",
    "auth.panic",
    "*.none",
    "mail",
    "mail.",
    ".info",
    "mail.bogus",
    "ma-il.info",
    ";",
    "*.*;",
    "user.*;\tmail.none",
    "MAIL.INFO",
)
SYSLOG_DESTINATIONS = (
    "/var/log/maillog",
    "-/var/log/syslog",
    "@loghost",
    "@@10.0.0.1:514",
    "|/dev/xconsole",
    ":omusrmsg:*",
    "root,admin",
    "*",
    "~",
    "stop",
    "/var/adm/maillog rotate size 100k files 4",
    "/var/log/x;RSYSLOG_TraditionalFileFormat",
    "",
)
SYSLOG_OTHER = (
    "$IncludeConfig /etc/rsyslog.d/*.conf",
    "$IncludeConfig",
    "$ModLoad imuxsock",
    "$",
    "!sshd",
    "+host",
    ":msg, contains, x /var/log/x",
    "& stop",
    "if $programname == cron then /var/log/cron",
    "if x",
    "then /var/log/y",
    "else",
    "stop",
    "x then",
    "set $.x = 1",
)
syslog_piece = st.one_of(
    st.builds(
        lambda s, sep, d: s + sep + d,
        st.sampled_from(SYSLOG_SELECTORS),
        st.sampled_from((" ", "\t", "\t\t")),
        st.sampled_from(SYSLOG_DESTINATIONS),
    ),
    st.sampled_from(SYSLOG_SELECTORS + SYSLOG_DESTINATIONS + SYSLOG_OTHER),
)
#: One statement, possibly continued over several lines with a trailing backslash.
syslog_record = st.tuples(
    st.lists(syslog_piece, min_size=1, max_size=3),
    st.sampled_from(("", " ", "\t")),
    st.sampled_from(("", " # note", "\t# note")),
)
syslog_filler = st.sampled_from(("", "   ", "# comment", "#*.* /var/log/commented", "\t#indented"))


@FUZZ
@given(layout=st.lists(st.one_of(syslog_record, syslog_filler), max_size=20))
def test_syslog_accounts_for_every_statement(layout: list) -> None:
    """Every statement but ``$`` directives is a rule or unparsed, at the line it starts on.

    The only other way to be silent: being swallowed by a multi-line
    RainerScript statement (``if`` ... ``then``), which is itself reported.
    """
    lines: list[str] = []
    statements: list[tuple[int, str]] = []
    for item in layout:
        if isinstance(item, str):
            lines.append(item)
            continue
        pieces, indent, comment = item
        statements.append((len(lines) + 1, " ".join(p.strip() for p in pieces if p.strip())))
        lines += [indent + piece + " \\" for piece in pieces[:-1]] + [indent + pieces[-1] + comment]
    text = "\n".join(lines)
    conf = syslog.parse_syslog_conf(text, PATH)
    rules = {rule.line for rule in conf.rules}
    unparsed = {bad.line for bad in conf.unparsed}
    assert_lines_valid(text, rules, unparsed)
    for start, joined in statements:
        if not joined or joined.startswith("$") or start in rules | unparsed:
            continue
        swallowed = any(bad.line < start and joined in bad.text.split("\n")[1:] for bad in conf.unparsed)
        assert swallowed, f"statement at line {start} dropped: {joined!r}\n{text}"


@FUZZ
@given(text=fuzzed(SYSLOG_WORDS, SYSLOG_LINES))
def test_syslog_reports_only_real_lines_and_never_a_rule_for_an_unparsed_line(text: str) -> None:
    """Rules and unparsed records start on non-comment lines, never the same one: covers() can't see unparsed text."""
    conf = syslog.parse_syslog_conf(text, PATH)
    rules = {rule.line for rule in conf.rules}
    unparsed = {bad.line for bad in conf.unparsed}
    assert_lines_valid(text, rules, unparsed)
    lines = physical_lines(text)
    for number in rules | unparsed:
        stripped = lines[number - 1].strip()
        assert stripped and not stripped.startswith("#"), (number, lines[number - 1])
    for rule in conf.rules:
        assert (rule.kind == "file") == (rule.file is not None)
        assert rule.file is None or rule.file.startswith("/")
        named = {facility for selector in rule.selectors for facility in selector.facilities}
        for facility in ("mail", "cron", "auth"):
            if facility not in named and "*" not in named:
                assert not syslog.covers(rule, facility, "emerg"), "a rule covers only facilities it names"
        assert not syslog.covers(rule, "mail", "no-such-level")
    for rule in syslog.file_rules_for(conf, "mail", "crit"):
        assert rule in conf.rules and rule.line not in unparsed


# =========================================================================== 3. monotone safety


@FUZZ
@given(text=fuzzed(CRONTAB_WORDS, CRONTAB_LINES), index=st.integers(0, 50), system=st.booleans(), extensions=st.booleans())
def test_crontab_commenting_out_never_adds_a_job(text: str, index: int, system: bool, extensions: bool) -> None:
    """A ``#`` in front of a line cannot create a job that CRON-07 would then pass."""
    before = crontab.parse_crontab(text, system=system, extensions=extensions)
    changed, number = commented_out(text, index)
    after = crontab.parse_crontab(changed, system=system, extensions=extensions)
    assert {e.line for e in after.entries} <= {e.line for e in before.entries} - {number}
    assert {m.line for m in after.malformed} <= {m.line for m in before.malformed} - {number}


@FUZZ
@given(text=fuzzed(SNMP_WORDS, SNMP_LINES), index=st.integers(0, 50), flavor=st.sampled_from(snmp.FLAVORS))
def test_snmp_commenting_out_never_adds_an_entry(text: str, index: int, flavor: str) -> None:
    """A commented-out community is gone; nothing else appears in its place."""
    before = snmp.parse_snmp_conf(text, PATH, flavor)
    changed, number = commented_out(text, index)
    after = snmp.parse_snmp_conf(changed, PATH, flavor)
    assert {e.line for e in after.entries} <= {e.line for e in before.entries} - {number}
    assert set(snmp.communities(after)) <= set(snmp.communities(before))


@FUZZ
@given(text=fuzzed(INETD_WORDS, INETD_LINES), index=st.integers(0, 50))
def test_inetd_commenting_out_never_enables_a_service(text: str, index: int) -> None:
    """Commenting out may turn a line into a disabled service, never into an enabled one."""
    before = inetd.parse_inetd(text, PATH)
    changed, number = commented_out(text, index)
    after = inetd.parse_inetd(changed, PATH)
    enabled_before = {s.line for s in before.services if s.enabled}
    assert {s.line for s in after.services if s.enabled} <= enabled_before - {number}


@FUZZ
@given(text=fuzzed(VSFTPD_WORDS, VSFTPD_LINES), index=st.integers(0, 50))
def test_vsftpd_commenting_out_never_sets_a_key(text: str, index: int) -> None:
    """Commenting out a line can only leave a key to an earlier line or to the compiled default."""
    before = vsftpd.parse_vsftpd(text, PATH)
    changed, number = commented_out(text, index)
    after = vsftpd.parse_vsftpd(changed, PATH)
    assert after.settings.keys() <= before.settings.keys()
    assert all(setting.line != number for setting in after.settings.values())


#: Lines vsftpd refuses: blank before the key or around '=', no '=', NUL.
vsftpd_rejected_line = st.builds(
    lambda key, value, shape: shape.format(key=key, value=value),
    st.sampled_from(("anonymous_enable", "ssl_enable", "local_enable", "listen")),
    st.sampled_from(("YES", "NO")),
    st.sampled_from(
        (
            " {key}={value}",
            "\t{key}={value}",
            "{key} ={value}",
            "{key}= {value}",
            "{key} = {value}",
            "{key}",
            "{key}={value}\x00",
            "{key}\x00={value}",
            "=",
        )
    ),
)


@FUZZ
@given(text=fuzzed(VSFTPD_WORDS, VSFTPD_LINES), bad=vsftpd_rejected_line, index=st.integers(0, 50))
def test_vsftpd_rejected_line_never_changes_a_value(text: str, bad: str, index: int) -> None:
    """A line vsftpd refuses sets nothing, so every value (and its default) stays as before."""
    before = vsftpd.parse_vsftpd(text, PATH)
    lines = physical_lines(text)
    lines.insert(index % (len(lines) + 1), bad)
    after = vsftpd.parse_vsftpd("\n".join(lines), PATH)
    assert len(after.malformed) == len(before.malformed) + 1
    assert {k: s.value for k, s in after.settings.items()} == {k: s.value for k, s in before.settings.items()}


@FUZZ
@given(text=fuzzed(FTPUSERS_WORDS, FTPUSERS_LINES), index=st.integers(0, 50))
def test_ftpusers_commenting_out_never_adds_a_name(text: str, index: int) -> None:
    """FTP-05 counts names: commenting one out can only remove it."""
    before = ftpusers.parse_ftpusers(text, PATH)
    changed, _ = commented_out(text, index)
    assert ftpusers.parse_ftpusers(changed, PATH).names() <= before.names()


#: Lines an FTP daemon compares whole and so match nobody: a comment after the name, blanks inside, NUL.
ftpusers_malformed_line = st.builds(
    lambda name, shape: shape.format(name=name),
    st.sampled_from(("root", "adm", "daemon", "nobody", "toor")),
    st.sampled_from(("{name} # superuser", "{name}#", "{name} adm", "{name}\tbin", "ro ot", "{name}\x00", "\x00{name}")),
)


@FUZZ
@given(text=fuzzed(FTPUSERS_WORDS, FTPUSERS_LINES), bad=ftpusers_malformed_line, index=st.integers(0, 50))
def test_ftpusers_malformed_line_never_adds_a_name(text: str, bad: str, index: int) -> None:
    """``root # superuser`` denies no one, so it must not make FTP-05 believe root is denied."""
    before = ftpusers.parse_ftpusers(text, PATH)
    lines = physical_lines(text)
    lines.insert(index % (len(lines) + 1), bad)
    after = ftpusers.parse_ftpusers("\n".join(lines), PATH)
    assert after.names() == before.names()
    assert len(after.malformed) == len(before.malformed) + 1
    assert all(not any(c.isspace() or c in "#\x00" for c in name) for name in after.names())


@FUZZ
@given(
    text=fuzzed(SYSLOG_WORDS, SYSLOG_LINES),
    ignored=st.sampled_from(
        (
            'module(load="imuxsock")',
            'global(workDirectory="/var/lib/rsyslog")',
            "$ModLoad imklog",
            "$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat",
        )
    ),
)
def test_syslog_ignored_statement_never_changes_the_rules(text: str, ignored: str) -> None:
    """Objects that route nothing are skipped: putting one first shifts the rules by a line, nothing more."""
    before = syslog.parse_syslog_conf(text, PATH)
    after = syslog.parse_syslog_conf(ignored + "\n" + text, PATH)
    assert [(r.line + 1, r.selectors, r.destination) for r in before.rules] == [
        (r.line, r.selectors, r.destination) for r in after.rules
    ]
    assert [(u.line + 1, u.reason) for u in before.unparsed] == [(u.line, u.reason) for u in after.unparsed]


# --------------------------------------------------------------------------- SNMP secrets

#: A word that *contains* a default community or password without being it.
LOOKALIKES = ("publicity", "public_html", "xpublic", "public1", "pub", "privately", "passwords", "gated_password2")
DEFAULT_WORDS = ("public", "private", "password")
#: Exact defaults, in any case: matching is case-insensitive on purpose.
EXACT = ("public", "PUBLIC", "Public", "private", "password", "gated_password")

SNMP_TEMPLATES: dict[str, tuple[str, ...]] = {
    "aix-v1": (
        "community {w} 127.0.0.1 255.255.255.255 readOnly",
        "trap {w} 127.0.0.1 1.2.3 fe",
        "smux 1.3.6.1.4.1.2.3.1.2.1.2 {w}",
    ),
    "aix-v3": (
        "COMMUNITY {w} {w} noAuthNoPriv 0.0.0.0 0.0.0.0 -",
        "VACM_GROUP group1 SNMPv1 {w} -",
        "TARGET_PARAMETERS trapparms1 SNMPv1 SNMPv1 {w} noAuthNoPriv -",
        "smux 1.3.6.1.4.1.2.3 {w}",
    ),
    "net-snmp": (
        "rocommunity {w} default -V systemonly",
        "com2sec -Cn ctx local localhost {w}",
        "trap2sink -profile p localhost {w}",
        "trapsess -v 2c -c {w} localhost",
        "trapsess -c{w} localhost",
        "authCommunity log,execute {w}",
        "createUser -e 0x80001f88 u MD5 {w} DES {w}",
    ),
    "clsnmp": ("v1 127.0.0.1 snmpv1 public {w} - - - - - -",),
    "peers": ("gated 1.3.6.1.4.1.2.3.1.2.1.2 {w}",),
}


@st.composite
def snmp_config(draw: st.DrawFn) -> tuple[str, str]:
    """A flavor and a config whose secrets are defaults, look-alikes of defaults, or random words."""
    flavor = draw(st.sampled_from(snmp.FLAVORS))
    word = st.one_of(
        st.sampled_from(LOOKALIKES + EXACT), st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=12)
    )
    lines = []
    for template in draw(st.lists(st.sampled_from(SNMP_TEMPLATES[flavor]), min_size=1, max_size=6)):
        secret = draw(word)
        quoted = draw(st.booleans())
        shown = '"' + secret.replace("\\", "\\\\").replace('"', '\\"') + '"' if quoted else secret
        lines.append(template.format(w=shown))
    return flavor, "\n".join(lines)


@FUZZ
@given(config=snmp_config())
def test_snmp_secrets_are_exact_field_text(config: tuple[str, str]) -> None:
    """SNMP-02/03 compare whole values: ``publicity`` is never reported as the default ``public``."""
    flavor, text = config
    conf = snmp.parse_snmp_conf(text, PATH, flavor)
    fields = {entry.line: entry.fields for entry in conf.entries}
    for secret in snmp.communities(conf):
        row = fields[secret.line]
        assert secret.value in row or any(f.startswith("-c") and f[2:] == secret.value for f in row), secret
    folded = {word.casefold() for word in DEFAULT_WORDS}
    for secret in snmp.matching(snmp.communities(conf), DEFAULT_WORDS):
        assert secret.value.casefold() in folded, secret
    exact = [s for s in snmp.communities(conf) if s.value.casefold() in folded]
    assert list(snmp.matching(snmp.communities(conf), DEFAULT_WORDS)) == exact
    smux = folded | {word.casefold() for word in snmp.SMUX_DEFAULT_PASSWORDS}
    for secret in snmp.default_credentials(conf, DEFAULT_WORDS):
        assert secret.role == "engineID" or secret.value.casefold() in smux, secret
        assert secret.value in fields[secret.line], secret


# --------------------------------------------------------------------------- paths handed to file checks


@FUZZ
@given(text=fuzzed(SENDMAIL_WORDS + ("O AliasFile=", "OA", "nis:", "ldap:", "-o", "hash:", "/etc/a", "a/b"), SENDMAIL_LINES))
def test_sendmail_alias_files_are_absolute(text: str) -> None:
    """MAIL-06 stats each alias file: a relative path would be checked against the wrong place."""
    cf = sendmail.parse_sendmail_cf(text, PATH)
    options = {option.line for option in cf.options}
    for path, line in sendmail.alias_files(cf):
        assert path.startswith("/") and line in options


@FUZZ
@given(text=fuzzed(POSTFIX_WORDS, POSTFIX_LINES))
def test_postfix_alias_files_are_absolute(text: str) -> None:
    """Same for Postfix alias_maps / alias_database, including ``$name`` expansions."""
    cf = postfix.parse_main_cf(text, PATH)
    for path, line in postfix.alias_files(cf):
        assert path.startswith("/") and (line == 0 or line in {param.line for param in cf.params.values()})
    assert postfix.banner(cf) is not None


program_target_value = st.one_of(
    fuzzed(ALIASES_WORDS, ALIASES_LINES).map(lambda text: "|" + text),
    st.builds(
        lambda q, path, args: "|" + q + path + q + args,
        st.sampled_from(("", '"', " ")),
        st.sampled_from(("/usr/bin/x", "x", "./x", "$HOME/x", "~/x", "")),
        st.sampled_from(("", " -x", ' "a b"')),
    ),
)


@FUZZ
@given(value=program_target_value)
def test_alias_program_path_is_none_or_absolute(value: str) -> None:
    """MAIL-09 checks the files target_programs() names; only an absolute path names a file."""
    assert_programs_classified(aliases.target_programs(aliases.Target("program", value)))


@FUZZ
@given(text=fuzzed(ALIASES_WORDS, ALIASES_LINES))
def test_parsed_alias_program_paths_are_none_or_absolute_for_programs(text: str) -> None:
    """The same through the parser: every ``|command`` target yields None or an absolute path."""
    for alias in aliases.parse_aliases(text, PATH).aliases:
        for target in alias.targets:
            assert target.kind in aliases.KINDS
            if target.kind == "program":
                assert_programs_classified(aliases.target_programs(target))


# =========================================================================== bugs the fuzzing found (now fixed: regressions)


@QUICK
@given(uid=st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=5))
@example(uid="²")
def test_passwd_never_crashes_on_numeric_looking_ids(uid: str) -> None:
    """A passwd line with an odd uid is a bad line, not an exception."""
    accounts.parse_passwd(f"root:x:{uid}:0::/:/bin/sh\n")


@QUICK
@given(digits=st.integers(4_301, 6_000))
@example(digits=5_000)
def test_group_never_crashes_on_huge_gid(digits: int) -> None:
    """A group line with an absurd gid is a bad line, not an exception."""
    accounts.parse_group("staff:!:" + "1" * digits + ":\n")


@QUICK
@given(text=fuzzed(PASSWD_WORDS, PASSWD_LINES))
@example(text="\x0ba")
def test_passwd_line_numbers_follow_newlines(text: str) -> None:
    """Every reported line number names the newline-separated line it came from."""
    lines = physical_lines(text)
    for parse in (accounts.parse_passwd, accounts.parse_group):
        _, bad = parse(text)
        for record in bad:
            assert 1 <= record.line <= len(lines) and lines[record.line - 1].rstrip("\r") == record.text


@QUICK
@given(escape=st.text(st.characters(categories=("Nd", "No")), min_size=3, max_size=3))
@example(escape="089")
def test_local_mounts_linux_never_crashes_on_bad_escapes(escape: str) -> None:
    """A /proc/mounts line with a non-octal escape is skipped or kept, never an exception."""
    mounts.local_mounts_linux(f"/dev/sda1 /mnt/x\\{escape} ext4 rw 0 0\n")


@QUICK
@given(
    value=st.builds(
        lambda head, path: head + path,
        st.sampled_from((":include:", ":INCLUDE: ")),
        st.sampled_from(("/etc/mail/lists/x", "lists/x", "./x", "~list/x", "x")),
    )
)
@example(value=":include:lists/x")
def test_alias_include_path_is_none_or_absolute(value: str) -> None:
    """MAIL-09 checks the :include: file; a relative path names no file the audit can check."""
    assert_programs_classified(aliases.target_programs(aliases.Target("include", value)))


@QUICK
@given(
    chunks=st.tuples(
        st.tuples(st.sampled_from(("/opt/x", "/usr/bin/x", "/opt/my prog")), st.booleans()),
        st.lists(st.tuples(st.sampled_from(("y", "/bin", "my prog", ".sh")), st.booleans()), max_size=2),
    ).map(lambda pair: [pair[0], *pair[1]])
)
@example(chunks=[("/opt/x", True), ("y", False)])
def test_alias_program_path_follows_shell_quoting(chunks: list[tuple[str, bool]]) -> None:
    """``|"/opt/x"y`` runs /opt/xy: /bin/sh removes quotes anywhere inside a word."""
    assume(all(quoted or " " not in text for text, quoted in chunks))  # an unquoted blank ends the word
    path = "".join(text for text, _ in chunks)
    written = "".join('"' + text + '"' if quoted else text for text, quoted in chunks)
    assert aliases.target_programs(aliases.Target("program", "|" + written + " -x"))[0].word == path


@FUZZ
@given(text=fuzzed(SSHD_WORDS, SSHD_LINES), index=st.integers(0, 30))
def test_sshd_commenting_out_never_adds_a_subsystem(text: str, index: int) -> None:
    """A line turned into a comment never adds a Subsystem line."""
    before = sshd.parse_sshd_config(text, PATH)
    after = sshd.parse_sshd_config(commented_out(text, index)[0], PATH)
    assert {(d.line, d.args) for d in sshd.subsystems(after.directives, "sftp")} <= {
        (d.line, d.args) for d in sshd.subsystems(before.directives, "sftp")
    }


@FUZZ
@given(text=fuzzed(FTPACCESS_WORDS, FTPACCESS_LINES), index=st.integers(0, 30))
def test_ftpaccess_commenting_out_never_adds_a_herald(text: str, index: int) -> None:
    before = {a.line for a in ftpaccess.parse_ftpaccess(text, PATH).named("herald")}
    after = {a.line for a in ftpaccess.parse_ftpaccess(commented_out(text, index)[0], PATH).named("herald")}
    assert after <= before
