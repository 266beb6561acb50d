"""What SMTP-05..08 read from a parsed sendmail.cf, sendmail.mc and sendmail's own version output.

Pure functions over :class:`svcaudit.parsers.sendmail.SendmailCf` (and raw text for the m4 markers a
``#`` comment carries), following sendmail 8.17's readcf.c and sendmail.h:

- ``PrivacyOptions`` (one-letter ``Op``): a comma- or blank-separated list of flag names, compared
  without case; every line adds its flags (``PrivacyFlags |= flag``), so the flags in effect are the
  union of every line. ``goaway`` is ``PRIV_GOAWAY`` (0x0000ffff), the low sixteen bits: needmailhelo,
  needexpnhelo, needvrfyhelo, noexpn, novrfy, authwarnings and noverb.
- ``DaemonPortOptions`` (one-letter ``OO``): one daemon per line, ``key=value`` pairs separated by
  commas; sendmail looks only at the first letter of a key (``Addr``, ``A``, ``address`` are the same).
  No such line at all: sendmail listens on every address, port 25.
- The wizard password (``OW``, long form ``WizardPassword``) of sendmail before 8.7: the WIZ
  command's backdoor.
- ``FEATURE(`promiscuous_relay')`` leaves ``#####  $Id: promiscuous_relay.m4,v ...`` in the generated
  sendmail.cf (and removes the ``550 Relaying denied`` rules).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from svcaudit.parsers.sendmail import Option, SendmailCf

__all__ = [
    "GOAWAY_FLAGS",
    "PRIVACY_FLAGS",
    "DaemonAddress",
    "Privacy",
    "daemon_addresses",
    "greeting_version",
    "loopback",
    "missing_flags",
    "privacy",
    "promiscuous_in_cf",
    "promiscuous_in_mc",
    "sendmail_version",
    "version_at_least",
    "wizard_passwords",
]

#: Every flag sendmail 8.17 knows (readcf.c PrivacyValues).
PRIVACY_FLAGS: frozenset[str] = frozenset(
    {
        "public",
        "needmailhelo",
        "needexpnhelo",
        "needvrfyhelo",
        "noexpn",
        "novrfy",
        "authwarnings",
        "noverb",
        "restrictmailq",
        "restrictqrun",
        "restrictexpand",
        "noetrn",
        "nobodyreturn",
        "noreceipts",
        "noactualrecipient",
        "goaway",
    }
)
#: What ``goaway`` sets (sendmail.h: PRIV_GOAWAY = 0x0000ffff, the flags below 0x10000).
GOAWAY_FLAGS: frozenset[str] = frozenset(
    {"needmailhelo", "needexpnhelo", "needvrfyhelo", "noexpn", "novrfy", "authwarnings", "noverb"}
)

_PROMISCUOUS_CF = re.compile(r"^#+\s*\$Id:\s*promiscuous_relay\.m4", re.MULTILINE)
_PROMISCUOUS_MC = re.compile(r"""^\s*FEATURE\(\s*`?promiscuous_relay'?\s*\)""", re.MULTILINE)
_VERSION_LINE = re.compile(r"^Version\s+(\d+(?:\.\d+)+)\S*", re.MULTILINE)
_GREETING_VERSION = re.compile(r"\bSendmail[ /]+(?:version\s+)?v?(\d+(?:\.\d+)+)", re.IGNORECASE)
_WIZARD_NAMES = ("OW", "WizardPassword")


@dataclass(frozen=True)
class Privacy:
    """The PrivacyOptions flags in effect (goaway expanded), the lines that set them, and words sendmail rejects."""

    flags: frozenset[str]
    lines: tuple[Option, ...]
    unknown: tuple[str, ...]


def privacy(cf: SendmailCf) -> Privacy:
    flags: set[str] = set()
    unknown: list[str] = []
    lines = cf.all("PrivacyOptions")
    for option in lines:
        for word in (w.casefold() for w in re.split(r"[\s,]+", option.value) if w):
            if word not in PRIVACY_FLAGS:
                unknown.append(f"{cf.path}:{option.line}: {word!r} is no PrivacyOptions flag (sendmail ignores it)")
                continue
            flags |= GOAWAY_FLAGS | {"goaway"} if word == "goaway" else {word}
    if flags >= GOAWAY_FLAGS:
        flags.add("goaway")  # every flag goaway sets, spelled out, is goaway
    flags.discard("public")
    return Privacy(frozenset(flags), lines, tuple(unknown))


def missing_flags(have: frozenset[str], required: list[str]) -> list[str]:
    """The required flags not in effect; a required ``goaway`` needs every flag it sets."""
    wanted = {w.casefold() for w in required}
    if "goaway" in wanted:
        wanted = (wanted | GOAWAY_FLAGS) - {"goaway"}  # its flags are what it means; every one set is goaway
    return sorted(wanted - have)


def wizard_passwords(cf: SendmailCf) -> list[Option]:
    """Every wizard password line except the STIG's own fix ``OW*``: crypt() never yields ``*``, so no password
    can match it and WIZ stays locked."""
    found = [o for name in _WIZARD_NAMES for o in cf.all(name)]
    return sorted((o for o in found if o.value.strip() != "*"), key=lambda o: o.line)


@dataclass(frozen=True)
class DaemonAddress:
    """One DaemonPortOptions line: the address it binds (``""`` = every address) and its family."""

    option: Option
    addr: str
    family: str


def daemon_addresses(cf: SendmailCf) -> list[DaemonAddress]:
    found: list[DaemonAddress] = []
    for option in cf.all("DaemonPortOptions"):
        fields: dict[str, str] = {}
        for part in option.value.split(","):
            key, equals, value = part.partition("=")
            key = key.strip()
            if equals and key:
                fields[key[0].upper()] = value.strip()
        found.append(DaemonAddress(option, fields.get("A", ""), fields.get("F", "inet").casefold()))
    return found


def loopback(address: str) -> bool | None:
    """True for 127.0.0.0/8 and ::1 (any spelling), False for another address, None for a host name
    (sendmail resolves it on the host; the audit does not guess)."""
    text = address.strip().removeprefix("[").removesuffix("]").removeprefix("IPv6:")
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return None if text else False


def promiscuous_in_cf(text: str) -> int:
    """The line of the promiscuous_relay.m4 marker m4 left in a generated sendmail.cf; 0 when there is none."""
    match = _PROMISCUOUS_CF.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def promiscuous_in_mc(text: str) -> int:
    """The line of an active ``FEATURE(`promiscuous_relay')`` in a sendmail.mc (``dnl`` lines are comments)."""
    match = _PROMISCUOUS_MC.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def sendmail_version(output: str) -> str | None:
    """The version ``sendmail -d0.1 -bt`` prints first (``Version 8.17.1.9``)."""
    match = _VERSION_LINE.search(output)
    return match.group(1) if match else None


def greeting_version(text: str) -> str | None:
    """The version a greeting shows as sendmail's stock ``Sendmail 8.17.1.9/8.17.1.9`` does."""
    match = _GREETING_VERSION.search(text)
    return match.group(1) if match else None


def _parts(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version))


def version_at_least(found: str, minimum: str) -> bool:
    """Release numbers compared part by part: 8.14.4 < 8.14.5 < 8.17.1.9; 8.6 = 8.6.0."""
    have, want = list(_parts(found)), list(_parts(minimum))
    width = max(len(have), len(want))
    return have + [0] * (width - len(have)) >= want + [0] * (width - len(want))
