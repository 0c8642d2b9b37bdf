"""The award register as a database: decisions, awardees, awards, proposals (kit/register/store.py).

A layer of its own between the packs and kit/app: it knows SQL and the register's rules (one decision
once, register numbers never reused, writers one at a time), nothing of workbooks or Word documents.
"""

from .store import (
    ENV_URL,
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
