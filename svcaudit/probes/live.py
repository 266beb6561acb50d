"""Live probes for one host: where to probe, whether probing applies, and each answer once per run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from svcaudit.probes import protocols as probes
from svcaudit.profile import Profile


@dataclass
class LiveProbes:
    """The probe address of a host, or why there is none (then probe controls say N/A).

    `cache` is shared by every module of a run (the plugin passes one dict), keyed by probe kind,
    address and port, so each service is asked once per run.
    """

    address: str | None
    reason: str = ""
    timeout: float = 5.0
    cache: dict[tuple[object, ...], Any] = field(default_factory=dict)

    def _target(self) -> str:
        if not self.address:  # callers check `address` first: a probe without one is a bug, not a finding
            raise RuntimeError(f"no probe address: {self.reason}")
        return self.address

    def ftp(self, port: int) -> probes.FtpProbe:
        key = ("ftp", self.address, port)
        if key not in self.cache:
            self.cache[key] = probes.probe_ftp(self._target(), port, timeout=self.timeout)
        answer: probes.FtpProbe = self.cache[key]
        return answer

    def smtp(self, port: int) -> probes.SmtpProbe:
        key = ("smtp", self.address, port)
        if key not in self.cache:
            self.cache[key] = probes.probe_smtp(self._target(), port, timeout=self.timeout)
        answer: probes.SmtpProbe = self.cache[key]
        return answer

    def smtp_commands(self, port: int) -> probes.SmtpCommandsProbe:
        key = ("smtp_commands", self.address, port)
        if key not in self.cache:
            self.cache[key] = probes.probe_smtp_commands(self._target(), port, timeout=self.timeout)
        answer: probes.SmtpCommandsProbe = self.cache[key]
        return answer

    def snmp(self, port: int, communities: Iterable[str]) -> list[probes.SnmpAnswer]:
        names = tuple(communities)
        key = ("snmp", self.address, port, names)
        if key not in self.cache:
            self.cache[key] = probes.probe_snmp_communities(
                self._target(), port, names, timeout=min(self.timeout, 2.0), retries=1
            )
        answers: list[probes.SnmpAnswer] = self.cache[key]
        return answers


def probe_address(
    profile: Profile, backend_host: str | None, sysroot: str, replay: bool, image: str = ""
) -> tuple[str | None, str]:
    """[probes] address wins; else the host's own name; a mounted image, an image archive or replayed facts have none."""
    if not profile.probes.enabled:
        return None, "live probes are turned off ([probes] enabled = false)"
    if profile.probes.address:
        return profile.probes.address, ""
    if sysroot:
        return None, "checking a file tree (--sysroot) and no [probes] address is set"
    if image:
        return None, "checking an image archive (--image) and no [probes] address is set"
    if replay:
        return None, "evaluating recorded facts (--replay) and no [probes] address is set"
    if not backend_host:
        return None, "the host has no network name and no [probes] address is set"
    return backend_host, ""


def backend_address(host: object) -> str | None:
    """The network name testinfra connects to: 127.0.0.1 for local, the ssh/paramiko host name otherwise."""
    backend = getattr(host, "backend", None)
    if backend is None:
        return None
    if getattr(backend, "NAME", "") == "local":
        return "127.0.0.1"
    spec = getattr(backend, "host", None)
    name = getattr(spec, "name", None) if spec is not None else None
    return name or getattr(backend, "hostname", None)
