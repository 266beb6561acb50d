"""SNMP controls SNMP-01 .. SNMP-07 (seed: SNMP Service Considerations)."""

import pytest

from svcaudit.controls.checks import octal, unread
from svcaudit.controls.paths import admin_groups, groups_phrase, protected
from svcaudit.controls.starts import start_fixes
from svcaudit.controls.verdict import not_applicable, verdict
from svcaudit.facts import services as servicefacts
from svcaudit.facts import snmp as snmpfacts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.parsers.snmp import Secret, SnmpConf, communities, default_credentials, may_hold_secret
from svcaudit.probes.findings import snmp_communities
from svcaudit.probes.live import LiveProbes
from svcaudit.profile import Profile


def _configs(facts: HostFacts) -> tuple[list[SnmpConf], list[str], list[str]]:
    """The configuration files (with what they include and snmpd's -c files) less the agent files the agent in
    use does not read (AIX), why some were not followed, and a note for each agent file left out."""
    confs, unfollowed = snmpfacts.all_configs(facts)
    if not confs:
        not_applicable(f"no SNMP configuration file (none of {', '.join(p for p, _ in facts.paths.snmp.confs)})")
    kept, not_read = snmpfacts.agent_conf_paths(facts)
    left_out = set(facts.paths.snmp.agent_confs) - set(kept)
    return [c for c in confs if c.path not in left_out], unfollowed, not_read


def _unread(confs: list[SnmpConf]) -> tuple[list[str], list[str]]:
    """Lines not read: (those that may hold a community or credential, so the verdict cannot pass; the others)."""
    lines = [m for c in confs for m in c.malformed]
    return unread(m for m in lines if may_hold_secret(m)), unread(m for m in lines if not may_hold_secret(m))


@pytest.mark.control("SNMP-01")
def test_no_snmp_agent_unless_required(facts: HostFacts, profile: Profile) -> None:
    """An agent nobody meant to run still answers anyone who knows its communities."""
    if profile.services.snmp == "required":
        not_applicable('the profile requires an SNMP agent ([services] snmp = "required")')
    problems = snmpfacts.agent_running(facts)
    expected = "no SNMP agent enabled or running"
    if profile.services.snmp == "not-installed":
        expected += ', and no SNMP agent program installed ([services] snmp = "not-installed")'
        problems += [f"{path}: installed" for path in snmpfacts.installed_programs(facts)]
    s = facts.paths.snmp
    fixes = start_fixes(facts, programs=s.agents, subsystems=s.subsystems, units=s.units)
    verdict(expected, problems, servicefacts.lssrc_notes(facts), fix=fixes)


@pytest.mark.control("SNMP-02")
def test_no_default_communities(facts: HostFacts, profile: Profile) -> None:
    confs, unfollowed, not_read = _configs(facts)
    defaults = {c.lower() for c in profile.snmp.default_communities}
    found = [s for conf in confs for s in communities(conf) if s.value.lower() in defaults]
    undecided, notes = _unread(confs)
    verdict(
        f"no community named {', '.join(profile.snmp.default_communities)}",
        [s.evidence() for s in found],
        notes + not_read,
        unassessed=undecided + unfollowed,
        fix=[_community_fix(s) for s in found],
    )


def _community_fix(secret: Secret) -> str:
    """The line to change, in the form it is written: a trap destination's community is the receiver's too."""
    where = f"in {secret.path} line {secret.line}"
    if secret.keyword in ("trap", "trapcommunity", "trap2sink", "trapsink", "informsink", "trapsess"):
        return f"{where}, give the `{secret.keyword}` line a community of your own (and the trap receiver the same one)"
    return (
        f"{where}, replace the community {secret.value!r} of the `{secret.keyword}` line with one of your own, or remove the line"
    )


@pytest.mark.control("SNMP-03")
def test_no_default_passwords_or_keys(facts: HostFacts, profile: Profile) -> None:
    confs, unfollowed, not_read = _configs(facts)
    found = [s.evidence() for conf in confs for s in default_credentials(conf, profile.snmp.default_passwords)]
    undecided, notes = _unread(confs)
    verdict(
        "no sample USM user, shipped SMUX password or default password",
        found,
        notes + not_read,
        unassessed=undecided + unfollowed,
    )


@pytest.mark.control("SNMP-04")
def test_agent_refuses_default_communities(profile: Profile, live: LiveProbes) -> None:
    """The configuration is one claim; what the agent answers on the wire is the proof."""
    probe = snmp_communities(live, profile.snmp.port, profile.snmp.default_communities)
    if probe.not_applicable:
        not_applicable(probe.not_applicable)
    verdict("no answer to any default community", probe.problems, probe.notes, unassessed=probe.unassessed)


def _existing_confs(facts: HostFacts) -> list[str]:
    paths = [p for p, _ in snmpfacts.config_paths(facts)]
    try:  # the files they include and snmpd's -c files; a file that cannot be read is SNMP-02/03's to report
        paths += [conf.path for conf in snmpfacts.all_configs(facts)[0] if conf.path not in paths]
    except NotAssessed:
        pass
    if not paths:
        not_applicable("no SNMP configuration file exists")
    return paths


@pytest.mark.control("SNMP-05")
def test_snmp_config_mode(facts: HostFacts, profile: Profile) -> None:
    ceiling = profile.snmp.conf_mode
    problems = [p for path in _existing_confs(facts) for p in protected(facts, path, ceiling=ceiling)]
    verdict(f"SNMP configuration files mode <= {octal(ceiling)}", problems)


@pytest.mark.control("SNMP-06")
def test_snmp_config_owned_by_root(facts: HostFacts, profile: Profile) -> None:
    groups = admin_groups(facts, profile)
    problems = [p for path in _existing_confs(facts) for p in protected(facts, path, owners={"root"}, groups=groups)]
    verdict(f"SNMP configuration files owner root, group one of {groups_phrase(groups)}", problems)


@pytest.mark.control("SNMP-07")
def test_mib_files_mode(facts: HostFacts, profile: Profile) -> None:
    """Readable MIB files tell an intruder what the agent can be asked."""
    files = snmpfacts.mib_files(facts, profile)
    if not files:
        not_applicable("no MIB files found")
    ceiling = profile.snmp.mib_mode
    verdict(f"MIB files mode <= {octal(ceiling)}", [p for f in files for p in protected(facts, f, ceiling=ceiling)])
