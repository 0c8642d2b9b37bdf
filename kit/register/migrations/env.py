"""Alembic's environment for the register: always run by kit.register.store with an open connection
(config.attributes["connection"]); there is no alembic.ini and no offline mode."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
