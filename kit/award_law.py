"""The award law as data: who may decide each award, who proposes it, the money and the certificate it
carries (pack data award-law and rewards, templates/data/). Plain functions over the data tables, used by
the dossier and decision builders (kit.documents), the certificates (kit.app) and kit check's VB9xx rules
(kit.checks, which receive the tables through their CheckContext): one reading of the law for all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from functools import lru_cache
from typing import Any

from .vn import identity_key

SOURCED = ("S", "R")  # certainties printed in a document; U is "chưa xác minh"
CERTAINTY_TEXT = {
    "S": "theo bài viết trích dẫn văn bản",  # H14: never "đã đối chiếu văn bản"
    "R": "theo nguồn thứ cấp đáng tin cậy",
    "U": "chưa xác minh",
}
KINDS = ("ca_nhan", "tap_the")


# Remembered: a dossier compares each candidate's award with every award the law names (a thousand
# candidates, the same few dozen names), and the text alone decides the answer.
@lru_cache(maxsize=4096)
def normal(text: str) -> str:
    """An authority or award name compared: case folded, single spaces, "UBND" and "uỷ" written out."""
    key = identity_key(text or "").replace("uỷ", "ủy")
    key = re.sub(r"\bubnd\b", "ủy ban nhân dân", key)
    return re.sub(r"\btp\.?\s", "thành phố ", key)


@dataclass(frozen=True)
class Authority:
    id: str
    title: str
    titles: tuple[re.Pattern[str], ...]
    agencies: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class AwardRule:
    name: str
    category: str  # "danh_hieu" or "hinh_thuc"
    decided_by: tuple[str, ...]
    proposed_by: tuple[str, ...]
    certificate: str  # a certificate layout id, or "" (money only)
    source: str
    certainty: str

    @property
    def is_title(self) -> bool:
        return self.category == "danh_hieu"


def _patterns(entry: Mapping[str, Any], key: str) -> tuple[re.Pattern[str], ...]:
    found = []
    for text in entry.get(key) or ():
        try:
            found.append(re.compile(normal(str(text))))
        except re.error:
            continue  # kit packs lint reports it
    return tuple(found)


@dataclass(frozen=True)
class AwardLaw:
    authorities: tuple[Authority, ...] = ()
    awards: tuple[AwardRule, ...] = ()

    @classmethod
    def from_data(cls, table: Mapping[str, Any] | None) -> AwardLaw:
        """From the award-law data table (its [[authorities]] and [[awards]]); entries without an id or a
        name are skipped (kit packs lint reports them)."""
        table = table or {}
        authorities = tuple(
            Authority(str(a["id"]), str(a.get("title") or a["id"]), _patterns(a, "titles"), _patterns(a, "agencies"))
            for a in table.get("authorities") or ()
            if isinstance(a, Mapping) and a.get("id")
        )
        awards = tuple(
            AwardRule(
                name=str(a["name"]),
                category=str(a.get("category") or "hinh_thuc"),
                decided_by=tuple(a.get("decided_by") or ()),
                proposed_by=tuple(a.get("proposed_by") or ()),
                certificate=str(a.get("certificate") or ""),
                source=str(a.get("source") or ""),
                certainty=str(a.get("certainty") or "U"),
            )
            for a in table.get("awards") or ()
            if isinstance(a, Mapping) and a.get("name")
        )
        return cls(authorities, awards)

    def authority(self, authority_id: str) -> Authority | None:
        return next((a for a in self.authorities if a.id == authority_id), None)

    def issuer(self, tham_quyen: str = "", agency: str = "") -> Authority | None:
        """The authority a decision's authority line ("Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"), or else its
        issuing agency ("Sở Nội vụ"), names; None when neither is recognised."""
        for text, key in ((tham_quyen, "titles"), (agency, "agencies")):
            said = normal(text)
            if not said:
                continue
            for authority in self.authorities:
                if any(p.match(said) for p in getattr(authority, key)):
                    return authority
        return None

    def award(self, name: str) -> AwardRule | None:
        """The rule of an award as a document names it: its name, or its name going on after a space
        ("Giấy khen của Giám đốc Sở Nội vụ"); the longest name that fits."""
        said = normal(name)
        fitting = [a for a in self.awards if said == normal(a.name) or said.startswith(normal(a.name) + " ")]
        return max(fitting, key=lambda a: len(a.name), default=None)

    def deciders(self, rule: AwardRule) -> str:
        """“Chủ tịch Ủy ban nhân dân tỉnh” — who decides the award, in words."""
        titles = [a.title for a in (self.authority(i) for i in rule.decided_by) if a is not None]
        return " hoặc ".join(titles) if titles else "cấp có thẩm quyền"

    def may_decide(self, authority: Authority, rule: AwardRule) -> bool:
        return authority.id in rule.decided_by

    def may_propose(self, authority: Authority, rule: AwardRule) -> bool:
        return authority.id in rule.proposed_by


def refusal(law: AwardLaw, issuer: Authority, rule: AwardRule) -> tuple[str, str]:
    """What is wrong and what to do when `issuer` grants `rule`'s award: (message, hint)."""
    message = f"{rule.name} do {law.deciders(rule)} quyết định, không thuộc thẩm quyền của {issuer.title}"
    if law.may_propose(issuer, rule):
        hint = f"{issuer.title} lập Tờ trình đề nghị {law.deciders(rule)} quyết định ({rule.source})"
    else:
        hint = f"để {law.deciders(rule)} quyết định ({rule.source})"
    return message, hint


