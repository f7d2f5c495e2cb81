"""The journal's tables, as typed SQLAlchemy 2 models.

Timestamps are ISO 8601 text *with the user's UTC offset at the moment of recording*
(``2026-11-24T08:12:03+01:00``): that is what the user lived through, it sorts within a
time zone, and CSV export can write it unchanged. ``local_day`` is the calendar day the
user was in (``YYYY-MM-DD``), which is what streaks and charts count.

Changing these models needs a new Alembic revision in ``journal/store/migrations/versions``;
``tests/test_migrations.py`` fails when the two disagree.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: ``PRAGMA application_id`` of every rehab-tui journal ("RHTU").
APPLICATION_ID = 0x52485455


class Base(DeclarativeBase):
    pass


def _score(col: str) -> CheckConstraint:
    return CheckConstraint(f"{col} IS NULL OR ({col} BETWEEN 0 AND 10)", name=f"ck_{col}_0_10")


class Profile(Base):
    """A single row (id = 1): who the user is and how they like the app."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    affected_side: Mapped[str] = mapped_column(String(8), default="right")
    onset_date: Mapped[str | None] = mapped_column(String(10))
    cleared_for_strength: Mapped[bool] = mapped_column(default=False)
    units: Mapped[str] = mapped_column(String(2), default="kg")
    count_seconds: Mapped[float] = mapped_column(Float, default=1.0)
    bell: Mapped[bool] = mapped_column(default=False)
    safety_ack_at: Mapped[str | None] = mapped_column(String(32))
    enabled_exercises: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(32))
    # Revision 0004: who the user is (first-run setup) and how the runner talks to them.
    #: Areas with symptoms, comma-separated: neck, hands, arms.
    symptom_areas: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: How the onset is known: 'date' (onset_date holds it), 'over-6-weeks', or 'unknown'.
    onset_kind: Mapped[str] = mapped_column(String(12), default="unknown", server_default="unknown")
    voice: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: Ask for effort (RPE 0–10) after an exercise's last set.
    effort_prompt: Mapped[bool] = mapped_column(default=False, server_default=false())
    setup_done_at: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        CheckConstraint("id = 1", name="ck_profile_single_row"),
        CheckConstraint("affected_side IN ('left','right','both','none')", name="ck_profile_side"),
        CheckConstraint("units IN ('kg','lb')", name="ck_profile_units"),
        CheckConstraint("count_seconds BETWEEN 0.5 AND 3", name="ck_profile_count"),
    )


class Session(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    routine_id: Mapped[str] = mapped_column(String(64))
    routine_name: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[str] = mapped_column(String(32))
    ended_at: Mapped[str | None] = mapped_column(String(32))
    local_day: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint(
            "status IN ('in_progress','completed','abandoned')", name="ck_sessions_status"
        ),
        Index("ix_sessions_local_day", "local_day"),
        # Revision 0003: completed sessions by day, read from the index alone.
        Index("ix_sessions_status_day", "status", "local_day", "routine_id"),
    )


class SetLog(Base):
    __tablename__ = "sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(64))
    exercise_name: Mapped[str] = mapped_column(String(200))
    side: Mapped[str] = mapped_column(String(5), default="both")
    set_number: Mapped[int] = mapped_column(Integer)
    target_reps: Mapped[int | None] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    target_hold_s: Mapped[float | None] = mapped_column(Float)
    hold_s: Mapped[float | None] = mapped_column(Float)
    load: Mapped[float | None] = mapped_column(Float)
    load_unit: Mapped[str | None] = mapped_column(String(8))
    level: Mapped[str | None] = mapped_column(String(32))
    effort: Mapped[int | None] = mapped_column(Integer)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    stop_reason: Mapped[str] = mapped_column(String(10), default="none")
    logged_at: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("side IN ('both','left','right')", name="ck_sets_side"),
        CheckConstraint(
            "stop_reason IN ('none','pain','tingling','numbness','fatigue')", name="ck_sets_stop"
        ),
        CheckConstraint("set_number BETWEEN 1 AND 99", name="ck_sets_number"),
        CheckConstraint("reps IS NULL OR reps BETWEEN 0 AND 500", name="ck_sets_reps"),
        CheckConstraint("hold_s IS NULL OR hold_s BETWEEN 0 AND 600", name="ck_sets_hold"),
        CheckConstraint("load IS NULL OR load BETWEEN 0 AND 500", name="ck_sets_load"),
        _score("effort"),
        _score("pain_during"),
        Index("ix_sets_session", "session_id"),
    )


