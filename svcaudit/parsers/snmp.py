"""Parse SNMP agent and manager configuration files and find the secrets in them.

SNMP-02 needs every community name an agent accepts or sends, and SNMP-03
every password or key that is still a shipped default.  SNMP-09 .. SNMP-13 need
the lines that grant community access (``community_access``), the SNMPv3 users and
their protocols (``usm_users``), who may write (``write_access``), net-snmp includes
and the log files a configuration names; none of those answers carries a secret.
Inputs and their flavors:

* ``aix-v1``: AIX ``/etc/snmpd.conf`` (the SNMPv1 agent).
* ``aix-v3``: AIX ``/etc/snmpdv3.conf``; upper case keywords, ``*`` comments.
* ``clsnmp``: AIX ``/etc/clsnmp.conf`` (manager side), one entry per line
  with no keyword: the first field is the entry's name.
* ``net-snmp``: Linux ``/etc/snmp/snmpd.conf``, ``snmptrapd.conf`` and the
  persistent ``/var/lib/*snmp/snmpd.conf``; any directive is kept.
* ``peers``: ``/etc/snmpd.peers`` (SMUX peers: name, OID, password).

The parser is a pure function: text in, data out.  It never touches the
filesystem and never raises on bad input.  A line it cannot read is returned
as :class:`Malformed` with its file, line and reason, so a caller can show it
instead of treating the file as clean.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from svcaudit.parsers.common import Malformed

__all__ = [
    "FLAVORS",
    "NO_PRIVACY",
    "SAMPLE_ENGINE_ID",
    "SMUX_DEFAULT_PASSWORDS",
    "Access",
    "Entry",
    "Include",
    "Malformed",
    "Secret",
    "SnmpConf",
    "UsmUser",
    "communities",
    "community_access",
    "default_credentials",
    "includes",
    "logging_files",
    "matching",
    "option_config_files",
    "option_log_files",
    "parse_snmp_conf",
    "usm_users",
    "write_access",
]

FLAVORS: tuple[str, ...] = ("aix-v1", "aix-v3", "clsnmp", "net-snmp", "peers")

#: IBM's documentation sample engineID; USM keys generated for it are public.
SAMPLE_ENGINE_ID = "00000002000000000943714F"

#: SMUX passwords AIX ships in snmpd.conf / snmpdv3.conf / snmpd.peers, and the one PowerHA SystemMirror's
#: installation appends to /etc/snmpd.conf (IBM PowerHA 7.2 docs, "/etc/snmpd.conf file").
SMUX_DEFAULT_PASSWORDS: frozenset[str] = frozenset({"gated_password", "dpid_password", "muxatmd_password", "clsmuxpd_password"})

#: Minimum number of fields after the keyword; a keyword missing here is unknown.
_AIX_V1_KEYWORDS: dict[str, int] = {
    "community": 1,
    "view": 2,
    "trap": 2,
    "smux": 1,
    "logging": 1,
    "snmpd": 1,
    "maxpacket": 1,
    "querytimeout": 1,
    "smuxtimeout": 1,
}
_AIX_V3_KEYWORDS: dict[str, int] = {
    "USM_USER": 2,
    "VACM_GROUP": 3,
    "VACM_VIEW": 2,
    "VACM_ACCESS": 1,
    "COMMUNITY": 3,
    "DEFAULT_SECURITY": 1,
    "TARGET_ADDRESS": 1,
    "TARGET_PARAMETERS": 4,
    "NOTIFY": 1,
    "NOTIFY_FILTER_PROFILE": 1,
    "NOTIFY_FILTER": 1,
    "logging": 1,
    "smux": 1,
}
#: net-snmp directives are case-insensitive; only those that carry secrets are checked.
_NET_SNMP_COMMUNITY = frozenset({"rocommunity", "rwcommunity", "rocommunity6", "rwcommunity6", "trapcommunity"})
_NET_SNMP_COM2SEC = frozenset({"com2sec", "com2sec6", "com2secunix"})
_NET_SNMP_SINKS = frozenset({"trap2sink", "trapsink", "informsink"})
#: Options that may precede HOST in net-snmp 5.8+ sink directives; each takes a value.
_SINK_OPTIONS = frozenset({"-profile", "-name", "-tag", "-s"})
#: Minimum fields after the keyword for net-snmp directives that carry secrets.
_NET_SNMP_MINIMUM: dict[str, int] = {
    **{name: 1 for name in _NET_SNMP_COMMUNITY | _NET_SNMP_SINKS},
    **{name: 3 for name in _NET_SNMP_COM2SEC},
    "authcommunity": 2,
    "createuser": 1,
}
#: Whole-line entries: the keyword is the first field, then this many more.
_CLSNMP_FIELDS = 10  # targetAgent admin secName password context secLevel authProto authKey privProto privKey
_PEERS_FIELDS = 2  # OID password [priority]
_COMMUNITY_MODELS = frozenset({"snmpv1", "snmpv2c"})
#: Keywords whose lines hold no secret: a line of theirs that cannot be read is shown whole.
_PUBLIC_KEYWORDS = frozenset(
    {"syslocation", "syscontact", "sysname", "sysservices", "view", "agentaddress", "master", "logging", "maxpacket", "vacm_view"}
)
_KEY_FORMS = frozenset({"-l", "-m"})  # createUser: localized / master key, not a passphrase
_UNSET = "-"
_REASON_EXCERPT = 40


@dataclass(frozen=True)
class Entry:
    """One configuration line split into its keyword and fields (quotes removed)."""

    path: str
    line: int
    text: str
    keyword: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class SnmpConf:
    """Everything read from one configuration file."""

    path: str
    flavor: str
    entries: tuple[Entry, ...]
    malformed: tuple[Malformed, ...]


@dataclass(frozen=True)
class Secret:
    """A community name, password or key found in a config file, with where it is."""

    path: str
    line: int
    keyword: str
    value: str
    role: str

    def evidence(self) -> str:
        """One line a report can show: where the secret is and what it is."""
        return f"{self.path}:{self.line} {self.keyword} {self.value}"


# --------------------------------------------------------------------------- public API


def parse_snmp_conf(text: str, path: str, flavor: str) -> SnmpConf:
    """Parse one file's text; ``path`` is only recorded for evidence."""
    if flavor not in FLAVORS:
        return SnmpConf(path, flavor, (), (Malformed(path, 0, "", f"unknown flavor {flavor!r}; file not evaluated"),))
    try:
        return _parse(text, path, flavor)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return SnmpConf(path, flavor, (), (Malformed(path, 0, "", reason),))


