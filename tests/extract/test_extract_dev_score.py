"""The extractor on the shared reference articles, scored against their gold."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from kg.extract import extract_paths

SHARED = Path(__file__).resolve().parents[3] / "shared"
REPORTS = Path(__file__).resolve().parents[2] / "seeds" / "reports"


def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py not present")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(gold_path, paths):
    mod = _scorer()
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    return mod.score(gold, extract_paths(paths))


def test_dev_set_score():
    if not (SHARED / "sources").is_dir() or not (SHARED / "eval" / "dev" / "gold.yaml").is_file():
        pytest.skip("../shared not present")
    r = _score(SHARED / "eval" / "dev" / "gold.yaml", [SHARED / "sources"])
    assert r["f1"] >= 0.90 and r["precision"] >= 0.90, r


def test_own_reports_score():
    r = _score(REPORTS / "gold.yaml", [REPORTS])
    assert r["f1"] >= 0.90 and r["precision"] >= 0.90, r
