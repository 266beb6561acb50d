"""Hostile and broken hosts: nothing from a target runs anywhere, odd shapes stay bounded, reports stay honest.

Each test here fails if its protection is removed: canary files appear if a name is ever run
as shell, a link escapes the tree if resolution follows it out, a FIFO hangs the run if it is
opened, and a cut-short search passes if incompleteness is not reported.
"""

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests_meta.support import scenarios_mail
from tests_meta.support.scenario import Absent, Dir, File, Link, Node, Scenario, build, run_suite
from tests_meta.support.scenarios_cron import AIX_ROOT_CRONTAB

CANARY_DIR = Path(tempfile.gettempdir())
CANARY = "svcaudit-canary"
ALL_FOLDERS = ("tests_cron", "tests_ftp", "tests_mail", "tests_snmp")


def _canaries(*more: Path) -> set[Path]:
    """Canary files where a shell that ran a hostile name would have made them: /tmp, cwd, home."""
    from tests_meta.support.scenario import REPO

    places = {CANARY_DIR, REPO, Path.home(), *more}
    return {p for place in places for p in place.glob(f"{CANARY}-made*")}


@pytest.fixture
def no_canaries(tmp_path: Path) -> Iterator[None]:
    before = _canaries(tmp_path)
    yield
    after = _canaries(tmp_path) - before
    assert not after, f"something ran a name from the target: {sorted(after)}"


def _hostile_names() -> dict[str, str]:
    made = f"{CANARY_DIR}/{CANARY}-made"
    return {
        "subst": f"/opt/jobs/$(touch {made}-1)",
        "backtick": f"/opt/jobs/`touch {made}-2`",
        "semicolon": f"/opt/jobs/x; touch {made}-3",
        "quote": '/opt/jobs/it\'s "quoted"',
        "dash": "/opt/jobs/-rf",
        "space": "/opt/jobs/my job.sh",
        "long": "/opt/jobs/" + "L" * 200,
        "latin1": "/opt/jobs/caf\udce9",
    }


def _shell_quote(path: str) -> str:
    return "'" + path.replace("'", "'\\''") + "'"


def _hostile_scenario() -> tuple[Scenario, dict[str, str]]:
    names = _hostile_names()
    made = f"{CANARY_DIR}/{CANARY}-made"
    crontab = AIX_ROOT_CRONTAB + "".join(f"0 4 * * * {_shell_quote(p)}\n" for p in names.values())
    nodes: list[Node] = [File(p, "#!/bin/ksh\n", 0o777, "root", "system") for p in names.values()]
    nodes += [
        File("/var/spool/cron/crontabs/root", crontab, 0o600, "root", "cron"),
        # A crontab file whose own name is hostile, with a bad mode so its name shows in evidence.
        # File names cannot hold "/": these canaries would appear in the shell's working directory.
        File(
            f"/var/spool/cron/crontabs/-evil;$(touch${{IFS}}{CANARY}-made-4)\udcff",
            "0 5 * * * /usr/sbin/skulker\n",
            0o644,
            "root",
            "cron",
        ),
        File(
            "/etc/mail/aliases",
            scenarios_mail.AIX_ALIASES + f'evil: "|/opt/bin/x$(touch${{IFS}}{CANARY}-made-5) --arg"\n',
            0o644,
            "root",
            "system",
        ),
        File(f"/opt/bin/x$(touch${{IFS}}{CANARY}-made-5)", "", 0o777, "root", "system"),
        Dir(f"/home/odd name;`touch {made}-6`", 0o755, "alice", "staff"),
        File(f"/home/odd name;`touch {made}-6`/.forward", "x\n", 0o600, "alice", "staff"),
    ]
    from tests_meta.support.scenarios_cron import AIX_HARDENED as CRON_AIX

    base = replace(scenarios_mail.AIX_HARDENED, nodes=scenarios_mail.AIX_HARDENED.nodes + CRON_AIX.nodes)
    scenario = base.changed("hostile", nodes, {})
    passwd = "".join(f"{n}:!:{u}:1::/home/{n}:/bin/sh\n" for n, u in scenario.users.items() if n != "root")
    passwd = "root:!:0:0::/root:/bin/sh\n" + passwd + f"mallory:!:300:1::/home/odd name;`touch {made}-6`:/bin/sh\n"
    scenario = scenario.changed("hostile", [File("/etc/passwd", passwd, 0o644)], {})
    return scenario, names


