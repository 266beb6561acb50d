"""Parse vsftpd.conf into settings, with vsftpd's compiled defaults behind them.

FTP controls ask what vsftpd *does*: a key missing from the file still has a
value, the compiled default, and a control must show where a value came from
(``path:line`` or "not set").  Input is ``/etc/vsftpd.conf`` (Debian) or
``/etc/vsftpd/vsftpd.conf`` (RHEL).

Rules follow vsftpd.conf(5) and vsftpd's parseconf.c: one ``option=value``
per line, split at the first ``=``; lines starting with ``#`` and blank lines
are ignored; keys are case-sensitive; the last occurrence wins; trailing
whitespace is part of the value (only ``\\r`` is stripped here).  A line vsftpd
would not accept as written (no ``=``, blanks around ``=``, blanks before the
key) is reported as :class:`Malformed` and sets nothing.

The parser is a pure function that never raises.  :func:`flag` and
:func:`value` do raise, on purpose: an unreadable boolean or an unknown key must
not be turned into a pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.parsers.ftpusers import Malformed, excerpt

__all__ = [
    "DEFAULTS",
    "KNOWN_KEYS",
    "Malformed",
    "Setting",
    "VsftpdConf",
    "flag",
    "parse_vsftpd",
    "value",
    "where",
]

#: Compiled-in defaults of upstream vsftpd 3.0.x (tunables.c), for the keys
#: controls read.  Keys whose default is "unset" (anon_root, banner_file ...)
#: are deliberately absent: :func:`value` raises KeyError for them.
#: ``listen`` is YES in 3.0.x's tunables.c although vsftpd.conf(5) still says NO.
DEFAULTS: dict[str, str] = {
    # access
    "anonymous_enable": "YES",
    "local_enable": "NO",
    "write_enable": "NO",
    "anon_upload_enable": "NO",
    "anon_mkdir_write_enable": "NO",
    "anon_other_write_enable": "NO",
    "no_anon_password": "NO",
    "deny_email_enable": "NO",
    "banned_email_file": "/etc/vsftpd.banned_emails",
    "guest_enable": "NO",
    "guest_username": "ftp",
    "virtual_use_local_privs": "NO",
    "ftp_username": "ftp",
    "nopriv_user": "nobody",
    "userlist_enable": "NO",
    "userlist_deny": "YES",
    "userlist_file": "/etc/vsftpd.user_list",
    "pam_service_name": "ftp",
    "tcp_wrappers": "NO",
    "chroot_local_user": "NO",
    "chroot_list_enable": "NO",
    "chroot_list_file": "/etc/vsftpd.chroot_list",
    "secure_chroot_dir": "/usr/share/empty",
    "hide_ids": "NO",
    "local_umask": "077",
    "anon_umask": "077",
    # SSL/TLS
    "ssl_enable": "NO",
    "implicit_ssl": "NO",
    "allow_anon_ssl": "NO",
    "force_local_logins_ssl": "YES",
    "force_local_data_ssl": "YES",
    "force_anon_logins_ssl": "NO",
    "force_anon_data_ssl": "NO",
    "ssl_tlsv1": "YES",
    "ssl_sslv2": "NO",
    "ssl_sslv3": "NO",
    "require_ssl_reuse": "YES",
    "ssl_request_cert": "YES",
    "debug_ssl": "NO",
    "rsa_cert_file": "/usr/share/ssl/certs/vsftpd.pem",
    # daemon and network
    "listen": "YES",
    "listen_ipv6": "NO",
    "listen_port": "21",
    "background": "NO",
    "run_as_launching_user": "NO",
    "session_support": "NO",
    "seccomp_sandbox": "YES",
    "isolate": "YES",
    "isolate_network": "YES",
    "connect_from_port_20": "NO",
    "pasv_enable": "YES",
    "max_clients": "2000",
    "max_per_ip": "50",
    "idle_session_timeout": "300",
    "data_connection_timeout": "300",
    # logging and messages
    "xferlog_enable": "NO",
    "xferlog_file": "/var/log/xferlog",
    "log_ftp_protocol": "NO",
    "syslog_enable": "NO",
    "dirmessage_enable": "NO",
    "use_localtime": "NO",
}

#: Every option vsftpd 3.0.x (and the common distribution patches) understands;
#: a set key outside this list is listed in :attr:`VsftpdConf.unknown`.
KNOWN_KEYS: frozenset[str] = frozenset(DEFAULTS) | frozenset(
    {
        # documented string options without a default
        "listen_address",
        "listen_address6",
        "anon_root",
        "local_root",
        "ftpd_banner",
        "banner_file",
        "rsa_private_key_file",
        "dsa_cert_file",
        "dsa_private_key_file",
        "ca_certs_file",
        "ssl_ciphers",
        "user_config_dir",
        "pasv_address",
        "cmds_allowed",
        "cmds_denied",
        "deny_file",
        "hide_file",
        "user_sub_token",
        "chdir_after_login",
        "chown_username",
        "vsftpd_log_file",
        "message_file",
        "email_password_file",
        # booleans and numbers without an entry in DEFAULTS
        "strict_ssl_read_eof",
        "strict_ssl_write_shutdown",
        "ssl_tlsv1_1",
        "ssl_tlsv1_2",
        "ssl_tlsv1_3",
        "utf8_filesystem",
        "port_enable",
        "chown_uploads",
        "anon_world_readable_only",
        "async_abor_enable",
        "ascii_upload_enable",
        "ascii_download_enable",
        "one_process_model",
        "xferlog_std_format",
        "pasv_promiscuous",
        "setproctitle_enable",
        "text_userdb_names",
        "ls_recurse_enable",
        "check_shell",
        "port_promiscuous",
        "passwd_chroot_enable",
        "use_sendfile",
        "force_dot_files",
        "dual_log_enable",
        "download_enable",
        "dirlist_enable",
        "chmod_enable",
        "secure_email_list_enable",
        "no_log_lock",
        "tilde_user_enable",
        "mdtm_write",
        "lock_upload_files",
        "pasv_addr_resolve",
        "require_cert",
        "validate_cert",
        "delete_failed_uploads",
        "ptrace_sandbox",
        "ftp_enable",
        "http_enable",
        "allow_writeable_chroot",
        "accept_timeout",
        "connect_timeout",
        "ftp_data_port",
        "pasv_min_port",
        "pasv_max_port",
        "anon_max_rate",
        "local_max_rate",
        "file_open_mode",
        "trans_chunk_size",
        "delay_failed_login",
        "delay_successful_login",
        "max_login_fails",
        "chown_upload_mode",
    }
)

_TRUE = frozenset({"YES", "TRUE", "1"})
_FALSE = frozenset({"NO", "FALSE", "0"})
#: What C's isspace() accepts: vsftpd's notion of a blank.
_BLANKS = " \t\n\v\f\r"
_SPACE_AROUND_EQUALS = "space around '=' (vsftpd rejects this line)"


@dataclass(frozen=True)
class Setting:
    """One ``option=value`` line."""

    key: str
    value: str
    line: int


@dataclass(frozen=True)
class VsftpdConf:
    """Everything read from one vsftpd.conf; ``settings`` holds the last occurrence of each key."""

    path: str
    settings: dict[str, Setting] = field(hash=False)  # built once, never mutated afterwards
    malformed: tuple[Malformed, ...]
    unknown: tuple[Setting, ...]


# --------------------------------------------------------------------------- public API


def parse_vsftpd(text: str, path: str) -> VsftpdConf:
    """Parse one vsftpd.conf's text; ``path`` is only recorded for evidence."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return VsftpdConf(path, {}, (Malformed(path, 0, "", reason),), ())


