"""Parse pure-ftpd's settings: Debian's one-file-per-option directory, or pure-ftpd.conf.

Debian starts pure-ftpd through pure-ftpd-wrapper, which turns each file of
/etc/pure-ftpd/conf into a command-line flag: the file's name is the option
(only names of letters and digits, starting with a letter), its values the lines
that are not blank or ``#`` comments, blanks stripped; the wrapper uses the first
that gives a flag (a ``no`` gives none, so a later line is read) and stops on a
value it cannot read.
Elsewhere pure-ftpd reads /etc/pure-ftpd/pure-ftpd.conf: ``Option value`` lines,
``#`` comments, the last occurrence winning.

What the FTP controls read (pure-ftpd's README and README.TLS):
- ``TLS`` (``-Y``): 0 no TLS (the default), 1 TLS optional, 2 cleartext sessions
  refused, 3 cleartext sessions and cleartext data connections refused.
- ``NoAnonymous`` (``-E``): yes turns anonymous logins off. Without it pure-ftpd
  accepts anonymous logins when an ``ftp`` account exists.

Pure functions: text in, data out. :func:`tls_level` and :func:`no_anonymous`
raise ValueError on a value pure-ftpd-wrapper would refuse, so an unreadable
value is never read as a safe one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["PureFtpdConf", "Setting", "no_anonymous", "parse_conf_dir", "parse_conf_file", "tls_level"]

_OPTION_FILE = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_YES = ("yes", "1", "on")
_NO = ("no", "0", "off")


@dataclass(frozen=True)
class Setting:
    key: str
    value: str
    path: str
    line: int

    def evidence(self) -> str:
        return f"{self.path}:{self.line}: {self.key} {self.value}"


@dataclass(frozen=True)
class PureFtpdConf:
    source: str  # the directory or file read
    #: option -> its value lines in order (a conf file keeps only its last occurrence)
    settings: Mapping[str, tuple[Setting, ...]]


def parse_conf_dir(files: Mapping[str, str], directory: str) -> PureFtpdConf:
    """The option files of /etc/pure-ftpd/conf (file name -> text), as pure-ftpd-wrapper reads them."""
    settings: dict[str, tuple[Setting, ...]] = {}
    for name, text in sorted(files.items()):
        if not _OPTION_FILE.fullmatch(name):
            continue
        path = f"{directory.rstrip('/')}/{name}"
        values = tuple(
            Setting(name, raw.strip(), path, number)
            for number, raw in enumerate(text.splitlines(), 1)
            if raw.strip() and not raw.strip().startswith("#")
        )
        if values:
            settings[name] = values
    return PureFtpdConf(directory, settings)


def parse_conf_file(text: str, path: str) -> PureFtpdConf:
    """pure-ftpd.conf: ``Option value`` lines; the last occurrence of an option wins."""
    settings: dict[str, tuple[Setting, ...]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, *rest = line.split(None, 1)
        settings[key] = (Setting(key, rest[0].strip() if rest else "", path, number),)
    return PureFtpdConf(path, settings)


def tls_level(conf: PureFtpdConf) -> tuple[int, str]:
    """The TLS level pure-ftpd runs with and where it comes from; ValueError when it is not a number 0-3."""
    values = conf.settings.get("TLS")
    if not values:
        return 0, f"{conf.source}: TLS not set (pure-ftpd's default 0: no TLS)"
    setting = values[0]
    if not re.fullmatch(r"[0-3]", setting.value):
        raise ValueError(f"{setting.evidence()}: not a TLS level pure-ftpd knows (0-3)")
    return int(setting.value), setting.evidence()


def no_anonymous(conf: PureFtpdConf) -> tuple[bool, str]:
    """Whether NoAnonymous turns anonymous logins off, and where that comes from; ValueError on other words."""
    values = conf.settings.get("NoAnonymous", ())
    for setting in values:
        word = setting.value.lower()
        if word in _YES:
            return True, setting.evidence()
        if word not in _NO:
            raise ValueError(f"{setting.evidence()}: neither yes nor no")
    if values:
        return False, values[-1].evidence()
    return False, f"{conf.source}: NoAnonymous not set (pure-ftpd's default: anonymous logins allowed)"
