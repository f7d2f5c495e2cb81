"""The store: where the journal lives on disk and how it is opened, locked, checked and migrated.

Everything here touches the file system or SQLite. The decisions are in ``journal.rules``.
"""
