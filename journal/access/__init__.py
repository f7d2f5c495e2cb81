"""The parts of the ``journal.api.Journal`` façade, one module per kind of record.

Each part is a mixin over ``journal.store.handle.JournalHandle`` (open, close, remember,
read, write); ``profile``, ``sessions`` (sessions and their sets),
``checkins``, ``flags`` (red flags) and ``doses`` (doses and suggestion decisions) read and
write their own tables. Callers never import these modules: they use ``journal.api``.
"""
