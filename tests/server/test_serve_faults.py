"""`kg serve` under faults: a port in use is refused before anything is announced, a damaged
dataset leaves no temporary store behind, and a killed `kg serve` takes its Oxigraph child along."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from kg.server.serve import free_port

ROOT = Path(__file__).resolve().parents[2]


def kg_serve(args, **kwargs):
    return [sys.executable, "-m", "kg.cli", "serve", *args]


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_a_port_in_use_is_refused_before_announcing(built):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        done = subprocess.run(kg_serve(["--build", str(built), "--port", str(port)]),
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"kg: 127.0.0.1:{port}: cannot serve there: already in use; choose another --port\n"


def test_a_damaged_dataset_leaves_no_temporary_store(built, tmp_path):
    damaged = tmp_path / "build"
    shutil.copytree(built, damaged)
    data = (damaged / "kg.nq").read_bytes()
    (damaged / "kg.nq").write_bytes(data[: len(data) // 2])
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = subprocess.run(kg_serve(["--build", str(damaged), "--port", "0"]), cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "TMPDIR": str(temp)})
    assert done.returncode == 1 and "kg.nq: cannot read the built dataset" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not list(temp.glob("kg-serve-*"))


def test_killing_kg_serve_stops_the_oxigraph_child(built, tmp_path):
    port = free_port()
    # A SIGKILL leaves the temporary store behind (nothing of ours runs): keep it in tmp_path.
    process = subprocess.Popen(kg_serve(["--build", str(built), "--port", str(port)]), cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "SPARQL endpoint:" not in process.stdout.readline():
            pass
        assert listening(port)
        process.send_signal(signal.SIGKILL)     # no handler runs: only the child's death signal can stop it
        process.wait(15)
        deadline = time.monotonic() + 15
        while listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not listening(port), "the Oxigraph server outlived a killed `kg serve`"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
