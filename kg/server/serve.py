"""The built graph over HTTP.

`serve()` is `kg serve`: the project's own query page, entity pages and SPARQL
endpoint (kg.server.app), each query in a stoppable child process. `start()`
runs the `oxigraph` server from PyPI (read-only over a copy of the built
dataset, or writable and empty for `kg push` to fill) and returns once it answers.

Standard library only (urllib, subprocess) besides pyoxigraph for reading the dataset.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..core.config import dataset_path
from ..core.errors import NotBuiltError
from ..dataset.store import read_quads
from .errors import ServeError


def find_oxigraph() -> str:
    """The `oxigraph` server binary: beside this Python (the venv's bin), else on PATH."""
    here = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the Oxigraph server is not installed: pip install oxigraph")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@dataclass
class Server:
    """A running Oxigraph server; a context manager that stops it on exit."""

    process: subprocess.Popen
    host: str
    port: int
    read_only: bool
    location: Path | None = None          # a temporary store folder this object owns
    quads: int = 0
    graphs: int = 0
    _log: object = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{_url_host(self.host)}:{self.port}/"

    @property
    def query_url(self) -> str:
        return self.url + "query"

    @property
    def update_url(self) -> str:
        return self.url + "update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return self.url + "store"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, grace: float = 5.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.location is not None:
            shutil.rmtree(self.location, ignore_errors=True)
            self.location = None

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _log_tail(log) -> str:
    if log is None:
        return ""
    try:
        log.flush()
        log.seek(0)
        lines = [ln.strip() for ln in log.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    except (OSError, ValueError):
        return ""
    return lines[-1] if lines else ""


def wait_ready(server: Server, timeout: float = 30.0) -> None:
    """Wait until the server answers a query; raise ServeError if it dies or never answers."""
    deadline = time.monotonic() + timeout
    probe = server.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    while time.monotonic() < deadline:
        if not server.alive():
            tail = _log_tail(server._log)
            server.stop()
            raise ServeError(f"the Oxigraph server stopped at start on {server.host}:{server.port}"
                             + (f": {tail}" if tail else ""))
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.05)
    server.stop()
    raise ServeError(f"the Oxigraph server did not answer on {server.url} within {timeout:g} s")


def start(build: str | Path | None = None, host: str = "127.0.0.1", port: int = 7878,
          read_only: bool = True, load: bool = True, union_default_graph: bool = True,
          timeout_s: float | None = None, wait: float = 30.0) -> Server:
    """Start an Oxigraph server on host:port (port 0: a free one) and wait until it answers.

    Read-only (the default) serves a private on-disk copy of the built dataset
    (`oxigraph load` into a temporary folder, removed on stop). Writable
    (`read_only=False`) starts an in-memory server, empty unless `load`.
    """
    binary = find_oxigraph()
    if port == 0:
        port = free_port(host)
    data = dataset_path(build)
    if (read_only or load) and not data.exists():
        raise NotBuiltError(f"{data}: no built graph here; run `kg build` first")
    quads = graphs = 0
    if read_only or load:
        quads, graphs = _count(data)      # before the temp store: a damaged dataset leaves nothing behind
    _check_free(host, port)
    location = Path(tempfile.mkdtemp(prefix="kg-serve-")) if read_only else None
    try:
        if read_only:
            # The default graph as a set: the build's union file (each triple once)
            # loaded as the real default graph, instead of Oxigraph's
            # --union-default-graph, which yields a triple once per named graph.
            union = data.with_name("kg.ttl")
            files = [data] + ([union] if union_default_graph and union.is_file() else [])
            for path in files:
                done = subprocess.run([binary, "load", "--location", str(location), "--file", str(path)],
                                      capture_output=True, text=True)
                if done.returncode != 0:
                    raise ServeError(f"oxigraph load {path} failed: "
                                     + (done.stderr.strip().splitlines() or ["unknown error"])[-1])
            if len(files) > 1:
                union_default_graph = False
            args = [binary, "serve-read-only", "--location", str(location)]
        else:
            args = [binary, "serve"]
        args += ["--bind", f"{_url_host(host)}:{port}"]
        if union_default_graph:
            args.append("--union-default-graph")
        if timeout_s:
            args += ["--timeout-s", str(int(max(1, timeout_s)))]
        log = tempfile.TemporaryFile()
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    except BaseException:
        if location is not None:
            shutil.rmtree(location, ignore_errors=True)
        raise
    server = Server(process, host, port, read_only, location, quads, graphs, log)
    try:
        wait_ready(server, wait)
        if load and not read_only:
            from .push import push
            push(server.store_url, build=build)
    except BaseException:
        server.stop()
        raise
    return server


def _count(path: Path) -> tuple[int, int]:
    """(quads, named graphs) of an N-Quads file."""
    quads, graphs = 0, set()
    try:
        for quad in read_quads(path):
            quads += 1
            graphs.add(quad.graph_name)
    except (SyntaxError, ValueError, OSError) as exc:
        raise ServeError(f"{path}: cannot read the built dataset ({' '.join(str(exc).split())[:200]}); "
                         "run `kg build` again") from None
    return quads, len(graphs)


def _check_free(host: str, port: int) -> None:
    """Refuse a port something already listens on, before announcing anything (else the
    readiness probe could be answered by that other server)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as the server binds
            sock.bind((host, port))
    except OSError as exc:
        reason = "already in use" if exc.errno in (98, 48) else (exc.strerror or str(exc))
        raise ServeError(f"{host}:{port}: cannot serve there: {reason}; choose another --port") from None


def _die_with_parent() -> None:
    """In the Oxigraph child: be stopped when `kg serve` dies, even by SIGKILL (Linux prctl)."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _Stop(Exception):
    pass


def serve(build: str | Path | None = None, host: str = "127.0.0.1", port: int = 7878,
          timeout_s: float | None = None, echo: Callable[[str], None] = print, *, cors=(),
          allow_service=(), memory_mb: float | None = None, result_mb: float | None = None,
          workers: int = 2) -> int:
    """Serve the query page and the SPARQL endpoint over the built graph, read-only,
    until interrupted (Ctrl-C or SIGTERM). See kg.server.app for what it serves and
    the limits it keeps."""
    import threading

    from ..dataset.store import open_store, query_store
    from .app import App, make_server
    from .protocol import Limits

    def stop_on_signal(signum, frame):
        raise _Stop()

    defaults = Limits()
    limits = Limits(timeout=timeout_s or defaults.timeout, memory_mb=memory_mb or defaults.memory_mb,
                    result_mb=result_mb or defaults.result_mb, allow_service=tuple(allow_service))
    named = open_store(build)
    store = query_store(build)
    app = App(store, named, limits, tuple(cors), threading.BoundedSemaphore(max(1, workers)))
    httpd = make_server(app, host, port)
    previous = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            previous[sig] = signal.signal(sig, stop_on_signal)
    try:
        url = f"http://{_url_host(host)}:{httpd.server_address[1]}/"
        graphs = {q.graph_name for q in named.quads_for_pattern(None, None, None, None)}
        echo(f"Serving {_shown(dataset_path(build))} ({len(graphs)} named graphs, {len(named)} quads) read-only")
        echo(f"  query page:      {url}")
        echo(f"  SPARQL endpoint: {url}query")
        echo("Press Ctrl-C to stop.")
        httpd.serve_forever(poll_interval=0.2)
    except (KeyboardInterrupt, _Stop):
        return 0
    finally:
        httpd.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
