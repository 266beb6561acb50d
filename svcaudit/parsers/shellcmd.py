"""Read a shell command line the way ``/bin/sh`` would, and name the programs it runs.

Cron entries (CRON-07, CRON-08) and alias program targets (MAIL-09,
``|/usr/bin/perl /opt/x.pl``) are both command lines that a shell runs, so both
go through this one analysis.  It works at word level only: quotes, escapes,
expansions, operators, redirections, reserved words, a few wrappers
(``nohup``, ``env``, ``sudo`` ...) and interpreters (``ksh script``,
``perl x.pl``, ``sh -c 'cmd'``).  For an interpreter both the interpreter and
the script it is given are programs to judge.

A pure function: text in, data out.  It never touches the filesystem and never
raises.  A program word that cannot be turned into a path (``$HOME/x``,
``./x``, a glob, ``eval`` ...) comes back with kind ``"unresolvable"`` so the
caller reports it instead of passing silently.  An unterminated quote is read
to the end of the line (the word is still checked, never dropped).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "Kind",
    "Program",
    "Role",
    "SrcStart",
    "UmaskCall",
    "candidates",
    "command_programs",
    "is_interpreter",
    "src_starts",
    "umask_calls",
]

Kind = Literal["absolute", "search", "unresolvable"]
Role = Literal["command", "script"]


@dataclass(frozen=True)
class Program:
    """A program a command line runs; the controls check the file behind ``word``.

    ``kind`` says how to find that file: ``absolute`` is the path itself,
    ``search`` is a bare name the shell looks up in PATH, and ``unresolvable``
    cannot be turned into a path and must be reported.  ``role`` is
    ``command`` for what the shell executes and ``script`` for the file an
    interpreter (or ``.``) reads.
    """

    word: str
    kind: Kind
    role: Role


@dataclass(frozen=True)
class UmaskCall:
    """A ``umask`` builtin the command line runs: its operands, and whether any is known only at run time.

    CRON-14 and AT-08 judge the mask it sets (:mod:`svcaudit.parsers.umask`); ``text`` is the call as
    written, for evidence.
    """

    args: tuple[str, ...]
    dynamic: bool
    text: str


@dataclass(frozen=True)
class SrcStart:
    """An AIX ``startsrc`` call: the subsystems (``-s``) and groups (``-g``) it starts on this host.

    ``remote`` is set when ``-h`` sends the request to another host; ``text`` is the call as written.
    """

    subsystems: tuple[str, ...]
    groups: tuple[str, ...]
    remote: bool
    text: str


_Found = Program | UmaskCall | SrcStart


def candidates(program: Program, search_path: str | None) -> tuple[str, ...]:
    """The files ``program`` may be, in the order the shell tries them.

    An absolute word is itself (normalised); a bare name is looked up in the
    absolute directories of ``search_path`` (None: the PATH is unknown, so
    nothing); an unresolvable word names no file.
    """
    if program.kind == "absolute":
        return (posixpath.normpath(program.word),)
    if program.kind == "search" and search_path is not None:
        return tuple(posixpath.join(d, program.word) for d in search_path.split(":") if d.startswith("/"))
    return ()


# =========================================================================== shell words


@dataclass(frozen=True)
class _Token:
    """A shell word, operator or redirection; the flags say what the shell would expand."""

    kind: Literal["word", "op", "redir"]
    text: str  # words: after quote removal; otherwise the operator itself
    raw: str = ""  # the word as written: reserved words and assignments must be unquoted
    dynamic: bool = False  # holds a $ or ` expansion outside single quotes: known only at run time
    glob: bool = False  # holds an unquoted * ? or [...]
    tilde: bool = False  # starts with an unquoted ~
    substitutions: tuple[str, ...] = ()  # bodies of $(...) and `...`: the shell runs them too


_WORD_END = frozenset(" \t\n;&|()<>")
_OPERATORS = (  # longest first, so that "&&" wins over "&" and "2>&1" reads as ">&"
    ";;&",
    "<<<",
    "<<-",
    "&>>",
    "&&",
    "||",
    ";;",
    ";&",
    "|&",
    "<<",
    ">>",
    "<&",
    ">&",
    "<>",
    ">|",
    "&>",
    ";",
    "&",
    "|",
    "(",
    ")",
    "<",
    ">",
)
_REDIRECTIONS = frozenset({"<<<", "<<-", "&>>", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "<", ">"})
_PARAMETER_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-]")
_IO_NUMBER_RE = re.compile(r"[0-9]+(?=[<>])")
_DOUBLE_QUOTE_ESCAPES = frozenset('$`"\\\n')


def _tokenize(command: str) -> list[_Token]:
    """Split a command line into words and operators; ``#`` at a word start ends the line."""
    tokens: list[_Token] = []
    index = 0
    while index < len(command):
        char = command[index]
        if char in " \t":
            index += 1
        elif char == "\n":
            tokens.append(_Token("op", ";"))
            index += 1
        elif char == "#":
            newline = command.find("\n", index)
            index = len(command) if newline < 0 else newline
        elif command.startswith("\\\n", index):
            index += 2  # a line continuation between words
        else:
            token, index = _next_token(command, index)
            tokens.append(token)
    return tokens


