"""What the mail and SMTP controls need from a host, and what they derive from it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace

from svcaudit.collect.batch import Request
from svcaudit.facts import services as servicefacts
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.facts.syslog import mail_log_rules
from svcaudit.parsers import postfix, sendmail, sysconfig
from svcaudit.parsers.aliases import Aliases, parse_aliases, target_programs
from svcaudit.parsers.mounts import local_mounts_aix, local_mounts_linux
from svcaudit.parsers.shellcmd import Program, candidates
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    m = p.mail
    reqs = [Request("read", f) for f in m.sendmail_cfs + m.aliases + (m.postfix_main,)]
    reqs += [Request("read", f) for f in (p.sysconfig_mail, p.sysconfig_postfix) if f]
    if m.mounts_file:
        reqs.append(Request("read", m.mounts_file))
    if m.mounts_command:
        reqs.append(Request("cmd", "mount"))
    return reqs


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """Configured aliases files, alias programs, the help file, mail logs and the .forward search."""
    reqs: list[Request] = []
    for step in (_configured_alias_requests, _alias_dir_requests, _program_requests, _helpfile_requests, _log_requests):
        try:
            reqs += step(facts)
        except NotAssessed:
            continue  # the control that needs it reports the reason
    try:
        reqs += _forward_requests(facts, profile)
    except NotAssessed:
        pass
    return reqs


def _configured_alias_requests(facts: HostFacts) -> list[Request]:
    return [Request("read", path) for path, _ in configured_alias_files(facts)]


def _alias_dir_requests(facts: HostFacts) -> list[Request]:
    """The directory of every aliases file (MAIL-07), configured ones included."""
    return [Request("tree", path) for path in all_alias_paths(facts)]


def _program_requests(facts: HostFacts) -> list[Request]:
    return [Request("tree", path) for path in {a.path for a in alias_programs(facts)}]


def _helpfile_requests(facts: HostFacts) -> list[Request]:
    named = [option.value for _, option in helpfiles(facts) if option and option.value.startswith("/")]
    return [Request(op, path) for path in named for op in ("tree", "read")]


def _log_requests(facts: HostFacts) -> list[Request]:
    return [Request("tree", rule.file) for rule in mail_log_rules(facts) if rule.file]


def _forward_requests(facts: HostFacts, profile: Profile) -> list[Request]:
    return [Request("list", home) for home in home_dirs(facts)] + [
        Request("find", root) for root in forward_roots(facts, profile)
    ]


# -- the MTA ---------------------------------------------------------------------


def sendmail_cfs(facts: HostFacts) -> list[sendmail.SendmailCf]:
    return facts.derived("sendmail_cfs", lambda: _sendmail_cfs(facts))


def _sendmail_cfs(facts: HostFacts) -> list[sendmail.SendmailCf]:
    return [sendmail.parse_sendmail_cf(facts.content(p), p) for p in facts.paths.mail.sendmail_cfs if facts.exists(p)]


def postfix_main(facts: HostFacts) -> postfix.MainCf | None:
    return facts.derived("postfix_main", lambda: _postfix_main(facts))


def _postfix_main(facts: HostFacts) -> postfix.MainCf | None:
    path = facts.paths.mail.postfix_main
    if not facts.exists(path):
        return None
    return _with_sysconfig(facts, postfix.parse_main_cf(facts.content(path), path))


def _with_sysconfig(facts: HostFacts, main: postfix.MainCf) -> postfix.MainCf:
    """SUSE: the judged settings config.postfix writes from /etc/sysconfig/mail and /etc/sysconfig/postfix win over
    main.cf's own lines (config.postfix rewrites main.cf from them). A line setting one of them that the audit cannot
    evaluate leaves main.cf not assessed; other unreadable sysconfig lines are not shown (they may hold credentials)."""
    p = facts.paths
    read = [
        sysconfig.parse_sysconfig(facts.content(path), path) if path and facts.exists(path) else None
        for path in (p.sysconfig_mail, p.sysconfig_postfix)
    ]
    judged = [bad for conf in read if conf for bad in conf.malformed if sysconfig.names_judged_setting(bad.text)]
    if judged:
        # a setting config.postfix writes into main.cf whose value the audit cannot tell: main.cf's is not the answer
        raise NotAssessed("; ".join(bad.evidence("not evaluated") for bad in judged))
    overrides, _ = sysconfig.postfix_overrides(read[0], read[1])
    if not overrides:
        return main
    params = dict(main.params)
    for o in overrides:
        params.pop(o.parameter, None)
        params[o.parameter] = postfix.Param(o.parameter, o.value, o.line, o.file, o.variable)
    return replace(main, params=params)


def mta_installed(facts: HostFacts) -> bool:
    return bool(sendmail_cfs(facts)) or postfix_main(facts) is not None


def mta_running(facts: HostFacts) -> list[str]:
    m = facts.paths.mail
    return servicefacts.evidence_of_service(facts, programs=m.programs, subsystems=m.subsystems, units=m.units, names=m.processes)


# -- aliases ---------------------------------------------------------------------


def configured_alias_files(facts: HostFacts) -> list[tuple[str, str]]:
    """(path, where it is named) for aliases files the MTA configuration names."""
    found: list[tuple[str, str]] = []
    for cf in sendmail_cfs(facts):
        found += [(path, f"{cf.path}:{line} AliasFile") for path, line in sendmail.alias_files(cf)]
    main = postfix_main(facts)
    if main is not None:
        found += [
            (path, f"{main.path}:{line} alias_maps" if line else f"{main.path}: postfix default alias_maps")
            for path, line in postfix.alias_files(main)
        ]
    first: dict[str, str] = {}
    for path, where in found:
        first.setdefault(path, where)
    return list(first.items())


def all_alias_paths(facts: HostFacts) -> list[str]:
    """Configured files first, then the catalog's candidates, once each."""
    paths = [p for p, _ in configured_alias_files(facts)] + list(facts.paths.mail.aliases)
    return list(dict.fromkeys(paths))


