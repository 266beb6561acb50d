"""Read a program's argument vector as C's getopt(3) does: which options it was given, and with what value.

FTP-13 and FTP-14 read AIX ftpd's arguments from its inetd.conf line (``-l``, ``-u077``); FTP-16 reads
sftp-server's from sshd's Subsystem line (``-u 027 -f AUTH -l INFO``). A pure function.
"""

from __future__ import annotations

from collections.abc import Sequence


def getopt(args: Sequence[str], with_argument: str, flags: str | None = None) -> tuple[dict[str, str], list[str]]:
    """Options of an argument vector (program name excluded) as C's getopt reads them: ``-u077``,
    ``-u 077`` and ``-lu077`` alike; the last value of an option wins; operands are skipped (glibc
    moves them aside) and ``--`` ends the options. A flag is recorded with the value "".
    Returns (option letter -> value, problems); with `flags` given, any other letter is a problem."""
    found: dict[str, str] = {}
    problems: list[str] = []
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word == "--":
            break
        if not word.startswith("-") or word == "-":
            continue
        letters = word[1:]
        while letters:
            letter, letters = letters[0], letters[1:]
            if letter not in with_argument:
                if flags is not None and letter not in flags:
                    problems.append(f"unknown option -{letter}")
                found[letter] = ""
            elif letters:
                found[letter], letters = letters, ""
            elif rest:
                found[letter] = rest.pop(0)
            else:
                problems.append(f"-{letter} without its argument")
    return found, problems
