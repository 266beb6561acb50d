"""Unit tests for svcaudit.parsers.proftpd (pure: text in, data out), on Debian 12's own files.

proftpd.conf, modules.conf, tls.conf and virtuals.conf are proftpd-core 1.3.8+dfsg-4+deb12u5's
templates (the postinst installs them in /etc/proftpd), kept byte for byte in tests_meta/realworld
(see PROVENANCE.md there). Variants are made from them the way an administrator edits them:
uncommenting lines.
"""

from __future__ import annotations

import re

import pytest

from svcaudit.parsers.proftpd import (
    BUILT_IN,
    anonymous_blocks,
    defines_from_options,
    parse_proftpd,
    resolve,
    tls_problems,
    tls_settings,
)
from tests_meta.support.realworld import corpus_text

TEMPLATES = "debian12/proftpd-core/usr/share/proftpd/templates"
MAIN = "/etc/proftpd/proftpd.conf"


def stock(name: str) -> str:
    return corpus_text(f"{TEMPLATES}/{name}.conf")


def uncomment(text: str, pattern: str) -> str:
    """Remove the '#' (and one blank) before every line matching pattern, as an administrator would."""
    return "".join(re.sub(r"^# ?", "", line) if re.search(pattern, line) else line for line in text.splitlines(keepends=True))


def debian(defines: frozenset[str] | None = frozenset(), **texts: str):
    files = {f"/etc/proftpd/{n}.conf": stock(n) for n in ("proftpd", "modules", "tls", "virtuals")}
    files.update({f"/etc/proftpd/{n}.conf": t for n, t in texts.items()})
    parsed = {path: parse_proftpd(text, path) for path, text in files.items()}
    return resolve(parsed[MAIN], parsed.get, lambda d: [] if d == "/etc/proftpd/conf.d" else None, defines)


def tls_enabled_texts() -> dict[str, str]:
    return {
        "proftpd": uncomment(stock("proftpd"), r"^#Include /etc/proftpd/tls.conf"),
        "modules": uncomment(stock("modules"), r"^#LoadModule mod_tls.c$"),
        "tls": uncomment(stock("tls"), r"^#(TLSEngine|TLSRequired) "),
    }


def test_debian_stock_serves_plaintext_and_has_no_anonymous_block() -> None:
    conf = debian()
    assert conf.unread == []
    problems, undecided = tls_problems(tls_settings(conf), MAIN)
    assert problems == [f"main server: {MAIN}: TLSEngine not set (mod_tls is off unless told): proftpd serves plaintext FTP"]
    assert undecided == []
    assert anonymous_blocks(conf) == ([], [])


def test_tls_conf_included_with_engine_and_required_on_passes() -> None:
    conf = debian(**tls_enabled_texts())
    assert tls_problems(tls_settings(conf), MAIN) == ([], [])


def test_tls_required_ctrl_leaves_data_in_the_clear() -> None:
    texts = tls_enabled_texts()
    texts["tls"] = re.sub(r"(?m)^TLSRequired\s+on", "TLSRequired ctrl", texts["tls"])
    problems, _ = tls_problems(tls_settings(debian(**texts)), MAIN)
    assert len(problems) == 1 and "TLSRequired ctrl" in problems[0]


def test_tls_inside_ifmodule_of_a_module_not_loaded_is_not_decided() -> None:
    texts = tls_enabled_texts()
    texts["modules"] = stock("modules")  # mod_tls.c not loaded: the block's fate depends on the build
    problems, undecided = tls_problems(tls_settings(debian(**texts)), MAIN)
    assert problems == [] and undecided and "mod_tls.c is neither loaded" in undecided[0]


def test_uncommented_anonymous_block_is_on() -> None:
    text = uncomment(stock("proftpd"), r"^# ?(<Anonymous|</Anonymous|  )")
    on, maybe = anonymous_blocks(debian(proftpd=text))
    assert maybe == [] and [d.text for d in on] == ["<Anonymous ~ftp>"]


@pytest.mark.parametrize(
    "defines, on, maybe", [(frozenset(), 0, 0), (frozenset({"ANON"}), 1, 0), (None, 0, 1)], ids=["off", "on", "unknown"]
)
def test_anonymous_block_under_ifdefine(defines, on: int, maybe: int) -> None:
    text = stock("proftpd") + "<IfDefine ANON>\n<Anonymous ~ftp>\nUser ftp\n</Anonymous>\n</IfDefine>\n"
    found = anonymous_blocks(debian(defines, proftpd=text))
    assert (len(found[0]), len(found[1])) == (on, maybe)


def test_a_virtual_host_without_tls_fails_unless_global_sets_it() -> None:
    texts = tls_enabled_texts()
    vhost = '<VirtualHost 192.0.2.10>\nServerName "ftp.example.org"\n</VirtualHost>\n'
    problems, _ = tls_problems(tls_settings(debian(**{**texts, "proftpd": texts["proftpd"] + vhost})), MAIN)
    assert [p.split(":")[0] for p in problems] == ["<VirtualHost 192.0.2.10>"]
    glob = "<Global>\nTLSEngine on\nTLSRequired on\n</Global>\n"
    assert tls_problems(tls_settings(debian(**{**texts, "proftpd": texts["proftpd"] + glob + vhost})), MAIN) == ([], [])


def test_an_include_that_cannot_be_read_is_reported() -> None:
    conf = debian(proftpd=stock("proftpd") + "Include /etc/proftpd/site.conf\n")
    assert conf.unread == [
        f"{MAIN}:{stock('proftpd').count(chr(10)) + 1}: Include /etc/proftpd/site.conf: /etc/proftpd/site.conf not read"
    ]


def test_defines_from_the_options_line() -> None:
    assert defines_from_options("-D ANON -DTLS --nodaemon") == frozenset({"ANON", "TLS"})
    assert defines_from_options("") == frozenset()


def test_built_in_modules_are_in_every_build() -> None:
    """Debian 12's `proftpd -l` lists these (and mod_auth_pam, mod_cap, mod_dso, mod_ctrls, mod_lang, which
    are configure choices); mod_ident is not in it: Debian builds it as a DSO."""
    assert "mod_ident.c" not in BUILT_IN
    assert {"mod_core.c", "mod_auth.c", "mod_xfer.c", "mod_delay.c"} <= BUILT_IN
