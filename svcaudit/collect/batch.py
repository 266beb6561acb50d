"""Batched fact collection: one remote command answers a whole list of requests.

testinfra's file and service modules do not work on AIX and cost one round trip
per property, so we ship a small perl program (perl ships with every AIX) that
answers every request of a batch at once. Paths travel base64-encoded inside one
quoted argument: nothing read from a target ever becomes shell syntax.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal, Protocol, runtime_checkable

from svcaudit.parsers.acl import AclState, parse_acl_output

Op = Literal["stat", "read", "script", "list", "liststat", "listread", "tree", "find", "cmd", "acl"]

#: Largest request we put in one command line; Linux caps a single argument at 128 KiB.
MAX_REQUEST_BYTES = 96 * 1024
#: Default per-file read cap; a larger file is reported as truncated.
READ_LIMIT = 1024 * 1024
#: Default time budget for one batch on the target, in seconds.
BUDGET_SECONDS = 120
MAX_DIR_ENTRIES = 20000
#: Bounds of one search by name (.forward, .netrc): the search says it is incomplete rather than run on.
WALK_SECONDS = 60
MAX_WALK_ENTRIES = 500000
#: Longest one ACL tool run (aclget, getfacl) may take before its path's ACL is "unknown".
ACL_SECONDS = 10


class CollectionError(Exception):
    """Facts could not be collected: the host's controls are not assessed."""


class CommandPending(Exception):
    """A host that answers later: its command runs elsewhere (svcaudit.collect.stage), collection resumes then."""

    def __init__(self, command: str) -> None:
        super().__init__("the collector command is pending")
        self.command = command


@runtime_checkable
class CommandResult(Protocol):
    """The part of testinfra's CommandResult that collection reads."""

    @property
    def stdout(self) -> str: ...
    @property
    def stderr(self) -> str: ...
    @property
    def rc(self) -> int: ...


class RunsCommands(Protocol):
    """The part of a testinfra Host that collection needs."""

    def run(self, command: str, *args: str) -> CommandResult: ...


@dataclass(frozen=True)
class Request:
    op: Op
    arg: str

    def line(self) -> str:
        value = self.arg if self.op == "cmd" else _b64(self.arg.encode("utf-8", "surrogateescape"))
        return f"{self.op}\t{value}"


@dataclass
class StatRecord:
    path: str
    kind: str  # file dir link fifo char block socket other absent unknown
    mode: int | None
    uid: int | None
    gid: int | None
    size: int | None
    mtime: int | None
    link: str | None
    real: str
    error: str | None


@dataclass
class ContentRecord:
    path: str
    text: str | None
    truncated: bool
    error: str | None


@dataclass
class ListingRecord:
    path: str
    names: list[str]
    truncated: bool
    error: str | None


@dataclass
class WalkRecord:
    """A bounded search below one root: what it found, and whether it saw everything."""

    root: str
    found: list[str]
    truncated: bool
    why: str
    unreadable: list[str]


@dataclass
class AclRecord:
    """A path's ACL as the scanning host's tool read it: state none, extended or unknown (detail says why)."""

    path: str
    state: AclState
    tool: str  # "aclget", "getfacl", or "" when none ran
    detail: str


@dataclass
class CommandRecord:
    name: str
    rc: int
    output: str