def _next_token(command: str, index: int) -> tuple[_Token, int]:
    """The operator, redirection (with its fd number) or word at ``index``."""
    number = _IO_NUMBER_RE.match(command, index)
    start = number.end() if number else index
    operator = _operator_at(command, start)
    if operator is not None:
        kind: Literal["op", "redir"] = "redir" if operator in _REDIRECTIONS else "op"
        end = start + len(operator)
        return _Token(kind, command[index:end]), end
    return _scan_word(command, index)


def _operator_at(command: str, index: int) -> str | None:
    return next((op for op in _OPERATORS if command.startswith(op, index)), None)


def _scan_word(command: str, start: int) -> tuple[_Token, int]:
    """Read one word, removing quotes and noting which special characters stayed unquoted."""
    parts: list[str] = []
    substitutions: list[str] = []
    dynamic = glob = bracket = False
    index = start
    while index < len(command) and command[index] not in _WORD_END:
        char = command[index]
        if char == "'":
            close = command.find("'", index + 1)
            end = len(command) if close < 0 else close
            parts.append(command[index + 1 : end])
            index = end + 1
        elif char == '"':
            text, quoted_dynamic, found, index = _scan_double_quoted(command, index + 1)
            parts.append(text)
            dynamic = dynamic or quoted_dynamic
            substitutions += found
        elif char == "\\":
            following = command[index + 1 : index + 2]
            if following != "\n":  # backslash-newline is a line continuation: both vanish
                parts.append(following or "\\")
            index += 2
        elif char in "$`":
            end, found = _scan_expansion(command, index)
            parts.append(command[index:end])
            dynamic = True
            substitutions += found
            index = end
        else:
            glob = glob or char in "*?" or (char == "]" and bracket)
            bracket = bracket or char == "["
            parts.append(char)
            index += 1
    index = min(index, len(command))
    token = _Token(
        "word",
        "".join(parts),
        raw=command[start:index],
        dynamic=dynamic,
        glob=glob,
        tilde=command[start] == "~",
        substitutions=tuple(substitutions),
    )
    return token, index


def _scan_double_quoted(command: str, index: int) -> tuple[str, bool, list[str], int]:
    """Inside ``"..."``: text, whether it expands ``$``/backquotes, their commands, and the end."""
    parts: list[str] = []
    substitutions: list[str] = []
    dynamic = False
    while index < len(command) and command[index] != '"':
        char = command[index]
        if char == "\\" and command[index + 1 : index + 2] in _DOUBLE_QUOTE_ESCAPES:
            if command[index + 1] != "\n":
                parts.append(command[index + 1])
            index += 2
        elif char in "$`":
            end, found = _scan_expansion(command, index)
            parts.append(command[index:end])
            substitutions += found
            dynamic = True
            index = end
        else:
            parts.append(char)
            index += 1
    return "".join(parts), dynamic, substitutions, index + 1


