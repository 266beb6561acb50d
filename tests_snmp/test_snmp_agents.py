"""SNMP controls SNMP-08 .. SNMP-13: sub-agents, SNMPv3 only, v3 users, file groups, daemon logs, write access."""

import posixpath
from collections.abc import Iterable

import pytest

from svcaudit.controls.checks import octal, unread
from svcaudit.controls.paths import acl_findings, acl_notes, admin_groups, groups_phrase, protected
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import services as servicefacts
from svcaudit.facts import snmp as snmpfacts
from svcaudit.facts.host import HostFacts
from svcaudit.parsers.snmp import NO_PRIVACY, SnmpConf, UsmUser, community_access, usm_users, write_access
from svcaudit.profile import Profile

#: Directives (case-folded) whose unread lines could hide what a control looks for.
_COMMUNITY_WORDS = frozenset(
    {"rocommunity", "rocommunity6", "rwcommunity", "rwcommunity6", "com2sec", "com2sec6", "com2secunix"}
    | {"community", "vacm_group"}
)
_USER_WORDS = frozenset({"usm_user", "createuser", "usmuser"})
_WRITE_WORDS = frozenset(
    {"rwcommunity", "rwcommunity6", "rwuser", "access", "group", "setaccess", "authcommunity", "authuser", "authaccess"}
    | {"community", "vacm_access", "vacm_group"}
)


def _agent_configs(facts: HostFacts) -> tuple[list[SnmpConf], list[str]]:
    confs, unfollowed = snmpfacts.agent_configs(facts)
    if not confs:
        not_applicable(f"no SNMP agent configuration file (none of {', '.join(facts.paths.snmp.agent_confs)})")
    return confs, unfollowed


def _unread(confs: Iterable[SnmpConf], relevant: frozenset[str]) -> tuple[list[str], list[str]]:
    """Lines the parser could not read (shown redacted): those whose keyword the control judges
    leave it not assessed, the others are caveats."""
    lines = [m for conf in confs for m in conf.malformed]
    judged = [m for m in lines if m.line == 0 or m.text.split(" ")[0].casefold() in relevant]
    return unread(judged), unread(m for m in lines if m not in judged)


@pytest.mark.control("SNMP-08")
def test_no_snmp_subagents_unless_required(facts: HostFacts, profile: Profile) -> None:
    """Each sub-agent is one more daemon that answers on the agent's behalf."""
    programs = facts.paths.snmp.subagents
    if not programs:
        not_applicable("this platform's SNMP agent has no separate sub-agents (net-snmp)")
    allowed = set(profile.snmp.subagents_allowed)
    judged = [p for p in programs if posixpath.basename(p) not in allowed]
    if not judged:
        not_applicable("the profile allows every SNMP sub-agent ([snmp] subagents_allowed)")
    names = sorted(posixpath.basename(p) for p in judged)
    found = servicefacts.evidence_of_service(facts, programs=judged, subsystems=names)
    verdict(f"none of {', '.join(names)} started at boot or active", found, servicefacts.lssrc_notes(facts))


def _agent_version(facts: HostFacts) -> tuple[list[str], list[str]]:
    """Where the agent program is a link (AIX), which agent it links to: v3 passes, v1 fails, else unknown."""
    s = facts.paths.snmp
    record = facts.stat(s.agent_program)
    target = posixpath.basename(record.real or record.link or "")
    known = ", ".join(sorted(s.v3_agents | s.v1_agents))
    if not record.link:
        return [], [f"{s.agent_program} is not a symbolic link, so which agent it is ({known}) is unknown"]
    if target in s.v1_agents:
        return [f"{s.agent_program} -> {record.link}: the SNMPv1 agent"], []
    if target not in s.v3_agents:
        return [], [f"{s.agent_program} -> {record.link}: not one of the known agents ({known})"]
    return [], []


@pytest.mark.control("SNMP-09")
def test_snmpv3_only(facts: HostFacts, profile: Profile) -> None:
    """A community string crosses the network in clear text and is the only thing SNMPv1/v2c checks."""
    if not profile.snmp.v3_only:
        not_applicable("the profile accepts SNMPv1/v2c ([snmp] v3_only = false)")
    s = facts.paths.snmp
    if not snmpfacts.agent_installed(facts):
        not_applicable(f"no SNMP agent installed ({s.agent_program} does not exist)")
    problems: list[str] = []
    unassessed: list[str] = []
    if s.v3_agents or s.v1_agents:
        problems, unassessed = _agent_version(facts)
    confs, unfollowed = snmpfacts.agent_configs(facts)
    problems += [a.evidence() for conf in confs for a in community_access(conf)]
    blocking, caveats = _unread(confs, _COMMUNITY_WORDS)
    verdict(
        "an SNMPv3 agent with no SNMPv1/v2c community access", problems, caveats, unassessed=unassessed + unfollowed + blocking
    )


