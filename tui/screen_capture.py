"""The palette's "Screenshot": where the SVG goes when ~/Downloads does not exist."""

from __future__ import annotations

from pathlib import Path


def screenshot_folder(downloads: Path | None, data_folder: Path) -> Path:
    """``downloads`` when it is a folder, else the journal's own folder (which exists)."""
    if downloads is not None and downloads.is_dir():
        return downloads
    return data_folder


def save_screenshot(app, filename: str | None = None, path: str | None = None) -> None:  # noqa: ANN001
    """Save the screen as SVG into ~/Downloads or, without one, beside the journal; say where."""
    import platformdirs

    try:
        downloads: Path | None = platformdirs.user_downloads_path()
    except Exception:  # noqa: BLE001 - no downloads folder known on this system
        downloads = None
    folder = Path(path) if path else screenshot_folder(downloads, Path(app.db_path).parent)
    try:
        app.deliver_screenshot(filename, str(folder))
    except OSError as err:
        app.notify(f"{folder}: {err.strerror or err}", title="Screenshot not saved", severity="error", timeout=10)
        return
    # Textual says where it was saved (or that it failed) once the file is written.
