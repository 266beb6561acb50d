"""Unit tests for svcaudit.parsers.pureftpd (pure: text in, data out), on Debian 12's own files.

The option files and pure-ftpd.conf are those of pure-ftpd-common 1.0.50-2.1, kept byte for
byte in tests_meta/realworld (see PROVENANCE.md there).
"""

from __future__ import annotations

import pytest

from svcaudit.parsers.pureftpd import no_anonymous, parse_conf_dir, parse_conf_file, tls_level
from tests_meta.support.realworld import DEBIAN_PURE_FTPD_OPTIONS, corpus_text

CONF_DIR = "/etc/pure-ftpd/conf"


def debian_conf_dir(**extra: str):
    files = {name: corpus_text(f"debian12/pure-ftpd-common/etc/pure-ftpd/conf/{name}") for name in DEBIAN_PURE_FTPD_OPTIONS}
    return parse_conf_dir({**files, **extra}, CONF_DIR)


def test_debian_stock_option_files_turn_anonymous_off_and_leave_tls_off() -> None:
    conf = debian_conf_dir()
    assert no_anonymous(conf) == (True, "/etc/pure-ftpd/conf/NoAnonymous:1: NoAnonymous yes")
    assert tls_level(conf) == (0, "/etc/pure-ftpd/conf: TLS not set (pure-ftpd's default 0: no TLS)")
    assert conf.settings["MinUID"][0].value == "1000"


@pytest.mark.parametrize("text, level", [("3\n", 3), ("# forced\n2\n", 2), ("  1  \n", 1)])
def test_tls_option_file(text: str, level: int) -> None:
    assert tls_level(debian_conf_dir(TLS=text))[0] == level


@pytest.mark.parametrize("text", ["yes\n", "4\n", "3 # comment\n"])
def test_tls_value_the_wrapper_refuses_is_not_read_as_safe(text: str) -> None:
    with pytest.raises(ValueError):
        tls_level(debian_conf_dir(TLS=text))


def test_the_wrapper_skips_a_no_line_and_takes_a_later_yes() -> None:
    # pure-ftpd-wrapper: a "no" gives no flag, so the next value line is read
    assert no_anonymous(debian_conf_dir(NoAnonymous="no\nyes\n"))[0] is True
    assert no_anonymous(debian_conf_dir(NoAnonymous="no\n")) == (False, "/etc/pure-ftpd/conf/NoAnonymous:1: NoAnonymous no")
    with pytest.raises(ValueError):
        no_anonymous(debian_conf_dir(NoAnonymous="maybe\n"))


def test_files_the_wrapper_does_not_read_are_left_out() -> None:
    conf = debian_conf_dir(**{"TLS.dpkg-old": "3\n", ".TLS": "3\n", "1TLS": "3\n"})
    assert tls_level(conf)[0] == 0


def test_upstream_pure_ftpd_conf_allows_anonymous_and_sets_no_tls() -> None:
    path = "/etc/pure-ftpd/pure-ftpd.conf"
    conf = parse_conf_file(corpus_text("debian12/pure-ftpd-common/etc/pure-ftpd/pure-ftpd.conf"), path)
    off, where = no_anonymous(conf)
    assert not off and where.startswith(f"{path}:") and where.endswith("NoAnonymous no")
    assert tls_level(conf)[0] == 0
    assert tls_level(parse_conf_file("TLS 1\nTLS   3\n", path)) == (3, f"{path}:2: TLS 3")
