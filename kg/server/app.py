"""`kg serve`: the project's query page, entity pages and charts, and the SPARQL 1.1
Protocol endpoint at /query, over the built graph, read-only.

    /                  the query page (web/index.html): editor, library, results
    /id/KIND/SLUG      an entity's page (web/entity.html) for https://w3id.org/irdc/id/KIND/SLUG
    /query             SPARQL 1.1 Protocol (GET ?query=, POST form or application/sparql-query)
    /api/library       the library's queries with their parameters (JSON)
    /api/prefixes      the project's prefixes (JSON)
    /api/entity?iri=   an entity's statements and sources (JSON)
    /chart/org.svg?date=YYYY-MM-DD, /chart/timeline.svg   charts drawn by kg.charts

Every query runs in a child process with a time limit (default 30 s), a memory
limit and a result-size limit; it is killed when any is passed or the client
goes away, and the answer is an error status. SERVICE is refused unless
allowed by name. Requests from other web origins (a page the analyst visits
posting a form here) are refused unless that origin is given with --cors, and
so are requests whose Host is not this server's (DNS rebinding).
"""
from __future__ import annotations

import json
import mimetypes
import select as _select
import socket
import threading
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pyoxigraph import Store

from ..core.errors import KgError
from ..core.vocab import ID, PREFIXES
from ..queries.library import list_queries, ordered
from .protocol import Limits, answer, choose_format, in_child, status_of
from .errors import ServeError

WEB = Path(__file__).with_name("web")
MAX_BODY = 1 << 20       # a query text larger than 1 MB is refused


@dataclass
class App:
    """What the handler serves: the stores, limits, and who may call."""

    store: Store                       # the distinct union as default graph (queries)
    named: Store                       # named graphs only (kg.charts / kg.views read each source's graph)
    limits: Limits = field(default_factory=Limits)
    cors: tuple[str, ...] = ()
    workers: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(2))


def _library_json() -> list[dict]:
    out = []
    for lib in ordered(list_queries()):
        out.append({"name": lib.name, "title": lib.title, "answers": lib.answers, "text": lib.text,
                    "params": [{"name": p.name, "kind": p.kind, "required": p.required, "default": p.default,
                                "description": p.description} for p in lib.params],
                    "examples": [dict(e) for e in lib.examples]})
    return out


