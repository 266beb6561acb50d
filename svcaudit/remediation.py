"""Fix text for every control, per platform family: shown under a failure's evidence, in HTML and in JSON."""

from __future__ import annotations

REMEDIATION: dict[str, dict[str, str]] = {
    # FTP
    "FTP-01": {
        "aix": (
            "Disable ftpd: chsubserver -r inetd -C /etc/inetd.conf -d -v ftp -p tcp6; refresh -s inetd"
            "  (use sftp, or configure /etc/ftpd.cnf for TLS and set [ftp] allow_plaintext only if you must)"
        ),
        "linux": (
            "Set ssl_enable=YES, force_local_logins_ssl=YES, force_local_data_ssl=YES in vsftpd.conf"
            " and restart vsftpd, or systemctl disable --now vsftpd"
        ),
    },
    "FTP-02": {
        "aix": (
            "touch /etc/ftpusers; chown root:system /etc/ftpusers; chmod 640 /etc/ftpusers;"
            " then list the system accounts in it, one per line (FTP-05)"
        ),
        "linux": (
            "Create the file the daemon's pam_listfile line names (/etc/ftpusers, or /etc/vsftpd/ftpusers on RHEL):"
            " touch it, chown root:root, chmod 640, list the system accounts"
        ),
    },
    "FTP-03": {
        "aix": "chown root:system /etc/ftpusers",
        "linux": "chown root:root /etc/ftpusers (or the file pam_listfile names, e.g. /etc/vsftpd/ftpusers)",
    },
    "FTP-04": {
        "aix": "chmod 640 /etc/ftpusers",
        "linux": "chmod 640 /etc/ftpusers (or the file pam_listfile names, e.g. /etc/vsftpd/ftpusers)",
    },
    "FTP-05": {
        "aix": "Add each account the evidence names, one per line: ruser -a -f NAME (or echo NAME >> /etc/ftpusers)",
        "linux": (
            "Add each account the evidence names, one per line: echo NAME >> /etc/ftpusers"
            " (or the file pam_listfile names, e.g. /etc/vsftpd/ftpusers)"
        ),
    },
    "FTP-06": {
        "aix": "Remove the anonymous FTP accounts: rmuser -p ftp; rmuser -p anonymous  (review, then remove their home directories)",
        "linux": (
            "Set anonymous_enable=NO in /etc/vsftpd.conf or /etc/vsftpd/vsftpd.conf and systemctl restart vsftpd"
            " (proftpd: remove the <Anonymous> section)"
        ),
    },
    # Mail
    "MAIL-01": {
        "aix": "chrctcp -d sendmail; stopsrc -s sendmail  (AIX 7.2+: or remove it: installp -u bos.net.tcp.sendmail)",
        "linux": "systemctl disable --now sendmail postfix exim4 (whichever is installed; exim on RHEL)",
    },
    "MAIL-02": {
        "aix": "In /etc/mail/sendmail.cf set: O LogLevel=9 (replace any older OL line), then refresh -s sendmail",
        "linux": (
            "In /etc/mail/sendmail.mc: define(`confLOG_LEVEL', `9')dnl, then make -C /etc/mail"
            " and systemctl restart sendmail (or set O LogLevel=9 in /etc/mail/sendmail.cf)"
        ),
    },
    "MAIL-03": {
        "aix": (
            "Add the line: mail.debug /var/spool/mqueue/log  to /etc/syslog.conf;"
            " touch /var/spool/mqueue/log (syslogd does not create it); refresh -s syslogd"
        ),
        "linux": (
            "echo 'mail.* -/var/log/maillog' > /etc/rsyslog.d/60-mail.conf; systemctl restart rsyslog"
            "  (Debian: /var/log/mail.log)"
        ),
    },
    "MAIL-04": {
        "aix": (
            "chown root:system <mail log file>, e.g. /var/spool/mqueue/log; if it is missing,"
            " touch it first (syslogd does not create it), then refresh -s syslogd"
        ),
        "linux": (
            "chown root <mail log file> (e.g. /var/log/maillog, /var/log/mail.log); keep it so in"
            " /etc/logrotate.d/rsyslog (create line) and rsyslog's $FileOwner"
        ),
    },
    "MAIL-05": {
        "aix": "chmod 644 <mail log file>, e.g. chmod 644 /var/spool/mqueue/log  (640 is stricter and also passes)",
        "linux": (
            "chmod 644 <mail log file> (e.g. /var/log/maillog, /var/log/mail.log); keep rsyslog's"
            " $FileCreateMode and the logrotate create mode at 0644 or stricter"
        ),
    },
    "MAIL-06": {
        "aix": (
            "chown root:system /etc/mail/aliases (and /usr/lib/aliases or the O AliasFile= path the evidence names);"
            " if none exists, create /etc/mail/aliases and run /usr/sbin/sendmail -bi"
        ),
        "linux": (
            "chown root:root /etc/aliases (or the alias_maps / O AliasFile= path the evidence names);"
            " if none exists, create /etc/aliases and run newaliases"
        ),
    },
    "MAIL-07": {
        "aix": (
            "chown root <dir>; chmod go-w <dir> for the aliases file's directory (e.g. /etc/mail, /usr/lib),"
            " or move the file to a root-owned directory and point O AliasFile= at it"
        ),
        "linux": (
            "chown root <dir>; chmod go-w <dir> for the aliases file's directory (e.g. /etc),"
            " or move the file to a root-owned directory and update alias_maps / O AliasFile="
        ),
    },
    "MAIL-08": {
        "aix": "chmod 644 /etc/mail/aliases (and /usr/lib/aliases, each path the evidence names)",
        "linux": "chmod 644 /etc/aliases (and each path the evidence names)",
    },
    "MAIL-09": {
        "aix": (
            "For each |program and :include: file: chown root <path>; chmod 755 <path>; chown root and chmod go-w"
            " each parent directory; delete decode/uudecode aliases; /usr/sbin/sendmail -bi"
        ),
        "linux": (
            "For each |program and :include: file: chown root <path>; chmod 755 <path>; chown root and chmod go-w"
            " each parent directory; delete decode/uudecode aliases; newaliases"
        ),
    },
    # SMTP
    "SMTP-01": {
        "aix": "In /etc/mail/sendmail.cf set: O SmtpGreetingMessage=Mail Server Ready ; $b  then refresh -s sendmail",
        "linux": (
            "Postfix: smtpd_banner = $myhostname ESMTP in /etc/postfix/main.cf, then postfix reload."
            " Sendmail: O SmtpGreetingMessage=Mail Server Ready ; $b in /etc/mail/sendmail.cf, restart sendmail"
        ),
    },
    "SMTP-02": {
        "aix": (
            "Fix the configured greeting (SMTP-01): O SmtpGreetingMessage=Mail Server Ready ; $b"
            " in /etc/mail/sendmail.cf; refresh -s sendmail; recheck with: telnet localhost 25"
        ),
        "linux": (
            "Fix the configured banner (SMTP-01): postfix smtpd_banner = $myhostname ESMTP; postfix reload"
            " (sendmail: O SmtpGreetingMessage=, restart); recheck with: nc localhost 25"
        ),
    },
    "SMTP-03": {
        "aix": (
            "Create an empty help file in a root-owned directory: : > /etc/mail/helpfile; chmod 444 /etc/mail/helpfile;"
            " keep O HelpFile=/etc/mail/helpfile; refresh -s sendmail"
        ),
        "linux": (
            "Sendmail: : > /etc/mail/helpfile; chmod 444 /etc/mail/helpfile; keep O HelpFile=/etc/mail/helpfile;"
            " systemctl restart sendmail  (postfix's HELP reply reveals nothing)"
        ),
    },
    "SMTP-04": {
        "aix": (
            r"Find and remove them: find / -xdev \( -name .forward -o -name '.forward.*' -o -name '.forward+*' \) -print"
            "  (review, then remove; repeat for /home and other local filesystems)"
        ),
        "linux": (
            r"Find and remove them: find / -xdev \( -name .forward -o -name '.forward.*' -o -name '.forward+*' \) -print"
            "  (review, then remove; repeat for /home and other local filesystems)"
        ),
    },
    # SNMP
    "SNMP-01": {
        "aix": (
            "chrctcp -d snmpd; stopsrc -s snmpd  (likewise hostmibd, snmpmibd, aixmibd, dpid2;"
            " AIX 7.2+: or installp -u bos.net.tcp.snmpd)"
        ),
        "linux": "systemctl disable --now snmpd (and snmptrapd if present)",
    },
    "SNMP-02": {
        "aix": (
            "Comment out COMMUNITY public, VACM_GROUP ... public and TARGET_PARAMETERS default names in /etc/snmpdv3.conf,"
            " community lines in /etc/snmpd.conf; stopsrc -s snmpd; startsrc -s snmpd"
        ),
        "linux": (
            "In /etc/snmp/snmpd.conf remove rocommunity/rwcommunity(6) and com2sec(6) lines naming public|private,"
            " use rouser with SNMPv3; systemctl restart snmpd"
        ),
    },
    "SNMP-03": {
        "aix": (
            "Replace sample USM_USER keys in /etc/snmpdv3.conf (pwtokey), remove gated_password/dpid_password"
            " smux lines, fix /etc/clsnmp.conf passwords; stopsrc -s snmpd; startsrc -s snmpd"
        ),
        "linux": (
            "systemctl stop snmpd; replace default passphrases in createUser lines (/etc/snmp/snmpd.conf,"
            " /var/lib/net-snmp/snmpd.conf or /var/lib/snmp/snmpd.conf); systemctl start snmpd"
        ),
    },
    "SNMP-04": {
        "aix": (
            "Remove the default communities (SNMP-02: /etc/snmpdv3.conf COMMUNITY/VACM_GROUP, /etc/snmpd.conf community),"
            " then stopsrc -s snmpd; startsrc -s snmpd; or disable snmpd (SNMP-01)"
        ),
        "linux": (
            "Remove public/private rocommunity/rwcommunity/com2sec lines from /etc/snmp/snmpd.conf;"
            " systemctl restart snmpd; or systemctl disable --now snmpd"
        ),
    },
    "SNMP-05": {
        "aix": "chmod 600 /etc/snmpd.conf /etc/snmpdv3.conf /etc/clsnmp.conf /etc/snmpd.peers (each that exists)",
        "linux": (
            "chmod 600 /etc/snmp/snmpd.conf /etc/snmp/snmptrapd.conf /var/lib/net-snmp/snmpd.conf"
            " /var/lib/snmp/snmpd.conf (each that exists)"
        ),
    },
    "SNMP-06": {
        "aix": "chown root:system /etc/snmpd.conf /etc/snmpdv3.conf /etc/clsnmp.conf /etc/snmpd.peers (each that exists)",
        "linux": (
            "chown root:root /etc/snmp/snmpd.conf /etc/snmp/snmptrapd.conf /var/lib/net-snmp/snmpd.conf"
            " /var/lib/snmp/snmpd.conf (each that exists)"
        ),
    },
    "SNMP-07": {
        "aix": (
            r"chmod 640 /etc/mib.defs; find /usr/samples/snmpd -type f \( -name '*.my' -o -name '*.mib' \)"
            " -exec chmod 640 {} +"
        ),
        "linux": "find /usr/share/snmp/mibs /usr/share/mibs -type f -exec chmod 640 {} +",
    },
    # Cron
    "CRON-01": {
        "aix": (
            "echo root > /var/adm/cron/cron.allow; chown root:sys /var/adm/cron/cron.allow;"
            " chmod 600 /var/adm/cron/cron.allow  (add the admins who need cron)"
        ),
        "linux": (
            "echo root > /etc/cron.allow; chown root:root /etc/cron.allow; chmod 600 /etc/cron.allow"
            "  (add the admins who need cron; Debian: root:crontab)"
        ),
    },
    "CRON-02": {
        "aix": "chown root:sys /var/adm/cron/cron.allow /var/adm/cron/cron.deny (each that exists)",
        "linux": "chown root:root /etc/cron.allow /etc/cron.deny (each that exists; Debian: root:crontab)",
    },
    "CRON-03": {
        "aix": "chmod 600 /var/adm/cron/cron.allow /var/adm/cron/cron.deny (each that exists)",
        "linux": (
            "chmod 600 /etc/cron.allow /etc/cron.deny (each that exists; Debian's setgid crontab reads them"
            " as root:crontab 0640: there set [cron] access_mode = 0o640)"
        ),
    },
    "CRON-04": {
        "aix": (
            "chmod 750 /var/spool/cron/crontabs  (AIX installs 0770; keep /etc/security/sysck.cfg in step"
            " if you use tcbck)"
        ),
        "linux": (
            "RHEL: chmod 700 /var/spool/cron. Debian ships /var/spool/cron/crontabs 1730 root:crontab,"
            " which crontab(1) needs: set [cron] dir_mode = 0o1730 there instead"
        ),
    },
    "CRON-05": {
        "aix": "chown bin:cron /var/spool/cron/crontabs  (owner root or bin; group sys, system, bin or cron)",
        "linux": "chown root:crontab /var/spool/cron/crontabs (Debian) or root:root /var/spool/cron (RHEL)",
    },
    "CRON-06": {
        "aix": "chmod 600 /var/spool/cron/crontabs/<file> for each file the evidence names",
        "linux": (
            "chmod 600 /etc/crontab /etc/cron.d/* and each file in /var/spool/cron/crontabs (Debian)"
            " or /var/spool/cron (RHEL)"
        ),
    },
    "CRON-07": {
        "aix": (
            "chmod go-w <program> for each path the evidence names; for unresolved commands"
            " (relative, $VAR) use absolute paths in the crontab (crontab -e USER)"
        ),
        "linux": (
            "chmod go-w <program> for each path the evidence names; for unresolved commands use absolute paths"
            " (crontab -e -u USER, /etc/crontab, /etc/cron.d/*)"
        ),
    },
    "CRON-08": {
        "aix": (
            "Move each program out of the world-writable directory (e.g. /tmp) into a root-owned one such as"
            " /usr/local/sbin and update the crontab, or chmod o-w the directory"
        ),
        "linux": (
            "Move each program out of the world-writable directory (e.g. /tmp) into a root-owned one such as"
            " /usr/local/sbin and update the cron entry, or chmod o-w the directory"
        ),
    },
    "CRON-09": {
        "aix": (
            "touch /var/adm/cron/log; chown root:cron /var/adm/cron/log; chmod 600 /var/adm/cron/log"
            "  (cron writes it)"
        ),
        "linux": "echo 'cron.* /var/log/cron' > /etc/rsyslog.d/60-cron.conf; systemctl restart rsyslog",
    },
    "CRON-10": {
        "aix": "chown root:cron /var/adm/cron/log; chmod 600 /var/adm/cron/log",
        "linux": (
            "chown root:root /var/log/cron; chmod 600 /var/log/cron (or the file the cron.* selector names);"
            " keep the same in /etc/logrotate.d"
        ),
    },
    # at
    "AT-01": {
        "aix": (
            "echo root > /var/adm/cron/at.allow; chown root:sys /var/adm/cron/at.allow;"
            " chmod 600 /var/adm/cron/at.allow  (add the admins who need at)"
        ),
        "linux": (
            "echo root > /etc/at.allow; chown root:root /etc/at.allow; chmod 600 /etc/at.allow"
            "  (add the admins who need at; Debian: root:daemon)"
        ),
    },
    "AT-02": {
        "aix": "chown root:sys /var/adm/cron/at.allow /var/adm/cron/at.deny (each that exists)",
        "linux": "chown root:root /etc/at.allow /etc/at.deny (each that exists; Debian: root:daemon)",
    },
    "AT-03": {
        "aix": "chmod 600 /var/adm/cron/at.allow /var/adm/cron/at.deny (each that exists)",
        "linux": (
            "chmod 600 /etc/at.allow /etc/at.deny (each that exists; Debian ships them root:daemon 0640"
            " for its setuid-daemon at: test at, and raise [cron] access_mode if it breaks)"
        ),
    },
    "AT-04": {
        "aix": (
            "chown bin:cron /var/spool/cron/atjobs; chmod 755 /var/spool/cron/atjobs"
            "  (owner root, bin or daemon; 0750 or stricter also passes)"
        ),
        "linux": (
            "RHEL: chown root:root /var/spool/at; chmod 700 /var/spool/at. Debian ships /var/spool/cron/atjobs"
            " 1770 daemon:daemon, which at needs: set [cron] at_dir_mode = 0o1770 there"
        ),
    },
}


def fix_for(control: str, family: str) -> str:
    """The fix text for a control on a platform family ("aix" or "linux"); "" when none is known."""
    return REMEDIATION.get(control, {}).get(family, "")
