"""Page furniture shared by every chart: title block, legend, footnotes, and saving.

A page is laid out in points: a title and subtitle, an optional legend, the
chart's body area, then footnotes that name the sources. Files carry no
timestamps, so the same graph draws the same bytes.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..core.dates import parse_day
from .text import (FONT, FORMATS, MAX_PIXELS, MUTED, PAPER, SPACE, ChartError, Line, font, height, lines,
                   style, text_width)

MARGIN = 30.0


LISTED = 4   # a footnote names up to this many sources; beyond it, it summarises them


def source_note(snap, subjects=None, about: str | None = None) -> str:
    """The sources behind what a chart shows (`subjects`: the IRIs drawn), by publisher,
    headline and date; many are summarised (how many, how many independent, the years,
    the latest) with the query that lists them all."""
    sources = snap.citations(subjects) if subjects is not None else list(snap.sources)
    if not sources:
        return "Sources: none recorded."
    if len(sources) <= LISTED:
        return "Sources: " + "; ".join(s.citation() for s in sources) + "."
    years = sorted(s.date[:4] for s in sources if s.date)
    copies = sum(1 for s in sources if s.copy_of is not None)
    span = f", published {years[0]}\u2013{years[-1]}" if years and years[0] != years[-1] else (
        f", published {years[0]}" if years else "")
    text = (f"Sources: {len(sources)} pages{span}" + (f" ({copies} of them syndicated copies)" if copies else "")
            + "; the latest: " + "; ".join(s.citation() for s in sources[:2]) + ".")
    if about:
        text += f" Every one is listed by `kg query sources-of --param about={about}`."
    return text


def build_note(build_date: dt.date | None) -> str:
    return f"Graph built {(build_date or dt.date.today()).isoformat()}."


def day_or_today(as_of) -> dt.date:
    return parse_day(as_of) or dt.date.today()


def long_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


@dataclass
class Page:
    """A figure laid out in points: title block, body area, footnote."""
    width: float
    title: list[Line]
    legend: list[tuple[object, str]]        # (handle, label)
    footnote: list[Line]
    body_h: float
    legend_rows: int = 1
    legend_cols: int = 1

    TITLE_GAP = 8.0
    LEGEND_ROW = 16.0

    @property
    def head_h(self) -> float:
        return (height(self.title) + self.TITLE_GAP
                + (self.legend_rows * self.LEGEND_ROW + self.TITLE_GAP if self.legend else 0))

    @property
    def foot_h(self) -> float:
        return height(self.footnote)

    @property
    def height(self) -> float:
        return MARGIN + self.head_h + self.body_h + 16 + self.foot_h + MARGIN * 0.7

    @property
    def body_top(self) -> float:
        return MARGIN + self.head_h


def page(width: float, title: str, subtitle: str, legend: list[tuple[object, str]], notes: list[str],
         body_h: float) -> Page:
    text_w = width - 2 * MARGIN
    t = lines(title, text_w, 15, "bold")
    t += lines(subtitle, text_w, 10, color=MUTED)
    foot = []
    for note in notes:
        foot += lines(note, text_w, 7, color=MUTED)
    p = Page(width, t, legend, foot, body_h)
    if legend:
        items = [text_width(label, 8.5) + 44 for _h, label in legend]
        p.legend_cols = len(legend) if sum(items) <= text_w else max(1, int(text_w // max(items)))
        p.legend_rows = math.ceil(len(legend) / p.legend_cols)
    return p


def figure(p: Page, dpi: float):
    w_in, h_in = p.width / 72, p.height / 72
    dpi = min(dpi, MAX_PIXELS / max(w_in, h_in))
    fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor=PAPER)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, p.width)
    ax.set_ylim(p.height, 0)
    ax.axis("off")
    ax.set_gid("page")
    return fig, ax


def draw_lines(ax, lines_: list[Line], x: float, y: float, ha: str = "left", gid: str | None = None) -> float:
    for ln in lines_:
        cx = x - (ln.width if ha == "right" else ln.width / 2 if ha == "center" else 0)
        for run in ln.runs:
            ax.text(cx, y, run.text, fontsize=run.size, fontweight=run.weight, fontstyle=run.style,
                    color=run.color, family=FONT, va="top", ha="left", parse_math=False, gid=gid)
            cx += run.width + SPACE
        y += ln.height
    return y


def draw_page(ax, p: Page) -> None:
    y = draw_lines(ax, p.title, MARGIN, MARGIN, gid="title")
    if p.legend:
        y += p.TITLE_GAP
        handles, labels = zip(*p.legend)
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(MARGIN, y - 2),
                  bbox_transform=ax.transData, ncol=p.legend_cols, frameon=False, fontsize=8.5,
                  handlelength=1.8, handleheight=1.0, columnspacing=1.6, borderaxespad=0, borderpad=0,
                  prop=font(8.5))
    draw_lines(ax, p.footnote, MARGIN, p.height - MARGIN * 0.7 - p.foot_h, gid="footnote")


def save(fig, out, dpi: float | None = None) -> Path:
    """Write `fig` to a .png, .svg or .pdf file (text kept as text, no timestamps)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ChartError(f"{out}: cannot write {suffix or 'a file without extension'}; use .png, .svg or .pdf")
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
                "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}}[suffix[1:]]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with style():
            fig.savefig(out, format=suffix[1:], dpi=dpi or fig.dpi, metadata=metadata, facecolor=PAPER)
    except OSError as exc:
        raise ChartError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    return out
