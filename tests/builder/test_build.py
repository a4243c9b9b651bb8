"""The build: its formats, determinism, atomicity, and the CLI around it."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from kg.builder import build
from kg.builder.publish import OUTPUTS
from kg.cli import cli
from kg.core.errors import InputError


def test_outputs_parse_back_to_the_same_dataset(built):
    nq = set(parse(path=str(built / "kg.nq"), format=RdfFormat.N_QUADS))
    trig = set(parse(path=str(built / "kg.trig"), format=RdfFormat.TRIG))
    jsonld = set(parse(path=str(built / "kg.jsonld"), format=RdfFormat.JSON_LD))
    ttl = set(parse(path=str(built / "kg.ttl"), format=RdfFormat.TURTLE))
    assert nq == trig == jsonld
    assert {q.triple for q in ttl} == {q.triple for q in nq}
    summary = json.loads((built / "summary.json").read_text())
    assert summary["quads"] == len(nq) and summary["triples"] == len(ttl)
    assert summary["conforms"] is True


def test_two_builds_are_byte_identical(repo, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(root=repo, out=a, extra=[])
    build(root=repo, out=b, extra=[])
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_failed_build_leaves_previous_build_untouched(project):
    out = project / "build"
    build(root=project, out=out, extra=[])
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    sessions = project / "seeds" / "curated" / "sources" / "unattributed-2024-11-22.yaml"
    sessions.write_text(sessions.read_text().replace("person: sanjeev-kumar", "person: sanjeev-kumr", 1))
    with pytest.raises(InputError):
        build(root=project, out=out, extra=[])
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in project.iterdir()) == ["build", "build.versions", "ontology", "seeds"]  # no staging
    assert sorted(p.name for p in (project / "build.versions").iterdir()) == [".lock", "1"]


def test_shacl_violation_fails_the_build_and_writes_nothing(project):
    sessions = project / "seeds" / "curated" / "sources" / "unattributed-2024-11-22.yaml"
    # Two sessions of one body where the later number has the earlier date.
    text = sessions.read_text()
    assert "ordinal: 22\n    date: 2024-11-22" in text
    sessions.write_text(text.replace("ordinal: 22\n    date: 2024-11-22", "ordinal: 22\n    date: 2026-01-05"))
    result = CliRunner().invoke(cli, ["build", "--root", str(project), "--out", str(project / "build")])
    assert result.exit_code == 1, result.output
    assert "later ordinal" in result.output or "later ordinal" in str(result.exception)
    assert not (project / "build").exists()


def test_cli_build_prints_summary(project):
    from kg.cli import main

    runner = CliRunner()
    result = runner.invoke(cli, ["build", "--root", str(project), "--out", str(project / "out"), "--no-extract"])
    assert result.exit_code == 0, result.output
    for word in ("bodies", "sessions", "people", "agreements", "sources", "triples", "conforms"):
        assert word in result.output
    assert (project / "out" / "kg.trig").exists()
    assert main(["validate", "--root", str(project)]) == 0


def test_builds_with_extraction_are_byte_identical_across_processes(repo, tmp_path):
    import os
    import subprocess
    import sys

    corpus = repo / "tests" / "fixtures" / "genre"
    outs = []
    for seed in ("1", "2"):  # set and dict order must not leak into the output
        out = tmp_path / f"seed-{seed}"
        done = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--root", str(repo), "--out", str(out),
                               "--corpus", str(corpus)], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONHASHSEED=seed))
        assert done.returncode == 0, done.stderr
        outs.append(out)
    for name in OUTPUTS:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    assert b"/graph/extracted/" in (outs[0] / "kg.nq").read_bytes()