@pytest.mark.parametrize("transport", ["local", "ssh"])
def test_hostile_names_are_data_never_code(tmp_path: Path, transport: str, no_canaries, request) -> None:
    scenario, names = _hostile_scenario()
    root = build(scenario, tmp_path / "root")
    args = ["--sysroot", str(root), "--platform", "aix", f"--results-json={tmp_path / 'r.json'}"]
    if transport == "ssh":
        sshd = request.getfixturevalue("sshd")
        args += ["--hosts=ssh://scenario", f"--ssh-config={sshd.config}"]
    result = run_suite(args, tmp_path, ALL_FOLDERS)
    assert result.outcomes["CRON-07"] == "fail"
    doc = json.loads((tmp_path / "r.json").read_text())
    evidence = "\n".join(r["evidence"] for r in doc["results"])
    for label, path in names.items():
        shown = path if path.isprintable() else ascii(path)[1:-1]
        assert shown in evidence, f"{label}: {shown!r} missing from the evidence"
    assert f"-evil;$(touch${{IFS}}{CANARY}-made-4)\\udcff: mode 0644" in evidence  # CRON-06 names the odd file
    assert f"/opt/bin/x$(touch${{IFS}}{CANARY}-made-5)" in evidence  # MAIL-09 names the odd program
    assert "odd name;`touch" in evidence  # the .forward in the hostile home directory is listed
    # A $( ) program is expanded by sendmail's shell when mail arrives: named, never passed, not assessed.
    assert result.outcomes["SMTP-04"] == "fail" and result.outcomes["MAIL-09"] == "error"


def _shape_run(tmp_path: Path, nodes: list[Node], profile: str = "", folders=ALL_FOLDERS, extra: tuple = ()):
    scenario = scenarios_mail.AIX_HARDENED.changed("shape", nodes, {}, profile=profile)
    root = build(scenario, tmp_path / "root")
    args = ["--sysroot", str(root), "--platform", "aix", *extra]
    if profile:
        (tmp_path / "p.toml").write_text(profile)
        args += ["--profile", str(tmp_path / "p.toml")]
    return root, run_suite(args, tmp_path, folders)


def test_symlink_loops_and_escapes_stay_inside_the_tree(tmp_path: Path) -> None:
    secret = Path(tempfile.mkdtemp(prefix="svcaudit-outside-"))
    (secret / "aliases").write_text("outside: |/bin/true\n")
    try:
        root, result = _shape_run(
            tmp_path,
            [
                Link("/etc/mail/aliases", "/etc/mail/aliases.loop"),
                Link("/etc/mail/aliases.loop", "/etc/mail/aliases"),
                Link("/usr/lib/aliases", f"../../../../../../../../{secret}/aliases"),
                Link("/etc/ftpusers", str(secret / "aliases")),
            ],
            folders=("tests_mail", "tests_ftp"),
        )
    finally:
        shutil.rmtree(secret)
    assert result.outcomes["MAIL-06"] == "error"
    assert any("too many levels of symbolic links" in m for m in result.messages["MAIL-06"])
    # The escaping links resolve under the tree, where nothing is: absent, never the runner's file.
    assert result.outcomes["FTP-02"] == "fail" and "outside:" not in result.output


