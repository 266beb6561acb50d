"""Unit tests for the FTP parsers: inetd.conf, vsftpd.conf, ftpusers, PAM (text in, data out)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from svcaudit.facts.ftp import vsftpd_anonymous, vsftpd_tls_problems
from svcaudit.parsers.ftpusers import Entry, FtpUsers, Malformed, parse_ftpusers
from svcaudit.parsers.inetd import InetdConf, InetdService, enabled_services, parse_inetd
from svcaudit.parsers.pam import ListFile, parse_pam_listfiles
from svcaudit.parsers.vsftpd import (
    DEFAULTS,
    KNOWN_KEYS,
    Setting,
    VsftpdConf,
    flag,
    parse_vsftpd,
    value,
    where,
)

# =========================================================================== fixtures

AIX_INETD_CONF = """\
## IBM_PROLOG_BEGIN_TAG
## This is an automatically generated prolog.
##
## bos72Q src/bos/usr/sbin/inetd/inetd.conf 1.39.1.1
##
## Licensed Materials - Property of IBM
##
## COPYRIGHT International Business Machines Corp. 1985,1989
## All Rights Reserved
##
## IBM_PROLOG_END_TAG
##
## COMPONENT_NAME: (CMDNET) Network commands.
##
##          Internet server configuration database
##
##      Services can be added and deleted by deleting or inserting a
##      comment character (ie. #) at the beginning of a line.
##      After changing this file, run "refresh -s inetd".
##
## service name  socket  protocol wait/nowait  user  server program  server program arguments
##
#  The first two lines are the IPv4/IPv6 ftp and telnet daemons.
# see inetd.conf(4)
ftp	stream	tcp6	nowait	root	/usr/sbin/ftpd	ftpd
telnet	stream	tcp6	nowait	root	/usr/sbin/telnetd	telnetd -a
shell	stream	tcp6	nowait	root	/usr/sbin/rshd	rshd
#kshell	stream	tcp	nowait	root	/usr/sbin/krshd	krshd
login	stream	tcp6	nowait	root	/usr/sbin/rlogind	rlogind
#klogin	stream	tcp	nowait	root	/usr/sbin/krlogind	krlogind
#exec	stream	tcp6	nowait	root	/usr/sbin/rexecd	rexecd
#comsat	dgram	udp	wait	root	/usr/sbin/comsat	comsat
#uucp	stream	tcp	nowait	root	/usr/sbin/uucpd	uucpd
#bootps	dgram	udp	wait	root	/usr/sbin/bootpd	bootpd /etc/bootptab
##
## Finger, systat and netstat give out user information which may be
## valuable to potential "system crackers."
##
#finger	stream	tcp	nowait	nobody	/usr/sbin/fingerd	fingerd
#systat	stream	tcp	nowait	nobody	/usr/bin/ps	ps -ef
#netstat	stream	tcp	nowait	nobody	/usr/bin/netstat	netstat -f inet
##
## Tftp service is provided primarily for booting.
##
#tftp	dgram	udp6	SRC	nobody	/usr/sbin/tftpd	tftpd -n
talk	dgram	udp	wait	root	/usr/sbin/talkd	talkd
ntalk	dgram	udp	wait	root	/usr/sbin/talkd	talkd
##
## Internal services
##
#echo	stream	tcp	nowait	root	internal
#discard	stream	tcp	nowait	root	internal
#chargen	stream	tcp	nowait	root	internal
daytime	stream	tcp	nowait	root	internal
time	stream	tcp	nowait	root	internal
#echo	dgram	udp	wait	root	internal
#time	dgram	udp	wait	root	internal
##
## RPC services
##
#rquotad	sunrpc_udp	udp	wait	root	/usr/sbin/rpc.rquotad	rquotad 100011 1
#rexd	sunrpc_tcp	tcp	wait	root	/usr/sbin/rpc.rexd	rexd 100017 1
rstatd	sunrpc_udp	udp	wait	root	/usr/sbin/rpc.rstatd	rstatd 100001 1-3
rusersd	sunrpc_udp	udp	wait	root	/usr/lib/netsvc/rusers/rpc.rusersd	rusersd 100002 1-2
rwalld	sunrpc_udp	udp	wait	root	/usr/lib/netsvc/rwall/rpc.rwalld	rwalld 100008 1
#sprayd	sunrpc_udp	udp	wait	root	/usr/lib/netsvc/spray/rpc.sprayd	sprayd 100012 1
#pcnfsd	sunrpc_udp	udp	wait	root	/usr/sbin/rpc.pcnfsd	pcnfsd 150001 1-2
cmsd	sunrpc_udp	udp	wait	root	/usr/dt/bin/rpc.cmsd	cmsd 100068 2-5
ttdbserver	sunrpc_tcp	tcp	wait	root	/usr/dt/bin/rpc.ttdbserver	rpc.ttdbserver 100083 1
dtspc	stream	tcp	nowait	root	/usr/dt/bin/dtspcd	/usr/dt/bin/dtspcd
xmquery	dgram	udp	wait	root	/usr/bin/xmtopas	xmtopas -p3
#instsrv	stream	tcp	nowait	netinst	/u/netinst/bin/instsrv	instsrv -r /tmp/netinstalllog /u/netinst/scripts
"""

AIX_ENABLED = (
    "ftp",
    "telnet",
    "shell",
    "login",
    "talk",
    "ntalk",
    "daytime",
    "time",
    "rstatd",
    "rusersd",
    "rwalld",
    "cmsd",
    "ttdbserver",
    "dtspc",
    "xmquery",
)
AIX_DISABLED = (
    "kshell",
    "klogin",
    "exec",
    "comsat",
    "uucp",
    "bootps",
    "finger",
    "systat",
    "netstat",
    "tftp",
    "echo",
    "discard",
    "chargen",
    "echo",
    "time",
    "rquotad",
    "rexd",
    "sprayd",
    "pcnfsd",
    "instsrv",
)

DEBIAN_VSFTPD_CONF = """\
# Example config file /etc/vsftpd.conf
#
# The default compiled in settings are fairly paranoid. This sample file
# loosens things up a bit, to make the ftp daemon more usable.
# Please see vsftpd.conf.5 for all compiled in defaults.
#
# READ THIS: This example file is NOT an exhaustive list of vsftpd options.
# Please read the vsftpd.conf.5 manual page to get a full idea of vsftpd's
# capabilities.
#
#
# Run standalone?  vsftpd can run either from an inetd or as a standalone
# daemon started from an initscript.
listen=NO
#
# This directive enables listening on IPv6 sockets. By default, listening
# on the IPv6 "any" address (::) will accept connections from both IPv6
# and IPv4 clients. It is not necessary to listen on *both* IPv4 and IPv6
# sockets. If you want that (perhaps because you want to listen on specific
# addresses) then you must run two copies of vsftpd with two configuration
# files.
listen_ipv6=YES
#
# Allow anonymous FTP? (Disabled by default).
anonymous_enable=NO
#
# Uncomment this to allow local users to log in.
local_enable=YES
#
# Uncomment this to enable any form of FTP write command.
#write_enable=YES
#
# Default umask for local users is 077. You may wish to change this to 022,
# if your users expect that (022 is used by most other ftpd's)
#local_umask=022
#
# Uncomment this to allow the anonymous FTP user to upload files. This only
# has an effect if the above global write enable is activated. Also, you will
# obviously need to create a directory writable by the FTP user.
#anon_upload_enable=YES
#
# Uncomment this if you want the anonymous FTP user to be able to create
# new directories.
#anon_mkdir_write_enable=YES
#
# Activate directory messages - messages given to remote users when they
# go into a certain directory.
dirmessage_enable=YES
#
# If enabled, vsftpd will display directory listings with the time
# in  your  local  time  zone.  The default is to display GMT. The
# times returned by the MDTM FTP command are also affected by this
# option.
use_localtime=YES
#
# Activate logging of uploads/downloads.
xferlog_enable=YES
#
# Make sure PORT transfer connections originate from port 20 (ftp-data).
connect_from_port_20=YES
#
# If you want, you can arrange for uploaded anonymous files to be owned by
# a different user. Note! Using "root" for uploaded files is not
# recommended!
#chown_uploads=YES
#chown_username=whoever
#
# You may override where the log file goes if you like. The default is shown
# below.
#xferlog_file=/var/log/vsftpd.log
#
# If you want, you can have your log file in standard ftpd xferlog format.
# Note that the default log file location is /var/log/xferlog in this case.
#xferlog_std_format=YES
#
# You may change the default value for timing out an idle session.
#idle_session_timeout=600
#
# You may change the default value for timing out a data connection.
#data_connection_timeout=120
#
# It is recommended that you define on your system a unique user which the
# ftp server can use as a totally isolated and unprivileged user.
#nopriv_user=ftpsecure
#
# You may fully customise the login banner string:
#ftpd_banner=Welcome to blah FTP service.
#
# You may restrict local users to their home directories.  See the FAQ for
# the possible risks in this before using chroot_local_user or
# chroot_list_enable below.
#chroot_local_user=YES
#
# You may specify an explicit list of local users to chroot() to their home
# directory. If chroot_local_user is YES, then this list becomes a list of
# users to NOT chroot().
#chroot_local_user=YES
#chroot_list_enable=YES
# (default follows)
#chroot_list_file=/etc/vsftpd.chroot_list
#
# Customization
#
# Some of vsftpd's settings don't fit the filesystem layout by
# default.
#
# This option should be the name of a directory which is empty.  Also, the
# directory should not be writable by the ftp user. This directory is used
# as a secure chroot() jail at times vsftpd does not require filesystem
# access.
secure_chroot_dir=/var/run/vsftpd/empty
#
# This string is the name of the PAM service vsftpd will use.
pam_service_name=vsftpd
#
# This option specifies the location of the RSA certificate to use for SSL
# encrypted connections.
rsa_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem
rsa_private_key_file=/etc/ssl/private/ssl-cert-snakeoil.key
ssl_enable=NO

