"""The timeline: each body's sessions on a time axis, labelled with their ordinals.

Drawn in four steps: the frame (one row per body, the time scale), the
sidelines links, the markers, and the labels, which move to a further tier
where they would touch the label before them in their row.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from matplotlib.lines import Line2D

from .. import views
from ..core.dates import first_day, last_day
from ..core.names import ordinal_words
from .page import MARGIN, build_note, day_or_today, draw_lines, draw_page, figure, long_date, page, save, source_note
from .text import FONT, INK, MUTED, PAPER, RULE, ChartError, height, lines, text_width

MARKERS = {"Commission": ("o", INK), "WorkingGroup": ("o", "#4a4a4a"), "SubGroup": ("o", "#7a7a7a"),
           "SummitSeries": ("*", "#7b2d8e"), "Dialogue": ("D", "#1d7a55")}
MARKER_SIZES = {"*": 15, "D": 8, "o": 9}
WIDTH = 860.0
ROW_LABEL_W = 150.0
AXIS_H = 22.0


def mid(partial: str) -> dt.date:
    a, b = first_day(partial), last_day(partial)
    return a + (b - a) / 2


def legend() -> list:
    return [
        (Line2D([], [], marker="o", color=INK, linestyle="none", markersize=7), "session (commission, working group)"),
        (Line2D([], [], marker="*", color=MARKERS["SummitSeries"][1], linestyle="none", markersize=11), "summit"),
        (Line2D([], [], marker="D", color=MARKERS["Dialogue"][1], linestyle="none", markersize=6), "2+2 dialogue"),
        (Line2D([], [], marker="o", markerfacecolor=PAPER, color=INK, linestyle="none", markersize=7),
         "planned, not yet held"),
        (Line2D([], [], color=RULE, linestyle=(0, (1, 1.5)), linewidth=1.2), "held on the sidelines of"),
    ]


@dataclass
class Frame:
    """Rows (one per body), the time scale, and where the plot sits on the page."""
    bodies: list[str]
    row_labels: dict
    row_h: float
    plot_x0: float
    plot_w: float
    x_min: dt.date
    x_max: dt.date

    @property
    def pt_per_day(self) -> float:
        return self.plot_w / (self.x_max - self.x_min).days

    @property
    def body_h(self) -> float:
        return self.row_h * len(self.bodies) + AXIS_H


def frame(g, sess, as_of: dt.date) -> Frame:
    bodies = [n for n, a in g.nodes(data=True) if a["type"] != "Session"]
    row_labels = {b: lines(g.nodes[b].get("acronym") or g.nodes[b]["label"], ROW_LABEL_W, 8.5, "bold")
                  + lines(g.nodes[b]["type_label"], ROW_LABEL_W, 7, style="italic", color=MUTED) for b in bodies}
    row_h = max(64.0, max(height(v) for v in row_labels.values()) + 20)
    label_w = max(max(ln.width for ln in v) for v in row_labels.values())
    plot_x0 = MARGIN + label_w + 18
    first = min(first_day(a["date"]) for _n, a in sess)
    last = max([last_day(a.get("end_date") or a["date"]) for _n, a in sess] + [as_of])
    span = max((last - first).days, 60)
    return Frame(bodies, row_labels, row_h, plot_x0, WIDTH - plot_x0 - MARGIN,
                 first - dt.timedelta(days=span * 0.06 + 20), last + dt.timedelta(days=span * 0.06 + 20))


def draw_axes(fig, canvas, p, fr: Frame, as_of: dt.date):
    """The plot axes: alternating rows with their labels, years along the bottom, the as-of line."""
    import matplotlib.dates as mdates

    top, n = p.body_top, len(fr.bodies)
    ax = fig.add_axes((fr.plot_x0 / WIDTH, 1 - (top + fr.row_h * n) / p.height, fr.plot_w / WIDTH, fr.row_h * n / p.height))
    ax.set_xlim(mdates.date2num(fr.x_min), mdates.date2num(fr.x_max))
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_yticks([])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.spines["bottom"].set_color(RULE)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.tick_params(axis="x", colors=MUTED, labelsize=8)
    ax.grid(axis="x", which="major", color="#e4e4e4", linewidth=0.8, zorder=0)
    for i, b in enumerate(fr.bodies):
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="#f6f6f6", zorder=0, linewidth=0)
        ax.axhline(i, color="#d0d0d0", linewidth=0.8, zorder=1)
        label = fr.row_labels[b]
        draw_lines(canvas, label, fr.plot_x0 - 12, top + fr.row_h * i + (fr.row_h - height(label)) / 2, ha="right")
    ax.axvline(mdates.date2num(as_of), color=INK, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
    room = (fr.x_max - as_of).days * fr.pt_per_day > 70
    ax.text(mdates.date2num(as_of), -0.5, f" as of {as_of.isoformat()} " if room else f"as of {as_of.isoformat()} ",
            fontsize=7, color=INK, va="top", ha="left" if room else "right", parse_math=False, family=FONT)
    return ax


def draw_sidelines(ax, g, sess, pos) -> set:
    """Dotted links from a session to the event it was held alongside; returns the linked sessions."""
    linked = set()
    for n, o in g.edges:
        if g.edges[n, o].get("type") == "onSidelinesOf":
            linked |= {n, o}
    for n, _a in sess:
        for other in g.successors(n):
            if g.edges[n, other].get("type") == "onSidelinesOf" and other in pos:
                (x1, y1), (x2, y2) = pos[n], pos[other]
                ax.plot([x1, x2], [y1, y2], color=RULE, linestyle=(0, (1, 1.5)), linewidth=1.2, zorder=2)
    return linked


def draw_marker(ax, n, a, x, y) -> None:
    """A session's marker (hollow while planned), with a bar over a month or a multi-day span."""
    import matplotlib.dates as mdates

    marker, colour = MARKERS.get(a["body_type"], ("o", INK))
    if len(a["date"]) < 10 or a.get("end_date"):
        start, end = first_day(a["date"]), last_day(a.get("end_date") or a["date"])
        ax.plot([mdates.date2num(start), mdates.date2num(end)], [y, y], color=colour, linewidth=4,
                alpha=0.35, solid_capstyle="butt", zorder=2)
    ax.plot([x], [y], marker=marker, markersize=MARKER_SIZES[marker], color=colour,
            markerfacecolor=PAPER if a.get("status") == "planned" else colour, markeredgewidth=1.4,
            linestyle="none", zorder=3, gid=f"session:{n}")


