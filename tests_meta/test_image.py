"""--image: archives read in place (docker save, OCI layout dir and tar), layers merged, collector.pl's answers.

The merged image must answer every request exactly as collector.pl does on the same tree under
--sysroot: the differential tests build a real tree, make an image of it, and compare the two Batches.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from svcaudit.collect import image_layers
from svcaudit.collect.batch import Batch, CollectionError, Collector, Request
from svcaudit.collect.gather import gather
from svcaudit.collect.image_archive import ImageError, open_image
from svcaudit.collect.image_collector import ImageCollector
from svcaudit.controls.paths import acl_findings, acl_notes
from svcaudit.facts.mail import FORWARD_NAMES
from svcaudit.facts.tftp import NETRC_NAMES
from svcaudit.profile import load
from svcaudit.targets import TargetError, image_target
from tests_meta.support import scenarios_cron, scenarios_ftp_snmp, scenarios_mail, scenarios_suse
from tests_meta.support.images import (
    LayerSpec,
    docker_save,
    layer_names,
    layer_tar,
    oci_dir,
    oci_files,
    oci_tar,
    replace_member,
)
from tests_meta.support.scenario import build

FIND = FORWARD_NAMES + NETRC_NAMES


class LocalHost:
    """The local machine, as testinfra's local backend runs a command (sh -c)."""

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(["sh", "-c", command], capture_output=True, text=True)
        proc.rc = proc.returncode  # type: ignore[attr-defined]
        return proc


# -- building layers member by member ------------------------------------------------------------
def member(name: str, kind: str = "file", data: bytes = b"", mode: int = 0o644, uid: int = 0, gid: int = 0, **extra):
    info = tarfile.TarInfo(name)
    info.mode, info.uid, info.gid, info.mtime = mode, uid, gid, 1_700_000_000
    info.type = {
        "file": tarfile.REGTYPE,
        "dir": tarfile.DIRTYPE,
        "link": tarfile.SYMTYPE,
        "hard": tarfile.LNKTYPE,
        "fifo": tarfile.FIFOTYPE,
    }[kind]
    info.linkname = extra.get("target", "")
    info.pax_headers = extra.get("pax", {})
    if kind == "file":
        info.size = len(data)
    return info, data


def layer(*members) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return out.getvalue()


def image_of(tmp_path: Path, *layers: bytes, **kw) -> Path:
    return docker_save(list(layers), tmp_path / "image.tar", **kw)


def answers(path: Path, requests: list[Request], **settings) -> Batch:
    with open_image(str(path)) as image:
        return ImageCollector(image, find_names=FIND, **settings).run(requests)


BASE = layer(
    member(".", "dir", mode=0o755),
    member("etc", "dir", mode=0o755),
    member("etc/passwd", data=b"root:!:0:0::/root:/bin/sh\nbin:!:2:2::/bin:/bin/sh\n"),
    member("etc/group", data=b"system:!:0:\nbin:!:2:\n"),
    member("etc/ftpusers", data=b"root\n", mode=0o600),
    member("etc/snmpd.conf", data=b"community private\n", mode=0o600),
    member("etc/sub", "dir"),
    member("etc/sub/x", data=b"x"),
    member("var", "dir"),
    member("var/spool", "dir"),
    member("var/spool/cron", "dir", mode=0o700),
    member("var/spool/cron/lower-only", data=b"* * * * * /bin/true\n"),
    member("var/spool/cron/kept", data=b"kept in the upper layer\n"),
)


