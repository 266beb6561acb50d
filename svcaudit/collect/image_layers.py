"""An image's layers merged in memory, as the container runtime would unpack them, from the tar headers alone.

Layers apply bottom to top. In a layer, `DIR/.wh.NAME` deletes NAME of the layers below and
`DIR/.wh..wh..opq` empties DIR of what the layers below put there (OCI image spec, "Whiteouts");
both act on the lower layers only, so their place among the layer's own entries does not matter.
A directory over a directory keeps the lower one's entries and takes the new owner and mode; anything
else replaces the path and what was below it. Owners, groups and modes are the tar headers' numbers;
a hard link shares its target's inode (owner, mode, data). A POSIX ACL travels in the headers as
PAX `SCHILY.acl.access`/`SCHILY.acl.default` (text, GNU tar and star) or
`SCHILY.xattr.system.posix_acl_access`/`..._default` (the kernel's binary form, container tools):
either becomes the text `getfacl --numeric --omit-header` would print for it.

Hostile archives: an absolute name, a `..` component, an entry below a non-directory, a hard link
to nothing, a member larger than MAX_MEMBER_BYTES or more than MAX_ENTRIES entries is an ImageError
naming the layer and the member; so is a truncated or corrupt layer (tarfile, gzip and zlib errors).
File data is never kept here: an entry says which member of which layer holds it (`source`), and
`read_members` fetches only the members asked for, capped.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import struct
import tarfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any, cast

from svcaudit.collect.image_archive import Image, ImageError, Layer, peek_magic

#: Largest member a layer may hold; a bigger one is taken for a hostile or broken archive.
MAX_MEMBER_BYTES = 16 * 1024 * 1024 * 1024
#: Most members read across all layers (and so most entries of the merged image).
MAX_ENTRIES = 2_000_000
#: Longest path accepted.
MAX_PATH_BYTES = 4096

#: Largest PAX extended header or GNU long name/link member: tarfile reads one whole into memory.
MAX_HEADER_BYTES = 1024 * 1024

WHITEOUT = ".wh."
OPAQUE = ".wh..wh..opq"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_ACL_TEXT = {"SCHILY.acl.access": "", "SCHILY.acl.default": "default:"}
_ACL_XATTR = {"SCHILY.xattr.system.posix_acl_access": "", "SCHILY.xattr.system.posix_acl_default": "default:"}
#: Linux's posix_acl_xattr tags, and the getfacl names they print as.
_ACL_TAGS = {0x01: "user", 0x02: "user", 0x04: "group", 0x08: "group", 0x10: "mask", 0x20: "other"}
_ACL_QUALIFIED = frozenset({0x02, 0x08})


@dataclass
class Entry:
    """One path of the merged image: what lstat would say of it once unpacked."""

    kind: str  # file dir link fifo char block other
    mode: int  # permission bits (07777)
    uid: int
    gid: int
    size: int
    mtime: int
    link: str = ""  # a symlink's target, as written
    source: tuple[int, int] | None = None  # (layer index, member ordinal) holding a file's data
    acl: str = ""  # getfacl-style lines when the headers carry an ACL
    children: dict[str, None] = field(default_factory=dict)  # a directory's entry names (insertion-ordered set)


@dataclass
class Tree:
    """The merged image: absolute paths ("/", "/etc", "/etc/passwd") to entries."""

    entries: dict[str, Entry]
    layers: list[Layer]
    archive: str
    #: Where each regular member's data starts in its layer's tar, and its size: a plain layer is read there.
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def get(self, path: str) -> Entry | None:
        return self.entries.get(path)


def merge_layers(image: Image) -> Tree:
    """Every layer of the image applied in order; ImageError naming the archive and layer on any problem."""
    tree = Tree({"/": Entry("dir", 0o755, 0, 0, 0, 0)}, image.layers, image.archive)
    seen = 0
    for index, layer in enumerate(image.layers):
        mine: set[str] = set()
        whiteouts: list[str] = []
        opaques: list[str] = []
        for ordinal, member in _members(image.archive, layer):
            seen += 1
            if seen > MAX_ENTRIES:
                raise ImageError(f"{image.archive}: more than {MAX_ENTRIES} entries in its layers")
            if member.isreg():
                tree.spans[(index, ordinal)] = (member.offset_data, member.size)
            try:
                _apply(tree, index, ordinal, member, mine, whiteouts, opaques)
            except ImageError as exc:
                raise ImageError(f"{image.archive}: layer {layer.where}: member {member.name!r}: {exc}") from None
        for path in whiteouts:
            _remove_lower(tree, path, mine)
        for path in opaques:
            entry = tree.entries.get(path)
            if entry is not None and entry.kind == "dir":
                for name in list(entry.children):
                    _remove_lower(tree, _join(path, name), mine)
    return tree


def _members(archive: str, layer: Layer) -> Iterator[tuple[int, tarfile.TarInfo]]:
    """The layer's members in order, numbered; every read error becomes one ImageError naming the layer."""
    try:
        with layer.open() as raw, _Layer(raw, layer) as stream, _open_tar(cast(IO[bytes], stream)) as tar:
            last: tarfile.TarInfo | None = None
            for numbered in enumerate(tar):
                last = numbered[1]
                yield numbered
            stream.check_complete(last)
    except ImageError as exc:
        raise ImageError(f"{archive}: layer {layer.where}: {exc}") from None
    except (tarfile.TarError, EOFError, OSError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        raise ImageError(f"{archive}: layer {layer.where} is truncated or corrupt: {type(exc).__name__}: {exc}") from None


class _BoundedInfo(tarfile.TarInfo):
    """tarfile's member, refusing an extended header (PAX, GNU long name) larger than MAX_HEADER_BYTES
    before tarfile reads it into memory whole."""

    def _proc_member(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        if self.type in _EXTENDED and self.size > MAX_HEADER_BYTES:
            raise ImageError(f"an extended header of {self.size} bytes, more than the {MAX_HEADER_BYTES} read")
        return super()._proc_member(tarfile_)  # type: ignore[misc, no-any-return]


_EXTENDED = frozenset(
    {tarfile.XHDTYPE, tarfile.XGLTYPE, tarfile.SOLARIS_XHDTYPE, tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK}
)


def _open_tar(stream: IO[bytes]) -> tarfile.TarFile:
    return tarfile.open(fileobj=stream, mode="r|", errors="surrogateescape", tarinfo=_BoundedInfo)


class _Layer(io.RawIOBase):
    """A layer's uncompressed tar stream, as Go's archive/tar (which runtimes unpack with) reads it.

    Some builders (umoci: opencontainers/umoci#436) end a layer right after the last member's data,
    without the padding to 512 bytes or the end-of-archive blocks; Go reads that as a clean end and so
    does this reader: at EOF the stream gives the missing padding as zeros. Data cut short is still an
    error: `check_complete` verifies that the last member's data was all there, and that nothing but
    zeros follows it (tarfile ends quietly at a damaged header past the first: that is not an end).
    """

    def __init__(self, raw: IO[bytes], layer: Layer) -> None:
        super().__init__()
        magic = peek_magic(raw)
        if magic == _ZSTD_MAGIC:
            raise ImageError("zstd-compressed; gzip and plain tar layers are read")
        self.expected = layer.digest
        algorithm = layer.digest.split(":", 1)[0] if layer.digest else "sha256"
        self.blob_hash = hashlib.new(algorithm) if layer.of == "blob" else None
        self.tar_hash = hashlib.new(algorithm) if layer.of == "tar" else None
        self.stored: IO[bytes] = cast(IO[bytes], _Hashing(raw, self.blob_hash)) if self.blob_hash is not None else raw
        gzipped = magic[:2] == b"\x1f\x8b"
        self.source = cast(IO[bytes], gzip.GzipFile(fileobj=self.stored, mode="rb")) if gzipped else self.stored
        self.position = 0
        self.real_end: int | None = None
        self.padding = 0
        self.last_nonzero = 0  # where the last nonzero byte read so far ends

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self.real_end is None:
            data = self.source.read(len(view))
            if data:
                if self.tar_hash is not None:
                    self.tar_hash.update(data)
                view[: len(data)] = data
                stripped = len(data.rstrip(b"\0"))
                if stripped:
                    self.last_nonzero = self.position + stripped
                self.position += len(data)
                return len(data)
            self.real_end = self.position
            self.padding = -self.position % tarfile.BLOCKSIZE
        count = min(self.padding, len(view))
        view[:count] = bytes(count)
        self.padding -= count
        self.position += count
        return count

    def check_complete(self, last: tarfile.TarInfo | None) -> None:
        while self.read(1 << 16):
            pass
        end = last.offset_data + (last.size if last.isreg() else 0) if last is not None else 0
        if self.real_end is not None and end > self.real_end:
            raise ImageError(f"member {last.name if last else ''!r}: its data ends past the end of the layer (truncated)")
        if self.last_nonzero > end:
            after = f"after member {last.name!r}" if last is not None else "before any member"
            raise ImageError(f"unreadable data at byte {end} {after} (a damaged header?)")
        found = self.blob_hash or self.tar_hash
        if self.expected and found is not None:
            while self.blob_hash is not None and self.stored.read(1 << 16):  # whatever follows the gzip stream
                pass
            digest = f"{found.name}:{found.hexdigest()}"
            if digest != self.expected:
                what = "stored blob" if self.blob_hash is not None else "uncompressed tar"
                raise ImageError(f"its {what} hashes to {digest}, not {self.expected}: truncated or altered")


class _Hashing(io.RawIOBase):
    """A byte stream that hashes what is read through it."""

    def __init__(self, raw: IO[bytes], digest: Any) -> None:
        super().__init__()
        self.raw, self.digest = raw, digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.raw.read(len(view))
        self.digest.update(data)
        view[: len(data)] = data
        return len(data)


def normalize(name: str) -> str:
    """A member name as an absolute path inside the image; ImageError for absolute names and `..`."""
    if name.startswith("/"):
        raise ImageError("absolute member name (layers hold relative paths)")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ImageError("'..' in a member name (path traversal)")
    path = "/" + "/".join(parts)
    if len(path.encode("utf-8", "surrogateescape")) > MAX_PATH_BYTES:
        raise ImageError(f"path longer than {MAX_PATH_BYTES} bytes")
    return path


def _join(parent: str, name: str) -> str:
    return ("" if parent == "/" else parent) + "/" + name


def _split(path: str) -> tuple[str, str]:
    parent, _, name = path.rpartition("/")
    return parent or "/", name


def _apply(
    tree: Tree, index: int, ordinal: int, member: tarfile.TarInfo, mine: set[str], whiteouts: list[str], opaques: list[str]
) -> None:
    path = normalize(member.name)
    parent, name = _split(path)
    if name.startswith(WHITEOUT):
        if name == OPAQUE:
            opaques.append(parent)
        elif not name.startswith(WHITEOUT + WHITEOUT):  # .wh..wh.* other than opq: aufs bookkeeping, not a path
            target = name[len(WHITEOUT) :]
            if target in ("", ".", ".."):
                raise ImageError("whiteout of no name")
            whiteouts.append(_join(parent, target))
        return
    if member.size > MAX_MEMBER_BYTES:
        raise ImageError(f"{member.size} bytes, more than the {MAX_MEMBER_BYTES} a member may have")
    entry = _entry(tree, index, ordinal, member)
    if path == "/" and entry.kind != "dir":
        raise ImageError("the image's root is not a directory")
    if path != "/":
        _ensure_parent(tree, parent, mine)
    old = tree.entries.get(path)
    if old is not None and old.kind == "dir" and entry.kind == "dir":
        entry.children = old.children
    elif old is not None:
        _remove(tree, path)
    tree.entries[path] = entry
    if path != "/":
        tree.entries[parent].children[name] = None
    mine.add(path)


def _entry(tree: Tree, index: int, ordinal: int, member: tarfile.TarInfo) -> Entry:
    acl = _acl_text(member.pax_headers)
    common = (member.mode & 0o7777, member.uid, member.gid)
    mtime = int(member.mtime)
    if member.islnk():
        target = tree.entries.get(normalize(member.linkname))
        if target is None or target.kind != "file":
            raise ImageError(f"hard link to {member.linkname!r}, which is not a file of the image")
        # One inode: the target's owner, mode, data and ACL.
        return Entry("file", target.mode, target.uid, target.gid, target.size, target.mtime, source=target.source, acl=target.acl)
    if member.isreg():
        return Entry("file", *common, member.size, mtime, source=(index, ordinal), acl=acl)
    if member.isdir():
        return Entry("dir", *common, 0, mtime, acl=acl)
    if member.issym():
        return Entry(
            "link",
            0o777,
            member.uid,
            member.gid,
            len(member.linkname.encode("utf-8", "surrogateescape")),
            mtime,
            link=member.linkname,
        )
    kind = "fifo" if member.isfifo() else "char" if member.ischr() else "block" if member.isblk() else "other"
    return Entry(kind, *common, 0, mtime, acl=acl)


def _ensure_parent(tree: Tree, parent: str, mine: set[str]) -> None:
    """A member's directory: made (root 0755, as runtimes do) when the layer did not list it first."""
    entry = tree.entries.get(parent)
    if entry is not None:
        if entry.kind != "dir":
            raise ImageError(f"its directory {parent} is a {entry.kind} in the image, not a directory")
        return
    up, name = _split(parent)
    _ensure_parent(tree, up, mine)
    tree.entries[parent] = Entry("dir", 0o755, 0, 0, 0, 0)
    tree.entries[up].children[name] = None
    mine.add(parent)


def _remove(tree: Tree, path: str) -> None:
    """Delete path and everything below it."""
    entry = tree.entries.pop(path, None)
    if entry is None:
        return
    for name in entry.children:
        _remove(tree, _join(path, name))
    parent, name = _split(path)
    if path != "/" and parent in tree.entries:
        tree.entries[parent].children.pop(name, None)


def _remove_lower(tree: Tree, path: str, mine: set[str]) -> None:
    """Delete what lower layers left at path and below; what this layer wrote stays."""
    entry = tree.entries.get(path)
    if entry is None:
        return
    if path not in mine:
        _remove(tree, path)
        return
    for name in list(entry.children):
        _remove_lower(tree, _join(path, name), mine)


def _acl_text(headers: Mapping[str, str]) -> str:
    lines: list[str] = []
    for key, prefix in _ACL_TEXT.items():
        if headers.get(key):
            for item in headers[key].replace("\n", ",").split(","):
                fields = item.strip().split(":")
                if len(fields) >= 3 and fields[0]:
                    # star appends the numeric id as a fourth field: the qualifier is then the number.
                    qualifier = fields[3] if len(fields) > 3 and fields[1] else fields[1]
                    lines.append(f"{prefix}{_long_tag(fields[0])}:{qualifier}:{fields[2]}")
    for key, prefix in _ACL_XATTR.items():
        if key in headers:
            lines += [prefix + line for line in _acl_xattr(headers[key].encode("utf-8", "surrogateescape"))]
    return "\n".join(lines)


def _long_tag(tag: str) -> str:
    return {"u": "user", "g": "group", "m": "mask", "o": "other"}.get(tag, tag)


def _acl_xattr(value: bytes) -> list[str]:
    """system.posix_acl_* in the kernel's form: le32 version 2, then (le16 tag, le16 perm, le32 id) entries."""
    if len(value) < 4 or (len(value) - 4) % 8 or struct.unpack_from("<I", value)[0] != 2:
        raise ImageError("a POSIX ACL header that is not version 2 posix_acl_xattr")
    lines = []
    for offset in range(4, len(value), 8):
        tag, perm, ident = struct.unpack_from("<HHI", value, offset)
        if tag not in _ACL_TAGS:
            raise ImageError(f"a POSIX ACL entry of unknown tag {tag:#x}")
        lines.append(f"{_ACL_TAGS[tag]}:{ident if tag in _ACL_QUALIFIED else ''}:{rwx(perm)}")
    return lines


def rwx(bits: int) -> str:
    """The low three permission bits as getfacl prints them (r-x)."""
    return "".join(c if bits & b else "-" for c, b in (("r", 4), ("w", 2), ("x", 1)))


def read_members(tree: Tree, wanted: dict[tuple[int, int], int]) -> dict[tuple[int, int], bytes]:
    """The data of the members asked for, at most `wanted[source]` bytes each: read in place in a plain
    layer (its tar is seekable), else in one pass over each compressed layer involved."""
    found: dict[tuple[int, int], bytes] = {}
    for index in sorted({source[0] for source in wanted}):
        layer = tree.layers[index]
        try:
            if _read_in_place(tree, index, wanted, found):
                continue
            with layer.open() as raw, _Layer(raw, layer) as stream, _open_tar(cast(IO[bytes], stream)) as tar:
                for ordinal, member in enumerate(tar):
                    cap = wanted.get((index, ordinal))
                    if cap is None:
                        continue
                    data = tar.extractfile(member)
                    found[(index, ordinal)] = data.read(cap) if data is not None else b""
                    if all(key in found for key in wanted if key[0] == index):
                        break
        except ImageError as exc:
            raise ImageError(f"{tree.archive}: layer {layer.where}: {exc}") from None
        except (tarfile.TarError, EOFError, OSError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
            raise ImageError(
                f"{tree.archive}: layer {layer.where} is truncated or corrupt: {type(exc).__name__}: {exc}"
            ) from None
    return found


def _read_in_place(tree: Tree, index: int, wanted: dict[tuple[int, int], int], found: dict[tuple[int, int], bytes]) -> bool:
    """Read a plain, seekable layer's members where they are; False (nothing read) for a compressed one.

    The header block just before each member's data must still describe it (a valid checksum, a regular
    file of the same size): a layer changed since it was merged gives no data rather than another file's.
    """
    with tree.layers[index].open() as raw:
        if not raw.seekable() or peek_magic(raw)[:2] == b"\x1f\x8b":
            return False
        for key, cap in wanted.items():
            if key[0] != index or key not in tree.spans:
                continue
            offset, size = tree.spans[key]
            raw.seek(offset - tarfile.BLOCKSIZE)
            try:
                header = tarfile.TarInfo.frombuf(raw.read(tarfile.BLOCKSIZE), "utf-8", "surrogateescape")
            except tarfile.HeaderError:
                continue
            if header.isreg() and header.size == size:
                found[key] = raw.read(min(cap, size))
    return True
