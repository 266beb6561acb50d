"""Parse SUSE /etc/sysconfig files, and the main.cf settings SUSE's config.postfix writes from them.

/etc/sysconfig files are shell variable assignments (``NAME="value"``, ``NAME='value'``,
``NAME=value``) with ``#`` comments, sourced by the scripts that read them (fillup(8) keeps the
format).  The parser keeps the last assignment of each name, as the shell does; a line that is not
an assignment, or a value with an expansion the audit does not evaluate (``$``, backquotes), is
returned as :class:`Malformed`.

SUSE's config.postfix regenerates /etc/postfix/main.cf from /etc/sysconfig/mail and
/etc/sysconfig/postfix whenever it runs (YaST's mail module and package updates run it) unless
``MAIL_CREATE_CONFIG="no"`` in /etc/sysconfig/mail: a setting there wins over a hand edit of main.cf.
:func:`postfix_overrides` gives the settings it writes that the mail controls judge:

* ``SMTPD_LISTEN_REMOTE`` (/etc/sysconfig/mail): ``yes`` writes ``inet_interfaces = all``, anything
  else ``inet_interfaces = localhost``;
* ``POSTFIX_ADD_<NAME>`` (/etc/sysconfig/postfix): writes the main.cf parameter ``<name>`` (lower
  case), here only for the parameters the controls read (:data:`JUDGED_PARAMETERS`).

Pure functions: text in, data out; they never raise on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = ["JUDGED_PARAMETERS", "Setting", "Sysconfig", "names_judged_setting", "parse_sysconfig", "postfix_overrides"]

#: main.cf parameters a mail or SMTP control reads (MAIL-06, MAIL-16, SMTP-01, SMTP-06, SMTP-08).
JUDGED_PARAMETERS = frozenset(
    {
        "smtpd_banner",
        "disable_vrfy_command",
        "inet_interfaces",
        "mynetworks",
        "mynetworks_style",
        "alias_maps",
        "alias_database",
        "queue_directory",
        "mail_owner",
        "setgid_group",
    }
)
_ASSIGNMENT_RE = re.compile(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)\Z")
_ADD_PREFIX = "POSTFIX_ADD_"


@dataclass(frozen=True)
class Setting:
    name: str
    value: str
    line: int


@dataclass(frozen=True)
class Sysconfig:
    path: str
    settings: dict[str, Setting]
    malformed: tuple[Malformed, ...]


def parse_sysconfig(text: str, path: str) -> Sysconfig:
    """The variables a sysconfig file sets (the last assignment of each wins) and the lines not read."""
    settings: dict[str, Setting] = {}
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _ASSIGNMENT_RE.match(line)
        if match is None:
            malformed.append(Malformed(path, number, raw, "not a NAME=value assignment"))
            continue
        value, problem = _value(match[2])
        if problem:
            malformed.append(Malformed(path, number, raw, problem))
            continue
        settings[match[1]] = Setting(match[1], value, number)
    return Sysconfig(path, settings, tuple(malformed))


def _value(text: str) -> tuple[str, str]:
    """The shell word's value, or a reason it is not evaluated; a trailing ``# comment`` after blanks is dropped."""
    text = text.strip()
    if text[:1] in ("'", '"'):
        quote = text[0]
        end = text.find(quote, 1)
        if end < 0:
            return "", "unterminated quote"
        rest = text[end + 1 :].strip()
        if rest and not rest.startswith("#"):
            return "", "more than one word after '='"
        value = text[1:end]
        if quote == '"' and ("$" in value or "`" in value or "\\" in value):
            return "", "expansion in a double-quoted value is not evaluated"
        return value, ""
    word = re.split(r"\s+#", text, maxsplit=1)[0].strip()
    if any(c in word for c in "$`\\\"' \t;&|<>()"):
        return "", "unquoted value with shell syntax is not evaluated"
    return word, ""


@dataclass(frozen=True)
class Override:
    """A main.cf parameter config.postfix writes, and the sysconfig variable it comes from."""

    parameter: str
    value: str
    file: str
    line: int
    variable: str


def postfix_overrides(mail: Sysconfig | None, postfix: Sysconfig | None) -> tuple[list[Override], str]:
    """The judged main.cf settings config.postfix writes, and why none apply (empty when they do)."""
    create = mail.settings.get("MAIL_CREATE_CONFIG") if mail else None
    if create is not None and create.value.lower() == "no":
        return [], f'{mail.path if mail else ""}:{create.line}: MAIL_CREATE_CONFIG="no": config.postfix leaves main.cf alone'
    found: list[Override] = []
    listen = mail.settings.get("SMTPD_LISTEN_REMOTE") if mail else None
    if mail is not None and listen is not None:
        value = "all" if listen.value.lower() == "yes" else "localhost"
        found.append(Override("inet_interfaces", value, mail.path, listen.line, "SMTPD_LISTEN_REMOTE"))
    if postfix is not None:
        for name, setting in postfix.settings.items():
            parameter = name[len(_ADD_PREFIX) :].lower() if name.startswith(_ADD_PREFIX) else ""
            if parameter in JUDGED_PARAMETERS:
                found.append(Override(parameter, setting.value, postfix.path, setting.line, name))
    return found, ""


def names_judged_setting(line: str) -> bool:
    """Whether a sysconfig line assigns a variable config.postfix turns into a judged main.cf parameter (or the
    switches that decide whether it writes main.cf at all)."""
    match = re.match(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", line)
    if match is None:
        return False
    name = match[1]
    if name in ("SMTPD_LISTEN_REMOTE", "MAIL_CREATE_CONFIG"):
        return True
    return name.startswith(_ADD_PREFIX) and name[len(_ADD_PREFIX) :].lower() in JUDGED_PARAMETERS
