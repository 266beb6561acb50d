"""Where each platform keeps the files the controls read: the only place that knows.

Controls never branch on the platform; they ask the host's `Paths` for a path,
an account group set or a parser switch.
"""

from __future__ import annotations

from dataclasses import dataclass

AIX_SYSGROUPS = frozenset({"system", "sys", "bin"})
LINUX_SYSGROUPS = frozenset({"root", "sys", "bin"})


@dataclass(frozen=True)
class FtpPaths:
    inetd_conf: str | None  # AIX: ftpd runs from inetd
    #: daemon binaries: any existing = FTP installed; empty = part of the base OS.
    daemons: tuple[str, ...]
    units: frozenset[str]
    processes: frozenset[str]
    vsftpd_confs: tuple[str, ...]
    #: pure-ftpd: Debian's wrapper turns the option files of the directory into flags; elsewhere pure-ftpd.conf.
    pureftpd_wrapper: str | None
    pureftpd_conf_dir: str | None
    pureftpd_conf: str | None
    #: proftpd: its configuration (Debian's, then the upstream place) and the files that hold its command-line options.
    proftpd_confs: tuple[str, ...]
    proftpd_options: tuple[str, ...]
    pam_file: str | None
    ftpusers: tuple[str, ...]  # candidates, the first is the platform's own
    system_accounts: frozenset[str]
    # FTP-11 .. FTP-13, FTP-16
    #: AIX ftpd's access control file (herald:, allow:, deny: lines); None where the daemon has none.
    ftpaccess_ctl: str | None = None
    #: AIX per-account attributes in stanza form (umask); None on Linux.
    security_user: str | None = None
    #: OpenSSH's server configuration (sftp subsystem), and the directory Debian's stock file includes.
    sshd_config: str = "/etc/ssh/sshd_config"
    sshd_config_dir: str = "/etc/ssh/sshd_config.d"
    #: where the distribution's own PAM file sits when /etc/pam.d has none (Linux-PAM's vendordir; openSUSE
    #: Tumbleweed and SLES 16 packages install /usr/lib/pam.d/vsftpd).
    pam_vendor_file: str | None = None


@dataclass(frozen=True)
class SnmpPaths:
    confs: tuple[tuple[str, str], ...]  # (path, parser flavor)
    mib_files: tuple[str, ...]
    mib_dirs: tuple[str, ...]
    mib_suffixes: tuple[str, ...]  # empty = every file
    mib_recursive: bool
    #: rc.tcpip programs and SRC subsystems (AIX); systemd units and processes (Linux).
    agents: tuple[str, ...]
    subsystems: frozenset[str]
    units: frozenset[str]
    processes: frozenset[str]
    #: the files the agent itself reads (not the manager's or the trap receiver's).
    agent_confs: tuple[str, ...]
    #: the agent program; absent = no SNMP agent installed (SNMP-09).
    agent_program: str
    #: where agent_program is a link: the targets that are SNMPv3 agents and those that are SNMPv1 (AIX).
    v3_agents: frozenset[str]
    v1_agents: frozenset[str]
    #: sub-agent programs started from rc.tcpip (AIX); their SRC subsystems share the base name.
    subagents: tuple[str, ...]
    #: the agent programs themselves, whichever the snmpd link points at (AIX; CIS wants them not installed)
    agent_binaries: tuple[str, ...]
    #: daemon log files checked where they exist (CIS AIX 4.1.1.x).
    log_files: tuple[str, ...]
    #: (shell environment file, variable holding snmpd's options): where a -Lf log file is named.
    options_files: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class MailPaths:
    sendmail_cfs: tuple[str, ...]
    postfix_main: str
    #: aliases files the catalog names, each its own test case (AliasFile values come on top).
    aliases: tuple[str, ...]
    programs: tuple[str, ...]  # rc.tcpip start lines
    subsystems: frozenset[str]
    units: frozenset[str]
    processes: frozenset[str]
    #: where the list of mounted filesystems comes from, for a filesystem-wide .forward search.
    mounts_file: str | None
    mounts_command: bool
    #: sendmail's mail submission program configuration (MAIL-15, CIS 4.1.1.6).
    submit_cfs: tuple[str, ...] = ("/etc/mail/submit.cf",)
    #: sendmail's queues where its .cf names no QueueDirectory: the MTA's and the submission program's (MAIL-16).
    mta_queue: str = "/var/spool/mqueue"
    msp_queue: str = "/var/spool/clientmqueue"
    #: groups accepted beside the profile's for the syslog and sendmail configuration and queue: root's group on Linux.
    conf_groups_extra: frozenset[str] = frozenset()
    #: systemd units that would start comsat (biff) (MAIL-14).
    comsat_units: frozenset[str] = frozenset()