def _scan_expansion(command: str, index: int) -> tuple[int, list[str]]:
    """End of the ``$``/backquote expansion at ``index``, and the command it runs, if any."""
    if command[index] == "`":
        end = _end_of_backquote(command, index + 1)
        return end, [_unescape_backquoted(command[index + 1 : end].removesuffix("`"))]
    following = command[index + 1 : index + 2]
    if command.startswith("$((", index):  # arithmetic: runs nothing
        return _matching_close(command, index + 1, "(", ")"), []
    if following == "(":
        end = _matching_close(command, index + 1, "(", ")")
        return end, [command[index + 2 : end].removesuffix(")")]
    if following == "{":
        return _matching_close(command, index + 1, "{", "}"), []
    parameter = _PARAMETER_RE.match(command, index + 1)
    return (parameter.end() if parameter else index + 1), []


def _matching_close(command: str, index: int, opening: str, closing: str) -> int:
    """Index just past the bracket that closes the one at ``index`` (end of text if none)."""
    depth = 0
    while index < len(command):
        char = command[index]
        if char == "\\":
            index += 2
            continue
        if char == "'":
            close = command.find("'", index + 1)
            index = len(command) if close < 0 else close + 1
            continue
        if char == '"':
            index = _end_of_double_quotes(command, index + 1)
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(command)


def _end_of_double_quotes(command: str, index: int) -> int:
    """Index just past the ``"`` that closes a string starting at ``index``."""
    while index < len(command) and command[index] != '"':
        index += 2 if command[index] == "\\" else 1
    return min(index + 1, len(command))


def _end_of_backquote(command: str, index: int) -> int:
    """Index just past the backquote that closes one opened before ``index``."""
    while index < len(command) and command[index] != "`":
        index += 2 if command[index] == "\\" else 1
    return min(index + 1, len(command))


def _unescape_backquoted(body: str) -> str:
    """Inside backquotes, ``\\$ \\` \\\\`` stand for the bare characters."""
    return re.sub(r"\\([$`\\])", r"\1", body)


# =========================================================================== shell commands

#: Depth of nested analysis (sh -c, $(...), wrappers) after which a command is reported unresolvable.
_MAX_DEPTH = 16

_RESERVED = frozenset(
    {"{", "}", "!", "if", "then", "else", "elif", "fi", "while", "until", "do", "done", "for", "in", "case", "esac"}
)
_CASE_ITEM_ENDS = frozenset({";;", ";&", ";;&"})
_ASSIGNMENT_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")

#: Builtins and keywords that run no program of their own.
_BUILTINS = frozenset(
    {
        "cd",
        ":",
        "true",
        "false",
        "test",
        "[",
        "[[",
        "echo",
        "printf",
        "export",
        "set",
        "unset",
        "exit",
        "return",
        "read",
        "shift",
        "umask",
        "ulimit",
        "wait",
        "trap",
        "alias",
        "unalias",
        "type",
        "command",
        "hash",
        "getopts",
        "let",
        "local",
        "readonly",
        "times",
        "break",
        "continue",
    }
)


@dataclass(frozen=True)
class _Wrapper:
    """A program or builtin that runs the command given after its own options."""

    builtin: bool = False  # a shell builtin/keyword: not a program to check
    value_options: frozenset[str] = frozenset()  # options whose value is the next word
    operands: int = 0  # operands before the command: timeout DURATION, flock FILE
    assignments: bool = False  # env: NAME=value words before the command
    command_options: frozenset[str] = frozenset()  # the value is a shell command line: flock -c
    query_options: frozenset[str] = frozenset()  # the wrapper only reports, runs nothing: command -v


