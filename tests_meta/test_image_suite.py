"""`pytest --image` as an unprivileged user gives exactly the verdicts `--sysroot` gives on the same merged tree.

Each case builds a scenario host's tree (T) and the tree the image should merge to (E: T less a
whited-out file a control needs, with one mode loosened), then an image of three layers:
1. T, plus a stray file in the opaque directory D;
2. D's entries from E over `D/.wh..wh..opq` (the stray file goes), and `.wh.NAME` for the removed file;
3. the loosened file again, with E's mode (layers 1 and 2 carry T's stricter one).
The image runs as uid 65534 with no capabilities; --sysroot runs on E as the CI's user. Formats
rotate over docker save and OCI layout (directory, tar), gzip or not, one image or several platforms.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from tests_meta.support import (
    scenarios_cron,
    scenarios_cron_access,
    scenarios_ftp_snmp,
    scenarios_mail,
    scenarios_smtp_service,
    scenarios_suse,
)
from tests_meta.support.images import (
    NOBODY,
    LayerSpec,
    docker_save,
    layer_names,
    layer_tar,
    oci_dir,
    oci_files,
    oci_tar,
    replace_member,
    shared_workdir,
    unprivileged,
)
from tests_meta.support.scenario import Scenario, build, run_suite


@dataclass(frozen=True)
class Case:
    family: ModuleType
    scenario: Scenario
    archive: str  # docker, docker-gz, oci-dir, oci-tar, oci-tar-gz-platforms
    opaque: str
    whiteout: str = ""
    loosen: tuple[str, int] | None = None

    @property
    def id(self) -> str:
        return f"{self.scenario.name}-{self.archive}"


def _scenario(family: ModuleType, name: str) -> Scenario:
    return next(s for s in family.SCENARIOS if s.name == name)


SUSE_CRON = scenarios_suse.FAMILY_MODULES[0]
FTP, MAIL, CRON, ACCESS, SMTP = scenarios_ftp_snmp, scenarios_mail, scenarios_cron, scenarios_cron_access, scenarios_smtp_service
CASES = [
    Case(FTP, FTP.BASES["aix"], "docker", "/usr/samples/snmpd", "/etc/ftpusers", ("/etc/snmpd.conf", 0o666)),
    Case(MAIL, MAIL.BASES["debian"], "oci-dir", "/etc/postfix", "/etc/aliases", ("/etc/postfix/main.cf", 0o666)),
    Case(CRON, CRON.BASES["rhel"], "oci-tar-gz-platforms", "/etc/cron.d", "/etc/cron.allow", ("/etc/crontab", 0o666)),
    Case(SUSE_CRON, SUSE_CRON.BASES["suse"], "docker-gz", "/var/spool/cron", "/etc/at.allow", ("/etc/crontab", 0o644)),
    Case(
        ACCESS,
        _scenario(ACCESS, "aix-CRON-15-acl-on-root-crontab"),
        "oci-tar",
        "/var/spool/cron/crontabs",
        "/var/adm/cron/at.allow",
        ("/var/adm/cron/log", 0o666),
    ),
    Case(SMTP, SMTP.BASES["aix"], "docker", "/etc"),
]


#: The host name reports give each archive: the docker tag, else the archive's name and the OCI tag.
REFERENCES = {
    "docker": "golden/scenario:1",
    "docker-gz": "golden/scenario:1",
    "oci-dir": "layout:scenario",
    "oci-tar": "image.oci.tar:scenario",
    "oci-tar-gz-platforms": "image.oci.tar.gz:scenario",
}


def _merged_tree(case: Case, root: Path) -> Path:
    """E: the scenario's tree less the whited-out file, with the loosened mode."""
    build(case.scenario, root)
    if case.whiteout:
        (root / case.whiteout.lstrip("/")).unlink()
    if case.loosen:
        os.chmod(root / case.loosen[0].lstrip("/"), case.loosen[1])
    return root


