"""Where the award register is kept when no --db names it, known without loading SQLAlchemy: a dossier
with no register (the most common case) does not pay for the database library (0.24 s of imports)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_URL = "KIT_DATABASE_URL"
DEFAULT_FILE = "so-khen-thuong.sqlite"


def default_path() -> Path:
    """The register's SQLite file in the user's data folder, beside the user's packs ($KIT_DATA_HOME,
    %APPDATA%\\vanban-kit, ~/.local/share/vanban-kit): one folder holds what the kit keeps for a user."""
    from ..packs.discover import user_packs_dir

    return user_packs_dir().parent / DEFAULT_FILE


def default_register_missing() -> bool:
    """No register is named by KIT_DATABASE_URL and the default SQLite file does not exist yet."""
    return not os.environ.get(ENV_URL) and not default_path().exists()
