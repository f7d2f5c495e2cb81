"""The yardstick for first paint (B1): a bare Textual app with one Static and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

MARKER = "Bare Textual app"  # cases.BARE_MARKER


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    Bare().run()
