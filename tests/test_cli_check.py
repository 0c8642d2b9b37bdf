"""`kit check` and `kit rules` from the command line: output, JSON schema, exit codes, selection."""

import json
from pathlib import Path

from kit.checks.registry import RULES
from kit.cli import main
from tests.checks.builder import Spec, build

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _file(tmp_path, name, spec):
    path = tmp_path / name
    path.write_bytes(build(spec))
    return path


def test_clean_document_exit_0(tmp_path, capsys):
    code, out, err = run(capsys, "check", _file(tmp_path, "sach.docx", Spec()))
    assert (code, err) == (0, "")
    assert out.strip() == "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo; 1 tệp không có vấn đề."


def test_findings_text_output_and_exit_1(tmp_path, capsys):
    path = _file(tmp_path, "loi.docx", Spec(so="Số: 5/KH-SNV"))
    code, out, _ = run(capsys, "check", path)
    lines = out.splitlines()
    assert code == 1
    # Where to look in Word: the page and the paragraph's first words (here all of it: no excerpt line).
    assert (
        lines[0]
        == f"{path}:trang 1, «Số: 5/KH-SNV» (bảng 1, hàng 2, ô 1, đoạn 7): VB208 [lỗi] Số 5 thiếu số 0 phía trước"
    )
    assert lines[1].startswith("    → ghi “Số: 05/KH-SNV” (căn cứ: NĐ 30/2020/NĐ-CP, Phụ lục I")
    assert lines[-1] == "Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo; 0 tệp không có vấn đề."


def test_warnings_only_exit_0(tmp_path, capsys):
    spec = Spec(body=["Đẩy mạnh  phong trào thi đua./."])
    code, out, _ = run(capsys, "check", _file(tmp_path, "w.docx", spec))
    assert code == 0 and "VB703 [cảnh báo] Có hai dấu cách liền nhau" in out
    assert out.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 1 cảnh báo; 0 tệp không có vấn đề."


def test_blank_number_and_date_are_one_notice_and_draft_silences_it(tmp_path, capsys):
    path = _file(tmp_path, "trinh-ky.docx", Spec(so="Số:      /KH-SNV", date="Lạng Sơn, ngày      tháng 01 năm 2025"))
    code, out, _ = run(capsys, "check", path)
    assert code == 0
    assert [line for line in out.splitlines() if ": VB" in line] == [
        f"{path}:trang 1, «Số: /KH-SNV» (bảng 1, hàng 2, ô 1, đoạn 7): VB209 [lưu ý] Văn bản chưa cấp số và ngày ban hành"
    ]
    assert out.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo, 1 lưu ý; 1 tệp không có vấn đề."
    code, out, _ = run(capsys, "check", path, "--draft")
    assert (code, out.strip()) == (0, "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo; 1 tệp không có vấn đề.")


def test_rule_explained_with_source_and_examples(capsys):
    code, out, _ = run(capsys, "rules", "vb208")
    assert code == 0
    assert out.splitlines() == [
        "VB208  so-leading-zero  [lỗi]",
        "Kiểm tra: Số văn bản nhỏ hơn 10 ghi thêm số 0 phía trước (05, không phải 5).",
        "Vì sao: Phần đầu (Quốc hiệu, tên cơ quan, số và ký hiệu, địa danh và ngày) là căn cứ để văn thư đăng ký, "
        "người nhận tra cứu và xác định văn bản do ai ban hành, khi nào.",
        "Căn cứ: NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.3.c",
        "Sai: Số: 5/KH-SNV",
        "Đúng: Số: 05/KH-SNV",
    ]
    code, _, err = run(capsys, "rules", "VB999")
    assert code == 2 and "không có quy tắc VB999" in err


def test_json_output_follows_the_documented_schema(tmp_path, capsys):
    bad = _file(tmp_path, "a.docx", Spec(so="Số: 5/KH-SNV", noi_nhan=["Nơi nhận:", "- Bộ Nội vụ", "- Lưu: VT, VP."]))
    good = _file(tmp_path, "b.docx", Spec())
    code, out, _ = run(capsys, "check", bad, good, "--format", "json")
    data = json.loads(out)
    assert code == 1 and set(data) == {"schema", "documents"} and data["schema"] == 1
    assert [d["path"] for d in data["documents"]] == [str(bad), str(good)]
    first = data["documents"][0]
    assert set(first) == {
        "path",
        "type",
        "recognised",
        "outside_decree_30",
        "attached",
        "errors",
        "warnings",
        "findings",
    }
    assert first["type"] == "ke_hoach" and first["errors"] == 2 and first["outside_decree_30"] is None
    assert first["recognised"] is True
    assert data["documents"][1]["findings"] == []
    codes = [f["code"] for f in first["findings"]]
    assert codes == ["VB208", "VB505"]
    finding = first["findings"][1]
    assert set(finding) == {"code", "severity", "message", "hint", "location", "excerpt", "source", "place", "quote"}
    assert finding["source"].startswith("NĐ") and finding["place"]
    assert finding["severity"] == "error" and finding["excerpt"] == "- Bộ Nội vụ"
    assert finding["location"] == {
        "region": "noi_nhan",
        "paragraph": finding["location"]["paragraph"],
        "table": 3,
        "row": 1,
        "cell": 1,
        "page": 1,
        "first_words": "- Bộ Nội vụ",
    }
    documented = (ROOT / "docs" / "check-json.md").read_text(encoding="utf-8")
    for key in (
        "schema",
        "documents",
        "path",
        "type",
        "recognised",
        "findings",
        "code",
        "severity",
        "message",
        "hint",
        "location.region",
        "location.paragraph",
        "location.page",
        "location.first_words",
        "excerpt",
    ):
        assert f"`{key}" in documented


