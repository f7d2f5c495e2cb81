"""The rules that decide: suggestions (STOP, ACUTE, REGRESS, HOLD, PROGRESS), streaks, advised
rest, baselines, the next-morning window, dose steps, session plans, red flags.

Plain functions over plain records (``journal.records``): no SQLAlchemy, no sqlite3, no
journal.store, no clock reads (tests/journal/test_rules_pure.py checks). Callers pass ``today``
and ``now`` in. ``progression.py`` and ``history.py`` re-export the pieces under their old names.
"""
