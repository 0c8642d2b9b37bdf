"""The page "Sổ khen thưởng" and its API: search a person or a collective, their history, a year's summary
as a table and a chart (awards per year by kind, inline SVG), the register exported to .xlsx.

Hooked into kit/web/app.py with one include line; it reads the server's register (KIT_DATABASE_URL or the
user's data folder) through kit.app.register. The access token of a server that is not on loopback is
asked by the Guard middleware (kit/web/security.py) for these pages as for every other.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from ..app import register as award_register
from ..errors import KitError
from . import security

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#d68910", "#7d3c98", "#17a2b8", "#7f8c8d")
CHART = {"width": 720, "height": 260, "left": 40, "bottom": 30, "top": 10}


class RegisterUnavailable(Exception):
    """The server's register cannot be read (unreachable, of an older or newer kit): `line` says why, in the
    page's words; kit/web/app.py answers it with that line (503), on a page or as the API's error."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


class _Register:
    """The server's store (kit serve --db, else KIT_DATABASE_URL, else the user's data folder), opened for
    each request that reads it (none until the first decision is recorded)."""

    def __init__(self, db: str | None) -> None:
        self.db = db

    @contextmanager
    def open(self) -> Iterator[award_register.Store | None]:
        store = award_register.existing_register(self.db)
        try:
            yield store
        finally:
            if store is not None:
                store.close()


def _person(row: tuple) -> dict[str, Any]:
    awardee_id, name, kind, birth, unit, count, identifier = row
    return {
        "id": awardee_id,
        "name": name,
        "kind": award_register.KIND_TEXT.get(kind, kind),
        "birth": award_register.birth_shown(birth),
        "identifier": identifier,  # namesakes born the same day told apart
        "unit": unit or "",
        "awards": count,
    }


def _history(rows: list) -> list[dict[str, Any]]:
    return [
        {
            "year": row.year,
            "award": row.award,
            "decision": row.number,
            "date": row.signed_on.strftime("%d/%m/%Y") if row.signed_on else "",
            "issuer": row.issuer,
            "unit": row.unit,
            "register_number": row.register_number,
        }
        for row in rows
    ]


