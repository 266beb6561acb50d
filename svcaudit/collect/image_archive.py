"""Container image archives read in place: which layers make the image, and how to open each one.

`--image PATH` takes what golden-image pipelines produce, without extracting anything:

- a `docker save` tarball (manifest.json with Config, RepoTags and Layers), plain or gzip-compressed;
- an OCI image layout (oci-layout, index.json, blobs/<alg>/<hex>), as a directory or as a tar (plain or gzip).

An OCI index may hold several images (one per platform, and buildx's attestation manifests, which are
not images): `platform` ("os/arch[/variant]") picks one; with several and no choice the error lists them.
Every problem is an ImageError whose message starts with the archive's path; nothing here writes anything.
The layers themselves are merged by svcaudit.collect.image_layers.
"""

from __future__ import annotations

import io
import json
import os
import re
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

#: Largest JSON document (manifest.json, index.json, a manifest, a config) read from an archive.
MAX_JSON_BYTES = 8 * 1024 * 1024
#: Most layers one image may have (Docker's own limit is 127).
MAX_LAYERS = 256
#: Deepest nesting of OCI indexes followed.
MAX_INDEX_DEPTH = 4

_DIGEST = re.compile(r"^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$")
_INDEX_TYPES = frozenset({"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"})
_MANIFEST_TYPES = frozenset(
    {"application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"}
)
#: Annotations that name an image: containerd's full reference first, then the OCI tag.
_CONTAINERD_NAME = "io.containerd.image.name"
_OCI_REF_NAME = "org.opencontainers.image.ref.name"


class ImageError(Exception):
    """The image archive cannot be read: its controls are not assessed (or the run stops at start)."""


@dataclass(frozen=True)
class Layer:
    """One layer blob: `where` names it in messages, `open` gives its bytes (tar, maybe gzip-compressed).

    `digest` is what its bytes must hash to, "" when the archive does not say: the stored blob's
    (`of="blob"`, an OCI descriptor's digest) or the uncompressed tar's (`of="tar"`, docker save's
    config diff_ids). A plain tar cut at a member boundary reads as a whole one; only the digest tells.
    """

    where: str
    open: Callable[[], IO[bytes]]
    digest: str = ""
    of: str = "blob"


@dataclass
class Image:
    """An image chosen inside an archive: its name for reports, its platform, its layers bottom to top."""

    archive: str
    reference: str
    platform: str
    layers: list[Layer]
    store: _Store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Image:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Store(Protocol):
    def has(self, name: str) -> bool: ...
    def open(self, name: str) -> IO[bytes]: ...
    def close(self) -> None: ...