def test_huge_files_are_read_capped_and_reported_as_truncated(tmp_path: Path) -> None:
    scenario = scenarios_mail.AIX_HARDENED
    root = build(scenario, tmp_path / "root")
    with open(root / "etc/mail/sendmail.cf", "r+b") as handle:
        handle.truncate(1024**3)  # a sparse 1 GiB file: cheap to make, expensive to read whole
    result = run_suite(["--sysroot", str(root), "--platform", "aix"], tmp_path, ("tests_mail",))
    assert result.outcomes["MAIL-02"] == "error"
    assert any("larger than the read limit" in m for m in result.messages["MAIL-02"])


@pytest.mark.parametrize("limit, outcome", [(None, "error"), (8 * 1024 * 1024, "fail")], ids=["default-cap", "raised-cap"])
def test_a_100000_line_crontab_is_capped_or_judged(tmp_path: Path, limit, outcome: str) -> None:
    lines = "".join(f"{i % 60} * * * * /opt/jobs/job{i % 50}\n" for i in range(100_000))
    nodes = [File("/var/spool/cron/crontabs/root", lines, 0o600, "root", "cron"), Dir("/opt/jobs", 0o755, "root", "system")]
    nodes += [File(f"/opt/jobs/job{i}", "", 0o755, "root", "system") for i in range(49)] + [
        File("/opt/jobs/job49", "", 0o775, "root", "system")
    ]
    from tests_meta.support.scenarios_cron import AIX_HARDENED as CRON_AIX

    scenario = CRON_AIX.changed("big-crontab", nodes, {})
    root = build(scenario, tmp_path / "root")
    args = ["--sysroot", str(root), "--platform", "aix"]
    if limit:
        (tmp_path / "p.toml").write_text(f"[scan]\nmax_file_bytes = {limit}\n")
        args.append(f"--profile={tmp_path / 'p.toml'}")
    result = run_suite(args, tmp_path, ("tests_cron",))
    assert result.outcomes["CRON-07"] == outcome
    words = "/opt/jobs/job49" if limit else "larger than the read limit"
    assert any(words in m for m in result.messages["CRON-07"])


def test_fifos_and_devices_where_configs_belong_are_never_opened(tmp_path: Path) -> None:
    root = build(scenarios_mail.AIX_HARDENED.changed("fifo", [Absent("/etc/syslog.conf")], {}), tmp_path / "root")
    os.mkfifo(root / "etc/syslog.conf")
    (root / "etc/mail/aliases").unlink()
    os.mknod(root / "etc/mail/aliases", 0o644 | 0o020000, os.makedev(1, 3))  # a character device
    result = run_suite(["--sysroot", str(root), "--platform", "aix"], tmp_path, ("tests_mail",))
    assert result.outcomes["MAIL-03"] == "error"  # a FIFO is not read: syslog is not assessed
    assert any("not read (fifo)" in m for m in result.messages["MAIL-03"])
    assert result.outcomes["MAIL-09"] == "error"  # a device is not read: its aliases are not assessed
    assert any("not read (char)" in m for m in result.messages["MAIL-09"])


def test_a_huge_home_tree_is_searched_within_bounds_and_reported_incomplete(tmp_path: Path) -> None:
    root = build(scenarios_mail.AIX_HARDENED, tmp_path / "root")
    big = root / "home/alice/data"
    big.mkdir()
    for i in range(100):
        d = big / f"d{i}"
        d.mkdir()
        for j in range(1000):
            (d / f"f{j}").touch()
    profile = tmp_path / "p.toml"
    profile.write_text('[mail]\nforward_search_roots = ["/home"]\nforward_search_max_entries = 50000\n')
    result = run_suite(["--sysroot", str(root), "--platform", "aix", f"--profile={profile}"], tmp_path, ("tests_mail",))
    assert result.outcomes["SMTP-04"] == "error"
    assert any("search stopped (more than 50000 entries)" in m for m in result.messages["SMTP-04"])


