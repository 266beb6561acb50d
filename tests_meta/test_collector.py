"""The batched collector: same answers under dash, bash and ksh93; paths stay data; links stay in the tree."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from svcaudit.collect.batch import CollectionError, Collector, Request, build_command, parse_output, split_requests
from svcaudit.facts.mail import FORWARD_NAMES
from svcaudit.facts.tftp import NETRC_NAMES

SHELLS = ["dash", "bash", "ksh"]


def _tree(root: Path) -> Path:
    (root / "etc").mkdir(parents=True)
    (root / "etc/passwd").write_text("root:!:0:0::/root:/bin/sh\n")
    (root / "etc/odd name; $(touch CANARY) `id`").write_text("x")
    (root / "etc/new\nline").write_text("y")
    (root / "etc/latin1-\udcff".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")).write_text("z")
    (root / "etc/big").write_bytes(b"a" * 5000)
    (root / "etc/escape").symlink_to("../../../../../etc/hostname")
    (root / "etc/loop").symlink_to("loop")
    os.mkfifo(root / "etc/fifo")
    return root


def _requests() -> list[Request]:
    return [
        Request("read", "/etc/passwd"),
        Request("read", "/etc/odd name; $(touch CANARY) `id`"),
        Request("read", "/etc/new\nline"),
        Request("read", "/etc/big"),
        Request("read", "/etc/escape"),
        Request("read", "/etc/loop"),
        Request("read", "/etc/fifo"),
        Request("read", "/etc/missing"),
        Request("listread", "/etc"),
        Request("cmd", "uname"),
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_same_answer_under_every_shell(shell: str, tmp_path: Path) -> None:
    assert shutil.which(shell), f"{shell} is not installed: .ci/run installs it"
    root = _tree(tmp_path / "root")
    command = build_command(_requests(), root=str(root), limit=1000)
    proc = subprocess.run([shell, "-c", command], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    batch = parse_output(proc.stdout)
    reference = parse_output(subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=tmp_path).stdout)
    assert batch == reference
    assert not (tmp_path / "CANARY").exists() and not (root / "etc/CANARY").exists()
    assert batch.contents["/etc/passwd"].text.startswith("root:")
    assert batch.contents["/etc/odd name; $(touch CANARY) `id`"].text == "x"
    assert batch.contents["/etc/new\nline"].text == "y"
    big = batch.contents["/etc/big"]
    assert big.truncated and len(big.text) == 1000
    # A link out of the tree resolves inside it: /etc/hostname under root does not exist.
    escape = batch.stats["/etc/escape"]
    assert escape.kind == "absent" and escape.real == "/etc/hostname"
    assert "/etc/escape" not in batch.contents
    assert batch.stats["/etc/loop"].error and "symbolic links" in batch.stats["/etc/loop"].error
    assert batch.stats["/etc/fifo"].kind == "fifo" and "/etc/fifo" not in batch.contents
    assert batch.stats["/etc/missing"].kind == "absent" and batch.stats["/etc/missing"].error is None
    assert "new\nline" in batch.listings["/etc"].names
    assert "uname" not in batch.commands  # no commands are run against a sysroot


def test_commands_run_without_sysroot() -> None:
    proc = subprocess.run(
        ["sh", "-c", build_command([Request("cmd", "uname"), Request("cmd", "nonsense")])], capture_output=True, text=True
    )
    batch = parse_output(proc.stdout)
    assert batch.commands["uname"].output.strip() == os.uname().sysname
    assert batch.commands["nonsense"].rc == 127


def test_unreadable_file_is_an_error_not_absent() -> None:
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="svcaudit-unreadable-"))  # pytest's own temp root is 0700
    os.chmod(base, 0o755)
    root = base / "root"
    (root / "secret").mkdir(parents=True)
    (root / "secret/file").write_text("x")
    os.chmod(root / "secret", 0o700)
    os.chmod(root, 0o755)
    command = build_command([Request("read", "/secret/file")], root=str(root))
    proc = subprocess.run(["su", "nobody", "-s", "/bin/sh", "-c", command], capture_output=True, text=True)
    shutil.rmtree(base)
    batch = parse_output(proc.stdout)
    record = batch.stats["/secret/file"]
    assert record.kind == "unknown" and "Permission denied" in (record.error or "")


def test_a_sysroot_the_target_cannot_enter_is_an_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        ["sh", "-c", build_command([Request("stat", "/")], root=str(tmp_path / "missing"))], capture_output=True, text=True
    )
    assert proc.returncode == 4 and "is not a directory on this host" in proc.stderr
    with pytest.raises(CollectionError, match="ended early"):
        parse_output(proc.stdout)


@pytest.mark.parametrize(
    "stdout, reason",
    [
        ("M\tos\tbGludXg=\n", "ended early"),
        ("", "ended early"),
        ("Q\tnonsense\nEND\t1\n", "unreadable collector output"),
        ("F\t!!!\nEND\t1\n", "unreadable collector output"),
        ("TIMEOUT\n", "time budget"),
    ],
)
def test_cut_or_garbled_output_is_an_error(stdout: str, reason: str) -> None:
    with pytest.raises(CollectionError, match=reason):
        parse_output(stdout)


class _FakeHost:
    def __init__(self, stdout: str, rc: int):
        self.result = type("R", (), {"stdout": stdout, "rc": rc, "stderr": "boom"})()

    def run(self, command: str, *args: str):
        return self.result


def test_nonzero_exit_is_an_error_even_with_output() -> None:
    with pytest.raises(CollectionError, match="status 3"):
        Collector(_FakeHost("END\t0\n", 3)).run([Request("stat", "/")])


def test_long_request_lists_are_split_to_fit_a_command_line() -> None:
    requests = [Request("stat", f"/very/long/path/{i:06d}/" + "x" * 200) for i in range(2000)]
    chunks = split_requests(requests)
    assert len(chunks) > 1 and sum(len(c) for c in chunks) == 2000
    assert all(len(build_command(c)) < 128 * 1024 for c in chunks)


def test_forward_search_finds_every_variant_and_stays_on_its_filesystem(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for rel in ("home/a/.forward", "home/a/deep/er/.forward+list", "home/b/.forward.mx1", "home/b/forward", "home/b/.forwarded"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x")
    (root / "home/loop").symlink_to("/home")
    command = build_command([Request("find", "/home"), Request("find", "/absent")], root=str(root), find_names=FORWARD_NAMES)
    batch = parse_output(subprocess.run(["sh", "-c", command], capture_output=True, text=True).stdout)
    walk = batch.walks["/home"]
    assert sorted(walk.found) == ["/home/a/.forward", "/home/a/deep/er/.forward+list", "/home/b/.forward.mx1"]
    assert not walk.truncated and walk.unreadable == []
    assert batch.walks["/absent"].found == [] and not batch.walks["/absent"].truncated


def test_one_search_finds_every_name_asked_for(tmp_path: Path) -> None:
    """SMTP-04's .forward and FTP-09's .netrc share one walk; a name nobody asked for is not reported."""
    root = tmp_path / "root"
    for rel in ("home/a/.forward", "home/a/.netrc", "home/b/sub/.netrc", "home/b/.netrc.bak", "home/b/netrc"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x")
    command = build_command([Request("find", "/home")], root=str(root), find_names=FORWARD_NAMES + NETRC_NAMES)
    walk = parse_output(subprocess.run(["sh", "-c", command], capture_output=True, text=True).stdout).walks["/home"]
    assert sorted(walk.found) == ["/home/a/.forward", "/home/a/.netrc", "/home/b/sub/.netrc"]
    command = build_command([Request("find", "/home")], root=str(root), find_names=NETRC_NAMES)
    walk = parse_output(subprocess.run(["sh", "-c", command], capture_output=True, text=True).stdout).walks["/home"]
    assert sorted(walk.found) == ["/home/a/.netrc", "/home/b/sub/.netrc"]


def test_forward_search_is_bounded_and_says_so(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "home").mkdir(parents=True)
    for i in range(50):
        (root / "home" / f"u{i}").mkdir()
    command = build_command([Request("find", "/home")], root=str(root), max_walk=20, find_names=FORWARD_NAMES)
    walk = parse_output(subprocess.run(["sh", "-c", command], capture_output=True, text=True).stdout).walks["/home"]
    assert walk.truncated and "more than 20 entries" in walk.why


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "/dev/vda1 / ext4 rw 0 0\nproc /proc proc rw 0 0\nsrv:/x /mnt/x nfs4 rw 0 0\ntmpfs /run tmpfs rw 0 0\n"
            "/dev/vdb1 /srv/my\\040data xfs rw 0 0\n",
            ["/", "/run", "/srv/my data"],
        ),
        ("", []),
    ],
)
def test_local_mounts_linux(text: str, expected: list[str]) -> None:
    from svcaudit.parsers.mounts import local_mounts_linux

    assert local_mounts_linux(text) == expected


def test_local_mounts_aix_skip_nfs_and_procfs() -> None:
    from svcaudit.parsers.mounts import local_mounts_aix

    output = """\
  node       mounted        mounted over    vfs       date        options