def _user_problems(user: UsmUser, accepted: set[str], privacy: bool) -> list[str]:
    why = []
    if user.auth.casefold() not in accepted:
        why.append(f"authentication {user.auth} is not an accepted protocol")
    if privacy and user.priv == NO_PRIVACY:
        why.append("no privacy protocol")
    return [f"{user.evidence()} ({'; '.join(why)})"] if why else []


@pytest.mark.control("SNMP-10")
def test_snmpv3_users_sha_and_privacy(facts: HostFacts, profile: Profile) -> None:
    """MD5 is broken and an unencrypted SNMPv3 session shows every value it carries."""
    confs, unfollowed = _agent_configs(facts)
    users: list[UsmUser] = []
    short: list[str] = []
    for conf in confs:
        found, bad = usm_users(conf)
        users += found
        short += unread(bad)
    blocking, caveats = _unread(confs, _USER_WORDS)
    if not users and not short and not blocking and not unfollowed:
        not_applicable("no SNMPv3 user is configured")
    accepted = {p.casefold() for p in profile.snmp.auth_protocols}
    problems = [p for user in users for p in _user_problems(user, accepted, profile.snmp.require_privacy)]
    wanted = f"authentication one of {', '.join(profile.snmp.auth_protocols)}"
    expected = f"every SNMPv3 user: {wanted}" + (" and a privacy protocol" if profile.snmp.require_privacy else "")
    verdict(expected, problems, caveats, unassessed=short + blocking + unfollowed)


@pytest.mark.control("SNMP-11")
def test_snmp_files_group_and_no_acl(facts: HostFacts, profile: Profile) -> None:
    """A group that is not an administrative one, or an extra ACL entry, reaches past the mode bits."""
    files = [p for p, _ in snmpfacts.config_paths(facts)] + snmpfacts.mib_files(facts, profile)
    if not files:
        not_applicable("no SNMP configuration or MIB file exists")
    groups = admin_groups(facts, profile)
    problems = [p for f in files for p in protected(facts, f, groups=groups)]
    unassessed: list[str] = []
    notes: list[str] = []
    for f in files:
        extended, unknown = acl_findings(facts, f)
        problems += extended
        unassessed += unknown
        notes += acl_notes(facts, f)
    expected = f"SNMP configuration and MIB files: group one of {groups_phrase(groups)}, no extended ACL"
    verdict(expected, problems, notes, unassessed=unassessed)


@pytest.mark.control("SNMP-12")
def test_snmp_logs_protected(facts: HostFacts, profile: Profile) -> None:
    """SNMP daemon logs record requests, community failures and sometimes the names that were tried."""
    logs = snmpfacts.log_files(facts)
    not_split = unread(snmpfacts.options_unread(facts))
    if not logs and not not_split:
        not_applicable("no SNMP daemon log file exists (the agent logs through syslog)")
    groups = admin_groups(facts, profile, profile.snmp.log_groups or None)
    ceiling = profile.snmp.log_mode
    problems = [
        f"{p} ({why})" for log, why in logs for p in protected(facts, log, owners={"root"}, groups=groups, ceiling=ceiling)
    ]
    expected = f"SNMP daemon logs owner root, group one of {groups_phrase(groups)}, mode <= {octal(ceiling)}"
    verdict(expected, problems, unassessed=not_split)


@pytest.mark.control("SNMP-13")
def test_no_snmp_write_access(facts: HostFacts) -> None:
    """Write access lets whoever holds a community or user reconfigure the host's network stack."""
    confs, unfollowed = _agent_configs(facts)
    grants, bad = write_access(confs)
    blocking, caveats = _unread(confs, _WRITE_WORDS)
    problems = [g.evidence() for g in grants]
    not_read = snmpfacts.agent_conf_paths(facts)[1]
    verdict(
        "no community or SNMPv3 user with write access",
        problems,
        caveats + not_read,
        unassessed=unread(bad) + blocking + unfollowed,
    )