def _layers(case: Case, top: Path, merged: Path) -> list[bytes]:
    original = build(case.scenario, top / "original")
    stray = (case.opaque.rstrip("/") + "/zz-only-in-the-lower-layer", b"* * * * * root /tmp/x\n", 0o666)
    strict = {}
    if case.loosen:
        strict = {case.loosen[0]: os.lstat(original / case.loosen[0].lstrip("/")).st_mode & 0o7777}
    lower = LayerSpec(original, paths=["/"], extra=[stray])
    middle = LayerSpec(merged, paths=[case.opaque], opaque=[case.opaque], modes=strict)
    if case.whiteout:
        middle.whiteouts.append(case.whiteout)
    layers = [layer_tar(lower), layer_tar(middle)]
    if case.loosen:
        layers.append(layer_tar(LayerSpec(merged, shallow=[case.loosen[0]])))
    return layers


def _archive(case: Case, layers: list[bytes], top: Path) -> tuple[Path, list[str]]:
    if case.archive.startswith("docker"):
        gz = case.archive == "docker-gz"
        return docker_save(layers, top / "image.tar", gzip_layers=gz, gzip_all=gz), []
    if case.archive == "oci-dir":
        return oci_dir(oci_files([(layers, "linux/amd64")]), top / "layout"), []
    if case.archive == "oci-tar":
        return oci_tar(oci_files([(layers, "linux/ppc64")], gzip_layers=False), top / "image.oci.tar"), []
    # Two platforms: the one asked for is the layered image, the other a plain copy of the unmerged tree.
    files = oci_files([(layers[:1], "linux/amd64"), (layers, "linux/arm64")])
    return oci_tar(files, top / "image.oci.tar.gz", gzip_all=True), ["--image-platform", "linux/arm64"]


def _args(case: Case, workdir: Path) -> list[str]:
    args = ["--platform", case.scenario.platform, "-p", "no:cacheprovider"]
    if case.scenario.profile:
        profile = workdir / "profile.toml"
        profile.write_text(case.scenario.profile)
        args += ["--profile", str(profile)]
    return args


@pytest.fixture
def shared() -> Path:
    top, _ = shared_workdir("svcaudit-image-")
    yield top
    shutil.rmtree(top, ignore_errors=True)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_image_verdicts_equal_sysroot_verdicts(case: Case, shared: Path, tmp_path: Path) -> None:
    merged = _merged_tree(case, tmp_path / "merged")
    image, choice = _archive(case, _layers(case, tmp_path, merged), shared)
    out = shared / "out"
    as_image = run_suite(
        ["--image", str(image), *choice, *_args(case, out), f"--results-json={out}/results.json", f"--record={out}/facts"],
        out,
        case.family.FOLDERS,
        wrap=lambda cmd: unprivileged(cmd, out),
    )
    as_tree = run_suite(["--sysroot", str(merged), *_args(case, tmp_path)], tmp_path, case.family.FOLDERS)
    assert set(as_image.outcomes) == set(case.family.IDS), as_image.output[-3000:]
    assert as_image.outcomes == as_tree.outcomes, (as_image.output[-3000:], as_tree.output[-2000:])
    # The layers mattered: the whiteout and the loosened mode moved verdicts away from the scenario's own tree's.
    if case.whiteout or case.loosen:
        assert as_image.outcomes != case.scenario.expect
    # Every report works unchanged: the host is the image's reference, its figures and verdicts are in the results.
    if os.geteuid() == 0:  # the image run was nobody's: what it wrote is nobody's
        assert (out / "results.json").stat().st_uid == NOBODY
    hosts = json.loads((out / "results.json").read_text())["hosts"]
    assert list(as_image.by_host) == list(hosts) == [REFERENCES[case.archive]]
    assert hosts[REFERENCES[case.archive]]["sysroot"] == f"image:{image}"
    assert max(as_image.remote_commands()) <= 3
    replayed = run_suite(["--replay", f"{out}/facts", *_args(case, tmp_path)], tmp_path, case.family.FOLDERS)
    assert replayed.outcomes == as_image.outcomes


