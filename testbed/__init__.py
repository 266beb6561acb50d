"""Real hosts on this machine, for the self-tests (tests_meta) and the benchmark (bench).

File trees written with real numeric owners and modes (`tree`), free ports and processes
on 127.0.0.1 (`loopback`), and OpenSSH sshd hosts (`sshd`). It lives at the top of the
repository, beside its two users, because it belongs to neither: the benchmark must not
import self-test modules, and the product package `svcaudit` must not carry test
machinery (only `svcaudit*` goes into the wheel).
"""
