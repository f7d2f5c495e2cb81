"""History: streaks, adherence, the heat map, charts, the side table and progression suggestions.

The data (``journal.store.gather.history_view``) loads in a worker; ``a`` accepts the highlighted
suggestion (a new dose row with the reason) and ``d`` declines it (remembered for that dose).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from tui.screens.base import DataScreen
from tui.theme import palette
from tui.widgets.history_charts import draw_progress, draw_symptoms, first_day, legend_markup
from tui.widgets.footer import KeyFooter
from tui.widgets.history_panels import (
    adherence_text,
    heatmap,
    side_table,
    streak_text,
    suggestion_prompt,
)

if TYPE_CHECKING:
    from journal.store.gather import HistoryView
    from journal.rules.outcomes import OutcomesView
    from journal.rules.progression import Suggestion
    from tui.services import AppServices


class HistoryScreen(DataScreen["HistoryView"]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("a", "accept", "Accept", tooltip="Accept the highlighted suggestion: it becomes your dose", id="history.accept"),
        Binding("d", "decline", "Decline", tooltip="Decline the highlighted suggestion (not asked again at this dose)", id="history.decline"),
        Binding("f", "psfs", "Activities", tooltip="Rate the activities you find hard (PSFS)", id="history.psfs"),
        Binding("g", "grip", "Grip", tooltip="Enter grip strength from a hand dynamometer (optional)", id="history.grip"),
        # The page scrolls from wherever the focus is (the suggestions list is short).
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True, id="history.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True, id="history.page_up"),
    ]  # fmt: skip
    HELP_EXTRA = [
        ("↑ ↓", "Choose a suggestion; the progress chart shows its exercise"),
        ("pgup pgdn", "Scroll the page (the charts and outcomes are below)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HistoryView | None = None
        self.outcomes: OutcomesView | None = None
        self._stale = False
        #: The highlight show() set itself: its event must not scroll the page.
        self._own_highlight: int | None = None

    def reload(self) -> None:
        """Load now if visible; a hidden History (e.g. while the runner logs sets) waits."""
        if self.is_current:
            self._stale = False
            super().reload()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale and self.rehab.journal is not None:
            self.reload()

    def compose(self) -> ComposeResult:
        yield Static("History", id="history-title", classes="screen-title")
        with VerticalScroll(id="history-body"):
            with Horizontal(id="history-top"):
                yield Static("Opening your journal…", id="streaks", classes="panel muted")
                yield Static("", id="heatmap", classes="panel")
            yield OptionList(id="suggestions", classes="panel")
            with Horizontal(id="history-charts"):
                yield PlotextPlot(id="progress-chart", classes="panel chart")
                yield PlotextPlot(id="symptom-chart", classes="panel chart")
            yield Static("", id="outcomes", classes="panel")
            yield Static("", id="sides", classes="panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        titles = {
            "#streaks": "Streaks and adherence (last 8 weeks)",
            "#heatmap": "Last 16 weeks",
            "#suggestions": "Suggestions  ·  a accept  ·  d decline",
            "#progress-chart": "Progress",
            "#symptom-chart": "Symptoms",
            "#outcomes": "Outcomes: activities (PSFS) and grip",
            "#sides": "Affected vs unaffected side",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.query_one("#suggestions", OptionList).focus()
        super().on_mount()

    def fetch(self, app: "AppServices") -> "HistoryView":
        from journal.store.gather import history_view

        assert app.journal is not None and app.catalogue is not None
        self.outcomes = app.journal.outcomes_view(app.today())  # shown with the view it came with
        return history_view(app.journal, app.catalogue, app.today())

    # ---- showing ------------------------------------------------------------------------------
    def show(self, data: "HistoryView") -> None:
        from journal.rules.progression import by_urgency

        first_load, self.data = self.data is None, data
        colours = palette(self.app)
        title = Text.assemble(
            ("History", "bold"), f"  ·  {data.today:%A} {data.today.day} {data.today:%B %Y}"
        )
        self.query_one("#history-title", Static).update(title)
        streaks = self.query_one("#streaks", Static)
        streaks.remove_class("muted")
        streaks.update(
            Text.assemble(
                streak_text(data.day_streak, data.week_streak, colours),
                "\n\n",
                adherence_text(data.weeks, colours),
            )  # fmt: skip
        )
        self.query_one("#heatmap", Static).update(heatmap(data.heat, colours))
        options = self.query_one("#suggestions", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        ordered = by_urgency(data.suggestions)
        for s in ordered:
            options.add_option(Option(suggestion_prompt(s, colours, data.profile.units), id=s.exercise_id))
        if not ordered:
            options.add_option(
                Option(
                    Text(
                        "No exercises in use yet: suggestions appear once you log sessions.",
                        colours.muted,
                    ),
                    disabled=True,
                )
            )
        ids = [s.exercise_id for s in ordered]
        if ids:
            options.highlighted = self._own_highlight = ids.index(keep) if keep in ids else 0
        profile = data.profile
        if self.outcomes is not None:
            from tui.screens.help import shown_key
            from tui.widgets.outcomes_panel import outcomes_text

            keys = (shown_key(self.app, "history.psfs"), shown_key(self.app, "history.grip"))
            self.query_one("#outcomes", Static).update(outcomes_text(self.outcomes, colours, keys, profile.units))
        self.query_one("#sides", Static).update(
            side_table(
                data.sides, data.names, profile.affected_side, profile.unaffected_side, colours
            )
        )
        if first_load:  # focusing the list scrolled the page; start at the top
            self.call_after_refresh(self.query_one("#history-body").scroll_home, animate=False)
        symptoms = self.query_one("#symptom-chart", PlotextPlot)
        symptoms.border_subtitle = legend_markup(draw_symptoms(symptoms.plt, data.mornings, colours))
        symptoms.refresh()
        self._draw_progress()

    def _selected(self) -> "Suggestion | None":
        option = self.query_one("#suggestions", OptionList).highlighted_option
        if self.data is None or option is None or option.id is None:
            return None
        return next((s for s in self.data.suggestions if s.exercise_id == option.id), None)

    def _draw_progress(self) -> None:
        from journal.rules.history import exercise_series

        data, chart = self.data, self.query_one("#progress-chart", PlotextPlot)
        chosen = self._selected()
        if data is None or chosen is None:
            return
        catalogue = self.rehab.catalogue
        ladders = dict(catalogue.ladders) if catalogue else {}
        series = exercise_series(data.points, chosen.exercise_id)
        chart.border_subtitle = legend_markup(draw_progress(
            chart.plt,
            series,
            chosen.exercise_name,
            data.profile.affected_side,
            ladders,
            palette(self.app),
            data.profile.units,
        ))
        since = first_day(series)  # the axis starts there, not at the window's first day
        chart.border_title = (f"Progress since {since.day} {since:%b %Y}" if since
                              else f"Progress: none since {data.chart_since.day} {data.chart_since:%b %Y}")
        chart.refresh()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index == self._own_highlight:
            self._own_highlight = None
        else:
            self._reveal()  # the user is moving through the list: keep it in view
        self._draw_progress()

    def action_page(self, delta: int) -> None:
        body = self.query_one("#history-body", VerticalScroll)
        (body.scroll_page_down if delta > 0 else body.scroll_page_up)(animate=False)

    def _reveal(self) -> None:
        """Scroll the page so the suggestions are in view (below the fold at 80×24)."""
        options = self.query_one("#suggestions", OptionList)
        self.query_one("#history-body", VerticalScroll).scroll_to_widget(options, animate=False)

    # ---- outcome measures ----------------------------------------------------------------------
    def action_psfs(self) -> None:
        from tui.screens.outcomes_flow import psfs

        self.run_worker(psfs(self.rehab), group="outcomes", exclusive=True)

    def action_grip(self) -> None:
        from tui.screens.outcomes_flow import grip

        self.run_worker(grip(self.rehab), group="outcomes", exclusive=True)

    # ---- deciding ----------------------------------------------------------------------------
    def _pending(self, verb: str) -> "Suggestion | None":
        self._reveal()
        chosen = self._selected()
        if chosen is None:
            return None
        if chosen.status == "declined":
            self.notify(f"{chosen.exercise_name}: already declined at this dose.", timeout=5)
            return None
        if chosen.status != "pending":
            why = {
                "STOP": "progression is stopped until the red flag is reviewed",
                "ACUTE": "strength work holds in the acute phase",
            }.get(chosen.decision, "the advice is to keep the dose")
            self.notify(f"Nothing to {verb} for {chosen.exercise_name}: {why}.", timeout=6)
            return None
        return chosen

    def action_accept(self) -> None:
        from journal.rules.dosing import dose_key, show_dose

        chosen = self._pending("accept")
        if chosen is None or chosen.proposed is None:
            return
        now, proposed = self.rehab.now(), chosen.proposed

        self.rehab.write(
            lambda journal: journal.accept_suggestion(
                exercise_id=chosen.exercise_id, dose=proposed, dose_reason=chosen.dose_reason,
                rule=chosen.rule, from_dose=dose_key(chosen.current), to_dose=dose_key(proposed),
                reason=chosen.reason, now=now,
            ),
            what="dose",
        )  # fmt: skip
        from catalogue.units import dose_in

        units = self.rehab.profile.units if self.rehab.profile else None
        self.notify(f"{chosen.exercise_name}: your dose is now {show_dose(dose_in(proposed, units))}.", timeout=6)

    def action_decline(self) -> None:
        from journal.rules.dosing import dose_key

        chosen = self._pending("decline")
        if chosen is None or chosen.proposed is None:
            return
        now, proposed = self.rehab.now(), chosen.proposed
        self.rehab.write(
            lambda journal: journal.record_decision(
                exercise_id=chosen.exercise_id, decision="declined", rule=chosen.rule,
                from_dose=dose_key(chosen.current), to_dose=dose_key(proposed),
                reason=chosen.reason, now=now,
            ),
            what="decision",
        )  # fmt: skip
        self.notify(f"{chosen.exercise_name}: declined; you keep your dose.", timeout=6)