@dataclass
class Batch:
    """Everything one collector run answered."""

    stats: dict[str, StatRecord] = field(default_factory=dict)
    contents: dict[str, ContentRecord] = field(default_factory=dict)
    listings: dict[str, ListingRecord] = field(default_factory=dict)
    commands: dict[str, CommandRecord] = field(default_factory=dict)
    walks: dict[str, WalkRecord] = field(default_factory=dict)
    acls: dict[str, AclRecord] = field(default_factory=dict)
    uid_names: dict[int, str] = field(default_factory=dict)
    gid_names: dict[int, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _text(field_b64: str) -> str:
    return base64.b64decode(field_b64).decode("utf-8", "surrogateescape")


def collector_program() -> str:
    return resources.files("svcaudit.collect").joinpath("collector.pl").read_text(encoding="utf-8")


def request_payload(
    requests: list[Request],
    *,
    root: str = "",
    limit: int = READ_LIMIT,
    budget: int = BUDGET_SECONDS,
    max_entries: int = MAX_DIR_ENTRIES,
    walk_seconds: int = WALK_SECONDS,
    max_walk: int = MAX_WALK_ENTRIES,
    acl_seconds: int = ACL_SECONDS,
    find_names: tuple[str, ...] = (),
) -> str:
    """The collector's one argument: its settings and the request lines, base64-encoded.

    `find` requests report the entries named one of `find_names` (``NAME*`` matches a prefix).
    """
    header = [
        f"root\t{_b64(root.encode('utf-8', 'surrogateescape'))}",
        f"limit\t{limit}",
        f"budget\t{max(budget, walk_seconds + 60)}",
        f"maxentries\t{max_entries}",
        f"walkseconds\t{walk_seconds}",
        f"maxwalk\t{max_walk}",
        f"aclseconds\t{acl_seconds}",
        f"findnames\t{_b64(chr(0).join(find_names).encode('utf-8', 'surrogateescape'))}",
    ]
    return _b64("\n".join(header + [r.line() for r in requests]).encode("ascii"))


#: The perl one-liner that decodes and runs the collector (its two arguments: program, payload).
LOADER = "my $p = decode_base64(shift @ARGV); eval $p; die $@ if $@;"


def build_command(requests: list[Request], *, root: str = "", find_names: tuple[str, ...] = (), **settings: int) -> str:
    """The one shell command for a batch: POSIX sh that runs perl on two base64 arguments.

    The same text must run under dash, bash, ksh93 and AIX ksh, so it uses only
    `command -v`, `||`, braces and single quotes around base64 (which has no quote).
    `settings` are `request_payload`'s limits (limit, budget, max_entries, ...).
    """
    program = _b64(collector_program().encode("utf-8"))
    return (
        "PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH; export PATH; "
        "command -v perl >/dev/null 2>&1 || "
        "{ echo 'svcaudit: perl 5 is required on the target and was not found in PATH' >&2; exit 127; }; "
        f"perl -MMIME::Base64 -e '{LOADER}' "
        f"'{program}' '{request_payload(requests, root=root, find_names=find_names, **settings)}'"
    )


def split_requests(requests: list[Request], max_bytes: int = MAX_REQUEST_BYTES) -> list[list[Request]]:
    """Cut a long request list into chunks that fit one command line each."""
    chunks: list[list[Request]] = [[]]
    size = 0
    for request in requests:
        cost = len(request.line()) * 4 // 3 + 4
        if chunks[-1] and size + cost > max_bytes:
            chunks.append([])
            size = 0
        chunks[-1].append(request)
        size += cost
    return [c for c in chunks if c] or [[]]


def parse_output(stdout: str) -> Batch:
    """Turn collector output into records; raise CollectionError when it is cut short."""
    batch = Batch()
    lines = stdout.split("\n")
    ended = False
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        fields = line.split("\t")
        tag = fields[0]
        try:
            if tag == "END":
                ended = True
                break
            if tag == "TIMEOUT":
                raise CollectionError("the collector ran out of its time budget on the target")
            _parse_record(batch, tag, fields)
        except (ValueError, IndexError) as exc:  # a bad base64 field raises binascii.Error, a ValueError
            raise CollectionError(f"unreadable collector output at line {number}: {line[:80]!r} ({exc})") from exc
    if not ended:
        raise CollectionError("collector output ended early (no END marker): the collector died or was cut off")
    return batch


def _nul_list(field_b64: str) -> list[str]:
    joined = _text(field_b64)
    return joined.split("\0") if joined else []


def _opt_int(value: str, base: int = 10) -> int | None:
    return int(value, base) if value != "" else None


def _parse_record(batch: Batch, tag: str, f: list[str]) -> None:
    if tag == "F":
        path = _text(f[1])
        link = _text(f[8])
        err = _text(f[10])
        batch.stats[path] = StatRecord(
            path=path,
            kind=f[2],
            mode=_opt_int(f[3], 8),
            uid=_opt_int(f[4]),
            gid=_opt_int(f[5]),
            size=_opt_int(f[6]),
            mtime=_opt_int(f[7]),
            link=link or None,
            real=_text(f[9]),
            error=err or None,
        )
    elif tag == "C":
        path = _text(f[1])
        if f[2] == "E":
            batch.contents[path] = ContentRecord(path, None, False, _text(f[3]))
        else:
            batch.contents[path] = ContentRecord(path, _text(f[3]), f[2] == "1", None)
    elif tag == "L":
        path = _text(f[1])
        if f[2] == "E":
            batch.listings[path] = ListingRecord(path, [], False, _text(f[3]))
        else:
            joined = _text(f[3])
            batch.listings[path] = ListingRecord(path, joined.split("\0") if joined else [], f[2] == "1", None)
    elif tag == "W":
        root = _text(f[1])
        batch.walks[root] = WalkRecord(root, _nul_list(f[4]), f[2] == "1", _text(f[3]), _nul_list(f[5]))
    elif tag == "A":
        path, tool, error = _text(f[1]), f[2], _text(f[6])
        if error:
            batch.acls[path] = AclRecord(path, "unknown", tool, error)
        else:
            reading = parse_acl_output(tool, int(f[3]), _text(f[5]), f[4] == "1")
            batch.acls[path] = AclRecord(path, reading.state, tool, reading.detail)
    elif tag == "X":
        batch.commands[f[1]] = CommandRecord(f[1], int(f[2]), _text(f[3]))
    elif tag == "U":
        batch.uid_names[int(f[1])] = _text(f[2])
    elif tag == "G":
        batch.gid_names[int(f[1])] = _text(f[2])
    elif tag == "M":
        batch.meta[f[1]] = _text(f[2])
    else:
        raise ValueError(f"unknown record type {tag!r}")


def merge(into: Batch, other: Batch) -> None:
    into.stats.update(other.stats)
    into.contents.update(other.contents)
    into.listings.update(other.listings)
    into.commands.update(other.commands)
    into.walks.update(other.walks)
    into.acls.update(other.acls)
    into.uid_names.update(other.uid_names)
    into.gid_names.update(other.gid_names)
    into.meta.update(other.meta)


@dataclass
class Collector:
    """Runs batches against one host and keeps count of remote commands and time."""

    host: RunsCommands
    root: str = ""
    limit: int = READ_LIMIT
    budget: int = BUDGET_SECONDS
    walk_seconds: int = WALK_SECONDS
    max_walk: int = MAX_WALK_ENTRIES
    find_names: tuple[str, ...] = ()
    commands_used: int = 0
    seconds: float = 0.0

    def run(self, requests: list[Request]) -> Batch:
        batch = Batch()
        for chunk in split_requests(_unique(requests)):
            merge(batch, self._run_one(chunk))
        return batch

    def _run_one(self, requests: list[Request]) -> Batch:
        command = build_command(
            requests,
            root=self.root,
            limit=self.limit,
            budget=self.budget,
            walk_seconds=self.walk_seconds,
            max_walk=self.max_walk,
            find_names=self.find_names,
        )
        started = time.monotonic()
        self.commands_used += 1
        try:
            result = self.host.run(command)
        except CommandPending:
            raise
        except Exception as exc:  # testinfra raises RuntimeError for ssh rc 255 and others for paramiko
            raise CollectionError(f"cannot run the collector: {_describe_failure(exc)}") from exc
        finally:
            self.seconds += time.monotonic() - started
        stdout, rc, stderr = result.stdout, result.rc, _one_line(result.stderr)
        try:
            batch = parse_output(stdout)
        except CollectionError as exc:
            raise CollectionError(f"{exc} (exit status {rc}{'; ' + stderr if stderr else ''})") from exc
        if rc != 0:
            raise CollectionError(f"collector exited with status {rc}{': ' + stderr if stderr else ''}")
        return batch


def _describe_failure(exc: Exception) -> str:
    """testinfra's ssh backend raises RuntimeError(CommandResult): show its exit status and stderr, not our command."""
    result = exc.args[0] if exc.args else None
    if isinstance(result, CommandResult):
        stderr = _one_line(result.stderr) or "no message"
        return f"connection failed (ssh exit status {result.rc}): {stderr}"
    return _one_line(f"{type(exc).__name__}: {exc}")


def _unique(requests: list[Request]) -> list[Request]:
    return list(dict.fromkeys(requests))


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