def test_table_row_excerpt_joins_cells(tmp_path, capsys):
    spec = Spec(
        body=[("table", [["TT", "NỘI DUNG", "ĐƠN VỊ"], ["1", "Việc", "Phòng"], ["3", "Việc khác", "Sở"]]), "Hết./."]
    )
    code, out, _ = run(capsys, "check", _file(tmp_path, "t.docx", spec), "--format", "json")
    finding = json.loads(out)["documents"][0]["findings"][0]
    assert (finding["code"], finding["excerpt"]) == ("VB305", "3 | Việc khác | Sở")
    assert finding["location"] == {
        "region": "body",
        "paragraph": None,
        "table": 2,
        "row": 3,
        "cell": 1,
        "page": 1,
        "first_words": "Việc khác",
    }


def test_select_and_ignore(tmp_path, capsys):
    path = _file(tmp_path, "s.docx", Spec(so="Số: 5/KH-SNV", date="Lạng Sơn, ngày 5 tháng 01 năm 2025"))
    _, out, _ = run(capsys, "check", path, "--format", "json", "--select", "VB21")
    assert [f["code"] for f in json.loads(out)["documents"][0]["findings"]] == ["VB212"]
    code, out, _ = run(capsys, "check", path, "--format", "json", "--ignore", "VB208,VB212")
    assert code == 0 and json.loads(out)["documents"][0]["findings"] == []
    code, _, err = run(capsys, "check", path, "--select", "XX9")
    assert code == 2 and "kit rules" in err


def test_folder_is_checked_recursively(tmp_path, capsys):
    folder = tmp_path / "van-ban"
    (folder / "con").mkdir(parents=True)
    _file(folder, "a.docx", Spec())
    _file(folder / "con", "b.docx", Spec(so="Số: 5/KH-SNV"))
    (folder / "~$a.docx").write_bytes(b"lock file of Word")
    code, out, _ = run(capsys, "check", folder)
    assert code == 1 and out.splitlines()[-1] == "Đã kiểm tra 2 tệp: 1 lỗi, 0 cảnh báo; 1 tệp không có vấn đề."


def test_unreadable_file_exit_3_one_line(tmp_path, capsys):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    code, out, err = run(capsys, "check", _file(tmp_path, "ok.docx", Spec()), bad)
    assert (code, out) == (3, "") and err.count("\n") == 1 and "hong.docx" in err and "Traceback" not in err


def test_rules_catalogue(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    assert len([line for line in lines if line.startswith("VB")]) == len(RULES)
    assert "VB208  so-leading-zero  [lỗi]  Số văn bản nhỏ hơn 10 ghi thêm số 0 phía trước (05, không phải 5)." in lines
    assert "       căn cứ: NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II.3.c" in lines


def test_a_large_folder_is_checked_on_every_core_with_the_same_report_in_order(tmp_path, capsys):
    from kit.checks.runner import check_paths
    from kit.parallel import POOL_THRESHOLD

    folder = tmp_path / "nhieu"
    folder.mkdir()
    clean, wrong = build(Spec()), build(Spec(so="Số: 5/KH-SNV"))
    for number in range(POOL_THRESHOLD + 10):
        (folder / f"vb-{number:03d}.docx").write_bytes(wrong if number % 7 == 3 else clean)
    pooled = check_paths([folder])
    assert [r.path.name for r in pooled] == sorted(p.name for p in folder.iterdir())
    assert [[f.code for f in r.findings] for r in pooled] == [
        [f.code for f in r.findings] for r in (check_paths([p])[0] for p in sorted(folder.iterdir()))
    ]
    assert sum(1 for r in pooled if any(f.code == "VB208" for f in r.findings)) == 7
    (folder / "vb-020.docx").write_bytes(b"khong phai word")
    code, out, err = run(capsys, "check", folder)
    assert code == 3 and out == "" and err.splitlines() == [err.splitlines()[0]] and "vb-020.docx" in err