def communities(conf: SnmpConf) -> tuple[Secret, ...]:
    """Every community name the agent would accept or send (SNMP-02), in file order."""
    finder = _COMMUNITY_FINDERS.get(conf.flavor)
    if finder is None:
        return ()
    return tuple(secret for entry in conf.entries for secret in finder(conf.path, entry))


def default_credentials(
    conf: SnmpConf, default_words: Iterable[str], sample_engine_id: str = SAMPLE_ENGINE_ID
) -> tuple[Secret, ...]:
    """Shipped or guessable passwords and keys (SNMP-03); communities are not included."""
    words = _folded(default_words)
    smux_words = words | _folded(SMUX_DEFAULT_PASSWORDS)
    engine = _engine_id(sample_engine_id)
    found: list[Secret] = []
    for entry in conf.entries:
        found.extend(_credentials(conf, entry, words, smux_words, engine))
    return tuple(found)


def matching(secrets: Iterable[Secret], words: Iterable[str]) -> tuple[Secret, ...]:
    """Keep the secrets whose whole value is one of ``words`` (case-insensitive): ``public_html`` is not ``public``."""
    folded = _folded(words)
    return tuple(secret for secret in secrets if secret.value.casefold() in folded)


# --------------------------------------------------------------------------- lines


class _Unreadable(ValueError):
    """A line cannot be split into fields; the message is the Malformed reason."""


def _parse(text: str, path: str, flavor: str) -> SnmpConf:
    """Walk the lines, keeping entries and reporting the rest."""
    entries: list[Entry] = []
    malformed: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if _is_comment(raw, flavor):
            continue
        shown = raw.strip()
        try:
            words = _split(shown)
        except _Unreadable as exc:
            malformed.append(Malformed(path, number, _redacted(shown), str(exc)))
            continue
        if not words:
            continue  # the line was only a trailing comment
        entry = Entry(path, number, shown, words[0], tuple(words[1:]))
        reason = _check(entry, flavor)
        if reason is None:
            entries.append(entry)
        else:
            malformed.append(Malformed(path, number, _redacted(shown), reason))
    return SnmpConf(path, flavor, tuple(entries), tuple(malformed))


def may_hold_secret(line: Malformed) -> bool:
    """Whether a line that could not be read may hold a community, user, password or key (the whole file, when
    the parser gave up on it): a verdict about those cannot rest on the lines that were read."""
    return line.line == 0 or line.text.split(" ")[0].lower() not in _PUBLIC_KEYWORDS


def _redacted(line: str) -> str:
    """A line that could not be read, as a report may show it: its keyword, the rest only when it cannot hold
    a community, user, password or key (a broken line may hold any of them, defaults or not)."""
    keyword, _, rest = line.partition(" ")
    keyword = keyword.split("\t")[0]
    if keyword.lower() in _PUBLIC_KEYWORDS:
        return line
    return f"{keyword} <redacted>" if rest.strip() or keyword != line else keyword


