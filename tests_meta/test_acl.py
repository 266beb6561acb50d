"""Extended ACLs: the parser on real aclget/getfacl text, the collector on real ACLs, and the judgement helper."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from svcaudit.collect.batch import LOADER, Batch, CollectionError, Request, _b64, collector_program, parse_output, request_payload
from svcaudit.controls.paths import acl_findings, acl_notes
from svcaudit.facts.host import HostFacts
from svcaudit.parsers.acl import AclReading, parse_acl_output, parse_aclget, parse_getfacl

# =========================================================================== AIX aclget text

# aclget on AIX 5.3 and later prints a "* ACL_type" comment header, then the AIXC ACL in the layout of
# IBM's "Access control list example for AIXC" (AIX 7.2 docs, osmanagement/acl_example_aixc.html); the
# STIG's check (V-22445 GEN004950) reads its "extended permissions" / "disabled" lines. A file with mode
# bits only shows "disabled".
AIXC_DISABLED = """\
*
* ACL_type   AIXC
*
attributes:
base permissions
    owner(root):  rw-
    group(system):  r--
    others:  r--
extended permissions
    disabled
"""

# IBM's AIXC example itself (same page), as aclget prints it with the header.
AIXC_ENABLED = """\
*
* ACL_type   AIXC
*
attributes: SUID
base permissions:
      owner(frank):  rw-
      group(system): r-x
      others: ---
extended permissions:
      enabled
        permit  rw-  u:dhs
        deny    r--  u:chas, g:system
        specify r--  u:john, g:gateway, g:mail
        permit  rw-  g:account, g:finance
"""

# acledit's template from the AIX docs ("extended permissions" then "enabled", no entries yet):
# the STIG's test is the enabled switch itself.
AIXC_ENABLED_EMPTY = """\
attributes:
base permissions
    owner(rcunning): rwx
    group(staff):   r--
    others:          ---
extended permissions
    enabled
