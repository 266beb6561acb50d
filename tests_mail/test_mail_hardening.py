"""Mail hardening controls MAIL-10 .. MAIL-16 (DISA AIX 6.1/7 STIG and CIS AIX 7 rules on mail and syslog files)."""

import posixpath

import pytest

from svcaudit.controls.checks import octal, shell_word, show
from svcaudit.controls.paths import acl_findings, acl_notes, admin_groups, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import mail as mailfacts
from svcaudit.facts import mailfiles, syslog
from svcaudit.facts import services as servicefacts
from svcaudit.facts import tftp as tftpfacts
from svcaudit.facts.host import HostFacts
from svcaudit.facts.syslog import mail_log_rules
from svcaudit.parsers.inetd import parse_inetd
from svcaudit.parsers.xinetd import service_off
from svcaudit.profile import Profile


class _Findings:
    """Problems, ACLs that could not be read, and caveats, gathered over several files."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.unassessed: list[str] = []
        self.notes: list[str] = []

    def acl(self, facts: HostFacts, path: str, where: str = "") -> None:
        extended, unknown = acl_findings(facts, path)
        self.problems += [f"{where}{p}" for p in extended]
        self.unassessed += [f"{where}{u}" for u in unknown]
        if not extended and not unknown and facts.exists(path):
            self.notes += acl_notes(facts, path)

    def verdict(self, expected: str, fix: list[str] | None = None) -> None:
        verdict(expected, sorted(set(self.problems)), list(dict.fromkeys(self.notes)), unassessed=self.unassessed, fix=fix or [])


def _groups(facts: HostFacts, profile: Profile, base: list[str]) -> frozenset[str]:
    return admin_groups(facts, profile, set(base) | facts.paths.mail.conf_groups_extra)


@pytest.mark.control("MAIL-10")
def test_syslog_conf_protected(facts: HostFacts, profile: Profile) -> None:
    """Whoever can change syslog's configuration decides what is logged, and can stop the logging of an attack."""
    files = mailfiles.syslog_files(facts)
    if not files:
        not_applicable(f"no syslog configuration file (none of {', '.join(syslog.searched(facts))})")
    m = profile.mail
    groups = _groups(facts, profile, m.syslog_conf_groups)
    found = _Findings()
    for path in files:
        found.problems += protected(facts, path, owners={"root"}, groups=groups, ceiling=m.syslog_conf_mode)
        found.acl(facts, path)
    aix = facts.paths.family == "aix"
    group, unacl = ("system", "acledit") if aix else ("root", "setfacl -b")
    mode = octal(m.syslog_conf_mode)
    wrong = [p for p in files if any(problem.startswith(show(p)) for problem in found.problems)]
    found.verdict(
        f"{', '.join(files)}: owner root, group one of {groups_phrase(groups)}, mode <= {mode}, no extended ACL",
        fix=[f"chown root:{group} {w}; chmod {mode} {w}; remove an extended ACL ({unacl} {w})" for w in map(shell_word, wrong)],
    )


@pytest.mark.control("MAIL-11")
def test_aliases_group_and_acl(facts: HostFacts, profile: Profile) -> None:
    """A group outside the administrators', or an extra ACL entry, lets someone else add a program alias."""
    paths = [p for p in mailfacts.all_alias_paths(facts) if p in facts.batch.stats and facts.exists(p)]
    if not paths:
        not_applicable(f"no aliases file (looked at {', '.join(mailfacts.all_alias_paths(facts))})")
    groups = admin_groups(facts, profile)
    found = _Findings()
    for path in dict.fromkeys(paths):
        found.problems += protected(facts, path, groups=groups)
        found.acl(facts, path)
    found.verdict(f"{', '.join(paths)}: group one of {groups_phrase(groups)}, no extended ACL")


#: V-22440: programs run from aliases and their directories are group-owned by root, bin, sys or other.
ALIAS_PROGRAM_GROUPS = ("root", "bin", "sys", "other")