# -- merging ------------------------------------------------------------------------------------------
def test_whiteouts_opaque_dirs_and_later_modes(tmp_path: Path) -> None:
    upper = layer(
        member("etc", "dir", mode=0o750, gid=2),  # a directory over a directory keeps what is below it
        member("etc/.wh.ftpusers"),
        member("etc/snmpd.conf", data=b"community public\n", mode=0o666, uid=2, gid=2),  # loosened
        member("var/spool/cron/.wh..wh..opq"),
        member("var/spool/cron/kept", data=b"from the upper layer\n"),
        member("etc/sub", data=b"now a file"),  # a file over a directory removes the directory's entries
    )
    batch = answers(
        image_of(tmp_path, BASE, upper),
        [
            Request("liststat", "/etc"),
            Request("read", "/etc/snmpd.conf"),
            Request("listread", "/var/spool/cron"),
            Request("stat", "/etc/sub/x"),
            Request("stat", "/etc/ftpusers"),
        ],
    )
    assert batch.stats["/etc/ftpusers"].kind == "absent"
    assert batch.listings["/etc"].names == ["group", "passwd", "snmpd.conf", "sub"]
    etc = batch.stats["/etc"]
    assert (etc.mode, etc.gid) == (0o750, 2)
    conf = batch.stats["/etc/snmpd.conf"]
    assert (conf.mode, conf.uid, conf.gid) == (0o666, 2, 2)
    assert batch.contents["/etc/snmpd.conf"].text == "community public\n"
    assert batch.listings["/var/spool/cron"].names == ["kept"]
    assert batch.contents["/var/spool/cron/kept"].text == "from the upper layer\n"
    assert batch.stats["/etc/sub"].kind == "file"
    assert batch.stats["/etc/sub/x"].kind == "absent"


def test_whiteout_order_in_a_layer_does_not_matter_and_spares_the_layer_own_entries(tmp_path: Path) -> None:
    upper = layer(
        member("var/spool/cron/new", data=b"new\n"),
        member("var/spool/cron/.wh..wh..opq"),  # after the layer's own entry: still only the lower ones go
        member("etc/.wh.sub"),
    )
    batch = answers(image_of(tmp_path, BASE, upper), [Request("list", "/var/spool/cron"), Request("stat", "/etc/sub/x")])
    assert batch.listings["/var/spool/cron"].names == ["new"]
    assert batch.stats["/etc/sub/x"].kind == "absent"


def test_hard_links_share_the_target_inode_and_missing_parents_are_root_0755(tmp_path: Path) -> None:
    top = layer(member("etc/hard", "hard", target="etc/ftpusers", mode=0o777), member("opt/deep/file", data=b"d"))
    batch = answers(image_of(tmp_path, BASE, top), [Request("read", "/etc/hard"), Request("tree", "/opt/deep/file")])
    hard = batch.stats["/etc/hard"]
    assert (hard.kind, hard.mode) == ("file", 0o600)
    assert batch.contents["/etc/hard"].text == "root\n"
    opt = batch.stats["/opt"]
    assert (opt.kind, opt.mode, opt.uid, opt.gid) == ("dir", 0o755, 0, 0)


def test_symlinks_resolve_inside_the_image_never_outside(tmp_path: Path) -> None:
    links = layer(
        member("etc/escape", "link", target="../../../../etc/hostname"),
        member("etc/absolute", "link", target="/etc/ftpusers"),
        member("etc/loop", "link", target="loop"),
        member("etc/dir-link", "link", target="sub"),
        member("etc/hostname", data=b"inside the image\n"),
    )
    batch = answers(
        image_of(tmp_path, BASE, links),
        [Request("read", p) for p in ("/etc/escape", "/etc/absolute", "/etc/loop", "/etc/dir-link/x", "/etc/ftpusers/x")],
    )
    escape = batch.stats["/etc/escape"]
    assert (escape.kind, escape.link, escape.real) == ("file", "../../../../etc/hostname", "/etc/hostname")
    assert batch.contents["/etc/escape"].text == "inside the image\n"
    assert batch.stats["/etc/absolute"].real == "/etc/ftpusers"
    loop = batch.stats["/etc/loop"]
    assert (loop.kind, loop.error) == ("unknown", "too many levels of symbolic links")
    assert batch.contents["/etc/dir-link/x"].text == "x"
    assert batch.stats["/etc/ftpusers/x"].kind == "absent"  # ENOTDIR, as lstat says


