"""Which mounted filesystems are local: the .forward search must never walk into NFS."""

from __future__ import annotations

#: Remote and pseudo filesystems that a filesystem-wide search skips.
NOT_LOCAL = frozenset(
    {
        "nfs",
        "nfs3",
        "nfs4",
        "cifs",
        "smbfs",
        "smb3",
        "afs",
        "autofs",
        "fuse.sshfs",
        "9p",
        "ceph",
        "glusterfs",
        "proc",
        "procfs",
        "sysfs",
        "devtmpfs",
        "devpts",
        "cgroup",
        "cgroup2",
        "securityfs",
        "pstore",
        "bpf",
        "tracefs",
        "debugfs",
        "mqueue",
        "hugetlbfs",
        "configfs",
        "fusectl",
        "binfmt_misc",
        "rpc_pipefs",
        "nsfs",
        "efivarfs",
        "ahafs",
        "cdrfs",
        "udfs",
        "namefs",
    }
)


def local_mounts_linux(proc_mounts: str) -> list[str]:
    """Mount points of local filesystems from /proc/mounts (`dev mountpoint type options 0 0`)."""
    points: list[str] = []
    for line in proc_mounts.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[2] not in NOT_LOCAL:
            points.append(_unescape(fields[1]))
    return list(dict.fromkeys(points))


def local_mounts_aix(mount_output: str) -> list[str]:
    """Mount points of local filesystems from AIX `mount`: remote rows name their node in column 1."""
    points: list[str] = []
    for line in mount_output.splitlines():
        fields = line.split()
        if len(fields) < 3 or fields[0] in ("node", "--------"):
            continue
        if fields[0].startswith("/"):  # local row: device, mount point, vfs
            device, point, vfs = fields[0], fields[1], fields[2]
        else:  # remote row: node, remote path, mount point, vfs
            continue
        if vfs not in NOT_LOCAL and device:
            points.append(point)
    return list(dict.fromkeys(points))


def _unescape(path: str) -> str:
    """/proc/mounts writes blanks and backslashes as octal escapes (\\040)."""
    out, i = [], 0
    while i < len(path):
        if path[i] == "\\" and i + 3 < len(path) and all(c in "01234567" for c in path[i + 1 : i + 4]):
            out.append(chr(int(path[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(path[i])
            i += 1
    return "".join(out)