ALIASES_CANDIDATES = ("/etc/mail/aliases", "/etc/aliases", "/usr/lib/aliases")


@dataclass(frozen=True)
class TftpPaths:
    """TFTP (FTP-07, FTP-08), the super-servers that start it (FTP-17) and .netrc use (FTP-09)."""

    #: inetd.conf wherever an inetd may read it (AIX's own, or openbsd-inetd on Linux).
    inetd_confs: tuple[str, ...]
    #: xinetd reads only its main file and the directories that file includes.
    xinetd_conf: str | None
    xinetd_dir: str | None
    #: TFTP daemon binaries: any existing one is checked for its mode (FTP-08).
    daemons: tuple[str, ...]
    units: frozenset[str]
    subsystems: frozenset[str]
    processes: frozenset[str]
    #: SysV boot links (Debian's tftpd-hpa is an init script): S??NAME in these directories.
    rc_dirs: tuple[str, ...]
    rc_scripts: tuple[str, ...]
    #: AIX tftpd's access list, and tftpd-hpa's defaults file.
    access_ctl: str | None
    hpa_defaults: str | None
    #: AIX securetcpip's record of commands that may not read .netrc (FTP-09).
    security_config: str | None
    #: configuration files of inetd and xinetd judged for owner, group and mode (FTP-17).
    protected_confs: tuple[str, ...]
    #: groups accepted beside the profile's for those files: root's group on Linux (as CRON-05).
    conf_groups_extra: frozenset[str]
    #: accounts the FTP daemon serves anonymous users as, which must have no login shell (FTP-15).
    anonymous_accounts: tuple[str, ...]
    #: where tftp.service (RHEL tftp-server; tftp.socket starts it) may be defined, first found wins,
    #: and its drop-in directories (not read: a drop-in leaves its command line unknown).
    unit_files: tuple[str, ...]
    unit_dropins: tuple[str, ...]


@dataclass(frozen=True)
class Paths:
    name: str  # aix, debian, rhel
    family: str  # aix or linux
    sysgroups: frozenset[str]
    cron_sysgroups: frozenset[str]
    at_sysgroups: frozenset[str]
    cron_allow: str
    cron_deny: str
    at_allow: str
    at_deny: str
    crontab_dir: str
    at_dir: str
    #: cron's own log (AIX); None where cron logs through syslog.
    cron_log: str | None
    #: /etc/crontab and /etc/cron.d: crontabs with a user field.
    system_crontab: str | None
    cron_d: str | None
    run_parts_dirs: tuple[str, ...]
    #: anacron's table (Linux): run as root, like /etc/crontab.
    anacrontab: str | None
    #: any of these existing means cron (or at) is installed; empty = always installed.
    cron_binaries: tuple[str, ...]
    at_binaries: tuple[str, ...]
    syslog_confs: tuple[str, ...]
    syslog_dirs: tuple[str, ...]
    #: rsyslog creates a missing log file; AIX syslogd does not, so there a missing one logs nothing.
    syslog_creates_files: bool
    #: Linux cron takes NAME=value lines and @reboot; AIX cron does not.
    cron_extensions: bool
    cron_dir_groups_extra: frozenset[str]
    #: where the system-account threshold sits unless the profile says otherwise.
    system_uid_below: int
    rc_tcpip: str | None
    systemd_dir: str | None
    #: SysV runlevel directories whose S??NAME links start /etc/init.d/NAME at boot (multi-user levels 2-5).
    sysv_rc_dirs: tuple[str, ...]
    #: where native systemd unit files live: a native NAME.service makes systemd ignore the SysV script NAME.
    unit_dirs: tuple[str, ...]
    #: AIX /etc/inittab: the entries init runs when it enters the boot run level (inittab(4)).
    inittab: str | None
    #: AIX /etc/rc.d/rcN.d: /etc/rc.d/rc runs their S* files with "start" at run level N.
    rc_d_dirs: tuple[str, ...]
    ftp: FtpPaths
    snmp: SnmpPaths
    mail: MailPaths
    tftp: TftpPaths
    # -- SUSE and os-release families (issue 18) --------------------------------------------------------
    #: cronie takes a '-' (no syslog) prefix before the minute field in system crontabs and root's own (RHEL, SUSE).
    cronie: bool = False
    #: accounts and groups the at daemon runs as, accepted for the at spool beside the profile's (SUSE: at).
    at_dir_owners_extra: frozenset[str] = frozenset()
    #: at's output spool (SUSE /var/spool/atspool), judged with the job spool by AT-04 where it exists.
    at_output_dir: str | None = None
    #: run-crons' time stamps (SUSE /var/spool/cron/lastrun): whoever writes there decides when cron.daily runs.
    cron_lastrun_dir: str | None = None
    #: SUSE's sysconfig files: cron's run-crons settings, and mail/postfix, from which config.postfix rewrites main.cf.
    sysconfig_cron: str | None = None
    sysconfig_mail: str | None = None
    sysconfig_postfix: str | None = None
    #: syslog-ng's configuration and the directory its stock file includes (SUSE can run it instead of rsyslog).
    syslog_ng_conf: str | None = None
    syslog_ng_dir: str | None = None
    #: SUSE's permission lists, which permctl (chkstat) applies: the documented source of modes and owners.
    permissions_files: tuple[str, ...] = ()


