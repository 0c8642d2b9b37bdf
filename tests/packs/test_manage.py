"""Making, installing (folder, .zip, git), updating and removing packs; refusing unsafe archives."""

import os
import shutil
import stat
import subprocess
import zipfile

import pytest

from kit.app.packs import install, lint, update
from kit.cli import main
from kit.errors import InputError, OutputExistsError, UsageError
from kit.packs import get_pack, user_packs_dir
from kit.packs.manage import MAX_ARCHIVE_FILES, new_pack, remove
from tests.packs.conftest import LANG_SON, copy_pack


def _zip(path, members: dict):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _zip_of_folder(path, folder, prefix="lang-son/"):
    with zipfile.ZipFile(path, "w") as archive:
        for item in folder.rglob("*"):
            if item.is_file():
                archive.write(item, prefix + item.relative_to(folder).as_posix())
    return path


def test_new_pack_is_ready_to_edit_and_lints_clean(isolated, capsys):
    assert main(["packs", "new", "ha-giang", "--extends", "builtin", "-o", str(isolated / "ha-giang")]) == 0
    folder = isolated / "ha-giang"
    text = (folder / "pack.toml").read_text(encoding="utf-8")
    assert 'id = "ha-giang"' in text and 'extends = "builtin"' in text and "[defaults]" in text
    assert "Gói mẫu ha-giang" in (folder / "README.md").read_text(encoding="utf-8")
    assert [p for p in lint(folder) if p.error] == []
    with pytest.raises(OutputExistsError):
        new_pack("ha-giang", "builtin", folder)


def test_install_from_a_folder_use_and_remove(isolated, capsys):
    assert main(["packs", "install", str(LANG_SON)]) == 0
    target = user_packs_dir() / "lang-son"
    assert (target / "pack.toml").is_file() and get_pack("lang-son").root == target
    assert "lang-son\t1.0.0\tkế thừa builtin" in _list(capsys)
    assert install(str(LANG_SON)) == target  # the same pack again: nothing to confirm
    assert main(["packs", "remove", "lang-son"]) == 0
    with pytest.raises(UsageError, match="không tìm thấy gói mẫu 'lang-son'"):
        get_pack("lang-son")


def _list(capsys):
    capsys.readouterr()
    main(["packs", "list"])
    return capsys.readouterr().out


def test_a_different_pack_with_the_same_id_needs_force(isolated, capsys):
    install(str(LANG_SON))
    changed = copy_pack(LANG_SON, isolated / "khac" / "lang-son")
    (changed / "pack.toml").write_text(
        (changed / "pack.toml")
        .read_text(encoding="utf-8")
        .replace('title = "Gói mẫu Sở Nội vụ tỉnh Lạng Sơn"', 'title = "Gói khác"'),
        encoding="utf-8",
    )
    with pytest.raises(OutputExistsError, match="đã cài một gói 'lang-son' khác — gỡ gói đã cài, hoặc cho phép thay"):
        install(str(changed))
    assert main(["packs", "install", str(changed)]) == 3
    assert "đã cài một gói 'lang-son' khác — thêm --force để thay" in capsys.readouterr().err
    install(str(changed), force=True)
    assert get_pack("lang-son").title == "Gói khác"


def test_install_refuses_a_broken_pack_or_one_needing_a_newer_kit(isolated):
    broken = copy_pack(LANG_SON, isolated / "hong")
    (broken / "templates" / "ke-hoach.docx").unlink()
    with pytest.raises(InputError, match="có lỗi, không cài: .*không có tệp mẫu"):
        install(str(broken))
    newer = copy_pack(LANG_SON, isolated / "moi")
    (newer / "pack.toml").write_text(
        (newer / "pack.toml")
        .read_text(encoding="utf-8")
        .replace('min_kit_version = "0.1.0"', 'min_kit_version = "9.0.0"'),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="cần vanban-kit 9.0.0 trở lên"):
        install(str(newer))
    assert not (user_packs_dir() / "lang-son").exists()


def test_install_from_a_zip(isolated):
    archive = _zip_of_folder(isolated / "lang-son.zip", LANG_SON)
    assert install(str(archive)) == user_packs_dir() / "lang-son"
    assert get_pack("lang-son").template("ke-hoach").file.is_file()


@pytest.mark.parametrize(
    "members, message",
    [
        ({"../thoat.txt": "x", "pack.toml": "id"}, "đường dẫn không an toàn '../thoat.txt'"),
        ({"/etc/tuyet-doi.txt": "x"}, "đường dẫn không an toàn '/etc/tuyet-doi.txt'"),
        ({"a/../../thoat.txt": "x"}, "đường dẫn không an toàn"),
        ({f"f{n}.txt": "" for n in range(MAX_ARCHIVE_FILES + 1)}, "tệp giải nén ra quá lớn"),
    ],
    ids=["parent path", "absolute path", "nested parent path", "too many files"],
)
def test_unsafe_archives_are_refused_and_nothing_is_written(isolated, members, message):
    archive = _zip(isolated / "xau.zip", members)
    with pytest.raises(InputError, match=message):
        install(str(archive))
    assert not user_packs_dir().exists() or not any(user_packs_dir().iterdir())
    assert not (isolated / "thoat.txt").exists()


