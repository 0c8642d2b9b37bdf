"""`kit serve` in a real browser, with the keyboard alone: Debian's Chromium driven by Playwright against
`python -m kit serve` started on a free port. Screenshots of each page go to tests/web/screenshots/.

Skipped on a developer machine without Chromium or Playwright; in CI (CI set) a missing one fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from kit.app import load_sample
from tests.conftest import data as plan_data
from tests.conftest import write_workbook
from tests.web.conftest import ROOT, SAMPLES, need_web_extra
from tests.web.dossiers import dossier_workbook
from tests.web.serving import kit_serve

pytestmark = pytest.mark.browser
need_web_extra()

CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} in CI: .ci/run installs it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python -m kit serve` (the command a Windows user may type) on a free port of 127.0.0.1."""
    results = tmp_path_factory.mktemp("ket-qua")
    log = results.parent / "serve.log"
    # The user's data (installed packs, the unit's register) in a folder of the test, with a second pack
    # installed beside the built-in one for the pack chooser.
    data_home = tmp_path_factory.mktemp("du-lieu")
    env = {**os.environ, "KIT_DATA_HOME": str(data_home)}
    made = tmp_path_factory.mktemp("goi") / "tinh-thu"
    for command in (["packs", "new", "tinh-thu", "-o", str(made)], ["packs", "install", str(made)]):
        subprocess.run([sys.executable, "-m", "kit", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    arguments = ["--results-dir", str(results), "--workers", "1", "--db", str(data_home / "so-khen-thuong.sqlite")]
    with kit_serve(arguments, cwd=ROOT, env=env, log=log) as served:
        yield served.url
    process, rest = served.process, served.rest
    assert (process.returncode, rest) == (0, "Đã dừng máy chủ.\n")
    assert "Traceback" not in log.read_text(), log.read_text()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright (pip install playwright) is missing")
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium ({CHROMIUM}) is missing")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server, request):
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="vi-VN", base_url=server
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []  # no script error, nothing blocked by the Content-Security-Policy


def shoot(page, name: str) -> Path:
    """A screenshot of the whole page, which must fit the width of a 1366×768 office screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366, f"{name}: wider than the screen"
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def tab_to(page, text: str, limit: int = 120) -> None:
    """Press Tab until the focused element is the link or button named `text`, or the field `#id`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement;
            if (!e || e === document.body) return '';
            return e.tagName === 'INPUT' ? '#' + e.id : (e.innerText || '').trim();
        }""")
        if focused == text:
            return
    raise AssertionError(f"no element “{text}” reached with Tab")


def download(page, text: str, folder: Path) -> Path:
    tab_to(page, text)
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    target = folder / caught.value.suggested_filename
    caught.value.save_as(target)
    return target


def choose_files(page, *paths: Path) -> None:
    """Tab to the file field and open it with the keyboard, then pick the files in the chooser."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tab_to(page, "#files")
    # Space opens the chooser of a focused file field, Enter too; now and then (a loaded machine) the
    # first key is lost, so the other is tried.
    for key in ("Space", "Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=5000) as chooser:
                page.keyboard.press(key)
            break
        except PlaywrightTimeout:
            assert page.evaluate("document.activeElement.id") == "files"
    else:
        raise AssertionError("the file chooser did not open from the keyboard")
    chooser.value.set_files([str(p) for p in paths])


def submit(page, button: str) -> None:
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def go(page, link: str) -> None:
    """Follow a link of the navigation with the keyboard."""
    tab_to(page, link)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def document_text(path: Path) -> str:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(texts)


def test_download_a_blank_form_then_fill_the_sample_and_open_the_document(page, tmp_path):
    page.goto("/")
    assert page.title() == "Mẫu văn bản — vanban-kit"
    shoot(page, "1-mau-van-ban")
    blank = download(page, "Biểu mẫu trống", tmp_path)
    assert blank.name == "ke-hoach.xlsx" and "Văn bản" in load_workbook(blank).sheetnames

    go(page, "Lập văn bản")
    assert page.locator("h1").inner_text() == "Lập văn bản"
    sample = tmp_path / "Kế hoạch 2019.xlsx"
    shutil.copy(SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx", sample)
    choose_files(page, sample)
    assert page.locator(".chosen").inner_text() == "Đã chọn: Kế hoạch 2019.xlsx"
    shoot(page, "2-lap-van-ban")
    submit(page, "Lập văn bản")
    assert page.locator("h1").inner_text() == "Kết quả lập văn bản"
    shoot(page, "3-ket-qua-lap-van-ban")
    made = download(page, "Tải Kế hoạch 2019.docx", tmp_path)
    assert made.name == "Kế hoạch 2019.docx"
    signer = load_sample(SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.toml")["van_ban"]["nguoi_ky"]
    text = document_text(made)
    assert signer in text and "KẾ HOẠCH" in text


def test_a_broken_workbook_shows_the_error_table(page, tmp_path):
    bad = write_workbook(tmp_path / "thiếu địa danh.xlsx", plan_data(van_ban={"dia_danh": None}))
    page.goto("/lap-van-ban")
    choose_files(page, bad)
    submit(page, "Lập văn bản")
    table = page.locator("table.errors")
    assert table.is_visible()
    cells = table.locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells[:4] == ["thiếu địa danh.xlsx", "Văn bản", "B6", "Địa danh"] and cells[4] == "chưa điền (bắt buộc)"
    shoot(page, "4-loi-bieu-mau")
    # The upload form is under the error table: the corrected workbook is sent again from here.
    form = page.locator("form.upload")
    assert form.is_visible() and form.bounding_box()["y"] > table.bounding_box()["y"]
    good = write_workbook(tmp_path / "đã sửa.xlsx", plan_data())
    choose_files(page, good)
    submit(page, "Lập văn bản")
    assert page.locator("h1").inner_text() == "Kết quả lập văn bản" and not page.locator("table.errors").count()


def test_a_300_candidate_dossier_shows_its_progress_then_its_zip(page, server, tmp_path):
    import httpx2
    from playwright.sync_api import Error as PlaywrightError

    book = dossier_workbook(tmp_path / "Hồ sơ khen thưởng 300.xlsx", 300)
    # Another office's 1,000-candidate dossier is being made on the server's one worker: the page
    # shows this one waiting, then its progress (a dossier takes about a second on this machine).
    other = dossier_workbook(tmp_path / "khac.xlsx", 1000)
    assert httpx2.post(f"{server}api/v1/dossier", files={"file": (other.name, other.read_bytes())}).status_code == 202
    page.goto("/")
    go(page, "Hồ sơ khen thưởng")
    choose_files(page, book)
    submit(page, "Lập hồ sơ")
    assert page.locator("h1").inner_text() == "Kết quả lập hồ sơ khen thưởng"
    # The progress bar while the documents are made (values as the page shows them).
    seen = []
    while page.locator("#progress").count():
        try:
            seen.append(page.eval_on_selector("#progress", "e => [e.value, e.max]"))
        except PlaywrightError:  # the page reloads once the dossier is ready
            break
        if len(seen) == 3:
            shoot(page, "5-ho-so-dang-lap")
        page.wait_for_timeout(50)
    page.wait_for_selector("text=Tải cả hồ sơ (ho-so-112-TTr-SNV.zip)")
    print("progress seen:", seen)
    assert seen, "no progress bar was shown"
    totals = {total for _, total in seen if total > 1}
    assert totals == {303}  # 300 reports, the submission, the minutes and the list
    values = [value for value, _ in seen]
    assert values == sorted(values)
    shoot(page, "6-ho-so-xong")
    # One row per document, in the dossier's order: its part, its person, its files, its self-check.
    rows = page.locator("table.dossier tbody tr")
    assert rows.count() == 303
    first, fourth = rows.nth(0).locator("th, td").all_inner_texts(), rows.nth(3).locator("th, td").all_inner_texts()
    assert first[0].startswith("Tờ trình") and first[1] == ""
    assert fourth[0].startswith("Báo cáo thành tích") and fourth[1] and ".docx" in fourth[2] and fourth[3]
    archive = download(page, "Tải cả hồ sơ (ho-so-112-TTr-SNV.zip)", tmp_path)
    assert archive.name == "ho-so-112-TTr-SNV.zip"  # the Tờ trình's number
    names = zipfile.ZipFile(archive).namelist()
    assert len([n for n in names if "/bao-cao-thanh-tich/" in n]) == 300
    assert "ho-so-khen-thuong/manifest.json" in names


def test_check_a_document_and_download_the_annotated_copy(page, tmp_path):
    from kit.app import fill

    (made,) = fill([SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx"], tmp_path)
    document = docx.Document(str(made))
    document.paragraphs[-1].insert_paragraph_before("Căn cứ Nghị định số 64/2014/NĐ-CP")
    checked = tmp_path / "Kế hoạch cần xem.docx"
    document.save(str(checked))
    page.goto("/")
    go(page, "Kiểm tra văn bản")
    choose_files(page, checked)
    submit(page, "Kiểm tra")
    assert page.locator("h1").inner_text() == "Kết quả kiểm tra văn bản"
    assert page.locator("section.document h2").first.inner_text() == "Kế hoạch cần xem.docx"
    parts = page.locator("section.document caption").all_inner_texts()
    assert parts and all(
        part
        in {
            "Phần đầu (cơ quan, quốc hiệu, số, ngày)",
            "Tên loại và trích yếu",
            "Kính gửi",
            "Nội dung",
            "Nơi nhận",
            "Chữ ký",
            "Trình bày trang",
        }
        for part in parts
    )
    shoot(page, "7-kiem-tra")
    codes = page.locator("table.findings td code").all_inner_texts()
    annotated = download(page, "Tải bản có nhận xét", tmp_path)
    assert annotated.name == "Kế hoạch cần xem (nhận xét).docx"
    comments = zipfile.ZipFile(annotated).read("word/comments.xml").decode("utf-8")
    assert codes and all(code in comments for code in codes)
    report = download(page, "Tải kết quả (JSON)", tmp_path)
    import json

    assert json.loads(report.read_text(encoding="utf-8"))["documents"][0]["path"] == "Kế hoạch cần xem.docx"


def test_a_draft_is_told_to_tick_its_box_not_to_type_an_option(page, tmp_path):
    from tests.web.test_hints import COMMAND, undated_draft

    draft = undated_draft(tmp_path)
    page.goto("/kiem-tra")
    choose_files(page, draft)
    submit(page, "Kiểm tra")
    row = page.locator("table.findings tr", has=page.locator("code", has_text="VB209"))
    assert row.count() == 1
    hint = row.locator("td").nth(4).inner_text()
    assert (
        hint
        == "văn thư ghi số và ngày sau khi văn bản được ký (bản trình ký thì chọn “Bản trình ký” khi gửi để bỏ lưu ý này)"
    )
    assert COMMAND.findall(page.locator("main").inner_text()) == []
    # The same draft again, with the box ticked from the keyboard.
    go(page, "Kiểm tra văn bản")
    choose_files(page, draft)
    tab_to(page, "#draft")
    page.keyboard.press("Space")
    assert page.locator("#draft").is_checked()
    submit(page, "Kiểm tra")
    assert page.locator("h1").inner_text() == "Kết quả kiểm tra văn bản"
    assert page.locator("section.document").inner_text().count("Không phát hiện vấn đề nào về thể thức") == 1
    assert not page.locator("table.findings").count()


def test_print_leaves_out_the_navigation_and_forms(page):
    page.goto("/kiem-tra")
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible() and not page.locator("form.upload").is_visible()
    assert page.locator("h1").is_visible()


def test_drop_a_document_onto_the_zone(page, tmp_path):
    import base64

    from kit.app import fill

    (made,) = fill([SAMPLES / "ke-hoach-tdkt-2019-ubnd-lang-son.xlsx"], tmp_path)
    page.goto("/kiem-tra")
    page.evaluate(
        """([data, name]) => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const files = new DataTransfer();
        files.items.add(new File([bytes], name));
        const zone = document.querySelector('label.drop');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: files, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));
    }""",
        [base64.b64encode(made.read_bytes()).decode(), "Kế hoạch kéo thả.docx"],
    )
    assert page.locator(".chosen").inner_text() == "Đã chọn: Kế hoạch kéo thả.docx"
    submit(page, "Kiểm tra")
    assert page.locator("section.document h2").first.inner_text() == "Kế hoạch kéo thả.docx"


def test_choose_a_pack_and_the_browser_remembers_it(page, browser, server):
    page.goto("/")
    assert page.locator("#chon-goi option:checked").inner_text().startswith("Gói có sẵn")
    assert "builtin" not in page.locator("body").inner_text()
    page.select_option("#chon-goi", "tinh-thu")
    submit(page, "Chọn")
    assert "tinh-thu" in page.locator("#chon-goi option:checked").inner_text()
    assert "tinh-thu" in page.locator("table.list caption").inner_text()  # the templates of the chosen pack
    shoot(page, "8-chon-goi")
    page.goto("/kiem-tra")  # another page, the same choice; the check page says whose rules apply
    assert "tinh-thu" in page.locator("#chon-goi option:checked").inner_text()
    assert "tinh-thu" in page.locator("form.upload").inner_text()
    # Another browser has its own choice.
    other = browser.new_context(base_url=server).new_page()
    other.goto("/")
    assert other.locator("#chon-goi option:checked").inner_text().startswith("Gói có sẵn")
    other.context.close()


def test_the_unit_register_is_kept_from_the_page(page, tmp_path):
    page.goto("/quyet-dinh")
    assert page.locator("input[name=register]").is_checked()
    choose_files(page, SAMPLES / "ho-so-khen-thuong-so-noi-vu.xlsx")
    submit(page, "Lập quyết định")
    assert page.locator("h1").inner_text() == "Quyết định khen thưởng và giấy khen"
    assert "Đã ghi 5 khen thưởng vào sổ khen thưởng của đơn vị" in page.locator("main").inner_text()
    assert "quyet-dinh-1520-QĐ-UBND.zip" in page.locator("main").inner_text()
    shoot(page, "9-quyet-dinh")
    register = download(page, "Tải sổ khen thưởng của đơn vị", tmp_path)
    rows = list(load_workbook(register)["Sổ khen thưởng"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5
    # The dossier page now offers to compare a new dossier with the unit's register (kit dossier --register).
    page.goto("/ho-so")
    assert page.locator("input[name=register]").is_enabled() and page.locator("input[name=register]").is_checked()


def test_untick_a_kind_of_certificate_and_only_the_others_are_printed(page):
    # The Giám đốc Sở's own year-end decision: Giấy khen and Bằng chứng nhận; the văn thư prints only the latter.
    page.goto("/quyet-dinh")
    assert page.locator("input[name=kinds]:checked").count() == 3
    choose_files(page, SAMPLES / "ho-so-thuong-xuyen-so-noi-vu.xlsx")
    tab_to(page, "#kind-giay-khen")
    page.keyboard.press("Space")
    assert not page.locator("#kind-giay-khen").is_checked() and page.locator("#kind-bang-chung-nhan").is_checked()
    shoot(page, "10-quyet-dinh-chon-mau-in")
    submit(page, "Lập quyết định")
    text = page.locator("main").inner_text()
    assert "bang-chung-nhan.pdf" in text and "giay-khen.pdf" not in text and "04-quyet-dinh.docx" in text
