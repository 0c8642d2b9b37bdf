"""The garbage collector during a batch: what was alive before it is left out of the collector's passes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # batches inside one another (a dossier's rendering checks each document): the outermost decides


@contextmanager
def frozen_for_batch() -> Iterator[None]:
    """While inside, the objects alive on entry — modules, compiled patterns and templates, the rules, the
    caller's inputs — are moved out of the cyclic garbage collector's reach (gc.freeze). A batch makes and
    drops millions of small objects, and every full collection it sets off would otherwise walk all of
    those long-lived ones again: a fifth of `kit check`'s time on the corpus. On leaving they are handed
    back (gc.unfreeze), so nothing outlives the batch that would not have. Workers forked inside inherit
    the freeze, which also keeps their memory pages shared with this process (CPython's advice for gc.freeze)."""
    global _depth
    with _lock:
        _depth += 1
        if _depth == 1:
            gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()
