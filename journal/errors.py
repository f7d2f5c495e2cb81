"""Errors the journal raises for a user to read: one line each, naming the file and what to do."""


class JournalError(Exception):
    """A journal cannot be opened or written; ``str(err)`` is the one-line message."""


class NotAJournal(JournalError):
    pass


class NewerSchema(JournalError):
    pass


class JournalUnavailable(JournalError):
    """Missing/read-only directory, read-only file, full disk, locked by another program."""


class InvalidValue(ValueError):
    """A value offered to the journal is out of range or malformed; nothing was stored."""


class FileProblem(JournalError):
    """A file outside the journal (an export's target, an import's source) cannot be used."""