def _chart(kind: str, date: str | None):
    def work(named: Store) -> bytes:
        import io

        from .. import charts
        from ..charts.text import style

        fig = (charts.org_chart if kind == "org" else charts.timeline_chart)(named, as_of=date)
        buf = io.BytesIO()
        with style():
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        return buf.getvalue()
    return work


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    app: App          # set on the subclass made by make_server

    def log_message(self, format, *args):   # quiet: the terminal shows the URLs, not each request
        pass

    # ------------------------------------------------------------ replies

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            origin = self.headers.get("Origin")
            if origin and origin in self.app.cors:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _json(self, value, status: int = 200) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _file(self, name: str) -> None:
        path = (WEB / name).resolve()
        if WEB.resolve() not in path.parents or not path.is_file():
            return self._error(404, f"no such page: {self.path}")
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript",):
            ctype += "; charset=utf-8"
        self._send(200, path.read_bytes(), ctype)

    # ------------------------------------------------------------ who may call

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        bound = self.server.server_address[0]
        return name in ("localhost", "127.0.0.1", "[::1]", bound, f"[{bound}]")

    def _same_origin(self) -> bool:
        """Refuse what another web origin's page sends (a form POST, a fetch), unless allowed by --cors."""
        origin = self.headers.get("Origin")
        if origin:
            if origin in self.app.cors:
                return True
            mine = urllib.parse.urlsplit(origin)
            return mine.scheme == "http" and mine.netloc.lower() == (self.headers.get("Host") or "").lower()
        site = self.headers.get("Sec-Fetch-Site")
        return site in (None, "same-origin", "none")

    def _client_gone(self) -> bool:
        """True once the client has closed its side (nothing to read but the end)."""
        sock = self.connection
        try:
            ready, _, _ = _select.select([sock], [], [], 0)
            if not ready:
                return False
            return sock.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    # ------------------------------------------------------------ routes

    def do_OPTIONS(self):
        origin = self.headers.get("Origin")
        if origin not in self.app.cors:
            return self._error(403, "cross-origin requests are refused; start kg serve with --cors ORIGIN")
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                           "Access-Control-Allow-Headers": "Content-Type, Accept",
                                           "Access-Control-Max-Age": "600"})

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if not self._host_ok():
            return self._error(403, "refused: the Host header is not this server's")
        url = urllib.parse.urlsplit(self.path)
        args = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        path = url.path
        if path in ("/", "/index.html"):
            return self._file("index.html")
        if path.startswith("/static/"):
            return self._file(path[len("/static/"):])
        if path.startswith("/id/"):
            return self._file("entity.html")
        if path == "/api/library":
            return self._json(_library_json())
        if path == "/api/prefixes":
            return self._json(PREFIXES)
        if path == "/query":
            if "update" in args:
                return self._error(403, "refused: this endpoint is read-only")
            if "query" not in args:
                return self._error(400, "give the query as ?query=...")
            return self._query(args["query"], args)
        if path == "/api/entity":
            return self._entity(args.get("iri", ""))
        if path in ("/chart/org.svg", "/chart/timeline.svg"):
            return self._chart(path.split("/")[-1].split(".")[0], args.get("date") or None)
        if path in ("/update", "/store"):
            return self._error(405, "refused: this server is read-only")
        return self._error(404, f"no such page: {path}")

    def do_POST(self):
        if not self._host_ok():
            return self._error(403, "refused: the Host header is not this server's")
        if not self._same_origin():
            return self._error(403, "refused: a cross-origin request (another site's page posting here); "
                                    "start kg serve with --cors ORIGIN to allow that origin")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, f"refused: a request body over {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/update", "/store"):
            return self._error(403, "refused: this server is read-only")
        if url.path != "/query":
            return self._error(404, f"no such endpoint: {url.path}")
        args = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            text = body
        elif ctype in ("application/x-www-form-urlencoded", ""):
            form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
            if "update" in form:
                return self._error(403, "refused: this endpoint is read-only")
            args.update(form)
            text = form.get("query")
            if text is None:
                return self._error(400, "give the query as the form field query=...")
        elif ctype == "application/sparql-update":
            return self._error(403, "refused: this endpoint is read-only")
        else:
            return self._error(415, f"unsupported Content-Type {ctype!r}")
        return self._query(text, args)

    # ------------------------------------------------------------ work

    def _limited(self, run):
        """Run `run()` holding a worker slot; a KgError becomes its status and message."""
        if not self.app.workers.acquire(timeout=self.app.limits.timeout):
            return self._error(503, "busy: every query worker is taken; try again")
        try:
            return run()
        except KgError as exc:
            status = status_of(exc)
            if status == 499:
                self.close_connection = True
                return None
            return self._error(status, str(exc))
        except ValueError as exc:          # a term pyoxigraph refuses (an IRI with a space, ...)
            return self._error(400, f"bad request: {exc}")
        except Exception as exc:           # answered, never a dropped connection with a traceback
            return self._error(500, f"the server failed on this request: {type(exc).__name__}: {exc}")
        finally:
            self.app.workers.release()

    def _query(self, text: str, args: dict) -> None:
        if self.command == "GET" and not self._same_origin():
            return self._error(403, "refused: a cross-origin request; start kg serve with --cors ORIGIN")
        params = {k[len("param."):]: v for k, v in args.items() if k.startswith("param.") and v != ""}
        fmt = choose_format(args.get("format"), self.headers.get("Accept"))

        def run():
            ctype, body = answer(self.app.store, text, fmt=fmt, params=params, library=args.get("library") or None,
                                 limits=self.app.limits, cancelled=self._client_gone)
            extra = {}
            if args.get("format"):
                ext = {"json": "json", "csv": "csv", "tsv": "tsv", "xml": "xml", "turtle": "ttl",
                       "ntriples": "nt"}.get(fmt, "txt")
                extra["Content-Disposition"] = f'attachment; filename="results.{ext}"'
            self._send(200, body, ctype, extra)
        return self._limited(run)

    def _entity(self, iri: str) -> None:
        if not iri.startswith(ID):
            return self._error(400, f"not an entity of this graph: {iri!r} (expected {ID}...)")
        from .entity import entity

        def run():
            data = in_child(self.app.store, lambda store: entity(store, iri), self.app.limits,
                            self._client_gone, "entity page")
            self._json(data, 200 if data["found"] else 404)
        return self._limited(run)

    def _chart(self, kind: str, date: str | None) -> None:
        if date is not None:
            import re
            if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
                return self._error(400, f"expected a date as YYYY-MM-DD, got {date!r}")

        def run():
            svg = in_child(self.app.named, _chart(kind, date), self.app.limits, self._client_gone, "chart")
            self._send(200, svg, "image/svg+xml")
        return self._limited(run)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, address, handler, family):
        self.address_family = family
        super().__init__(address, handler)


def make_server(app: App, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"app": app})
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return _Server((host, port), handler, family)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

