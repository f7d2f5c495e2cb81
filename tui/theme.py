"""Theme colours for Rich renderables (tables, charts), which cannot read Textual's $variables."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.color import Color, ColorParseError


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


def _parse(value: str, fallback: str) -> Color:
    """A colour from a theme variable; ``ansi_default 50%`` (the ANSI themes) is the colour at
    that alpha; what cannot be read is ``fallback``."""
    try:
        return Color.parse(value)
    except ColorParseError:
        base, _, alpha = value.partition(" ")
        try:
            colour = Color.parse(base)
            return colour.with_alpha(float(alpha.rstrip("%")) / 100) if alpha else colour
        except (ColorParseError, ValueError):
            return Color.parse(fallback)


def _solid(value: str, background: str) -> str:
    """A Rich-parsable ``#rrggbb``: alpha (``#E0E0E099``) is blended onto the background. An
    ANSI theme's colour stays a terminal colour name (``ansi_bright_blue`` → ``bright_blue``),
    so the terminal's own palette draws it, as it draws the rest of an ANSI theme."""
    if value.startswith("ansi_") and not value.startswith("ansi_default"):
        return value.split()[0][len("ansi_"):]
    colour = _parse(value, "#808080")
    return _parse(background, "#000000").blend(colour, colour.a).hex6


#: WCAG AA for normal text: warnings and the STOP banner are never below this.
MIN_CONTRAST = 4.5


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def lum(c: Color) -> float:
        def ch(v: int) -> float:
            v2 = v / 255
            return v2 / 12.92 if v2 <= 0.03928 else ((v2 + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(value: str, backgrounds: list[str], minimum: float = MIN_CONTRAST) -> str:
    """``value`` made lighter (on a dark background) or darker (on a light one), a step at a
    time, until it reaches ``minimum`` contrast on every background; its hue is kept."""
    bgs = [Color.parse(b) for b in backgrounds]
    colour = Color.parse(value)
    dark = sum(contrast(b, Color(0, 0, 0)) for b in bgs) < sum(contrast(b, Color(255, 255, 255)) for b in bgs)
    for _ in range(40):
        if min(contrast(colour, b) for b in bgs) >= minimum:
            break
        colour = colour.lighten(0.03) if dark else colour.darken(0.03)
    return colour.hex6


def palette(app: App, min_contrast: float | None = None) -> Palette:
    """The theme's colours. On a light theme text uses the darker ``text-*`` shades, which
    stay readable on a pale background (the plain ones are made for dark backgrounds).

    With ``min_contrast`` (the runner's warnings ask for 4.5, WCAG AA) each colour is lifted or
    darkened until it reaches that contrast on the theme's background, surface and panel."""
    v = app.theme_variables or app.get_css_variables()
    bg = v.get("background", "#000000")
    light = not app.current_theme.dark

    grounds = [_parse(bg, "#000000").hex6] + [_solid(v[k], bg) for k in ("surface", "panel") if v.get(k, "").startswith("#")]

    def pick(name: str, default: str) -> str:
        value = v.get(f"text-{name}", "") if light else ""
        if not value.startswith("#"):
            value = v.get(name, default)
        solid = _solid(value, bg)
        if not min_contrast:
            return solid
        if not solid.startswith("#"):
            # A terminal colour: its contrast is the terminal's to decide, and dark red on
            # black is common. Where contrast must hold, the terminal's own text colour.
            return "default"
        return readable(solid, grounds, min_contrast)

    return Palette(
        success=pick("success", "#00aa00"),
        warning=pick("warning", "#aaaa00"),
        error=pick("error", "#aa0000"),
        primary=pick("primary", "#0000aa"),
        accent=pick("accent", "#aa00aa"),
        # ANSI themes: the terminal's own dim grey (a blend of "ansi_default" is no colour at all).
        muted="bright_black" if v.get("foreground-muted", "").startswith("ansi_") else _solid(v.get("foreground-muted", "#808080"), bg),
    )


def best_text(background: Color) -> Color:
    """Black or white, whichever contrasts more with ``background``. (Textual's ``color: auto``
    picks by brightness, which gives white on the ANSI themes' yellow: 4.2:1.)"""
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    return black if contrast(black, background) >= contrast(white, background) else white
