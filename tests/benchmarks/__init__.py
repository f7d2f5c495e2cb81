"""Performance benchmarks (issue 7): ``python -m tests.benchmarks``; see run.py and the README."""
