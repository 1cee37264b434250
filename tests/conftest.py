"""Shared fixtures: every test gets a clean environment; the seed index is built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa import QA, Settings

REPO = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO / "corpus"


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No CITEQA_* from the developer's shell leaks in; relative defaults land in tmp_path."""
    import os

    for name in list(os.environ):
        if name.startswith("CITEQA_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def copy_corpus(target: Path) -> Path:
    """A private copy of the seed articles (and the corpus README)."""
    shutil.copytree(SEED_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("seed")
    return Settings(corpus=copy_corpus(root / "corpus"), data_dir=root / "data")


@pytest.fixture(scope="session")
def seed_engine(seed_settings: Settings) -> QA:
    """The seed corpus indexed once; tests must not change it."""
    return QA.open(seed_settings)


@pytest.fixture()
def corpus_settings(tmp_path: Path) -> Settings:
    """A writable copy of the seed corpus with its own empty data dir."""
    return Settings(corpus=copy_corpus(tmp_path / "corpus"), data_dir=tmp_path / "data")
