"""Indexes for ten years of history: completed sessions by day, and high-pain sets.

* ``ix_sessions_status_day`` (status, local_day, routine_id) replaces ``ix_sessions_status``:
  the streak calendar reads every (routine, day) of completed sessions from the index alone,
  and ``status`` finds the last completed day and today's sessions without a sort.
* ``ix_sets_high_pain``, a partial index of the sets with pain during > 5: the days the app
  advised rest after, found without reading every set.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_sessions_status", "sessions")
    op.create_index("ix_sessions_status_day", "sessions", ["status", "local_day", "routine_id"])
    op.create_index(
        "ix_sets_high_pain", "sets", ["session_id"], sqlite_where=sa.text("pain_during > 5")
    )
    op.execute("PRAGMA user_version = 3")


def downgrade() -> None:
    op.drop_index("ix_sets_high_pain", "sets")
    op.drop_index("ix_sessions_status_day", "sessions")
    op.create_index("ix_sessions_status", "sessions", ["status"])
    op.execute("PRAGMA user_version = 2")
