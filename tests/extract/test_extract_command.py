"""The `kg extract` click command and extract_paths."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.extract import extract_paths
from kg.cli.extract import extract

REPORTS = Path(__file__).resolve().parents[2] / "seeds" / "reports"

A = ("MOSCOW, Nov 6 (Wire) The 19th meeting of the India-Russia Inter-Governmental Commission on Military "
     "Technical Cooperation was held here on Wednesday. It was co-chaired by Defence Minister Ravi Kant and "
     "his Russian counterpart Oleg Belov.\n\nPublished: November 6, 2019\n")


def _write(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(A)
    (tmp_path / "sub" / "a.html").write_text("<p>" + A.replace("\n\n", "</p><p>") + "</p>")
    (tmp_path / "notes.md").write_text("ignored")
    return tmp_path


def test_stdout_and_sorted(tmp_path):
    _write(tmp_path)
    r = CliRunner().invoke(extract, [str(tmp_path)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [d["document"] for d in data["documents"]] == ["a.html", "b.txt"]
    s = data["documents"][1]["sessions"][0]
    assert (s["body"], s["ordinal"], s["date"], s["place"]) == ("irigc-mmtc", 19, "2019-11-06", "Moscow")


def test_output_file_atomic(tmp_path):
    _write(tmp_path)
    out = tmp_path / "facts.json"
    out.write_text("old")
    r = CliRunner().invoke(extract, [str(tmp_path / "b.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["documents"][0]["document"] == "b.txt"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".facts.json")]


def test_bad_paths_exit_2_one_line(tmp_path):
    r = CliRunner().invoke(extract, [str(tmp_path / "missing")])
    assert r.exit_code == 2
    assert "missing: no such file or directory" in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    (tmp_path / "empty").mkdir()
    r = CliRunner().invoke(extract, [str(tmp_path / "empty")])
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = CliRunner().invoke(extract, [str(REPORTS / "r01_press_release.txt"), "-o", str(tmp_path / "nodir" / "x.json")])
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_jobs_gives_same_output(tmp_path):
    one = extract_paths([REPORTS], jobs=1)
    two = extract_paths([REPORTS], jobs=2)
    assert one == two
    assert len(one["documents"]) >= 10


def test_duplicates_marked(tmp_path):
    (tmp_path / "a.txt").write_text(A + "\n\nA further paragraph about training exchanges between the armies.")
    (tmp_path / "b.txt").write_text(A)
    (tmp_path / "c.txt").write_text("Something entirely different about the weather in Pune this week, with rain.")
    docs = {d["document"]: d for d in extract_paths([tmp_path])["documents"]}
    assert docs["b.txt"]["duplicate_of"] == "a.txt"
    assert "duplicate_of" not in docs["a.txt"] and "duplicate_of" not in docs["c.txt"]
    assert docs["b.txt"]["sessions"]  # a copy still has its facts
