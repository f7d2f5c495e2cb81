"""Alembic environment: always run by ``journal.store.engine`` on a connection it hands in."""

from alembic import context

from journal.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
