"""Tests of hotwash.comms (a package, so tests can import the receiver from conftest)."""