def _is_comment(raw: str, flavor: str) -> bool:
    """Blank and ``#`` lines everywhere; snmpdv3.conf also takes ``*`` in column 1."""
    stripped = raw.strip()
    return not stripped or stripped.startswith("#") or (flavor == "aix-v3" and raw.startswith("*"))


def _split(line: str) -> list[str]:
    """Whitespace-split fields; ``"quoted strings"`` are one field; ``#`` after a blank ends the line."""
    words: list[str] = []
    index = 0
    while index < len(line):
        char = line[index]
        if char.isspace():
            index += 1
        elif char == "#":
            break  # only reached at the start of a field, i.e. after whitespace
        elif char == '"':
            word, index = _quoted(line, index)
            words.append(word)
        else:
            end = index
            while end < len(line) and not line[end].isspace():
                end += 1
            words.append(line[index:end])
            index = end
    return words


def _quoted(line: str, start: int) -> tuple[str, int]:
    """Read the double-quoted field at ``start``; return it unquoted and the index after it."""
    chars: list[str] = []
    index = start + 1
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line) and line[index + 1] in '"\\':
            chars.append(line[index + 1])
            index += 2
        elif char == '"':
            after = index + 1
            if after < len(line) and not line[after].isspace():
                raise _Unreadable("text directly after a closing double quote")
            return "".join(chars), after
        else:
            chars.append(char)
            index += 1
    raise _Unreadable("unterminated double quote")


def _excerpt(text: str) -> str:
    """Keep reasons short even for huge words."""
    return text if len(text) <= _REASON_EXCERPT else text[:_REASON_EXCERPT] + "..."


# --------------------------------------------------------------------------- validation


def _check(entry: Entry, flavor: str) -> str | None:
    """Return why ``entry`` is malformed for ``flavor``, or None when it is fine."""
    if flavor == "aix-v1":
        return _check_keyword(entry, _AIX_V1_KEYWORDS, flavor)
    if flavor == "aix-v3":
        return _check_keyword(entry, _AIX_V3_KEYWORDS, flavor)
    if flavor == "net-snmp":
        return _check_net_snmp(entry)
    if flavor == "clsnmp":
        return _check_whole_line(
            entry,
            _CLSNMP_FIELDS,
            "winSnmpName targetAgent admin secName password context secLevel authProto authKey privProto privKey",
        )
    return _check_whole_line(entry, _PEERS_FIELDS, "name OID password [priority]")


def _check_keyword(entry: Entry, minimum: dict[str, int], flavor: str) -> str | None:
    """Known keyword (case-sensitive) with enough fields."""
    needed = minimum.get(entry.keyword)
    if needed is None:
        return f"unknown keyword {_excerpt(entry.keyword)!r} for {flavor}"
    if len(entry.fields) < needed:
        return f"{entry.keyword} needs at least {needed} field{'s' if needed > 1 else ''}"
    return None


def _check_net_snmp(entry: Entry) -> str | None:
    """Any directive is kept; those that carry secrets must have their fields."""
    keyword = entry.keyword.casefold()
    needed = _NET_SNMP_MINIMUM.get(keyword)
    if needed is None:
        return None
    fields = _after_options(entry.fields, _leading_options(keyword))
    if fields is None:
        return f"{entry.keyword}: option without a value"
    if len(fields) < needed:
        return f"{entry.keyword} needs at least {needed} field{'s' if needed > 1 else ''}"
    return None


def _check_whole_line(entry: Entry, needed: int, shape: str) -> str | None:
    """Entries without a keyword: the whole line is the record."""
    if len(entry.fields) < needed:
        return f"expected {shape}"
    return None


def _leading_options(keyword: str) -> frozenset[str]:
    """Options (each with one value) a net-snmp directive accepts before its first field."""
    if keyword in _NET_SNMP_COM2SEC:
        return frozenset({"-Cn"})
    if keyword in _NET_SNMP_SINKS:
        return _SINK_OPTIONS
    if keyword == "createuser":
        return frozenset({"-e"})
    return frozenset()


def _after_options(fields: tuple[str, ...], options: frozenset[str]) -> tuple[str, ...] | None:
    """Drop leading ``-opt value`` pairs; None when an option has no value."""
    index = 0
    while index < len(fields) and fields[index] in options:
        if index + 1 >= len(fields):
            return None
        index += 2
    return fields[index:]


# --------------------------------------------------------------------------- communities


def _aix_v1_communities(path: str, entry: Entry) -> Iterator[Secret]:
    """``community NAME ...`` is accepted; ``trap NAME HOST ...`` is sent."""
    if entry.keyword in ("community", "trap") and entry.fields:
        yield Secret(path, entry.line, entry.keyword, entry.fields[0], "community")


