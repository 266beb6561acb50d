"""Container image archives built from real file trees, as pipelines produce them: docker save, OCI layout, OCI tar.

A layer is a tar of paths under a built tree with their real numeric owners and modes (a POSIX ACL
travels as the PAX header container tools write, SCHILY.xattr.system.posix_acl_access), plus
whiteouts (`.wh.NAME`) and opaque markers (`.wh..wh..opq`) as extra entries. The writers put the
layers in the three archive formats `--image` reads, each with gzip-compressed layers or plain ones.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shlex
import stat
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ACL_XATTR = "system.posix_acl_access"


@dataclass
class LayerSpec:
    """What one layer holds: tree paths (each with what is below it unless `shallow`), whiteouts, opaque dirs, mode changes."""

    root: Path
    paths: list[str] = field(default_factory=list)
    shallow: list[str] = field(default_factory=list)
    whiteouts: list[str] = field(default_factory=list)
    opaque: list[str] = field(default_factory=list)
    modes: dict[str, int] = field(default_factory=dict)  # path -> mode written instead of the tree's
    extra: list[tuple[str, bytes, int]] = field(default_factory=list)  # (path, content, mode) of files not in the tree


def _info(root: Path, path: str, modes: dict[str, int]) -> tuple[tarfile.TarInfo, bytes | None]:
    full = root / path.lstrip("/")
    st = os.lstat(full)
    info = tarfile.TarInfo(path.lstrip("/") or ".")
    info.uid, info.gid, info.mtime = st.st_uid, st.st_gid, int(st.st_mtime)
    info.uname = info.gname = ""
    info.mode = modes.get(path, stat.S_IMODE(st.st_mode))
    data = None
    if stat.S_ISDIR(st.st_mode):
        info.type = tarfile.DIRTYPE
    elif stat.S_ISLNK(st.st_mode):
        info.type, info.linkname = tarfile.SYMTYPE, os.readlink(full)
    elif stat.S_ISFIFO(st.st_mode):
        info.type = tarfile.FIFOTYPE
    else:
        data = full.read_bytes()
        info.size = len(data)
    if not stat.S_ISLNK(st.st_mode):
        try:
            acl = os.getxattr(full, ACL_XATTR, follow_symlinks=False)
        except OSError:
            acl = b""
        if acl:
            info.pax_headers = {"SCHILY.xattr." + ACL_XATTR: acl.decode("utf-8", "surrogateescape")}
    return info, data


def _walk(root: Path, path: str) -> Iterable[str]:
    yield path
    full = root / path.lstrip("/")
    if full.is_dir() and not full.is_symlink():
        for child in sorted(os.listdir(full)):
            yield from _walk(root, ("" if path == "/" else path) + "/" + child)


def layer_tar(spec: LayerSpec) -> bytes:
    """The layer as an uncompressed tar (PAX format)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        seen: set[str] = set()
        for top in spec.paths:
            for path in _walk(spec.root, top):
                if path not in seen:
                    seen.add(path)
                    info, data = _info(spec.root, path, spec.modes)
                    tar.addfile(info, io.BytesIO(data) if data is not None else None)
        for path in spec.shallow:
            info, data = _info(spec.root, path, spec.modes)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
        for directory in spec.opaque:
            tar.addfile(_marker(directory.rstrip("/") + "/.wh..wh..opq"))
        for path in spec.whiteouts:
            parent, _, name = path.rpartition("/")
            tar.addfile(_marker(f"{parent}/.wh.{name}"))
        for path, content, mode in spec.extra:
            info = tarfile.TarInfo(path.lstrip("/"))
            info.size, info.mode = len(content), mode
            tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


