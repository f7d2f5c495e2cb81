"""Per-user locations outside the journal: the config directory and its catalogue files."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "REHAB_TUI_CONFIG"


def config_dir() -> Path:
    """``$REHAB_TUI_CONFIG`` or the platform's per-user config dir (e.g. ~/.config/rehab-tui)."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    import platformdirs

    return platformdirs.user_config_path("rehab-tui")


def user_catalogue_dir() -> Path:
    return config_dir() / "catalogue"
