"""Publishing is atomic as a whole: a kill at any step leaves the previous outputs whole,
two builds never interleave, and staging left by a killed build is cleaned."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading

import pytest
from pyoxigraph import NamedNode, Quad

from kg.builder import publish as pub
from kg.builder.publish import OUTPUTS, PublishError, publish
from kg.cli import main

EX = "https://example.org/"


def quads(n: int) -> list[Quad]:
    return [Quad(NamedNode(f"{EX}s{i}"), NamedNode(f"{EX}p"), NamedNode(f"{EX}o{i}"), NamedNode(f"{EX}g"))
            for i in range(n)]


def outputs(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def first_build(tmp_path):
    out = tmp_path / "build"
    publish(quads(3), {"quads": 3}, out)
    return out, outputs(out)


def test_build_is_a_link_to_a_version_and_old_versions_are_pruned(tmp_path):
    out, _ = first_build(tmp_path)
    assert out.is_symlink() and (out / "kg.nq").is_file()
    for n in range(4, 8):
        publish(quads(n), {"quads": n}, out)
        assert (out / "summary.json").read_text().count(f'"quads": {n}') == 1
    versions = pub.versions_dir(out)
    kept = sorted(p.name for p in versions.iterdir() if not p.name.startswith("."))
    assert len(kept) == pub.KEEP and os.path.realpath(out) == str(versions / kept[-1])
    assert not list(versions.glob(pub.STAGING + "*")) and not list(tmp_path.glob(pub.STAGING + "*"))


@pytest.mark.parametrize("step", ["write", "_numbers", "rename", "_swap"])
def test_a_failure_at_any_step_leaves_the_previous_outputs_whole(tmp_path, monkeypatch, step):
    out, before = first_build(tmp_path)

    def boom(*args, **kwargs):
        raise KeyboardInterrupt  # as a Ctrl-C would, at that very step
    if step == "rename":
        monkeypatch.setattr(pub.os, "rename", boom)
    else:
        monkeypatch.setattr(pub, step, boom)
    with pytest.raises(KeyboardInterrupt):
        publish(quads(9), {"quads": 9}, out)
    monkeypatch.undo()
    assert outputs(out) == before


KILLED = r"""
import os, signal, sys
from pathlib import Path
from pyoxigraph import NamedNode, Quad
from kg.builder import publish as pub
step = sys.argv[2]
real = getattr(pub, step)
def die(*a, **k):
    if step == "write":
        real(*a, **k)             # every file written, none moved in yet
    os.kill(os.getpid(), signal.SIGKILL)
setattr(pub, step, die)
q = [Quad(NamedNode("https://example.org/s"), NamedNode("https://example.org/p"), NamedNode("https://example.org/new"),
          NamedNode("https://example.org/g"))]
pub.publish(q, {"quads": 1}, Path(sys.argv[1]))
"""


@pytest.mark.parametrize("step", ["write", "_swap", "_prune"])
def test_a_killed_build_leaves_the_previous_outputs_and_the_next_build_cleans_up(tmp_path, step):
    out, before = first_build(tmp_path)
    done = subprocess.run([sys.executable, "-c", KILLED, str(out), step], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    if step == "_prune":      # killed after the swap: the new outputs are in place, whole
        assert b"example.org/new" in (out / "kg.nq").read_bytes()
        before = outputs(out)
    assert outputs(out) == before
    publish(quads(2), {"quads": 2}, out)
    assert not list(pub.versions_dir(out).glob(pub.STAGING + "*"))
    assert not list(tmp_path.glob(pub.STAGING + "*"))


def test_a_second_build_waits_for_the_lock_or_is_refused(tmp_path):
    out, before = first_build(tmp_path)
    fd = os.open(pub.versions_dir(out) / ".lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(PublishError, match="another kg build is publishing"):
            publish(quads(5), {"quads": 5}, out, lock_wait=0.3)
        assert outputs(out) == before
        # A build that may wait goes ahead once the lock is released.
        result = {}
        waiting = threading.Thread(target=lambda: result.update(v=publish(quads(6), {"quads": 6}, out, lock_wait=30)))
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive() and outputs(out) == before   # still waiting: nothing written
    finally:
        os.close(fd)
    waiting.join(30)
    assert not waiting.is_alive() and '"quads": 6' in (out / "summary.json").read_text()


def test_a_plain_build_folder_is_adopted_as_a_version(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / "charts").mkdir()
    (out / "charts" / "old.png").write_bytes(b"png")
    publish(quads(2), {"quads": 2}, out)
    assert out.is_symlink() and (out / "kg.nq").is_file()
    assert (pub.versions_dir(out) / "1" / "charts" / "old.png").read_bytes() == b"png"


@pytest.mark.parametrize("case", ["build is a file", "out under a file", "read-only folder"])
def test_unwritable_targets_are_reported_without_a_traceback(tmp_path, case, capsys, project):
    out = project / "build"
    if case == "build is a file":
        out.write_text("not a folder")
    elif case == "out under a file":
        (project / "afile").write_text("x")
        out = project / "afile" / "build"
    else:
        os.chmod(project, 0o555)
        if os.geteuid() == 0:   # root writes anyway: the kernel's refusal, as a non-root user meets it
            real = pub.tempfile.mkdtemp

            def refused(*a, **k):
                raise PermissionError(13, "Permission denied", str(project / "build.versions"))
            pub.tempfile.mkdtemp = refused
    try:
        code = main(["build", "--root", str(project), "--out", str(out), "--no-extract"])
    finally:
        os.chmod(project, 0o755)
        if case == "read-only folder" and os.geteuid() == 0:
            pub.tempfile.mkdtemp = real
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    shown = {"build is a file": out, "out under a file": project / "afile", "read-only folder": project}[case]
    assert str(shown) in err and len(err.strip().splitlines()) <= 4, err
    assert not (project / "build").is_symlink()


def test_a_full_disk_is_reported_and_leaves_the_previous_outputs(tmp_path, monkeypatch, capsys):
    import errno

    out, before = first_build(tmp_path)

    def full(staging, *a):
        (staging / "kg.nq").write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device", str(staging / "kg.nq"))
    monkeypatch.setattr(pub, "write", full)
    with pytest.raises(PublishError, match="the disk is full"):
        publish(quads(4), {"quads": 4}, out)
    assert outputs(out) == before and not list(pub.versions_dir(out).glob(pub.STAGING + "*"))