def _marker(path: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(path.lstrip("/"))
    info.mode = 0o600
    return info


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _config(layers: list[bytes], os_name: str = "linux", arch: str = "amd64") -> bytes:
    diff_ids = [_digest(layer) for layer in layers]
    return json.dumps(
        {"architecture": arch, "os": os_name, "rootfs": {"type": "layers", "diff_ids": diff_ids}, "config": {}}
    ).encode()


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def docker_save(
    layers: list[bytes], out: Path, *, tag: str = "golden/scenario:1", gzip_layers: bool = False, gzip_all: bool = False
) -> Path:
    """A `docker save` tarball: <id>/layer.tar (or .tar.gz), <config>.json, manifest.json."""
    config = _config(layers)
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    names, members = [], []
    for layer in layers:
        blob = gzip.compress(layer, mtime=0) if gzip_layers else layer
        name = f"{hashlib.sha256(layer).hexdigest()}/layer.tar" + (".gz" if gzip_layers else "")
        names.append(name)
        members.append((name, blob))
    manifest = json.dumps([{"Config": config_name, "RepoTags": [tag] if tag else [], "Layers": names}]).encode()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        _add(tar, config_name, config)
        for name, blob in members:
            _add(tar, name, blob)
        _add(tar, "manifest.json", manifest)
    data = buffer.getvalue()
    out.write_bytes(gzip.compress(data, mtime=0) if gzip_all else data)
    return out


def oci_files(images: list[tuple[list[bytes], str]], *, gzip_layers: bool = True, ref: str = "scenario") -> dict[str, bytes]:
    """An OCI layout's files for one image per (layers, "os/arch"); several images go in a nested image index."""
    files = {"oci-layout": json.dumps({"imageLayoutVersion": "1.0.0"}).encode()}
    descriptors = []
    for layers, platform in images:
        os_name, arch = platform.split("/")[:2]
        config = _config(layers, os_name, arch)
        layer_descs = []
        for layer in layers:
            blob = gzip.compress(layer, mtime=0) if gzip_layers else layer
            files[f"blobs/sha256/{hashlib.sha256(blob).hexdigest()}"] = blob
            kind = "application/vnd.oci.image.layer.v1.tar" + ("+gzip" if gzip_layers else "")
            layer_descs.append({"mediaType": kind, "digest": _digest(blob), "size": len(blob)})
        files[f"blobs/sha256/{hashlib.sha256(config).hexdigest()}"] = config
        manifest = json.dumps(
            {
                "schemaVersion": 2,
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": {
                    "mediaType": "application/vnd.oci.image.config.v1+json",
                    "digest": _digest(config),
                    "size": len(config),
                },
                "layers": layer_descs,
            }
        ).encode()
        files[f"blobs/sha256/{hashlib.sha256(manifest).hexdigest()}"] = manifest
        descriptors.append(
            {
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": _digest(manifest),
                "size": len(manifest),
                "platform": {"os": os_name, "architecture": arch},
            }
        )
    if len(descriptors) == 1:
        index = {"schemaVersion": 2, "manifests": [{**descriptors[0], "annotations": {"org.opencontainers.image.ref.name": ref}}]}
    else:
        nested = json.dumps(
            {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": descriptors}
        ).encode()
        files[f"blobs/sha256/{hashlib.sha256(nested).hexdigest()}"] = nested
        index = {
            "schemaVersion": 2,
            "manifests": [
                {
                    "mediaType": "application/vnd.oci.image.index.v1+json",
                    "digest": _digest(nested),
                    "size": len(nested),
                    "annotations": {"org.opencontainers.image.ref.name": ref},
                }
            ],
        }
    files["index.json"] = json.dumps(index).encode()
    return files


def oci_dir(files: dict[str, bytes], out: Path) -> Path:
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out


def oci_tar(files: dict[str, bytes], out: Path, *, gzip_all: bool = False) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in files.items():
            _add(tar, name, data)
    data = buffer.getvalue()
    out.write_bytes(gzip.compress(data, mtime=0) if gzip_all else data)
    return out


#: The unprivileged user the image runs use (nobody on Debian).
NOBODY = 65534


def unprivileged(cmd: list[str], home: Path) -> list[str]:
    """`cmd` (a `python -m ...` command) run as uid/gid 65534 with no capabilities, when we are root.

    The interpreter may live where nobody cannot reach it (pyenv under /root, mode 0700): then it is
    bind-mounted read-only in a private mount namespace on an empty directory beside `home` and run
    from there; no file of the system changes, the mount disappears with the process.
    """
    if os.geteuid() != 0:
        return cmd
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--inh-caps=-all"]
    env = ["env", f"HOME={home}"]
    python = Path(cmd[0])
    reachable = all(os.stat(p).st_mode & 0o001 for p in python.resolve().parents)
    if reachable:
        return [*drop, *env, *cmd]
    base = Path(sys.base_prefix).resolve()
    mount = home.parent / "interpreter"
    mount.mkdir(mode=0o755, exist_ok=True)
    inside = mount / python.resolve().relative_to(base)
    libs = f"LD_LIBRARY_PATH={mount / 'lib'}"
    script = "mount --bind -o ro {0} {1} 2>/dev/null || mount --bind {0} {1} && exec {2}".format(
        shlex.quote(str(base)), shlex.quote(str(mount)), shlex.join([*drop, *env, libs, str(inside), *cmd[1:]])
    )
    return ["unshare", "--mount", "sh", "-c", script]


def shared_workdir(prefix: str) -> tuple[Path, Path]:
    """(a directory nobody can read, its subdirectory nobody can write): pytest's tmp_path is root's 0700."""
    top = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    top.chmod(0o755)
    out = top / "out"
    out.mkdir()
    if os.geteuid() == 0:
        os.chown(out, NOBODY, NOBODY)
    return top, out


def replace_member(archive: Path, name: str, data: bytes) -> None:
    """Rewrite an (uncompressed) archive with one member's content replaced: damage done after the build."""
    out = io.BytesIO()
    with tarfile.open(archive) as source, tarfile.open(fileobj=out, mode="w") as copy:
        for info in source.getmembers():
            content = data if info.name == name else source.extractfile(info).read()  # type: ignore[union-attr]
            info.size = len(content)
            copy.addfile(info, io.BytesIO(content))
    archive.write_bytes(out.getvalue())


def layer_names(archive: Path) -> list[str]:
    """A docker save archive's layer members, bottom to top."""
    with tarfile.open(archive) as tar:
        return list(json.loads(tar.extractfile("manifest.json").read())[0]["Layers"])  # type: ignore[union-attr]
