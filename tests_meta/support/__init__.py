"""Machinery of the self-tests, and no tests: scenario hosts (scenario.py, scenarios_*.py), real daemons
(daemons.py, sshd.py) and the fast/daemons tiers (tier.py). Tree writing and sshd start-up come from
the top-level testbed package, which the benchmark shares."""