#
# Uncomment this to indicate that vsftpd use a utf8 filesystem.
#utf8_filesystem=YES
"""

DEBIAN_VSFTPD_SETTINGS = {
    "listen": "NO",
    "listen_ipv6": "YES",
    "anonymous_enable": "NO",
    "local_enable": "YES",
    "dirmessage_enable": "YES",
    "use_localtime": "YES",
    "xferlog_enable": "YES",
    "connect_from_port_20": "YES",
    "secure_chroot_dir": "/var/run/vsftpd/empty",
    "pam_service_name": "vsftpd",
    "rsa_cert_file": "/etc/ssl/certs/ssl-cert-snakeoil.pem",
    "rsa_private_key_file": "/etc/ssl/private/ssl-cert-snakeoil.key",
    "ssl_enable": "NO",
}

AIX_CIS_FTPUSERS = ("root", "adm", "bin", "daemon", "guest", "lpd", "nobody", "nuucp", "sys", "uucp")

DEBIAN_PAM_VSFTPD = """\
# Standard behaviour for ftpd(8).
auth	required	pam_listfile.so item=user sense=deny file=/etc/ftpusers onerr=succeed

# Note: vsftpd handles anonymous logins on its own. Do not enable pam_ftp.so.

# Standard pam includes
@include common-account
@include common-session
@include common-auth
auth	required	pam_shells.so
"""

RHEL_PAM_VSFTPD = """\
#%PAM-1.0
session    optional     pam_keyinit.so    force revoke
auth       required	pam_listfile.so item=user sense=deny file=/etc/vsftpd/ftpusers onerr=succeed
auth       required	pam_shells.so
auth       include	password-auth
account    include	password-auth
session    required     pam_loginuid.so
session    include	password-auth
"""

INETD = "/etc/inetd.conf"
VSFTPD = "/etc/vsftpd.conf"
FTPUSERS = "/etc/ftpusers"
PAM = "/etc/pam.d/vsftpd"


def _inetd(text: str) -> InetdConf:
    return parse_inetd(text, INETD)


def _vsftpd(text: str) -> VsftpdConf:
    return parse_vsftpd(text, VSFTPD)


def _ftpusers(text: str) -> FtpUsers:
    return parse_ftpusers(text, FTPUSERS)


# =========================================================================== inetd.conf


def test_aix_inetd_conf_enabled_and_disabled_services():
    conf = _inetd(AIX_INETD_CONF)
    assert conf.malformed == ()
    assert tuple(s.name for s in conf.services if s.enabled) == AIX_ENABLED
    assert tuple(s.name for s in conf.services if not s.enabled) == AIX_DISABLED
    assert all(s.path == INETD for s in conf.services)


def test_aix_inetd_conf_ftp_line_fields():
    conf = _inetd(AIX_INETD_CONF)
    (ftp,) = enabled_services(conf, "ftp")
    line = AIX_INETD_CONF.split("\n").index("ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd") + 1
    assert ftp == InetdService(
        path=INETD,
        line=line,
        text="ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd",
        name="ftp",
        socket_type="stream",
        protocol="tcp6",
        wait="nowait",
        user="root",
        program="/usr/sbin/ftpd",
        args=("ftpd",),
        enabled=True,
    )


def test_aix_inetd_conf_sunrpc_and_argument_lines():
    conf = _inetd(AIX_INETD_CONF)
    (rstatd,) = enabled_services(conf, "rstatd")
    assert (rstatd.socket_type, rstatd.protocol, rstatd.wait) == ("sunrpc_udp", "udp", "wait")
    assert rstatd.program == "/usr/sbin/rpc.rstatd"
    assert rstatd.args == ("rstatd", "100001", "1-3")
    (telnet,) = enabled_services(conf, "telnet")
    assert telnet.args == ("telnetd", "-a")
    (dtspc,) = enabled_services(conf, "dtspc")
    assert dtspc.args == ("/usr/dt/bin/dtspcd",)
    (tftp,) = [s for s in conf.services if s.name == "tftp"]
    assert (tftp.enabled, tftp.wait, tftp.user) == (False, "SRC", "nobody")


def test_enabled_services_ignores_disabled_lines():
    conf = _inetd(AIX_INETD_CONF)
    assert enabled_services(conf, "exec") == ()
    assert enabled_services(conf, "uucp") == ()
    assert enabled_services(conf, "nosuch") == ()
    assert [s.protocol for s in enabled_services(conf, "time")] == ["tcp"]


@pytest.mark.parametrize(
    ("line", "enabled"),
    [
        ("ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd", True),
        ("ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/ftpd\tftpd", True),
        ("ftp stream tcp nowait root /usr/sbin/ftpd ftpd", True),
        ("  ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd  ", True),
        ("ftp\tstream\ttcp6\tnowait.400\troot\t/usr/sbin/ftpd\tftpd", True),
        ("ftp\tstream\ttcp\tnowait\troot.system\t/usr/sbin/ftpd\tftpd", True),
        ("ftp\tstream\ttcp\tnowait\troot:system\t/usr/sbin/ftpd\tftpd", True),
        ("ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/ftpd\tftpd\r", True),
        ("#ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd", False),
        ("#ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/ftpd\tftpd", False),
        ("# ftp stream tcp6 nowait root /usr/sbin/ftpd ftpd", False),
        ("#<off># ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/vsftpd", False),
    ],
)
def test_ftp_enabled_or_disabled(line, enabled):
    conf = _inetd(line + "\n")
    assert conf.malformed == ()
    (service,) = conf.services
    assert (service.name, service.enabled, service.line) == ("ftp", enabled, 1)
    assert service.text == line.strip()
    assert enabled_services(conf, "ftp") == ((service,) if enabled else ())


@pytest.mark.parametrize(
    "line",
    [
        "## ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd",
        "##ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd",
        "#  ftp stream tcp6 nowait root /usr/sbin/ftpd ftpd",
        "#\tftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd",
        "# ftp is the file transfer protocol daemon",
        "#ftp\tstream\ttcp6\tnowait\troot",
        "# service name  socket  protocol wait/nowait  user  server program  server program arguments",
        "#",
        "#ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\x00ftpd",
    ],
)
def test_comment_lines_are_neither_services_nor_malformed(line):
    conf = _inetd(line)
    assert conf == InetdConf((), ())


def test_tcp_and_tcp6_ftp_lines_are_both_enabled():
    conf = _inetd("ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/ftpd\tftpd\nftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd\n")
    assert [(s.protocol, s.line) for s in enabled_services(conf, "ftp")] == [("tcp", 1), ("tcp6", 2)]


def test_linux_host_prefix_and_rpc_version_suffix_name_the_service():
    conf = _inetd(
        "127.0.0.1:ftp\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t/usr/sbin/in.ftpd\n"
        "rstatd/1-3\tdgram\trpc/udp\twait\troot\t/usr/sbin/rpc.rstatd\trpc.rstatd\n"
    )
    assert [s.line for s in enabled_services(conf, "ftp")] == [1]
    assert [s.line for s in enabled_services(conf, "rstatd")] == [2]
    assert conf.services[0].name == "127.0.0.1:ftp"


@pytest.mark.parametrize(
    ("line", "reason_part"),
    [
        ("ftp\tstream\ttcp6\tnowait\troot", "found 5"),
        ("ftp", "found 1"),
        ("ftp\tstreem\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd", "unknown socket type 'streem'"),
        ("ftp\tstream\ttcp7\tnowait\troot\t/usr/sbin/ftpd\tftpd", "unknown protocol 'tcp7'"),
        ("ftp\tstream\ttcp6\tsometimes\troot\t/usr/sbin/ftpd\tftpd", "wait/nowait"),
        ("ftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\x00\tftpd", "NUL"),
    ],
)
def test_malformed_active_lines_are_reported_with_line_numbers(line, reason_part):
    text = "## prose\n#exec\tstream\ttcp6\tnowait\troot\t/usr/sbin/rexecd\trexecd\n\n" + line + "\n"
    conf = _inetd(text)
    assert [s.name for s in conf.services] == ["exec"]
    (bad,) = conf.malformed
    assert (bad.path, bad.line, bad.text) == (INETD, 4, line.strip())
    assert reason_part in bad.reason
    assert enabled_services(conf, "ftp") == ()


def test_malformed_lines_do_not_stop_parsing():
    conf = _inetd("bad line\nftp\tstream\ttcp6\tnowait\troot\t/usr/sbin/ftpd\tftpd\nworse\n")
    assert [m.line for m in conf.malformed] == [1, 3]
    assert [s.line for s in enabled_services(conf, "ftp")] == [2]


def test_inetd_results_are_frozen_and_hashable():
    conf = _inetd(AIX_INETD_CONF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        conf.services[0].enabled = False  # type: ignore[misc]
    assert hash(conf)


# =========================================================================== vsftpd.conf


def test_debian_stock_vsftpd_conf():
    conf = _vsftpd(DEBIAN_VSFTPD_CONF)
    assert conf.path == VSFTPD
    assert conf.malformed == ()
    assert conf.unknown == ()
    assert {key: s.value for key, s in conf.settings.items()} == DEBIAN_VSFTPD_SETTINGS
    lines = DEBIAN_VSFTPD_CONF.split("\n")
    for key, setting in conf.settings.items():
        assert setting.key == key
        assert lines[setting.line - 1] == f"{key}={setting.value}"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("anonymous_enable", False),
        ("local_enable", True),
        ("ssl_enable", False),
        ("listen", False),
        ("listen_ipv6", True),
        ("write_enable", False),  # commented out: the default applies
        ("anon_upload_enable", False),
        ("chroot_local_user", False),
        ("userlist_enable", False),
        ("force_local_logins_ssl", True),
    ],
)
def test_debian_stock_vsftpd_flags(key, expected):
    assert flag(_vsftpd(DEBIAN_VSFTPD_CONF), key) is expected


def test_debian_stock_vsftpd_where():
    conf = _vsftpd(DEBIAN_VSFTPD_CONF)
    line = DEBIAN_VSFTPD_CONF.split("\n").index("anonymous_enable=NO") + 1
    assert where(conf, "anonymous_enable") == f"{VSFTPD}:{line}"
    assert where(conf, "write_enable") == f"{VSFTPD}: not set (vsftpd default NO)"
    assert value(conf, "pam_service_name") == "vsftpd"
    assert value(conf, "userlist_file") == "/etc/vsftpd.user_list"


@pytest.mark.parametrize(
    ("key", "default"),
    [
        ("anonymous_enable", "YES"),
        ("local_enable", "NO"),
        ("write_enable", "NO"),
        ("anon_upload_enable", "NO"),
        ("ssl_enable", "NO"),
        ("force_local_logins_ssl", "YES"),
        ("force_local_data_ssl", "YES"),
        ("force_anon_logins_ssl", "NO"),
        ("force_anon_data_ssl", "NO"),
        ("allow_anon_ssl", "NO"),
        ("ssl_tlsv1", "YES"),
        ("ssl_sslv2", "NO"),
        ("ssl_sslv3", "NO"),
        ("listen_ipv6", "NO"),
        ("listen_port", "21"),
        ("userlist_enable", "NO"),
        ("userlist_deny", "YES"),
        ("userlist_file", "/etc/vsftpd.user_list"),
        ("pam_service_name", "ftp"),
        ("ftp_username", "ftp"),
        ("chroot_local_user", "NO"),
        ("implicit_ssl", "NO"),
        ("rsa_cert_file", "/usr/share/ssl/certs/vsftpd.pem"),
        ("listen", "YES"),  # vsftpd 3.0.x tunables.c; the man page still says NO
    ],
)
def test_defaults_apply_when_a_key_is_absent(key, default):
    conf = _vsftpd("")
    assert DEFAULTS[key] == default
    assert value(conf, key) == default
    assert where(conf, key) == f"{VSFTPD}: not set (vsftpd default {default})"
    assert key in KNOWN_KEYS


def test_empty_file_anonymous_defaults_to_yes():
    conf = _vsftpd("# nothing here\n\n")
    assert conf.settings == {}
    assert flag(conf, "anonymous_enable") is True


def test_key_without_default_raises_key_error_but_where_explains():
    conf = _vsftpd("")
    with pytest.raises(KeyError, match="anon_root"):
        value(conf, "anon_root")
    with pytest.raises(KeyError):
        flag(conf, "no_such_option")
    assert where(conf, "anon_root") == f"{VSFTPD}: not set (no vsftpd default)"
    assert value(_vsftpd("anon_root=/srv/ftp\n"), "anon_root") == "/srv/ftp"


def test_last_occurrence_wins():
    conf = _vsftpd("anonymous_enable=NO\nlocal_enable=YES\nanonymous_enable=YES\n")
    assert conf.settings["anonymous_enable"] == Setting("anonymous_enable", "YES", 3)
    assert flag(conf, "anonymous_enable") is True
    assert where(conf, "anonymous_enable") == f"{VSFTPD}:3"


@pytest.mark.parametrize(
    "line",
    [
        "anonymous_enable = NO",
        "anonymous_enable =NO",
        "anonymous_enable= NO",
        "anonymous_enable\t=NO",
        "anonymous_enable=\tNO",
    ],
)
def test_space_around_equals_is_malformed_and_sets_nothing(line):
    conf = _vsftpd("# header\n" + line + "\n")
    assert conf.settings == {}
    assert conf.malformed == (Malformed(VSFTPD, 2, line, "space around '=' (vsftpd rejects this line)"),)
    assert flag(conf, "anonymous_enable") is True
    assert where(conf, "anonymous_enable") == f"{VSFTPD}: not set (vsftpd default YES)"


@pytest.mark.parametrize(
    ("line", "reason_part"),
    [
        ("  anonymous_enable=NO", "whitespace before the option name"),
        ("\tanonymous_enable=NO", "whitespace before the option name"),
        (" # indented comment", "whitespace before the option name"),
        ("anonymous_enable", "no '='"),
        ("anonymous_enable NO", "no '='"),
        ("=NO", "empty option name"),
        ("anonymous enable=NO", "option name"),
        ("anonymous_enable=N\x00O", "NUL"),
    ],
)
def test_other_malformed_lines(line, reason_part):
    conf = _vsftpd("listen=YES\n" + line + "\nlocal_enable=YES\n")
    (bad,) = conf.malformed
    assert (bad.path, bad.line, bad.text) == (VSFTPD, 2, line)
    assert reason_part in bad.reason
    assert set(conf.settings) == {"listen", "local_enable"}


def test_keys_are_case_sensitive_and_unknown_keys_are_listed():
    conf = _vsftpd("Anonymous_enable=NO\nfoo_bar=1\nanonymous_enable=NO\nFoo_bar=2\n")
    assert [(s.key, s.line) for s in conf.unknown] == [("Anonymous_enable", 1), ("foo_bar", 2), ("Foo_bar", 4)]
    assert conf.malformed == ()
    assert conf.settings["Anonymous_enable"].value == "NO"
    assert flag(conf, "anonymous_enable") is False


def test_wrong_case_key_leaves_default_yes():
    conf = _vsftpd("Anonymous_enable=NO\n")
    assert flag(conf, "anonymous_enable") is True
    assert where(conf, "anonymous_enable") == f"{VSFTPD}: not set (vsftpd default YES)"
    assert conf.unknown == (Setting("Anonymous_enable", "NO", 1),)


@pytest.mark.parametrize(
    "key",
    [
        "listen_address",
        "anon_root",
        "local_root",
        "chroot_list_file",
        "ftpd_banner",
        "ssl_tlsv1_2",
        "utf8_filesystem",
        "pasv_min_port",
        "nopriv_user",
        "user_config_dir",
        "seccomp_sandbox",
    ],
)
def test_documented_keys_are_known(key):
    assert key in KNOWN_KEYS
    assert _vsftpd(f"{key}=x\n").unknown == ()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("YES", True),
        ("yes", True),
        ("Yes", True),
        ("TRUE", True),
        ("true", True),
        ("1", True),
        ("NO", False),
        ("no", False),
        ("nO", False),
        ("FALSE", False),
        ("False", False),
        ("0", False),
    ],
)
def test_flag_spellings(written, expected):
    assert flag(_vsftpd(f"ssl_enable={written}\n"), "ssl_enable") is expected


@pytest.mark.parametrize(
    "written",
    ["MAYBE", "", "YES ", "Y", "on", "2", "yeſ", "ＹＥＳ", "YES#comment"],
)
def test_flag_raises_on_unreadable_boolean(written):
    conf = _vsftpd(f"# comment\nssl_enable={written}\n")
    assert conf.settings["ssl_enable"].value == written
    with pytest.raises(ValueError) as caught:
        flag(conf, "ssl_enable")
    message = str(caught.value)
    assert f"{VSFTPD}:2" in message
    assert "ssl_enable" in message
    assert repr(written) in message


def test_flag_maybe_message():
    conf = _vsftpd("ssl_enable=MAYBE\n")
    with pytest.raises(ValueError, match=r"^/etc/vsftpd\.conf:1: ssl_enable='MAYBE' is not a vsftpd boolean"):
        flag(conf, "ssl_enable")


def test_value_keeps_trailing_whitespace_but_strips_cr():
    conf = _vsftpd("ftpd_banner=Welcome  \nlisten=YES\r\nuserlist_file=/etc/a=b\n")
    assert value(conf, "ftpd_banner") == "Welcome  "
    assert value(conf, "listen") == "YES"
    assert flag(conf, "listen") is True
    assert value(conf, "userlist_file") == "/etc/a=b"  # split at the first '='


def test_empty_value_is_a_setting():
    conf = _vsftpd("ftpd_banner=\n")
    assert value(conf, "ftpd_banner") == ""
    assert conf.malformed == ()


def test_vsftpd_results_are_frozen():
    conf = _vsftpd(DEBIAN_VSFTPD_CONF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        conf.path = "/tmp/x"  # type: ignore[misc]
    assert hash(conf.settings["listen"])


# =========================================================================== vsftpd: TLS and anonymous logins
# vsftpd.conf(5) and prelogin.c (handle_user_command) / postlogin.c (data_transfer_checks_ok): with
# ssl_enable=YES, local sessions are forced by force_local_*_ssl (compiled default YES), anonymous ones
# only by force_anon_logins_ssl and force_anon_data_ssl (compiled default NO).

TLS_LOCAL = "ssl_enable=YES\nanonymous_enable=NO\n"
ANON_ON = "ssl_enable=YES\nanonymous_enable=YES\n"


def test_tls_plaintext_when_ssl_is_off():
    assert vsftpd_tls_problems(_vsftpd("ssl_enable=NO\nanonymous_enable=YES\n")) == [
        "/etc/vsftpd.conf:1: ssl_enable=NO: vsftpd serves plaintext FTP"
    ]
    [problem] = vsftpd_tls_problems(_vsftpd("anonymous_enable=NO\n"))
    assert problem == "/etc/vsftpd.conf: ssl_enable=NO (not set: vsftpd's compiled default): vsftpd serves plaintext FTP"


def test_tls_local_users_forced_by_default_and_anonymous_off_is_clean():
    assert vsftpd_tls_problems(_vsftpd(TLS_LOCAL)) == []


def test_tls_local_force_key_off_is_named_with_its_line():
    [problem] = vsftpd_tls_problems(_vsftpd(TLS_LOCAL + "force_local_data_ssl=NO\n"))
    assert problem.startswith("/etc/vsftpd.conf:3: force_local_data_ssl=NO: local users may transfer files without TLS")


def test_tls_anonymous_sessions_stay_in_the_clear_by_default():
    problems = vsftpd_tls_problems(_vsftpd(ANON_ON))
    assert len(problems) == 2
    login, data = problems
    assert login.startswith(
        "/etc/vsftpd.conf: force_anon_logins_ssl=NO (not set: vsftpd's compiled default): anonymous sessions log in"
    )
    assert data.startswith(
        "/etc/vsftpd.conf: force_anon_data_ssl=NO (not set: vsftpd's compiled default): anonymous sessions transfer"
    )
    for problem in problems:
        assert "anonymous logins are on (/etc/vsftpd.conf:2: anonymous_enable=YES)" in problem
        assert "allow_anon_ssl=NO (not set: vsftpd's compiled default)" in problem


def test_tls_anonymous_by_compiled_default_counts_too():
    problems = vsftpd_tls_problems(_vsftpd("ssl_enable=YES\n"))
    assert len(problems) == 2
    assert "anonymous_enable=YES (not set: vsftpd's compiled default)" in problems[0]


def test_tls_anonymous_data_only_in_the_clear():
    conf = _vsftpd(ANON_ON + "allow_anon_ssl=YES\nforce_anon_logins_ssl=YES\n")
    [problem] = vsftpd_tls_problems(conf)
    assert "force_anon_data_ssl=NO" in problem and "allow_anon_ssl" not in problem


def test_tls_anonymous_forced_is_clean():
    conf = _vsftpd(ANON_ON + "allow_anon_ssl=YES\nforce_anon_logins_ssl=YES\nforce_anon_data_ssl=YES\n")
    assert vsftpd_tls_problems(conf) == []


def test_tls_anonymous_forced_without_allow_anon_ssl_is_not_plaintext():
    """prelogin.c refuses anonymous TLS only when allow_anon_ssl and force_anon_logins_ssl are both off."""
    conf = _vsftpd(ANON_ON + "allow_anon_ssl=NO\nforce_anon_logins_ssl=YES\nforce_anon_data_ssl=YES\n")
    assert vsftpd_tls_problems(conf) == []


def test_tls_anonymous_keys_ignored_when_anonymous_is_off():
    assert vsftpd_tls_problems(_vsftpd(TLS_LOCAL + "force_anon_logins_ssl=NO\n")) == []


@pytest.mark.parametrize("key", ["ssl_enable", "anonymous_enable", "force_anon_data_ssl", "force_local_logins_ssl"])
def test_tls_unreadable_boolean_raises(key):
    conf = _vsftpd(ANON_ON + f"{key}=maybe\n")
    with pytest.raises(ValueError, match=key):
        vsftpd_tls_problems(conf)


def test_anonymous_enable_no_is_a_note_naming_vsftpd_and_the_line():
    assert vsftpd_anonymous(_vsftpd(TLS_LOCAL)) == ([], ["vsftpd: /etc/vsftpd.conf:2: anonymous_enable=NO"])


def test_anonymous_enable_yes_or_default_is_a_problem():
    problems, notes = vsftpd_anonymous(_vsftpd("ftp_username=anonftp\nanonymous_enable=YES\n"))
    assert problems == [
        "vsftpd: /etc/vsftpd.conf:2: anonymous_enable=YES: anyone may log in as anonymous (as the anonftp account)"
    ]
    assert notes == []
    problems, _ = vsftpd_anonymous(_vsftpd(""))
    assert problems[0].startswith("vsftpd: /etc/vsftpd.conf: anonymous_enable=YES (not set: vsftpd's compiled default)")


# =========================================================================== ftpusers


def test_aix_cis_ftpusers_list():
    text = "\n".join(AIX_CIS_FTPUSERS) + "\n"
    users = _ftpusers(text)
    assert users.names() == frozenset(AIX_CIS_FTPUSERS)
    assert users.entries == tuple(Entry(name, n) for n, name in enumerate(AIX_CIS_FTPUSERS, start=1))
    assert users.malformed == ()
    assert users.path == FTPUSERS


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("root", {"root"}),
        ("rooted", {"rooted"}),
        ("root # admin", set()),
        ("root#admin", set()),
        ("  root  ", {"root"}),
        ("root\r", {"root"}),
        ("\troot\t# superuser", set()),
        ("#root", set()),
        ("   # root", set()),
        ("", set()),
        ("   ", set()),
        ("Root", {"Root"}),
    ],
)
def test_ftpusers_whole_line_semantics(line, names):
    users = _ftpusers(line + "\n")
    assert users.names() == names
    # A name with a trailing comment denies no one, and is reported rather than dropped.
    assert bool(users.malformed) == ("#" in line and not line.strip().startswith("#"))


def test_rooted_does_not_count_as_root():
    users = _ftpusers("rooted\nadmin_root\nroot2\n")
    assert "root" not in users.names()


@pytest.mark.parametrize(
    ("line", "reason_part"),
    [
        ("root adm", "one account name per line"),
        ("root\tadm", "one account name per line"),
        ("root adm # two names", "denies no one"),
        ("root\u00a0", "one account name per line"),
        ("ro\x00ot", "NUL"),
    ],
)
def test_ftpusers_malformed_lines_contribute_no_name(line, reason_part):
    users = _ftpusers("bin\n" + line + "\ndaemon\n")
    assert users.names() == {"bin", "daemon"}
    (bad,) = users.malformed
    assert (bad.path, bad.line) == (FTPUSERS, 2)
    assert reason_part in bad.reason


def test_ftpusers_line_numbers_count_comments_and_blanks():
    users = _ftpusers("# AIX ftpusers\n\nroot\n  \nadm # added by CIS\nbin\n")
    assert users.entries == (Entry("root", 3), Entry("bin", 6))
    assert [m.line for m in users.malformed] == [5]


# =========================================================================== PAM


def test_debian_pam_vsftpd():
    found, malformed = parse_pam_listfiles(DEBIAN_PAM_VSFTPD, PAM)
    assert malformed == ()
    assert found == (ListFile(PAM, 2, "/etc/ftpusers", "deny", "user", "succeed", "required", "auth"),)


def test_rhel_pam_vsftpd():
    found, malformed = parse_pam_listfiles(RHEL_PAM_VSFTPD, "/etc/pam.d/vsftpd")
    assert malformed == ()
    (entry,) = found
    assert (entry.file, entry.sense, entry.item, entry.onerr) == ("/etc/vsftpd/ftpusers", "deny", "user", "succeed")
    assert (entry.line, entry.control, entry.type) == (3, "required", "auth")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "auth [success=1 default=ignore] pam_listfile.so item=user sense=allow file=/etc/ftpallow onerr=fail",
            ("/etc/ftpallow", "allow", "user", "fail", "[success=1 default=ignore]", "auth"),
        ),
        (
            "-auth required /lib/x86_64-linux-gnu/security/pam_listfile.so sense=deny file=/etc/ftpusers",
            ("/etc/ftpusers", "deny", "", "", "required", "auth"),
        ),
        (
            "AUTH requisite pam_listfile.so onerr=succeed item=user sense=deny file=/etc/x # trailing",
            ("/etc/x", "deny", "user", "succeed", "requisite", "auth"),
        ),
        ("account required pam_listfile.so", ("", "", "", "", "required", "account")),
        (
            "auth required pam_listfile.so [file=/etc/ftp users] sense=deny",
            ("/etc/ftp users", "deny", "", "", "required", "auth"),
        ),
        (
            "auth required pam_listfile.so file=/etc/a file=/etc/b",
            ("/etc/b", "", "", "", "required", "auth"),
        ),
    ],
)
def test_pam_listfile_lines(line, expected):
    (entry,), malformed = parse_pam_listfiles("#%PAM-1.0\n" + line + "\n", PAM)
    assert malformed == ()
    assert entry.line == 2
    assert (entry.file, entry.sense, entry.item, entry.onerr, entry.control, entry.type) == expected


@pytest.mark.parametrize(
    "line",
    [
        "auth required pam_listfile_extra.so file=/etc/ftpusers",
        "auth required pam_shells.so",
        "# auth required pam_listfile.so file=/etc/ftpusers",
        "@include common-auth",
        "auth include password-auth",
    ],
)
def test_pam_other_lines_yield_nothing(line):
    assert parse_pam_listfiles(line + "\n", PAM) == ((), ())


def test_pam_continuation_lines_are_joined():
    text = "# x\nauth required \\\n  pam_listfile.so item=user \\\n  sense=deny file=/etc/ftpusers\n"
    (entry,), malformed = parse_pam_listfiles(text, PAM)
    assert malformed == ()
    assert (entry.line, entry.file, entry.sense) == (2, "/etc/ftpusers", "deny")


@pytest.mark.parametrize(
    ("line", "reason_part"),
    [
        ("authx required pam_listfile.so file=/etc/ftpusers", "unknown module type 'authx'"),
        ("auth", "no control"),
        ("auth required", "no module"),
        ("auth [success=1 default=ignore pam_listfile.so file=/etc/ftpusers", "unterminated '['"),
        ("auth required pam_listfile.so\x00 file=/etc/ftpusers", "NUL"),
    ],
)
def test_pam_malformed_lines(line, reason_part):
    found, malformed = parse_pam_listfiles("#%PAM-1.0\n" + line + "\n", PAM)
    assert found == ()
    (bad,) = malformed
    assert (bad.path, bad.line, bad.text) == (PAM, 2, line)
    assert reason_part in bad.reason


def test_pam_continuation_at_end_of_file_is_reported():
    found, malformed = parse_pam_listfiles("auth required pam_listfile.so \\", PAM)
    assert found == ()
    assert [(m.line, "continuation" in m.reason) for m in malformed] == [(1, True)]


# =========================================================================== robustness

PARSERS = [
    pytest.param(lambda text: parse_inetd(text, INETD), id="inetd"),
    pytest.param(lambda text: parse_vsftpd(text, VSFTPD), id="vsftpd"),
    pytest.param(lambda text: parse_ftpusers(text, FTPUSERS), id="ftpusers"),
    pytest.param(lambda text: parse_pam_listfiles(text, PAM), id="pam"),
]

GARBAGE = [
    "",
    "\x00",
    "\x00" * 1000,
    "\n" * 1000,
    "\r\n\r\n",
    "#",
    "##",
    "#<off>#",
    "=",
    "==",
    "[",
    "]",
    "\\",
    "\\\n\\\n\\",
    "@include",
    "auth [",
    "ftp\x00stream\x00tcp\x00nowait\x00root\x00/x",
    "ftp stream tcp nowait root /x " + "a " * 100_000,
    "a" * 500_000,
    "=" * 100_000,
    "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e",
    "ünïcödé=日本語\n日本語 stream tcp nowait root /x\n",
    "\udcff\udc80=\udcfe\n",
]


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("text", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_never_raises(parse, text):
    parse(text)


@pytest.mark.parametrize("parse", PARSERS)
def test_random_bytes_never_raise(parse):
    rng = random.Random(20240611)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
        parse(data.decode("utf-8", errors="surrogateescape"))


@pytest.mark.parametrize("parse", PARSERS)
def test_random_config_alphabet_never_raises(parse):
    rng = random.Random(7)
    alphabet = "ftpauthrequiredstreamtcp6=#[]\\@-/.: \t\n\r\x00é"
    for _ in range(300):
        parse("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))))


def test_ten_thousand_lines():
    inetd_lines = "\n".join(
        f"svc{n}\tstream\ttcp\tnowait\troot\t/usr/sbin/svc{n}\tsvc{n}" if n % 3 else f"#svc{n} bad" for n in range(10_000)
    )
    conf = parse_inetd(inetd_lines, INETD)
    assert len(conf.services) == 6666 and conf.malformed == ()

    vsftpd_lines = "\n".join(f"key{n % 50}=v{n}" if n % 7 else "bad line" for n in range(10_000))
    vconf = parse_vsftpd(vsftpd_lines, VSFTPD)
    assert len(vconf.settings) == 50 and len(vconf.malformed) == 1429
    assert vconf.settings["key1"].line == 9952

    users = parse_ftpusers("\n".join(f"user{n}" for n in range(10_000)), FTPUSERS)
    assert len(users.names()) == 10_000 and users.entries[-1] == Entry("user9999", 10_000)

    pam_lines = "\n".join("auth required pam_listfile.so file=/etc/ftpusers sense=deny" for _ in range(10_000))
    found, malformed = parse_pam_listfiles(pam_lines, PAM)
    assert len(found) == 10_000 and malformed == () and found[-1].line == 10_000


@pytest.mark.parametrize("parse", PARSERS)
def test_nul_characters_are_reported_not_accepted(parse):
    result = parse("ftp\tstream\ttcp\tnowait\troot\t/x\x00\tftpd\nssl_enable=N\x00O\nro\x00ot\n")
    malformed = result[1] if isinstance(result, tuple) else result.malformed
    assert malformed
    assert all(isinstance(m, Malformed) and m.reason for m in malformed)