AIX = Paths(
    name="aix",
    family="aix",
    sysgroups=AIX_SYSGROUPS,
    cron_sysgroups=AIX_SYSGROUPS | {"cron"},
    at_sysgroups=AIX_SYSGROUPS | {"cron"},
    cron_allow="/var/adm/cron/cron.allow",
    cron_deny="/var/adm/cron/cron.deny",
    at_allow="/var/adm/cron/at.allow",
    at_deny="/var/adm/cron/at.deny",
    crontab_dir="/var/spool/cron/crontabs",
    at_dir="/var/spool/cron/atjobs",
    cron_log="/var/adm/cron/log",
    system_crontab=None,
    cron_d=None,
    anacrontab=None,
    run_parts_dirs=(),
    cron_binaries=(),
    at_binaries=(),
    syslog_confs=("/etc/syslog.conf",),
    syslog_dirs=(),
    syslog_creates_files=False,
    cron_extensions=False,
    cron_dir_groups_extra=frozenset(),
    system_uid_below=100,
    rc_tcpip="/etc/rc.tcpip",
    systemd_dir=None,
    sysv_rc_dirs=(),
    unit_dirs=(),
    inittab="/etc/inittab",
    rc_d_dirs=tuple(f"/etc/rc.d/rc{n}.d" for n in range(2, 10)),
    ftp=FtpPaths(
        inetd_conf="/etc/inetd.conf",
        daemons=(),  # ftpd is part of the base OS (bos.net.tcp.client)
        units=frozenset(),
        processes=frozenset(),
        vsftpd_confs=(),
        pureftpd_wrapper=None,
        pureftpd_conf_dir=None,
        pureftpd_conf=None,
        proftpd_confs=(),
        proftpd_options=(),
        pam_file=None,
        ftpusers=("/etc/ftpusers",),
        # IBM's system special accounts and DISA's AIX list (research sheet §1.4).
        system_accounts=frozenset(
            {
                "root",
                "daemon",
                "bin",
                "sys",
                "adm",
                "nobody",
                "uucp",
                "nuucp",
                "lpd",
                "lp",
                "guest",
                "invscout",
                "imnadm",
                "ipsec",
                "snapp",
                "pconsole",
                "esaadmin",
                "sshd",
                "srvproxy",
            }
        ),
        ftpaccess_ctl="/etc/ftpaccess.ctl",
        security_user="/etc/security/user",
    ),
    snmp=SnmpPaths(
        confs=(
            ("/etc/snmpd.conf", "aix-v1"),
            ("/etc/snmpdv3.conf", "aix-v3"),
            ("/etc/clsnmp.conf", "clsnmp"),
            ("/etc/snmpd.peers", "peers"),
        ),
        mib_files=("/etc/mib.defs",),
        mib_dirs=("/usr/samples/snmpd",),
        mib_suffixes=(".my", ".mib"),
        mib_recursive=False,
        agents=("/usr/sbin/snmpd", "/usr/sbin/dpid2", "/usr/sbin/snmpmibd", "/usr/sbin/aixmibd", "/usr/sbin/hostmibd"),
        subsystems=frozenset({"snmpd", "dpid2", "snmpmibd", "aixmibd", "hostmibd"}),
        units=frozenset(),
        processes=frozenset(),
        agent_confs=("/etc/snmpd.conf", "/etc/snmpdv3.conf"),
        agent_program="/usr/sbin/snmpd",
        # /usr/sbin/snmpd links to snmpdv3ne (AIX 7 default) or snmpdv3e (encrypted), snmpdv1 after snmpv3_ssw -1.
        v3_agents=frozenset({"snmpdv3ne", "snmpdv3e"}),
        v1_agents=frozenset({"snmpdv1"}),
        subagents=("/usr/sbin/dpid2", "/usr/sbin/snmpmibd", "/usr/sbin/hostmibd", "/usr/sbin/aixmibd"),
        agent_binaries=("/usr/sbin/snmpdv3ne", "/usr/sbin/snmpdv3e", "/usr/sbin/snmpdv1"),
        log_files=("/var/tmp/dpid2.log", "/var/tmp/hostmibd.log", "/var/tmp/snmpd.log", "/var/tmp/snmpdv3.log"),
        options_files=(),
    ),
    mail=MailPaths(
        sendmail_cfs=("/etc/mail/sendmail.cf", "/etc/sendmail.cf"),
        postfix_main="/etc/postfix/main.cf",
        aliases=ALIASES_CANDIDATES,
        programs=("/usr/lib/sendmail", "/usr/sbin/sendmail"),
        subsystems=frozenset({"sendmail"}),
        units=frozenset(),
        processes=frozenset(),
        mounts_file=None,
        mounts_command=True,
    ),
    tftp=TftpPaths(
        inetd_confs=("/etc/inetd.conf",),
        xinetd_conf=None,
        xinetd_dir=None,
        daemons=("/usr/sbin/tftpd",),
        units=frozenset(),
        subsystems=frozenset({"tftpd"}),
        processes=frozenset({"tftpd"}),
        rc_dirs=(),
        rc_scripts=(),
        access_ctl="/etc/tftpaccess.ctl",
        hpa_defaults=None,
        security_config="/etc/security/config",
        protected_confs=("/etc/inetd.conf",),
        conf_groups_extra=frozenset(),
        anonymous_accounts=("ftp", "anonymous"),  # AIX ftpd takes either as the anonymous user
        unit_files=(),
        unit_dropins=(),
    ),
)