def _aix_v3_communities(path: str, entry: Entry) -> Iterator[Secret]:
    """COMMUNITY names, and secNames that are communities under SNMPv1/SNMPv2c."""
    fields = entry.fields
    if entry.keyword == "COMMUNITY" and fields:
        yield Secret(path, entry.line, entry.keyword, fields[0], "community")
    elif entry.keyword == "VACM_GROUP" and len(fields) >= 3 and fields[1].casefold() in _COMMUNITY_MODELS:
        yield Secret(path, entry.line, entry.keyword, fields[2], "secName")
    elif entry.keyword == "TARGET_PARAMETERS" and len(fields) >= 4 and fields[2].casefold() in _COMMUNITY_MODELS:
        yield Secret(path, entry.line, entry.keyword, fields[3], "secName")


def _net_snmp_communities(path: str, entry: Entry) -> Iterator[Secret]:
    """Communities from the net-snmp access, trap and trap-session directives."""
    keyword = entry.keyword.casefold()
    fields = _after_options(entry.fields, _leading_options(keyword)) or ()
    value: str | None = None
    if keyword in _NET_SNMP_COMMUNITY and fields:
        value = fields[0]
    elif keyword == "authcommunity" and len(fields) >= 2:
        value = fields[1]  # authCommunity TYPES COMMUNITY [SOURCE ...]
    elif keyword in _NET_SNMP_COM2SEC and len(fields) >= 3:
        value = fields[2]
    elif keyword in _NET_SNMP_SINKS and len(fields) >= 2:
        value = fields[1]
    elif keyword == "trapsess":
        value = _option_value(fields, "-c")
    if value is not None:
        yield Secret(path, entry.line, entry.keyword, value, "community")


def _option_value(fields: tuple[str, ...], option: str) -> str | None:
    """The value of an snmpcmd-style option: ``-c public`` or ``-cpublic``."""
    for index, field in enumerate(fields):
        if field == option:
            return fields[index + 1] if index + 1 < len(fields) else None
        if field.startswith(option) and len(field) > len(option) and not field.startswith("--"):
            return field[len(option) :]
    return None


_COMMUNITY_FINDERS: dict[str, Callable[[str, Entry], Iterator[Secret]]] = {
    "aix-v1": _aix_v1_communities,
    "aix-v3": _aix_v3_communities,
    "net-snmp": _net_snmp_communities,
}


# --------------------------------------------------------------------------- default credentials


def _folded(words: Iterable[str]) -> frozenset[str]:
    """Case-folded words for whole-value matching."""
    return frozenset(word.casefold() for word in words if isinstance(word, str))


def _engine_id(value: str) -> str:
    """EngineIDs compare without case and without an optional ``0x``."""
    folded = value.strip().casefold()
    return folded.removeprefix("0x")


def _credentials(
    conf: SnmpConf, entry: Entry, words: frozenset[str], smux_words: frozenset[str], engine: str
) -> Iterator[Secret]:
    """Default secrets on one entry, by flavor."""
    if conf.flavor in ("aix-v1", "aix-v3") and entry.keyword == "smux":
        yield from _word_at(conf.path, entry, 1, smux_words, "smux password")
    if (
        conf.flavor == "aix-v3"
        and entry.keyword == "USM_USER"
        and len(entry.fields) >= 2
        and _engine_id(entry.fields[1]) == engine
    ):
        yield Secret(conf.path, entry.line, entry.keyword, entry.fields[1], "engineID")
    if conf.flavor == "peers":
        yield from _word_at(conf.path, entry, 1, smux_words, "smux password")
    if conf.flavor == "clsnmp":
        yield from _word_at(conf.path, entry, 3, words, "password")
    if conf.flavor == "net-snmp":
        yield from _net_snmp_passphrases(conf.path, entry, words)


def _word_at(path: str, entry: Entry, index: int, words: frozenset[str], role: str) -> Iterator[Secret]:
    """The field at ``index`` when it is set and is one of ``words``."""
    if index < len(entry.fields):
        value = entry.fields[index]
        if value != _UNSET and value.casefold() in words:
            yield Secret(path, entry.line, entry.keyword, value, role)


def _net_snmp_passphrases(path: str, entry: Entry, words: frozenset[str]) -> Iterator[Secret]:
    """Default passphrases in ``createUser`` and in ``trapsess -A/-X``."""
    keyword = entry.keyword.casefold()
    if keyword == "createuser":
        candidates = _create_user_passphrases(_after_options(entry.fields, frozenset({"-e"})) or ())
    elif keyword == "trapsess":
        candidates = tuple(v for v in (_option_value(entry.fields, "-A"), _option_value(entry.fields, "-X")) if v)
    else:
        return
    for value in candidates:
        if value.casefold() in words:
            yield Secret(path, entry.line, entry.keyword, value, "passphrase")