def test_read_limit_script_nul_and_commands_never_run(tmp_path: Path) -> None:
    top = layer(member("usr/bin/prog", data=b"#!\x00" + b"b" * 100, mode=0o755), member("etc/big", data=b"a" * 5000))
    batch = answers(
        image_of(tmp_path, BASE, top),
        [Request("script", "/usr/bin/prog"), Request("read", "/etc/big"), Request("cmd", "uname")],
        limit=1000,
    )
    prog = batch.contents["/usr/bin/prog"]
    assert (prog.text, prog.truncated) == ("#!\x00", True)
    big = batch.contents["/etc/big"]
    assert big.truncated and big.text == "a" * 1000
    assert batch.commands == {}


def test_acls_from_the_tar_headers(tmp_path: Path) -> None:
    NONE = 0xFFFFFFFF  # noqa: N806  the kernel's "no qualifier"
    binary = (2).to_bytes(4, "little") + b"".join(
        tag.to_bytes(2, "little") + perm.to_bytes(2, "little") + ident.to_bytes(4, "little")
        for tag, perm, ident in ((1, 6, NONE), (2, 4, 1000), (4, 4, NONE), (0x10, 4, NONE), (0x20, 0, NONE))
    )
    top = layer(
        member("etc/text-acl", pax={"SCHILY.acl.access": "user::rw-,user:bob:r--:1000,group::r--,mask::r--,other::---"}),
        member("etc/xattr-acl", pax={"SCHILY.xattr.system.posix_acl_access": binary.decode("utf-8", "surrogateescape")}),
        member("etc/plain"),
    )
    paths = ("/etc/text-acl", "/etc/xattr-acl", "/etc/plain", "/etc/nope")
    batch = answers(image_of(tmp_path, BASE, top), [Request("acl", p) for p in paths])
    assert batch.acls["/etc/text-acl"].state == "extended" and "user:1000:r--" in batch.acls["/etc/text-acl"].detail
    assert batch.acls["/etc/xattr-acl"].state == "extended" and "user:1000:r--" in batch.acls["/etc/xattr-acl"].detail
    assert batch.acls["/etc/plain"].state == "none"
    assert (batch.acls["/etc/nope"].state, batch.acls["/etc/nope"].detail) == ("unknown", "does not exist")


# -- hostile and broken archives -------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad, why",
    [
        (member("../escape", data=b"x"), "'..' in a member name"),
        (member("etc/../../escape", data=b"x"), "'..' in a member name"),
        (member("/etc/absolute", data=b"x"), "absolute member name"),
        (member("etc/ftpusers/below-a-file", data=b"x"), "is a file in the image, not a directory"),
        (member("etc/hard", "hard", target="../../etc/shadow"), "'..' in a member name"),
        (member("etc/hard", "hard", target="etc/missing"), "hard link to 'etc/missing'"),
    ],
)
def test_hostile_members_are_one_error_naming_the_archive(tmp_path: Path, bad, why: str) -> None:
    path = image_of(tmp_path, BASE, layer(bad))
    with pytest.raises(CollectionError) as caught:
        answers(path, [Request("stat", "/etc")])
    assert str(path) in str(caught.value) and why in str(caught.value)
    assert not (tmp_path / "escape").exists()


