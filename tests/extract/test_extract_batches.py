"""Batches of the project's own genre texts (tests/extract/batch*/), each with its
gold, scored with the dev scorer's tuples; each batch was scored before the rules
were changed for it (figures in bench/results/dev-score.md)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.extract import extract_paths
from kg.extract.score import score

HERE = Path(__file__).resolve().parent
BATCHES = sorted(p for p in HERE.glob("batch*") if (p / "gold.yaml").is_file())


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_batch_score(batch):
    gold = yaml.safe_load((batch / "gold.yaml").read_text(encoding="utf-8"))
    r = score(gold, extract_paths([batch]))
    # every gold document was read, and nothing the texts do not state is reported
    assert {d["document"] for d in r["documents"]} == set(gold["documents"])
    assert r["precision"] >= 0.95 and r["f1"] >= 0.90, [(d["document"], d["missed"], d["wrong"]) for d in r["documents"]]