_WRAPPERS: dict[str, _Wrapper] = {
    "exec": _Wrapper(builtin=True, value_options=frozenset({"-a"})),
    "time": _Wrapper(builtin=True),
    "command": _Wrapper(builtin=True, query_options=frozenset({"-v", "-V"})),
    "nohup": _Wrapper(),
    "nice": _Wrapper(value_options=frozenset({"-n", "--adjustment"})),
    "env": _Wrapper(
        value_options=frozenset({"-u", "--unset", "-C", "--chdir"}),
        assignments=True,
        command_options=frozenset({"-S", "--split-string"}),
    ),
    "timeout": _Wrapper(value_options=frozenset({"-s", "--signal", "-k", "--kill-after"}), operands=1),
    "sudo": _Wrapper(
        value_options=frozenset(
            {
                "-u",
                "--user",
                "-g",
                "--group",
                "-C",
                "--close-from",
                "-D",
                "--chdir",
                "-h",
                "--host",
                "-p",
                "--prompt",
                "-R",
                "--chroot",
                "-r",
                "--role",
                "-t",
                "--type",
                "-T",
                "--command-timeout",
                "-U",
                "--other-user",
            }
        )
    ),
    "flock": _Wrapper(
        value_options=frozenset({"-w", "--wait", "--timeout", "-E", "--conflict-exit-code"}),
        operands=1,
        command_options=frozenset({"-c", "--command"}),
    ),
    "ionice": _Wrapper(value_options=frozenset({"-c", "--class", "-n", "--classdata"})),
    "setsid": _Wrapper(),
    "stdbuf": _Wrapper(value_options=frozenset({"-i", "--input", "-o", "--output", "-e", "--error"})),
}


@dataclass(frozen=True)
class _Interpreter:
    """How an interpreter's command line names the code it runs."""

    shell: bool = False  # sh family: -c makes the first operand a command string, -s reads stdin
    value_letters: frozenset[str] = frozenset()  # option letters with a value that is not code
    code_letters: frozenset[str] = frozenset()  # the value is inline code (perl -e, python -c/-m)
    script_letters: frozenset[str] = frozenset()  # the value is a script file (awk -f, php -f)
    greedy_letters: frozenset[str] = frozenset()  # take the rest of the option word (perl -Mmod, -i.bak)
    long_values: frozenset[str] = frozenset()  # whole-word options taking the next word (bash --rcfile F)
    positional_script: bool = True  # the first operand is the script (awk: it is program text)


_SHELL = _Interpreter(shell=True, value_letters=frozenset("oO"), long_values=frozenset({"--rcfile", "--init-file"}))
_C_SHELL = _Interpreter(shell=True)
_PERL = _Interpreter(code_letters=frozenset("eE"), value_letters=frozenset("I"), greedy_letters=frozenset("MmixdDVF"))
_PYTHON = _Interpreter(code_letters=frozenset("cm"), value_letters=frozenset("WXQ"))
_RUBY = _Interpreter(code_letters=frozenset("e"), value_letters=frozenset("IrCE"), greedy_letters=frozenset("xKTWFi"))
_PHP = _Interpreter(code_letters=frozenset("rBRE"), script_letters=frozenset("fF"), value_letters=frozenset("cdzt"))
_TCL = _Interpreter(long_values=frozenset({"-encoding"}))
_EXPECT = _Interpreter(script_letters=frozenset("fb"), value_letters=frozenset("cD"))
_AWK = _Interpreter(script_letters=frozenset("f"), value_letters=frozenset("vFeilW"), positional_script=False)

_INTERPRETERS: dict[str, _Interpreter] = {
    **dict.fromkeys(("sh", "bsh", "ksh", "ksh93", "bash", "dash", "zsh"), _SHELL),
    **dict.fromkeys(("csh", "tcsh"), _C_SHELL),
    **dict.fromkeys(("python", "python2", "python3"), _PYTHON),
    **dict.fromkeys(("awk", "gawk", "nawk", "mawk"), _AWK),
    "perl": _PERL,
    "ruby": _RUBY,
    "php": _PHP,
    "tclsh": _TCL,
    "expect": _EXPECT,
}
_VERSIONED_PYTHON_RE = re.compile(r"python[23]\.[0-9]+\Z")
_VERSIONED_PERL_RE = re.compile(r"perl5\.[0-9]+(?:\.[0-9]+)?\Z")


def command_programs(command: str) -> tuple[Program, ...]:
    """Every program a shell command line runs, in order of appearance, without duplicates."""
    return tuple(dict.fromkeys(found for found in _analyse_text(command, 0) if isinstance(found, Program)))


def umask_calls(command: str) -> tuple[UmaskCall, ...]:
    """Every ``umask`` the command line runs, wherever it sits (a subshell, a function body, ``sh -c``,
    ``$(...)``, behind ``command``), in order of appearance."""
    return tuple(found for found in _analyse_text(command, 0) if isinstance(found, UmaskCall))


