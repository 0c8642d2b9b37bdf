"""Render many documents: in this process for a few, on every core for a batch."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional, Sequence

from .docx import render_template

# Below this many documents a pool costs more (its start, sending contexts) than it saves.
POOL_THRESHOLD = 40


class Job(NamedTuple):
    """One document to render."""

    template: Path
    context: dict[str, Any]
    provenance: Optional[dict[str, str]] = None
    label: Optional[str] = None  # what the error messages call the template


def _render(job: Job) -> bytes:
    return render_template(Path(job.template), job.context, job.provenance, job.label)


def workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def render_many(jobs: Sequence[Job], progress: Optional[Callable[[int, int], None]] = None,
                processes: Optional[int] = None) -> list[bytes]:
    """The bytes of each job's document, in the order of `jobs`.

    `progress(done, total)` is called as documents are done. The first document of each template is
    rendered here, so each template is compiled (and a template error raised) before the pool forks."""
    processes = processes or workers()
    results: list[bytes] = []
    pending = list(jobs)
    if len(pending) < POOL_THRESHOLD or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for job in pending:
            results.append(_render(job))
            if progress:
                progress(len(results), len(pending))
        return results
    first = {}
    for index, job in enumerate(pending):
        first.setdefault(job.template, index)
    done = {index: _render(pending[index]) for index in first.values()}  # compiles each template here
    chunk = max(1, min(64, len(pending) // (processes * 4)))
    # fork: the workers inherit the compiled templates instead of compiling them again.
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        rest = [job for index, job in enumerate(pending) if index not in done]
        rendered = pool.map(_render, rest, chunksize=chunk)
        for index in range(len(pending)):
            results.append(done[index] if index in done else next(rendered))
            if progress:
                progress(len(results), len(pending))
    return results