def test_member_and_entry_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = image_of(tmp_path, BASE)
    monkeypatch.setattr(image_layers, "MAX_MEMBER_BYTES", 10)
    with pytest.raises(CollectionError, match=r"more than the 10 a member may have"):
        answers(path, [Request("stat", "/etc")])
    monkeypatch.setattr(image_layers, "MAX_MEMBER_BYTES", 1 << 30)
    monkeypatch.setattr(image_layers, "MAX_ENTRIES", 5)
    with pytest.raises(CollectionError, match=r"more than 5 entries"):
        answers(path, [Request("stat", "/etc")])
    monkeypatch.setattr(image_layers, "MAX_ENTRIES", 1000)
    monkeypatch.setattr(image_layers, "MAX_HEADER_BYTES", 200)  # tarfile would read a PAX header whole
    padded = image_of(tmp_path, BASE, layer(member("etc/long", pax={"comment": "x" * 300})))
    with pytest.raises(CollectionError, match=r"an extended header of \d+ bytes, more than the 200 read"):
        answers(padded, [Request("stat", "/etc")])


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "zstd"])
def test_damaged_layers_are_one_error_naming_archive_and_layer(tmp_path: Path, damage: str) -> None:
    blob = gzip.compress(BASE, mtime=0)
    if damage == "truncated":
        blob = blob[: len(blob) // 2]
    elif damage == "corrupt":
        blob = blob[:20] + bytes(b ^ 0x55 for b in blob[20:60]) + blob[60:]
    else:
        blob = b"\x28\xb5\x2f\xfd" + blob
    files = oci_files([([BASE], "linux/amd64")], gzip_layers=True)
    layer_name = next(n for n, d in files.items() if d == gzip.compress(BASE, mtime=0))
    files[layer_name] = blob
    path = oci_tar(files, tmp_path / "oci.tar")
    with pytest.raises(CollectionError) as caught:
        answers(path, [Request("stat", "/etc")])
    message = str(caught.value)
    assert str(path) in message and layer_name in message
    assert ("zstd" if damage == "zstd" else "truncated or corrupt") in message


@pytest.mark.parametrize(
    "content, why",
    [
        (b"not a tar at all", "unreadable image archive"),
        (b"", "unreadable image archive"),
    ],
)
def test_unreadable_archives_stop_at_start(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "image.tar"
    path.write_bytes(content)
    with pytest.raises(TargetError, match=why) as caught:
        image_target(str(path))
    assert str(caught.value).startswith(f"--image {path}: ")


def test_truncated_outer_archive_is_one_error(tmp_path: Path) -> None:
    whole = image_of(tmp_path, BASE, gzip_all=True).read_bytes()
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImageError, match=f"^{path}: unreadable image archive"):
        open_image(str(path))


def test_archive_structure_errors(tmp_path: Path) -> None:
    docker = image_of(tmp_path, BASE)
    with tarfile.open(docker) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    for change, why in (
        ({"Layers": ["../../etc/passwd"]}, "is not a relative path inside the archive"),
        ({"Layers": ["missing/layer.tar"]}, "is missing from the archive"),
        ({"Config": "/abs.json"}, "is not a relative path inside the archive"),
    ):
        out = io.BytesIO()
        with tarfile.open(docker) as src, tarfile.open(fileobj=out, mode="w") as dst:
            for info in src.getmembers():
                data = src.extractfile(info).read()  # type: ignore[union-attr]
                if info.name == "manifest.json":
                    data = json.dumps([{**manifest[0], **change}]).encode()
                    info.size = len(data)
                dst.addfile(info, io.BytesIO(data))
        bad = tmp_path / "bad.tar"
        bad.write_bytes(out.getvalue())
        with pytest.raises(ImageError, match=why):
            open_image(str(bad))
    files = oci_files([([BASE], "linux/amd64")])
    index = json.loads(files["index.json"])
    index["manifests"][0]["digest"] = "sha256:../../../etc/passwd"
    files["index.json"] = json.dumps(index).encode()
    with pytest.raises(ImageError, match="is not sha256:<64 hex>"):
        open_image(str(oci_dir(files, tmp_path / "layout")))
    # A blob that is a symlink out of the layout directory is never followed there.
    files = oci_files([([BASE], "linux/amd64")])
    layout = oci_dir(files, tmp_path / "linked")
    blob = next(layout.glob("blobs/sha256/*"))
    blob.unlink()
    blob.symlink_to("/etc/passwd")
    with pytest.raises(ImageError, match="leads outside the layout directory"), open_image(str(layout)) as image:
        ImageCollector(image).tree()


def test_platform_choice_and_reference_names(tmp_path: Path) -> None:
    arm = layer(member("etc", "dir"), member("etc/arch", data=b"arm64\n"))
    amd = layer(member("etc", "dir"), member("etc/arch", data=b"amd64\n"))
    layout = oci_dir(oci_files([([amd], "linux/amd64"), ([arm], "linux/arm64")], ref="1.0"), tmp_path / "golden")
    with pytest.raises(TargetError, match=r"holds 2 images: linux/amd64 .*linux/arm64.*choose one with --image-platform"):
        image_target(str(layout))
    with pytest.raises(TargetError, match=r"no image for platform linux/s390x \(the index has linux/amd64, linux/arm64\)"):
        image_target(str(layout), "linux/s390x")
    target = image_target(str(layout), "linux/arm64")
    assert target.name == "golden:1.0" and target.image == str(layout)
    with open_image(str(layout), "linux/arm64") as image:
        assert ImageCollector(image).run([Request("read", "/etc/arch")]).contents["/etc/arch"].text == "arm64\n"
    assert image_target(str(image_of(tmp_path, BASE))).name == "golden/scenario:1"
    assert image_target(str(image_of(tmp_path, BASE, tag=""))).name == "image.tar"
    with pytest.raises(TargetError, match=r"the image is for linux/amd64, not linux/arm64"):
        image_target(str(image_of(tmp_path, BASE)), "linux/arm64")


def test_attestation_manifests_are_not_images(tmp_path: Path) -> None:
    files = oci_files([([BASE], "linux/amd64"), ([BASE], "unknown/unknown")])
    assert image_target(str(oci_tar(files, tmp_path / "oci.tar"))).name == "oci.tar:scenario"


# -- the same answers as collector.pl on the same tree ------------------------------------------------
def _odd_tree(root: Path) -> Path:
    (root / "etc/sub").mkdir(parents=True)
    (root / "home/user").mkdir(parents=True)
    (root / "etc/passwd").write_text("root:!:0:0::/root:/bin/sh\nuser:!:1000:1000::/home/user:/bin/sh\n")
    (root / "etc/group").write_text("system:!:0:\nuser:!:1000:\n")
    (root / "etc/odd name; $(touch CANARY) `id`").write_text("x")
    (root / "etc/new\nline").write_text("y")
    (root / "etc/big").write_bytes(b"a" * 5000)
    (root / "etc/bin").write_bytes(b"\x7fELF\x00" + b"b" * 3000)
    (root / "etc/escape").symlink_to("../../../../../etc/hostname")
    (root / "etc/abs").symlink_to("/etc/big")
    (root / "etc/loop").symlink_to("loop")
    (root / "etc/dangling").symlink_to("nowhere")
    (root / "etc/sub/deep").write_text("d")
    (root / os.fsdecode(b"etc/latin1-\xff")).write_text("z")  # not UTF-8: a PAX header in BINARY charset
    (root / "home/user/.forward").write_text("|/bin/prog\n")
    (root / "home/user/.netrc").write_text("machine x\n")
    os.mkfifo(root / "etc/fifo")
    os.chmod(root / "etc/big", 0o4750)
    os.chown(root / "home/user/.forward", 1000, 1000)
    subprocess.run(["setfacl", "-m", "u:1000:r", str(root / "etc/big")], check=True)
    return root


def _comparable(batch: Batch) -> dict:
    """Everything but what a tar header cannot carry the same way: a directory's size, and who read the ACL."""
    stats = {p: {**vars(s), "size": None if s.kind == "dir" else s.size} for p, s in batch.stats.items()}
    walks = {p: {**vars(w), "found": sorted(w.found)} for p, w in batch.walks.items()}
    return {
        "stats": stats,
        "contents": batch.contents,
        "listings": batch.listings,
        "walks": walks,
        "acls": {p: a.state for p, a in batch.acls.items()},
    }


def test_same_answers_as_the_collector_on_the_same_tree(tmp_path: Path) -> None:
    root = _odd_tree(tmp_path / "root")
    names = sorted(os.listdir(root / "etc"))
    requests = [
        *(Request(op, f"/etc/{n}") for n in names for op in ("read", "script", "stat", "acl", "tree")),
        *(Request(op, p) for p in ("/etc", "/etc/sub", "/", "/etc/missing", "/etc/loop/x") for op in ("liststat", "listread")),
        *(Request("acl", p) for p in ("/etc", "/", "/etc/missing")),
        Request("find", "/home"),
        Request("find", "/etc/big"),
        Request("tree", "/etc/abs"),
        Request("cmd", "uname"),
    ]
    image = docker_save([layer_tar(LayerSpec(root, paths=["/"]))], tmp_path / "image.tar")
    mine = answers(image, requests, limit=1000)
    theirs = Collector(LocalHost(), root=str(root), limit=1000, find_names=FIND).run(requests)
    assert _comparable(mine) == _comparable(theirs)
    assert mine.acls["/etc/big"].state == "extended"
    assert not (tmp_path / "CANARY").exists()


SCENARIO_HOSTS = [
    (scenarios_ftp_snmp, scenarios_ftp_snmp.BASES["aix"]),
    (scenarios_mail, scenarios_mail.BASES["debian"]),
    (scenarios_cron, scenarios_cron.BASES["rhel"]),
    (scenarios_suse.FAMILY_MODULES[0], next(iter(scenarios_suse.FAMILY_MODULES[0].BASES.values()))),
]


@pytest.mark.parametrize("family, scenario", SCENARIO_HOSTS, ids=[s.name for _, s in SCENARIO_HOSTS])
def test_gathered_facts_equal_the_sysroot_facts(family, scenario, tmp_path: Path) -> None:
    root = build(scenario, tmp_path / "root")
    image = oci_dir(oci_files([([layer_tar(LayerSpec(root, paths=["/"]))], "linux/amd64")]), tmp_path / "layout")
    profile = load(None).for_host("x")
    with open_image(str(image)) as opened:
        mine = gather(None, "x", profile, platform=scenario.platform, sysroot=f"image:{image}", image=opened)
    theirs = gather(LocalHost(), "x", profile, platform=scenario.platform, sysroot=str(root))
    assert _comparable(mine.batch) == _comparable(theirs.batch)
    assert (mine.platform, mine.remote_commands) == (theirs.platform, theirs.remote_commands)


# -- layers as some builders end them -----------------------------------------------------------------
def _plain(tar: bytes) -> tuple[bytes, int]:
    """A layer tar and where its last member's data ends (the last member is etc/ftpusers, 5 bytes)."""
    with tarfile.open(fileobj=io.BytesIO(tar)) as opened:
        last = opened.getmembers()[-1]
    return tar, last.offset_data + last.size


def test_a_layer_ending_right_after_its_last_data_is_read_as_runtimes_read_it(tmp_path: Path) -> None:
    """umoci (opencontainers/umoci#436) writes no padding and no end blocks; Go's archive/tar reads that."""
    tar, end = _plain(layer(member("etc", "dir"), member("etc/ftpusers", data=b"root\n", mode=0o600)))
    batch = answers(image_of(tmp_path, tar[:end]), [Request("read", "/etc/ftpusers")])
    assert batch.contents["/etc/ftpusers"].text == "root\n"


@pytest.mark.parametrize("cut, why", [(-2, "its data ends past the end of the layer"), (0, "unreadable data at byte")])
def test_a_plain_layer_cut_in_its_data_or_damaged_after_a_member_is_an_error(tmp_path: Path, cut: int, why: str) -> None:
    tar, end = _plain(layer(member("etc", "dir"), member("etc/ftpusers", data=b"root\n", mode=0o600)))
    # cut < 0: the last member's data is cut short; 0: a damaged header block, then the rest of a layer
    damaged = tar[: end + cut] if cut else tar[:end] + bytes(512 - end % 512) + b"\xff" * 512 + BASE
    with pytest.raises(CollectionError, match=why):
        answers(image_of(tmp_path, damaged), [Request("stat", "/etc")])


def test_an_aix_image_passes_its_acl_checks_with_the_caveat_of_tar_headers(tmp_path: Path) -> None:
    root = build(scenarios_ftp_snmp.BASES["aix"], tmp_path / "root")
    image = docker_save([layer_tar(LayerSpec(root, paths=["/"]))], tmp_path / "image.tar")
    with open_image(str(image)) as opened:
        facts = gather(None, "x", load(None).for_host("x"), platform="aix", sysroot=f"image:{image}", image=opened)
    assert acl_findings(facts, "/etc/ftpusers") == ([], [])
    assert acl_notes(facts, "/etc/ftpusers") == [
        "/etc/ftpusers: ACL read from the image's tar headers; AIX's own AIXC/NFS4 ACLs (JFS2) cannot travel in them"
    ]


def test_a_layer_changed_between_merging_and_reading_gives_an_error_never_empty_text(tmp_path: Path) -> None:
    files = oci_files([([BASE], "linux/amd64")], gzip_layers=False)
    layout = oci_dir(files, tmp_path / "layout")
    with open_image(str(layout)) as image:
        collector = ImageCollector(image)
        collector.tree()
        (layout / next(n for n, d in files.items() if d == BASE)).write_bytes(layer(member("etc", "dir")))
        content = collector.run([Request("read", "/etc/passwd")]).contents["/etc/passwd"]
    assert (content.text, content.error) == (None, "read: its member was not found in its layer")


def test_docker_25_save_layout_is_read_as_oci_and_named_by_containerd(tmp_path: Path) -> None:
    """docker save since 25.0 writes an OCI layout with a manifest.json beside it, the index naming the image."""
    files = oci_files([([BASE], "linux/amd64")])
    index = json.loads(files["index.json"])
    index["manifests"][0]["annotations"]["io.containerd.image.name"] = "docker.io/golden/base:candidate"
    files["index.json"] = json.dumps(index).encode()
    layer_blob = next(n for n, d in files.items() if d == gzip.compress(BASE, mtime=0))
    files["manifest.json"] = json.dumps([{"Config": "missing.json", "RepoTags": ["other:tag"], "Layers": [layer_blob]}]).encode()
    path = oci_tar(files, tmp_path / "docker25.tar")
    assert image_target(str(path)).name == "docker.io/golden/base:candidate"
    assert answers(path, [Request("read", "/etc/ftpusers")]).contents["/etc/ftpusers"].text == "root\n"


@pytest.mark.parametrize("archive", ["docker", "oci"])
def test_a_plain_layer_cut_at_a_member_boundary_is_caught_by_its_digest(tmp_path: Path, archive: str) -> None:
    """Cut between two members, a plain tar reads as a whole shorter one (as Go's archive/tar reads it too):
    the config's diff_id (docker save) or the descriptor's digest (OCI) is what shows it."""
    whole = layer(member("etc", "dir"), member("etc/ftpusers", data=b"root\n"), member("etc/.wh.passwd"))
    with tarfile.open(fileobj=io.BytesIO(whole)) as tar:
        cut = whole[: tar.getmembers()[2].offset]
    if archive == "docker":
        path = image_of(tmp_path, BASE, whole)
        replace_member(path, layer_names(path)[1], cut)
    else:
        files = oci_files([([BASE, whole], "linux/amd64")], gzip_layers=False)
        path = oci_dir(files, tmp_path / "layout")
        (path / next(n for n, d in files.items() if d == whole)).write_bytes(cut)
    with pytest.raises(CollectionError, match=r"hashes to sha256:[0-9a-f]{64}, not sha256:[0-9a-f]{64}: truncated or altered"):
        answers(path, [Request("stat", "/etc/passwd")])