def src_starts(command: str) -> tuple[SrcStart, ...]:
    """Every AIX ``startsrc`` the command line runs (wherever it sits, as for :func:`umask_calls`)."""
    return tuple(found for found in _analyse_text(command, 0) if isinstance(found, SrcStart))


def is_interpreter(word: str) -> bool:
    """True when the program named ``word`` (a path or a bare name) is a shell or script interpreter."""
    return _interpreter(posixpath.basename(word)) is not None


def _analyse_text(command: str, depth: int) -> list[_Found]:
    """Programs of a command line; past the nesting limit the line itself is unresolvable."""
    if depth > _MAX_DEPTH:
        return [Program(command.strip(), "unresolvable", "command")]
    return _analyse_tokens(_tokenize(command), depth)


def _analyse_tokens(tokens: list[_Token], depth: int) -> list[_Found]:
    """Walk the simple commands, skipping ``for`` headers and ``case`` patterns."""
    programs: list[_Found] = []
    case_depth = 0
    in_patterns = False  # between "case ... in" / ";;" and the ")" that ends a pattern
    for segment, terminator in _split_commands(tokens):
        words = _without_redirections(segment)
        if in_patterns:
            if words and words[0].raw == "esac":
                in_patterns = False
            else:
                in_patterns = terminator != ")"
                words = []
        peeled, words = _peel_reserved(words)
        case_depth = max(0, case_depth - peeled.count("esac"))
        if peeled[-1:] == ["case"]:
            case_depth += 1
            in_patterns = terminator != ")"
        programs += _simple_command(words, depth)
        programs += _substituted_programs(segment, depth)
        if terminator in _CASE_ITEM_ENDS and case_depth > 0:
            in_patterns = True
    return programs


def _split_commands(tokens: list[_Token]) -> list[tuple[list[_Token], str | None]]:
    """Cut the token list at control operators; ``[[ ... ]]`` stays whole (it holds ``&&``)."""
    segments: list[tuple[list[_Token], str | None]] = []
    current: list[_Token] = []
    in_test = False
    for token in tokens:
        if in_test:
            current.append(token)
            in_test = token.raw != "]]"
        elif token.kind == "op":
            segments.append((current, token.text))
            current = []
        else:
            in_test = token.raw == "[[" and all(t.raw in _RESERVED for t in current)
            current.append(token)
    segments.append((current, None))
    return segments


def _without_redirections(segment: list[_Token]) -> list[_Token]:
    """The words of a simple command, minus redirection operators and their targets."""
    words: list[_Token] = []
    target_next = False
    for token in segment:
        if token.kind == "redir":
            target_next = True
        elif target_next and token.kind == "word":
            target_next = False
        else:
            target_next = False
            words.append(token)
    return words


def _peel_reserved(words: list[_Token]) -> tuple[list[str], list[_Token]]:
    """Reserved words at command position, and the command after them.

    A ``for`` or ``case`` header names no command, so nothing is left after it.
    """
    peeled: list[str] = []
    for index, token in enumerate(words):
        if token.kind != "word" or token.raw not in _RESERVED:
            return peeled, words[index:]
        peeled.append(token.raw)
        if token.raw in ("for", "case"):
            return peeled, []
    return peeled, []


def _substituted_programs(segment: list[_Token], depth: int) -> list[_Found]:
    """Programs run by the command substitutions anywhere in a simple command."""
    programs: list[_Found] = []
    for token in segment:
        for body in token.substitutions:
            programs += _analyse_text(body, depth + 1)
    return programs


