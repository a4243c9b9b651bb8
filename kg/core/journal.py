"""All-or-nothing writes of several files in one folder: stage, commit by one rename, roll forward.

A journal folder (`FOLDER/.kg-accept/`) holds each new file's text, staged on the
same file system as its target, and `journal.json` naming them. Renaming
`journal.json` into place is the commit point: before it nothing has changed,
and the next recovery drops the staged files (rolled back); after it every
target is replaced by renames that can be repeated, so a kill midway is finished
by the next recovery (rolled forward) before anything reads the files.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .errors import KgError

JOURNAL = ".kg-accept"
_rename = os.replace  # the target renames (a test makes one fail midway, as a kill would)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write(path: Path, data: bytes, mode: int) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(path, mode)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def commit(folder: Path, files: dict[Path, str]) -> list[Path]:
    """Replace every file in `files` (paths inside `folder`) with its text, all or nothing.
    Each file keeps its permission bits; a new one gets 0644 less the umask."""
    folder = Path(folder)
    recover(folder)
    work = folder / JOURNAL
    work.mkdir()
    entries = []
    for i, (target, text) in enumerate(sorted(files.items())):
        target = Path(target)
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = _default_mode()
        staged = work / f"{i}.staged"
        _write(staged, text.encode("utf-8"), mode)
        entries.append({"staged": staged.name, "target": target.relative_to(folder).as_posix()})
    _write(work / "journal.json.tmp", json.dumps(entries, indent=1).encode(), 0o644)
    _fsync_dir(work)
    os.replace(work / "journal.json.tmp", work / "journal.json")  # the commit point
    _fsync_dir(work)
    return _roll_forward(folder, work, entries)


def _target(folder: Path, rel: str) -> Path:
    """A journal's target, refused if it would leave the folder."""
    path = (folder / rel).resolve()
    if not isinstance(rel, str) or Path(rel).is_absolute() or ".." in Path(rel).parts \
            or not path.is_relative_to(folder.resolve()):
        raise KgError(f"{folder / JOURNAL / 'journal.json'}:1: target {rel!r} is outside {folder}; "
                      "remove the folder by hand after checking it")
    return folder / rel


def _roll_forward(folder: Path, work: Path, entries: list[dict]) -> list[Path]:
    done = []
    for e in entries:
        target = _target(folder, e.get("target"))
        staged = work / Path(str(e.get("staged"))).name
        if staged.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            _rename(staged, target)
            _fsync_dir(target.parent)
        done.append(target)
    (work / "journal.json").unlink()
    shutil.rmtree(work)
    _fsync_dir(folder)
    return done


def recover(folder: Path) -> list[Path]:
    """Finish or undo an interrupted commit in `folder`; return the files it replaced."""
    folder = Path(folder)
    work = folder / JOURNAL
    if not work.is_dir():
        return []
    journal = work / "journal.json"
    if not journal.exists():  # killed before the commit point: nothing had changed
        shutil.rmtree(work)
        return []
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ValueError("not a list of entries")
    except (OSError, ValueError) as exc:
        raise KgError(f"{journal}:1: an interrupted write left a journal that cannot be read ({exc}); "
                      "check the staged files there and remove the folder by hand") from None
    return _roll_forward(folder, work, entries)
