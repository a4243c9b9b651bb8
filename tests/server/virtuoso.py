"""A throwaway Virtuoso (Debian's virtuoso-opensource) on 127.0.0.1: temp db and ini, stopped after."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from kg.server.serve import free_port

INI = """[Database]
DatabaseFile = {d}/v.db
ErrorLogFile = {d}/v.log
LockFile = {d}/v.lck
TransactionFile = {d}/v.trx
xa_persistent_file = {d}/v.pxa
[TempDatabase]
DatabaseFile = {d}/v-temp.db
TransactionFile = {d}/v-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 10
"""


class Virtuoso:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
        self.sql, self.http = free_port(), free_port()
        (self.dir / "virtuoso.ini").write_text(INI.format(d=self.dir, sql=self.sql, http=self.http))
        self.process = subprocess.Popen(["virtuoso-t", "-c", "virtuoso.ini", "+foreground"], cwd=self.dir,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        stdin=subprocess.DEVNULL)
        try:
            self._wait()
            # The anonymous SPARQL user may update (a throwaway server on loopback).
            subprocess.run(["isql-vt", f"127.0.0.1:{self.sql}", "dba", "dba",
                            'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True, capture_output=True, timeout=60)
        except BaseException:
            self.stop()
            raise

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http}/"

    @property
    def store_url(self) -> str:
        return self.url + "sparql-graph-crud"

    @property
    def update_url(self) -> str:
        return self.url + "sparql"

    query_url = update_url

    def _wait(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t stopped at start: {(self.dir / 'v.log').read_text()[-500:]}")
            try:
                with urllib.request.urlopen(self.url + "sparql?query=ASK%7B%7D", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError("virtuoso-t did not answer")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


def required() -> bool:
    """CI installs Virtuoso (.ci/run): there a missing one fails rather than skips."""
    return bool(os.environ.get("CI"))