def _simple_command(words: list[_Token], depth: int) -> list[_Found]:
    """Programs of one simple command (redirections already removed)."""
    index = 0
    while index < len(words) and _is_assignment(words[index]):
        index += 1
    words = words[index:]
    if not words:
        return []
    if depth > _MAX_DEPTH:
        return [Program(" ".join(word.text for word in words), "unresolvable", "command")]
    head, rest = words[0], words[1:]
    if head.kind != "word":
        return []
    name = _command_name(head)
    if name is None:
        return [_program(head, "command")]
    bare = "/" not in head.text
    if bare and name == "eval":
        return [Program(" ".join(word.text for word in rest), "unresolvable", "command")] if rest else []
    if bare and name == "umask":
        return [_umask(rest)]
    if bare and name in (".", "source"):
        return [_program(rest[0], "script")] if rest else []
    wrapper = _WRAPPERS.get(name)
    if wrapper is not None:  # /usr/bin/time is a program, bare time a keyword
        return _wrapped(head, rest, wrapper if bare else replace(wrapper, builtin=False), depth)
    if bare and name in _BUILTINS:
        return []
    if name == "su":
        return _switch_user(head, rest, depth)
    if name == "startsrc":
        return [_program(head, "command"), _src_start(rest)]
    interpreter = _interpreter(name)
    if interpreter is not None and _classify(head) != "unresolvable":
        return _interpreted(head, rest, interpreter, depth)
    return [_program(head, "command")]


def _umask(operands: list[_Token]) -> UmaskCall:
    """The ``umask`` builtin with its operands (redirections already removed)."""
    dynamic = any(token.dynamic or token.glob or token.tilde for token in operands)
    text = " ".join(["umask", *(token.raw for token in operands)])
    return UmaskCall(tuple(token.text for token in operands), dynamic, text)


#: startsrc(1) flags that take a value: -a arguments, -e environment, -h host, -p PID, -t subserver, -o object.
_STARTSRC_VALUES = frozenset("aehpto")


def _src_start(operands: list[_Token]) -> SrcStart:
    """``startsrc [-a Args] [-e Env] [-h Host] {-s Subsystem | -g Group | -p PID | -t Subserver}``."""
    found: dict[str, list[str]] = {"s": [], "g": [], "h": []}
    words = [token.text for token in operands]
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if len(word) < 2 or word[0] != "-" or word[1] not in _STARTSRC_VALUES | {"s", "g"}:
            continue
        value = word[2:]
        if not value and index < len(words):
            value, index = words[index], index + 1
        if word[1] in found and value:
            found[word[1]].append(value)
    text = " ".join(["startsrc", *(token.raw for token in operands)])
    return SrcStart(tuple(found["s"]), tuple(found["g"]), bool(found["h"]), text)


def _is_assignment(token: _Token) -> bool:
    """``NAME=value`` with an unquoted name: sets a variable, runs nothing."""
    return token.kind == "word" and _ASSIGNMENT_WORD_RE.match(token.raw) is not None


def _command_name(token: _Token) -> str | None:
    """The name to look up among builtins, wrappers and interpreters; None if unknowable."""
    if token.kind != "word" or token.dynamic or token.tilde or not token.text:
        return None
    if token.text.startswith("/"):
        return token.text.rsplit("/", 1)[1]
    return None if "/" in token.text else token.text


def _classify(token: _Token) -> Kind:
    """Absolute path, bare name for a PATH search, or something no path can be derived from."""
    if token.dynamic or token.glob or token.tilde or not token.text:
        return "unresolvable"
    if token.text.startswith("/"):
        return "absolute"
    return "unresolvable" if "/" in token.text else "search"


def _program(token: _Token, role: Role) -> Program:
    return Program(token.text, _classify(token), role)


def _script(token: _Token) -> Program:
    """An interpreter's script file: a bare name is relative to the job's directory, not PATH."""
    kind = _classify(token)
    return Program(token.text, "unresolvable" if kind == "search" else kind, "script")


def _wrapped(head: _Token, rest: list[_Token], spec: _Wrapper, depth: int) -> list[_Found]:
    """A wrapper (and its program, unless a builtin), then the command it runs."""
    programs: list[_Found] = [] if spec.builtin else [_program(head, "command")]
    index = 0
    while index < len(rest):
        token = rest[index]
        word = token.text
        if word == "--":
            index += 1
            break
        if word == "-" and spec.assignments:  # env -: start from an empty environment
            index += 1
            continue
        if token.dynamic or len(word) < 2 or not word.startswith("-"):
            break
        if word in spec.query_options:
            return programs
        option, equals, value = word.partition("=")
        if option in spec.command_options:
            if equals:
                return programs + _analyse_text(value, depth + 1)
            return programs + _command_string(rest, index + 1, depth)
        index += 2 if _takes_value(word, spec.value_options) else 1
    if spec.assignments:
        while index < len(rest) and "=" in rest[index].text and not rest[index].text.startswith("="):
            index += 1
    index += spec.operands
    if index < len(rest) and rest[index].text in spec.command_options:
        return programs + _command_string(rest, index + 1, depth)
    return programs + _simple_command(rest[index:], depth + 1)


