"""The award register as a database: decisions, awardees, awards, proposals (kit/register/store.py).

A layer of its own between the packs and kit/app: it knows SQL and the register's rules (one decision
once, register numbers never reused, writers one at a time), nothing of workbooks or Word documents.
"""

from typing import TYPE_CHECKING, Any

from .location import ENV_URL

if TYPE_CHECKING:
    from .store import (
        AwardRecord,
        DecisionRecord,
        HistoryRow,
        NewerStoreError,
        RecordResult,
        Store,
        backup,
        birth_shown,
        birth_text,
        category_of,
        key_of,
        open_store,
        resolve_url,
        upgrade,
    )


def __getattr__(name: str) -> Any:
    if name not in _STORE_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import store

    value = getattr(store, name)
    globals()[name] = value
    return value


__all__ = [
    "ENV_URL",
    "AwardRecord",
    "DecisionRecord",
    "HistoryRow",
    "NewerStoreError",
    "RecordResult",
    "Store",
    "backup",
    "birth_shown",
    "birth_text",
    "category_of",
    "key_of",
    "open_store",
    "resolve_url",
    "upgrade",
]

# The store and SQLAlchemy are imported on first use of one of its names (kit.register.location, for where the
# register is, needs neither).
_STORE_NAMES = frozenset(__all__) - {"ENV_URL"}
