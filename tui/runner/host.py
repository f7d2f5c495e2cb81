"""The runner's one door to the app: ``tui.services`` (the app's small typed interface).

Runner modules never import ``tui.app``; they call :func:`host` for the running app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.services import services

if TYPE_CHECKING:
    from tui.services import ServicesApp


def host(node: Any) -> "ServicesApp":
    """The app a widget or screen runs in, as the runner sees it (``tui.services``)."""
    return services(node.app)
