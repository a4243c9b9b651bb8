"""All-or-nothing writes of several files: commit, roll forward after a kill, roll back before it."""
from __future__ import annotations

import json
import os

import pytest

from kg.core import journal
from kg.core.errors import KgError


def test_commit_writes_all_keeps_modes_and_leaves_no_journal(tmp_path):
    (tmp_path / "a.yaml").write_text("old a\n")
    os.chmod(tmp_path / "a.yaml", 0o644)
    done = journal.commit(tmp_path, {tmp_path / "a.yaml": "new a\n", tmp_path / "sub" / "b.yaml": "new b\n"})
    assert sorted(done) == [tmp_path / "a.yaml", tmp_path / "sub" / "b.yaml"]
    assert (tmp_path / "a.yaml").read_text() == "new a\n" and (tmp_path / "sub" / "b.yaml").read_text() == "new b\n"
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o644
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "sub" / "b.yaml").stat().st_mode & 0o777 == 0o666 & ~umask
    assert not (tmp_path / journal.JOURNAL).exists()


def test_a_kill_after_the_commit_point_is_finished_by_recover(tmp_path, monkeypatch):
    files = {tmp_path / f"{n}.yaml": f"new {n}\n" for n in "abc"}
    for path in files:
        path.write_text("old\n")
    calls = []

    def dies(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        os.replace(src, dst)

    monkeypatch.setattr(journal, "_rename", dies)
    with pytest.raises(KeyboardInterrupt):
        journal.commit(tmp_path, files)
    monkeypatch.setattr(journal, "_rename", os.replace)
    assert [p.read_text() for p in sorted(files)] == ["new a\n", "old\n", "old\n"]
    journal.recover(tmp_path)
    assert [p.read_text() for p in sorted(files)] == ["new a\n", "new b\n", "new c\n"]
    assert journal.recover(tmp_path) == []  # nothing left to do


def test_a_journal_pointing_outside_the_folder_is_refused(tmp_path):
    work = tmp_path / journal.JOURNAL
    work.mkdir()
    (work / "0.staged").write_text("x")
    (work / "journal.json").write_text(json.dumps([{"staged": "0.staged", "target": "../escape.yaml"}]))
    with pytest.raises(KgError, match="outside"):
        journal.recover(tmp_path)
    assert not (tmp_path.parent / "escape.yaml").exists()


def test_an_unreadable_journal_is_reported_at_its_path(tmp_path):
    work = tmp_path / journal.JOURNAL
    work.mkdir()
    (work / "journal.json").write_text("{not json")
    with pytest.raises(KgError, match=r"journal.json:1: an interrupted write"):
        journal.recover(tmp_path)
