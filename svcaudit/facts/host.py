"""Facts about one host: plain data that controls read and `--record` saves as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar, cast

from svcaudit.collect.batch import AclRecord, Batch, CommandRecord, ContentRecord, ListingRecord, StatRecord, WalkRecord
from svcaudit.facts.platforms import PLATFORMS, Paths
from svcaudit.parsers.accounts import Account, Group, parse_group, parse_passwd

FORMAT = "svcaudit-facts/1"

T = TypeVar("T")


class NotAssessed(Exception):
    """A control could not be judged: what it needed was not readable or not collected."""


@dataclass
class HostFacts:
    host: str
    platform: str
    os_name: str
    oslevel: str
    sysroot: str
    batch: Batch
    remote_commands: int = 0
    collect_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._memo: dict[str, object] = {}

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """Parse once what several controls read (crontabs, syslog); forget() drops it when facts grow.

        A key always names the same computation, so what is stored under it has that computation's type.
        """
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def forget(self) -> None:
        self._memo.clear()

    def __repr__(self) -> str:
        return f"HostFacts(host={self.host!r}, platform={self.platform!r}, sysroot={self.sysroot!r})"

    @property
    def paths(self) -> Paths:
        return PLATFORMS[self.platform]

    # -- files -------------------------------------------------------------
    def stat(self, path: str) -> StatRecord:
        try:
            return self.batch.stats[path]
        except KeyError:
            raise NotAssessed(f"{path}: not collected") from None

    def exists(self, path: str) -> bool:
        """True or False; raises NotAssessed when the target would not tell."""
        record = self.stat(path)
        if record.error:
            raise NotAssessed(f"{path}: cannot stat: {record.error}")
        return record.kind != "absent"

    def content(self, path: str) -> str:
        """The whole text of a regular file; NotAssessed when unreadable or cut short."""
        record = self.batch.contents.get(path)
        if record is None:
            stat = self.stat(path)
            if stat.error:
                raise NotAssessed(f"{path}: cannot stat: {stat.error}")
            raise NotAssessed(f"{path}: not read ({stat.kind})")
        if record.error:
            raise NotAssessed(f"{path}: cannot read: {record.error}")
        if record.truncated:
            raise NotAssessed(f"{path}: larger than the read limit; only the first part was read")
        return record.text or ""

    def listing(self, path: str) -> list[str]:
        record = self.batch.listings.get(path)
        if record is None:
            stat = self.stat(path)
            if stat.error:
                raise NotAssessed(f"{path}: cannot stat: {stat.error}")
            raise NotAssessed(f"{path}: not listed ({stat.kind})")
        if record.error:
            raise NotAssessed(f"{path}: cannot list: {record.error}")
        if record.truncated:
            raise NotAssessed(f"{path}: more entries than the listing limit")
        return record.names

    def acl(self, path: str) -> AclRecord:
        """The path's ACL as collected; state "unknown" ("ACL not collected") when nobody asked for it."""
        return self.batch.acls.get(path) or AclRecord(path, "unknown", "", "ACL not collected")

    def command(self, name: str) -> CommandRecord | None:
        return self.batch.commands.get(name)

    # -- accounts ----------------------------------------------------------
    def accounts(self) -> tuple[Account, ...]:
        return self.derived("accounts", lambda: parse_passwd(self.content("/etc/passwd"))[0])

    def groups(self) -> tuple[Group, ...]:
        return self.derived("groups", lambda: parse_group(self.content("/etc/group"))[0])

    def user_name(self, uid: int | None) -> str:
        return _name(uid, self.derived("uid_names", self._uid_names), self.batch.uid_names)

    def group_name(self, gid: int | None) -> str:
        return _name(gid, self.derived("gid_names", self._gid_names), self.batch.gid_names)

    # Number -> name from the target's own files (the first entry wins, as getpwuid's does).
    def _uid_names(self) -> dict[int, str]:
        return {a.uid: a.name for a in reversed(parse_passwd(self._text_if_read("/etc/passwd"))[0])}

    def _gid_names(self) -> dict[int, str]:
        return {g.gid: g.name for g in reversed(parse_group(self._text_if_read("/etc/group"))[0])}

    def _text_if_read(self, path: str) -> str:
        """The file's text as far as it was read, "" when it was not: for names, a partial file still helps."""
        record = self.batch.contents.get(path)
        return (record.text or "") if record is not None else ""

    # -- record / replay -----------------------------------------------------
    def to_json(self) -> str:
        data = asdict(self)
        data["format"] = FORMAT
        return json.dumps(data, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, origin: str) -> HostFacts:
        found = read_record(text, origin)
        if isinstance(found, NotCollected):
            raise ValueError(f"{origin}: {found.host} was not collected: {found.error}")
        return found

    @classmethod
    def from_data(cls, data: dict[str, Any], origin: str) -> HostFacts:
        """Facts from a record's JSON object (format already checked)."""
        try:
            raw = data["batch"]
            batch = Batch(
                stats={k: StatRecord(**v) for k, v in raw["stats"].items()},
                contents={k: ContentRecord(**v) for k, v in raw["contents"].items()},
                listings={k: ListingRecord(**v) for k, v in raw["listings"].items()},
                commands={k: CommandRecord(**v) for k, v in raw["commands"].items()},
                walks={k: WalkRecord(**v) for k, v in raw["walks"].items()},
                acls={k: AclRecord(**v) for k, v in raw.get("acls", {}).items()},
                uid_names={int(k): v for k, v in raw["uid_names"].items()},
                gid_names={int(k): v for k, v in raw["gid_names"].items()},
                meta=dict(raw["meta"]),
            )
            facts = cls(
                host=data["host"],
                platform=data["platform"],
                os_name=data["os_name"],
                oslevel=data["oslevel"],
                sysroot=data["sysroot"],
                batch=batch,
                remote_commands=data["remote_commands"],
                collect_seconds=data["collect_seconds"],
                notes=list(data["notes"]),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{origin}: facts file is incomplete or damaged ({exc!r})") from None
        if facts.platform not in PLATFORMS:
            raise ValueError(f"{origin}: unknown platform {facts.platform!r}")
        return facts


@dataclass(frozen=True)
class NotCollected:
    """A record of a host whose facts could not be collected: replayed, its controls are not assessed."""

    host: str
    error: str

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "host": self.host, "error": self.error}, indent=1, sort_keys=True)


def read_record(text: str, origin: str) -> HostFacts | NotCollected:
    """A `--record` file: the host's facts, or why they could not be collected; ValueError when it is neither."""
    try:
        data: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{origin}: not a facts file: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{origin}: facts format {found!r}, expected {FORMAT!r}")
    if "error" in data:
        host, error = data.get("host"), data["error"]
        if not isinstance(host, str) or not isinstance(error, str) or not error or "batch" in data:
            raise ValueError(f"{origin}: a record of a host not collected needs the strings 'host' and 'error' and nothing else")
        return NotCollected(host, error)
    return HostFacts.from_data(data, origin)


def _name(number: int | None, local: dict[int, str], target: dict[int, str]) -> str:
    if number is None:
        return "?"
    return local.get(number) or target.get(number) or str(number)
