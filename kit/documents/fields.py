"""The fields a Word template may use: one catalogue for each builder (the template contract).

Each entry names a field as a template reaches it — `so_ky_hieu`, `ly_lich.ho_ten` for a key of a
group, `nhom[].muc[].ten_day_du` for a key of each item of a list — with its type, a one-line
Vietnamese description and where its value comes from. A source names the workbook by reference,
`{sheet}` or `{sheet.key}` (keys of the form definition, forms/*.toml), so that it is shown with the
sheet and column labels of the template's own form and cannot drift from them.

This catalogue is the one source of `kit templates TEMPLATE --fields`, of the pages under
docs/fields/ (tools/field_docs.py) and of the field check of `kit packs lint`. Example values are not
written here: they come from rendering each form's sample (kit.app.fields). tests/documents/
test_fields.py fails when a builder returns a field this catalogue lacks, or the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# Types, with how a template uses each (the Vietnamese label is what maintainers read).
TEXT, LINES, FLAG, GROUP, ROWS = "text", "lines", "flag", "group", "rows"
TYPE_LABELS = {
    TEXT: "chữ",
    LINES: "danh sách chữ",  # {%p for doan in … %}: one paragraph (or one line of a cell) each
    FLAG: "có/không",  # {%p if … %}
    GROUP: "nhóm",  # a.b: its keys are listed below it; may be empty (then `{%p if a %}` is false)
    ROWS: "danh sách dòng",  # {%tr for d in … %} or {%p for … %}: the keys of each item are listed as a[].key
}


@dataclass(frozen=True)
class FieldInfo:
    name: str
    type: str
    description: str
    source: str  # Vietnamese; {sheet} and {sheet.key} are references to the template's form


def _catalogue(*entries: tuple[str, str, str, str]) -> tuple[FieldInfo, ...]:
    return tuple(FieldInfo(*entry) for entry in entries)


_HEADER_HO_SO = (
    ("co_quan_chu_quan", TEXT, "Tên cơ quan chủ quản, in hoa; trống nếu không có", "{ho_so.co_quan_chu_quan}, in hoa"),
    ("co_quan_ban_hanh", TEXT, "Tên đơn vị đề nghị (cơ quan ban hành), in hoa", "{ho_so.don_vi}, in hoa"),
)
_DON_VI = ("don_vi", TEXT, "Tên đơn vị đề nghị, như đã ghi", "{ho_so.don_vi}")
_DOT = ("dot", TEXT, "Tên đợt thi đua hoặc chuyên đề", "{ho_so.ten_dot}")
_CAP = ("cap_khen_thuong", TEXT, "Cấp có thẩm quyền khen thưởng", "{ho_so.cap_khen_thuong}")
_DATE_LINE = (
    "dia_danh_ngay",
    TEXT,
    "Địa danh và ngày tháng năm của hồ sơ",
    "tính từ {ho_so.dia_danh} và {ho_so.ngay_to_trinh}",
)
_SUMMARY = (
    (
        "so_luong",
        TEXT,
        "Số cá nhân, tập thể được đề nghị, ví dụ “04 cá nhân và 01 tập thể”",
        "tính từ {danh_sach.loai}",
    ),
)
# The awards grouped by verb (domain H8: danh hiệu "công nhận danh hiệu", hình thức "tặng"), each verb once.
_BY_VERB = (
    (
        "khen_theo_loai",
        ROWS,
        "Các danh hiệu, hình thức gộp theo cách khen (tặng / công nhận danh hiệu), theo thứ tự xuất hiện: mỗi cách "
        "ghi một lần",
        "tính từ sheet {danh_sach}",
    ),
    (
        "khen_theo_loai[].danh_hieu",
        FLAG,
        "Có: nhóm danh hiệu thi đua (“công nhận danh hiệu …”); không: nhóm hình thức khen thưởng được tặng",
        "tính từ {danh_sach.hinh_thuc} và dữ liệu award_law (category) của gói",
    ),
    ("khen_theo_loai[].hinh_thuc", LINES, "Tên các danh hiệu, hình thức trong nhóm", "{danh_sach.hinh_thuc}"),
    ("khen_theo_loai[].muc", ROWS, "Từng danh hiệu, hình thức của nhóm với số lượng", "tính từ sheet {danh_sach}"),
    ("khen_theo_loai[].muc[].hinh_thuc", TEXT, "Tên danh hiệu, hình thức", "{danh_sach.hinh_thuc}"),
    (
        "khen_theo_loai[].muc[].so_luong",
        TEXT,
        "Số cá nhân, tập thể, ví dụ “03 cá nhân và 01 tập thể”",
        "tính từ {danh_sach.loai} và {danh_sach.hinh_thuc}",
    ),
)
_SIGNER_HO_SO = (
    (
        "chuc_vu_ky",
        LINES,
        "Các dòng chức vụ trên chữ ký, in hoa (ví dụ KT. GIÁM ĐỐC rồi PHÓ GIÁM ĐỐC)",
        "tính từ {ho_so.tham_quyen_ky}, {ho_so.chuc_vu_thu_truong} và {ho_so.chuc_vu_nguoi_ky}",
    ),
    ("nguoi_ky", TEXT, "Họ tên người ký", "{ho_so.nguoi_ky}"),
)

FIELDS: dict[str, tuple[FieldInfo, ...]] = {
    "ke_hoach": _catalogue(
        (
            "co_quan_chu_quan",
            TEXT,
            "Tên cơ quan chủ quản, in hoa; trống nếu không có",
            "{van_ban.co_quan_chu_quan}, in hoa",
        ),
        ("co_quan_ban_hanh", TEXT, "Tên cơ quan ban hành, in hoa", "{van_ban.co_quan_ban_hanh}, in hoa"),
        (
            "so_ky_hieu",
            TEXT,
            "Dòng số, ký hiệu, ví dụ “Số: 05/KH-SKHĐT” (để trống số khi chưa cấp)",
            "tính từ {van_ban.so_van_ban}, type_abbreviation của mẫu (pack.toml) và {van_ban.viet_tat_co_quan}",
        ),
        (
            "dia_danh_ngay",
            TEXT,
            "Địa danh và ngày tháng năm ban hành",
            "tính từ {van_ban.dia_danh} và {van_ban.ngay_ban_hanh}",
        ),
        ("ten_loai", TEXT, "Tên loại văn bản, in hoa", "document_type của mẫu (pack.toml), in hoa"),
        ("trich_yeu", TEXT, "Trích yếu nội dung", "{van_ban.trich_yeu}"),
        ("mo_dau", LINES, "Các đoạn căn cứ, mở đầu (mỗi dòng trong ô là một đoạn)", "{van_ban.mo_dau}"),
        ("khoi", ROWS, "Nội dung văn bản theo thứ tự: đề mục, đoạn văn và chỗ đặt bảng kế hoạch", "sheet {de_muc}"),
        (
            "khoi[].loai",
            TEXT,
            "Kiểu khối: muc, tieu_de, doan, nghieng hoặc bang (chỗ đặt bảng)",
            "tính từ {de_muc.cap} và {de_muc.kieu_chu}",
        ),
        (
            "khoi[].van_ban",
            TEXT,
            "Chữ của khối, đã đánh số (I., 1., a)), Mục viết hoa; trống ở khối bang",
            "{de_muc.noi_dung}, đánh số tự động",
        ),
        ("bang", GROUP, "Bảng kế hoạch", "sheet {bang_ke_hoach}"),
        (
            "bang.co_thoi_gian",
            FLAG,
            "Cột THỜI GIAN có dữ liệu (không thì mẫu để trống tiêu đề và cột bị bỏ)",
            "tính từ {bang_ke_hoach.thoi_gian}",
        ),
        (
            "bang.co_ghi_chu",
            FLAG,
            "Cột GHI CHÚ có dữ liệu (không thì mẫu để trống tiêu đề và cột bị bỏ)",
            "tính từ {bang_ke_hoach.ghi_chu}",
        ),
        ("bang.dong", ROWS, "Các dòng của bảng: dòng nhóm (chỉ có nhom) hoặc dòng công việc", "sheet {bang_ke_hoach}"),
        ("bang.dong[].nhom", TEXT, "Tên nhóm ở dòng nhóm; trống ở dòng công việc", "{bang_ke_hoach.nhom}"),
        ("bang.dong[].tt", TEXT, "Số thứ tự của công việc", "tính tự động, theo {van_ban.danh_so_tt}"),
        ("bang.dong[].noi_dung", LINES, "Nội dung công việc, mỗi dòng trong ô một dòng", "{bang_ke_hoach.noi_dung}"),
        ("bang.dong[].don_vi", LINES, "Đơn vị thực hiện, mỗi dòng trong ô một dòng", "{bang_ke_hoach.don_vi}"),
        ("bang.dong[].thoi_gian", LINES, "Thời gian, mỗi dòng trong ô một dòng", "{bang_ke_hoach.thoi_gian}"),
        ("bang.dong[].ghi_chu", LINES, "Ghi chú, mỗi dòng trong ô một dòng", "{bang_ke_hoach.ghi_chu}"),
        (
            "noi_nhan",
            LINES,
            "Các nơi nhận, không có gạch đầu dòng và dấu cuối (mẫu thêm “- ” và “;”)",
            "{noi_nhan.noi_nhan}",
        ),
        ("luu", TEXT, "Phần sau “Lưu:”: VT và đơn vị soạn thảo", "tính từ {van_ban.luu_don_vi}"),
        (
            "chuc_vu_ky",
            LINES,
            "Các dòng chức vụ trên chữ ký, in hoa (ví dụ KT. GIÁM ĐỐC rồi PHÓ GIÁM ĐỐC)",
            "tính từ {van_ban.tham_quyen_ky}, {van_ban.chuc_vu_thu_truong} và {van_ban.chuc_vu_nguoi_ky}",
        ),
        ("nguoi_ky", TEXT, "Họ tên người ký", "{van_ban.nguoi_ky}"),
    ),
    "to_trinh": _catalogue(
        *_BY_VERB,
        (
            "loai_khen_thuong",
            TEXT,
            "Loại khen thưởng của hồ sơ, chữ thường: “khen thưởng thường xuyên”, “khen thưởng thi đua theo chuyên "
            "đề”, “khen thưởng đột xuất”…",
            "tính từ {ho_so.loai_dot} và dữ liệu legal_bases của gói (report_title)",
        ),
        (
            "trich_yeu_theo_loai",
            ROWS,
            "Như khen_theo_loai, cho trích yếu: hai chữ cuối, cùng cụm từ cố định chứa chúng (“Ủy ban nhân dân "
            "tỉnh”), nối bằng dấu cách không ngắt",
            "tính từ sheet {danh_sach}",
        ),
        ("trich_yeu_theo_loai[].danh_hieu", FLAG, "Như khen_theo_loai[].danh_hieu", "tính từ {danh_sach.hinh_thuc}"),
        ("trich_yeu_theo_loai[].hinh_thuc", LINES, "Như khen_theo_loai[].hinh_thuc", "{danh_sach.hinh_thuc}"),
        ("trich_yeu_theo_loai[].muc", ROWS, "Như khen_theo_loai[].muc", "tính từ sheet {danh_sach}"),
        ("trich_yeu_theo_loai[].muc[].hinh_thuc", TEXT, "Tên danh hiệu, hình thức", "{danh_sach.hinh_thuc}"),
        ("trich_yeu_theo_loai[].muc[].so_luong", TEXT, "Số cá nhân, tập thể", "tính từ {danh_sach.loai}"),
        *_HEADER_HO_SO,
        _DON_VI,
        _DATE_LINE,
        *_SIGNER_HO_SO,
        _CAP,
        _DOT,
        *_SUMMARY,
        (
            "so_ky_hieu",
            TEXT,
            "Dòng số, ký hiệu, ví dụ “Số: 112/TTr-SNV”",
            "tính từ {ho_so.so_to_trinh}, type_abbreviation của mẫu (pack.toml) và {ho_so.viet_tat_don_vi}",
        ),
        (
            "kinh_gui",
            LINES,
            "Các nơi kính gửi, không có gạch đầu dòng và dấu cuối",
            "{ho_so.kinh_gui}, mỗi dòng một nơi",
        ),
        (
            "can_cu",
            LINES,
            "Các văn bản căn cứ, không có chữ “Căn cứ” và dấu cuối: Luật (không ghi số), Nghị định đang có "
            "hiệu lực, quy định của tỉnh (nếu gói mẫu có), kế hoạch phát động",
            "dữ liệu legal_bases của gói (periods, regulations) theo {ho_so.ngay_to_trinh}, và {ho_so.ke_hoach_phat_dong}",
        ),
        ("bien_ban", GROUP, "Biên bản họp Hội đồng được căn cứ; trống khi chưa có ngày họp", "sheet {bien_ban}"),
        (
            "bien_ban.so",
            TEXT,
            "Số, ký hiệu của Biên bản, ví dụ “số 09/BB-SNV”",
            "tính từ {bien_ban.so_bien_ban} và {ho_so.viet_tat_don_vi}",
        ),
        ("bien_ban.ngay", TEXT, "Ngày họp, dạng dd/mm/yyyy", "{bien_ban.ngay_hop}"),
        ("nhom", ROWS, "Nhóm cá nhân rồi nhóm tập thể (chỉ nhóm có người)", "sheet {danh_sach}"),
        ("nhom[].so", TEXT, "Số La Mã của nhóm: I, II", "tính tự động"),
        ("nhom[].ten", TEXT, "CÁ NHÂN hoặc TẬP THỂ", "tính từ {danh_sach.loai}"),
        ("nhom[].so_luong", TEXT, "Số người trong nhóm, ví dụ “04 cá nhân”", "tính từ {danh_sach.loai}"),
        ("nhom[].muc", ROWS, "Các cá nhân, tập thể của nhóm", "sheet {danh_sach}"),
        (
            "nhom[].muc[].ten_day_du",
            TEXT,
            "Ông/Bà, họ tên, chức vụ, đơn vị viết đầy đủ (tập thể: tên, đơn vị)",
            "tính từ {danh_sach.gioi_tinh}, {danh_sach.ten}, {danh_sach.chuc_vu} và {danh_sach.don_vi}",
        ),
        ("nhom[].muc[].hinh_thuc", TEXT, "Hình thức đề nghị", "{danh_sach.hinh_thuc}"),
        (
            "theo_hinh_thuc",
            ROWS,
            "Số lượng đề nghị theo từng hình thức, theo thứ tự của Tờ trình (câu đề nghị khi có nhiều hình thức)",
            "tính từ {danh_sach.hinh_thuc} và {danh_sach.loai}",
        ),
        ("theo_hinh_thuc[].hinh_thuc", TEXT, "Hình thức khen thưởng", "{danh_sach.hinh_thuc}"),
        (
            "theo_hinh_thuc[].so_luong",
            TEXT,
            "Số cá nhân, tập thể được đề nghị hình thức này, ví dụ “03 cá nhân và 01 tập thể”",
            "đếm từ {danh_sach.loai}",
        ),
        (
            "noi_nhan",
            LINES,
            "“Như trên” rồi các nơi nhận khác, không có gạch đầu dòng và dấu cuối",
            "tính từ {ho_so.noi_nhan}",
        ),
        ("luu", TEXT, "Phần sau “Lưu:”: VT và đơn vị soạn thảo", "tính từ {ho_so.luu_don_vi}"),
    ),
    "bien_ban": _catalogue(
        *_BY_VERB,
        *_HEADER_HO_SO,
        _DON_VI,
        _DOT,
        _CAP,
        *_SUMMARY,
        (
            "so_ky_hieu",
            TEXT,
            "Dòng số, ký hiệu, ví dụ “Số: 09/BB-SNV”",
            "tính từ {bien_ban.so_bien_ban}, type_abbreviation của mẫu (pack.toml) và {ho_so.viet_tat_don_vi}",
        ),
        ("gio_bat_dau", TEXT, "Giờ bắt đầu cuộc họp", "{bien_ban.gio_bat_dau}"),
        ("gio_ket_thuc", TEXT, "Giờ kết thúc cuộc họp", "{bien_ban.gio_ket_thuc}"),
        ("ngay_hop", TEXT, "Ngày họp, ví dụ “ngày 12 tháng 9 năm 2025”", "tính từ {bien_ban.ngay_hop}"),
        ("dia_diem", TEXT, "Địa điểm họp, không có dấu chấm cuối", "{bien_ban.dia_diem}"),
        ("so_thanh_vien", TEXT, "Số thành viên Hội đồng, hai chữ số", "tính từ sheet {thanh_vien}"),
        ("so_co_mat", TEXT, "Số thành viên có mặt, hai chữ số", "tính từ {thanh_vien.co_mat}"),
        ("so_vang_mat", TEXT, "Số thành viên vắng mặt, hai chữ số", "tính từ {thanh_vien.co_mat}"),
        (
            "co_mat",
            LINES,
            "Thành viên có mặt: họ tên, chức vụ, vai trò",
            "tính từ {thanh_vien.ho_ten}, {thanh_vien.chuc_vu}, {thanh_vien.vai_tro} và {thanh_vien.co_mat}",
        ),
        (
            "vang_mat",
            LINES,
            "Thành viên vắng mặt: họ tên, chức vụ, vai trò",
            "tính từ {thanh_vien.ho_ten}, {thanh_vien.chuc_vu}, {thanh_vien.vai_tro} và {thanh_vien.co_mat}",
        ),
        (
            "chu_tri",
            TEXT,
            "Họ tên, chức vụ của người chủ trì: Chủ tịch Hội đồng; khi Chủ tịch vắng mặt, Phó Chủ tịch có mặt "
            "chủ trì: “…, Phó Chủ tịch Hội đồng, thay <Chủ tịch>” (mẫu ghi tiếp “, Chủ tịch Hội đồng.”)",
            "tính từ {thanh_vien.ho_ten}, {thanh_vien.chuc_vu}, {thanh_vien.vai_tro} và {thanh_vien.co_mat}",
        ),
        (
            "thu_ky_hop",
            TEXT,
            "Họ tên, chức vụ của Ủy viên - Thư ký",
            "tính từ {thanh_vien.ho_ten}, {thanh_vien.chuc_vu} và {thanh_vien.vai_tro}",
        ),
        ("phieu", GROUP, "Bảng kết quả bỏ phiếu", "sheet {phieu}"),
        ("phieu.dong", ROWS, "Các dòng của bảng: dòng nhóm (chỉ có nhom) hoặc dòng một người", "sheet {phieu}"),
        (
            "phieu.dong[].nhom",
            TEXT,
            "Tên nhóm ở dòng nhóm, ví dụ “I. CÁ NHÂN”; trống ở dòng một người",
            "tính từ {danh_sach.loai}",
        ),
        ("phieu.dong[].tt", TEXT, "Số thứ tự trong nhóm", "tính tự động"),
        ("phieu.dong[].ten", LINES, "Họ tên hoặc tên tập thể (một dòng)", "{danh_sach.ten}"),
        ("phieu.dong[].hinh_thuc", LINES, "Hình thức đề nghị (một dòng)", "{danh_sach.hinh_thuc}"),
        ("phieu.dong[].dong_y", TEXT, "Số phiếu đồng ý", "{phieu.dong_y}"),
        ("phieu.dong[].tong_so", TEXT, "Tổng số thành viên Hội đồng", "tính từ sheet {thanh_vien}"),
        (
            "phieu.dong[].ty_le",
            TEXT,
            "Tỷ lệ phiếu đồng ý trên tổng số thành viên (%), dấu phẩy thập phân",
            "tính từ {phieu.dong_y} và sheet {thanh_vien}",
        ),
        (
            "ket_luan",
            LINES,
            "Kết luận tự ghi, mỗi dòng trong ô một đoạn; trống thì mẫu viết kết luận",
            "{bien_ban.ket_luan}",
        ),
        (
            "thu_ky",
            TEXT,
            "Họ tên Ủy viên - Thư ký (ký biên bản)",
            "tính từ {thanh_vien.ho_ten} và {thanh_vien.vai_tro}",
        ),
        (
            "chu_toa",
            TEXT,
            "Họ tên người chủ trì (chủ tọa, ký biên bản): Chủ tịch Hội đồng, hoặc Phó Chủ tịch chủ trì thay",
            "tính từ {thanh_vien.ho_ten}, {thanh_vien.vai_tro} và {thanh_vien.co_mat}",
        ),
    ),
    "danh_sach": _catalogue(
        *_BY_VERB,
        _DON_VI,
        ("to_trinh", GROUP, "Tờ trình mà danh sách kèm theo; trống khi chưa có ngày Tờ trình", "sheet {ho_so}"),
        (
            "to_trinh.so",
            TEXT,
            "Số, ký hiệu của Tờ trình, ví dụ “số 112/TTr-SNV”",
            "tính từ {ho_so.so_to_trinh} và {ho_so.viet_tat_don_vi}",
        ),
        ("to_trinh.ngay", TEXT, "Ngày Tờ trình, dạng dd/mm/yyyy", "{ho_so.ngay_to_trinh}"),
        ("danh_sach", GROUP, "Bảng danh sách đề nghị", "sheet {danh_sach}"),
        ("danh_sach.dong", ROWS, "Các dòng của bảng: dòng nhóm (chỉ có nhom) hoặc dòng một người", "sheet {danh_sach}"),
        (
            "danh_sach.dong[].nhom",
            TEXT,
            "Tên nhóm ở dòng nhóm, ví dụ “I. CÁ NHÂN”; trống ở dòng một người",
            "tính từ {danh_sach.loai}",
        ),
        ("danh_sach.dong[].tt", TEXT, "Số thứ tự trong nhóm", "tính tự động"),
        ("danh_sach.dong[].ten", LINES, "Họ tên hoặc tên tập thể (một dòng)", "{danh_sach.ten}"),
        ("danh_sach.dong[].chuc_vu", LINES, "Chức vụ, mỗi dòng trong ô một dòng", "{danh_sach.chuc_vu}"),
        ("danh_sach.dong[].don_vi", LINES, "Đơn vị công tác, mỗi dòng trong ô một dòng", "{danh_sach.don_vi}"),
        ("danh_sach.dong[].hinh_thuc", LINES, "Hình thức đề nghị (một dòng)", "{danh_sach.hinh_thuc}"),
        ("danh_sach.dong[].tom_tat", LINES, "Tóm tắt thành tích, mỗi dòng trong ô một dòng", "{danh_sach.tom_tat}"),
    ),
    "bao_cao_thanh_tich": _catalogue(
        (
            "co_quan_chu_quan",
            TEXT,
            "Tên cơ quan chủ quản, in hoa; trống nếu không có",
            "{danh_sach.chu_quan_bao_cao}; khi chỉ ghi đơn vị trên báo cáo: {ho_so.don_vi}; khi để trống cả hai: "
            "{ho_so.co_quan_chu_quan}; in hoa",
        ),
        (
            "co_quan_ban_hanh",
            TEXT,
            "Tên đơn vị lập báo cáo, in hoa",
            "{danh_sach.don_vi_bao_cao}, hoặc {ho_so.don_vi} khi để trống; in hoa",
        ),
        _DATE_LINE,
        (
            "mau_so",
            TEXT,
            "Số hiệu mẫu báo cáo theo văn bản đang có hiệu lực; trống khi chưa đối chiếu được",
            "dữ liệu legal_bases của gói (report_form) theo {ho_so.ngay_to_trinh}",
        ),
        ("ca_nhan", FLAG, "Có khi báo cáo của một cá nhân, không khi của một tập thể", "{danh_sach.loai}"),
        (
            "danh_hieu",
            FLAG,
            "Có: đề nghị danh hiệu thi đua (“ĐỀ NGHỊ TẶNG DANH HIỆU …”); không: hình thức khen thưởng",
            "tính từ {danh_sach.hinh_thuc} và dữ liệu award_law (category) của gói",
        ),
        (
            "hinh_thuc",
            TEXT,
            "Hình thức đề nghị, in hoa; hai chữ cuối, cùng cụm từ cố định chứa chúng (“ỦY BAN NHÂN DÂN "
            "TỈNH”), nối bằng dấu cách không ngắt (không để một chữ đứng riêng ở dòng cuối của tên văn bản)",
            "{danh_sach.hinh_thuc}, in hoa",
        ),
        ("dot", TEXT, "Tên đợt thi đua hoặc chuyên đề, viết hoa chữ đầu", "{ho_so.ten_dot}"),
        (
            "loai_khen_thuong",
            TEXT,
            "Loại khen thưởng theo tên mẫu báo cáo đang có hiệu lực (“Khen thưởng thi đua theo chuyên đề”), "
            "in trước tên đợt/chuyên đề; tên mẫu có hai lựa chọn nối bằng “hoặc” (trước năm 2024) thì giữ lựa "
            "chọn theo Loại: “Khen thưởng theo đợt thi đua” hoặc “Khen thưởng theo chuyên đề”; trống khi gói "
            "không ghi tên mẫu",
            "dữ liệu legal_bases của gói (report_title) theo {ho_so.ngay_to_trinh}, và {ho_so.loai_dot}",
        ),
        (
            "ten_day_du",
            TEXT,
            "Ông/Bà, họ tên, chức vụ, đơn vị viết đầy đủ (tập thể: tên, đơn vị)",
            "tính từ {danh_sach.gioi_tinh}, {danh_sach.ten}, {danh_sach.chuc_vu} và {danh_sach.don_vi}",
        ),
        ("ly_lich", GROUP, "Sơ lược lý lịch (của cá nhân)", "sheet {danh_sach}"),
        ("ly_lich.ho_ten", TEXT, "Họ và tên", "{danh_sach.ten}"),
        ("ly_lich.gioi_tinh", TEXT, "Nam hoặc Nữ", "{danh_sach.gioi_tinh}"),
        (
            "ly_lich.ngay_sinh",
            TEXT,
            "Ngày sinh, dạng dd/mm/yyyy, hoặc năm sinh khi chỉ ghi năm",
            "{danh_sach.ngay_sinh}",
        ),
        ("ly_lich.que_quan", TEXT, "Quê quán", "{danh_sach.que_quan}"),
        ("ly_lich.chuc_vu", TEXT, "Chức vụ", "{danh_sach.chuc_vu}"),
        ("ly_lich.don_vi", TEXT, "Đơn vị công tác", "{danh_sach.don_vi}"),
        ("ly_lich.trinh_do", TEXT, "Trình độ chuyên môn", "{danh_sach.trinh_do}"),
        ("dac_diem", LINES, "Đặc điểm, tình hình (của tập thể), mỗi dòng trong ô một đoạn", "{danh_sach.dac_diem}"),
        ("thanh_tich", LINES, "Thành tích đạt được, mỗi dòng trong ô một đoạn", "{danh_sach.thanh_tich}"),
        ("khen_thuong", GROUP, "Bảng các hình thức khen thưởng đã được ghi nhận", "sheet {khen_thuong}"),
        ("khen_thuong.dong", ROWS, "Các hình thức đã được khen, theo năm; trống khi chưa có", "sheet {khen_thuong}"),
        ("khen_thuong.dong[].nhom", TEXT, "Luôn trống (bảng này không chia nhóm)", "tính tự động"),
        ("khen_thuong.dong[].nam", TEXT, "Năm", "{khen_thuong.nam}"),
        (
            "khen_thuong.dong[].hinh_thuc",
            LINES,
            "Hình thức khen thưởng, mỗi dòng trong ô một dòng",
            "{khen_thuong.hinh_thuc}",
        ),
        ("khen_thuong.dong[].so_quyet_dinh", LINES, "Số quyết định (một dòng)", "{khen_thuong.so_quyet_dinh}"),
        ("khen_thuong.dong[].ngay", TEXT, "Ngày quyết định, dạng dd/mm/yyyy", "{khen_thuong.ngay}"),
        ("khen_thuong.dong[].co_quan", LINES, "Cơ quan ban hành, mỗi dòng trong ô một dòng", "{khen_thuong.co_quan}"),
        ("ten", TEXT, "Họ tên hoặc tên tập thể (người báo cáo ký)", "{danh_sach.ten}"),
        (
            "thu_truong",
            TEXT,
            "Họ tên thủ trưởng đơn vị (ký xác nhận)",
            "{danh_sach.thu_truong_don_vi}, hoặc {ho_so.nguoi_ky} khi để trống",
        ),
        (
            "chuc_vu_xac_nhan",
            LINES,
            "Các dòng chức vụ của người xác nhận, in hoa: chức vụ thủ trưởng đơn vị của ứng viên, "
            "hoặc “KT. GIÁM ĐỐC”, “PHÓ GIÁM ĐỐC” khi người ký Tờ trình ký thay; trống khi người đứng đầu tự ký",
            "{danh_sach.chuc_vu_thu_truong_don_vi}, hoặc tính từ {ho_so.tham_quyen_ky}, {ho_so.chuc_vu_thu_truong} và "
            "{ho_so.chuc_vu_nguoi_ky}",
        ),
        (
            "xac_nhan_cap_trinh",
            FLAG,
            "In phần “Xác nhận của cấp trình khen thưởng”",
            "[dossier] xac_nhan_cap_trinh trong pack.toml",
        ),
    ),
    "quyet_dinh": _catalogue(
        (
            "co_quan_chu_quan",
            TEXT,
            "Tên cơ quan chủ quản của cơ quan quyết định, in hoa; trống nếu không có",
            "{quyet_dinh.co_quan_chu_quan_qd}, in hoa",
        ),
        (
            "co_quan_ban_hanh",
            TEXT,
            "Tên cơ quan ban hành Quyết định, in hoa",
            "{quyet_dinh.co_quan_quyet_dinh}, in hoa",
        ),
        (
            "so_ky_hieu",
            TEXT,
            "Dòng số, ký hiệu, ví dụ “Số: 1520/QĐ-UBND” (để trống số khi chưa cấp)",
            "tính từ {quyet_dinh.so_quyet_dinh}, type_abbreviation của mẫu (pack.toml) và {quyet_dinh.viet_tat_co_quan_qd}",
        ),
        (
            "dia_danh_ngay",
            TEXT,
            "Địa danh và ngày tháng năm của Quyết định",
            "tính từ {ho_so.dia_danh} và {quyet_dinh.ngay_quyet_dinh}",
        ),
        *_BY_VERB,
        (
            "tham_quyen",
            TEXT,
            "Thẩm quyền ban hành, in hoa (dòng dưới trích yếu)",
            "{quyet_dinh.tham_quyen_ban_hanh}, in hoa",
        ),
        (
            "can_cu",
            LINES,
            "Các văn bản làm căn cứ, không có chữ “Căn cứ” và dấu cuối: chức năng, nhiệm vụ; Luật và Nghị định "
            "đang có hiệu lực ở ngày Quyết định; quy chế thi đua, khen thưởng",
            "{quyet_dinh.chuc_nang}, dữ liệu legal_bases của gói theo {quyet_dinh.ngay_quyet_dinh}, {quyet_dinh.quy_che_thi_dua}",
        ),
        _DON_VI,
        (
            "bien_ban",
            GROUP,
            "Biên bản họp Hội đồng Thi đua - Khen thưởng; trống khi chưa có ngày họp",
            "sheet {bien_ban}",
        ),
        (
            "bien_ban.so",
            TEXT,
            "Số, ký hiệu của Biên bản, ví dụ “số 09/BB-SNV”",
            "tính từ {bien_ban.so_bien_ban} và {ho_so.viet_tat_don_vi}",
        ),
        ("bien_ban.ngay", TEXT, "Ngày họp, dạng dd/mm/yyyy", "{bien_ban.ngay_hop}"),
        ("to_trinh", GROUP, "Tờ trình đề nghị khen thưởng; trống khi chưa có ngày Tờ trình", "sheet {ho_so}"),
        (
            "to_trinh.so",
            TEXT,
            "Số, ký hiệu của Tờ trình, ví dụ “số 112/TTr-SNV”",
            "tính từ {ho_so.so_to_trinh} và {ho_so.viet_tat_don_vi}",
        ),
        ("to_trinh.ngay", TEXT, "Ngày Tờ trình, dạng dd/mm/yyyy", "{ho_so.ngay_to_trinh}"),
        ("de_nghi_cua", TEXT, "Chức danh người đề nghị (“Theo đề nghị của …”)", "{quyet_dinh.de_nghi_cua}"),
        _DOT,
        (
            "tien_thuong",
            ROWS,
            "Các mức tiền thưởng (điều về tiền thưởng); trống khi không ghi hoặc gói không có mức có nguồn",
            "{quyet_dinh.tien_thuong} và dữ liệu rewards của gói",
        ),
        ("tien_thuong[].hinh_thuc", TEXT, "Hình thức khen thưởng hoặc danh hiệu", "{danh_sach.hinh_thuc}"),
        ("tien_thuong[].doi_tuong", TEXT, "“cá nhân” hoặc “tập thể”", "{danh_sach.loai}"),
        (
            "tien_thuong[].he_so",
            TEXT,
            "Số lần mức lương cơ sở, dấu phẩy thập phân, ví dụ “1,0”",
            "dữ liệu rewards của gói",
        ),
        (
            "tien_thuong[].so_tien",
            TEXT,
            "Số tiền mỗi người, mỗi tập thể được thưởng: hệ số × mức lương cơ sở ngày Quyết định, làm tròn lên "
            "hàng chục nghìn đồng, ví dụ “3.510.000”; trống khi dữ liệu không có mức lương cơ sở",
            "dữ liệu rewards (base_salary) của gói và {quyet_dinh.ngay_quyet_dinh}",
        ),
        (
            "tien_thuong[].nguon",
            TEXT,
            "Văn bản quy định mức thưởng, ví dụ “Nghị định 152/2025/NĐ-CP Điều 54 khoản 1 điểm b”",
            "dữ liệu rewards của gói",
        ),
        (
            "dieu_thi_hanh",
            TEXT,
            "Số của điều về trách nhiệm thi hành: 3 khi có điều tiền thưởng, 2 khi không",
            "tính tự động",
        ),
        ("thi_hanh", TEXT, "Các chức danh chịu trách nhiệm thi hành, nối bằng dấu phẩy", "{quyet_dinh.thi_hanh}"),
        (
            "noi_nhan",
            LINES,
            "Các nơi nhận sau “Như Điều …”, không có gạch đầu dòng và dấu cuối",
            "{quyet_dinh.noi_nhan_qd}",
        ),
        ("luu", TEXT, "Phần sau “Lưu:”: VT và đơn vị soạn thảo", "tính từ {quyet_dinh.luu_qd}"),
        (
            "chuc_vu_ky",
            LINES,
            "Các dòng chức vụ trên chữ ký, in hoa (ví dụ KT. CHỦ TỊCH rồi PHÓ CHỦ TỊCH)",
            "tính từ {quyet_dinh.tham_quyen_ky_qd}, {quyet_dinh.chuc_vu_thu_truong_qd} và {quyet_dinh.chuc_vu_nguoi_ky_qd}",
        ),
        ("nguoi_ky", TEXT, "Họ tên người ký Quyết định", "{quyet_dinh.nguoi_ky_qd}"),
    ),
    "danh_sach_quyet_dinh": _catalogue(
        *_BY_VERB,
        ("quyet_dinh", GROUP, "Quyết định mà danh sách kèm theo", "sheet {quyet_dinh}"),
        (
            "quyet_dinh.so",
            TEXT,
            "Số, ký hiệu của Quyết định, ví dụ “số 1520/QĐ-UBND”",
            "tính từ {quyet_dinh.so_quyet_dinh} và {quyet_dinh.viet_tat_co_quan_qd}",
        ),
        ("quyet_dinh.ngay", TEXT, "Ngày Quyết định, dạng dd/mm/yyyy", "{quyet_dinh.ngay_quyet_dinh}"),
        ("quyet_dinh.tham_quyen", TEXT, "Thẩm quyền ban hành, như đã ghi", "{quyet_dinh.tham_quyen_ban_hanh}"),
        ("danh_sach", GROUP, "Bảng danh sách được khen thưởng", "sheet {danh_sach}"),
        ("danh_sach.dong", ROWS, "Các dòng của bảng: dòng nhóm (chỉ có nhom) hoặc dòng một người", "sheet {danh_sach}"),
        (
            "danh_sach.dong[].nhom",
            TEXT,
            "Tên nhóm ở dòng nhóm, ví dụ “I. CÁ NHÂN”; trống ở dòng một người",
            "tính từ {danh_sach.loai}",
        ),
        ("danh_sach.dong[].tt", TEXT, "Số thứ tự trong nhóm", "tính tự động"),
        ("danh_sach.dong[].ten", LINES, "Họ tên hoặc tên tập thể (một dòng)", "{danh_sach.ten}"),
        ("danh_sach.dong[].chuc_vu", LINES, "Chức vụ, mỗi dòng trong ô một dòng", "{danh_sach.chuc_vu}"),
        ("danh_sach.dong[].don_vi", LINES, "Đơn vị công tác, mỗi dòng trong ô một dòng", "{danh_sach.don_vi}"),
        ("danh_sach.dong[].hinh_thuc", LINES, "Hình thức khen thưởng (một dòng)", "{danh_sach.hinh_thuc}"),
    ),
}


def fields_of(builder: str) -> tuple[FieldInfo, ...]:
    """The catalogue of a builder (a document builder or a dossier part builder); () if unknown."""
    return FIELDS.get(builder, ())


def top_level(builder: str) -> set[str]:
    """The names a template of this builder may use in its tags (what `{{ … }}` starts with)."""
    return {info.name for info in fields_of(builder) if "." not in info.name and "[]" not in info.name}


def paths(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every (catalogue name, value) in a context: `a.b` for a key of a group, `a[].b` for a key of
    each item of a list of groups. Bounded by the context's own size."""
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            yield name, item
            yield from paths(item, name)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                yield from paths(item, f"{prefix}[]")