def _linux(
    name: str,
    crontab_dir: str,
    at_dir: str,
    sysv_rc_dirs: tuple[str, ...],
    *,
    suse: bool = False,
    cronie: bool = False,
) -> Paths:
    """The Linux catalog: Debian and RHEL differ only in where cron and at spool their jobs; SUSE adds its sysconfig,
    syslog-ng, permission lists and the at account."""
    return Paths(
        name=name,
        cronie=cronie,
        at_dir_owners_extra=frozenset({"at"}) if suse else frozenset(),
        at_output_dir="/var/spool/atspool" if suse else None,
        cron_lastrun_dir="/var/spool/cron/lastrun" if suse else None,
        sysconfig_cron="/etc/sysconfig/cron" if suse else None,
        sysconfig_mail="/etc/sysconfig/mail" if suse else None,
        sysconfig_postfix="/etc/sysconfig/postfix" if suse else None,
        syslog_ng_conf="/etc/syslog-ng/syslog-ng.conf" if suse else None,
        syslog_ng_dir="/etc/syslog-ng/conf.d" if suse else None,
        permissions_files=SUSE_PERMISSIONS if suse else (),
        crontab_dir=crontab_dir,
        at_dir=at_dir,
        family="linux",
        sysgroups=LINUX_SYSGROUPS,
        cron_sysgroups=LINUX_SYSGROUPS | {"crontab"},
        at_sysgroups=LINUX_SYSGROUPS | {"daemon"} | ({"at"} if suse else set()),
        cron_allow="/etc/cron.allow",
        cron_deny="/etc/cron.deny",
        at_allow="/etc/at.allow",
        at_deny="/etc/at.deny",
        cron_log=None,
        system_crontab="/etc/crontab",
        cron_d="/etc/cron.d",
        run_parts_dirs=("/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly", "/etc/cron.yearly"),
        anacrontab="/etc/anacrontab",
        cron_binaries=("/usr/sbin/cron", "/usr/sbin/crond", "/usr/bin/crontab"),
        at_binaries=("/usr/bin/at", "/usr/sbin/atd"),
        syslog_confs=("/etc/rsyslog.conf", "/etc/syslog.conf"),
        syslog_dirs=("/etc/rsyslog.d",),
        syslog_creates_files=True,
        cron_extensions=True,
        cron_dir_groups_extra=frozenset({"crontab", "root"}),
        system_uid_below=1000,
        rc_tcpip=None,
        systemd_dir="/etc/systemd/system",
        sysv_rc_dirs=sysv_rc_dirs,
        unit_dirs=("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"),
        inittab=None,
        rc_d_dirs=(),
        ftp=FtpPaths(
            inetd_conf=None,
            daemons=("/usr/sbin/vsftpd", "/usr/sbin/proftpd", "/usr/sbin/pure-ftpd"),
            units=frozenset({"vsftpd.service", "vsftpd.socket", "proftpd.service", "pure-ftpd.service"}),
            processes=frozenset({"vsftpd", "proftpd", "pure-ftpd"}),
            vsftpd_confs=("/etc/vsftpd.conf", "/etc/vsftpd/vsftpd.conf"),
            pureftpd_wrapper="/usr/sbin/pure-ftpd-wrapper",
            pureftpd_conf_dir="/etc/pure-ftpd/conf",
            pureftpd_conf="/etc/pure-ftpd/pure-ftpd.conf",
            proftpd_confs=("/etc/proftpd/proftpd.conf", "/etc/proftpd.conf"),
            proftpd_options=("/etc/default/proftpd", "/etc/sysconfig/proftpd"),
            pam_file="/etc/pam.d/vsftpd",
            pam_vendor_file="/usr/lib/pam.d/vsftpd" if suse else None,
            ftpusers=("/etc/ftpusers", "/etc/vsftpd/ftpusers", "/etc/vsftpd.ftpusers"),
            system_accounts=frozenset(
                {
                    "root",
                    "daemon",
                    "bin",
                    "sys",
                    "sync",
                    "games",
                    "man",
                    "lp",
                    "mail",
                    "news",
                    "uucp",
                    "proxy",
                    "www-data",
                    "backup",
                    "list",
                    "irc",
                    "gnats",
                    "nobody",
                    "adm",
                    "shutdown",
                    "halt",
                    "operator",
                }
            ),
        ),
        snmp=SnmpPaths(
            confs=(
                ("/etc/snmp/snmpd.conf", "net-snmp"),
                # snmpd also reads snmpd.local.conf from each configuration directory (snmp_config(5))
                ("/etc/snmp/snmpd.local.conf", "net-snmp"),
                ("/etc/snmp/snmptrapd.conf", "net-snmp"),
                ("/var/lib/net-snmp/snmpd.conf", "net-snmp"),
                ("/var/lib/snmp/snmpd.conf", "net-snmp"),
            ),
            mib_files=(),
            mib_dirs=("/usr/share/snmp/mibs", "/usr/share/mibs"),
            mib_suffixes=(),
            mib_recursive=True,
            agents=(),
            subsystems=frozenset(),
            units=frozenset({"snmpd.service"}),
            processes=frozenset({"snmpd"}),
            agent_confs=(
                "/etc/snmp/snmpd.conf",
                "/etc/snmp/snmpd.local.conf",
                "/var/lib/net-snmp/snmpd.conf",
                "/var/lib/snmp/snmpd.conf",
            ),
            agent_program="/usr/sbin/snmpd",
            v3_agents=frozenset(),
            v1_agents=frozenset(),
            subagents=(),
            agent_binaries=(),
            log_files=(),
            options_files=(("/etc/default/snmpd", "SNMPDOPTS"), ("/etc/sysconfig/snmpd", "OPTIONS")),
        ),
        mail=MailPaths(
            sendmail_cfs=("/etc/mail/sendmail.cf", "/etc/sendmail.cf"),
            postfix_main="/etc/postfix/main.cf",
            aliases=ALIASES_CANDIDATES,
            programs=(),
            subsystems=frozenset(),
            units=frozenset({"sendmail.service", "postfix.service", "postfix@-.service", "exim4.service", "exim.service"}),
            # postfix's own daemon is plainly "master"; its qmgr and pickup names are its own.
            processes=frozenset({"sendmail", "exim4", "exim", "qmgr", "pickup"}),
            mounts_file="/proc/mounts",
            mounts_command=False,
            conf_groups_extra=frozenset({"root"}),
            comsat_units=frozenset({"comsat.socket", "comsat.service", "biff.socket", "biff.service"}),
        ),
        tftp=TftpPaths(
            inetd_confs=("/etc/inetd.conf",),
            xinetd_conf="/etc/xinetd.conf",
            xinetd_dir="/etc/xinetd.d",
            daemons=("/usr/sbin/in.tftpd", "/usr/sbin/atftpd"),
            # tftpd-hpa (Debian), tftp-server (RHEL: tftp.socket activates tftp.service), atftpd.
            units=frozenset({"tftpd-hpa.service", "tftp.socket", "tftp.service", "atftpd.service", "atftpd.socket"}),
            subsystems=frozenset(),
            processes=frozenset({"in.tftpd", "atftpd"}),
            rc_dirs=("/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d"),
            rc_scripts=("tftpd-hpa", "atftpd"),
            access_ctl=None,
            hpa_defaults="/etc/default/tftpd-hpa",
            security_config=None,
            protected_confs=("/etc/inetd.conf", "/etc/xinetd.conf"),
            conf_groups_extra=frozenset({"root"}),
            anonymous_accounts=("ftp",),
            unit_files=(
                "/etc/systemd/system/tftp.service",
                "/usr/lib/systemd/system/tftp.service",
                "/lib/systemd/system/tftp.service",
            ),
            unit_dropins=("/etc/systemd/system/tftp.service.d", "/usr/lib/systemd/system/tftp.service.d"),
        ),
    )


