"""Helpers shared by the tests: apps on temp journals, pty drivers, subprocesses, CSV."""
