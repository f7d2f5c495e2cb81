"""The STOP banner: shown while a reported red flag is open, with what to do about it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from tui.widgets.readable import ReadableStatic

if TYPE_CHECKING:  # imported for types only: Today's first frame does not need the red-flag rules
    from journal.rules.redflags import Stop

#: How much the banner says: the headline only, with what to do, or also what was reported.
LINE, SHORT, FULL = "line", "short", "full"


def stop_text(stop: "Stop", detail: str = FULL, key: str = "!") -> Text:
    """The banner's words; ``key`` is the red-flag check's key (``!`` unless remapped)."""
    text = Text()
    text.append(f" {stop.severity.title} ", style="bold reverse")
    if detail != LINE:
        text.append("  " + stop.severity.action)
    if detail == FULL:
        text.append("\nYou reported: " + "; ".join(stop.reported) + ".")
        text.append(f"\nPress {key} for details, or to mark it reviewed once a clinician has seen you.", style="bold")
    else:
        text.append(f"  Press {key} for details or to mark it reviewed." if detail == LINE else f"  Press {key} to review.", style="bold")
    return text


class StopBanner(ReadableStatic):
    """Hidden when no STOP stands; :meth:`show_stop` shows or hides it."""

    DEFAULT_CSS = """
    StopBanner {
        display: none;
        height: auto;
        padding: 0 1;
        background: $error-muted;
        color: $text;  /* then black or white, whichever reads best (ReadableStatic) */
        border-left: thick $error;
    }
    StopBanner.-on {
        display: block;
    }
    """

    def show_stop(self, stop: "Stop | None", detail: str = FULL, key: str = "!") -> None:
        self.set_class(stop is not None, "-on")
        self.update(stop_text(stop, detail, key) if stop is not None else "")