#: SUSE's permission lists (permissions(5)): the base list and the easy, secure and paranoid profiles
#: (/etc/sysconfig/security PERMISSION_SECURITY picks among them), in /usr/share/permissions or, on older releases,
#: /etc; and the site's /etc/permissions.local. Every list present is read: a fix names each entry for its path.
SUSE_PERMISSIONS = (
    "/etc/permissions",
    "/etc/permissions.easy",
    "/etc/permissions.secure",
    "/etc/permissions.paranoid",
    "/usr/share/permissions/permissions",
    "/usr/share/permissions/permissions.easy",
    "/usr/share/permissions/permissions.secure",
    "/usr/share/permissions/permissions.paranoid",
    "/etc/permissions.local",
)

DEBIAN = _linux(
    "debian",
    crontab_dir="/var/spool/cron/crontabs",
    at_dir="/var/spool/cron/atjobs",
    sysv_rc_dirs=tuple(f"/etc/rc{n}.d" for n in range(2, 6)),
)
# RHEL's /etc/rcN.d are links to /etc/rc.d/rcN.d, where chkconfig puts the S links.
RHEL = _linux(
    "rhel",
    crontab_dir="/var/spool/cron",
    at_dir="/var/spool/at",
    sysv_rc_dirs=tuple(f"/etc/rc.d/rc{n}.d" for n in range(2, 6)),
    cronie=True,
)
# SLES and openSUSE: cronie built with SPOOL_DIR=/var/spool/cron/tabs (cronie.spec), at with its own at account
# (at.spec: /var/spool/atjobs 1770 at:at, /var/spool/atspool 700 at:at); SysV links in /etc/init.d/rcN.d.
SUSE = _linux(
    "suse",
    crontab_dir="/var/spool/cron/tabs",
    at_dir="/var/spool/atjobs",
    sysv_rc_dirs=tuple(f"/etc/init.d/rc{n}.d" for n in range(2, 6)),
    suse=True,
    cronie=True,
)

