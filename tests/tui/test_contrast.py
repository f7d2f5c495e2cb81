"""Contrast: the safety line, the STOP banner and the runner's warnings are readable under every
built-in Textual theme — a WCAG contrast ratio of at least 4.5:1 for every character drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Static

from journal.rules.redflags import ITEMS, standing_stop
from journal.records import RedFlagRec
from tui.screens.today import SAFETY_LINE
from tui.theme import MIN_CONTRAST, palette
from tui.widgets.readable import ReadableStatic
from tui.widgets.stop_banner import StopBanner

ROOT = Path(__file__).resolve().parents[2]
THEMES = sorted(App().available_themes)


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Probe(App):
    CSS_PATH = [str(ROOT / "tui" / "app.tcss"), str(ROOT / "tui" / "screens" / "today.tcss"), str(ROOT / "tui" / "runner" / "runner.tcss")]

    def compose(self) -> ComposeResult:
        yield ReadableStatic(SAFETY_LINE, id="safety-line")  # as Today has it
        yield StopBanner(id="stop")
        yield Static("", id="run-cue")

    def paint(self) -> None:
        flag = next(iter(ITEMS))
        rec = RedFlagRec(1, "2026-11-24T08:30:00+01:00", flag, ITEMS[flag].severity, "", None)
        self.query_one(StopBanner).show_stop(standing_stop([rec]))
        c = palette(self, MIN_CONTRAST)  # as the runner draws its warnings
        warnings = Text()
        for style in (f"bold {c.warning}", f"bold {c.error}", c.warning, c.error, f"bold {c.success}", f"bold reverse {c.primary}"):
            warnings.append("Pain 7 is above 5: end this set (x) and rest. ", style=style)
        self.query_one("#run-cue", Static).update(warnings)


def colour(c, fallback):
    if c is None or c.is_default:
        return fallback
    return tuple(c.get_truecolor())


@pytest.mark.parametrize("theme", THEMES)
async def test_safety_line_stop_banner_and_warnings_are_readable(theme):
    app = Probe()
    async with app.run_test(size=(100, 20)) as pilot:
        app.theme = theme
        await pilot.pause()
        app.paint()
        await pilot.pause()
        await pilot.pause()
        bad = []
        for wid in ("#safety-line", "#stop", "#run-cue"):
            widget = app.query_one(wid)
            base_fg = tuple(widget.styles.color.rgb)
            base_bg = tuple(widget.background_colors[1].rgb)
            for y, strip in enumerate(widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))):
                for seg in strip:
                    # Border glyphs are decoration, not text (WCAG asks 3:1 of those; not checked).
                    if not seg.text.strip(" █▌▐▎▊┃│") or seg.style is None:
                        continue
                    fg, bg = colour(seg.style.color, base_fg), colour(seg.style.bgcolor, base_bg)
                    if seg.style.reverse:
                        fg, bg = bg, fg
                    r = ratio(fg, bg)
                    if r < 4.5:
                        bad.append(f"{wid} line {y} {seg.text.strip()[:20]!r}: {r:.2f} ({fg} on {bg})")
        assert not bad, f"{theme}: " + "; ".join(bad[:6])


@pytest.mark.parametrize("theme", THEMES)
async def test_warning_dialog_title_and_body_are_readable(theme):
    """The before-session caution and the red-flag confirmations are danger dialogs."""
    from tui.screens.choice import Choice, ChoiceScreen

    app = Probe()
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.pause()
        app.push_screen(ChoiceScreen("Careful today", "Your symptoms are higher than usual today.", [Choice("g", "Go on", True)], danger=True))
        await pilot.pause()
        await pilot.pause()
        bad = []
        for selector in (".modal-title", "#choice-body"):
            widget = app.screen.query_one(selector)
            base_fg = tuple(widget.styles.color.rgb)
            base_bg = tuple(widget.background_colors[1].rgb)
            for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
                for seg in strip:
                    if not seg.text.strip() or seg.style is None:
                        continue
                    fg, bg = colour(seg.style.color, base_fg), colour(seg.style.bgcolor, base_bg)
                    if ratio(fg, bg) < 4.5:
                        bad.append(f"{selector} {seg.text.strip()[:16]!r}: {ratio(fg, bg):.2f}")
        assert not bad, f"{theme}: " + "; ".join(bad[:4])
