"""The collector's answers for an image archive: collector.pl's semantics over the merged layers, in Python.

`ImageCollector.run(requests)` returns the Batch that collector.pl, run with ROOT set to the image's
merged tree, would return: paths resolve with the same rules (a symlink to "/x" means the image's /x,
`..` never climbs above the image's root, 40 hops at most), stat kinds and modes are lstat's, reads are
capped at the same limit with the same truncated flag (`script` stops at a NUL), listings are sorted
and capped, searches are bounded in entries, and commands never run (as under a root, nothing of the
image executes). Owner names come from the image's own etc/passwd and etc/group, as under --sysroot
(HostFacts reads them). ACLs come from the tar headers (svcaudit.collect.image_layers); tool "tar".

Nothing is written anywhere: file data is read from the layers when a batch asks for it. The layers
are merged once, at the first batch; an archive that cannot be read is a CollectionError naming it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from svcaudit.collect.batch import (
    MAX_DIR_ENTRIES,
    MAX_WALK_ENTRIES,
    READ_LIMIT,
    WALK_SECONDS,
    AclRecord,
    Batch,
    CollectionError,
    ContentRecord,
    ListingRecord,
    Request,
    StatRecord,
    WalkRecord,
)
from svcaudit.collect.image_archive import Image, ImageError
from svcaudit.collect.image_layers import Entry, Tree, merge_layers, read_members, rwx
from svcaudit.parsers.acl import parse_getfacl

MAX_HOPS = 40
ACL_TOOL = "tar"
NO_ACL = "the image's tar headers carry no ACL for it (only user::, group:: and other::, from the mode)"


@dataclass
class _Answer:
    """What one batch found, before file data is fetched from the layers."""

    batch: Batch = field(default_factory=Batch)
    done: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (kind, real), as collector.pl's %done
    reads: dict[str, tuple[tuple[int, int], bool]] = field(default_factory=dict)  # path -> (source, script?)


@dataclass
class ImageCollector:
    """Answers batches from an image archive; counts batches as `commands_used` (one pass each)."""

    image: Image
    limit: int = READ_LIMIT
    max_entries: int = MAX_DIR_ENTRIES
    walk_seconds: int = WALK_SECONDS
    max_walk: int = MAX_WALK_ENTRIES
    find_names: tuple[str, ...] = ()
    commands_used: int = 0
    seconds: float = 0.0
    _tree: Tree | None = field(default=None, init=False, repr=False)

    def tree(self) -> Tree:
        if self._tree is None:
            self._tree = merge_layers(self.image)
        return self._tree

    def run(self, requests: list[Request]) -> Batch:
        started = time.monotonic()
        self.commands_used += 1
        try:
            return self._run(requests)
        except ImageError as exc:
            raise CollectionError(str(exc)) from None
        finally:
            self.seconds += time.monotonic() - started

    def _run(self, requests: list[Request]) -> Batch:
        tree = self.tree()
        answer = _Answer()
        answer.batch.meta.update({"collector": "image", "image": self.image.reference, "image_platform": self.image.platform})
        walk = _Walk(tree, self, answer)
        for request in dict.fromkeys(requests):
            walk.do(request)
        # One pass over each layer that holds data asked for; a script reads one byte more to see a NUL past the cap.
        data = read_members(tree, {source: self.limit + 1 for source, _ in answer.reads.values()})
        for path, (source, script) in answer.reads.items():
            found = data.get(source)
            if found is None:  # the layer changed under us, or its member was not where the index said: never empty text
                answer.batch.contents[path] = ContentRecord(path, None, False, "read: its member was not found in its layer")
            else:
                answer.batch.contents[path] = _content(path, found, self.limit, script)
        return answer.batch


def _content(path: str, data: bytes, limit: int, script: bool) -> ContentRecord:
    if script and (nul := data.find(b"\0")) >= 0:
        return ContentRecord(path, _text(data[: nul + 1]), True, None)
    truncated = len(data) > limit
    return ContentRecord(path, _text(data[:limit]), truncated, None)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _parts(path: str) -> list[str]:
    return [p for p in path.split("/") if p and p != "."]


@dataclass
class _Walk:
    tree: Tree
    settings: ImageCollector
    answer: _Answer
    deadline: float | None = None
    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        names = self.settings.find_names
        self.exact = frozenset(n for n in names if not (n.endswith("*") and len(n) > 1))
        self.prefixes = tuple(n[:-1] for n in names if n.endswith("*") and len(n) > 1)

    def do(self, request: Request) -> None:
        op, arg = request.op, request.arg
        if op == "stat":
            self.stat(arg)
        elif op in ("read", "script"):
            self.read(arg, op == "script")
        elif op in ("list", "liststat", "listread"):
            self.listing(arg, op)
        elif op == "tree":
            self.ancestors(arg)
        elif op == "find":
            self.find(arg)
        elif op == "acl":
            self.acl(arg)
        # cmd: nothing of the image runs (collector.pl skips commands under a root too)

    # -- resolve, as collector.pl's resolve(): ROOT is the image's "/" ---------
    def resolve(self, path: str, follow_last: bool) -> tuple[str | None, str]:
        todo = _parts(path)
        done: list[str] = []
        hops = 0
        while todo:
            c = todo.pop(0)
            if c == "..":
                if done:
                    done.pop()
                continue
            entry = self.tree.get("/" + "/".join([*done, c]))
            if (todo or follow_last) and entry is not None and entry.kind == "link":
                hops += 1
                if hops > MAX_HOPS:
                    return None, "too many levels of symbolic links"
                if entry.link.startswith("/"):
                    done = []
                todo = _parts(entry.link) + todo
                continue
            done.append(c)
        return "/" + "/".join(done), ""

    def lstat(self, real: str) -> Entry | None:
        """lstat below the root: ENOENT and ENOTDIR (a file in the middle of the path) are both "absent"."""
        parts = _parts(real)
        for depth in range(1, len(parts)):
            above = self.tree.get("/" + "/".join(parts[:depth]))
            if above is None or above.kind != "dir":
                return None
        return self.tree.get("/" + "/".join(parts))

    def stat(self, path: str) -> tuple[str, str]:
        if path in self.answer.done:
            return self.answer.done[path]
        lreal, err = self.resolve(path, False)
        link, real = "", ""
        entry: Entry | None = None
        if lreal is not None:
            found = self.tree.get(lreal)
            if found is not None and found.kind == "link" and self.lstat(lreal) is found:
                link = found.link
                resolved, err = self.resolve(path, True)
                real = resolved or ""
            else:
                real = lreal
        if real and not err:
            entry = self.lstat(real)
        kind = entry.kind if entry is not None else ("absent" if not err else "unknown")
        self.answer.batch.stats[path] = StatRecord(
            path=path,
            kind=kind,
            mode=entry.mode if entry else None,
            uid=entry.uid if entry else None,
            gid=entry.gid if entry else None,
            size=entry.size if entry else None,
            mtime=entry.mtime if entry else None,
            link=link or None,
            real=real,
            error=err or None,
        )
        self.answer.done[path] = (kind, real)
        return kind, real

    def read(self, path: str, script: bool) -> None:
        kind, real = self.stat(path)
        if kind != "file":
            return
        entry = self.lstat(real)
        if entry is None or entry.source is None:
            self.answer.batch.contents[path] = ContentRecord(path, None, False, "open: the image holds no data for it")
            return
        # collector.pl reads again at every request: the last one's record is the one kept
        self.answer.reads[path] = (entry.source, script)

    def listing(self, path: str, op: str) -> None:
        kind, real = self.stat(path)
        if kind != "dir":
            return
        entry = self.lstat(real)
        assert entry is not None  # a "dir" answer came from this entry
        names = sorted(entry.children, key=lambda n: n.encode("utf-8", "surrogateescape"))
        truncated = len(names) > self.settings.max_entries
        names = names[: self.settings.max_entries]
        self.answer.batch.listings[path] = ListingRecord(path, names, truncated, None)
        if op == "list":
            return
        base = "" if path == "/" else path
        for name in names:
            if op == "liststat":
                self.stat(f"{base}/{name}")
            else:
                self.read(f"{base}/{name}", False)

    def ancestors(self, path: str) -> None:
        _, real = self.stat(path)
        for p in (path, real):
            if not p:
                continue
            parts = [c for c in p.split("/") if c][:-1]
            self.stat("/")
            acc = ""
            for c in parts:
                acc += "/" + c
                self.stat(acc)

    def matches(self, name: str) -> bool:
        return name in self.exact or any(name.startswith(p) for p in self.prefixes)

    def find(self, start: str) -> None:
        kind, real = self.stat(start)
        if kind != "dir":
            self.answer.batch.walks[start] = WalkRecord(start, [], False, "", [])
            return
        if self.deadline is None:
            self.deadline = time.monotonic() + self.settings.walk_seconds
        stack, found, entries, why = [real], [], 0, ""
        while stack and not why:
            directory = stack.pop()
            node = self.tree.get(directory)
            for name in node.children if node is not None else ():
                entries += 1
                if entries > self.settings.max_walk:
                    why = f"more than {self.settings.max_walk} entries"
                    break
                if (entries & 1023) == 0 and time.monotonic() > self.deadline:
                    why = f"took longer than {self.settings.walk_seconds}s"
                    break
                child = ("" if directory == "/" else directory) + "/" + name
                if self.matches(name):
                    found.append(child)
                below = self.tree.get(child)
                if below is not None and below.kind == "dir":
                    stack.append(child)
        self.answer.batch.walks[start] = WalkRecord(start, found, bool(why), why, [])

    def acl(self, path: str) -> None:
        kind, real = self.stat(path)
        if kind in ("absent", "unknown"):
            detail = "does not exist" if kind == "absent" else "cannot stat"
            self.answer.batch.acls[path] = AclRecord(path, "unknown", ACL_TOOL, detail)
            return
        entry = self.lstat(real)
        if entry is None or not entry.acl:
            self.answer.batch.acls[path] = AclRecord(path, "none", ACL_TOOL, NO_ACL)
            return
        base = [f"user::{rwx(entry.mode >> 6)}", f"group::{rwx(entry.mode >> 3)}", f"other::{rwx(entry.mode)}"]
        lines = entry.acl.splitlines()
        tags = {line.split(":", 1)[0] for line in lines if not line.startswith("default:") and line.split(":")[1] == ""}
        text = "\n".join([b for b in base if b.split(":", 1)[0] not in tags] + lines)
        reading = parse_getfacl(text)
        self.answer.batch.acls[path] = AclRecord(path, reading.state, ACL_TOOL, reading.detail)
