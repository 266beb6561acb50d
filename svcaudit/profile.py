"""The profile: every ceiling, account list, port and switch a control uses, with the seed's defaults.

A TOML file overrides them, per host with `[hosts."glob"]` tables. Mistakes stop the
run at start-up with the file, the key and the line, so a typo never silently
falls back to a default.
"""

from __future__ import annotations

import datetime
import fnmatch
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any, get_type_hints


class ProfileError(Exception):
    """The profile cannot be used; the message names file, key and line."""


@dataclass(frozen=True)
class Key:
    kind: str  # bool int port mode str list choice
    default: object
    doc: str
    choices: tuple[str, ...] = ()


def _key(kind: str, default: object, doc: str, choices: tuple[str, ...] = ()) -> Any:
    """A profile key: a dataclass field whose metadata holds how it is checked, its default and why it exists.

    Returns what dataclasses.field returns (typed Any), so the field's annotation alone gives its type.
    """
    return field(metadata={"key": Key(kind, default, doc, choices)})


def _mode(doc: str, default: int) -> Any:
    return _key("mode", default, doc)


# One class per profile section, one field per key, in the order profiles/default.toml lists them.
# Values arrive checked against each field's Key, so a field's annotation is what a control reads.


@dataclass(frozen=True)
class FtpSettings:
    allow_plaintext: bool = _key("bool", False, "accept an enabled plaintext FTP daemon (FTP-01)")
    allow_tls_daemon: bool = _key(
        "bool", True, "accept an FTP daemon that forces TLS; false = no FTP daemon at all, as the AIX 7 STIG and CIS ask (FTP-01)"
    )
    port: int = _key("port", 21, "FTP port probed live (FTP-01, FTP-06)")
    system_uid_below: int | None = _key(
        "int", None, "accounts below this UID are system accounts (FTP-05); default AIX 100, Linux 1000"
    )
    deny_users: list[str] = _key("list", [], "more accounts that ftpusers must deny (FTP-05)")
    ftpusers_mode: int = _mode("ceiling for the ftpusers file (FTP-04)", 0o640)
    # FTP-10 .. FTP-14, FTP-16 (ftpd hardening and sshd's sftp subsystem)
    ftpaccess_mode: int = _mode("ceiling for AIX /etc/ftpaccess.ctl (FTP-11)", 0o640)
    banner_source: str = _key(
        "choice",
        "herald",
        "where AIX ftpd's login banner is judged (FTP-12): herald = the file a herald: line of /etc/ftpaccess.ctl names"
        " (AIX 6.1 STIG), catalog = message 9 of set 1 of ftpd.cat (CIS)",
        ("herald", "catalog"),
    )
    banner_words: list[str] = _key(
        "list", [], "phrases the FTP login banner must contain, case-insensitive (FTP-12); empty = any banner of the site's own"
    )
    umask: int = _mode("umask FTP must at least apply to created files (FTP-13); AIX 6.1 STIG 077, CIS 027", 0o077)
    sftp_umask: int = _mode("umask sshd's sftp subsystem must at least apply with -u (FTP-16)", 0o027)
    sftp_log_facility: str = _key(
        "choice",
        "AUTH",
        "syslog facility sshd's sftp subsystem must log to with -f (FTP-16)",
        ("DAEMON", "USER", "AUTH", "AUTHPRIV", *(f"LOCAL{n}" for n in range(8))),
    )
    sftp_log_levels: list[str] = _key("list", ["INFO", "VERBOSE"], "accepted -l log levels of sshd's sftp subsystem (FTP-16)")
    tftpd_mode: int = _mode("ceiling for the TFTP daemon binaries (FTP-08)", 0o755)
    nologin_shells: list[str] = _key(
        "list",
        ["/bin/false", "/dev/null", "/usr/bin/false", "/bin/true", "/sbin/nologin", "/usr/sbin/nologin"],
        "shells that let no one log in: the anonymous FTP and TFTP accounts must have one (FTP-08, FTP-15)",
    )
    netrc_search: str = _key("choice", "homes", "where FTP-09 looks for .netrc files", ("homes", "filesystem"))
    netrc_search_roots: list[str] = _key("list", [], "more directories searched for .netrc files (FTP-09)")
    inetd_conf_owners: list[str] = _key("list", ["root"], "accepted owners of inetd.conf and xinetd.conf (FTP-17)")
    inetd_conf_groups: list[str] = _key(
        "list", ["system"], "accepted groups of inetd.conf and xinetd.conf; Linux adds root (FTP-17)"
    )
    inetd_conf_mode: int = _mode("ceiling for inetd.conf and xinetd.conf (FTP-17)", 0o640)