PLATFORMS: dict[str, Paths] = {p.name: p for p in (AIX, DEBIAN, RHEL, SUSE)}
LINUX_PLATFORMS = (DEBIAN, RHEL, SUSE)

#: Files whose presence tells the platform apart, collected in the first batch.
AIX_MARKERS = ("/usr/lpp/bos", "/etc/objrepos")
DEBIAN_MARKERS = ("/etc/debian_version",)
RHEL_MARKERS = ("/etc/redhat-release", "/etc/system-release")
SUSE_MARKERS = ("/etc/SuSE-release", "/etc/SUSE-brand")
OS_RELEASE = "/etc/os-release"

#: os-release ID and ID_LIKE words (os-release(5)) and the family each belongs to.
OS_RELEASE_FAMILIES: dict[str, str] = {
    "debian": "debian",
    "ubuntu": "debian",
    "raspbian": "debian",
    "linuxmint": "debian",
    "devuan": "debian",
    "kali": "debian",
    "rhel": "rhel",
    "fedora": "rhel",
    "centos": "rhel",
    "rocky": "rhel",
    "almalinux": "rhel",
    "ol": "rhel",
    "amzn": "rhel",
    "scientific": "rhel",
    "suse": "suse",
    "sles": "suse",
    "sled": "suse",
    "sles_sap": "suse",
    "opensuse": "suse",
    "opensuse-leap": "suse",
    "opensuse-tumbleweed": "suse",
    "opensuse-microos": "suse",
    "opensuse-slowroll": "suse",
    "sl-micro": "suse",
}


