"""Theme colours for Rich renderables (tables, charts), which cannot read Textual's $variables."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.color import Color


@dataclass(frozen=True)
class Palette:
    success: str
    warning: str
    error: str
    primary: str
    accent: str
    muted: str

    def score(self, value: int) -> str:
        """0–2 calm, 3–5 caution, 6+ high (the pain-monitoring zones)."""
        return self.success if value <= 2 else self.warning if value <= 5 else f"bold {self.error}"


def _solid(value: str, background: str) -> str:
    """A Rich-parsable ``#rrggbb``: alpha (``#E0E0E099``) is blended onto the background."""
    return Color.parse(background).blend(Color.parse(value), Color.parse(value).a).hex6


def palette(app: App) -> Palette:
    """The theme's colours. On a light theme text uses the darker ``text-*`` shades, which
    stay readable on a pale background (the plain ones are made for dark backgrounds)."""
    v = app.theme_variables or app.get_css_variables()
    bg = v.get("background", "#000000")
    light = not app.current_theme.dark

    def pick(name: str, default: str) -> str:
        value = v.get(f"text-{name}", "") if light else ""
        if not value.startswith("#"):
            value = v.get(name, default)
        return _solid(value, bg)

    return Palette(
        success=pick("success", "#00aa00"),
        warning=pick("warning", "#aaaa00"),
        error=pick("error", "#aa0000"),
        primary=pick("primary", "#0000aa"),
        accent=pick("accent", "#aa00aa"),
        muted=_solid(v.get("foreground-muted", "#808080"), bg),
    )
