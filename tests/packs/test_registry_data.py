"""Registry data read without git. The data part of kit packs diff, on the built-in pack's real data files:
each entry named as a clerk knows it (a legal text by its symbol, a period of legal bases by its dates, a
certificate field by its key). An index's entries: text cleaned, malformed entries told one by one."""

from __future__ import annotations

import copy

from kit._toml import load
from kit.app.pack_diff import data_changes
from kit.resources import templates_dir

DATA = templates_dir() / "data"


def _lines(before, after) -> list[str]:
    return [change.line() for change in data_changes(before, after)]


def test_legal_bases_periods_are_named_by_their_dates():
    before = load(DATA / "legal-bases.toml")
    after = copy.deepcopy(before)
    last = after["periods"][-1]
    last["decree"] = "Nghị định số 999/2026/NĐ-CP"
    lines = _lines(before, after)
    assert len(lines) == 1
    assert lines[0].startswith(f"Sửa [periods] “{last['from']} – ")
    assert lines[0].endswith("→ “Nghị định số 999/2026/NĐ-CP”")


def test_a_certificate_field_moved_and_a_legal_text_removed():
    certificate = load(DATA / "certificate.toml")
    moved = copy.deepcopy(certificate)
    moved["fields"][0]["box"] = [40, 50, 217, 10]
    assert _lines(certificate, moved) == [
        f"Sửa [fields] “{certificate['fields'][0]['key']}”, box: “{certificate['fields'][0]['box']}” → “[40, 50, 217, 10]”"
    ]
    texts = load(DATA / "legal-texts.toml")
    fewer = copy.deepcopy(texts)
    gone = fewer["texts"].pop(0)
    assert _lines(texts, fewer) == [f"Bỏ [texts] “{gone['symbol']}”"]


def test_entries_without_a_name_are_compared_by_place():
    assert _lines({"a": [1, 2]}, {"a": [1, 3, 4]}) == [
        "Sửa [a] mục thứ 2: “2” → “3”",
        "Thêm [a] mục thứ 3: “giá trị: 4”",
    ]


def test_index_text_is_one_clean_line_and_bad_entries_are_told():
    from kit.packs.registry import parse_index

    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOx4oR5y1Vz8uvDk2QjtUPm1GQ3MPPd1r6fbZ8RQ8Q2m"
    index = parse_index(
        {
            "packs": [
                {
                    "id": "ha-giang",
                    "name": "Gói\x00 mẫu\nHà Giang",
                    "git": "file:///x.git",
                    "keys": [{"key": key, "name": "Văn phòng\x07 UBND"}],
                    "releases": [{"version": "1.0.0", "tag": "v1.0.0", "commit": "a" * 40}],
                },
                {"id": "ha-giang", "git": "x", "keys": [key]},
                {
                    "id": "tag-sai",
                    "git": "x",
                    "keys": [key],
                    "releases": [{"version": "1.0.0", "tag": "-x", "commit": "a" * 40}],
                },
                {"id": "khoa-sai", "git": "x", "keys": ["ssh-ed25519 khong-phai-base64!"]},
            ]
        },
        "chung",
    )
    assert [(e.id, e.name, e.keys[0].name) for e in index.entries] == [
        ("ha-giang", "Gói mẫu Hà Giang", "Văn phòng UBND")
    ]
    assert index.entries[0].keys[0].fingerprint.startswith("SHA256:")
    assert index.problems == [
        "kho 'chung', gói 'ha-giang': có hai lần trong chỉ mục — dùng mục đầu tiên",
        "kho 'chung', gói 'tag-sai': thẻ '-x' của bản 1.0.0 không phải tên thẻ git — ví dụ v1.0.0",
        "kho 'chung', gói 'khoa-sai': khóa 'ssh-ed25519 khong-phai-base64!' không phải khóa công khai SSH — chép nguyên dòng tệp .pub",
    ]
