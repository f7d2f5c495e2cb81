"""The problems found in the user's catalogue files, as one list (opened from the single
notification at start, or the command palette): the file, the entry and what is wrong."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

#: Lines shown at most; a file with more problems is fixed from the top first anyway.
SHOWN = 500


def summary(problems: tuple[str, ...] | list[str]) -> str:
    """One line for the notification: how many, in how many files."""
    files = {p.split(": ", 1)[0] for p in problems}
    n, f = len(problems), len(files)
    return (
        f"{n:,} problem{'s' if n != 1 else ''} in {f} catalogue file{'s' if f != 1 else ''}; "
        "the faulty entries were left out. Open the list from the command palette "
        "(ctrl+p, \"Catalogue problems\")."
    )


def listing(problems: tuple[str, ...] | list[str]) -> Text:
    text = Text("\n".join(problems[:SHOWN]), no_wrap=False)
    if len(problems) > SHOWN:
        text.append(f"\n… and {len(problems) - SHOWN:,} more: fix these first, then start again")
    return text


class ProblemList(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Close the list", id="problems.close"),
        Binding("q", "close", "Close", show=False),
    ]
    DEFAULT_CSS = """
    ProblemList { align: center middle; }
    #problems-box { width: 90%; height: 80%; border: thick $warning; background: $surface; padding: 0 1; }
    #problems-text { height: 1fr; }
    """

    def __init__(self, problems: tuple[str, ...] | list[str]) -> None:
        super().__init__()
        self.problems = tuple(problems)

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-box"):
            n = len(self.problems)
            yield Static(
                f"{n:,} problem{'s' if n != 1 else ''} in your catalogue files (esc closes)",
                classes="modal-title",
            )
            with VerticalScroll(id="problems-text"):
                yield Static(listing(self.problems), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
