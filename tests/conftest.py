"""Shared fixtures: the real graph built once per session, and throwaway project copies."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


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
    from kg.store import open_store

    return open_store(built)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's ontology and seeds that a test may change freely."""
    for name in ("ontology", "seeds"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("reports"))
    return tmp_path
