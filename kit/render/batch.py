"""Render many documents: in this process for a few, on every core for a batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ..gcfreeze import frozen_for_batch
from ..parallel import ordered_map
from .docx import prepare_template, render_template


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
    documents are done. Each template is compiled here (and a template error raised) before a pool forks."""
    return [data for data, _ in render_each(jobs, None, progress, processes)]


def render_each(
    jobs: Sequence[Job],
    then: Callable[[bytes], Any] | None,
    progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
    each: Callable[[int, bytes], None] | None = None,
) -> list[tuple[bytes, Any]]:
    """render_many, with `then(bytes)` of each document computed where it was rendered (on the same
    core, from the bytes in memory: a self-check reads nothing back): (bytes, then's result) pairs.
    `each(index, bytes)` receives each document here as soon as it is back, while the other cores are
    still rendering (a dossier stages its files meanwhile)."""
    jobs = list(jobs)

    def work(job: Job) -> tuple[bytes, Any]:
        data = _render(job)
        return data, then(data) if then is not None else None

    # Each template is compiled here, before the pool forks: the workers inherit it compiled. The
    # documents are all rendered by the pool: a long one (the list of a thousand candidates) is not
    # rendered here while the other cores wait.
    labels: dict[Path, str | None] = {}
    for job in jobs:
        labels.setdefault(Path(job.template), job.label)
    for template, label in labels.items():
        prepare_template(template, label)
    results: list[tuple[bytes, Any]] = []
    with frozen_for_batch():
        for outcome in ordered_map(work, jobs, processes):
            if each is not None:
                each(len(results), outcome[0])
            results.append(outcome)
            if progress:
                progress(len(results), len(jobs))
    return results