def existing_aliases(facts: HostFacts) -> list[Aliases]:
    return facts.derived("aliases", lambda: _existing_aliases(facts))


def _existing_aliases(facts: HostFacts) -> list[Aliases]:
    return [parse_aliases(facts.content(p), p) for p in all_alias_paths(facts) if p in facts.batch.stats and facts.exists(p)]


@dataclass(frozen=True)
class AliasProgram:
    path: str  # a program the alias runs (an interpreter's script too) or its :include: file
    source: str  # aliases file:line and alias name
    command: str


def alias_programs(facts: HostFacts) -> list[AliasProgram]:
    return alias_targets(facts)[0]


def alias_targets(facts: HostFacts) -> tuple[list[AliasProgram], list[str]]:
    """Programs (scripts of interpreters included) and :include: files the aliases name,
    and those that name no checkable file (never passed)."""
    found: list[AliasProgram] = []
    unknown: list[str] = []
    for aliases in existing_aliases(facts):
        for alias in aliases.aliases:
            for target in alias.targets:
                if target.kind not in ("program", "include"):
                    continue
                where = f"{aliases.path}:{alias.line} {alias.name} ({target.value})"
                programs = target_programs(target)
                if not programs:
                    unknown.append(f"{where}: names no program or file")
                for program in programs:
                    paths = candidates(program, None)  # sendmail's shell PATH is not known: bare names stay unresolved
                    if paths:
                        found.append(AliasProgram(paths[0], f"{aliases.path}:{alias.line} {alias.name}", target.value))
                    else:
                        unknown.append(f"{where}: {_unresolved(program)}")
        unknown += [m.evidence() for m in aliases.malformed]
    return found, unknown


def _unresolved(program: Program) -> str:
    if program.kind == "search":
        return f"{program.word!r} is not an absolute path (sendmail's shell finds it in a PATH the audit cannot know)"
    return f"cannot resolve {program.word!r} to a file (relative, expanded by the shell, or built at run time)"


# -- SMTP ------------------------------------------------------------------------


def helpfiles(facts: HostFacts) -> list[tuple[sendmail.SendmailCf, sendmail.Option | None]]:
    return [(cf, cf.last("HelpFile")) for cf in sendmail_cfs(facts)]


def home_dirs(facts: HostFacts) -> list[str]:
    """Every absolute home, once each; AIX gives root (and nobody, lpd) the home ``/``.

    Each is listed, never walked: a home of ``/`` (or ``/home``, above other homes) is checked
    for the forward files in itself only, as sendmail reads ``$HOME/.forward`` and nothing deeper.
    """
    return list(dict.fromkeys(_home(a.home) for a in facts.accounts() if a.home.startswith("/")))


def _home(path: str) -> str:
    """``/home/alice/`` -> ``/home/alice``; ``//`` and ``/.`` are ``/`` (normpath keeps a leading ``//``)."""
    normal = posixpath.normpath(path)
    return "/" + normal.lstrip("/")


def forward_roots(facts: HostFacts, profile: Profile) -> list[str]:
    """Where to search for .forward files recursively (SMTP-04)."""
    return search_roots(facts, profile.mail.forward_search, profile.mail.forward_search_roots)


def search_roots(facts: HostFacts, search: str, roots: list[str]) -> list[str]:
    """Where to search recursively: the profile's roots, and every local filesystem when `search` is "filesystem"."""
    found = list(roots)
    if search == "filesystem":
        found += local_filesystems(facts)
    return list(dict.fromkeys(found))


def files_in_homes(facts: HostFacts, roots: list[str], wanted: Callable[[str], bool], what: str) -> tuple[list[str], list[str]]:
    """Files whose name `wanted` accepts in every home directory (listed, never walked) and below each
    root (found by the collector's bounded `find`): the paths, and why the search is incomplete."""
    found: list[str] = []
    incomplete: list[str] = []
    for home in home_dirs(facts):
        try:
            if not facts.exists(home) or facts.stat(home).kind != "dir":
                continue
            found += [posixpath.join(home, n) for n in facts.listing(home) if wanted(n)]
        except NotAssessed as exc:  # one unreadable home leaves the others judged, and the control not passed
            incomplete.append(f"home {home}: {exc}")
    for root in roots:
        walk = facts.batch.walks.get(root)
        if walk is None:
            incomplete.append(f"{root}: the {what} search did not run")
            continue
        found += [f for f in walk.found if wanted(posixpath.basename(f))]  # one walk finds every name asked for
        if walk.truncated:
            incomplete.append(f"{root}: search stopped ({walk.why}) before it saw everything")
        incomplete += [f"{root}: cannot read {u}" for u in walk.unreadable]
    return list(dict.fromkeys(found)), incomplete


def local_filesystems(facts: HostFacts) -> list[str]:
    """Mount points of local filesystems; a mounted image has just its own root."""
    if facts.sysroot:
        return ["/"]
    m = facts.paths.mail
    if m.mounts_file:
        return local_mounts_linux(facts.content(m.mounts_file))
    record = facts.command("mount")
    if record is None or record.rc != 0:
        raise NotAssessed("cannot list mounted filesystems (`mount` failed) for the filesystem-wide .forward search")
    return local_mounts_aix(record.output)


#: What sendmail reads as a forward file, in the collector's find syntax (``NAME*`` is a prefix).
FORWARD_NAMES = (".forward", ".forward.*", ".forward+*")


def forward_name(name: str) -> bool:
    return name == ".forward" or name.startswith((".forward.", ".forward+"))