# -- money ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    award: str  # the rate's award name in the data
    kind: str
    multiple: Decimal
    source: str
    certainty: str


def rate(rewards: Mapping[str, Any] | None, award: str, kind: str) -> Rate | None:
    """The sourced (certainty S or R) money rate of an award for an individual or a collective, matched as
    AwardLaw.award matches names; None when the data has none."""
    said = normal(award)
    fitting = [
        r
        for r in (rewards or {}).get("rewards") or ()
        if isinstance(r, Mapping)
        and r.get("name")
        and (said == normal(str(r["name"])) or said.startswith(normal(str(r["name"])) + " "))
    ]
    entry = max(fitting, key=lambda r: len(str(r["name"])), default=None)
    if entry is None or entry.get("certainty") not in SOURCED or not entry.get("source"):
        return None
    multiple = entry.get(kind)
    if isinstance(multiple, bool) or not isinstance(multiple, (int, float)):
        return None
    return Rate(str(entry["name"]), kind, Decimal(str(multiple)), str(entry["source"]), str(entry["certainty"]))


def base_salary(rewards: Mapping[str, Any] | None, on: dt.date) -> Mapping[str, Any] | None:
    """The mức lương cơ sở in force on `on` (the latest entry from on or before it), with its source."""
    entries: Sequence[Any] = (rewards or {}).get("base_salary") or ()
    valid = [
        e
        for e in entries
        if isinstance(e, Mapping) and isinstance(e.get("from"), dt.date) and isinstance(e.get("amount"), int)
    ]
    earlier = [e for e in valid if e["from"] <= on]
    return max(earlier, key=lambda e: e["from"], default=None)


def amount(multiple: Decimal, salary: int) -> int:
    """multiple × mức lương cơ sở, rounded up to tens of thousands of đồng (NĐ 152/2025 Điều 49)."""
    tens = (multiple * Decimal(salary) / Decimal(10000)).to_integral_value(rounding=ROUND_CEILING)
    return int(tens) * 10000


def money(rewards: Mapping[str, Any] | None, award: str, kind: str, on: dt.date) -> int | None:
    """The money an award gives one individual or collective on the decision's date; None without a
    sourced rate or a known mức lương cơ sở."""
    found, salary = rate(rewards, award, kind), base_salary(rewards, on)
    if found is None or salary is None:
        return None
    return amount(found.multiple, int(salary["amount"]))


def money_text(rewards: Mapping[str, Any] | None, award: str, kind: str, on: dt.date) -> str:
    """The money column of the award register: “3.510.000 đồng (1,5 lần mức lương cơ sở)”; what is missing
    when the data cannot tell."""
    found, salary = rate(rewards, award, kind), base_salary(rewards, on)
    if found is None:
        return "chưa có mức tiền thưởng có nguồn trong dữ liệu"
    multiple = f"{float(found.multiple):.1f}".replace(".", ",")
    if salary is None:
        return f"{multiple} lần mức lương cơ sở (chưa có mức lương cơ sở ngày {on:%d/%m/%Y} trong dữ liệu)"
    return f"{dong(amount(found.multiple, int(salary['amount'])))} đồng ({multiple} lần mức lương cơ sở)"


def dong(value: int) -> str:
    """2.340.000 — đồng written with dots between thousands."""
    return f"{value:,}".replace(",", ".")


