"""The page "Gói mẫu" of kit serve: the packs with their source and signer, a newer release of the
registry, what it changes, updating — through the ASGI client (refusals) and in real Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kit.cli import main
from kit.packs import user_packs_dir
from kit.version import __version__
from tests.packs.registry_world import build, make_lang_son_1_1, need_tools
from tests.web.conftest import need_web_extra, text_of
from tests.web.serving import kit_serve

need_web_extra()

CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "web" / "screenshots"  # ignored by git, as tests/web's
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


@pytest.fixture
def newer(isolated, monkeypatch):
    """lang-son 1.0.0 installed from the registry, which now lists 1.1.0."""
    need_tools()
    world = build(isolated / "world", monkeypatch.setenv)
    assert main(["packs", "registry", "add", "chung", world.registry_bare.as_uri()]) == 0
    assert main(["packs", "install", "lang-son"]) == 0
    make_lang_son_1_1(world)
    world.write_index({"lang-son": ["1.0.0", "1.1.0"], "cao-bang": ["1.0.0"]})
    assert main(["packs", "registry", "add", "chung", world.registry_bare.as_uri(), "--force"]) == 0
    return world


def _client(tmp_path, **settings):
    from tests.web.conftest import make_client

    return make_client(tmp_path, **settings)


def test_the_page_lists_source_signer_and_update_and_refuses_a_post_without_its_tokens(newer, tmp_path):
    with _client(tmp_path) as client:
        page = client.get("/goi-mau", headers={"accept": "text/html"})
        assert page.status_code == 200
        text = text_of(page.text)
        assert "Gói mẫu Sở Nội vụ tỉnh Lạng Sơn lang-son 1.0.0 kho chung, thẻ v1.0.0" in text
        assert "Sở Nội vụ tỉnh Lạng Sơn (SHA256:" in text and "Xem thay đổi của bản 1.1.0" in text
        assert "(chỉ mục tải lúc" in text
        reloaded = client.post("/goi-mau/tai-lai", data={"csrf": client.cookies["kit_csrf"]})
        assert reloaded.status_code == 200 and "Đã tải lại chỉ mục các kho." in reloaded.text
        # No form token: nothing is updated.
        refused = client.post("/goi-mau/lang-son/cap-nhat", data={"version": "1.1.0"})
        assert refused.status_code == 403 and "tải lại trang rồi gửi lại" in refused.text
        assert 'version = "1.0.0"' in (user_packs_dir() / "lang-son" / "pack.toml").read_text(encoding="utf-8")
        # A version other than the one whose changes were shown is not installed.
        stale = client.post("/goi-mau/lang-son/cap-nhat", data={"csrf": client.cookies["kit_csrf"], "version": "1.0.5"})
        assert stale.status_code == 400 and "không phải 1.0.5 — xem lại những gì thay đổi" in text_of(stale.text)

    # Beyond this machine: the access token is asked for the page and the update alike.
    with _client(tmp_path, host="0.0.0.0", token="ma-truy-cap-dai-kho-doan") as client:
        assert client.get("/goi-mau").status_code == 401
        assert client.post("/goi-mau/lang-son/cap-nhat", data={"version": "1.1.0"}).status_code == 401
    with _client(tmp_path, host="0.0.0.0") as client:  # a server made without its token (not by kit serve)
        client.get("/goi-mau", headers={"host": "0.0.0.0"})
        refused = client.post("/goi-mau/lang-son/cap-nhat", data={"version": "1.1.0"}, headers={"host": "0.0.0.0"})
        assert refused.status_code == 403 and "không có mã truy cập" in text_of(refused.text)
    assert 'version = "1.0.0"' in (user_packs_dir() / "lang-son" / "pack.toml").read_text(encoding="utf-8")


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists() or not _has_playwright():
        if os.environ.get("CI"):
            pytest.fail("Chromium or Playwright is missing in CI: .ci/run installs them")
        pytest.skip("Chromium and Playwright are needed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _has_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def server(newer, isolated):
    """`python -m kit serve` on a free port, with the test's data folder and git setup."""
    log = isolated / "serve.log"
    with kit_serve(["--workers", "1"], cwd=Path.cwd(), env=dict(os.environ), log=log) as served:
        yield served.url
    assert "Traceback" not in log.read_text(), log.read_text()


@pytest.mark.browser
def test_see_what_a_new_release_changes_then_update_in_the_browser(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/")
    page.get_by_role("link", name="Gói mẫu").click()
    assert page.title() == "Gói mẫu — vanban-kit"
    row = page.locator("#goi-lang-son")
    _shoot(page, "goi-mau")
    assert "kho chung, thẻ v1.0.0" in row.inner_text() and "Sở Nội vụ tỉnh Lạng Sơn (SHA256:" in row.inner_text()
    assert page.locator("#goi-builtin").inner_text().count("—") >= 2  # the built-in pack: no registry, no update

    row.get_by_role("link", name="Xem thay đổi của bản 1.1.0").click()
    assert page.locator("h1").inner_text() == "Thay đổi của gói lang-son bản 1.1.0"
    wording = page.locator("ul.wording").first.inner_text()
    assert "Sửa bảng 2, hàng 1, ô 2: “NỘI DUNG CÔNG VIỆC” → “NỘI DUNG NHIỆM VỤ”" in wording
    assert "threshold: “90” → “95”" in page.locator("ul.data").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.locator("footer").inner_text().startswith(f"vanban-kit {__version__} ")  # not the pack's
    _shoot(page, "goi-mau-thay-doi")

    with page.expect_navigation():
        page.get_by_role("button", name="Cập nhật lên bản 1.1.0").click()
    assert "Đã cập nhật gói lang-son: 1.0.0 → 1.1.0 (kho chung, thẻ v1.1.0" in page.locator(".done").inner_text()
    row = page.locator("#goi-lang-son")
    assert "1.1.0" in row.inner_text() and "Xem thay đổi" not in row.inner_text()
    assert 'version = "1.1.0"' in (user_packs_dir() / "lang-son" / "pack.toml").read_text(encoding="utf-8")
    context.close()
    assert errors == []