def test_symlinks_and_zip_bombs_are_refused(isolated, monkeypatch):
    archive = isolated / "lien-ket.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        link = zipfile.ZipInfo("lang-son/lien-ket")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")
    with pytest.raises(InputError, match="liên kết tượng trưng"):
        install(str(archive))
    bomb = isolated / "bom.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("lang-son/khong.bin", b"\0" * (60 * 1024 * 1024))  # 60 MB of zeros, a few KB packed
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(InputError, match="tệp giải nén ra quá lớn"):
        install(str(bomb))


@pytest.fixture
def git_repo(isolated):
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    repo = copy_pack(LANG_SON, isolated / "repo")
    env = dict(
        os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t"
    )
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "v1"]):
        subprocess.run(command, cwd=repo, check=True, env=env)
    return repo, env


def test_install_and_update_from_a_git_repository(git_repo):
    repo, env = git_repo
    url = repo.as_uri()
    target = install(url)
    assert get_pack("lang-son").version == "1.0.0" and (target / ".kit-source.toml").is_file()
    manifest = repo / "pack.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('version = "1.0.0"\nmin', 'version = "1.1.0"\nmin'),
        encoding="utf-8",
    )
    subprocess.run(["git", "commit", "-q", "-am", "v1.1"], cwd=repo, check=True, env=env)
    assert main(["packs", "update", "lang-son"]) == 0
    assert get_pack("lang-son").version == "1.1.0"


def test_update_needs_a_git_install(isolated):
    install(str(LANG_SON))
    with pytest.raises(UsageError, match="không được cài từ kho git"):
        update("lang-son")
    with pytest.raises(UsageError, match="gói có sẵn .builtin. không gỡ"):
        remove("builtin")


def test_remove_and_update_take_a_pack_id_never_a_path(isolated):
    victim = isolated / "victim"
    copy_pack(LANG_SON, victim)
    user_packs_dir().mkdir(parents=True)
    for bad in ("../../victim", "../victim", str(victim), "lang-son/..", "."):
        with pytest.raises(UsageError, match="mã gói|không phải một gói"):
            remove(bad)
        with pytest.raises(UsageError):
            update(bad)
    assert (victim / "pack.toml").is_file()


def test_a_source_file_shipped_in_a_pack_is_not_kept_and_update_keeps_to_its_pack(git_repo):
    repo, env = git_repo
    other = copy_pack(LANG_SON, repo.parent / "other")
    manifest = other / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('id = "lang-son"', 'id = "ff"'), encoding="utf-8")
    (other / ".kit-source.toml").write_text(f'git = "{repo.as_uri()}"\n', encoding="utf-8")
    target = install(str(other))
    assert not (target / ".kit-source.toml").exists()
    with pytest.raises(UsageError, match="không được cài từ kho git"):
        update("ff")
    # A repository that now holds another pack does not replace the installed one.
    install(repo.as_uri())
    renamed = repo / "pack.toml"
    renamed.write_text(renamed.read_text(encoding="utf-8").replace('id = "lang-son"', 'id = "khac"'), encoding="utf-8")
    subprocess.run(["git", "commit", "-q", "-am", "renamed"], cwd=repo, check=True, env=env)
    with pytest.raises(InputError, match="chứa gói 'khac', không phải 'lang-son'"):
        update("lang-son")
    assert get_pack("lang-son").version == "1.0.0"
    assert 'git = "' in (user_packs_dir() / "lang-son" / ".kit-source.toml").read_text(encoding="utf-8")


def test_a_corrupt_zip_is_a_one_line_error(isolated):
    archive = isolated / "hong.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("lang-son/pack.toml", "id = 'lang-son'\n" * 200)
    data = bytearray(archive.read_bytes())
    start = data.index(b"lang-son/pack.toml") + len("lang-son/pack.toml")
    data[start + 5 : start + 25] = b"\xff" * 20  # damage the compressed data, not the directory
    archive.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"hong\.zip: tệp \.zip bị hỏng ở 'lang-son/pack\.toml'"):
        install(str(archive))


def test_new_pack_escapes_defaults_and_refuses_a_file_as_folder(isolated, monkeypatch):
    import kit.packs.manage as manage

    class Base:
        defaults = {"co_quan_ban_hanh": 'Sở "Nội vụ" \\ A', "noi_nhan": ['Như "trên"', "Lưu"], "so_ban": 3}

    monkeypatch.setattr(manage, "get_pack", lambda _: Base)
    folder = new_pack("thu", "builtin", isolated / "thu")
    from kit import _toml

    assert _toml.load(folder / "pack.toml")["defaults"] == Base.defaults
    existing = isolated / "tep.txt"
    existing.write_text("x")
    with pytest.raises(OutputExistsError, match="đã có một tệp tên này"):
        new_pack("thu2", "builtin", existing)
