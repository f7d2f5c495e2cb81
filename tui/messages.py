"""Messages that workers send back to the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from catalogue import Catalogue
    from journal.api import Journal
    from journal.records import ProfileRec


class JournalOpened(Message):
    """The journal is open and the catalogue loaded (sent once, from the opening worker)."""

    def __init__(self, journal: "Journal", catalogue: "Catalogue", profile: "ProfileRec") -> None:
        super().__init__()
        self.journal = journal
        self.catalogue = catalogue
        self.profile = profile


class JournalChanged(Message):
    """Something was written; screens showing journal data reload it."""

    def __init__(self, what: str = "", detail: Any = None) -> None:
        super().__init__()
        self.what = what
        self.detail = detail
