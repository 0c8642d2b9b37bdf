"""The register's Alembic migrations (env.py and versions/), run by kit.register.store."""