@dataclass(frozen=True)
class Detection:
    """The catalog chosen, and what the summary says about how (empty when os-release or a marker named it)."""

    paths: Paths
    note: str = ""


def detect(choice: str, os_name: str | None, exists: set[str], os_release: str | None) -> Paths:
    """Pick the path catalog: the user's choice, else uname, else the tree's layout."""
    return detection(choice, os_name, exists, os_release).paths


def detection(choice: str, os_name: str | None, exists: set[str], os_release: str | None) -> Detection:
    """The user's choice (aix, linux, or a Linux family), else uname, else AIX's markers; then for Linux
    os-release's ID and each word of ID_LIKE in order (os-release(5)), then the release files, then the layout."""
    if choice in PLATFORMS:
        return Detection(PLATFORMS[choice])
    family = choice
    if family == "auto":
        if os_name:
            family = "aix" if os_name.strip().lower() == "aix" else "linux"
        else:
            family = "aix" if any(m in exists for m in AIX_MARKERS) else "linux"
    if family == "aix":
        return Detection(AIX)
    ids = os_release_ids(os_release or "")
    for word in ids:
        if word in OS_RELEASE_FAMILIES:
            return Detection(PLATFORMS[OS_RELEASE_FAMILIES[word]])
    for markers, paths in ((SUSE_MARKERS, SUSE), (RHEL_MARKERS, RHEL), (DEBIAN_MARKERS, DEBIAN)):
        if any(m in exists for m in markers):
            return Detection(paths)
    said = f"os-release ID {' '.join(ids)!r}" if ids else "no os-release ID"
    chosen = by_layout(exists)
    if chosen is None:
        return Detection(DEBIAN, f"unknown Linux ({said}) and no cron or at spool of a known layout: judged as debian")
    return Detection(chosen, f"unknown Linux ({said}): judged as {chosen.name}, whose spool directories are present")


def layout_markers(p: Paths) -> tuple[str, ...]:
    """The paths only this Linux layout has: its crontab and at spools, and SUSE's lastrun."""
    return tuple(path for path in (p.crontab_dir, p.at_dir, p.cron_lastrun_dir) if path)


def by_layout(exists: set[str]) -> Paths | None:
    """The Linux layout with the most of its own spool directories present; None when none has any.
    RHEL's /var/spool/cron is also the parent of the others' spools, so it counts only with /var/spool/at."""
    scores: list[tuple[int, Paths]] = []
    for paths in LINUX_PLATFORMS:
        own = [m for m in layout_markers(paths) if m in exists]
        if paths is RHEL and paths.at_dir not in exists:
            own = []
        scores.append((len(own), paths))
    best = max(score for score, _ in scores)
    if best == 0:
        return None
    return next(paths for score, paths in scores if score == best)


def os_release_ids(text: str) -> list[str]:
    """ID, then the words of ID_LIKE, lower-cased and unquoted, in that order (os-release(5))."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, equals, value = line.strip().partition("=")
        if equals and key.strip() in ("ID", "ID_LIKE"):
            values[key.strip()] = value.strip().strip("\"'").lower()
    words = [values.get("ID", "")] + values.get("ID_LIKE", "").split()
    return [w for w in dict.fromkeys(words) if w]


def all_paths() -> tuple[Paths, ...]:
    return tuple(PLATFORMS.values())