"""

# NFS4 ACLs: IBM documents the text form (AIX 7.3 docs, security/acl_nfs4.html) as one ACE a line,
# "IDENTITY ACE_TYPE ACE_MASK ACE_FLAGS", IDENTITY being u:name:, g:name: or s:(OWNER@|GROUP@|EVERYONE@):,
# after the same "*" comment header (ACL_type, Owner, Group). No captured AIX output was at hand: these
# two are written in that documented format; the first holds only the special who entries that express
# mode bits, the second adds a named user and group.
NFS4_MODE_ONLY = """\
*
* ACL_type   NFS4
*
*
* Owner: root
* Group: system
*
s:(OWNER@):     a       rwpRWaAdcCs
s:(OWNER@):     d       x
s:(GROUP@):     a       rRadcs
s:(GROUP@):     d       wpWxDACo
s:(EVERYONE@):  a       rRadcs
s:(EVERYONE@):  d       wpWxDACo
"""

NFS4_NAMED = """\
*
* ACL_type   NFS4
*
*
* Owner: root
* Group: system
*
u:fsuser2:      a       rwpRWxDaAdcCs   fidi
g:staff:        a       rRxadcs
s:(OWNER@):     a       rwpRWxDaAdcCs
s:(EVERYONE@):  a       rRadcs
"""


ACLGET_READ = [
    (AIXC_DISABLED, "none", "extended permissions disabled"),
    (AIXC_ENABLED, "extended", "permit rw- u:dhs; deny r-- u:chas, g:system"),
    (AIXC_ENABLED_EMPTY, "extended", "extended permissions enabled: no entries"),
    (NFS4_MODE_ONLY, "none", "only OWNER@, GROUP@ and EVERYONE@"),
    (NFS4_NAMED, "extended", "u:fsuser2: a rwpRWxDaAdcCs fidi; g:staff: a rRxadcs"),
]

ACLGET_NOT_READ = [
    ("", "no 'extended permissions'"),
    (AIXC_DISABLED.replace("    disabled\n", ""), "no 'extended permissions'"),
    (AIXC_DISABLED.replace("disabled", "maybe"), "does not read: 'maybe'"),
    (AIXC_DISABLED + "    permit rw- u:x\n    something else\n", "does not read: 'something else'"),
    (AIXC_DISABLED.replace("AIXC", "ACLX"), "type 'ACLX'"),
    ("*\n* ACL_type   NFS4\n*\n", "without entries"),
    (NFS4_NAMED.replace("g:staff:", "g staff"), "NFS4 line"),
    ("aclget: 0653-345 /x: Permission denied\n", "does not read"),
]


def test_disabled_entries_stay_none_but_are_counted() -> None:
    text = AIXC_ENABLED.replace("      enabled", "      disabled")
    reading = parse_aclget(text)
    assert reading.state == "none" and "4 entries present but not in effect" in reading.detail


# =========================================================================== Debian getfacl text

# getfacl 2.3.1 (Debian 12 package acl) with --absolute-names --omit-header, as the collector runs it.
GETFACL_PLAIN = "user::rw-\ngroup::r--\nother::r--\n\n"
# after `setfacl -m u:nobody:r FILE`
GETFACL_NAMED = "user::rw-\nuser:nobody:r--\ngroup::r--\nmask::r--\nother::r--\n\n"
# after `setfacl -m u:nobody:rwx,m::r FILE`: the effective-rights comment getfacl adds
GETFACL_EFFECTIVE = "user::rw-\nuser:nobody:rwx\t#effective:r--\ngroup::r--\nmask::r--\nother::r--\n\n"
# after `setfacl -d -m u:nobody:rx DIR`
GETFACL_DEFAULT = (
    "user::rwx\ngroup::r-x\nother::r-x\ndefault:user::rwx\ndefault:user:nobody:r-x\n"
    "default:group::r-x\ndefault:mask::r-x\ndefault:other::r-x\n\n"
)
# after `setfacl -m g:adm:r FILE` then `setfacl -x g:adm FILE`: the mask entry stays behind
GETFACL_MASK_ONLY = "user::rw-\ngroup::r--\nmask::r--\nother::r--\n\n"


GETFACL_READ = [
    (GETFACL_PLAIN, "none", "only the user::"),
    (GETFACL_NAMED, "extended", "user:nobody:r--, mask::r--"),
    (GETFACL_EFFECTIVE, "extended", "user:nobody:rwx, mask::r--"),
    (GETFACL_DEFAULT, "extended", "default:user:nobody:r-x"),
    (GETFACL_MASK_ONLY, "extended", "mask::r--"),
    ("# file: /etc/x\n# owner: root\n# group: root\n# flags: s--\n" + GETFACL_PLAIN, "none", "only the user::"),
]

GETFACL_NOT_READ = [
    ("", "lacks the base entries (user::, group::, other::)"),
    ("user::rw-\ngroup::r--\n", "lacks the base entries (other::)"),
    ("getfacl: Removing leading '/' from absolute path names\n" + GETFACL_PLAIN, "not an ACL entry"),
    ("A::OWNER@:rwatTnNcCy\n", "not an ACL entry"),
]

Parser = Callable[[str], AclReading]


@pytest.mark.parametrize(
    "parse, text, state, detail", [(parse_aclget, *c) for c in ACLGET_READ] + [(parse_getfacl, *c) for c in GETFACL_READ]
)
def test_tool_output(parse: Parser, text: str, state: str, detail: str) -> None:
    reading = parse(text)
    assert reading.state == state and detail in reading.detail


@pytest.mark.parametrize(
    "parse, text, reason", [(parse_aclget, *c) for c in ACLGET_NOT_READ] + [(parse_getfacl, *c) for c in GETFACL_NOT_READ]
)
def test_tool_output_not_understood_is_unknown(parse: Parser, text: str, reason: str) -> None:
    reading = parse(text)
    assert reading.state == "unknown" and reason in reading.detail


def test_a_failed_or_cut_or_unknown_tool_is_unknown() -> None:
    failed = parse_acl_output("getfacl", 1, "getfacl: /x: Operation not supported\n")
    assert failed.state == "unknown" and "exit status 1" in failed.detail and "Operation not supported" in failed.detail
    assert parse_acl_output("getfacl", 0, GETFACL_PLAIN, truncated=True).state == "unknown"
    assert parse_acl_output("lsacl", 0, GETFACL_PLAIN).state == "unknown"
    assert parse_acl_output("aclget", 0, AIXC_DISABLED).state == "none"


# =========================================================================== the collector, on real ACLs


def _tree(root: Path) -> Path:
    (root / "etc/plain").parent.mkdir(parents=True)
    (root / "etc/plain").write_text("x")
    (root / "etc/named").write_text("x")
    (root / "var/spool").mkdir(parents=True)
    (root / "etc/link").symlink_to("/etc/named")
    subprocess.run(["setfacl", "-m", "u:nobody:r", str(root / "etc/named")], check=True)
    subprocess.run(["setfacl", "-d", "-m", "u:nobody:rx", str(root / "var/spool")], check=True)
    return root


def _collect(root: Path | None, requests: list[Request], path_env: str | None = None, **settings: int) -> Batch:
    """Run the collector like build_command does, but with PATH exactly `path_env` when given."""
    perl = shutil.which("perl")
    assert perl
    env = dict(os.environ, PATH=path_env) if path_env is not None else None
    program = _b64(collector_program().encode())
    argv = [perl, "-MMIME::Base64", "-e", LOADER, program, request_payload(requests, root=str(root or ""), **settings)]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return parse_output(proc.stdout)


ACL_REQUESTS = [Request("acl", p) for p in ("/etc/plain", "/etc/named", "/var/spool", "/etc/link", "/etc/missing")]


def test_collector_reads_real_acls(tmp_path: Path) -> None:
    assert shutil.which("getfacl") and shutil.which("setfacl"), "scripts/install-selftest-deps installs the acl package"
    batch = _collect(_tree(tmp_path / "root"), ACL_REQUESTS)
    acls = batch.acls
    assert acls["/etc/plain"].state == "none" and acls["/etc/plain"].tool == "getfacl"
    # Under a sysroot getfacl prints numbers: the scanning host's names mean nothing for the tree.
    nobody = subprocess.run(["id", "-u", "nobody"], capture_output=True, text=True, check=True).stdout.strip()
    assert acls["/etc/named"].state == "extended" and f"user:{nobody}:r--" in acls["/etc/named"].detail
    assert acls["/var/spool"].state == "extended" and f"default:user:{nobody}:r-x" in acls["/var/spool"].detail
    # A link is judged by what it points to inside the tree.
    assert acls["/etc/link"].state == "extended"
    assert acls["/etc/missing"].state == "unknown" and batch.stats["/etc/missing"].kind == "absent"
    assert batch.stats["/etc/named"].kind == "file"  # the F record comes with it


def test_without_sysroot_the_target_names_the_entries(tmp_path: Path) -> None:
    root = _tree(tmp_path / "root")
    batch = _collect(None, [Request("acl", f"{root}/etc/named")])
    assert batch.acls[f"{root}/etc/named"].detail == "user:nobody:r--, mask::r--"


def test_no_acl_tool_means_unknown(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    batch = _collect(_tree(tmp_path / "root"), ACL_REQUESTS, path_env=str(empty))
    record = batch.acls["/etc/named"]
    assert (record.state, record.tool) == ("unknown", "")
    assert record.detail == "no ACL tool (aclget, getfacl) on the scanning host"


def _tool(directory: Path, name: str, script: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / name).write_text("#!/bin/sh\n" + script)
    (directory / name).chmod(0o755)


def test_aclget_is_preferred_and_gets_the_path_as_one_argument(tmp_path: Path) -> None:
    # A stand-in aclget that prints IBM's AIXC example and records its arguments.
    tools = tmp_path / "tools"
    _tool(tools, "aclget", f'printf "%s\\n" "$@" > {tmp_path}/argv\ncat <<"EOF"\n{AIXC_ENABLED}EOF\n')
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc/odd name; $(touch CANARY)").write_text("x")
    batch = _collect(root, [Request("acl", "/etc/odd name; $(touch CANARY)")], path_env=f"{tools}:/usr/bin:/bin")
    record = batch.acls["/etc/odd name; $(touch CANARY)"]
    assert (record.state, record.tool) == ("extended", "aclget")
    assert (tmp_path / "argv").read_text() == f"{root}/etc/odd name; $(touch CANARY)\n"
    assert not list(tmp_path.rglob("CANARY"))


def test_a_hanging_or_failing_tool_is_unknown_within_its_time(tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    _tool(tools, "getfacl", "exec sleep 30\n")
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc/f").write_text("x")
    batch = _collect(root, [Request("acl", "/etc/f")], path_env=str(tools) + ":/usr/bin:/bin", acl_seconds=1)
    assert batch.acls["/etc/f"].state == "unknown" and "timed out after 1s" in batch.acls["/etc/f"].detail
    _tool(tools, "getfacl", "echo 'getfacl: /etc/f: Input/output error' >&2; exit 1\n")
    batch = _collect(root, [Request("acl", "/etc/f")], path_env=str(tools) + ":/usr/bin:/bin")
    record = batch.acls["/etc/f"]
    assert record.state == "unknown" and "exit status 1" in record.detail and "Input/output error" in record.detail


# =========================================================================== facts, record/replay, judgement


def _facts(root: Path, platform: str = "debian") -> HostFacts:
    batch = _collect(root, ACL_REQUESTS)
    return HostFacts("h", platform, "AIX" if platform == "aix" else "Linux", "", str(root), batch)


def test_record_replay_round_trip(tmp_path: Path) -> None:
    facts = _facts(_tree(tmp_path / "root"))
    again = HostFacts.from_json(facts.to_json(), "h.json")
    assert again.batch.acls == facts.batch.acls and again.acl("/etc/named").state == "extended"


def test_acl_findings(tmp_path: Path) -> None:
    facts = _facts(_tree(tmp_path / "root"))
    assert acl_findings(facts, "/etc/plain") == ([], [])
    assert acl_findings(facts, "/etc/missing") == ([], [])
    problems, unassessed = acl_findings(facts, "/etc/named")
    assert problems == [f"/etc/named: extended ACL ({facts.acl('/etc/named').detail})"] and unassessed == []
    # Never requested: not assessed, never a pass.
    facts.batch.stats["/etc/other"] = facts.batch.stats["/etc/plain"]
    assert facts.acl("/etc/other").detail == "ACL not collected"
    assert acl_findings(facts, "/etc/other") == ([], ["/etc/other: ACL not assessed: ACL not collected"])
    # A path not even statted: not assessed either.
    assert acl_findings(facts, "/etc/nowhere")[1] == ["/etc/nowhere: ACL not assessed: /etc/nowhere: not collected"]
    assert acl_notes(facts, "/etc/plain") == []


def test_aix_tree_read_with_getfacl_passes_with_a_caveat(tmp_path: Path) -> None:
    facts = _facts(_tree(tmp_path / "root"), platform="aix")
    assert acl_findings(facts, "/etc/plain") == ([], [])
    assert "AIXC/NFS4 ACLs (JFS2) are not visible" in acl_notes(facts, "/etc/plain")[0]
    # A POSIX ACL on the tree is still a finding, and needs no caveat.
    assert acl_findings(facts, "/etc/named")[0] and acl_notes(facts, "/etc/named") == []


def test_facts_recorded_before_acls_existed_still_load(tmp_path: Path) -> None:
    facts = _facts(_tree(tmp_path / "root"))
    data = json.loads(facts.to_json())
    del data["batch"]["acls"]
    old = HostFacts.from_json(json.dumps(data), "old.json")
    assert old.acl("/etc/named").state == "unknown" and acl_findings(old, "/etc/named")[1]


@pytest.mark.parametrize("line", ["A\tL2V0Yw==\tgetfacl\t0\t0\n", "A\tL2V0Yw==\tgetfacl\tx\t0\tAA==\t\n"])
def test_a_cut_acl_record_is_a_collection_error(line: str) -> None:
    with pytest.raises(CollectionError, match="unreadable collector output"):
        parse_output(line + "END\t1\n")
