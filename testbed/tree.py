"""A file tree declared as data (accounts, files, directories, symlinks, FIFOs, owners, modes) and written for real."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Node:
    path: str
    kind: str = "file"  # file, dir, link, fifo, absent
    content: str = ""
    mode: int = 0o644
    owner: str = "root"
    group: str | None = None  # None: the tree's root group
    target: str = ""


def File(path: str, content: str = "", mode: int = 0o644, owner: str = "root", group: str | None = None) -> Node:
    return Node(path, "file", content, mode, owner, group)


def Dir(path: str, mode: int = 0o755, owner: str = "root", group: str | None = None) -> Node:
    return Node(path, "dir", "", mode, owner, group)


def Link(path: str, target: str) -> Node:
    return Node(path, "link", target=target)


def Absent(path: str) -> Node:
    return Node(path, "absent")


@dataclass(frozen=True)
class Accounts:
    """Who owns the tree's files: name -> numeric id, and the group that owns what names no group."""

    users: Mapping[str, int]
    groups: Mapping[str, int]
    root_group: str = "system"

    def passwd(self) -> str:
        return "".join(
            f"{name}:!:{uid}:{self._primary_gid(name)}::/home/{name}:/bin/sh\n"
            if name != "root"
            else "root:!:0:0::/root:/bin/sh\n"
            for name, uid in self.users.items()
        )

    def group(self) -> str:
        return "".join(f"{name}:!:{gid}:\n" for name, gid in self.groups.items())

    def ids(self, node: Node) -> tuple[int, int]:
        return self.users[node.owner], self.groups[node.group or self.root_group]

    def _primary_gid(self, user: str) -> int:
        return self.groups.get(user, self.groups.get("staff", self.groups.get("users", 0)))


def build_tree(root: Path, accounts: Accounts, nodes: Iterable[Node]) -> Path:
    """Write the nodes under root with numeric owners; etc/passwd and etc/group from the accounts unless given;
    missing parents are root:<root group> 0755."""
    nodes = list(nodes)
    paths = {n.path for n in nodes}
    for path, text in (("/etc/passwd", accounts.passwd()), ("/etc/group", accounts.group())):
        if path not in paths:
            nodes.insert(0, File(path, text, 0o644))
    root.mkdir(parents=True, exist_ok=True)
    for node in sorted(nodes, key=lambda n: (n.path.count("/"), n.path)):
        _make(accounts, root, node)
    return root


def _parents(accounts: Accounts, root: Path, path: str) -> None:
    current = root
    for part in [p for p in path.split("/") if p][:-1]:
        current = current / part
        if not current.exists() and not current.is_symlink():
            current.mkdir()
            os.chown(current, 0, accounts.groups[accounts.root_group])
            os.chmod(current, 0o755)


def _make(accounts: Accounts, root: Path, node: Node) -> None:
    if node.kind == "absent":
        return
    _parents(accounts, root, node.path)
    full = root / node.path.lstrip("/")
    if node.kind == "link":
        full.symlink_to(node.target)
        return
    if node.kind == "dir":
        full.mkdir(exist_ok=True)
    elif node.kind == "fifo":
        os.mkfifo(full)
    else:
        full.write_bytes(node.content.encode("utf-8", "surrogateescape"))
    uid, gid = accounts.ids(node)
    os.chown(full, uid, gid)
    os.chmod(full, node.mode)
