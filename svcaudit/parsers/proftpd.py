"""Parse proftpd.conf and decide what its TLS and anonymous settings do (pure: text in, data out).

proftpd.conf (proftpd's "Configuration" documentation): one directive per line,
``Name args``, names without case, ``#`` comments, a trailing backslash joining
the next line. Containers open with ``<Name args>`` and close with ``</Name>``:
``<Global>`` (every server), ``<VirtualHost>`` (a server of its own),
``<Anonymous>`` (anonymous logins), ``<Directory>``, ``<Limit>`` ..., and the
conditionals ``<IfModule [!]mod_x.c>`` and ``<IfDefine [!]NAME>``. ``Include``
pulls in a file, every file of a directory, or the files a wildcard matches.

:func:`parse_proftpd` reads one file. :func:`resolve` splices the included files
in, follows LoadModule and Define in reading order and decides each conditional:
a module that is neither loaded nor known to be built in, or a define the
command line may set when the options are unknown, cannot be decided, and what
such a block holds is reported as undecided, never taken as on or off.
"""

from __future__ import annotations

import fnmatch
import posixpath
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

__all__ = [
    "BUILT_IN",
    "Directive",
    "ProftpdConf",
    "Resolved",
    "anonymous_blocks",
    "defines_from_options",
    "parse_proftpd",
    "resolve",
    "server_directives",
    "tls_problems",
    "tls_settings",
]

#: Modules compiled into every proftpd 1.3 build: the core modules of README.modules, which no configure
#: option leaves out. Not the rest of what `proftpd -l` may list: mod_dso, mod_ctrls and mod_lang are
#: compiled in only on request (--enable-dso, --enable-ctrls, --enable-nls), mod_auth_pam and mod_cap when
#: the OS has them, and mod_ident, "always included" upstream, is a DSO in Debian 12's build
#: (/usr/lib/proftpd/mod_ident.so, loaded only by modules.conf's LoadModule line, which Debian ships
#: commented out). A conditional on any of these is undecided unless a LoadModule line loads it.
BUILT_IN = frozenset(
    {"mod_core.c", "mod_xfer.c", "mod_rlimit.c", "mod_auth_unix.c", "mod_auth_file.c", "mod_auth.c", "mod_ls.c"}
    | {"mod_log.c", "mod_site.c", "mod_delay.c", "mod_facts.c"}
)
_PASSING_TLS_REQUIRED = ("on", "both", "auth+data")


