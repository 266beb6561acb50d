"""What syslog does with a host's mail and cron messages: its configuration, parsed once per host.

The mail controls (MAIL-03..05) and the cron controls (CRON-09, CRON-10) read the same
configuration; this module is where both get it.
"""

from __future__ import annotations

import posixpath

from svcaudit.collect.batch import Request
from svcaudit.facts.host import HostFacts
from svcaudit.facts.platforms import Paths
from svcaudit.parsers.syslog import LEVELS, Rule, SyslogConf, covers, file_rules_for, merge, parse_syslog_conf
from svcaudit.parsers.syslog_ng import parse_syslog_ng_conf


def requests(p: Paths) -> list[Request]:
    """The configuration files and include directories (cron's requests carry them: every platform has cron)."""
    reqs = [Request("read", f) for f in p.syslog_confs] + [Request("listread", d) for d in p.syslog_dirs]
    reqs += [Request("read", p.syslog_ng_conf)] if p.syslog_ng_conf else []
    return reqs + ([Request("listread", p.syslog_ng_dir)] if p.syslog_ng_dir else [])


def syslog(facts: HostFacts) -> SyslogConf:
    """Every syslog configuration file of the platform, rsyslog.d/*.conf included."""
    conf: SyslogConf = facts.derived("syslog", lambda: _syslog(facts))
    return conf


def _syslog(facts: HostFacts) -> SyslogConf:
    p = facts.paths
    confs: list[SyslogConf] = []
    for path in p.syslog_confs:
        if facts.exists(path):
            confs.append(parse_syslog_conf(facts.content(path), path))
    for directory in p.syslog_dirs:
        if facts.exists(directory):
            for name in facts.listing(directory):
                path = posixpath.join(directory, name)
                if name.endswith(".conf") and facts.stat(path).kind == "file":
                    confs.append(parse_syslog_conf(facts.content(path), path))
    # syslog-ng (SUSE): its log paths, read into the same rules, beside rsyslog's where both are configured.
    for path in syslog_ng_files(facts):
        confs.append(parse_syslog_ng_conf(facts.content(path), path))
    return merge(confs)


def syslog_ng_files(facts: HostFacts) -> list[str]:
    p = facts.paths
    if not p.syslog_ng_conf or not facts.exists(p.syslog_ng_conf):
        return []
    found = [p.syslog_ng_conf]
    if p.syslog_ng_dir and facts.exists(p.syslog_ng_dir):
        names = sorted(n for n in facts.listing(p.syslog_ng_dir) if n.endswith(".conf"))
        found += [path for path in (posixpath.join(p.syslog_ng_dir, n) for n in names) if facts.stat(path).kind == "file"]
    return found


def searched(facts: HostFacts) -> list[str]:
    """The configuration files syslog reads, as evidence of where a rule was looked for."""
    p = facts.paths
    ng = [p.syslog_ng_conf] if p.syslog_ng_conf else []
    ng += [p.syslog_ng_dir + "/*.conf"] if p.syslog_ng_dir else []
    return list(p.syslog_confs) + [d + "/*.conf" for d in p.syslog_dirs] + ng


def mail_log_rules(facts: HostFacts) -> list[Rule]:
    """syslog rules that write some mail messages to a local file."""
    return [r for r in syslog(facts).rules if r.kind == "file" and any(covers(r, "mail", level) for level in LEVELS)]


def mail_logged_at(facts: HostFacts, level: str) -> list[Rule]:
    """syslog rules that write mail messages of `level` (or more severe) to a local file."""
    return [r for r in syslog(facts).rules if r.kind == "file" and covers(r, "mail", level)]


def cron_log_rules(facts: HostFacts) -> tuple[Rule, ...]:
    """syslog rules that write cron's messages to a local file (Linux)."""
    return file_rules_for(syslog(facts), "cron", "info")


def dedicated_cron_logs(facts: HostFacts) -> list[str]:
    """Files that only cron writes to, by syslog rules: the Linux 'cron log'."""
    conf = syslog(facts)
    cron_files = {r.file for r in file_rules_for(conf, "cron", "info") if r.file}
    shared = set()
    for rule in conf.rules:
        if rule.kind != "file" or rule.file not in cron_files:
            continue
        for selector in rule.selectors:
            if selector.level == "none":
                continue
            if any(f != "cron" for f in selector.facilities):
                shared.add(rule.file)
    return sorted(cron_files - shared)
