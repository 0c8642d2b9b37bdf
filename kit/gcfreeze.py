"""The garbage collector during a batch: what was alive before it is left out of the collector's passes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # batches inside one another (a dossier's rendering checks each document): the outermost decides
_thresholds: tuple[int, ...] = gc.get_threshold()  # the collector's thresholds before the outermost batch
BATCH_THRESHOLD = 50_000


@contextmanager
def frozen_for_batch() -> Iterator[None]:
    """While inside, the objects alive on entry — modules, compiled patterns and templates, the rules, the
    caller's inputs — are moved out of the cyclic garbage collector's reach (gc.freeze). A batch makes and
    drops millions of small objects, and every full collection it sets off would otherwise walk all of
    those long-lived ones again: a fifth of `kit check`'s time on the corpus. On leaving they are handed
    back (gc.unfreeze), so nothing outlives the batch that would not have. Workers forked inside inherit
    the freeze, which also keeps their memory pages shared with this process (CPython's advice for gc.freeze).

    The youngest generation is also collected less often while inside (every BATCH_THRESHOLD allocations
    instead of 700): a document's model is freed by reference counting as soon as it is checked, and the
    collector's hundreds of passes over objects still in use found almost nothing (about 3,000 objects in
    the whole corpus; a twentieth of a millisecond a document saved for every pass not made)."""
    global _depth, _thresholds
    with _lock:
        _depth += 1
        if _depth == 1:
            gc.freeze()
            _thresholds = gc.get_threshold()
            gc.set_threshold(max(_thresholds[0], BATCH_THRESHOLD), *_thresholds[1:])
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_thresholds)
                gc.unfreeze()
