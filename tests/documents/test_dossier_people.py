"""The dossier's people as a văn thư would check them: the council, the candidates' identities, the
dates the dossier refers to, and the order of the reports."""

import copy
import datetime as dt

import pytest

from kit.app import dossier, workbook_bytes
from kit.errors import WorkbookError
from tests.documents.test_ho_so import SAMPLE, sample


def _make(tmp_path, data):
    tmp_path.mkdir(parents=True, exist_ok=True)
    book = tmp_path / "ho-so.xlsx"
    book.write_bytes(workbook_bytes("ho-so-khen-thuong", data))
    return dossier(book, tmp_path / "out")


def _errors(tmp_path, data) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        _make(tmp_path, data)
    assert not (tmp_path / "out").exists()
    return caught.value.lines()


def _members(*changes) -> list:
    members = copy.deepcopy(SAMPLE["thanh_vien"])
    for index, column, value in changes:
        members[index][column] = value
    return members


def test_a_member_listed_twice_is_an_error_at_the_second_row(tmp_path):
    members = _members() + [["Hoàng Văn Nam", "Giám đốc Sở", "chu_tich", "co_mat"]]
    errors = _errors(tmp_path, sample(thanh_vien=members))
    assert "ho-so.xlsx, sheet 'Thành viên hội đồng', ô A9 (Họ và tên): “Hoàng Văn Nam” có hai lần trong Hội đồng " \
           "(dòng 2 và dòng 9) — mỗi thành viên ghi một dòng: xóa dòng thừa (tỷ lệ phiếu tính trên số thành viên)" in errors


def test_two_chairs_or_two_secretaries_are_errors(tmp_path):
    members = _members((2, 2, "chu_tich"), (3, 2, "thu_ky"))
    errors = _errors(tmp_path, sample(thanh_vien=members))
    assert errors == [
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô C4 (Vai trò trong Hội đồng): Hội đồng có hơn một Chủ tịch Hội đồng: "
        "“Hoàng Văn Nam” (dòng 2) và “Lý Văn Khoa” (dòng 4) — mỗi Hội đồng có đúng một Chủ tịch Hội đồng: sửa vai trò của một người",
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô C8 (Vai trò trong Hội đồng): Hội đồng có hơn một Ủy viên - Thư ký: "
        "“Nông Thị Lan” (dòng 5) và “Phạm Văn Phúc” (dòng 8) — mỗi Hội đồng có đúng một Ủy viên - Thư ký: sửa vai trò của một người",
    ]


def test_blank_role_and_blank_attendance_are_errors_at_their_cells(tmp_path):
    members = _members((2, 2, None), (3, 3, None))
    assert _errors(tmp_path, sample(thanh_vien=members)) == [
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô C4 (Vai trò trong Hội đồng): chưa chọn vai trò của “Lý Văn Khoa” — "
        "chọn trong danh sách: Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Ủy viên, Ủy viên - Thư ký",
        "ho-so.xlsx, sheet 'Thành viên hội đồng', ô D5 (Có mặt / Vắng mặt): chưa ghi “Nông Thị Lan” có mặt hay vắng mặt — "
        "chọn Có mặt hoặc Vắng mặt (thành viên vắng mặt gửi ý kiến bằng văn bản)",
    ]


def test_a_council_with_nobody_present_cannot_vote(tmp_path):
    members = [row[:3] + ["vang"] for row in SAMPLE["thanh_vien"]]
    errors = _errors(tmp_path, sample(thanh_vien=members))
    assert "ho-so.xlsx, sheet 'Thành viên hội đồng', (Có mặt / Vắng mặt): không thành viên nào có mặt: Hội đồng chưa họp thì chưa có kết quả " \
           "bỏ phiếu — ghi “Có mặt” cho các thành viên dự họp" in errors
    assert not any("phiếu (" in e for e in errors)  # no vote shares computed from such a council