def test_a_corrupt_layer_leaves_the_image_not_assessed(shared: Path, tmp_path: Path) -> None:
    case = CASES[0]
    layers = _layers(case, tmp_path, _merged_tree(case, tmp_path / "merged"))
    image = docker_save(layers, shared / "image.tar")
    # The middle layer cut at a member boundary, after the archive was written: it reads as a shorter
    # layer (the whiteout gone), and only its digest (config diff_ids) shows it is not the one built.
    with tarfile.open(fileobj=io.BytesIO(layers[1])) as tar:
        cut = tar.getmembers()[len(tar.getmembers()) // 2].offset
    replace_member(image, layer_names(image)[1], layers[1][:cut])
    out = shared / "out"
    result = run_suite(
        ["--image", str(image), *_args(case, out)], out, case.family.FOLDERS, wrap=lambda cmd: unprivileged(cmd, out)
    )
    # SNMP-04 is a live probe alone, N/A for an image without [probes] address; every control reading facts is not assessed.
    assert result.outcomes.pop("SNMP-04") == "na"
    assert set(result.outcomes.values()) == {"error"}, result.output[-2000:]
    messages = "\n".join(m for ms in result.messages.values() for m in ms)
    assert f"{image}: layer " in messages and "truncated or altered" in messages
    assert result.returncode == 1


def test_an_unreadable_archive_stops_the_run_at_start(shared: Path) -> None:
    image = shared / "image.tar"
    image.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    out = shared / "out"
    result = run_suite(["--image", str(image)], out, ("tests_cron/test_cron.py",), wrap=lambda cmd: unprivileged(cmd, out))
    assert result.returncode == 4 and not result.outcomes
    assert f"--image {image}: unreadable image archive" in result.output


def test_a_real_oci_layout_built_by_umoci(shared: Path, tmp_path: Path) -> None:
    """umoci (Debian's package) builds the same three layers from directories, offline: its whiteout, its
    opaque directory, its ACL xattrs, and its layers without end blocks (opencontainers/umoci#436)."""
    assert shutil.which("umoci"), "umoci is not installed: scripts/install-selftest-deps installs it"
    case = next(c for c in CASES if c.scenario.acls)
    merged = _merged_tree(case, tmp_path / "merged")
    original = build(case.scenario, tmp_path / "original")
    (original / case.opaque.lstrip("/") / "zz-only-in-the-lower-layer").write_text("* * * * * root /tmp/x\n")
    layout = shared / "golden"
    image = f"{layout}:golden"
    assert case.loosen
    for args in (
        ["init", "--layout", str(layout)],
        ["new", "--image", image],
        ["insert", "--image", image, str(original), "/"],
        ["insert", "--image", image, "--opaque", str(merged / case.opaque.lstrip("/")), case.opaque],
        ["insert", "--image", image, "--whiteout", case.whiteout],
        ["insert", "--image", image, str(merged / case.loosen[0].lstrip("/")), case.loosen[0]],
    ):
        subprocess.run(["umoci", *args], check=True, capture_output=True)
    # umoci writes its blobs 0600: a pipeline's artifact belongs to the pipeline's user, here nobody may read it.
    subprocess.run(["chmod", "-R", "a+rX", str(layout)], check=True)
    out = shared / "out"
    args = ["--image", str(layout), *_args(case, out)]
    as_image = run_suite(args, out, case.family.FOLDERS, wrap=lambda cmd: unprivileged(cmd, out))
    as_tree = run_suite(["--sysroot", str(merged), *_args(case, tmp_path)], tmp_path, case.family.FOLDERS)
    assert set(as_image.outcomes) == set(case.family.IDS), as_image.output[-3000:]
    assert as_image.outcomes == as_tree.outcomes, (as_image.output[-3000:], as_tree.output[-2000:])
    assert as_image.outcomes["CRON-15"] == "fail"  # the ACL travelled in umoci's xattr header
    assert list(as_image.by_host) == ["golden:golden"]
