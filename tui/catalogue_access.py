"""The app's catalogue: where the user's own files live, reading it again after a routine is
saved, and telling the user about problems in their files — once, with a count, however many
(one notification each froze the app for minutes on thousands of problems)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

if TYPE_CHECKING:
    from catalogue import Catalogue


class CatalogueAccess:
    """Mixed into the app (which provides ``config_dir``, ``catalogue``, ``data_version``)."""

    def tell_catalogue_problems(self, catalogue: "Catalogue") -> None:
        if catalogue.problems:
            from tui.screens.problems import summary

            self.notify(summary(catalogue.problems), title="Your catalogue files have problems",  # type: ignore[attr-defined]
                        severity="warning", timeout=15)

    def _user_catalogue_dir(self) -> Path:
        from tui.config import user_catalogue_dir

        return (self.config_dir / "catalogue") if self.config_dir else user_catalogue_dir()

    def user_catalogue_dir(self) -> Path:
        """Where the user's own exercises and routines live (Routines writes there)."""
        return self._user_catalogue_dir()

    def reload_catalogue(self) -> None:
        """Read the catalogue again (a routine was saved or deleted); screens reload."""
        self._reload_catalogue()

    @work(thread=True, exclusive=True, group="catalogue", exit_on_error=False)
    def _reload_catalogue(self) -> None:
        catalogue = self._load_catalogue()
        self.call_from_thread(self._catalogue_loaded, catalogue)

    def _catalogue_loaded(self, catalogue: "Catalogue") -> None:
        self.catalogue = catalogue
        self.tell_catalogue_problems(catalogue)
        self.data_version += 1

    def _load_catalogue(self) -> "Catalogue":
        from catalogue import load_catalogue

        return load_catalogue(self._user_catalogue_dir())

    def action_catalogue_problems(self) -> None:
        from tui.screens.problems import ProblemList

        if self.catalogue is not None:
            self.push_screen(ProblemList(self.catalogue.problems))

