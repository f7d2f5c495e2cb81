"""The rules that decide: history, progression, dose steps, session plans, red flags.

Plain functions over plain records (``journal.records``): no SQLAlchemy, no sqlite3, no clock
reads. Callers pass ``today`` and ``now`` in.
"""
