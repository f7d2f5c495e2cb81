"""Asking and saving the profile: the first-run setup, one setting from the Profile screen.

A change of units asks first, then converts the current doses that carry a weight (new dose
rows, reason "units changed to lb") in the same transaction as the setting itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from journal.api import Journal
    from journal.records import ProfileRec
    from tui.services import ServicesApp


def ask_profile(
    app: "ServicesApp", questions: list[str] | None, *, first_run: bool, then: Callable[[], None] | None = None
) -> None:
    """Ask the setup questions (all, or ``questions``) and save the answers."""
    from tui.screens.setup import SetupScreen

    if app.profile is None:
        return

    def answered(answers: dict | None) -> None:
        save_profile(app, answers, first_run=first_run)
        if then is not None:
            then()

    app.push_screen(SetupScreen(app.profile, app.today(), questions, first_run=first_run), answered)


def save_profile(app: "ServicesApp", answers: dict | None, *, first_run: bool) -> None:
    """Store the answers; a change of units asks first and converts the current doses."""
    from tui.profile_questions import answers_to_changes

    if answers is None:
        return
    changes = answers_to_changes(answers)
    if first_run:
        from journal.clock import stamp

        changes["setup_done_at"] = stamp(app.now())
    units = changes.get("units")
    if first_run or units is None or app.profile is None or units == app.profile.units:
        _store_profile(app, changes)
        return
    from tui.screens.confirm import ConfirmScreen

    def confirmed(yes: bool | None) -> None:
        if not yes:
            changes.pop("units")
            app.notify(f"Units stay {app.profile.units if app.profile else 'as they were'}.", timeout=5)
        _store_profile(app, changes)

    app.push_screen(
        ConfirmScreen(
            f"Switch to {units}?",
            f"From now on every weight is shown in {units}. Your current doses with a weight are "
            f"converted (rounded to {'0.5 lb' if units == 'lb' else '0.25 kg'}) and kept as new doses, "
            "\"units changed to " + units + "\", without a new 7-day wait. Sets already logged keep the unit "
            "they were logged in.",
            yes=f"Switch to {units}", no="Keep " + (app.profile.units if app.profile else "them"),
        ),
        confirmed,
    )


def _store_profile(app: "ServicesApp", changes: dict) -> None:
    if not changes:
        return
    now = app.now()
    units = changes.get("units")

    def store(journal: "Journal") -> "ProfileRec":
        doses: dict = {}
        since: dict = {}
        if units is not None:
            from catalogue.units import converted_doses
            from journal.rules.doses import to_dose

            current = journal.current_doses()
            doses = converted_doses({k: to_dose(r) for k, r in current.items()}, units)
            since = {k: current[k].since for k in doses}  # the same dose: its 7-day wait goes on
        return journal.update_profile_and_doses(now, doses, f"units changed to {units}", since, **changes)

    app.write(store, what="profile")

