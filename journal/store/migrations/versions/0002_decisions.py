"""Remember accepted/declined progression suggestions; index sets and check-ins for history.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exercise_id", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.String(32), nullable=False),
        sa.Column("local_day", sa.String(10), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("from_dose", sa.Text, nullable=False),
        sa.Column("to_dose", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.CheckConstraint("decision IN ('accepted','declined')", name="ck_decisions_decision"),
    )
    op.create_index("ix_decisions_exercise", "decisions", ["exercise_id", "decided_at"])
    op.create_index("ix_sets_exercise_logged", "sets", ["exercise_id", "logged_at"])
    op.create_index("ix_checkins_context_day", "checkins", ["context", "local_day"])
    op.execute("PRAGMA user_version = 2")


def downgrade() -> None:
    op.drop_index("ix_checkins_context_day", "checkins")
    op.drop_index("ix_sets_exercise_logged", "sets")
    op.drop_table("decisions")
