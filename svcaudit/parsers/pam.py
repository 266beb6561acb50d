"""Find the pam_listfile lines of a PAM service file.

On Linux an FTP daemon's deny list is whatever file ``pam_listfile`` is told to
read (Debian ``/etc/ftpusers``, RHEL ``/etc/vsftpd/ftpusers``), so FTP-05 must
check that file, not a guessed one.  Input is one ``/etc/pam.d/<service>``
file: ``type control module [args]`` lines.

Lines are assembled as libpam does: everything from the first ``#`` is a
comment, a trailing ``\\`` joins the next line, blank and comment lines are
skipped.  ``@include`` lines (Debian) are skipped; included files are not
followed.  A control may be a bracket expression with blanks inside
(``[success=1 default=ignore]``) and arguments may be bracketed too.

The parser is a pure function that never raises; a line libpam would refuse is
reported as :class:`Malformed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svcaudit.parsers.ftpusers import Malformed, excerpt

__all__ = ["ListFile", "Malformed", "parse_pam_listfiles"]

_TYPES: frozenset[str] = frozenset({"auth", "account", "password", "session"})
_LISTFILE = "pam_listfile.so"
_LISTFILE_KEYS = ("file", "sense", "item", "onerr")
_BLANKS = " \t"
_TOKEN_RE = re.compile(r"\[(?:\\.|[^\]\\])*\]|[^ \t]+")


@dataclass(frozen=True)
class ListFile:
    """A pam_listfile line: which file it reads, and what it does with a match.

    ``type`` is the module type without a leading ``-`` (``auth``, ``account`` ...);
    missing arguments are ``""``.
    """

    path: str
    line: int
    file: str
    sense: str
    item: str
    onerr: str
    control: str
    type: str = ""


@dataclass(frozen=True)
class _Line:
    """A logical line: comment removed, continuations joined, 1-based start line."""

    number: int
    text: str


class _Invalid(ValueError):
    """A line libpam would refuse; the message is the Malformed reason."""


# --------------------------------------------------------------------------- public API


def parse_pam_listfiles(text: str, path: str) -> tuple[tuple[ListFile, ...], tuple[Malformed, ...]]:
    """Return every pam_listfile line of one PAM service file, and the lines that could not be read."""
    try:
        return _parse(text, path)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        reason = f"internal parser error ({type(exc).__name__}); file not evaluated"
        return (), (Malformed(path, 0, "", reason),)


# --------------------------------------------------------------------------- lines


def _parse(text: str, path: str) -> tuple[tuple[ListFile, ...], tuple[Malformed, ...]]:
    """Read each logical line; keep pam_listfile entries, report refused lines."""
    found: list[ListFile] = []
    malformed: list[Malformed] = []
    lines, unfinished = _logical_lines(text)
    for line in lines:
        if line.text.startswith("@include"):
            continue
        try:
            entry = _entry(line, path)
        except _Invalid as exc:
            malformed.append(Malformed(path, line.number, line.text, str(exc)))
            continue
        if entry is not None:
            found.append(entry)
    if unfinished is not None:
        reason = "'\\' continuation at end of file (libpam rejects the file)"
        malformed.append(Malformed(path, unfinished.number, unfinished.text, reason))
    return tuple(found), tuple(malformed)


def _logical_lines(text: str) -> tuple[list[_Line], _Line | None]:
    """Assemble lines as libpam does; also return a continuation left open at the end."""
    lines: list[_Line] = []
    parts: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw.rstrip("\r").lstrip(_BLANKS)
        if not body or body.startswith("#"):
            continue
        if not parts:
            start = number
        content, hash_mark, _ = body.partition("#")
        trimmed = content.rstrip(_BLANKS)
        if not hash_mark and trimmed.endswith("\\"):
            parts.append(trimmed[:-1])
            continue
        parts.append(content)
        lines.append(_Line(start, " ".join(parts).strip(_BLANKS)))
        parts = []
    unfinished = _Line(start, " ".join(parts).strip(_BLANKS)) if parts else None
    return [line for line in lines if line.text], unfinished


def _entry(line: _Line, path: str) -> ListFile | None:
    """A ListFile for a pam_listfile line, None for another module; raise _Invalid when refused."""
    if "\x00" in line.text:
        raise _Invalid("NUL character (libpam reads the line only up to it)")
    kind, rest = _split_word(line.text)
    module_type = kind.removeprefix("-").lower()
    if module_type not in _TYPES:
        raise _Invalid(f"unknown module type {excerpt(kind)!r} (expected auth, account, password or session)")
    control, rest = _split_control(rest)
    module, rest = _split_word(rest)
    if not module:
        raise _Invalid("no module after the control field")
    if module.rpartition("/")[2] != _LISTFILE:
        return None
    args = _arguments(rest)
    file, sense, item, onerr = (args.get(key, "") for key in _LISTFILE_KEYS)
    return ListFile(path, line.number, file, sense, item, onerr, control, module_type)


def _split_word(text: str) -> tuple[str, str]:
    """Split off the first blank-separated word."""
    text = text.lstrip(_BLANKS)
    match = re.match(r"[^ \t]*", text)
    word = match.group(0) if match else ""
    return word, text[len(word) :]


def _split_control(text: str) -> tuple[str, str]:
    """Split off the control: a word, or a ``[...]`` expression that may contain blanks."""
    text = text.lstrip(_BLANKS)
    if not text:
        raise _Invalid("no control field and no module")
    if not text.startswith("["):
        return _split_word(text)
    end = text.find("]")
    if end < 0:
        raise _Invalid("unterminated '[' in the control field")
    return text[: end + 1], text[end + 1 :]


def _arguments(text: str) -> dict[str, str]:
    """Module arguments as key=value (last one wins); bracketed arguments keep their blanks."""
    args: dict[str, str] = {}
    for token in _TOKEN_RE.findall(text):
        if token.startswith("[") and token.endswith("]") and len(token) > 1:
            token = token[1:-1].replace("\\]", "]")
        key, equals, val = token.partition("=")
        if equals:
            args[key] = val
    return args
