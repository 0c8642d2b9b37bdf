"""Rendering a batch: on every core for many documents, in order, errors as for one document."""

import io
import zipfile

import docx
import pytest

from kit.errors import InputError
from kit.parallel import POOL_THRESHOLD
from kit.render import Job, render_many


def _template(tmp_path, text="Số {{ so }}: {{ ten }}"):
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "mau.docx"
    document.save(path)
    return path


def _text(data: bytes) -> str:
    return docx.Document(io.BytesIO(data)).paragraphs[0].text


def test_a_large_batch_comes_back_in_order_and_equal_to_one_by_one(tmp_path):
    path = _template(tmp_path)
    jobs = [
        Job(path, {"so": n, "ten": f"Người {n}"}, {"identifier": f"id-{n}", "comments": ""})
        for n in range(POOL_THRESHOLD + 25)
    ]
    seen = []
    pooled = render_many(jobs, progress=lambda done, total: seen.append((done, total)), processes=2)
    assert [_text(data) for data in pooled] == [f"Số {n}: Người {n}" for n in range(len(jobs))]
    assert pooled == render_many(jobs, processes=1)
    assert seen[-1] == (len(jobs), len(jobs)) and len(seen) == len(jobs)
    for data in pooled:
        assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_an_error_in_one_document_of_a_pooled_batch_is_the_usual_one_line_error(tmp_path):
    path = _template(tmp_path)
    jobs = [Job(path, {"so": n, "ten": "A"}, None, "mẫu") for n in range(POOL_THRESHOLD + 5)]
    jobs[-3] = Job(path, {"so": 1}, None, "mẫu")
    with pytest.raises(InputError) as alone:
        render_many(jobs[-3:-2], processes=1)
    with pytest.raises(InputError) as pooled:
        render_many(jobs, processes=2)
    assert str(pooled.value) == str(alone.value)
    assert str(pooled.value).startswith("mẫu mau.docx, đoạn 1: lỗi thẻ Jinja: 'ten' is undefined")


def test_a_few_documents_do_not_start_a_pool(tmp_path, monkeypatch):
    import kit.parallel

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(kit.parallel, "ProcessPoolExecutor", no_pool)
    path = _template(tmp_path)
    assert len(render_many([Job(path, {"so": 1, "ten": "A"})] * 3, processes=2)) == 3
