"""The first journal: profile, sessions, sets, check-ins, red flags, doses.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _score(col: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{col} IS NULL OR ({col} BETWEEN 0 AND 10)", name=f"ck_{col}_0_10")


def upgrade() -> None:
    op.execute("PRAGMA application_id = 1380471893")  # 0x52485455, "RHTU"
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("affected_side", sa.String(8), nullable=False),
        sa.Column("onset_date", sa.String(10)),
        sa.Column("cleared_for_strength", sa.Boolean, nullable=False),
        sa.Column("units", sa.String(2), nullable=False),
        sa.Column("count_seconds", sa.Float, nullable=False),
        sa.Column("bell", sa.Boolean, nullable=False),
        sa.Column("safety_ack_at", sa.String(32)),
        sa.Column("enabled_exercises", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_profile_single_row"),
        sa.CheckConstraint("affected_side IN ('left','right','both','none')", name="ck_profile_side"),
        sa.CheckConstraint("units IN ('kg','lb')", name="ck_profile_units"),
        sa.CheckConstraint("count_seconds BETWEEN 0.5 AND 3", name="ck_profile_count"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("routine_id", sa.String(64), nullable=False),
        sa.Column("routine_name", sa.String(200), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("ended_at", sa.String(32)),
        sa.Column("local_day", sa.String(10), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.CheckConstraint(
            "status IN ('in_progress','completed','abandoned')", name="ck_sessions_status"
        ),
    )
    op.create_index("ix_sessions_local_day", "sessions", ["local_day"])
    op.create_index("ix_sessions_status", "sessions", ["status"])
    op.create_table(
        "sets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("exercise_id", sa.String(64), nullable=False),
        sa.Column("exercise_name", sa.String(200), nullable=False),
        sa.Column("side", sa.String(5), nullable=False),
        sa.Column("set_number", sa.Integer, nullable=False),
        sa.Column("target_reps", sa.Integer),
        sa.Column("reps", sa.Integer),
        sa.Column("target_hold_s", sa.Float),
        sa.Column("hold_s", sa.Float),
        sa.Column("load", sa.Float),
        sa.Column("load_unit", sa.String(8)),
        sa.Column("level", sa.String(32)),
        sa.Column("effort", sa.Integer),
        sa.Column("pain_during", sa.Integer),
        sa.Column("stop_reason", sa.String(10), nullable=False),
        sa.Column("logged_at", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.CheckConstraint("side IN ('both','left','right')", name="ck_sets_side"),
        sa.CheckConstraint(
            "stop_reason IN ('none','pain','tingling','numbness','fatigue')", name="ck_sets_stop"
        ),
        sa.CheckConstraint("set_number BETWEEN 1 AND 99", name="ck_sets_number"),
        sa.CheckConstraint("reps IS NULL OR reps BETWEEN 0 AND 500", name="ck_sets_reps"),
        sa.CheckConstraint("hold_s IS NULL OR hold_s BETWEEN 0 AND 600", name="ck_sets_hold"),
        sa.CheckConstraint("load IS NULL OR load BETWEEN 0 AND 500", name="ck_sets_load"),
        _score("effort"),
        _score("pain_during"),
    )
    op.create_index("ix_sets_session", "sets", ["session_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("local_day", sa.String(10), nullable=False),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="SET NULL")),
        sa.Column("context", sa.String(16), nullable=False),
        sa.Column("region", sa.String(16), nullable=False),
        sa.Column("pain", sa.Integer, nullable=False),
        sa.Column("numbness", sa.Integer, nullable=False),
        sa.Column("tingling", sa.Integer, nullable=False),
        sa.Column("weakness", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.CheckConstraint(
            "context IN ('before','after','next_morning','ad_hoc')", name="ck_checkins_context"
        ),
        sa.CheckConstraint(
            "region IN ('neck','left_hand','right_hand','left_arm','right_arm')",
            name="ck_checkins_region",
        ),
        _score("pain"),
        _score("numbness"),
        _score("tingling"),
        _score("weakness"),
    )
    op.create_index("ix_checkins_local_day", "checkins", ["local_day"])
    op.create_index("ix_checkins_session", "checkins", ["session_id"])
    op.create_table(
        "red_flags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reported_at", sa.String(32), nullable=False),
        sa.Column("flag", sa.String(64), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("resolved_at", sa.String(32)),
        sa.CheckConstraint("severity IN ('emergency','urgent','soon')", name="ck_red_flags_severity"),
    )
    op.create_table(
        "doses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exercise_id", sa.String(64), nullable=False),
        sa.Column("sets", sa.Integer, nullable=False),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("reps_lo", sa.Integer, nullable=False),
        sa.Column("reps_hi", sa.Integer, nullable=False),
        sa.Column("hold_s", sa.Integer),
        sa.Column("load", sa.Float),
        sa.Column("unit", sa.String(2)),
        sa.Column("ladder", sa.String(32)),
        sa.Column("level", sa.String(32)),
        sa.Column("since", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.CheckConstraint("sets BETWEEN 1 AND 10", name="ck_doses_sets"),
        sa.CheckConstraint("reps_lo <= reps AND reps <= reps_hi", name="ck_doses_reps"),
    )
    op.create_index("ix_doses_exercise", "doses", ["exercise_id", "since"])
    op.execute("PRAGMA user_version = 1")


def downgrade() -> None:
    for table in ("doses", "red_flags", "checkins", "sets", "sessions", "profile"):
        op.drop_table(table)