class _DirStore:
    """An OCI layout directory; names never leave it (digests are checked, symlinks must stay inside)."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)

    def _path(self, name: str) -> str:
        full = os.path.realpath(os.path.join(self.root, name))
        if not full.startswith(self.root + os.sep):
            raise ImageError(f"{name} leads outside the layout directory")
        return full

    def has(self, name: str) -> bool:
        return os.path.isfile(self._path(name))

    def open(self, name: str) -> IO[bytes]:
        return open(self._path(name), "rb")  # noqa: SIM115  the caller closes it

    def close(self) -> None:
        pass


class _TarStore:
    """A tar (plain or gzip) holding a docker save or an OCI layout; members are read in place."""

    def __init__(self, path: str) -> None:
        self.tar = tarfile.open(path, "r:*")  # noqa: SIM115  closed by close()
        self.members: dict[str, tarfile.TarInfo] = {}
        for member in self.tar.getmembers():
            name = member.name[2:] if member.name.startswith("./") else member.name
            self.members[name] = member

    def _member(self, name: str) -> tarfile.TarInfo:
        member = self.members.get(name)
        # A blob that is a link to another member (docker save links repeated layers) is followed once.
        if member is not None and (member.issym() or member.islnk()):
            target = member.linkname if member.islnk() else os.path.normpath(os.path.join(os.path.dirname(name), member.linkname))
            member = self.members.get(target[2:] if target.startswith("./") else target)
        if member is None or not member.isreg():
            raise ImageError(f"{name}: no such file in the archive")
        return member

    def has(self, name: str) -> bool:
        member = self.members.get(name)
        return member is not None and (member.isreg() or member.issym() or member.islnk())

    def open(self, name: str) -> IO[bytes]:
        found = self.tar.extractfile(self._member(name))
        if found is None:
            raise ImageError(f"{name}: not a regular file in the archive")
        return found

    def close(self) -> None:
        self.tar.close()


def open_image(path: str, platform: str = "") -> Image:
    """The image in the archive at `path` (one platform of it), ready to merge; ImageError naming `path` if not."""
    try:
        store: _Store
        if os.path.isdir(path):
            store = _DirStore(path)
        elif os.path.isfile(path):
            store = _TarStore(path)
        else:
            raise ImageError("no such file or directory")
        try:
            if store.has("oci-layout") or (isinstance(store, _DirStore) and store.has("index.json")):
                return _oci_image(path, store, platform)
            if store.has("manifest.json"):
                return _docker_image(path, store, platform)
            raise ImageError("neither an OCI image layout (index.json) nor a docker save archive (manifest.json)")
        except BaseException:
            store.close()
            raise
    except ImageError as exc:
        raise ImageError(f"{path}: {exc}") from None
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ImageError(f"{path}: unreadable image archive: {type(exc).__name__}: {exc}") from None


def _json(store: _Store, name: str) -> Any:
    with store.open(name) as stream:
        data = stream.read(MAX_JSON_BYTES + 1)
    if len(data) > MAX_JSON_BYTES:
        raise ImageError(f"{name} is larger than {MAX_JSON_BYTES} bytes")
    try:
        return json.loads(data)
    except ValueError as exc:
        raise ImageError(f"{name} is not valid JSON: {exc}") from None


def _safe_member(name: object, what: str) -> str:
    """A path inside the archive that stays inside it (no absolute name, no ..)."""
    if not isinstance(name, str) or not name or name.startswith("/") or ".." in name.split("/"):
        raise ImageError(f"{what} {name!r} is not a relative path inside the archive")
    return name


def _blob(digest: object) -> str:
    if not isinstance(digest, str) or not _DIGEST.match(digest):
        raise ImageError(f"digest {digest!r} is not sha256:<64 hex> or sha512:<128 hex>")
    alg, hexa = digest.split(":", 1)
    return f"blobs/{alg}/{hexa}"


def _platform_of(config: dict[str, Any]) -> str:
    parts = [str(config.get("os") or "?"), str(config.get("architecture") or "?")]
    if config.get("variant"):
        parts.append(str(config["variant"]))
    return "/".join(parts)


def _matches(found: str, wanted: str) -> bool:
    """`linux/arm64` matches `linux/arm64/v8`; `linux/arm/v7` needs the variant."""
    return found == wanted or found.startswith(wanted + "/")


def _layers(store: _Store, names: list[str], digests: list[str], of: str) -> list[Layer]:
    if len(names) > MAX_LAYERS:
        raise ImageError(f"{len(names)} layers, more than the {MAX_LAYERS} this suite reads")
    for name in names:
        if not store.has(name):
            raise ImageError(f"layer {name} is missing from the archive")
    return [Layer(name, _opener(store, name), digest, of) for name, digest in zip(names, digests, strict=True)]


def _opener(store: _Store, name: str) -> Callable[[], IO[bytes]]:
    return lambda: store.open(name)


def _docker_image(path: str, store: _Store, platform: str) -> Image:
    manifest = _json(store, "manifest.json")
    if not isinstance(manifest, list) or not manifest:
        raise ImageError("manifest.json lists no image")
    if len(manifest) > 1:
        tags = [", ".join(m.get("RepoTags") or ["untagged"]) for m in manifest if isinstance(m, dict)]
        raise ImageError(f"manifest.json holds {len(manifest)} images ({'; '.join(tags)}): save one image per archive")
    entry = manifest[0]
    config = _json(store, _safe_member(entry.get("Config"), "Config"))
    found = _platform_of(config if isinstance(config, dict) else {})
    if platform and not _matches(found, platform):
        raise ImageError(f"the image is for {found}, not {platform}")
    layers = entry.get("Layers")
    if not isinstance(layers, list):
        raise ImageError("manifest.json has no Layers list")
    tags = entry.get("RepoTags") or []
    reference = tags[0] if tags and isinstance(tags[0], str) else Path(path).name
    names = [_safe_member(n, "layer") for n in layers]
    rootfs = config.get("rootfs") if isinstance(config, dict) else None
    diff_ids = rootfs.get("diff_ids") if isinstance(rootfs, dict) else None
    if not isinstance(diff_ids, list) or len(diff_ids) != len(names):
        raise ImageError(f"the config's rootfs.diff_ids do not list the {len(names)} layers of manifest.json")
    for digest in diff_ids:
        _blob(digest)
    return Image(path, reference, found, _layers(store, names, diff_ids, "tar"), store)


@dataclass(frozen=True)
class _Candidate:
    digest: str
    platform: str
    name: str


def _oci_image(path: str, store: _Store, platform: str) -> Image:
    index = _json(store, "index.json")
    candidates = _oci_candidates(store, index, {}, 0)
    # buildx attestations ("unknown/unknown") are not images.
    images = [c for c in candidates if c.platform != "unknown/unknown"]
    if not images:
        raise ImageError("index.json names no image manifest")
    chosen = [c for c in images if _matches(c.platform, platform)] if platform else images
    distinct = list({c.digest: c for c in chosen}.values())
    if not distinct:
        have = ", ".join(sorted({c.platform for c in images}))
        raise ImageError(f"no image for platform {platform} (the index has {have})")
    if len(distinct) > 1:
        listed = ", ".join(f"{c.platform} ({c.name or c.digest[:19]})" for c in distinct)
        raise ImageError(f"the index holds {len(distinct)} images: {listed}; choose one with --image-platform OS/ARCH")
    picked = distinct[0]
    manifest = _json(store, _blob(picked.digest))
    layers = manifest.get("layers") if isinstance(manifest, dict) else None
    if not isinstance(layers, list):
        raise ImageError(f"manifest {picked.digest} has no layers list")
    for layer in layers:
        kind = str(layer.get("mediaType", "")) if isinstance(layer, dict) else ""
        if "zstd" in kind:
            raise ImageError(f"layer {layer.get('digest')} is zstd-compressed ({kind}); gzip and plain tar are read")
    digests = [str(layer.get("digest")) if isinstance(layer, dict) else "" for layer in layers]
    names = [_blob(digest) for digest in digests]
    return Image(path, _reference(path, picked.name), picked.platform, _layers(store, names, digests, "blob"), store)


def _oci_candidates(store: _Store, index: Any, inherited: dict[str, str], depth: int) -> list[_Candidate]:
    if depth > MAX_INDEX_DEPTH:
        raise ImageError(f"indexes nested more than {MAX_INDEX_DEPTH} deep")
    manifests = index.get("manifests") if isinstance(index, dict) else None
    if not isinstance(manifests, list):
        raise ImageError("an index has no manifests list")
    found: list[_Candidate] = []
    for descriptor in manifests:
        if not isinstance(descriptor, dict):
            raise ImageError("an index entry is not an object")
        annotations = {**inherited, **(descriptor.get("annotations") or {})}
        kind = descriptor.get("mediaType", "")
        digest = descriptor.get("digest")
        if kind in _INDEX_TYPES:
            found += _oci_candidates(store, _json(store, _blob(digest)), annotations, depth + 1)
            continue
        if kind and kind not in _MANIFEST_TYPES:
            continue  # not an image (an artifact, a signature)
        _blob(digest)
        if isinstance(descriptor.get("platform"), dict):
            where = _platform_of(descriptor["platform"])
        else:
            manifest = _json(store, _blob(digest))
            config = manifest.get("config", {}) if isinstance(manifest, dict) else {}
            where = _platform_of(_json(store, _blob(config.get("digest"))))
        name = str(annotations.get(_CONTAINERD_NAME) or annotations.get(_OCI_REF_NAME) or "")
        found.append(_Candidate(str(digest), where, name))
    return found


def _reference(path: str, name: str) -> str:
    """The host name reports show: a full reference as annotated, else the archive's name with the tag."""
    base = Path(path.rstrip("/")).name
    if not name:
        return base
    if "/" in name or ":" in name:
        return name
    return f"{base}:{name}"


def peek_magic(stream: IO[bytes]) -> bytes:
    """The first bytes of a stream without consuming them, where the stream can tell."""
    if isinstance(stream, io.BufferedReader):
        return stream.peek(4)[:4]
    return b""