def test_a_host_without_perl_is_one_clear_error(tmp_path: Path, sshd) -> None:
    root = build(scenarios_mail.AIX_HARDENED, tmp_path / "root")
    result = run_suite(
        ["--sysroot", str(root), "--platform", "aix", "--hosts=ssh://noperl,ssh://scenario", f"--ssh-config={sshd.config}"],
        tmp_path,
        ("tests_mail",),
    )
    # SMTP-02 is a live probe that needs no facts; with --sysroot and no probe address it is N/A.
    # The mail family's scenario controls (tests_mail holds more: their own scenarios judge those).
    assert {c: o for c, o in result.by_host["ssh://noperl"].items() if c != "SMTP-02" and c in scenarios_mail.IDS} == {
        c: "error" for c in scenarios_mail.IDS if c != "SMTP-02"
    }
    assert "perl 5 is required on the target and was not found in PATH" in result.output
    assert set(result.by_host["ssh://noperl"].values()) <= {"error", "na"}
    assert {
        c: o for c, o in result.by_host["ssh://scenario"].items() if c in scenarios_mail.IDS
    } == scenarios_mail.AIX_HARDENED.expect


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every path with its type, mode, owner, mtime and content hash (atime aside: reading sets it)."""
    found = {}
    for path in [root, *root.rglob("*")]:
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
        link = os.readlink(path) if path.is_symlink() else ""
        found[str(path.relative_to(root))] = (st.st_mode, st.st_uid, st.st_gid, st.st_mtime_ns, st.st_size, digest, link)
    return found


def test_a_full_run_over_ssh_changes_nothing(tmp_path: Path, sshd) -> None:
    from tests_meta.support.scenarios_cron import AIX_AS_INSTALLED as CRON_AIX

    scenario = replace(scenarios_mail.AIX_AS_INSTALLED, nodes=scenarios_mail.AIX_AS_INSTALLED.nodes + CRON_AIX.nodes)
    root = build(scenario, tmp_path / "root")
    before = _snapshot(root)
    (tmp_path / "p.toml").write_text('[mail]\nforward_search = "filesystem"\n')
    result = run_suite(
        [
            "--sysroot",
            str(root),
            "--platform",
            "aix",
            "--hosts=ssh://scenario",
            f"--ssh-config={sshd.config}",
            f"--profile={tmp_path / 'p.toml'}",
        ],
        tmp_path,
        ALL_FOLDERS,
    )
    # SMTP-07 alone cannot be assessed on a tree: sendmail's release comes from running its binary.
    assert result.outcomes and {c for c, o in result.outcomes.items() if o == "error"} <= {"SMTP-07"}
    assert _snapshot(root) == before


def test_escape_sequences_and_markup_in_files_reach_every_report_escaped(tmp_path: Path) -> None:
    """A crontab line is the host's text: a terminal escape in it is shown as \\x1b, markup in it as text."""
    from tests_meta.support.scenarios_cron import AIX_HARDENED as CRON_AIX

    hostile = "0 4 * * * $JOB '<script>alert(1)</script>' \x1b[2J\x1b]0;owned\x07\n"
    scenario = CRON_AIX.changed(
        "escapes", [File("/var/spool/cron/crontabs/root", AIX_ROOT_CRONTAB + hostile, 0o600, "root", "cron")], {}
    )
    root = build(scenario, tmp_path / "root")
    html = tmp_path / "report.html"
    result = run_suite(["--sysroot", str(root), "--platform", "aix", f"--html={html}"], tmp_path, ("tests_cron",))
    assert result.outcomes["CRON-07"] == "error"  # $JOB cannot be resolved: not assessed, never passed
    message = "\n".join(result.messages["CRON-07"])
    assert "\\x1b[2J" in message and "\x1b" not in message and "\x07" not in message
    assert "\x1b" not in result.output and "\x07" not in result.output
    page = html.read_text(encoding="utf-8")
    # pytest-html keeps results in an HTML-escaped JSON attribute whose strings its script inserts as HTML:
    # the markup arrives escaped twice, and the browser shows it as text.
    assert "<script>alert(1)" not in page and "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in page