def value(conf: VsftpdConf, key: str) -> str:
    """The value vsftpd uses: the file's, else the compiled default; KeyError when neither exists."""
    setting = conf.settings.get(key)
    if setting is not None:
        return setting.value
    if key in DEFAULTS:
        return DEFAULTS[key]
    raise KeyError(f"{key}: not set in {conf.path} and vsftpd has no compiled default")


def flag(conf: VsftpdConf, key: str) -> bool:
    """Read a boolean as vsftpd does (YES/NO, TRUE/FALSE, 1/0, any case); raise ValueError otherwise."""
    text = value(conf, key)
    word = text.upper() if text.isascii() else text  # vsftpd upper-cases ASCII only
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(
        f"{where(conf, key)}: {key}={excerpt(text)!r} is not a vsftpd boolean "
        "(YES/NO, TRUE/FALSE or 1/0); vsftpd refuses to start with it"
    )


def where(conf: VsftpdConf, key: str) -> str:
    """Evidence for a value: ``path:line``, or which default applies."""
    setting = conf.settings.get(key)
    if setting is not None:
        return f"{conf.path}:{setting.line}"
    if key in DEFAULTS:
        return f"{conf.path}: not set (vsftpd default {DEFAULTS[key]})"
    return f"{conf.path}: not set (no vsftpd default)"


# --------------------------------------------------------------------------- lines


def _parse(text: str, path: str) -> VsftpdConf:
    """Walk the lines, keeping the last setting of each key."""
    settings: dict[str, Setting] = {}
    unknown: list[Setting] = []
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if line.startswith("#") or not line.strip(_BLANKS):
            continue
        problem = _problem(line)
        if problem is not None:
            malformed.append(Malformed(path, number, line, problem))
            continue
        key, _, val = line.partition("=")
        setting = Setting(key, val, number)
        settings[key] = setting
        if key not in KNOWN_KEYS:
            unknown.append(setting)
    return VsftpdConf(path, settings, tuple(malformed), tuple(unknown))


def _problem(line: str) -> str | None:
    """Why vsftpd would not take the line as written, or None."""
    if "\x00" in line:
        return "NUL character (vsftpd reads the line only up to it)"
    if line[0] in _BLANKS:
        return "whitespace before the option name; not evaluated"
    key, equals, val = line.partition("=")
    if not equals:
        return "no '=' (expected option=value)"
    if not key:
        return "empty option name before '='"
    if key[-1] in _BLANKS or (val and val[0] in _BLANKS):
        return _SPACE_AROUND_EQUALS
    if any(char in _BLANKS or not char.isprintable() for char in key):
        return f"blank or control character in option name {excerpt(key)!r}"
    return None
