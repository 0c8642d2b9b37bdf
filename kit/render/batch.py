"""Render many documents: in this process for a few, on every core for a batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ..parallel import ordered_map
from .docx import render_template


class Job(NamedTuple):
    """One document to render."""

    template: Path
    context: dict[str, Any]
    provenance: dict[str, str] | None = None
    label: str | None = None  # what the error messages call the template


def _render(job: Job) -> bytes:
    return render_template(Path(job.template), job.context, job.provenance, job.label)


def render_many(
    jobs: Sequence[Job], progress: Callable[[int, int], None] | None = None, processes: int | None = None
) -> list[bytes]:
    """The bytes of each job's document, in the order of `jobs`; `progress(done, total)` is called as
    documents are done. The first document of each template is rendered here, so each template is
    compiled (and a template error raised) before a pool forks."""
    return [data for data, _ in render_each(jobs, None, progress, processes)]


def render_each(
    jobs: Sequence[Job],
    then: Callable[[bytes], Any] | None,
    progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
) -> list[tuple[bytes, Any]]:
    """render_many, with `then(bytes)` of each document computed where it was rendered (on the same
    core, from the bytes in memory: a self-check reads nothing back): (bytes, then's result) pairs."""
    jobs = list(jobs)

    def work(item: tuple[Job, bytes | None]) -> tuple[bytes, Any]:
        job, data = item
        data = _render(job) if data is None else data
        return data, then(data) if then is not None else None

    # The first document of each template is rendered here (the template compiled before the pool
    # forks); what `then` does with it is left to the pool with the rest.
    first: dict[Path, int] = {}
    for index, job in enumerate(jobs):
        first.setdefault(job.template, index)
    rendered = {index: _render(jobs[index]) for index in first.values()}
    items = [(job, rendered.get(index)) for index, job in enumerate(jobs)]
    if then is None:  # nothing more to do for those: the pool renders the others only
        done = {index: (data, None) for index, data in rendered.items()}
        rest = ordered_map(work, [item for index, item in enumerate(items) if index not in done], processes)
    else:
        done, rest = {}, ordered_map(work, items, processes)
    results: list[tuple[bytes, Any]] = []
    for index in range(len(jobs)):
        results.append(done[index] if index in done else next(rest))
        if progress:
            progress(len(results), len(jobs))
    return results