_REFERENCE = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


def references(source: str) -> list[tuple[str, str | None]]:
    """The (sheet key, field key or None) a source names."""
    return [(sheet, key or None) for sheet, key in _REFERENCE.findall(source)]


def source_text(source: str, form: Any = None) -> str:
    """A source with its references as the form shows them: “Hồ sơ › Đơn vị đề nghị”. Without the
    form, or for a key the form lacks, the reference stays as its keys (`ho_so.don_vi`)."""

    def label(match: re.Match) -> str:
        sheet_key, key = match.group(1), match.group(2)
        sheet = next((s for s in getattr(form, "sheets", ()) if s.key == sheet_key), None)
        if sheet is None:
            return f"{sheet_key}.{key}" if key else sheet_key
        if key is None:
            return sheet.name
        item = next((f for f in sheet.fields if f.key == key), None)
        return f"{sheet.name} › {item.label}" if item is not None else f"{sheet.name} › {key}"

    return _REFERENCE.sub(label, source)


def type_matches(kind: str, value: Any) -> bool:
    """Whether a value a builder returned is of the catalogue's type (GROUP may be None: absent)."""
    if kind == TEXT:
        return isinstance(value, str)
    if kind == LINES:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == FLAG:
        return isinstance(value, bool)
    if kind == GROUP:
        return value is None or isinstance(value, dict)
    if kind == ROWS:
        return isinstance(value, list) and all(isinstance(item, dict) for item in value)
    return False
