"""Symptom ratings rendered as a compact table, coloured by severity."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable

from rich.table import Table
from rich.text import Text

from tui.days import friendly_day

if TYPE_CHECKING:
    from journal.records import CheckinRec
    from tui.theme import Palette

REGION_LABELS = {
    "neck": "Neck",
    "left_hand": "Left hand",
    "right_hand": "Right hand",
    "left_arm": "Left arm",
    "right_arm": "Right arm",
}
CONTEXT_LABELS = {
    "before": "before session",
    "after": "after session",
    "next_morning": "morning",
    "ad_hoc": "check-in",
}


def score_text(value: int, colours: "Palette") -> Text:
    return Text(f"{value:>2}", style=colours.score(value))


def when_text(rec: "CheckinRec", today: date) -> str:
    return f"{friendly_day(rec.local_day, today)}, {CONTEXT_LABELS.get(rec.context, rec.context)}"


def symptom_table(records: Iterable["CheckinRec"], today: date, colours: "Palette") -> Table:
    table = Table(box=None, expand=True, pad_edge=False, collapse_padding=True, header_style="bold")
    table.add_column("Region", no_wrap=True, min_width=10)
    for name in ("Pain", "Numb", "Tingle", "Weak"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    table.add_column("When", overflow="ellipsis", no_wrap=True, style=colours.muted, ratio=1)
    for rec in sorted(records, key=lambda r: list(REGION_LABELS).index(r.region)):
        table.add_row(
            REGION_LABELS.get(rec.region, rec.region),
            score_text(rec.pain, colours),
            score_text(rec.numbness, colours),
            score_text(rec.tingling, colours),
            score_text(rec.weakness, colours),
            when_text(rec, today),
        )
    return table