def _create_user_passphrases(fields: tuple[str, ...]) -> tuple[str, ...]:
    """``NAME AUTHPROTO AUTHPASS [PRIVPROTO [PRIVPASS]]``; ``-l``/``-m`` mark keys, which are skipped."""
    passphrases: list[str] = []
    auth = _passphrase_at(fields, 2)
    if auth is not None:
        passphrases.append(auth)
    priv_proto = 4 if len(fields) > 2 and fields[2] in _KEY_FORMS else 3
    priv = _passphrase_at(fields, priv_proto + 1)
    if priv is not None:
        passphrases.append(priv)
    return tuple(passphrases)


def _passphrase_at(fields: tuple[str, ...], index: int) -> str | None:
    """The word at ``index`` unless it is missing or a ``-l``/``-m`` key marker."""
    if index >= len(fields) or fields[index] in _KEY_FORMS:
        return None
    return fields[index]


# --------------------------------------------------------------------------- SNMPv3 users (SNMP-10)

#: net-snmp persistent ``usmUser`` protocol OIDs (net-snmp include/net-snmp/library/transform_oids.h;
#: RFC 3414 for none/MD5/SHA/DES, RFC 7860 for SHA-2, RFC 3826 for AES; 14832 = Blumenthal AES-192/256).
_AUTH_OIDS: dict[str, str] = {
    "1.3.6.1.6.3.10.1.1.1": "none",
    "1.3.6.1.6.3.10.1.1.2": "MD5",
    "1.3.6.1.6.3.10.1.1.3": "SHA",
    "1.3.6.1.6.3.10.1.1.4": "SHA-224",
    "1.3.6.1.6.3.10.1.1.5": "SHA-256",
    "1.3.6.1.6.3.10.1.1.6": "SHA-384",
    "1.3.6.1.6.3.10.1.1.7": "SHA-512",
}
_PRIV_OIDS: dict[str, str] = {
    "1.3.6.1.6.3.10.1.2.1": "none",
    "1.3.6.1.6.3.10.1.2.2": "DES",
    "1.3.6.1.6.3.10.1.2.3": "3DES",
    "1.3.6.1.6.3.10.1.2.4": "AES",
    "1.3.6.1.4.1.14832.1.3": "AES-192",
    "1.3.6.1.4.1.14832.1.4": "AES-256",
}
#: What "no privacy" looks like: IBM's ``-`` default and ``none``, net-snmp's usmNoPrivProtocol.
NO_PRIVACY = "none"
_NONE_WORDS = frozenset({"-", "none"})
#: usmUser fields: storageType rowStatus engineID name secName cloneFrom authProto authKey privProto ...
_USM_USER_AUTH, _USM_USER_PRIV = 6, 8
#: USM_USER userName engineID authProto authKey privProto privKey keyType storageType (IBM snmpdv3.conf).
_AIX_USM_AUTH, _AIX_USM_PRIV = 2, 4


@dataclass(frozen=True)
class UsmUser:
    """An SNMPv3 user and the protocols it uses; its keys and passphrases are never kept."""

    path: str
    line: int
    keyword: str
    name: str
    auth: str  # as written (HMAC-SHA, SHA-256, MD5, ``-`` = the agent's default) or "none"
    priv: str  # as written (DES, AES, CBC-DES ...) or "none"

    def evidence(self) -> str:
        return f"{self.path}:{self.line} {self.keyword} user {self.name}: authentication {self.auth}, privacy {self.priv}"


def usm_users(conf: SnmpConf) -> tuple[tuple[UsmUser, ...], tuple[Malformed, ...]]:
    """SNMPv3 users defined in one agent file: AIX ``USM_USER``; net-snmp ``createUser`` and persistent ``usmUser``.

    A user line too short to name its protocols comes back as Malformed (its text left out: it may hold a key).
    """
    users: list[UsmUser] = []
    unread: list[Malformed] = []
    for entry in conf.entries:
        keyword = entry.keyword.casefold() if conf.flavor == "net-snmp" else entry.keyword
        if conf.flavor == "aix-v3" and keyword == "USM_USER":
            found = _aix_usm_user(entry)
        elif conf.flavor == "net-snmp" and keyword == "createuser":
            found = _create_user(entry)
        elif conf.flavor == "net-snmp" and keyword == "usmuser":
            found = _persistent_usm_user(entry)
        else:
            continue
        if isinstance(found, UsmUser):
            users.append(found)
        else:
            unread.append(Malformed(entry.path, entry.line, f"{entry.keyword} ...", found))
    return tuple(users), tuple(unread)


def _aix_usm_user(entry: Entry) -> UsmUser | str:
    fields = entry.fields
    if len(fields) <= _AIX_USM_PRIV:
        return "USM_USER needs userName engineID authProto authKey privProto privKey keyType storageType"
    priv = fields[_AIX_USM_PRIV]
    return UsmUser(entry.path, entry.line, entry.keyword, fields[0], fields[_AIX_USM_AUTH], _privacy(priv))


