"""Wiring only: the svcaudit plugin holds the options, fixtures and report hooks."""

pytest_plugins = ("svcaudit.plugin",)
