"""The sendmail.cf readings SMTP-05..08 rely on: PrivacyOptions, DaemonPortOptions, the wizard password, markers, versions."""

import pytest

from svcaudit.parsers.sendmail import parse_sendmail_cf
from svcaudit.parsers.sendmail_service import (
    GOAWAY_FLAGS,
    daemon_addresses,
    greeting_version,
    loopback,
    missing_flags,
    privacy,
    promiscuous_in_cf,
    promiscuous_in_mc,
    sendmail_version,
    version_at_least,
    wizard_passwords,
)


def _cf(text: str):
    return parse_sendmail_cf(text, "/etc/mail/sendmail.cf")


def test_privacy_flags_add_up_over_lines_and_letters() -> None:
    found = privacy(_cf("O PrivacyOptions=authwarnings\nOpnoexpn, NoVrfy\nO PrivacyOptions=bogus\n"))
    assert found.flags == {"authwarnings", "noexpn", "novrfy"}
    assert len(found.unknown) == 1 and "'bogus'" in found.unknown[0]


def test_goaway_sets_its_flags_and_spelled_out_flags_are_goaway() -> None:
    assert privacy(_cf("O PrivacyOptions=goaway\n")).flags == GOAWAY_FLAGS | {"goaway"}
    spelled = privacy(_cf("O PrivacyOptions=" + ",".join(sorted(GOAWAY_FLAGS)) + "\n")).flags
    assert not missing_flags(spelled, ["goaway"])
    assert missing_flags(privacy(_cf("O PrivacyOptions=noexpn,novrfy\n")).flags, ["goaway"]) == sorted(
        GOAWAY_FLAGS - {"noexpn", "novrfy"}
    )


@pytest.mark.parametrize(
    "line, addr, family",
    [
        ("O DaemonPortOptions=Port=smtp, Addr=127.0.0.1, Name=MTA", "127.0.0.1", "inet"),
        ("O DaemonPortOptions=Family=inet6, address=::1, Name=MTA6", "::1", "inet6"),
        ("OOPort=25, A=0.0.0.0", "0.0.0.0", "inet"),
        ("O DaemonPortOptions=Port=587, Name=MSA, M=E", "", "inet"),
    ],
)
def test_daemon_addresses_read_the_first_letter_of_each_key(line: str, addr: str, family: str) -> None:
    (found,) = daemon_addresses(_cf(line + "\n"))
    assert (found.addr, found.family) == (addr, family)


@pytest.mark.parametrize(
    "address, expected",
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[IPv6:0:0:0:0:0:0:0:1]", True),
        ("0.0.0.0", False),
        ("192.0.2.1", False),
        ("mailhost", None),
    ],
)
def test_loopback(address: str, expected: bool | None) -> None:
    assert loopback(address) is expected


def test_wizard_password_lines_except_the_stig_lock() -> None:
    cf = _cf("OWsesame\nOW*\nO WizardPassword=zoo\n")
    assert [o.line for o in wizard_passwords(cf)] == [1, 3]


def test_promiscuous_relay_markers() -> None:
    cf = "V10/Berkeley\n#####  $Id: promiscuous_relay.m4,v 8.13 2013-11-22 20:51:11 ca Exp $  #####\n"
    assert promiscuous_in_cf(cf) == 2 and promiscuous_in_cf("V10/Berkeley\n") == 0
    assert promiscuous_in_mc("OSTYPE(`linux')dnl\nFEATURE(`promiscuous_relay')dnl\n") == 2
    assert promiscuous_in_mc("dnl FEATURE(`promiscuous_relay')dnl\n") == 0


def test_versions_from_the_binary_and_the_greeting() -> None:
    assert sendmail_version("/usr/sbin/sendmail-mta\nVersion 8.17.1.9\n Compiled with: DNSMAP\n") == "8.17.1.9"
    assert sendmail_version("sendmail: fatal: usage\n") is None
    assert greeting_version("220 mx ESMTP Sendmail 8.14.4/8.14.4; Wed, 2 Dec 2026") == "8.14.4"
    assert greeting_version("220 mx ESMTP Mail Server Ready") is None
    assert version_at_least("8.17.1.9", "8.14.5") and not version_at_least("8.14.4", "8.14.5")
    assert version_at_least("8.6", "8.6.0") and not version_at_least("8.5.9", "8.6")