def _create_user(entry: Entry) -> UsmUser | str:
    """``createUser [-e ENGINEID] NAME [AUTH [-l|-m] AUTHPASS [PRIV [-l|-m] [PRIVPASS]]]`` (snmpd.conf(5))."""
    fields = _after_options(entry.fields, frozenset({"-e"}))
    if not fields:
        return "createUser needs a user name"
    name, rest = fields[0], fields[1:]
    if not rest:
        return UsmUser(entry.path, entry.line, entry.keyword, name, "none", NO_PRIVACY)
    auth = rest[0]
    priv_at = 3 if len(rest) > 1 and rest[1] in _KEY_FORMS else 2
    if len(rest) <= priv_at - 1:
        return f"createUser {name} {auth}: no authentication passphrase or key"
    priv = rest[priv_at] if len(rest) > priv_at else NO_PRIVACY
    return UsmUser(entry.path, entry.line, entry.keyword, name, auth, _privacy(priv))


def _persistent_usm_user(entry: Entry) -> UsmUser | str:
    """``usmUser`` lines snmpd writes to its persistent file: protocols are OIDs."""
    fields = entry.fields
    if len(fields) <= _USM_USER_PRIV:
        return "usmUser needs storageType rowStatus engineID name secName cloneFrom authProtocol authKey privProtocol"
    auth = _AUTH_OIDS.get(fields[_USM_USER_AUTH].lstrip("."), fields[_USM_USER_AUTH])
    priv = _PRIV_OIDS.get(fields[_USM_USER_PRIV].lstrip("."), fields[_USM_USER_PRIV])
    return UsmUser(entry.path, entry.line, entry.keyword, _octets(fields[3]), auth, _privacy(priv))


def _privacy(value: str) -> str:
    return NO_PRIVACY if value.casefold() in _NONE_WORDS else value


def _octets(value: str) -> str:
    """A name written as ``0x6d6f6e`` is shown as text when it is printable ASCII."""
    if value[:2].casefold() == "0x":
        try:
            text = bytes.fromhex(value[2:]).decode("ascii")
        except ValueError:
            return value
        if text.isprintable():
            return text
    return value


# --------------------------------------------------------------------------- community and write access (SNMP-09, SNMP-13)


@dataclass(frozen=True)
class Access:
    """A line that grants SNMP access; community names are never part of it."""

    path: str
    line: int
    keyword: str
    what: str

    def evidence(self) -> str:
        return f"{self.path}:{self.line} {self.keyword}: {self.what}"


_WITHHELD = "community name withheld"
_NET_SNMP_V1_ACCESS = frozenset({"rocommunity", "rocommunity6", "rwcommunity", "rwcommunity6"}) | _NET_SNMP_COM2SEC
_AIX_V1_WRITE_PERMS = frozenset({"readwrite", "writeonly"})
_COMMUNITY_MODELS_AIX = frozenset({"snmpv1", "snmpv2c"})


def community_access(conf: SnmpConf) -> tuple[Access, ...]:
    """Lines through which the agent answers SNMPv1/v2c communities (SNMP-09).

    net-snmp: ``rocommunity``, ``rwcommunity`` and their ``6`` forms, ``com2sec``, ``com2sec6``,
    ``com2secunix``. AIX snmpdv3.conf: ``COMMUNITY`` entries and ``VACM_GROUP`` entries under
    SNMPv1/SNMPv2c. AIX snmpd.conf is read only by the SNMPv1 agent, which is judged by its program.
    """
    found: list[Access] = []
    for entry in conf.entries:
        keyword = entry.keyword.casefold()
        if conf.flavor == "net-snmp" and keyword in _NET_SNMP_V1_ACCESS:
            found.append(Access(entry.path, entry.line, entry.keyword, f"SNMPv1/v2c community access ({_WITHHELD})"))
        elif conf.flavor == "aix-v3" and entry.keyword == "COMMUNITY":
            found.append(Access(entry.path, entry.line, entry.keyword, f"SNMPv1/v2c community ({_WITHHELD})"))
        elif conf.flavor == "aix-v3" and entry.keyword == "VACM_GROUP" and _aix_model(entry, 1) in _COMMUNITY_MODELS_AIX:
            found.append(
                Access(entry.path, entry.line, entry.keyword, f"group {entry.fields[0]} admits {entry.fields[1]} secNames")
            )
    return tuple(found)


def _aix_model(entry: Entry, index: int) -> str:
    return entry.fields[index].casefold() if len(entry.fields) > index else ""


