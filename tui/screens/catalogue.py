"""Catalogue: every exercise by region, with instructions, cues, cautions and the current dose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.base import DataScreen
from tui.keys import shown_key, with_keys
from tui.theme import Palette, palette
from tui.widgets.footer import KeyFooter
from tui.widgets.hanging import hanging

if TYPE_CHECKING:
    from catalogue import Catalogue, Dose, Exercise
    from tui.services import AppServices

REGION_ORDER = ("neck", "shoulder", "wrist", "hand", "fingers")
SIDES_TEXT = {"both": "both sides together", "each": "each side in turn (affected side first)"}


@dataclass(frozen=True)
class CatalogueData:
    catalogue: "Catalogue"
    doses: dict[str, "Dose"]
    enabled: frozenset[str]
    changed: frozenset[str]


def tempo_text(exercise: "Exercise", dose: "Dose") -> str:
    parts = []
    for phase in exercise.tempo:
        counts = dose.hold_s if phase.name == "hold" and dose.hold_s else phase.counts
        parts.append(f"{phase.name} {counts}")
    return " · ".join(parts)


def exercise_detail(ex: "Exercise", dose: "Dose", changed: bool, colours: Palette, enable_key: str = "e") -> Group:
    head = Text(ex.name, style=f"bold {colours.primary}")
    facts = Text(
        f"{ex.region.title()} · {ex.kind} · {SIDES_TEXT.get(ex.sides, ex.sides)}", style=colours.muted
    )
    dose_line = Text.assemble(
        ("Your dose  ", "bold"),
        dose.describe(),
        ("  (changed from the starting dose)" if changed else "  (starting dose)", colours.muted),
    )
    tempo = Text.assemble(("Tempo  ", "bold"), tempo_text(ex, dose), (" (counts)", colours.muted))
    blocks: list = [head, facts, Text(), dose_line, tempo]
    if ex.equipment:
        blocks.append(Text.assemble(("Equipment  ", "bold"), ", ".join(ex.equipment)))
    blocks += [Text(), Text("How to do it", style="bold")]
    blocks.append(hanging([f"{i}." for i in range(1, len(ex.instructions) + 1)], ex.instructions))
    if ex.cues:
        blocks += [Text(), Text("Cues", style="bold")]
        blocks.append(hanging(["•"] * len(ex.cues), ex.cues))
    if ex.cautions:
        blocks += [Text(), Text("Cautions", style=f"bold {colours.warning}")]
        blocks.append(hanging(["!"] * len(ex.cautions), ex.cautions, colours.warning))
    if ex.hidden:
        blocks += [Text(), Text(f"Optional exercise: press {enable_key} to enable or disable it.", style=colours.muted)]
    return Group(*blocks)


class CatalogueScreen(DataScreen[CatalogueData]):
    HELP_EXTRA = [("↑ ↓", "Choose an exercise; its details show on the right")]
    BINDINGS = [
        Binding("o", "toggle_optional", "Optional", tooltip="Show or hide optional exercises (nerve sliders)", id="catalogue.optional"),
        Binding("e", "toggle_enabled", "Enable", tooltip="Enable or disable the selected optional exercise", id="catalogue.enable"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: CatalogueData | None = None
        self.show_optional = False

    def compose(self) -> ComposeResult:
        yield Static("Catalogue", classes="screen-title")
        with Horizontal(id="catalogue-body"):
            exercises = OptionList(id="exercise-list", classes="panel")
            exercises.border_title = "Exercises"
            yield exercises
            with VerticalScroll(id="exercise-detail", classes="panel") as detail:
                detail.border_title = "How to do it, and your dose"
                yield Static("Opening your journal…", id="detail", classes="muted")
        yield KeyFooter()

    def fetch(self, app: "AppServices") -> CatalogueData:
        from journal.rules.doses import to_dose

        assert app.journal is not None and app.catalogue is not None
        current = app.journal.current_doses()
        doses = {ex_id: to_dose(rec) for ex_id, rec in current.items()}
        enabled = app.journal.profile().enabled_exercises
        return CatalogueData(app.catalogue, doses, enabled, frozenset(current))

    def show(self, data: CatalogueData) -> None:
        self.data = data
        options = self.query_one("#exercise-list", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        exercises = list(data.catalogue.exercises.values())
        for region in REGION_ORDER:
            group = [e for e in exercises if e.region == region and self._listed(e, data)]
            if not group:
                continue
            options.add_option(Option(Text(region.upper(), style="bold"), disabled=True))
            for ex in group:
                label = Text(f"  {ex.name}")
                if ex.hidden:
                    label.append("  optional" if ex.id not in data.enabled else "  enabled", style="italic")
                options.add_option(Option(label, id=ex.id))
        if not self.show_optional and any(e.hidden for e in exercises):
            options.add_option(Option(Text(with_keys(self.app, "  press {catalogue.optional} for optional exercises"), style="italic"), disabled=True))
        ids = [o.id for o in options.options if o.id]
        if ids:
            target = keep if keep in ids else ids[0]
            options.highlighted = options.get_option_index(target)
        options.focus()

    def _listed(self, ex: "Exercise", data: CatalogueData) -> bool:
        return not ex.hidden or self.show_optional or ex.id in data.enabled

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.data is None or event.option.id is None:
            return
        ex = self.data.catalogue.exercises[event.option.id]
        dose = self.data.doses.get(ex.id, ex.dose)
        detail = self.query_one("#detail", Static)
        detail.update(
            exercise_detail(ex, dose, ex.id in self.data.changed, palette(self.app), shown_key(self.app, "catalogue.enable"))
        )
        detail.remove_class("muted")
        self.query_one("#exercise-detail").scroll_home(animate=False)
        self.refresh_bindings()  # `e` is only in reach on an optional exercise

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_enabled":
            option = self.query_one("#exercise-list", OptionList).highlighted_option
            ex = self.data.catalogue.exercises.get(option.id) if self.data and option and option.id else None
            return ex is not None and ex.hidden
        return True

    def action_toggle_optional(self) -> None:
        self.show_optional = not self.show_optional
        if self.data:
            self.show(self.data)

    def action_toggle_enabled(self) -> None:
        options = self.query_one("#exercise-list", OptionList)
        option = options.highlighted_option
        if self.data is None or option is None or option.id is None:
            return
        ex = self.data.catalogue.exercises[option.id]
        if not ex.hidden:
            self.notify(f"{ex.name} is always available.", timeout=4)
            return
        turn_on = ex.id not in self.data.enabled
        now = self.rehab.now()
        self.rehab.write(lambda j: j.set_exercise_enabled(now, ex.id, turn_on), what="profile")
        self.notify(f"{ex.name} {'enabled' if turn_on else 'disabled'}.", timeout=4)
