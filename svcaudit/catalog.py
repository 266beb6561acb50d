"""The control catalog (CONTROLS.md) as data: IDs are contracts, never reused or renumbered."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("low", "medium", "high")

#: Which folder holds which ID prefix.
FAMILY_FOLDERS = {
    "FTP": "tests_ftp",
    "MAIL": "tests_mail",
    "SMTP": "tests_mail",
    "SNMP": "tests_snmp",
    "CRON": "tests_cron",
    "AT": "tests_cron",
}


@dataclass(frozen=True)
class Control:
    id: str
    severity: str
    title: str
    seed: str  # the seed document's words this control serves

    @property
    def prefix(self) -> str:
        return self.id.split("-")[0]

    @property
    def folder(self) -> str:
        return FAMILY_FOLDERS[self.prefix]

    @property
    def family(self) -> str:
        """The marker that selects this control's family: ftp, mail, smtp, snmp, cron, at."""
        return self.prefix.lower()


_ROWS = [
    ("FTP-01", "high", "No plaintext FTP (FTPS or SFTP only)", "FTP: allow unencrypted transfers, or FTPS/SFTP"),
    ("FTP-02", "medium", "The ftpusers file exists", "FTP: create an FTP users file of accounts not authorized to use FTP"),
    ("FTP-03", "medium", "ftpusers owned by root", "FTP: owned by root, permissions 640"),
    ("FTP-04", "medium", "ftpusers mode <= 0640", "FTP: owned by root, permissions 640"),
    ("FTP-05", "medium", "ftpusers denies every system account", "FTP: restrict users from transferring files through FTP"),
    ("FTP-06", "medium", "No anonymous FTP", "FTP: restrict users from transferring files through FTP"),
    ("MAIL-01", "medium", "No MTA runs unless the profile requires one", "Mail: disable sendmail and Postfix unless required"),
    ("MAIL-02", "medium", "sendmail logs at LogLevel 9 or higher", "Mail: sendmail log level nine"),
    ("MAIL-03", "medium", "syslog records mail", "Mail: syslog.conf logs SMTP services"),
    ("MAIL-04", "medium", "Mail log files owned by root", "Mail: log files owned and only writable by root"),
    ("MAIL-05", "medium", "Mail log files mode <= 0644", "Mail: log files 644 or more restrictive"),
    ("MAIL-06", "medium", "Aliases files owned by root", "Mail: aliases owned by root"),
    ("MAIL-07", "medium", "Aliases files sit in root-owned directories", "Mail: aliases in a root-owned directory"),
    ("MAIL-08", "medium", "Aliases files mode <= 0644", "Mail: aliases not more than 644"),
    ("MAIL-09", "high", "Programs run from aliases are protected", "Mail: aliases could run malicious code"),
    ("SMTP-01", "low", "The configured greeting hides the version", "SMTP: keep the version private"),
    ("SMTP-02", "low", "The live greeting hides the version", "SMTP: telnet to the port and see what is returned"),
    ("SMTP-03", "medium", "SMTP HELP reveals nothing", "SMTP: disable HELP with an empty help file"),
    ("SMTP-04", "medium", "No .forward files", "SMTP: find and remove .forward files"),
    ("SNMP-01", "medium", "No SNMP agent runs unless the profile requires one", "SNMP: running on purpose or inadvertently"),
    ("SNMP-02", "high", "No default community names", "SNMP: default passwords, users and passphrases changed"),
    ("SNMP-03", "high", "No default passwords or keys", "SNMP: default passwords, users and passphrases changed"),
    ("SNMP-04", "high", "The agent does not answer default communities", "SNMP: default passwords, users and passphrases changed"),
    ("SNMP-05", "medium", "SNMP configuration files mode <= 0600", "SNMP: permissions 600"),
    ("SNMP-06", "medium", "SNMP configuration files owned by root", "SNMP: permissions 600"),
    ("SNMP-07", "medium", "MIB files mode <= 0640", "SNMP: MIB files mode 640 or less permissive"),
    ("CRON-01", "medium", "Access to cron is restricted", "Cron: cron.allow / cron.deny control access"),
    ("CRON-02", "medium", "cron.allow and cron.deny owned by root", "Cron: these files mode 0600 owned by root"),
    ("CRON-03", "medium", "cron.allow and cron.deny mode <= 0600", "Cron: these files mode 0600 owned by root"),
    ("CRON-04", "medium", "The crontab directory mode <= 0755", "Cron: crontab directory 0755"),
    ("CRON-05", "medium", "The crontab directory is owned by root or bin, group sys/system/bin/cron",
     "Cron: crontab directory owner root or bin, group sys/system/bin/cron"),
    ("CRON-06", "medium", "Crontab files mode <= 0600", "Cron: crontab files mode 600"),
    ("CRON-07", "high", "Cron never runs group- or world-writable programs",
     "Cron: list the cron jobs, what they execute and from where; no group/world-writable programs"),
    ("CRON-08", "high", "Cron programs do not live in world-writable directories", "Cron: programs in world-writable directories"),
    ("CRON-09", "medium", "Cron logging is on", "Cron: logging implemented; /var/adm/cron/log exists"),
    ("CRON-10", "medium", "The cron log mode <= 0600 and owned by root", "Cron: /var/adm/cron/log set to 600"),
    ("AT-01", "medium", "Access to at is restricted", "Cron: the same things apply to the at service"),
    ("AT-02", "medium", "at.allow and at.deny owned by root", "Cron: the same things apply to the at service"),
    ("AT-03", "medium", "at.allow and at.deny mode <= 0600", "Cron: the same things apply to the at service"),
    ("AT-04", "medium", "The at spool directory is protected", "Cron: the same things apply to the at service"),
]

CONTROLS: dict[str, Control] = {row[0]: Control(*row) for row in _ROWS}


#: Markers every control carries, so `pytest -m "high and not cron"` selects by severity and family.
MARKERS = {
    **{s: f"controls of severity {s}" for s in SEVERITIES},
    **{p.lower(): f"{p} controls" for p in FAMILY_FOLDERS},
}


def catalog_text() -> str:
    """The catalog as printed by --list-controls."""
    width = max(len(c.title) for c in CONTROLS.values())
    lines = [f"{'ID':<8} {'severity':<8} {'title':<{width}}  seed requirement"]
    lines += [f"{c.id:<8} {c.severity:<8} {c.title:<{width}}  {c.seed}" for c in CONTROLS.values()]
    return "\n".join(lines)


def markdown_table() -> str:
    """The README's control table, generated from this catalog (a self-test keeps them in sync)."""
    rows = ["| ID | severity | title | seed requirement |", "|---|---|---|---|"]
    rows += [f"| {c.id} | {c.severity} | {c.title} | {c.seed} |" for c in CONTROLS.values()]
    return "\n".join(rows)
