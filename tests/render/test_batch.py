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


def test_a_pooled_batch_renders_no_document_here_and_compiles_each_template_first(tmp_path, monkeypatch):
    """The templates are compiled before the pool forks (its workers inherit them, a template that does not
    compile stops the batch before any pool); every document is rendered in the pool, none here while the
    other cores wait (a dossier's list of a thousand candidates is one long document)."""
    import os

    import kit.parallel
    import kit.render.batch as batch

    here, rendered_here = os.getpid(), []
    original = batch._render

    def render(job):
        if os.getpid() == here:
            rendered_here.append(job)
        return original(job)

    monkeypatch.setattr(batch, "_render", render)
    path = _template(tmp_path)
    jobs = [Job(path, {"so": n, "ten": "A"}) for n in range(POOL_THRESHOLD + 5)]
    assert len(render_many(jobs, processes=2)) == len(jobs) and rendered_here == []

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(kit.parallel, "ProcessPoolExecutor", no_pool)
    (tmp_path / "broken").mkdir()
    broken = _template(tmp_path / "broken", "Số {{ so }")
    with pytest.raises(InputError, match="lỗi thẻ Jinja"):
        render_many([Job(broken, {"so": n}, None, "mẫu") for n in range(POOL_THRESHOLD + 5)], processes=2)