-------- ---------------  ---------------  ------ ------------ ---------------
         /dev/hd4         /                jfs2   Nov 01 09:00 rw,log=/dev/hd8
         /dev/hd1         /home            jfs2   Nov 01 09:00 rw,log=/dev/hd8
         /proc            /proc            procfs Nov 01 09:00 rw
nfssrv   /export/home     /mnt/home        nfs3   Nov 01 09:01 rw
"""
    assert local_mounts_aix(output) == ["/", "/home"]


def test_script_sends_a_binary_as_its_first_block_only(tmp_path: Path) -> None:
    """CRON-14 and AT-08 read what jobs run: a script whole, a binary only as far as its first NUL."""
    root = tmp_path / "root"
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin/tool").write_bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x90" * 200_000)
    (root / "usr/bin/job.sh").write_text("#!/bin/ksh\numask 022\n" + "echo x\n" * 500)
    requests = [Request("script", "/usr/bin/tool"), Request("script", "/usr/bin/job.sh")]
    proc = subprocess.run(["sh", "-c", build_command(requests, root=str(root))], capture_output=True, text=True)
    batch = parse_output(proc.stdout)
    binary = batch.contents["/usr/bin/tool"]
    assert binary.truncated and binary.text == "\x7fELF\x02\x01\x01\x00"
    assert len(proc.stdout) < 10_000  # not the 200 kB of program
    script = batch.contents["/usr/bin/job.sh"]
    assert not script.truncated and script.text.startswith("#!/bin/ksh\numask 022\n")
