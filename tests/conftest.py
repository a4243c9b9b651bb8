"""Shared fixtures: the real graph built once per session, and throwaway project copies."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The real curated graph, built into a temporary folder; returns that folder."""
    from kg.builder import build

    out = tmp_path_factory.mktemp("real") / "build"
    build(root=REPO, out=out, extra=[])
    return out


@pytest.fixture(scope="session")
def store(built):
    from kg.dataset.store import open_store

    return open_store(built)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's ontology and seeds that a test may change freely."""
    for name in ("ontology", "seeds"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("reports"))
    return tmp_path


@pytest.fixture(scope="session")
def built_extracted(tmp_path_factory) -> Path:
    """The graph with articles extracted: the reference articles where they sit beside the
    project, else the project's own report corpus (test material, fine in a throwaway build)."""
    from kg.builder import build

    shared = REPO.parent / "shared" / "sources"
    corpus = shared if shared.is_dir() else REPO / "seeds" / "reports"
    out = tmp_path_factory.mktemp("extracted") / "build"
    build(root=REPO, out=out, corpus=[corpus])
    return out
