"""Condensation: turning a million log lines into a timeline a person can read."""

from hotwash.condense.templates import TemplateMiner

__all__ = ["TemplateMiner"]
