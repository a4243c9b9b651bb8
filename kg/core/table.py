"""Rows as text: an aligned table, CSV, TSV, JSON or Markdown (the CLI's `--format` choices)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Sequence

FORMATS = ("table", "csv", "tsv", "json", "md")


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


NO_ROWS = "(no rows)"
ELLIPSIS = "\u2026"


def fit(widths: list[int], width: int, gap: int = 2, floor: int = 3) -> list[int]:
    """Column widths that fit a line of `width` characters: the widest columns give way
    first (one cap for all, as large as fits), none below `floor`."""
    room = width - gap * (len(widths) - 1)
    if sum(widths) <= room or not widths:
        return list(widths)
    lo, hi = floor, max(widths)
    while lo < hi:                      # the largest cap whose total still fits
        mid = (lo + hi + 1) // 2
        if sum(min(w, mid) for w in widths) <= room:
            lo = mid
        else:
            hi = mid - 1
    return [min(w, lo) for w in widths]


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[:max(width - 1, 0)] + ELLIPSIS


def render(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str = "table",
           width: int | None = None, empty: str | None = None) -> str:
    """The rows as text. For the aligned table: `width` (a terminal's columns) cuts the
    widest columns to fit, with an ellipsis; `empty` is printed under the header when
    there are no rows (the CLI says "(no rows)" rather than leave a bare header)."""
    rows = [[_cell(v).replace("\n", " ") if fmt in ("table", "md") else _cell(v) for v in row] for row in rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        esc = lambda s: s.replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(map(esc, columns)) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(map(esc, row)) + " |" for row in rows]
        if not rows and empty:
            lines += ["", empty]
        return "\n".join(lines) + "\n"
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    if width:
        widths = fit(widths, width)
    line = lambda cells: "  ".join(clip(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows]
    if not rows and empty:
        out.append(empty)
    if width:   # columns at their floor can still overflow a very narrow terminal
        out = [clip(ln, width) for ln in out]
    return "\n".join(out) + "\n"