def label_texts(a) -> tuple[str, str]:
    """(the ordinal, with "planned"; the dates and place) of one session."""
    top = ordinal_words(a["ordinal"]) if a.get("ordinal") else "unnumbered"
    if a.get("status") == "planned":
        top += " (planned)"
    bottom = a["date"] + (f" \u2013 {a['end_date']}" if a.get("end_date") else "")
    if a.get("location"):
        bottom += f", {a['location']}"
    return top, bottom


class Labels:
    """Ordinals above the markers and dates below; a label that would touch one already
    placed in its row and tier moves one tier further out."""

    def __init__(self, ax, fr: Frame):
        self.ax, self.fr = ax, fr
        self.placed: dict[tuple[int, int], list[tuple[float, float]]] = {}

    def add(self, x, y, row: int, text: str, size: float, weight: str, side: int, linked: bool) -> None:
        import matplotlib.dates as mdates

        x_pt = (x - mdates.date2num(self.fr.x_min)) * self.fr.pt_per_day
        w = text_width(text, size, weight)
        lo, hi = x_pt - w / 2, x_pt + w / 2
        ha, off = "center", 0.0
        if linked:  # keep clear of the sidelines line through the marker
            ha, off, lo, hi = "left", 8.0, x_pt + 8, x_pt + 8 + w
        elif lo < 0:
            ha, lo, hi = "left", x_pt - 4, x_pt - 4 + w
        elif hi > self.fr.plot_w:
            ha, lo, hi = "right", x_pt + 4 - w, x_pt + 4
        tier = 0
        while any(lo < b + 6 and a0 < hi + 6 for a0, b in self.placed.get((row, side * (tier + 1)), [])):
            tier += 1
        self.placed.setdefault((row, side * (tier + 1)), []).append((lo, hi))
        self.ax.annotate(text, (x, y), xytext=(off, side * -(13 + tier * 12)), textcoords="offset points", ha=ha,
                         va="bottom" if side < 0 else "top", fontsize=size, fontweight=weight,
                         color=INK if side < 0 else MUTED, family=FONT, parse_math=False, zorder=4,
                         annotation_clip=False)


def timeline_chart(source, out=None, *, as_of=None, dpi: float = 150, title: str | None = None,
                   build_date: dt.date | None = None):
    """The sessions of each body on a time axis, labelled with ordinals; summits and dialogues marked."""
    import matplotlib.dates as mdates

    snap = views.snapshot(source)
    as_of = day_or_today(as_of)
    g = views.sessions(snap, as_of)
    sess = [(n, a) for n, a in g.nodes(data=True) if a["type"] == "Session" and a.get("date")]
    if not sess:
        raise ChartError(f"no dated session known as of {as_of.isoformat()}: nothing to draw")
    fr = frame(g, sess, as_of)
    subtitle = f"As of {long_date(as_of)} ({as_of.isoformat()}): numbered sessions labelled with their ordinals"
    notes = [source_note(snap), "A session known only to the month is drawn mid-month with a bar over the month. "
             + build_note(build_date)]
    p = page(WIDTH, title or "Sessions of the India\u2013Russia defence cooperation bodies", subtitle, legend(),
             notes, fr.body_h)
    fig, canvas = figure(p, dpi)
    draw_page(canvas, p)
    ax = draw_axes(fig, canvas, p, fr, as_of)
    row = {b: i for i, b in enumerate(fr.bodies)}
    pos = {n: (mdates.date2num(mid(a["date"])), row[a["body"]]) for n, a in sess}
    linked = draw_sidelines(ax, g, sess, pos)
    labels = Labels(ax, fr)
    for n, a in sorted(sess, key=lambda na: (row[na[1]["body"]], mid(na[1]["date"]))):
        x, y = pos[n]
        draw_marker(ax, n, a, x, y)
        top_text, bottom_text = label_texts(a)
        labels.add(x, y, row[a["body"]], top_text, 8.5, "bold", -1, n in linked)
        labels.add(x, y, row[a["body"]], bottom_text, 7, "normal", 1, n in linked)
    if out is not None:
        save(fig, out, dpi)
    return fig
