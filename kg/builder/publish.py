"""Writing the built dataset: every output in one new version folder, swapped in at once.

    build -> build.versions/N      (a symlink; readers open build/kg.nq through it)

A build stages its outputs in `build.versions/.kg-build-*`, renames the staging
folder to the next version number, then points `build` at it by renaming a
new symlink over the old one: a single rename, so a reader (or a kill at any
moment) sees either every old output or every new one, never a mix. A lock
(`build.versions/.lock`, fcntl) keeps two builds from publishing at once;
staging left by a killed build is removed by the next one. The previous
version is kept for readers that opened it just before the swap.

Deterministic: quads are de-duplicated and sorted before every serialisation
and no blank nodes are made, so two builds of the same input are
byte-identical.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from pyoxigraph import Quad, RdfFormat, serialize

from ..core.errors import KgError
from ..core.vocab import PREFIXES

OUTPUTS = ("kg.trig", "kg.nq", "kg.ttl", "kg.jsonld", "summary.json")
STAGING = ".kg-build-"
KEEP = 2            # versions kept: the current one and the one before it


class PublishError(KgError):
    exit_code = 1


def sort_quads(quads: Iterable[Quad]) -> list[Quad]:
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _sorted_prefixes(path: Path) -> None:
    """The serializer emits @prefix lines in its map's order; sort them so diffs stay quiet."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head = [ln for ln in lines if ln.startswith("@prefix")]
    path.write_text("".join(sorted(head) + lines[len(head):]), encoding="utf-8")


def write(staging: Path, quads: list[Quad], summary: dict) -> None:
    serialize(quads, staging / "kg.nq", format=RdfFormat.N_QUADS)
    serialize(quads, staging / "kg.trig", format=RdfFormat.TRIG, prefixes=PREFIXES)
    triples = sorted({q.triple for q in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    serialize(triples, staging / "kg.ttl", format=RdfFormat.TURTLE, prefixes=PREFIXES)
    for name in ("kg.trig", "kg.ttl"):
        _sorted_prefixes(staging / name)
    serialize(quads, staging / "kg.jsonld", format=RdfFormat.JSON_LD, prefixes=PREFIXES)
    (staging / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def versions_dir(out: Path) -> Path:
    return out.parent / f"{out.name}.versions"


@contextmanager
def build_lock(out: Path, wait: float = 60.0) -> Iterator[None]:
    """Hold `out`'s build lock, waiting up to `wait` seconds for another build to finish."""
    lock = versions_dir(out) / ".lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                    raise PublishError(f"{out}: another kg build is publishing here"
                                       + (f" (pid {holder})" if holder else "") + "; try again when it ends") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)      # closing the descriptor releases the lock


def _clean_stale(versions: Path, out: Path) -> None:
    """Staging folders and half-made links of builds killed before their swap (we hold the lock)."""
    for stale in versions.glob(STAGING + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    for link in out.parent.glob(f"{STAGING}link-{out.name}-*"):
        try:
            link.unlink()
        except OSError:
            pass


def _numbers(versions: Path) -> list[int]:
    return sorted(int(p.name) for p in versions.iterdir() if p.name.isdigit() and p.is_dir())


def _adopt_folder(out: Path, versions: Path, number: int) -> None:
    """A plain `build/` folder (older layout, or an --out folder given before) becomes a version,
    so the symlink can take its place; its files stay readable under build.versions/."""
    os.rename(out, versions / str(number))


def _swap(out: Path, target: str) -> None:
    """Point `out` at `target` with one rename of a new symlink over the old one."""
    link = Path(tempfile.mktemp(prefix=f"{STAGING}link-{out.name}-", dir=out.parent))
    os.symlink(target, link)
    try:
        os.replace(link, out)
    except BaseException:
        try:
            link.unlink()
        except OSError:
            pass
        raise


def _prune(versions: Path, current: int) -> None:
    for number in _numbers(versions):
        if number <= current - KEEP:
            shutil.rmtree(versions / str(number), ignore_errors=True)


def _check_target(out: Path) -> None:
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            raise PublishError(f"{parent}: is a file, so {out} cannot be written under it")
        if parent.is_dir():
            break
    if out.is_symlink() or not out.exists() or out.is_dir():
        return
    raise PublishError(f"{out}: exists and is not a folder; move it away or build with --out elsewhere")


def publish(quads: list[Quad], summary: dict, out: Path, lock_wait: float = 60.0) -> Path:
    """Write every output into a new version folder, then swap `out` to it; return that folder."""
    out = Path(os.path.abspath(out))
    _check_target(out)
    versions = versions_dir(out)
    try:
        versions.mkdir(parents=True, exist_ok=True)
        with build_lock(out, lock_wait):
            _clean_stale(versions, out)
            staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=versions))
            try:
                write(staging, quads, summary)
                numbers = _numbers(versions)
                number = (numbers[-1] if numbers else 0) + 1
                if out.is_dir() and not out.is_symlink():
                    _adopt_folder(out, versions, number)
                    number += 1
                os.rename(staging, versions / str(number))
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            _swap(out, os.path.relpath(versions / str(number), out.parent))
            _prune(versions, number)
            return versions / str(number)
    except OSError as exc:
        where = exc.filename or out
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise PublishError(f"{where}: cannot write the build: {reason}; {out} is unchanged") from None
