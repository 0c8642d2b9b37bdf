"""Packs shared through a registry, with real git repositories and real SSH signatures: search, install a
signed release, refuse a tampered or wrongly signed one, install an unsigned one when the user says so,
update with what changed, work offline with the last fetched index."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import docx
import pytest
from openpyxl import load_workbook

from kit.cli import main
from kit.packs import user_packs_dir
from kit.packs.registry import config_path
from tests.packs.registry_world import build, commit_all, make_lang_son_1_1, need_tools, publish, run, signed_tag


@pytest.fixture
def world(isolated, monkeypatch):
    need_tools()
    world = build(isolated / "world", monkeypatch.setenv)
    assert main(["packs", "registry", "add", "chung", world.registry_bare.as_uri()]) == 0
    return world


def _source(pack_id: str) -> str:
    return (user_packs_dir() / pack_id / ".kit-source.toml").read_text(encoding="utf-8")


def test_add_a_registry_and_search_it_without_vietnamese_marks(world, capsys):
    capsys.readouterr()
    assert main(["packs", "registry", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("chung\tfile://") and "(vừa tải)" in listed
    assert main(["packs", "search", "lang", "son"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["lang-son\tGói mẫu Sở Nội vụ tỉnh Lạng Sơn\tLạng Sơn, Nội vụ\t1.0.0\tkho chung"]
    assert main(["packs", "search", "thi đua"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["cao-bang"]
    assert main(["packs", "search"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["cao-bang", "lang-son"]


def test_install_a_signed_release_records_its_source_in_show_and_in_each_document(world, capsys, tmp_path):
    assert main(["packs", "install", "lang-son"]) == 0
    out = capsys.readouterr().out
    assert "Nguồn: kho chung, thẻ v1.0.0, commit " in out and "ký bởi Sở Nội vụ tỉnh Lạng Sơn (SHA256:" in out
    record = _source("lang-son")
    assert f'commit = "{world.commits["lang-son@1.0.0"]}"' in record and "signed = true" in record
    assert main(["packs", "show", "lang-son"]) == 0
    assert f"Nguồn: kho chung, thẻ v1.0.0, commit {world.commits['lang-son@1.0.0'][:12]}" in capsys.readouterr().out

    # A document made with the pack names registry, tag, commit and signer in its properties.
    book = tmp_path / "ke-hoach.xlsx"
    assert main(["form", "ke-hoach", "--pack", "lang-son", "--sample", "-o", str(book)]) == 0
    assert main(["fill", str(book), "-o", str(tmp_path / "out")]) == 0
    made = docx.Document(str(tmp_path / "out" / "ke-hoach.docx"))
    comments = made.core_properties.comments
    assert "gói lang-son 1.0.0" in comments and "kho chung, thẻ v1.0.0" in comments and "ký bởi Sở Nội vụ" in comments

    # A dossier's manifest.json names them too.
    book = tmp_path / "ho-so.xlsx"
    assert main(["form", "ho-so-khen-thuong", "--pack", "lang-son", "--sample", "-o", str(book)]) == 0
    workbook = load_workbook(book)
    workbook["Kết quả bỏ phiếu"]["B4"] = 7  # Lạng Sơn asks 90% for Chiến sĩ thi đua cơ sở: all seven vote yes
    workbook.save(book)
    assert main(["dossier", str(book), "-o", str(tmp_path / "ho-so")]) == 0
    manifest = json.loads(next((tmp_path / "ho-so").rglob("manifest.json")).read_text(encoding="utf-8"))
    for document in (tmp_path / "ho-so").rglob("*.docx"):  # each within the 255 characters of a property
        assert "nguồn gói: kho chung" in docx.Document(str(document)).core_properties.comments
    source = manifest["pack"]["source"]
    assert (source["registry"], source["tag"], source["commit"], source["signed"]) == (
        "chung",
        "v1.0.0",
        world.commits["lang-son@1.0.0"],
        True,
    )
    assert source["signer"].startswith("Sở Nội vụ tỉnh Lạng Sơn (SHA256:")


def test_a_tag_moved_to_another_commit_is_refused_even_when_unsigned_is_allowed(world, capsys):
    source = world.sources["lang-son"]
    (source / "README-them.md").write_text("sửa lén\n", encoding="utf-8")
    run("git", "add", "-A", cwd=source)
    run("git", "commit", "-q", "-m", "sửa lén", cwd=source)
    signed_tag(source, "v1.0.0", world.keys["ls"])  # even signed by the right key: not the commit listed
    publish(source, world.bares["lang-son"])
    for extra in ([], ["--allow-unsigned"]):
        assert main(["packs", "install", "lang-son", *extra]) == 3
        err = capsys.readouterr().err
        assert "thẻ đã bị đổi sau khi phát hành; không cài" in err and world.commits["lang-son@1.0.0"][:12] in err
    assert not (user_packs_dir() / "lang-son").exists()


def test_a_tag_signed_by_a_key_not_in_the_registry_is_refused(world, capsys):
    source = world.sources["lang-son"]
    signed_tag(source, "v1.0.0", world.keys["evil"])  # the same commit, someone else's signature
    publish(source, world.bares["lang-son"])
    assert main(["packs", "install", "lang-son"]) == 3
    err = capsys.readouterr().err
    assert (
        "bản phát hành không tin được (thẻ được ký bằng khóa SHA256:" in err
        and "không có trong kho cho gói này) — không cài" in err
    )
    assert not (user_packs_dir() / "lang-son").exists()
    # The other province's key is not allowed for this pack either.
    signed_tag(source, "v1.0.0", world.keys["cb"])
    publish(source, world.bares["lang-son"])
    assert main(["packs", "install", "lang-son"]) == 3
    assert "không có trong kho cho gói này" in capsys.readouterr().err


def test_an_unsigned_release_needs_allow_unsigned_and_says_so(world, capsys):
    source = world.sources["cao-bang"]
    run("git", "tag", "-d", "v1.0.0", cwd=source)
    run("git", "tag", "v1.0.0", cwd=source)  # a lightweight tag: no signature at all
    run("git", "push", "-q", "--force", str(world.bares["cao-bang"]), "refs/tags/v1.0.0", cwd=source)
    assert main(["packs", "install", "cao-bang"]) == 3
    err = capsys.readouterr().err
    assert "thẻ không ký" in err and "--allow-unsigned" in err
    assert main(["packs", "install", "cao-bang", "--allow-unsigned"]) == 0
    assert "KHÔNG có chữ ký hợp lệ (được cài dù không có chữ ký)" in capsys.readouterr().out
    assert "signed = false" in _source("cao-bang")


def test_update_to_the_newest_release_prints_what_changed(world, capsys):
    assert main(["packs", "install", "lang-son"]) == 0
    make_lang_son_1_1(world)
    assert main(["packs", "update"]) == 0
    assert "gói 'lang-son' 1.0.0: đã là bản mới nhất" in capsys.readouterr().err  # not yet in the index
    world.write_index({"lang-son": ["1.0.0", "1.1.0"], "cao-bang": ["1.0.0"]})
    assert main(["packs", "search", "lang-son"]) == 0
    assert "\t1.1.0\tkho chung" in capsys.readouterr().out

    # Before updating: what 1.1.0 changes, as a clerk reads it, and as JSON for tools.
    assert main(["packs", "diff", "lang-son", "lang-son@1.1.0"]) == 0
    text = capsys.readouterr().out
    assert "Thay đổi từ lang-son 1.0.0 (đã cài) sang lang-son 1.1.0 (kho chung):" in text
    assert "Sửa bảng" in text and "“NỘI DUNG CÔNG VIỆC” → “NỘI DUNG NHIỆM VỤ”" in text
    assert "Sửa [awards] “Chiến sĩ thi đua cơ sở”, threshold: “90” → “95”" in text
    assert "Thêm [awards] “Giấy khen của Giám đốc Sở”: “kind: ca_hai; threshold: 60”" in text
    assert main(["packs", "diff", "lang-son", "lang-son@1.1.0", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    template = next(t for t in data["templates"] if t["id"] == "ke-hoach")
    assert {"kind": "changed", "old": "NỘI DUNG CÔNG VIỆC", "new": "NỘI DUNG NHIỆM VỤ"}.items() <= template["wording"][
        0
    ].items()

    assert main(["packs", "update", "lang-son"]) == 0
    out = capsys.readouterr().out
    assert "Đã cập nhật lang-son: 1.0.0 → 1.1.0 (kho chung, thẻ v1.1.0" in out and "NỘI DUNG NHIỆM VỤ" in out
    assert 'version = "1.1.0"' in (user_packs_dir() / "lang-son" / "pack.toml").read_text(encoding="utf-8")
    assert f'commit = "{world.commits["lang-son@1.1.0"]}"' in _source("lang-son")
    assert main(["packs", "update", "lang-son"]) == 0
    assert "đã là bản mới nhất" in capsys.readouterr().err


def test_offline_the_last_fetched_index_is_used_and_its_age_told(world, capsys):
    shutil.rmtree(world.registry_bare)  # the registry's host is unreachable
    assert main(["packs", "search", "cao"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("cao-bang\t")
    assert "kho 'chung': không tải được (" in captured.err and "dùng bản tải lúc" in captured.err
    assert "(vừa tải)" in captured.err
    # Two days later, still offline: the age is told in days.
    text = config_path().read_text(encoding="utf-8")
    old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=3)).replace(microsecond=0).isoformat()
    lines = [f"fetched = {old}" if line.startswith("fetched = ") else line for line in text.splitlines()]
    config_path().write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["packs", "search", "--offline", "cao"]) == 0
    assert "(tải 3 ngày trước)" in capsys.readouterr().err


def test_one_line_errors_for_what_a_user_may_get_wrong(world, capsys):
    assert main(["packs", "install", "khong-co"]) == 2
    assert "không có gói 'khong-co' trong các kho (chung) — tìm bằng: kit packs search" in capsys.readouterr().err
    assert main(["packs", "install", "lang-son@9.9.9"]) == 2
    assert "không có phiên bản 9.9.9" in capsys.readouterr().err
    assert main(["packs", "registry", "add", "chung", world.registry_bare.as_uri()]) == 3
    assert "đã có kho 'chung' — thêm --force" in capsys.readouterr().err
    assert main(["packs", "registry", "add", "khac", world.bares["lang-son"].as_uri()]) == 3
    assert "kho không có tệp registry.toml ở gốc" in capsys.readouterr().err
    assert main(["packs", "registry", "remove", "chung"]) == 0
    assert main(["packs", "search"]) == 2
    assert "chưa có kho gói mẫu nào — thêm bằng: kit packs registry add" in capsys.readouterr().err


def test_release_lints_raises_the_version_signs_the_tag_and_prints_the_index_entry(world, capsys):
    source = world.sources["cao-bang"]
    run("git", "remote", "add", "origin", world.url("cao-bang"), cwd=source)
    assert (
        main(
            [
                "packs",
                "release",
                str(source),
                "--bump",
                "minor",
                "--key",
                str(world.keys["cb"]),
                "--province",
                "Cao Bằng",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert (
        f"$ git -c gpg.format=ssh -c user.signingkey={world.keys['cb']} tag -s -m 'Gói mẫu cao-bang 1.1.0' v1.1.0"
        in out
    )
    assert "$ git commit -q -m 'Phát hành gói cao-bang 1.1.0'" in out
    commit = run("git", "rev-parse", "v1.1.0^{commit}", cwd=source)
    assert f"Đã phát hành 1.1.0: thẻ v1.1.0, commit {commit}" in out
    entry = out.split("gửi người quản lý kho", 1)[1]
    assert 'id = "cao-bang"' in entry and 'province = "Cao Bằng"' in entry and f'commit = "{commit}"' in entry
    assert f'git = "{world.url("cao-bang")}"' in entry and world.keys["cb"].with_suffix(".pub").name not in entry
    assert (world.keys["cb"].parent / "cb.pub").read_text().split()[1] in entry
    assert 'version = "1.1.0"' in (source / "pack.toml").read_text(encoding="utf-8")

    # Published and listed: a clerk installs it, verified with the key the entry names.
    publish(source, world.bares["cao-bang"])
    world.commits["cao-bang@1.1.0"] = commit
    world.write_index({"lang-son": ["1.0.0"], "cao-bang": ["1.0.0", "1.1.0"]})
    assert main(["packs", "install", "cao-bang"]) == 0
    assert "thẻ v1.1.0" in capsys.readouterr().out

    # Nothing to release twice, and never from a tree with uncommitted changes.
    (source / "ghi-chu.txt").write_text("x", encoding="utf-8")
    assert main(["packs", "release", str(source)]) == 2
    assert "còn thay đổi chưa commit" in capsys.readouterr().err


def test_diff_of_two_folders_reads_the_word_files_and_the_forms(world, capsys, tmp_path):
    old = tmp_path / "cu"
    shutil.copytree(world.sources["lang-son"], old, ignore=shutil.ignore_patterns(".git"))
    make_lang_son_1_1(world)
    assert main(["packs", "diff", str(old), str(world.sources["lang-son"])]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Thay đổi từ lang-son 1.0.0 (thư mục {old}) sang lang-son 1.1.0")
    plan = out.split("Mẫu ke-hoach — ", 1)[1].split("\nMẫu ", 1)[0]
    assert "Sửa bảng 2, hàng 1, ô 2: “NỘI DUNG CÔNG VIỆC” → “NỘI DUNG NHIỆM VỤ”" in plan
    # The new award is a new choice of the award field of the forms that list awards.
    assert "Thêm lựa chọn của trường hinh_thuc (sheet Danh sách): “Giấy khen của Giám đốc Sở”" in out
    assert "mẫu sửa, 0 mẫu mới, 0 mẫu bỏ; 2 mục dữ liệu đổi; 0 giá trị điền sẵn đổi." in out
    assert main(["packs", "diff", str(old), str(old)]) == 0
    assert "Không có thay đổi." in capsys.readouterr().out


def test_an_older_version_on_request_and_a_malformed_entry_told_without_hiding_the_others(world, capsys):
    make_lang_son_1_1(world)
    world.write_index({"lang-son": ["1.0.0", "1.1.0"], "cao-bang": ["1.0.0"]})
    index = world.registry_src / "registry.toml"
    index.write_text(
        index.read_text(encoding="utf-8")
        + '\n[[packs]]\nid = "Sai Ma"\ngit = "x"\nkeys = []\n\n[[packs]]\nid = "thieu-khoa"\ngit = "x"\n',
        encoding="utf-8",
    )
    commit_all(world.registry_src, "Hai mục sai")
    publish(world.registry_src, world.registry_bare)
    assert main(["packs", "install", "lang-son@1.0.0"]) == 0
    captured = capsys.readouterr()
    assert "thẻ v1.0.0" in captured.out
    assert "Lưu ý: kho 'chung', registry.toml, gói thứ 3: id 'Sai Ma' không phải mã gói" in captured.err
    assert "Lưu ý: kho 'chung', gói 'thieu-khoa': thiếu keys" in captured.err
    assert 'version = "1.0.0"' in (user_packs_dir() / "lang-son" / "pack.toml").read_text(encoding="utf-8")


def test_a_pack_extending_another_brings_it_along_signed(world, capsys):
    source = world.sources["cao-bang"]
    text = (source / "pack.toml").read_text(encoding="utf-8")
    (source / "pack.toml").write_text(
        text.replace('extends = "builtin"', 'extends = "lang-son"').replace(
            'version = "1.0.0"', 'version = "1.0.1"', 1
        ),
        encoding="utf-8",
    )
    world.commits["cao-bang@1.0.1"] = commit_all(source, "Kế thừa gói Lạng Sơn")
    signed_tag(source, "v1.0.1", world.keys["cb"])
    publish(source, world.bares["cao-bang"])
    world.write_index({"lang-son": ["1.0.0"], "cao-bang": ["1.0.0", "1.0.1"]})
    assert main(["packs", "install", "cao-bang"]) == 0
    out = capsys.readouterr().out
    assert "Đã cài gói gốc lang-son (gói này kế thừa):" in out and "ký bởi Sở Nội vụ tỉnh Lạng Sơn" in out
    assert "signed = true" in _source("lang-son") and 'tag = "v1.0.1"' in _source("cao-bang")
    # The base comes signed or not at all: --allow-unsigned is for the pack named.
    assert main(["packs", "remove", "cao-bang"]) == 0 and main(["packs", "remove", "lang-son"]) == 0
    signed_tag(world.sources["lang-son"], "v1.0.0", world.keys["evil"])
    publish(world.sources["lang-son"], world.bares["lang-son"])
    assert main(["packs", "install", "cao-bang", "--allow-unsigned"]) == 3
    assert "gói 'lang-son' 1.0.0 (kho 'chung', thẻ v1.0.0): bản phát hành không tin được" in capsys.readouterr().err
    assert not (user_packs_dir() / "cao-bang").exists()
