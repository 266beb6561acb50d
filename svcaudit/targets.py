"""What a run checks: the targets (testinfra hosts or recorded facts files) and how each one's facts are obtained.

Bad input (an unreadable hosts file, a spec testinfra rejects, a damaged facts file) raises
TargetError with one line; the plugin turns it into a usage error before any test runs.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svcaudit.collect.batch import CollectionError
from svcaudit.collect.gather import gather
from svcaudit.collect.image_archive import ImageError, open_image
from svcaudit.facts.host import HostFacts, NotCollected, read_record
from svcaudit.probes.live import backend_address
from svcaudit.profile import Profile


class TargetError(ValueError):
    """The targets cannot be worked out: the run stops with this message."""


@dataclass(frozen=True)
class Target:
    """One host to check: a testinfra host spec, or a recorded facts file."""

    name: str
    spec: Any = None  # a testinfra Host
    replay: str = ""
    address: str | None = None  # where live probes go unless the profile says otherwise
    image: str = ""  # an image archive (--image): its merged layers are read, nothing runs
    image_platform: str = ""  # the platform chosen in the archive's index ("" when it holds one image)

    def __str__(self) -> str:
        return self.name


def replay_targets(directory: str) -> list[Target]:
    """One target per DIR/*.json facts file, named after the host it recorded."""
    if not Path(directory).is_dir():
        raise TargetError(f"--replay {directory}: not a directory")
    targets = []
    for file in sorted(Path(directory).glob("*.json")):
        try:
            name = read_record(file.read_text(encoding="utf-8"), str(file)).host
        except (ValueError, OSError) as exc:
            raise TargetError(f"--replay: {exc}") from None
        targets.append(Target(name=name, replay=str(file)))
    if not targets:
        raise TargetError(f"--replay {directory}: no *.json facts files")
    return targets


def image_target(path: str, platform: str = "") -> Target:
    """The image in an archive, named by its reference (or the archive's file name).

    The archive's manifests are read now, so a missing, unreadable or ambiguous archive stops the run
    at start; its layers are read when the host's facts are collected.
    """
    try:
        with open_image(path, platform) as image:
            return Target(name=image.reference, image=path, image_platform=platform)
    except ImageError as exc:
        raise TargetError(f"--image {exc}") from None


def image_label(path: str) -> str:
    """What an image's facts keep as their tree (HostFacts.sysroot): a tree scan, read from an archive."""
    return f"image:{path}"


def hosts_file(path: str) -> list[str]:
    """Host specs from an inventory file: one a line, so hundreds of LPARs need no long command line."""
    if not path:
        return []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TargetError(f"--hosts-file {path}: {exc}") from None
    specs = [line.split("#", 1)[0].strip() for line in lines]
    return [s for s in specs if s]


def host_specs(hosts: str | None, inventory: str) -> list[str]:
    """--hosts (comma-separated) then --hosts-file, each spec once, in order."""
    specs = [h for h in (hosts or "").split(",") if h] + hosts_file(inventory)
    return list(dict.fromkeys(specs))


def host_targets(specs: list[str], **backend: Any) -> list[Target]:
    """testinfra hosts for the specs (the local machine when there are none), SSH multiplexed.

    `backend` holds testinfra.get_hosts' keyword arguments (connection, ssh_config, sudo...).
    """
    import testinfra  # type: ignore[import-untyped, unused-ignore]

    wanted: list[str | None] = list(specs) or [None]  # None: the local machine
    try:
        hosts = testinfra.get_hosts(wanted, **backend)
    except Exception as exc:  # noqa: BLE001  testinfra raises plain exceptions for bad specs and missing backends
        raise TargetError(f"--hosts: {exc}") from None
    for host in hosts:
        multiplex(host)
    return [Target(name=h.backend.get_pytest_id(), spec=h, address=backend_address(h)) for h in hosts]


def multiplex(host: Any) -> None:
    """Let a host's few commands share one SSH connection (testinfra sets ControlMaster but no ControlPath).

    A user's own ?controlpath= or ControlPath in --ssh-config wins; the master lingers 10 s at most.
    """
    backend = getattr(host, "backend", None)
    if backend is None or getattr(backend, "NAME", "") != "ssh" or getattr(backend, "controlpath", "x"):
        return
    extra = (getattr(backend, "ssh_extra_args", None) or "").lower()
    if "controlpath" in extra or "controlmaster" in extra:
        return
    # Two aliases of one host:port:user would share OpenSSH's %C; the alias, config and key keep them apart.
    spec = getattr(backend, "host", None)
    key = "|".join(
        str(x)
        for x in (
            getattr(spec, "name", ""),
            getattr(spec, "user", ""),
            getattr(spec, "port", ""),
            backend.ssh_config,
            backend.ssh_identity_file,
        )
    )
    tag = hashlib.sha256(key.encode()).hexdigest()[:16]
    # testinfra %-formats the ssh command line, so OpenSSH's %C is written %%C.
    backend.controlpath = os.path.join(tempfile.gettempdir(), f"svcaudit-{tag}-%%C")
    backend.controlpersist = min(getattr(backend, "controlpersist", 10) or 10, 10)


def obtain_facts(target: Target, profile: Profile, *, platform: str, record: str = "") -> HostFacts | Exception:
    """The target's facts, or the error that stops its controls from being assessed (returned, not raised).

    Replayed facts are read back; others are gathered from the host and, with `record`, saved
    as record/<host>.json for a later --replay (a host not collected is saved as such, so that
    the replay says so instead of leaving the host out).
    """
    if target.replay:
        try:
            found = read_record(Path(target.replay).read_text(encoding="utf-8"), target.replay)
        except (ValueError, OSError) as exc:
            return CollectionError(str(exc))
        if isinstance(found, NotCollected):
            return CollectionError(f"{target.name}: facts not collected: {found.error}")
        return found
    try:
        facts: HostFacts | NotCollected = _gather(target, profile, platform)
    except (CollectionError, ImageError) as exc:
        facts = NotCollected(target.name, str(exc))
    if record:
        write_record(record, facts)
    if isinstance(facts, NotCollected):
        return CollectionError(f"{target.name}: facts not collected: {facts.error}")
    return facts


def _gather(target: Target, profile: Profile, platform: str) -> HostFacts:
    if not target.image:
        return gather(target.spec, target.name, profile, platform=platform, sysroot=profile.scan.sysroot)
    with open_image(target.image, target.image_platform) as image:
        return gather(None, target.name, profile, platform=platform, sysroot=image_label(target.image), image=image)


def write_record(directory: str, found: HostFacts | NotCollected) -> Path:
    """Save a host's facts, or why they were not collected, as DIR/<record_name(host)>.json."""
    os.makedirs(directory, exist_ok=True)
    path = Path(directory, record_name(found.host) + ".json")
    path.write_text(found.to_json(), encoding="utf-8")
    return path


def record_name(name: str) -> str:
    """A host name as a file name: testinfra ids hold ':' and '/'."""
    return re.sub(r"[^A-Za-z0-9_.@-]+", "_", name).strip("._") or "host"


def shard(targets: list[Target], spec: str) -> list[Target]:
    """`--shard K/N`: the K-th of N deterministic, balanced parts of the hosts, dealt in order of record name.

    Every host falls in exactly one shard whatever the order the hosts were given in; a bad
    K/N or a shard left without hosts is a TargetError.
    """
    if not spec:
        return targets
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", spec)
    if match is None:
        raise TargetError(f"--shard {spec}: expected K/N, two whole numbers with 1 <= K <= N (e.g. 2/8)")
    k, n = int(match.group(1)), int(match.group(2))
    if not 1 <= k <= n:
        raise TargetError(f"--shard {spec}: K must be between 1 and N (1 <= K <= N)")
    ordered = sorted(targets, key=lambda t: (record_name(t.name), t.name))
    mine = ordered[k - 1 :: n]
    if not mine:
        raise TargetError(f"--shard {spec}: this shard has no hosts ({len(targets)} hosts, {n} shards); use N <= {len(targets)}")
    return mine