def write_access(confs: Iterable[SnmpConf]) -> tuple[tuple[Access, ...], tuple[Malformed, ...]]:
    """Communities and users the agent configuration lets write (SNMP-13), read across all its files.

    A VACM access entry with a write view grants write to its group's members; a group
    nobody is a member of grants nothing. Lines too short to read come back as Malformed.
    """
    confs = tuple(confs)
    members = _group_members(confs)
    grants: list[Access] = []
    unread: list[Malformed] = []
    for conf in confs:
        for entry in conf.entries:
            result = _write_grant(conf.flavor, entry, members)
            if isinstance(result, Access):
                grants.append(result)
            elif isinstance(result, str):
                unread.append(Malformed(entry.path, entry.line, f"{entry.keyword} ...", result))
    return tuple(grants), tuple(unread)


def _group_members(confs: tuple[SnmpConf, ...]) -> dict[str, list[str]]:
    """Group name -> members as shown in evidence (users by name, communities withheld)."""
    members: dict[str, list[str]] = {}
    for conf in confs:
        for entry in conf.entries:
            fields = entry.fields
            grouping = (conf.flavor, entry.keyword.casefold()) in (("aix-v3", "vacm_group"), ("net-snmp", "group"))
            if not grouping or len(fields) < 3:
                continue
            group, model, name = fields[0], fields[1], fields[2]
            shown = f"{model} user {name}" if model.casefold() in ("usm", "snmpv3") else f"{model} secName ({_WITHHELD})"
            members.setdefault(group, []).append(f"{shown} ({entry.path}:{entry.line})")
    return members


def _write_grant(flavor: str, entry: Entry, members: dict[str, list[str]]) -> Access | str | None:
    if flavor == "aix-v1":
        return _aix_v1_write(entry)
    if flavor == "aix-v3":
        return _aix_v3_write(entry, members)
    if flavor == "net-snmp":
        return _net_snmp_write(entry, members)
    return None


def _aix_v1_write(entry: Entry) -> Access | None:
    """``community NAME [ADDRESS NETMASK [PERMISSION [VIEW]]]``; PERMISSION defaults to readOnly."""
    fields = entry.fields
    if entry.keyword != "community" or len(fields) < 4 or fields[3].casefold() not in _AIX_V1_WRITE_PERMS:
        return None
    return Access(entry.path, entry.line, entry.keyword, f"{fields[3]} from {fields[1]}/{fields[2]} ({_WITHHELD})")


def _aix_v3_write(entry: Entry, members: dict[str, list[str]]) -> Access | str | None:
    """``VACM_ACCESS group context contextMatch secLevel secModel readView writeView notifyView storageType``."""
    if entry.keyword != "VACM_ACCESS":
        return None
    if len(entry.fields) < 7:
        return "VACM_ACCESS needs group context contextMatch secLevel secModel readView writeView ..."
    return _group_grant(entry, entry.fields[0], entry.fields[6], "-", members)


def _net_snmp_write(entry: Entry, members: dict[str, list[str]]) -> Access | str | None:
    keyword = entry.keyword.casefold()
    fields = entry.fields
    if keyword in ("rwcommunity", "rwcommunity6"):
        source = fields[1] if len(fields) > 1 else "any host"
        return Access(entry.path, entry.line, entry.keyword, f"read-write community from {source} ({_WITHHELD})")
    if keyword == "rwuser":
        rest = _after_options(fields, frozenset({"-s"})) or ()
        return Access(entry.path, entry.line, entry.keyword, f"read-write user {rest[0] if rest else '?'}")
    if keyword == "access":
        # access GROUP CONTEXT MODEL LEVEL PREFX READ WRITE NOTIFY
        if len(fields) < 7:
            return "access needs GROUP CONTEXT MODEL LEVEL PREFX READ WRITE NOTIFY"
        return _group_grant(entry, fields[0], fields[6], "none", members)
    if keyword in ("authcommunity", "authuser", "setaccess", "authaccess"):
        return _typed_grant(entry, keyword, members)
    return None


def _typed_grant(entry: Entry, keyword: str, members: dict[str, list[str]]) -> Access | str | None:
    """The ``auth*``/``setaccess`` directives name the request TYPES they allow (read, write, notify)."""
    fields = entry.fields
    if keyword == "setaccess":
        # setaccess GROUP CONTEXT MODEL LEVEL PREFIX VIEW TYPES
        if len(fields) < 7:
            return "setaccess needs GROUP CONTEXT MODEL LEVEL PREFIX VIEW TYPES"
        return _group_grant(entry, fields[0], fields[5], "", members) if _writes(fields[6]) else None
    if not fields or not _writes(fields[0]):
        return None
    rest = _after_options(fields[1:], frozenset({"-s"})) or ()
    if not rest:
        return f"{entry.keyword} needs a name after its types"
    if keyword == "authcommunity":
        return Access(entry.path, entry.line, entry.keyword, f"write access for a community ({_WITHHELD})")
    if keyword == "authuser":
        return Access(entry.path, entry.line, entry.keyword, f"write access for user {rest[0]}")
    # authaccess NAME TYPES [-s MODEL] GROUP VIEW [LEVEL [CONTEXT]]: NAME came first
    return None