@pytest.mark.control("MAIL-12")
def test_alias_programs_group_and_acl(facts: HostFacts, profile: Profile) -> None:
    """A program's group, its directory's group or an ACL entry can hand the program mail runs to someone else."""
    if not mailfacts.existing_aliases(facts):
        not_applicable("no aliases file")
    programs, unknown = mailfacts.alias_targets(facts)
    if not programs and not unknown:
        not_applicable("no aliases entry runs a program or names an :include: file")
    groups = admin_groups(facts, profile, set(ALIAS_PROGRAM_GROUPS) | facts.paths.sysgroups)
    found = _Findings()
    for program in programs:
        where = f"{program.source} ({program.command}): "
        if facts.exists(program.path):
            found.problems += [where + p for p in protected(facts, program.path, groups=groups)]
            found.acl(facts, program.path, where)
            real = facts.stat(program.path).real or program.path
            directories = dict.fromkeys([posixpath.dirname(program.path), posixpath.dirname(real)])
        else:
            found.notes.append(f"{where}{program.path} does not exist")
            directories = dict.fromkeys([posixpath.dirname(program.path)])
        for directory in directories:
            if facts.exists(directory):
                found.problems += [where + p for p in protected(facts, directory, groups=groups)]
    found.unassessed += unknown
    found.verdict(f"alias programs and their directories: group one of {groups_phrase(groups)}; programs: no extended ACL")


@pytest.mark.control("MAIL-13")
def test_mail_logs_no_acl(facts: HostFacts) -> None:
    """An ACL entry lets someone read or rewrite the mail log whatever its mode says."""
    logs = list(dict.fromkeys(r.file for r in mail_log_rules(facts) if r.file))
    if not logs:
        not_applicable("no syslog rule writes mail to a local file (MAIL-03 reports it)")
    found = _Findings()
    for path in logs:
        if facts.exists(path):
            found.acl(facts, path)
        else:
            found.notes.append(f"{show(path)}: does not exist (MAIL-04 judges a missing log): no ACL to check")
    found.verdict(f"{', '.join(logs)}: no extended ACL")


#: Program names of the comsat (biff) daemon, whatever its service is called.
COMSAT_PROGRAMS = frozenset({"comsat", "in.comsat"})
COMSAT_SERVICES = frozenset({"comsat", "biff"})


@pytest.mark.control("MAIL-14")
def test_comsat_disabled(facts: HostFacts) -> None:
    """comsat tells logged-in users of new mail over a UDP port, as root: a service nobody needs."""
    found: list[str] = []
    notes: list[str] = []
    read: list[str] = []
    for path in facts.paths.tftp.inetd_confs:
        if not facts.exists(path):
            continue
        read.append(path)
        conf = parse_inetd(facts.content(path), path)
        for s in conf.services:
            named = s.name.rpartition(":")[2] in COMSAT_SERVICES or posixpath.basename(s.program) in COMSAT_PROGRAMS
            if s.enabled and named:
                found.append(f"{s.path}:{s.line}: {s.text}")
        notes += [m.evidence() for m in conf.malformed]
    confs = tftpfacts.xinetd_confs(facts)
    read += [c.path for c in confs]
    defaults = tuple(a for conf in confs for a in conf.defaults)
    for conf in confs:
        notes += [m.evidence() for m in conf.malformed]
        for service in conf.services:
            server = (service.values("server") or ("",))[0]
            comsat = service.name in COMSAT_SERVICES or posixpath.basename(server) in COMSAT_PROGRAMS
            if comsat and not service_off(service, defaults):
                found.append(f"{conf.path}:{service.line}: xinetd service {service.name} runs {server or '?'}")
    units = facts.paths.mail.comsat_units
    if units:
        found += [
            f"{link}: systemd unit enabled" for link in servicefacts.unit_links(facts, servicefacts.units_enabled(facts) & units)
        ]
        read.append(f"{facts.paths.systemd_dir}/*.wants")
    notes.insert(
        0, f"read: {', '.join(read)}" if read else "no inetd.conf, xinetd configuration or systemd directory on this host"
    )
    verdict("comsat (biff) is not enabled in inetd.conf, xinetd or systemd", found, notes)