@dataclass(frozen=True)
class MailSettings:
    forward_search: str = _key("choice", "homes", "where SMTP-04 looks for .forward files", ("homes", "filesystem"))
    forward_search_roots: list[str] = _key("list", [], "more directories searched for .forward files (SMTP-04)")
    forward_search_seconds: int = _key("int", 60, "time one recursive .forward search may take before it stops and says so")
    forward_search_max_entries: int = _key(
        "int", 500000, "entries one recursive .forward search may visit before it stops and says so"
    )
    min_loglevel: int = _key("int", 9, "lowest acceptable sendmail LogLevel (MAIL-02)")
    log_mode: int = _mode("ceiling for mail log files (MAIL-05)", 0o644)
    aliases_mode: int = _mode("ceiling for aliases files (MAIL-08)", 0o644)
    program_mode: int = _mode("ceiling for programs run from aliases (MAIL-09)", 0o755)
    syslog_conf_mode: int = _mode("ceiling for the syslog configuration files (MAIL-10)", 0o640)
    syslog_conf_groups: list[str] = _key(
        "list", ["system"], "accepted groups of the syslog configuration files; Linux adds root (MAIL-10)"
    )
    cf_mode: int = _mode("ceiling for sendmail.cf and submit.cf (MAIL-15)", 0o640)
    cf_groups: list[str] = _key("list", ["system"], "accepted groups of sendmail.cf; Linux adds root (MAIL-15)")
    queue_mode: int = _mode("ceiling for sendmail's MTA queue directory, /var/spool/mqueue (MAIL-16)", 0o700)
    queue_owners: list[str] = _key("list", ["root"], "accepted owners of sendmail's MTA queue directory (MAIL-16)")
    queue_groups: list[str] = _key(
        "list", ["system"], "accepted groups of sendmail's MTA queue directory; Linux adds root (MAIL-16)"
    )
    client_queue_mode: int = _mode("ceiling for sendmail's submission queue directory, clientmqueue (MAIL-16)", 0o770)
    client_queue_owners: list[str] = _key("list", ["smmsp"], "accepted owners of sendmail's submission queue directory (MAIL-16)")
    client_queue_groups: list[str] = _key("list", ["smmsp"], "accepted groups of sendmail's submission queue directory (MAIL-16)")


@dataclass(frozen=True)
class SmtpSettings:
    port: int = _key("port", 25, "SMTP port probed live (SMTP-02, SMTP-03, SMTP-05, SMTP-06, SMTP-07)")
    helpfile: str = _key(
        "choice",
        "empty",
        "HelpFile must name an empty file (AIX 6.1 STIG), no existing file (AIX 7 STIG) or an existing file (CIS) (SMTP-03)",
        ("empty", "absent", "present"),
    )
    privacy_options: list[str] = _key(
        "list",
        ["noexpn", "novrfy"],
        "sendmail PrivacyOptions flags that must be in effect; goaway counts as every flag it sets, and a required "
        "goaway needs them all (SMTP-06)",
    )
    min_version: str = _key("str", "8.14.5", "lowest acceptable sendmail release, as sendmail prints it (SMTP-07)")
    version_from_greeting: bool = _key(
        "bool", False, "when sendmail's own -d0.1 output cannot be read, accept the version the live greeting shows (SMTP-07)"
    )
    relay: bool = _key(
        "bool", False, "this host is a mail relay: the MTA may listen beyond loopback, but must not relay for anyone (SMTP-08)"
    )
    relay_networks: list[str] = _key(
        "list", ["127.0.0.0/8", "::1/128"], "networks a relay may relay for: postfix mynetworks must stay inside them (SMTP-08)"
    )


