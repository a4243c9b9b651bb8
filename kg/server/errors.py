"""What can go wrong serving the graph."""
from __future__ import annotations

from ..core.errors import KgError


class ServeError(KgError):
    exit_code = 1