# -- what kit packs lint says of the data -----------------------------------------------------------

CATEGORIES = ("danh_hieu", "hinh_thuc")


def data_problems(
    award_law: Mapping[str, Any], rewards: Mapping[str, Any], layouts: Sequence[str], bad: Callable[..., None]
) -> None:
    """Calls bad(what is wrong, how to fix it, code=…) for each problem of the merged award-law and rewards
    data: unknown authorities, categories, certainties and certificate layouts, rates that are not numbers."""
    known = {str(a.get("id")) for a in award_law.get("authorities") or () if isinstance(a, Mapping)}
    for entry in award_law.get("authorities") or ():
        if not isinstance(entry, Mapping) or not entry.get("id"):
            bad("[[authorities]] thiếu id", 'ghi ví dụ id = "chu_tich_ubnd_tinh"', code="KIT306")
            continue
        for key in ("titles", "agencies"):
            for text in entry.get(key) or ():
                try:
                    re.compile(normal(str(text)))
                except re.error as error:
                    bad(
                        f"[[authorities]] {entry['id']}: {key} '{text}' không đọc được ({error})",
                        "sửa biểu thức",
                        code="KIT307",
                    )
    for entry in award_law.get("awards") or ():
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if not name:
            bad("[[awards]] thiếu name", "ghi tên danh hiệu hoặc hình thức khen thưởng", code="KIT308")
            continue
        where = f"[[awards]] {name}"
        if entry.get("category") not in CATEGORIES:
            bad(f"{where}: category '{entry.get('category')}' không có", "dùng danh_hieu hoặc hinh_thuc", code="KIT309")
        for key in ("decided_by", "proposed_by"):
            for authority in entry.get(key) or ():
                if authority not in known:
                    bad(
                        f"{where}: {key} '{authority}' không có trong [[authorities]]",
                        f"dùng {', '.join(sorted(known))}",
                        code="KIT310",
                    )
        if not entry.get("decided_by"):
            bad(
                f"{where}: thiếu decided_by (ai quyết định)",
                'ghi ví dụ decided_by = ["chu_tich_ubnd_tinh"]',
                code="KIT311",
            )
        certificate = entry.get("certificate", "")
        if certificate and certificate not in layouts:
            bad(
                f"{where}: certificate '{certificate}' không có trong dữ liệu certificate",
                f'dùng {", ".join(layouts) or "một mẫu [layouts.…]"}, hoặc "" (chỉ có tiền thưởng)',
                code="KIT312",
            )
        _sourced(entry, where, bad)
    for entry in rewards.get("rewards") or ():
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if not name:
            bad("[[rewards]] thiếu name", "ghi tên danh hiệu hoặc hình thức khen thưởng", code="KIT313")
            continue
        where = f"[[rewards]] {name}"
        for kind in KINDS:
            value = entry.get(kind)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
                bad(
                    f"{where}: {kind} = {value!r} không phải số lần mức lương cơ sở",
                    f"ghi ví dụ {kind} = 1.5",
                    code="KIT314",
                )
        if not any(kind in entry for kind in KINDS):
            bad(
                f"{where}: không có ca_nhan hay tap_the (số lần mức lương cơ sở)",
                "bổ sung một trong hai",
                code="KIT315",
            )
        _sourced(entry, where, bad)
    for entry in rewards.get("base_salary") or ():
        if (
            not isinstance(entry, Mapping)
            or not isinstance(entry.get("from"), dt.date)
            or not isinstance(entry.get("amount"), int)
        ):
            bad(
                "[[base_salary]]: cần from = ngày (không dấu nháy) và amount = số đồng",
                "ghi ví dụ from = 2024-07-01, amount = 2340000",
                code="KIT316",
            )
            continue
        _sourced(entry, f"[[base_salary]] {entry['from']:%d/%m/%Y}", bad)


def _sourced(entry: Mapping[str, Any], where: str, bad: Callable[..., None]) -> None:
    if entry.get("certainty") not in CERTAINTY_TEXT:
        bad(
            f"{where}: certainty '{entry.get('certainty')}' không có", "dùng S, R hoặc U (chưa xác minh)", code="KIT317"
        )
    if not entry.get("source"):
        bad(
            f"{where}: thiếu source (văn bản, điều khoản)",
            'ghi nguồn, hoặc certainty = "U" nếu chưa xác minh',
            code="KIT318",
        )