@dataclass(frozen=True)
class Directive:
    name: str  # lower case
    args: tuple[str, ...]
    path: str
    line: int
    text: str
    #: enclosing containers, outermost first, as (name lower case, args text)
    within: tuple[tuple[str, str], ...] = ()
    #: "" when every enclosing conditional holds; else why it cannot be decided
    undecided: str = ""

    def where(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


@dataclass(frozen=True)
class ProftpdConf:
    path: str
    directives: tuple[Directive, ...]  # containers appear as directives named "<name" and "</name"
    malformed: tuple[str, ...]


def _logical_lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        lines.append((start, pending + raw))
        pending = ""
    if pending:
        lines.append((start, pending))
    return lines


def parse_proftpd(text: str, path: str) -> ProftpdConf:
    directives: list[Directive] = []
    malformed: list[str] = []
    for number, raw in _logical_lines(text):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("<"):
            if not line.endswith(">"):
                malformed.append(f"{path}:{number}: {line}: a container line without its closing '>'")
                continue
            inner = line[1:-1].strip()
            name, _, rest = inner.partition(" ")
            directives.append(Directive("<" + name.lower(), tuple(rest.split()), path, number, line))
            continue
        try:
            words = shlex.split(line, comments=False, posix=True)
        except ValueError:
            words = line.split()
        directives.append(Directive(words[0].lower(), tuple(words[1:]), path, number, line))
    return ProftpdConf(path, tuple(directives), tuple(malformed))


def defines_from_options(options: str) -> frozenset[str]:
    """The -D NAME / -DNAME definitions of a proftpd command line (OPTIONS in /etc/default/proftpd)."""
    try:
        words = shlex.split(options)
    except ValueError:
        words = options.split()
    found: set[str] = set()
    for i, word in enumerate(words):
        if word == "-D" and i + 1 < len(words):
            found.add(words[i + 1])
        elif word.startswith("-D") and len(word) > 2:
            found.add(word[2:])
    return frozenset(found)


@dataclass
class Resolved:
    """The configuration as proftpd reads it: included files spliced in, conditionals decided."""

    directives: list[Directive] = field(default_factory=list)
    #: why part of the configuration could not be read or decided
    unread: list[str] = field(default_factory=list)


def resolve(
    main: ProftpdConf,
    read: Callable[[str], ProftpdConf | None],
    listing: Callable[[str], list[str] | None],
    defines: frozenset[str] | None,
) -> Resolved:
    """Splice Include files in (``read`` gives a parsed file or None, ``listing`` a directory's names or None),
    follow LoadModule and Define, and decide every conditional. ``defines`` None: the command line is unknown."""
    out = Resolved(unread=list(main.malformed))
    loaded: set[str] = set(BUILT_IN)
    defined: set[str] = set(defines or ())
    stack: list[tuple[str, str, str]] = []  # (container, args, undecided-or-"")
    off_depth = [0]  # containers that are decided off (their content is skipped)

    def walk(conf: ProftpdConf, depth: int) -> None:
        for d in conf.directives:
            if d.name.startswith("</"):
                if stack:
                    name, _, _ = stack.pop()
                    if name == "off":
                        off_depth[0] -= 1
                continue
            if d.name.startswith("<"):
                state = _condition(d, loaded, defined, defines is None) if d.name in ("<ifmodule", "<ifdefine") else ""
                if off_depth[0] or state == "off":
                    off_depth[0] += 1
                    stack.append(("off", "", ""))
                    continue
                if d.name not in ("<ifmodule", "<ifdefine"):
                    out.directives.append(replace(d, within=_within(stack), undecided=_undecided(stack)))
                stack.append((d.name[1:], " ".join(d.args), state if state not in ("", "on") else ""))
                continue
            if off_depth[0]:
                continue
            undecided = _undecided(stack)
            here = replace(d, within=_within(stack), undecided=undecided)
            if d.name == "include" and d.args:
                _include(here, depth)
                continue
            if not undecided:
                if d.name == "loadmodule" and d.args:
                    loaded.add(d.args[0])
                elif d.name == "define" and d.args:
                    defined.add(d.args[0])
            out.directives.append(here)

    def _include(d: Directive, depth: int) -> None:
        if depth >= 4:
            out.unread.append(f"{d.where()}: includes nested too deep to follow")
            return
        target = d.args[0]
        directory, pattern = (target.rstrip("/"), "*") if target.endswith("/") else posixpath.split(target)
        paths: list[str] = []
        if target.endswith("/") or any(c in pattern for c in "*?["):
            names = listing(directory)
            if names is None:
                out.unread.append(f"{d.where()}: {directory} not listed")
                return
            paths = [posixpath.join(directory, n) for n in sorted(names) if fnmatch.fnmatch(n, pattern) and not n.startswith(".")]
        else:
            names = listing(target)
            paths = [posixpath.join(target, n) for n in sorted(names) if not n.startswith(".")] if names is not None else [target]
        for path in paths:
            conf = read(path)
            if conf is None:
                out.unread.append(f"{d.where()}: {path} not read")
                continue
            out.unread.extend(conf.malformed)
            walk(conf, depth + 1)

    walk(main, 0)
    return out


def _within(stack: list[tuple[str, str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((n, a) for n, a, _ in stack if n not in ("ifmodule", "ifdefine", "off"))


def _undecided(stack: list[tuple[str, str, str]]) -> str:
    return "; ".join(s for _, _, s in stack if s)


def _condition(d: Directive, loaded: set[str], defined: set[str], defines_unknown: bool) -> str:
    """ "on", "off", or why the conditional cannot be decided."""
    word = d.args[0] if d.args else ""
    negated = word.startswith("!")
    name = word.lstrip("!")
    if d.name == "<ifmodule":
        known = name in loaded
        if not known and not name.endswith(".c"):
            known = f"{name}.c" in loaded
        if not known:
            return f"{d.where()}: {name} is neither loaded by LoadModule before it nor known to be built in"
        return "on" if not negated else "off"
    if name in defined:
        return "on" if not negated else "off"
    if defines_unknown:
        return f"{d.where()}: the proftpd command line may define {name}"
    return "off" if not negated else "on"


def anonymous_blocks(conf: Resolved) -> tuple[list[Directive], list[Directive]]:
    """(<Anonymous> container lines that are on, ones under a conditional that cannot be decided)."""
    blocks = [d for d in conf.directives if d.name == "<anonymous"]
    return [d for d in blocks if not d.undecided], [d for d in blocks if d.undecided]


def server_directives(conf: Resolved, names: tuple[str, ...]) -> dict[str, tuple[dict[str, Directive], list[str]]]:
    """Per server (the main server and each <VirtualHost>): the last of each named directive in its own context,
    else <Global>'s (a server's own wins), and the undecided conditionals around such directives.
    Directives inside <Anonymous> or <Directory> are left out: they apply to those only."""
    own: dict[str, dict[str, Directive]] = {"main server": {}}
    shared: dict[str, Directive] = {}
    unsure: dict[str, list[str]] = {"main server": []}
    shared_unsure: list[str] = []
    for d in conf.directives:
        containers = [n for n, _ in d.within]
        vhost = next((f"<VirtualHost {a}>" for n, a in d.within if n == "virtualhost"), None)
        if vhost:
            own.setdefault(vhost, {})
            unsure.setdefault(vhost, [])
        if d.name not in names or "anonymous" in containers or "directory" in containers:
            continue
        if vhost:
            settings, doubts = own[vhost], unsure[vhost]
        elif "global" in containers:
            settings, doubts = shared, shared_unsure
        else:
            settings, doubts = own["main server"], unsure["main server"]
        if d.undecided:
            doubts.append(f"{d.where()}: {d.undecided}")
        else:
            settings[d.name] = d
    return {server: ({**shared, **settings}, unsure[server] + shared_unsure) for server, settings in own.items()}


def tls_settings(conf: Resolved) -> dict[str, tuple[Directive | None, Directive | None, list[str]]]:
    """Per server: its TLSEngine and TLSRequired, and the undecided conditionals around them."""
    return {
        server: (found.get("tlsengine"), found.get("tlsrequired"), unsure)
        for server, (found, unsure) in server_directives(conf, ("tlsengine", "tlsrequired")).items()
    }


def tls_problems(
    settings: Mapping[str, tuple[Directive | None, Directive | None, list[str]]], path: str
) -> tuple[list[str], list[str]]:
    """(problems, undecided) of FTP-01 for each proftpd server: TLSEngine on and TLSRequired on/both/auth+data."""
    problems: list[str] = []
    undecided: list[str] = []
    for server, (engine, required, unsure) in settings.items():
        if unsure:
            undecided += unsure
            continue
        if engine is None or (engine.args[:1] or ("",))[0].lower() != "on":
            shown = engine.where() if engine else f"{path}: TLSEngine not set (mod_tls is off unless told)"
            problems.append(f"{server}: {shown}: proftpd serves plaintext FTP")
            continue
        value = (required.args[:1] or ("",))[0].lower() if required else "off"
        if value not in _PASSING_TLS_REQUIRED:
            shown = required.where() if required else f"{path}: TLSRequired not set (default off)"
            problems.append(f"{server}: {shown}: logins or transfers may stay in the clear")
    return problems, undecided