def _writes(types: str) -> bool:
    return "write" in {t.strip().casefold() for t in types.split(",")}


def _group_grant(entry: Entry, group: str, view: str, no_view: str, members: dict[str, list[str]]) -> Access | None:
    """A write view for a group with members is a grant; a group with no member grants nothing."""
    if view.casefold() == no_view or not members.get(group):
        return None
    who = "; ".join(members[group])
    return Access(entry.path, entry.line, entry.keyword, f"group {group} may write view {view}: {who}")


# --------------------------------------------------------------------------- includes and log files (SNMP-12)


@dataclass(frozen=True)
class Include:
    """A net-snmp ``includeFile``/``includeDir`` line: more agent configuration elsewhere."""

    path: str
    line: int
    keyword: str
    target: str


def includes(conf: SnmpConf) -> tuple[Include, ...]:
    """net-snmp include directives (``includeFile``, ``includeDir``, ``includeSearch``), in file order."""
    if conf.flavor != "net-snmp":
        return ()
    return tuple(
        Include(e.path, e.line, e.keyword, e.fields[0])
        for e in conf.entries
        if e.keyword.casefold() in ("includefile", "includedir", "includesearch") and e.fields
    )


def logging_files(conf: SnmpConf) -> tuple[tuple[int, str], ...]:
    """(line, path) of AIX ``logging file=PATH enabled`` entries (snmpd.conf and snmpdv3.conf)."""
    if conf.flavor not in ("aix-v1", "aix-v3"):
        return ()
    found: list[tuple[int, str]] = []
    for entry in conf.entries:
        if entry.keyword != "logging" or any(f.casefold() == "disabled" for f in entry.fields):
            continue
        for field in entry.fields:
            if field.startswith("file=") and len(field) > len("file="):
                found.append((entry.line, field[len("file=") :]))
    return tuple(found)


_NO_FILE = frozenset({"/dev/null"})


def option_log_files(text: str, path: str, variable: str) -> tuple[tuple[tuple[int, str], ...], tuple[Malformed, ...]]:
    """(line, file) of every ``-Lf FILE`` / ``-LF PRI FILE`` in ``VARIABLE=...`` assignments of a shell
    environment file (Debian /etc/default/snmpd SNMPDOPTS, RHEL /etc/sysconfig/snmpd OPTIONS)."""
    assignments, unread = _option_words(text, path, variable)
    found = [(number, f) for number, words in assignments for f in _log_file_options(words) if f not in _NO_FILE]
    return tuple(found), unread


def option_config_files(text: str, path: str, variable: str) -> tuple[tuple[tuple[int, str], ...], tuple[Malformed, ...]]:
    """(line, file) of every configuration file ``-c FILE[,FILE...]`` names in ``VARIABLE=...`` (snmpd(8): -c
    reads FILE as a configuration file, besides the default ones unless -C is given too)."""
    assignments, unread = _option_words(text, path, variable)
    found: list[tuple[int, str]] = []
    for number, words in assignments:
        for index, word in enumerate(words):
            value = word[2:] if word.startswith("-c") and len(word) > 2 else None
            if word == "-c" and index + 1 < len(words):
                value = words[index + 1]
            found += [(number, f) for f in (value or "").split(",") if f]
    return tuple(found), unread


def _option_words(text: str, path: str, variable: str) -> tuple[list[tuple[int, list[str]]], tuple[Malformed, ...]]:
    """The words of each ``VARIABLE=...`` assignment (``export`` allowed), split as the shell would."""
    found: list[tuple[int, list[str]]] = []
    unread: list[Malformed] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        if not line.startswith(f"{variable}="):
            continue
        try:
            value = shlex.split(line[len(variable) + 1 :], comments=True)
            words = shlex.split(value[0]) if value else []
        except ValueError as exc:
            unread.append(Malformed(path, number, line, f"cannot split the options: {exc}"))
            continue
        found.append((number, words))
    return found, tuple(unread)


def _log_file_options(words: list[str]) -> list[str]:
    """Files named by net-snmp's ``-Lf FILE`` and ``-LF PRI FILE`` (snmpcmd(1) LOGGING OPTIONS)."""
    files: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word.startswith("-Lf"):
            attached = word[len("-Lf") :].strip()
            if attached:
                files.append(attached)
            elif index + 1 < len(words):
                files.append(words[index + 1])
                index += 1
        elif word.startswith("-LF"):
            skip = 1 if word[len("-LF") :] else 2  # the priority is attached or the next word
            if index + skip < len(words):
                files.append(words[index + skip])
                index += skip
        index += 1
    return files
