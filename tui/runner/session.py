"""How a session starts, resumes and ends, and the check-ins and red-flag checks around it.

The steps are async workers that push modal screens and wait for their answer, while every
journal call runs in a thread (:func:`in_thread`) so the UI never waits on the disk. A write
is committed before the flow moves on.

The runner lives in its own app mode ("runner"): ``t`` or ``c`` may look elsewhere during a
session, and ``r`` comes back to it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from journal.records import REGIONS
from tui.runner.journal_io import NotSaved, in_thread, latest_values  # noqa: F401 - also used from here
from tui.screens.choice import Choice, ChoiceScreen

if TYPE_CHECKING:
    from catalogue.models import Routine
    from journal.api import Journal
    from journal.records import SessionRec
    from journal.rules.redflags import Stop
    from journal.store.locks import RunLocks
    from tui.services import ServicesApp as RehabApp
    from tui.screens.picker import RoutineChoice
    from tui.runner.screen import RunnerScreen

RUNNER_MODE = "runner"


def session_text(session: "SessionRec", sets: int) -> str:
    started = session.started_at[:16].replace("T", " at ")
    return f"{session.routine_name}, started {started}, {sets} set{'s' if sets != 1 else ''} logged."


class RunFlow:
    def __init__(self, app: "RehabApp", monotonic: Callable[[], float] | None = None) -> None:
        self.app = app
        self.monotonic = monotonic or time.monotonic
        self.runner: RunnerScreen | None = None
        self.busy = False
        self._locks: RunLocks | None = None
        #: A flow is waiting for the journal to open; the start-up flow to run before it.
        self._waiting = False
        self._first: Any = None

    @property
    def locks(self) -> "RunLocks":
        """Marks the session this copy runs, so a second copy on the journal can tell."""
        if self._locks is None:
            from journal.store.locks import RunLocks

            self._locks = RunLocks(self.app.db_path)
        return self._locks

    # ---- entry points (called from keys, Today and the palette) -------------------------
    def start(self, routine_id: str | None = None) -> None:
        """``r`` / ``enter`` on Today: back to a running session, or resume, pick, check, run."""
        if self.runner is not None:
            if routine_id is not None and routine_id != self.runner.routine.id:
                self.app.notify(
                    f"{self.runner.routine.name} is in progress: finish it, or leave it with escape first.",
                    timeout=5,
                )
            if self.app.current_mode != RUNNER_MODE:
                self.app.switch_mode(RUNNER_MODE)
            return
        self._run(self._start(routine_id))

    def startup(self) -> None:
        """After the journal opened: the pending next-morning check-in, then any resume offer."""
        if self._waiting:  # a flow asked for before the journal opened runs after this one
            self._first = self._startup()
        else:
            self._run(self._startup())

    def morning(self) -> None:
        self._run(self._morning(ask_if_none=True))

    def ad_hoc(self) -> None:
        self._run(self._checkin_now())

    def red_flags(self, suggest: tuple[str, str] | None = None) -> None:
        """The red-flag check; ``suggest`` (item id, why) pre-ticks one sign (a grip drop)."""
        self._run(self._red_flags(suggest))

    def _run(self, coro: Any) -> None:
        if self.busy:
            coro.close()
            return
        self.busy = True

        async def guarded() -> None:
            try:
                if self.app.journal is None and not await self._wait_for_journal():
                    return
                await coro
            except NotSaved:
                pass
            finally:
                coro.close()  # nothing if it ran; if it never started, it never will
                self.busy = False

        self.app.run_worker(guarded(), group="flow", exit_on_error=False)

    async def _wait_for_journal(self) -> bool:
        """A key pressed while the journal is still opening (Today paints before it is) waits
        for it rather than being lost — after the start-up flow, which comes first."""
        self._waiting = True
        try:
            ready = await self.app.journal_ready()
        finally:
            self._waiting = False
        first, self._first = self._first, None
        if first is not None:
            if not ready:
                first.close()
            else:
                try:
                    await first
                except NotSaved:
                    pass
        return ready

    # ---- steps --------------------------------------------------------------------------
    async def _startup(self) -> None:
        await self._morning(ask_if_none=False)
        if self.runner is None:
            await self._offer_resume(on_start=True)

    async def _start(self, routine_id: str | None) -> None:
        app = self.app
        if self.runner is not None:  # the start-up flow resumed a session meanwhile
            if app.current_mode != RUNNER_MODE:
                app.switch_mode(RUNNER_MODE)
            return
        if app.journal is None or app.catalogue is None:
            app.notify("Your journal is still opening…", timeout=3)
            return
        if await self._offer_resume(on_start=False):
            return
        if routine_id is None:
            choices = await in_thread(app, self._routine_choices)
            routine_id = await app.push_screen_wait(_picker(choices))
            if routine_id is None:
                return
        routine = app.catalogue.routines.get(routine_id)
        if routine is None:
            app.notify(f"There is no routine {routine_id!r}.", severity="error")
            return
        stop = await self._stop()
        if stop is not None and not await self._confirm_despite_stop(stop):
            return
        now = app.now()
        session = await in_thread(app, lambda j: j.start_session(routine.id, routine.name, now), changed="session")
        await self._open_runner(session, routine, fresh=True, stop=stop)

    async def _offer_resume(self, *, on_start: bool) -> bool:
        """Offer the unfinished session, if any. True means "stop here": it was resumed, or
        the user said "not now" to ``r`` (then no routine picker follows either)."""
        app = self.app
        found = await in_thread(app, lambda j: (s := j.in_progress()) and (s, len(j.sets_for_session(s.id))))
        if not found:
            return False
        session, sets = found
        if self.locks.running_elsewhere(session.id):
            await app.push_screen_wait(
                ChoiceScreen(
                    "This session is running in another window",
                    session_text(session, sets) + "\nAnother copy of rehab-tui is running it "
                    "right now: carry on there. This window can look through the journal meanwhile.",
                    [Choice("enter", "OK", None, "primary")],
                )
            )
            return not on_start  # from r: no routine picker either
        routine = app.catalogue.routines.get(session.routine_id) if app.catalogue else None
        choices = []
        body = session_text(session, sets)
        if routine is not None:
            choices.append(Choice("enter", "Resume", "resume", "primary"))
            body += "\nResume where you left off, or mark it abandoned (its sets stay in the journal)."
        else:
            body += "\nIts routine is no longer in your catalogue, so it cannot be resumed."
        choices += [Choice("a", "Mark abandoned", "abandon", "warning"), Choice("escape", "Not now", None)]
        answer = await app.push_screen_wait(ChoiceScreen("A session is still in progress", body, choices))
        if answer == "resume" and routine is not None:
            await self._open_runner(session, routine, fresh=False, stop=await self._stop())
            return True
        if answer == "abandon":
            now = app.now()
            await in_thread(app, lambda j: j.abandon_session(session.id, now), changed="session")
            app.notify("Marked abandoned; its sets stay in your journal.", timeout=4)
            return False
        return not on_start and answer is None  # "not now" from r: do not open the picker either

    def _routine_choices(self, journal: "Journal") -> list["RoutineChoice"]:
        from catalogue import is_due
        from journal.rules.doses import routine_seconds
        from tui.screens.picker import RoutineChoice

        app = self.app
        assert app.catalogue is not None
        today = app.today()
        done = {s.routine_id for s in journal.sessions(since=today, until=today, status="completed")}
        current = journal.current_doses()
        count = app.profile.count_seconds if app.profile else 1.0
        choices = [
            RoutineChoice(
                id=r.id, name=r.name, description=r.description,
                minutes=max(1, round(routine_seconds(r, app.catalogue, current, count) / 60)),
                exercises=len(r.steps), due=is_due(r, today), done=r.id in done,
            )  # fmt: skip
            for r in app.catalogue.routines.values()
        ]
        return sorted(choices, key=lambda c: (not (c.due and not c.done), not c.due))

    async def _stop(self) -> "Stop | None":
        from journal.rules.redflags import standing_stop

        return standing_stop(await in_thread(self.app, lambda j: j.red_flags(open_only=True)))

    async def _confirm_despite_stop(self, stop: "Stop") -> bool:
        body = (
            f"{stop.severity.action}\n\nYou reported: " + "; ".join(stop.reported) + ".\n\n"
            "Exercising now is not advised. Start anyway only if a clinician has said it is safe."
        )
        answer = await self.app.push_screen_wait(
            ChoiceScreen(
                stop.severity.title, body,
                [Choice("y", "Start anyway", True, "error"), Choice("escape", "Don't start", False, "primary")],
                danger=True,
            )
        )  # fmt: skip
        return bool(answer)

    async def _open_runner(self, session: "SessionRec", routine: "Routine", *, fresh: bool, stop: "Stop | None") -> None:
        from journal.rules.plan import build_plan, resume_index, routine_regions
        from tui.runner.screen import RunnerScreen

        app = self.app
        assert app.catalogue is not None
        catalogue = app.catalogue

        def load(j: "Journal") -> tuple:
            profile = j.profile()
            plan = build_plan(routine, catalogue, j.current_doses(), profile)
            logged = [] if fresh else j.sets_for_session(session.id)
            return profile, plan, logged

        if not self.locks.hold(session.id):  # resumed in another window a moment ago
            app.notify("This session is running in another window: carry on there.", timeout=8)
            return
        profile, plan, logged = await in_thread(app, load)
        app.profile = profile
        screen = RunnerScreen(
            session=session, routine=routine, plan=plan,
            start_index=resume_index(plan, logged), fresh=fresh, clock=self.monotonic,
            regions=routine_regions(routine, catalogue, profile), logged=logged, stop=stop, ladders=catalogue.ladders,
        )  # fmt: skip
        self.runner = screen
        app.add_mode(RUNNER_MODE, lambda: screen)
        await app.switch_mode(RUNNER_MODE)

    def leave_runner(self) -> None:
        """Back to Today; the runner (and its mode) go away."""
        app = self.app
        if app.current_mode == RUNNER_MODE:
            app.switch_mode("today")
        if self.runner is not None:
            self.locks.release(self.runner.session.id)
            self.runner = None
            app.remove_mode(RUNNER_MODE)

    # ---- check-ins ----------------------------------------------------------------------
    async def _morning(self, *, ask_if_none: bool) -> None:
        from journal.rules.plan import routine_regions
        from tui.screens.checkin import CheckinScreen

        app = self.app
        now = app.now()  # the window has hours: from 04:00 on the next day
        session = await in_thread(app, lambda j: j.pending_morning_checkin(now))
        if session is None:
            if ask_if_none:
                app.notify("No next-morning check-in is waiting.", timeout=4)
            return
        routine = app.catalogue.routines.get(session.routine_id) if app.catalogue else None
        regions = routine_regions(routine, app.catalogue, app.profile) if app.catalogue else REGIONS
        values = await in_thread(app, lambda j: latest_values(j, regions))
        entries = await app.push_screen_wait(
            CheckinScreen("next_morning", regions, values, subtitle=f"Yesterday: {session.routine_name}.")
        )
        if entries:
            now = app.now()
            await in_thread(
                app,
                lambda j: j.record_checkins(entries, context="next_morning", now=now, session_id=session.id),
                changed="checkin",
            )
            app.notify("Morning check-in saved.", timeout=3)

    async def _checkin_now(self) -> None:
        from tui.screens.checkin import CheckinScreen

        app = self.app
        values = await in_thread(app, lambda j: latest_values(j, REGIONS))
        entries = await app.push_screen_wait(CheckinScreen("ad_hoc", REGIONS, values))
        if entries:
            now = app.now()
            await in_thread(app, lambda j: j.record_checkins(entries, context="ad_hoc", now=now), changed="checkin")
            app.notify("Check-in saved.", timeout=3)

    # ---- red flags ----------------------------------------------------------------------
    async def _red_flags(self, suggest: tuple[str, str] | None = None) -> None:
        from journal.rules.redflags import ITEMS, standing_stop
        from tui.screens.redflags import RedFlagScreen

        app = self.app
        stop = await self._stop()
        answer = await app.push_screen_wait(RedFlagScreen(stop, suggest=suggest))
        if not answer:
            return
        now = app.now()
        if answer.get("report"):
            ids = list(answer["report"])

            def report(j: "Journal") -> list:
                for flag in ids:
                    j.report_red_flag(flag, ITEMS[flag].severity, now, note=ITEMS[flag].text)
                return j.red_flags(open_only=True)

            stop = standing_stop(await in_thread(app, report, changed="red_flag"))
            assert stop is not None
            body = f"{stop.severity.action}\n\nYou reported: " + "; ".join(stop.reported) + (
                ".\n\nThis is saved in your journal. Every increase is paused, and a STOP banner "
                "stays up until you mark it reviewed (press ! again)."
            )
            await app.push_screen_wait(
                ChoiceScreen(stop.severity.title, body, [Choice("enter", "I understand", True, "error")], danger=True)
            )
        elif answer.get("review"):
            confirm = await app.push_screen_wait(
                ChoiceScreen(
                    "Mark red flags reviewed?",
                    "Do this once a clinician has seen you about them, or if you reported one by "
                    "mistake. Progression resumes afterwards.",
                    [Choice("y", "Yes, reviewed", True, "warning"), Choice("escape", "No", False)],
                )
            )
            if confirm:
                count = await in_thread(app, lambda j: j.resolve_red_flags(now), changed="red_flag")
                app.notify(f"{count} red flag{'s' if count != 1 else ''} marked reviewed.", timeout=4)


def _picker(choices: list["RoutineChoice"]) -> Any:
    from tui.screens.picker import RoutinePicker

    return RoutinePicker(choices)