def chart(per_year: list[tuple[int, str, int]]) -> dict[str, Any]:
    """Stacked bars: one per year, one colour per award (the six most given; the rest together)."""
    totals: dict[str, int] = defaultdict(int)
    for _, award, count in per_year:
        totals[award] += count
    named = [award for award, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:6]]
    legend = [(award, COLOURS[index]) for index, award in enumerate(named)]
    if len(totals) > len(named):
        legend.append(("Khác", COLOURS[-1]))
    years: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for year, award, count in per_year:
        years[year][award if award in named else "Khác"] += count
    if not years:
        return {"bars": [], "legend": legend, **CHART, "ticks": []}
    most = max(sum(counts.values()) for counts in years.values())
    inner = CHART["height"] - CHART["bottom"] - CHART["top"]
    step = (CHART["width"] - CHART["left"]) / len(years)
    bars = []
    for index, (year, counts) in enumerate(sorted(years.items())):
        x = CHART["left"] + index * step + step * 0.15
        y = float(CHART["top"] + inner)
        segments = []
        for award, colour in legend:
            count = counts.get(award, 0)
            if not count:
                continue
            height = inner * count / most
            y -= height
            segments.append(
                {"y": round(y, 1), "height": round(height, 1), "colour": colour, "title": f"{year} — {award}: {count}"}
            )
        bars.append(
            {
                "year": year,
                "x": round(x, 1),
                "width": round(step * 0.7, 1),
                "total": sum(counts.values()),
                "segments": segments,
            }
        )
    ticks = [
        {"value": value, "y": round(CHART["top"] + inner - inner * value / most, 1)}
        for value in sorted({0, most // 2, most})
    ]
    return {"bars": bars, "legend": legend, **CHART, "ticks": ticks}


def router(page, db: str | None = None) -> APIRouter:
    """The routes; `page(request, template, **context)` renders a page of the site (kit/web/app.py); `db`
    the server's register (kit serve --db)."""
    routes = APIRouter()
    register = _Register(db)

    async def read(action, empty):
        """`action(store)` in a worker thread, with the store opened for it; `empty` when there is none."""

        def work():
            with register.open() as store:
                return action(store) if store is not None else empty

        try:
            return await run_in_threadpool(work)
        except KitError as error:
            from .service import page_line

            raise RegisterUnavailable(page_line(error)) from None

    def overview(store, q: str, year: int | None, by: str) -> dict[str, Any]:
        per_year = store.per_year()
        years = sorted({row[0] for row in per_year}, reverse=True)
        chosen = year if year is not None else (years[0] if years else dt.date.today().year)
        return {
            "empty": not per_year,
            "people": [_person(row) for row in store.search(q)] if q.strip() else [],
            "summary": store.summary(chosen, by),
            "year": chosen,
            "chart": chart(per_year),
            "years": years,
        }

    @routes.get("/so-khen-thuong", include_in_schema=False)
    async def register_page(request: Request, q: str = "", nam: int | None = None, theo: str = "award"):
        by = theo if theo in ("unit", "award") else "award"
        nothing = {"empty": True, "people": [], "summary": [], "chart": chart([]), "years": []}
        found = await read(lambda store: overview(store, q, nam, by), nothing)
        return page(request, "register.html", nav="so", q=q, by=by, **found)

    @routes.get("/so-khen-thuong/nguoi/{awardee_id}", include_in_schema=False)
    async def person_page(request: Request, awardee_id: int):
        rows = await read(lambda store: store.history_of(awardee_id), [])
        if not rows:
            return page(
                request, "message.html", status=404, nav="so", error="Sổ khen thưởng không có người hay tập thể này"
            )
        first = rows[0]
        return page(
            request,
            "register_person.html",
            nav="so",
            person={
                "name": first.name,
                "kind": award_register.KIND_TEXT.get(first.kind, first.kind),
                "birth": award_register.birth_shown(first.birth),
                "identifier": first.identifier,
            },
            history=_history(rows),
        )

    @routes.get("/so-khen-thuong/so-khen-thuong.xlsx", include_in_schema=False)
    async def export_page(nam: int | None = None):
        return await api_export(nam)

    # -- the API --

    @routes.get("/api/v1/register/people", tags=["sổ khen thưởng"], summary="Tìm người, tập thể theo tên")
    async def api_people(q: str = Query(..., min_length=1, max_length=200)):
        rows = await read(lambda store: store.search(q), [])
        return [_person(row) for row in rows]

    @routes.get("/api/v1/register/people/{awardee_id}", tags=["sổ khen thưởng"], summary="Quá trình khen thưởng")
    async def api_person(awardee_id: int):
        rows = await read(lambda store: store.history_of(awardee_id), [])
        if not rows:
            return JSONResponse({"error": "Sổ khen thưởng không có người hay tập thể này"}, status_code=404)
        return {"name": rows[0].name, "birth": award_register.birth_shown(rows[0].birth), "history": _history(rows)}

    @routes.get(
        "/api/v1/register/summary", tags=["sổ khen thưởng"], summary="Tổng hợp một năm theo đơn vị hoặc hình thức"
    )
    async def api_summary(year: int = Query(..., ge=1900, le=2200), by: str = Query("award", pattern="^(unit|award)$")):
        rows = await read(lambda store: store.summary(year, by), [])
        return [{"label": label, "individuals": people, "collectives": groups} for label, people, groups in rows]

    @routes.get("/api/v1/register/export", tags=["sổ khen thưởng"], summary="Sổ khen thưởng dạng Excel (.xlsx)")
    async def api_export(year: int | None = None):
        content = await read(lambda store: award_register.export_bytes(store, year), None)
        if content is None:
            return JSONResponse({"error": "Sổ khen thưởng chưa có quyết định nào"}, status_code=404)
        name = f"so-khen-thuong-{year}.xlsx" if year else award_register.DEFAULT_EXPORT
        return Response(content, media_type=XLSX, headers={"Content-Disposition": security.content_disposition(name)})

    return routes