@pytest.mark.control("MAIL-15")
def test_mta_configuration_protected(facts: HostFacts, profile: Profile) -> None:
    """Whoever can write the MTA's configuration chooses the programs it runs as root; it also holds map and auth details."""
    m = profile.mail
    groups = _groups(facts, profile, m.cf_groups)
    found = _Findings()
    judged: list[str] = []
    for cf in mailfacts.sendmail_cfs(facts):
        judged.append(cf.path)
        found.problems += protected(facts, cf.path, owners={"root"}, groups=groups, ceiling=m.cf_mode)
    for cf in mailfiles.submit_cfs(facts):
        judged.append(cf.path)
        found.problems += protected(facts, cf.path, owners={"root"}, ceiling=m.cf_mode)
    main = mailfacts.postfix_main(facts)
    if main is not None:
        # SUSE: config.postfix writes main.cf from /etc/sysconfig/mail and /etc/sysconfig/postfix
        sources = [path for path in (facts.paths.sysconfig_mail, facts.paths.sysconfig_postfix) if path]
        for path in (main.path, mailfiles.postfix_master(facts.paths), *sources):
            if facts.exists(path):
                judged.append(path)
                found.problems += protected(facts, path, owners={"root"}, writers="group")
    if not judged:
        not_applicable("no sendmail.cf, submit.cf or Postfix main.cf")
    found.verdict(
        f"{', '.join(judged)}: owned by root; sendmail.cf group one of {groups_phrase(groups)}; sendmail.cf and submit.cf"
        f" mode <= {octal(m.cf_mode)}; Postfix files not group- or world-writable"
    )


@pytest.mark.control("MAIL-16")
def test_mail_queues_protected(facts: HostFacts, profile: Profile) -> None:
    """Queued mail is other people's mail: only the MTA may read it or slip a message into it."""
    m = profile.mail
    queues = mailfiles.sendmail_queues(facts)
    layout = mailfiles.postfix_queue(facts)
    if not queues and layout is None:
        not_applicable("no MTA installed (no sendmail.cf, submit.cf or Postfix main.cf)")
    found = _Findings()
    expected: list[str] = []
    wanted = {
        "mta": (m.queue_owners, _groups(facts, profile, m.queue_groups), m.queue_mode),
        "msp": (m.client_queue_owners, frozenset(m.client_queue_groups), m.client_queue_mode),
    }
    for queue in queues:
        owners, groups, ceiling = wanted[queue.role]
        expected.append(
            f"{queue.path} exists, owner {', '.join(owners)}, group one of {groups_phrase(groups)}, mode <= {octal(ceiling)}"
        )
        if queue.path.startswith("/") and not queue.required and not facts.exists(queue.path):
            found.notes.append(f"{show(queue.path)} ({queue.source}): does not exist")
            continue
        if not queue.path.startswith("/") or not facts.exists(queue.path):
            found.problems.append(f"{show(queue.path)} ({queue.source}): does not exist")
            continue
        found.problems += [
            f"{p} ({queue.source})" for p in protected(facts, queue.path, owners=owners, groups=groups, ceiling=ceiling)
        ]
    if layout is not None:
        expected.append(f"Postfix's queue {layout.root} and its directories as `postfix check` expects them")
        if not facts.exists(layout.root):
            found.problems.append(f"{show(layout.root)} ({layout.source}): does not exist")
        else:
            found.problems += protected(facts, layout.root, owners={"root"}, writers="group")
            for d in layout.dirs:
                if not facts.exists(d.path):
                    found.notes.append(f"{show(d.path)}: does not exist yet (postfix creates it when it starts)")
                    continue
                groups = None if d.group is None else {d.group}
                found.problems += protected(facts, d.path, owners={d.owner}, groups=groups, ceiling=d.ceiling)
    found.verdict("; ".join(expected))