def _takes_value(word: str, value_options: frozenset[str]) -> bool:
    """``-u root``, or a letter cluster ending in a value option (``sudo -Hu root``)."""
    if word in value_options:
        return True
    return not word.startswith("--") and len(word) > 2 and word[1:].isalpha() and "-" + word[-1] in value_options


def _command_string(words: list[_Token], index: int, depth: int) -> list[_Found]:
    """Programs of the shell command line given as the word at ``index`` (sh -c, su -c)."""
    return _analyse_text(words[index].text, depth + 1) if index < len(words) else []


def _switch_user(head: _Token, rest: list[_Token], depth: int) -> list[_Found]:
    """``su [-] user -c 'command'``: su itself, the -s shell and the -c command line."""
    programs: list[_Found] = [_program(head, "command")]
    for index, token in enumerate(rest):
        option, equals, value = token.text.partition("=")
        if option in ("-c", "--command", "--session-command"):
            if equals:
                programs += _analyse_text(value, depth + 1)
            else:
                programs += _command_string(rest, index + 1, depth)
        elif option in ("-s", "--shell"):
            if equals:
                programs.append(Program(value, _classify(replace(token, text=value)), "command"))
            elif index + 1 < len(rest):
                programs.append(_program(rest[index + 1], "command"))
    return programs


def _interpreter(name: str) -> _Interpreter | None:
    """The option rules of an interpreter called ``name``, or None if it is not one."""
    if name in _INTERPRETERS:
        return _INTERPRETERS[name]
    if _VERSIONED_PYTHON_RE.match(name):
        return _PYTHON
    if _VERSIONED_PERL_RE.match(name):
        return _PERL
    return None


def _interpreted(head: _Token, rest: list[_Token], spec: _Interpreter, depth: int) -> list[_Found]:
    """The interpreter, the scripts it is given, and the programs of an ``sh -c`` string."""
    programs: list[_Found] = [_program(head, "command")]
    index, scripts, operand = _interpreter_options(rest, spec)
    programs += [_script(token) for token in scripts]
    if index < len(rest):
        if operand == "command":
            programs += _analyse_text(rest[index].text, depth + 1)
        elif operand == "script":
            programs.append(_script(rest[index]))
    return programs


def _interpreter_options(
    words: list[_Token], spec: _Interpreter
) -> tuple[int, list[_Token], Literal["script", "command", "none"]]:
    """Walk an interpreter's options.

    Returns where the operands start, the scripts named by options, and what
    the first operand is: a script, an ``sh -c`` command string, or nothing to
    check (inline code, stdin, awk program text).
    """
    scripts: list[_Token] = []
    operand: Literal["script", "command", "none"] = "script" if spec.positional_script else "none"
    prefixes = "-+" if spec.shell else "-"
    index = 0
    while index < len(words):
        token = words[index]
        word = token.text
        if word == "--":
            return index + 1, scripts, operand
        if word == "-":  # sh: end of options; the others: read the program from stdin
            return index + 1, scripts, operand if spec.shell else "none"
        if token.dynamic or len(word) < 2 or word[0] not in prefixes:
            break
        index += 1
        if word in spec.long_values:
            index += 1
            continue
        if word.startswith("--"):
            continue
        for position in range(1, len(word)):
            letter, attached = word[position], word[position + 1 :]
            if spec.shell and letter == "c":
                operand = "command"
            elif spec.shell and letter == "s":
                operand = "none"
            elif letter in spec.value_letters | spec.code_letters | spec.script_letters:
                value = replace(token, text=attached) if attached else None
                if value is None and index < len(words):
                    value = words[index]
                    index += 1
                if letter in spec.script_letters and value is not None:
                    scripts.append(value)
                if letter not in spec.value_letters:
                    operand = "none"  # inline code or a script option: operands are only arguments
                break
            elif letter in spec.greedy_letters:
                break
    return index, scripts, operand
