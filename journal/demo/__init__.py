"""``rehab-tui demo``: a realistic, deterministic history for an empty journal."""