class CheckIn(Base):
    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_at: Mapped[str] = mapped_column(String(32))
    local_day: Mapped[str] = mapped_column(String(10))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    context: Mapped[str] = mapped_column(String(16))
    region: Mapped[str] = mapped_column(String(16))
    pain: Mapped[int] = mapped_column(Integer)
    numbness: Mapped[int] = mapped_column(Integer)
    tingling: Mapped[int] = mapped_column(Integer)
    weakness: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint(
            "context IN ('before','after','next_morning','ad_hoc')", name="ck_checkins_context"
        ),
        CheckConstraint(
            "region IN ('neck','left_hand','right_hand','left_arm','right_arm')",
            name="ck_checkins_region",
        ),
        _score("pain"),
        _score("numbness"),
        _score("tingling"),
        _score("weakness"),
        Index("ix_checkins_local_day", "local_day"),
        Index("ix_checkins_session", "session_id"),
    )


class RedFlag(Base):
    __tablename__ = "red_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reported_at: Mapped[str] = mapped_column(String(32))
    flag: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        CheckConstraint("severity IN ('emergency','urgent','soon')", name="ck_red_flags_severity"),
    )


class DoseChange(Base):
    """Every accepted dose is a new row, so the history of a prescription is kept."""

    __tablename__ = "doses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(64))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    reps_lo: Mapped[int] = mapped_column(Integer)
    reps_hi: Mapped[int] = mapped_column(Integer)
    hold_s: Mapped[int | None] = mapped_column(Integer)
    load: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(2))
    ladder: Mapped[str | None] = mapped_column(String(32))
    level: Mapped[str | None] = mapped_column(String(32))
    since: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("sets BETWEEN 1 AND 10", name="ck_doses_sets"),
        CheckConstraint("reps_lo <= reps AND reps <= reps_hi", name="ck_doses_reps"),
        Index("ix_doses_exercise", "exercise_id", "since"),
    )


class Decision(Base):
    """A progression suggestion the user accepted or declined (added in revision 0002)."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[str] = mapped_column(String(32))
    local_day: Mapped[str] = mapped_column(String(10))
    decision: Mapped[str] = mapped_column(String(10))
    rule: Mapped[str] = mapped_column(String(16))
    #: Stable text of the dose the suggestion started from; a decline is remembered for it.
    from_dose: Mapped[str] = mapped_column(Text)
    to_dose: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("decision IN ('accepted','declined')", name="ck_decisions_decision"),
        Index("ix_decisions_exercise", "exercise_id", "decided_at"),
    )


#: Indexes added in revision 0002, for history queries over years of sets.
Index("ix_sets_exercise_logged", SetLog.exercise_id, SetLog.logged_at)
Index("ix_checkins_context_day", CheckIn.context, CheckIn.local_day)
#: Revision 0003: the few sets with pain during > 5 (days the app advised rest after).
Index("ix_sets_high_pain", SetLog.session_id, sqlite_where=SetLog.pain_during > 5)


class ProfileChange(Base):
    """One change of one profile setting, kept with its time (revision 0004), so the clinician
    report can say, e.g., when clearance for strength work was given."""

    __tablename__ = "profile_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    changed_at: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_profile_changes_field", "field", "changed_at"),)


class PsfsActivity(Base):
    """An activity the user finds hard (Patient-Specific Functional Scale), named by them."""

    __tablename__ = "psfs_activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    retired_at: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (CheckConstraint("length(name) BETWEEN 1 AND 80", name="ck_psfs_activities_name"),)


class PsfsRating(Base):
    """How well the user can do one PSFS activity now, 0 (unable) to 10 (as before)."""

    __tablename__ = "psfs_ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("psfs_activities.id"))
    recorded_at: Mapped[str] = mapped_column(String(32))
    local_day: Mapped[str] = mapped_column(String(10))
    score: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 10", name="ck_psfs_ratings_score"),
        Index("ix_psfs_ratings_activity", "activity_id", "recorded_at"),
    )


class GripReading(Base):
    """Grip strength of one hand from a dynamometer: the best of the trials, in the unit read."""

    __tablename__ = "grip_readings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_at: Mapped[str] = mapped_column(String(32))
    local_day: Mapped[str] = mapped_column(String(10))
    side: Mapped[str] = mapped_column(String(5))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(2))
    #: Every trial as read, comma-separated (the best is ``value``).
    trials: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        CheckConstraint("side IN ('left','right')", name="ck_grip_readings_side"),
        CheckConstraint("unit IN ('kg','lb')", name="ck_grip_readings_unit"),
        CheckConstraint("value > 0", name="ck_grip_readings_value"),
        Index("ix_grip_readings_side", "side", "recorded_at"),
    )
