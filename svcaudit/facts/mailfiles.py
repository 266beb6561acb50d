"""The files the mail hardening controls protect (MAIL-10 .. MAIL-16): which they are, and their ACLs.

syslog's configuration files, sendmail.cf and submit.cf, Postfix's main.cf and master.cf,
the mail queue directories (sendmail's QueueDirectory, Postfix's queue_directory and the
directories `postfix check` expects in it), and the ACLs of the aliases files, the programs
aliases run and the mail logs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from svcaudit.collect.batch import Request
from svcaudit.facts import mail as mailfacts
from svcaudit.facts import syslog
from svcaudit.facts.host import HostFacts, NotAssessed
from svcaudit.facts.platforms import Paths
from svcaudit.facts.syslog import mail_log_rules
from svcaudit.parsers import sendmail
from svcaudit.profile import Profile


def requests(p: Paths) -> list[Request]:
    m = p.mail
    reqs = [Request("acl", f) for f in p.syslog_confs + ((p.syslog_ng_conf,) if p.syslog_ng_conf else ())]
    reqs += [Request("read", f) for f in m.submit_cfs] + [Request("acl", f) for f in m.sendmail_cfs + m.submit_cfs]
    return reqs + [Request("stat", postfix_master(p))]


def followups(facts: HostFacts, profile: Profile) -> list[Request]:
    """ACLs of the rsyslog.d files, aliases files, alias programs and mail logs; the queue directories."""
    reqs: list[Request] = []
    for step in (_syslog_acls, _alias_acls, _program_acls, _log_acls, _queue_stats):
        try:
            reqs += step(facts)
        except NotAssessed:
            continue  # the control that needs it reports the reason
    return reqs


def _syslog_acls(facts: HostFacts) -> list[Request]:
    return [Request("acl", path) for path in syslog_files(facts)]


def _alias_acls(facts: HostFacts) -> list[Request]:
    return [Request("acl", path) for path in mailfacts.all_alias_paths(facts)]


def _program_acls(facts: HostFacts) -> list[Request]:
    return [Request("acl", path) for path in {a.path for a in mailfacts.alias_programs(facts)}]


def _log_acls(facts: HostFacts) -> list[Request]:
    return [Request("acl", rule.file) for rule in mail_log_rules(facts) if rule.file]


def _queue_stats(facts: HostFacts) -> list[Request]:
    paths = [q.path for q in sendmail_queues(facts)]
    layout = postfix_queue(facts)
    if layout is not None:
        paths += [layout.root] + [d.path for d in layout.dirs]
    return [Request("stat", path) for path in paths]


# -- syslog (MAIL-10) ----------------------------------------------------------------


def syslog_files(facts: HostFacts) -> list[str]:
    """The syslog configuration files that exist: the main files, then rsyslog.d/*.conf (as syslog reads them), then
    syslog-ng's (SUSE)."""
    p = facts.paths
    found = [path for path in p.syslog_confs if facts.exists(path)]
    for directory in p.syslog_dirs:
        if facts.exists(directory):
            for name in sorted(facts.listing(directory)):
                path = posixpath.join(directory, name)
                if name.endswith(".conf") and facts.stat(path).kind == "file":
                    found.append(path)
    return found + syslog.syslog_ng_files(facts)


# -- sendmail and Postfix configuration (MAIL-15) --------------------------------------


def postfix_master(p: Paths) -> str:
    return posixpath.join(posixpath.dirname(p.mail.postfix_main), "master.cf")


def submit_cfs(facts: HostFacts) -> list[sendmail.SendmailCf]:
    return facts.derived("submit_cfs", lambda: _submit_cfs(facts))


def _submit_cfs(facts: HostFacts) -> list[sendmail.SendmailCf]:
    return [sendmail.parse_sendmail_cf(facts.content(p), p) for p in facts.paths.mail.submit_cfs if facts.exists(p)]


# -- queue directories (MAIL-16) -------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    path: str
    role: str  # "mta" or "msp"
    source: str  # where the path comes from, for evidence
    required: bool = True  # a missing directory fails (else nothing to judge)


def sendmail_queues(facts: HostFacts) -> list[Queue]:
    """The queue directory of each sendmail.cf (the MTA's) and submit.cf (the submission program's)."""
    m = facts.paths.mail
    found: list[Queue] = []
    for cfs, role, default in ((mailfacts.sendmail_cfs(facts), "mta", m.mta_queue), (submit_cfs(facts), "msp", m.msp_queue)):
        for cf in cfs:
            option = cf.last("QueueDirectory")
            if option is None:
                found.append(Queue(default, role, f"{cf.path}: no QueueDirectory (sendmail's default)"))
            else:
                found.append(Queue(queue_path(option.value), role, f"{cf.path}:{option.line} QueueDirectory"))
    if found and not any(q.role == "msp" for q in found):
        found.append(Queue(m.msp_queue, "msp", "no submit.cf: judged where it exists", required=False))
    return list({q.path: q for q in reversed(found)}.values())[::-1]


def queue_path(value: str) -> str:
    """The directory a QueueDirectory value names: ``/var/spool/mqueue/q*`` (queue groups) is /var/spool/mqueue."""
    value = value.strip()
    if "*" in value:
        value = posixpath.dirname(value)
    return posixpath.normpath(value) if value.startswith("/") else value


@dataclass(frozen=True)
class QueueDir:
    path: str
    owner: str
    group: str | None
    ceiling: int


@dataclass(frozen=True)
class PostfixQueue:
    root: str
    source: str
    mail_owner: str
    setgid_group: str
    dirs: tuple[QueueDir, ...]


#: The directories of Postfix's queue as /etc/postfix/postfix-files lists them (Debian postfix 3.7.11):
#: name, owner ($mail_owner or root), group ($setgid_group or none) and mode. The two setgid_group
#: directories may also carry the setgid bit: Debian's postinst makes public 02710 (dpkg-statoverride),
#: and `postfix check` judges their group, not that bit.
POSTFIX_QUEUE_DIRS = (
    ("active", "$mail_owner", None, 0o700),
    ("bounce", "$mail_owner", None, 0o700),
    ("corrupt", "$mail_owner", None, 0o700),
    ("defer", "$mail_owner", None, 0o700),
    ("deferred", "$mail_owner", None, 0o700),
    ("flush", "$mail_owner", None, 0o700),
    ("hold", "$mail_owner", None, 0o700),
    ("incoming", "$mail_owner", None, 0o700),
    ("private", "$mail_owner", None, 0o700),
    ("maildrop", "$mail_owner", "$setgid_group", 0o2730),
    ("public", "$mail_owner", "$setgid_group", 0o2710),
    ("pid", "root", None, 0o755),
    ("saved", "$mail_owner", None, 0o700),
    ("trace", "$mail_owner", None, 0o700),
)


def postfix_queue(facts: HostFacts) -> PostfixQueue | None:
    """Postfix's queue directory and the directories in it, from main.cf; None without Postfix."""
    main = mailfacts.postfix_main(facts)
    if main is None:
        return None
    values: dict[str, str] = {}
    source = ""
    for name in ("queue_directory", "mail_owner", "setgid_group"):
        param = main.params.get(name)
        value = param.value.strip() if param else _POSTFIX_DEFAULTS[name]
        if "$" in value:
            raise NotAssessed(f"{main.where(param) if param else main.path + ':0'}: {name} = {value} refers to another parameter")
        values[name] = value
        if name == "queue_directory":
            source = f"{main.where(param)} queue_directory" if param else f"{main.path}: postfix default queue_directory"
    root = values["queue_directory"]
    subst = {"$mail_owner": values["mail_owner"], "$setgid_group": values["setgid_group"]}
    dirs = tuple(
        QueueDir(posixpath.join(root, name), subst.get(owner, owner), subst.get(group, group) if group else None, mode)
        for name, owner, group, mode in POSTFIX_QUEUE_DIRS
    )
    return PostfixQueue(root, source, values["mail_owner"], values["setgid_group"], dirs)


#: Postfix's compiled-in defaults (postconf -d) of the parameters the queue layout depends on.
_POSTFIX_DEFAULTS = {"queue_directory": "/var/spool/postfix", "mail_owner": "postfix", "setgid_group": "postdrop"}
