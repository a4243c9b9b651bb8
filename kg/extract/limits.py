"""Per-document limits of the extractor: size in bytes, size in characters,
time. A document over a limit is skipped with a message naming it; the rest of
the corpus is read as usual.

The limits come from ``[tool.kg.extract]`` of the project's pyproject.toml
(``max_bytes``, ``max_chars``, ``max_seconds``), and the ``kg extract``
options ``--max-bytes``, ``--max-chars`` and ``--max-seconds`` override them.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

from ..core.errors import KgError

__all__ = ["Limits", "Skipped", "time_limit"]


class Skipped(KgError):
    """A document the extractor does not read (too large, too slow, not a
    regular file, not text); the message says why."""


@dataclass(frozen=True)
class Limits:
    # A news article is tens of kilobytes; 8 MB of bytes or 2 million
    # characters is already far beyond any article and still reads in seconds.
    max_bytes: int = 8_000_000
    max_chars: int = 2_000_000
    max_seconds: float = 60.0

    @classmethod
    def from_settings(cls, settings: dict | None, where: str = "[tool.kg.extract]") -> "Limits":
        """Limits from a ``[tool.kg]`` table (its ``extract`` sub-table)."""
        table = (settings or {}).get("extract") or {}
        if not isinstance(table, dict):
            raise KgError(f"{where}: must be a table")
        known = {f.name: f.type for f in fields(cls)}
        values = {}
        for key, value in table.items():
            if key not in known:
                continue    # other extractor settings live here too
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise KgError(f"{where}: {key} must be a positive number, not {value!r}")
            values[key] = float(value) if key == "max_seconds" else int(value)
        return cls(**values)

    @classmethod
    def for_project(cls) -> "Limits":
        """The limits of the project around the working directory (defaults outside one)."""
        from ..core.config import Project

        try:
            project = Project.find()
        except KgError:
            return cls()
        return cls.from_settings(project.settings, f"{project.root / 'pyproject.toml'}: [tool.kg.extract]")

    def override(self, **values) -> "Limits":
        return replace(self, **{k: v for k, v in values.items() if v is not None})


class _Timeout(BaseException):
    # BaseException: the extractor's own ``except Exception`` must not swallow it.
    pass


@contextmanager
def time_limit(seconds: float | None, name: str):
    """Raise :class:`Skipped` if the block runs longer than ``seconds``.

    Uses a real-time interval timer, so only in the main thread of a process
    (the corpus runner and its worker processes); elsewhere no limit applies."""
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    armed = [True]

    def _alarm(signum, frame):
        if armed[0]:
            raise _Timeout()

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise Skipped(f"{name}: skipped: took more than {seconds:g} s (max_seconds)") from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
