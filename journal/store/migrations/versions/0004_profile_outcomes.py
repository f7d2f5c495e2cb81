"""Know the person and measure recovery: more profile settings, a history of profile changes,
and the outcome measures a clinician reads (PSFS and grip strength).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): the values are checked by journal.api on the way in.
    op.add_column("profile", sa.Column("symptom_areas", sa.Text, nullable=False, server_default=""))
    op.add_column("profile", sa.Column("onset_kind", sa.String(12), nullable=False, server_default="unknown"))
    op.add_column("profile", sa.Column("voice", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("profile", sa.Column("effort_prompt", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("profile", sa.Column("setup_done_at", sa.String(32)))
    # A journal that already knew the onset date knew it as a date.
    op.execute("UPDATE profile SET onset_kind = 'date' WHERE onset_date IS NOT NULL")
    op.create_table(
        "profile_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("changed_at", sa.String(32), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
    )
    op.create_index("ix_profile_changes_field", "profile_changes", ["field", "changed_at"])
    op.create_table(
        "psfs_activities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("retired_at", sa.String(32)),
        sa.CheckConstraint("length(name) BETWEEN 1 AND 80", name="ck_psfs_activities_name"),
    )
    op.create_table(
        "psfs_ratings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("activity_id", sa.Integer, sa.ForeignKey("psfs_activities.id"), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("local_day", sa.String(10), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name="ck_psfs_ratings_score"),
    )
    op.create_index("ix_psfs_ratings_activity", "psfs_ratings", ["activity_id", "recorded_at"])
    op.create_table(
        "grip_readings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("local_day", sa.String(10), nullable=False),
        sa.Column("side", sa.String(5), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(2), nullable=False),
        sa.Column("trials", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint("side IN ('left','right')", name="ck_grip_readings_side"),
        sa.CheckConstraint("unit IN ('kg','lb')", name="ck_grip_readings_unit"),
        sa.CheckConstraint("value > 0", name="ck_grip_readings_value"),
    )
    op.create_index("ix_grip_readings_side", "grip_readings", ["side", "recorded_at"])
    op.execute("PRAGMA user_version = 4")


def downgrade() -> None:
    op.drop_index("ix_grip_readings_side", "grip_readings")
    op.drop_table("grip_readings")
    op.drop_index("ix_psfs_ratings_activity", "psfs_ratings")
    op.drop_table("psfs_ratings")
    op.drop_table("psfs_activities")
    op.drop_index("ix_profile_changes_field", "profile_changes")
    op.drop_table("profile_changes")
    with op.batch_alter_table("profile") as batch:
        for column in ("setup_done_at", "effort_prompt", "voice", "onset_kind", "symptom_areas"):
            batch.drop_column(column)
    op.execute("PRAGMA user_version = 3")
