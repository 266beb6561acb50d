"""Collect a host's facts in two batches: what every platform might have, then what that revealed."""

from __future__ import annotations

from svcaudit.collect.batch import Batch, Collector, Request, RunsCommands, merge
from svcaudit.collect.image_archive import Image
from svcaudit.collect.image_collector import ImageCollector
from svcaudit.facts import aix_boot as aixbootfacts
from svcaudit.facts import atjobs as atjobfacts
from svcaudit.facts import cron as cronfacts
from svcaudit.facts import ftp as ftpfacts
from svcaudit.facts import ftpd as ftpdfacts
from svcaudit.facts import mail as mailfacts
from svcaudit.facts import mailfiles as mailfilefacts
from svcaudit.facts import permissions as permissionfacts
from svcaudit.facts import services as servicefacts
from svcaudit.facts import smtp_service as smtpservicefacts
from svcaudit.facts import snmp as snmpfacts
from svcaudit.facts import sshd as sshdfacts
from svcaudit.facts import tftp as tftpfacts
from svcaudit.facts.host import HostFacts
from svcaudit.facts.platforms import (
    AIX_MARKERS,
    DEBIAN_MARKERS,
    LINUX_PLATFORMS,
    OS_RELEASE,
    RHEL_MARKERS,
    SUSE_MARKERS,
    Detection,
    all_paths,
    detection,
    layout_markers,
)
from svcaudit.profile import Profile

#: Each family contributes first-batch requests per platform and second-batch follow-ups.
FAMILIES = (
    servicefacts,
    aixbootfacts,
    cronfacts,
    atjobfacts,
    ftpfacts,
    snmpfacts,
    mailfacts,
    mailfilefacts,
    tftpfacts,
    ftpdfacts,
    sshdfacts,
    smtpservicefacts,
    permissionfacts,
)

BASE_REQUESTS = [
    Request("read", "/etc/passwd"),
    Request("read", "/etc/group"),
    Request("read", OS_RELEASE),
    *(Request("stat", m) for m in AIX_MARKERS + DEBIAN_MARKERS + RHEL_MARKERS + SUSE_MARKERS),
    # an unknown Linux is judged by the layout whose spool directories are present
    *(Request("stat", m) for p in LINUX_PLATFORMS for m in layout_markers(p)),
    Request("cmd", "uname"),
    Request("cmd", "oslevel"),
]


FOLLOW_UP_ROUNDS = 2


def first_requests() -> list[Request]:
    """Every platform's paths at once: the platform is not known before the first answer."""
    reqs = list(BASE_REQUESTS)
    for family in FAMILIES:
        for paths in all_paths():
            reqs += family.requests(paths)
    return reqs


def gather(
    host: RunsCommands | None,
    name: str,
    profile: Profile,
    *,
    platform: str = "auto",
    sysroot: str = "",
    image: Image | None = None,
) -> HostFacts:
    """Facts for one host; raises CollectionError when the host cannot be read at all.

    With `image` (an archive opened by svcaudit.collect.image_archive) the image's merged layers answer
    instead of a host, and `sysroot` is the label facts keep ("image:PATH"): a tree, nothing running.
    """
    limit, names = profile.scan.max_file_bytes, mailfacts.FORWARD_NAMES + tftpfacts.NETRC_NAMES
    seconds, entries = profile.mail.forward_search_seconds, profile.mail.forward_search_max_entries
    collector: Collector | ImageCollector
    if image is not None:
        collector = ImageCollector(image, limit=limit, walk_seconds=seconds, max_walk=entries, find_names=names)
    elif host is not None:
        collector = Collector(host, root=sysroot, limit=limit, walk_seconds=seconds, max_walk=entries, find_names=names)
    else:
        raise ValueError("gather needs a host or an image")
    batch = collector.run(first_requests())
    found = _platform(batch, platform, bool(sysroot))
    facts = HostFacts(
        host=name,
        platform=found.paths.name,
        os_name=_command_text(batch, "uname"),
        oslevel=_command_text(batch, "oslevel"),
        sysroot=sysroot,
        batch=batch,
        notes=[found.note] if found.note else [],
    )
    asked = set(first_requests())
    # Answers can name more paths (an AliasFile names an aliases file, which names programs):
    # at most two follow-up rounds, so a host costs at most three remote commands.
    for _ in range(FOLLOW_UP_ROUNDS):
        follow = [r for family in FAMILIES for r in family.followups(facts, profile) if r not in asked]
        # In a fixed order: a family may list paths from a set, whose order changes from one Python
        # process to the next, and svcaudit.collect.stage works each command out again in a new one.
        follow = sorted(dict.fromkeys(follow), key=lambda r: (r.op, r.arg))
        if not follow:
            break
        asked.update(follow)
        merge(batch, collector.run(follow))
        facts.forget()
    facts.remote_commands = collector.commands_used
    facts.collect_seconds = round(collector.seconds, 3)
    return facts


def _command_text(batch: Batch, name: str) -> str:
    record = batch.commands.get(name)
    return record.output.strip() if record and record.rc == 0 else ""


def _platform(batch: Batch, choice: str, sysroot: bool) -> Detection:
    exists = {p for p, s in batch.stats.items() if s.kind not in ("absent", "unknown")}
    os_name = None if sysroot else _command_text(batch, "uname") or batch.meta.get("os")
    release = batch.contents.get(OS_RELEASE)
    return detection(choice, os_name, exists, release.text if release else None)
