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
    jobs = list(jobs)
    first: dict[Path, int] = {}
    for index, job in enumerate(jobs):
        first.setdefault(job.template, index)
    done = {index: _render(jobs[index]) for index in first.values()}
    rest = ordered_map(_render, [job for index, job in enumerate(jobs) if index not in done], processes)
    results: list[bytes] = []
    for index in range(len(jobs)):
        results.append(done[index] if index in done else next(rest))
        if progress:
            progress(len(results), len(jobs))
    return results
