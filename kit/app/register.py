"""The award register in the application: a new dossier checked against it (warnings only, each naming
the register rows it relies on); the file itself (reading, appending, the summary) is kit/register_file.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..award_law import AwardLaw
from ..errors import Problem
from ..register_file import (
    DEFAULT_NAME,
    AppendResult,
    Register,
    append,
    certificate_numbers,
    read,
    summary,
    to_bytes,
)
from ..vn import identity_key

__all__ = [
    "DEFAULT_NAME",
    "AppendResult",
    "Register",
    "append",
    "certificate_numbers",
    "check_dossier",
    "read",
    "summary",
    "to_bytes",
]


def _row_text(row: dict[str, Any]) -> str:
    day = row.get("ngay_quyet_dinh")
    when = f" ngày {day:%d/%m/%Y}" if isinstance(day, dt.date) else ""
    return f"dòng {row.get('stt')}: QĐ {row.get('so_quyet_dinh') or '(chưa số)'}{when}, {row.get('hinh_thuc')}"


def _certainty(criterion: dict) -> str:
    # "S" is an article quoting the text, never the text itself (domain.md H14)
    return {"S": "theo bài viết trích dẫn văn bản", "R": "theo nguồn tin cậy, chưa đối chiếu văn bản gốc"}.get(
        criterion.get("certainty", ""), "CHƯA KIỂM CHỨNG"
    )


def _again_hint(award: str, law: AwardLaw | None) -> str:
    """What the law says of the same award twice (domain.md H7): a danh hiệu is yearly; a hình thức may be
    given again, but one achievement earns one award only (Luật Thi đua, khen thưởng 2022 Điều 5.2.c)."""
    rule = law.award(award) if law is not None else None
    if rule is not None and rule.is_title:
        return "kiểm tra lại: danh hiệu thi đua xét mỗi năm một lần"
    return (
        "kiểm tra lại: một hình thức khen thưởng có thể tặng nhiều lần cho cùng một người, nhưng mỗi thành tích "
        "chỉ được khen một lần (Luật Thi đua, khen thưởng 2022 Điều 5 khoản 2 điểm c)"
    )


def check_dossier(
    register_path: Path,
    workbook_name: str,
    candidates: list,
    year: int,
    criteria: list[dict],
    prior_rows: dict[str, list[dict]] | None = None,
    law: AwardLaw | None = None,
) -> list[Problem]:
    """Warnings for a new dossier: a candidate already awarded the same title in `year` (from the
    register), and each criterion of the pack (criteria data) a candidate does not visibly meet. Never
    errors: the register may be incomplete and a criterion may be unverified."""
    rows = read(register_path).rows if Path(register_path).exists() else []
    by_person: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("ten"):
            by_person.setdefault(identity_key(row["ten"]), []).append(row)
    warnings = []
    register_name = Path(register_path).name
    for c in candidates:
        key = identity_key(c.name)
        mine = by_person.get(key, [])
        same = [
            row
            for row in mine
            if row.get("hinh_thuc") == c.award
            and isinstance(row.get("ngay_quyet_dinh"), dt.date)
            and row["ngay_quyet_dinh"].year == year
        ]
        if same:
            warnings.append(
                Problem(
                    workbook_name,
                    "Danh sách",
                    c.row.cells.get("ten"),
                    "Họ và tên / Tên tập thể",
                    f"“{c.name}” đã được {c.award} năm {year} theo {register_name} "
                    f"({'; '.join(_row_text(r) for r in same)})",
                    _again_hint(c.award, law),
                    code="KIT404",
                )
            )
        for criterion in criteria:
            if criterion.get("award") != c.award or criterion.get("kind", c.kind) != c.kind:
                continue
            needed = int(criterion.get("consecutive_years", 1))
            years = {
                row["ngay_quyet_dinh"].year: row
                for row in mine
                if row.get("hinh_thuc") == criterion.get("requires") and isinstance(row.get("ngay_quyet_dinh"), dt.date)
            }
            for award in (prior_rows or {}).get(key, []):
                if award.get("hinh_thuc") == criterion.get("requires") and isinstance(award.get("nam"), int):
                    years.setdefault(
                        award["nam"],
                        {
                            "stt": "sheet Khen thưởng đã nhận",
                            "so_quyet_dinh": award.get("so_quyet_dinh"),
                            "ngay_quyet_dinh": award.get("ngay"),
                            "hinh_thuc": award.get("hinh_thuc"),
                        },
                    )
            run = _longest_run_ending(years, year)
            if run >= needed:
                continue
            relied = "; ".join(_row_text(years[y]) for y in sorted(years)) or "không có dòng nào"
            alternative = " (một trong các tiêu chuẩn)" if criterion.get("alternative") else ""
            warnings.append(
                Problem(
                    workbook_name,
                    "Danh sách",
                    c.row.cells.get("hinh_thuc"),
                    "Hình thức đề nghị",
                    f"“{c.name}” đề nghị {c.award}: tiêu chuẩn{alternative} “{criterion.get('text', '')}” "
                    f"— sổ và sheet Khen thưởng đã nhận chỉ cho thấy {run} năm liên tục ({relied}); "
                    f"nguồn: {criterion.get('source', '?')} [{_certainty(criterion)}]",
                    "kiểm tra hồ sơ khen thưởng của người này; đây là cảnh báo, không phải lỗi",
                    code="KIT405",
                )
            )
    return warnings


def _longest_run_ending(years: dict[int, Any], year: int) -> int:
    """Consecutive years with the title, ending in `year` or the year before (this year's may be pending)."""
    best = 0
    for end in (year, year - 1):
        run = 0
        while end - run in years and run < 100:
            run += 1
        best = max(best, run)
    return best
