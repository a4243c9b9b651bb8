"""Run a piece of work in a child process that can be stopped: killed at a deadline,
on Ctrl-C, when the caller gives up (a web client gone), or when it outgrows a
memory limit.

pyoxigraph cannot cancel a query, and while it evaluates an `ORDER BY` it never
returns to Python, so neither a thread with a deadline nor Ctrl-C stops it: the
thread goes on computing after the caller has stopped waiting. A forked child
shares the loaded store (copy-on-write, nothing reloaded) and is killed instead.

The child sends what it makes through a pipe: items as it goes (rows, chunks of
serialised results), then the return value or the error. Where `fork` is not
available the work runs in this process (no stopping, as before).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from typing import Any, Callable, Iterator

from ..core.errors import KgError
from .errors import QueryFailed, QueryTimeout


class Cancelled(KgError):
    """The caller gave up (Ctrl-C, or the client went away); the work was stopped."""

    exit_code = 130


class TooBig(KgError):
    """The work outgrew its memory limit and was stopped."""

    exit_code = 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _limit_memory(megabytes: float) -> None:
    import resource

    # The child starts as a copy of the parent (the store included), so the limit
    # is what it may add to that.
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[0])
    current = pages * os.sysconf("SC_PAGE_SIZE")
    limit = current + int(megabytes * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _pack_error(exc: BaseException) -> tuple:
    # Exceptions with their own __init__ (QuerySyntaxError) do not unpickle through
    # their args; their class, attributes and message do.
    return (type(exc), dict(getattr(exc, "__dict__", {})), str(exc))


def _unpack_error(packed: tuple) -> BaseException:
    cls, attrs, message = packed
    try:
        exc = cls.__new__(cls)
        Exception.__init__(exc, message)
        exc.__dict__.update(attrs)
        return exc
    except Exception:  # not rebuildable: keep its message
        return QueryFailed(message)


def _child(conn, work, memory_mb) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent decides; it kills us
    try:
        if memory_mb:
            _limit_memory(memory_mb)
        value = work(lambda item: conn.send(("item", item)))
        conn.send(("value", value))
    except MemoryError:
        conn.send(("error", _pack_error(TooBig("the query needed more memory than its limit and was stopped"))))
    except BaseException as exc:   # handed to the parent, which raises it
        try:
            conn.send(("error", _pack_error(exc)))
        except Exception:
            conn.send(("error", _pack_error(QueryFailed(str(exc)))))
    finally:
        conn.close()
        os._exit(0)   # no atexit handlers, no flushing of the parent's copied buffers


class Child:
    """Work running in a child process; iterate `items()`, then read `value`."""

    def __init__(self, work: Callable[[Callable[[Any], None]], Any], *, timeout: float | None = None,
                 memory_mb: float | None = None, cancelled: Callable[[], bool] | None = None,
                 where: str = "query", what: str = "query"):
        self.timeout, self.cancelled, self.where, self.what = timeout, cancelled, where, what
        self.memory_mb = memory_mb
        self.value = None
        self.start = time.monotonic()
        ctx = multiprocessing.get_context("fork")
        self._conn, child_conn = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_child, args=(child_conn, work, memory_mb), daemon=True)
        self.process.start()
        child_conn.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._conn.close()

    def _stopped_because(self) -> KgError:
        code = self.process.exitcode
        if self.memory_mb and code in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL, 1):
            return TooBig(f"{self.where}: the {self.what} needed more than {self.memory_mb:g} MB of memory "
                          "and was stopped")
        return QueryFailed(f"{self.where}: the {self.what} stopped unexpectedly (exit {code})")

    def items(self) -> Iterator[Any]:
        deadline = self.start + self.timeout if self.timeout else None
        try:
            while True:
                wait = 0.1 if deadline is None else max(0.0, min(0.1, deadline - time.monotonic()))
                if self._conn.poll(wait):
                    try:
                        kind, payload = self._conn.recv()
                    except EOFError:
                        self.process.join()
                        raise self._stopped_because() from None
                    if kind == "item":
                        yield payload
                        continue
                    if kind == "error":
                        raise _unpack_error(payload)
                    self.value = payload
                    return
                if deadline is not None and time.monotonic() >= deadline:
                    raise QueryTimeout(f"{self.where}: the {self.what} ran longer than {self.timeout:g} s "
                                       "and was stopped")
                if self.cancelled is not None and self.cancelled():
                    raise Cancelled(f"{self.where}: the {self.what} was cancelled and stopped")
                if not self.process.is_alive() and not self._conn.poll():
                    raise self._stopped_because()
        except KeyboardInterrupt:
            raise Cancelled(f"{self.where}: interrupted; the {self.what} was stopped") from None
        finally:
            self.stop()


def run(work: Callable[[Callable[[Any], None]], Any], **options) -> tuple[list, Any]:
    """(items, value) of `work` run in a stoppable child (in this process without fork)."""
    if not can_fork():
        items: list = []
        value = work(items.append)
        return items, value
    child = Child(work, **options)
    items = list(child.items())
    return items, child.value
