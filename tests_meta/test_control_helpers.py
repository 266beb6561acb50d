"""The helpers every control ends with: the verdict policy, path protection, admin groups, syslog facts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from svcaudit.collect.batch import Batch, ContentRecord, StatRecord
from svcaudit.controls import checks
from svcaudit.controls.paths import admin_groups, exposed_ancestors, protected, require_directory, writable_ancestors
from svcaudit.controls.verdict import CONTEXT, Context, verdict
from svcaudit.facts import syslog
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.profile import load


def _stat(path: str, kind: str, mode: int, uid: int = 0, gid: int = 0) -> StatRecord:
    return StatRecord(path, kind, mode, uid, gid, 0, 0, None, path, None)


def _facts(*stats: StatRecord, texts: dict[str, str] | None = None, platform: str = "aix") -> HostFacts:
    batch = Batch(uid_names={0: "root", 2: "bin", 204: "alice"}, gid_names={0: "system", 1: "staff", 2: "bin"})
    for record in stats:
        batch.stats[record.path] = record
    for path, text in (texts or {}).items():
        batch.stats[path] = _stat(path, "file", 0o644)
        batch.contents[path] = ContentRecord(path, text, False, None)
    return HostFacts("h", platform, "AIX", "7.3", "", batch)


@pytest.fixture
def context() -> Iterator[Context]:
    fresh = Context(fix="chmod 600 /x")
    token = CONTEXT.set(fresh)
    yield fresh
    CONTEXT.reset(token)


# -- the verdict policy ----------------------------------------------------------


def test_problems_fail_with_expected_found_also_and_fix(context: Context) -> None:
    with pytest.raises(AssertionError) as caught:
        verdict("mode <= 0600", ["/x: mode 0644"], ["a caveat"], unassessed=["a command not followed"])
    assert str(caught.value).splitlines() == [
        "expected: mode <= 0600",
        "found:",
        "  /x: mode 0644",
        "also:",
        "  a caveat",
        "  a command not followed",
        "fix: chmod 600 /x",
    ]
    assert CONTEXT.get().notes == ()


def test_fixes_for_what_was_found_come_before_the_general_one(context: Context) -> None:
    with pytest.raises(AssertionError) as caught:
        verdict("mode <= 0600", ["/x: mode 0644"], fix=["chmod 0600 /x", "chmod 0600 /x"])
    assert str(caught.value).splitlines()[-2:] == ["fix: chmod 0600 /x", "fix (general): chmod 600 /x"]
    verdict("mode <= 0600", [], fix=["never shown on a pass"])  # a pass says nothing of fixes


def test_no_problems_but_a_reason_is_not_assessed_never_a_pass(context: Context) -> None:
    with pytest.raises(NotAssessed) as caught:
        verdict("x", [], ["a caveat"], unassessed=["a", "b"], unassessed_title="the search is incomplete")
    assert str(caught.value).splitlines() == ["the search is incomplete:", "  a", "  b", "also:", "  a caveat"]


def test_one_reason_alone_is_the_message(context: Context) -> None:
    with pytest.raises(NotAssessed, match=r"^127.0.0.1:21: no reply to USER$"):
        verdict("x", [], unassessed=["127.0.0.1:21: no reply to USER"])


def test_a_pass_records_its_caveats_once(context: Context) -> None:
    verdict("x", [], ["line 3 not read", "line 3 not read"])
    verdict("x", [], ["line 3 not read", "file skipped"])
    assert CONTEXT.get().notes == ("line 3 not read", "file skipped")


def test_checks_keeps_the_plugin_contract() -> None:
    assert checks.CONTEXT is CONTEXT and checks.Context is Context and checks.verdict is verdict


# -- paths --------------------------------------------------------------------------


def test_protected_reports_mode_owner_group_and_writers() -> None:
    facts = _facts(_stat("/", "dir", 0o755), _stat("/etc", "dir", 0o755), _stat("/etc/f", "file", 0o4664, 204, 1))
    found = protected(facts, "/etc/f", ceiling=0o640, owners={"root"}, groups={"system"}, writers="group")
    assert found == [
        "/etc/f: mode 4664, expected <= 0640 (extra bits 4024)",
        "/etc/f: owner alice (uid 204), expected root",
        "/etc/f: group staff (gid 1), expected system",
        "/etc/f: group-writable (mode 4664, owner alice:staff)",
    ]


def test_protected_is_quiet_when_the_path_is_protected() -> None:
    facts = _facts(_stat("/", "dir", 0o755), _stat("/etc", "dir", 0o755), _stat("/etc/f", "file", 0o600))
    assert protected(facts, "/etc/f", ceiling=0o640, owners={"root"}, groups={"system"}, writers="group", parents="group") == []


def test_protected_follows_writable_and_foreign_parents() -> None:
    facts = _facts(_stat("/", "dir", 0o755), _stat("/opt", "dir", 0o777, 2, 2), _stat("/opt/x", "file", 0o700))
    assert protected(facts, "/opt/x", parents="world") == [
        "/opt: owner bin (uid 2), expected root",
        "/opt: group- and world-writable (mode 0777, owner bin:bin)",
    ]
    assert exposed_ancestors(facts, "/opt/x") == ["/", "/opt"]


def test_writable_ancestors_and_an_unknown_mode() -> None:
    facts = _facts(_stat("/", "dir", 0o755), _stat("/etc", "dir", 0o775), _stat("/etc/mail", "dir", 0o755))
    assert writable_ancestors(facts, "/etc/mail/helpfile") == [("/etc", 0o775)]
    unknown = _facts(StatRecord("/", "dir", None, 0, 0, 0, 0, None, "/", None))
    with pytest.raises(NotAssessed):
        writable_ancestors(unknown, "/etc")


def test_require_directory_fails_on_a_file() -> None:
    facts = _facts(_stat("/var/spool/cron/crontabs", "file", 0o600))
    with pytest.raises(AssertionError, match="is a file, not a directory"):
        require_directory(facts, "/var/spool/cron/crontabs")
    assert require_directory(_facts(_stat("/d", "dir", 0o700)), "/d") == "/d"


def test_admin_groups_add_the_profiles_extra_groups() -> None:
    profile_file = load(None)
    profile_file.base["sysgroups"]["extra"] = ["wheel2"]
    profile = profile_file.for_host("h")
    facts = _facts()
    assert admin_groups(facts, profile) == facts.paths.sysgroups | {"wheel2"}
    assert admin_groups(facts, profile, {"cron"}) == {"cron", "wheel2"}


# -- syslog facts -------------------------------------------------------------------


def test_syslog_facts_serve_mail_and_cron() -> None:
    conf = "mail.debug /var/log/mail.log\ncron.* /var/log/cron.log\n*.info;mail.none;cron.none /var/log/messages\nbogus\n"
    absent = [
        StatRecord(p, "absent", None, None, None, None, None, None, p, None) for p in ("/etc/syslog.conf", "/etc/rsyslog.d")
    ]
    facts = _facts(*absent, texts={"/etc/rsyslog.conf": conf}, platform="debian")
    assert [r.file for r in syslog.mail_log_rules(facts)] == ["/var/log/mail.log"]
    assert [r.file for r in syslog.mail_logged_at(facts, "crit")] == ["/var/log/mail.log"]
    assert [r.file for r in syslog.cron_log_rules(facts)] == ["/var/log/cron.log"]
    assert syslog.dedicated_cron_logs(facts) == ["/var/log/cron.log"]
    assert [n.split(":")[:2] for n in checks.syslog_notes(facts)] == [["/etc/rsyslog.conf", "4"]]


def test_a_path_in_a_suggested_command_is_one_quoted_word() -> None:
    """Names come from the target: pasted into a shell, a fix must never run a `$( )` or `;` they carry."""
    from svcaudit.controls.checks import shell_word

    assert shell_word("/etc/mail/aliases") == "/etc/mail/aliases"
    assert shell_word("/var/spool/cron/crontabs/-evil;$(touch x)") == "'/var/spool/cron/crontabs/-evil;$(touch x)'"
    assert shell_word("/tmp/odd\udcffname") == "<the file shown as /tmp/odd\\udcffname>"