@dataclass(frozen=True)
class SnmpSettings:
    port: int = _key("port", 161, "SNMP UDP port probed live (SNMP-04)")
    default_communities: list[str] = _key(
        "list", ["public", "private", "system", "snmp-trap"], "community names that must not be used (SNMP-02, SNMP-04)"
    )
    default_passwords: list[str] = _key(
        "list",
        ["password", "passw0rd", "secret", "public", "private", "system", "snmp-trap", "maplesyrup"],
        "passwords and passphrases that count as defaults (SNMP-03)",
    )
    conf_mode: int = _mode("ceiling for SNMP configuration files (SNMP-05)", 0o600)
    mib_mode: int = _mode("ceiling for MIB files (SNMP-07)", 0o640)
    mib_paths: list[str] = _key("list", [], "MIB files or directories to check instead of the platform's (SNMP-07)")
    subagents_allowed: list[str] = _key(
        "list", [], "AIX SNMP sub-agents this host needs: dpid2, snmpmibd, hostmibd, aixmibd (SNMP-08)"
    )
    v3_only: bool = _key("bool", True, "the agent must speak SNMPv3 only, no v1/v2c communities (SNMP-09)")
    auth_protocols: list[str] = _key(
        "list",
        ["HMAC-SHA", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512"],
        "accepted SNMPv3 authentication protocols: AIX HMAC-SHA, net-snmp SHA and SHA-2 names (SNMP-10)",
    )
    require_privacy: bool = _key("bool", True, "SNMPv3 users must use a privacy (encryption) protocol (SNMP-10)")
    log_mode: int = _mode("ceiling for SNMP daemon log files (SNMP-12)", 0o640)
    log_groups: list[str] = _key(
        "list", [], "accepted groups of SNMP daemon log files; empty = the platform's administrative groups (SNMP-12)"
    )


@dataclass(frozen=True)
class CronSettings:
    access_mode: int = _mode("ceiling for cron.allow, cron.deny, at.allow, at.deny (CRON-03, AT-03)", 0o600)
    access_owners: list[str] = _key(
        "list", ["root"], "accepted owners of cron.allow, cron.deny, at.allow, at.deny (CRON-02, AT-02)"
    )
    access_groups: list[str] = _key(
        "list", [], "accepted groups of cron.allow and cron.deny; empty = the platform's system groups and cron (CRON-12)"
    )
    at_access_groups: list[str] = _key(
        "list", [], "accepted groups of at.allow and at.deny; empty = the platform's system groups and cron (AT-06)"
    )
    allow_must_list: list[str] = _key(
        "list", [], "accounts cron.allow must exist and list; they are not flagged there as system accounts (CRON-11)"
    )
    deny_file: str = _key(
        "choice",
        "allowed",
        "whether cron.deny may exist; absent: only cron.allow may grant cron (CRON-11)",
        ("allowed", "absent"),
    )
    at_allow_must_list: list[str] = _key(
        "list", [], "accounts at.allow must exist and list; they are not flagged there as system accounts (AT-05)"
    )
    at_deny_file: str = _key(
        "choice", "allowed", "whether at.deny may exist; absent: only at.allow may grant at (AT-05)", ("allowed", "absent")
    )
    system_uid_below: int | None = _key(
        "int",
        None,
        "accounts below this UID are system accounts kept out of cron and at (CRON-11, AT-05); default AIX 100, Linux 1000",
    )
    crontab_groups: list[str] = _key(
        "list",
        ["system", "cron", "crontab"],
        "accepted groups of crontab files besides the primary group of the user each is named after (CRON-13)",
    )
    dir_mode: int = _mode("ceiling for the crontab directory (CRON-04)", 0o755)
    dir_owners: list[str] = _key("list", ["root", "bin"], "accepted owners of the crontab directory (CRON-05)")
    dir_groups: list[str] = _key(
        "list",
        ["sys", "system", "bin", "cron"],
        "accepted groups of the crontab directory; Linux adds crontab and root (CRON-05)",
    )
    file_mode: int = _mode("ceiling for crontab files (CRON-06)", 0o600)
    log_mode: int = _mode("ceiling for the cron log (CRON-10)", 0o600)
    log_owners: list[str] = _key("list", ["root"], "accepted owners of the cron log (CRON-10)")
    at_dir_mode: int = _mode("ceiling for the at spool directory (AT-04)", 0o755)
    at_dir_owners: list[str] = _key("list", ["root", "bin", "daemon"], "accepted owners of the at spool directory (AT-04)")
    at_dir_groups: list[str] = _key(
        "list", [], "accepted groups of the at spool directory; empty = the platform's system groups and cron (AT-04)"
    )


@dataclass(frozen=True)
class ServicesSettings:
    mail: str = _key("choice", "disabled", "whether this host must run an MTA (MAIL-01)", ("disabled", "required"))
    snmp: str = _key(
        "choice",
        "disabled",
        "whether this host must run an SNMP agent; not-installed: not even its programs may be there, as CIS asks (SNMP-01)",
        ("disabled", "required", "not-installed"),
    )
    tftp: str = _key(
        "choice", "disabled", "whether this host is authorised to run a TFTP server (FTP-07)", ("disabled", "required")
    )


@dataclass(frozen=True)
class ProbesSettings:
    enabled: bool = _key("bool", True, "run live network probes (SMTP-02, SMTP-03, SMTP-05..07, SNMP-04, FTP-01, FTP-06)")
    address: str = _key("str", "", "address probed; empty = the host's name, 127.0.0.1 for local")
    timeout: int = _key("int", 5, "seconds to wait for a probe answer")


@dataclass(frozen=True)
class ScanSettings:
    sysroot: str = _key(
        "str", "", "read every path under this directory on the target (a mounted image); --sysroot sets it for all hosts"
    )
    max_file_bytes: int = _key(
        "int", 1048576, "bytes read of any one file; a longer file is reported as truncated and its controls not assessed"
    )


@dataclass(frozen=True)
class SysgroupsSettings:
    extra: list[str] = _key("list", [], "more groups accepted wherever a control asks for an administrative group")


@dataclass
class Settings:
    """Every section of a profile, by the name it has in the TOML file."""

    ftp: FtpSettings
    mail: MailSettings
    smtp: SmtpSettings
    snmp: SnmpSettings
    cron: CronSettings
    services: ServicesSettings
    probes: ProbesSettings
    scan: ScanSettings
    sysgroups: SysgroupsSettings


#: Section name -> its class, in file order.
SECTIONS: dict[str, type[Any]] = {f.name: get_type_hints(Settings)[f.name] for f in fields(Settings)}
#: Section name -> key name -> Key: what the loader checks and default.toml documents.
SCHEMA: dict[str, dict[str, Key]] = {name: {f.name: f.metadata["key"] for f in fields(cls)} for name, cls in SECTIONS.items()}


@dataclass(frozen=True)
class Waiver:
    """An accepted finding: a control failing on matching hosts is reported as waived until it expires."""

    control: str
    hosts: tuple[str, ...]
    justification: str
    expires: datetime.date
    ticket: str
    line: int

    def covers(self, control: str, host: str) -> bool:
        return control == self.control and any(fnmatch.fnmatchcase(host, h) for h in self.hosts)

    def expired(self, today: datetime.date) -> bool:
        return today > self.expires

    def describe(self) -> str:
        ticket = f", ticket {self.ticket}" if self.ticket else ""
        return f"{self.justification} (expires {self.expires.isoformat()}{ticket})"


@dataclass
class Profile(Settings):
    """Effective values for one host, with the host tables and waivers that apply to it."""

    values: dict[str, dict[str, Any]]
    source: str
    matched: tuple[str, ...] = ()
    waivers: tuple[Waiver, ...] = ()

    @classmethod
    def build(
        cls, values: dict[str, dict[str, Any]], source: str, matched: tuple[str, ...] = (), waivers: tuple[Waiver, ...] = ()
    ) -> Profile:
        """values must hold every key of every section, checked (as load() and defaults() give them)."""
        sections = {name: section(**values[name]) for name, section in SECTIONS.items()}
        return cls(**sections, values=values, source=source, matched=matched, waivers=waivers)

    def waiver_for(self, control: str) -> Waiver | None:
        return next((w for w in self.waivers if w.control == control), None)


@dataclass
class ProfileFile:
    """A loaded profile file: base values plus per-host override tables, in file order."""

    source: str
    base: dict[str, dict[str, Any]]
    host_overrides: list[tuple[str, dict[str, dict[str, Any]]]]
    waivers: list[Waiver] = field(default_factory=list)

    def for_host(self, host: str) -> Profile:
        values = {section: dict(keys) for section, keys in self.base.items()}
        matched = []
        for pattern, override in self.host_overrides:
            if fnmatch.fnmatchcase(host, pattern):
                matched.append(pattern)
                for section, keys in override.items():
                    values[section].update(keys)
        waivers = tuple(w for w in self.waivers if any(fnmatch.fnmatchcase(host, h) for h in w.hosts))
        return Profile.build(values, self.source, tuple(matched), waivers)


def defaults() -> dict[str, dict[str, Any]]:
    return {section: {k: _copy(key.default) for k, key in keys.items()} for section, keys in SCHEMA.items()}


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


#: Built-in profiles, one per standard (svcaudit/presets/NAME.toml), selected by name: --profile=stig-aix7.
PRESETS = ("stig-aix7", "stig-aix61", "cis-aix7-l1", "strictest")


def preset_text(name: str) -> str:
    return resources.files("svcaudit").joinpath("presets", f"{name}.toml").read_text(encoding="utf-8")


def load(path: str | None) -> ProfileFile:
    """Read and validate a profile file or a built-in preset by name; None gives the built-in defaults."""
    if path is None:
        return ProfileFile("built-in defaults", defaults(), [])
    return _load(path, Path.cwd(), ())


def _identity(name: str, here: Path) -> str:
    """What a profile is, for spotting a loop of `extends`: a preset's name, or a file's resolved path."""
    return name if name in PRESETS else str((here / name).resolve())


def _load(name: str, here: Path, chain: tuple[str, ...]) -> ProfileFile:
    """One profile (a preset name, or a file relative to `here`), on top of the one it `extends`."""
    if name in PRESETS:
        path, label, text, folder = f"svcaudit/presets/{name}.toml", name, preset_text(name), here
    else:
        file = here / name
        path = label = name if here == Path.cwd() else str(file)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            hint = "" if "/" in name or name.endswith(".toml") else f" (built-in presets: {', '.join(PRESETS)})"
            raise ProfileError(f"{path}: cannot read profile: {exc}{hint}") from None
        folder = file.parent
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from None
    where = _Locator(path, text)
    base = defaults()
    overrides: list[tuple[str, dict[str, dict[str, Any]]]] = []
    waivers: list[Waiver] = []
    parent = data.pop("extends", None)
    if parent is not None:
        if not isinstance(parent, str) or not parent.strip():
            raise ProfileError(where.message(("extends",), f"expected a preset name ({', '.join(PRESETS)}) or a profile file"))
        chain += (_identity(name, here),)
        if _identity(parent, folder) in chain:
            raise ProfileError(where.message(("extends",), f"{parent!r} leads back to this profile: extends cannot loop"))
        inherited = _load(parent, folder, chain)
        base = {section: dict(keys) for section, keys in inherited.base.items()}
        overrides, waivers = list(inherited.host_overrides), list(inherited.waivers)
        label = f"{label} (extends {inherited.source})"
    for name, value in data.items():
        if name == "hosts":
            if not isinstance(value, dict):
                raise ProfileError(where.message(("hosts",), "must be a table of host patterns"))
            for pattern, table in value.items():
                if not isinstance(table, dict):
                    raise ProfileError(where.message(("hosts", pattern), "must be a table of sections"))
                overrides.append((pattern, _sections(table, where, ("hosts", pattern))))
        elif name == "waivers":
            if not isinstance(value, list):
                raise ProfileError(where.message(("waivers",), "must be an array of tables: [[waivers]]"))
            waivers = [_waiver(entry, index, where) for index, entry in enumerate(value)]
        else:
            for section, keys in _sections({name: value}, where, ()).items():
                base[section].update(keys)
    return ProfileFile(label, base, overrides, waivers)


WAIVER_KEYS = ("control", "hosts", "justification", "expires", "ticket")


def _waiver(entry: Any, index: int, where: _Locator) -> Waiver:
    """One [[waivers]] table, checked key by key: a bad waiver must never waive silently."""
    from svcaudit.controls.catalog import CONTROLS

    def fail(key: str | None, problem: str) -> ProfileError:
        return ProfileError(where.waiver_message(index, key, problem))

    if not isinstance(entry, dict):
        raise fail(None, "must be a table")
    for key in entry:
        if key not in WAIVER_KEYS:
            raise fail(key, f"unknown key; known keys: {', '.join(WAIVER_KEYS)}")
    control = entry.get("control")
    if not isinstance(control, str) or control not in CONTROLS:
        raise fail("control" if "control" in entry else None, f"names no catalog control: {control!r}")
    justification = entry.get("justification")
    if not isinstance(justification, str) or not justification.strip():
        raise fail("justification" if "justification" in entry else None, "a waiver needs a justification")
    expires = entry.get("expires")
    if not isinstance(expires, datetime.date) or isinstance(expires, datetime.datetime):
        raise fail("expires" if "expires" in entry else None, f"expected a date such as 2027-03-31, got {expires!r}")
    hosts = entry.get("hosts", ["*"])
    if not isinstance(hosts, list) or not hosts or not all(isinstance(h, str) and h for h in hosts):
        raise fail("hosts", "expected a non-empty list of host globs")
    ticket = entry.get("ticket", "")
    if not isinstance(ticket, str):
        raise fail("ticket", "expected a string")
    return Waiver(control, tuple(hosts), justification.strip(), expires, ticket, where.waiver_line(index, None) or 0)


def _sections(data: dict[str, Any], where: _Locator, prefix: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for section, table in data.items():
        if section not in SCHEMA:
            raise ProfileError(where.message(prefix + (section,), f"unknown section; known sections: {', '.join(SCHEMA)}"))
        if not isinstance(table, dict):
            raise ProfileError(where.message(prefix + (section,), "must be a table"))
        for key, value in table.items():
            spec = SCHEMA[section].get(key)
            if spec is None:
                known = ", ".join(SCHEMA[section])
                raise ProfileError(where.message(prefix + (section, key), f"unknown key; known keys in [{section}]: {known}"))
            problem = _check(spec, value)
            if problem:
                raise ProfileError(where.message(prefix + (section, key), problem))
            out.setdefault(section, {})[key] = value
    return out


def _whole(value: object, low: int, high: int | None = None) -> bool:
    """An integer (TOML's true and false are not numbers) between low and high, inclusive."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value and (high is None or value <= high)


_CHECKS: dict[str, Callable[[Key, Any], str | None]] = {
    "bool": lambda k, v: None if isinstance(v, bool) else "expected true or false",
    "int": lambda k, v: None if _whole(v, 0) else "expected a whole number >= 0",
    "port": lambda k, v: None if _whole(v, 1, 65535) else "expected a port number 1-65535",
    "mode": lambda k, v: None if _whole(v, 0, 0o7777) else "expected a file mode written as an octal number such as 0o640",
    "str": lambda k, v: None if isinstance(v, str) else "expected a string",
    "list": lambda k, v: None if isinstance(v, list) and all(isinstance(i, str) for i in v) else "expected a list of strings",
    "choice": lambda k, v: None if v in k.choices else f"expected one of {', '.join(repr(c) for c in k.choices)}",
}


def _check(spec: Key, value: Any) -> str | None:
    problem = _CHECKS[spec.kind](spec, value)
    if problem:
        return f"{problem}, got {type(value).__name__} {value!r}"
    return None


class _Locator:
    """Finds the line where a table or key was written, for error messages."""

    _HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()

    def message(self, keys: tuple[str, ...], problem: str) -> str:
        line = self.find(keys)
        label = _label(keys)
        return f"{self.path}:{line}: {label}: {problem}" if line else f"{self.path}: {label}: {problem}"

    def waiver_line(self, index: int, key: str | None) -> int | None:
        """The line of the index-th [[waivers]] table, or of a key inside it."""
        seen = -1
        for number, raw in enumerate(self.lines, 1):
            header = self._HEADER.match(raw)
            if header:
                if seen >= 0 and seen == index and key is not None:
                    return None
                if raw.strip().startswith("[[") and tuple(_split_dotted(header.group(1))) == ("waivers",):
                    seen += 1
                    if seen == index and key is None:
                        return number
                continue
            if seen == index and key is not None:
                name, eq, _ = raw.partition("=")
                if eq and name.strip() == key:
                    return number
        return None

    def waiver_message(self, index: int, key: str | None, problem: str) -> str:
        line = self.waiver_line(index, key) or self.waiver_line(index, None)
        label = f"[[waivers]] #{index + 1}" + (f" {key}" if key else "")
        return f"{self.path}:{line}: {label}: {problem}" if line else f"{self.path}: {label}: {problem}"

    def find(self, keys: tuple[str, ...]) -> int | None:
        table: tuple[str, ...] = ()
        for number, raw in enumerate(self.lines, 1):
            header = self._HEADER.match(raw)
            if header:
                table = tuple(_split_dotted(header.group(1)))
                if table == keys:
                    return number
                continue
            name, eq, _ = raw.partition("=")
            if not eq or raw.lstrip().startswith("#"):
                continue
            full = table + tuple(_split_dotted(name.strip()))
            if full[: len(keys)] == keys:
                return number
        return None


def _split_dotted(text: str) -> list[str]:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^.\s]+)', text)
    return [a or b or c for a, b, c in parts]


def _label(keys: tuple[str, ...]) -> str:
    if keys[:1] == ("hosts",) and len(keys) > 1:
        head = f'[hosts."{keys[1]}"' + ("." + keys[2] if len(keys) > 2 else "") + "]"
        return head + (f" {keys[3]}" if len(keys) > 3 else "")
    if len(keys) == 1:
        return f"[{keys[0]}]"
    return f"[{keys[0]}] {keys[1]}"


def render_default() -> str:
    """The text of profiles/default.toml: every key with its default and why it exists."""
    out = [
        "# svcaudit default profile: the seed document's values (CONTROLS.md).",
        "# Copy this file, change what your site needs, and pass it with --profile FILE.",
        '# Per-host overrides: [hosts."glob".SECTION] tables with the same keys.',
    ]
    for section, keys in SCHEMA.items():
        out += ["", f"[{section}]"]
        for key, spec in keys.items():
            out.append(f"# {spec.doc}")
            if spec.default is None:
                out.append(f"# {key} =   (unset: the platform's default)")
            else:
                out.append(f"{key} = {_toml(spec)}")
    return "\n".join(out) + "\n"


def _toml(spec: Key) -> str:
    value = spec.default
    if spec.kind == "mode":
        return f"0o{value:03o}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
