"""Refused uploads do not stay in gradio's upload folder (issue 13, item 12); nothing else is deleted."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio.utils import get_upload_folder

from qa import QA, Settings
from qa.ui import LibraryHandlers


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[QA]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text("Harbour reopens\n\nThe harbour reopened on Monday after repairs.\n",
                                        encoding="utf-8")
    with QA.open(Settings(corpus=corpus, data_dir=tmp_path / "data")) as engine:
        yield engine


def in_upload_folder(name: str, data: bytes) -> Path:
    """A file where gradio puts an upload: a folder of its own inside its upload folder."""
    folder = Path(get_upload_folder()) / f"citeqa-test-{uuid.uuid4().hex}"
    folder.mkdir(parents=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_refused_uploads_are_removed_from_the_upload_folder(engine: QA, tmp_path: Path) -> None:
    refused = [in_upload_folder("blob.txt", b"\x00\x01binary"), in_upload_folder("photo.jpg", b"\xff\xd8jpeg"),
               in_upload_folder("empty.txt", b"  \n")]
    accepted = in_upload_folder("Bridge news.txt", b"Bridge opens\n\nThe bridge opened on Friday.\n")
    outside = tmp_path / "elsewhere.txt"  # refused too, but not gradio's file: left alone
    outside.write_bytes(b"\x00binary")
    try:
        with pytest.warns(UserWarning):
            _, _, status, _ = LibraryHandlers(engine).add([str(p) for p in [*refused, accepted, outside]],
                                                       progress=lambda *a, **kw: None)  # type: ignore[arg-type]
        assert status == "Added and indexed: `Bridge_news.txt`."
        assert not any(p.exists() or p.parent.exists() for p in refused)
        assert accepted.exists() and outside.exists()
    finally:
        shutil.rmtree(accepted.parent, ignore_errors=True)
