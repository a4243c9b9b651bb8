"""The timeline: each body's sessions on a time axis, labelled with their ordinals.

Built to stay legible over two decades and dozens of sessions: the width grows
with the years shown, every session's label is placed before anything is
drawn (a label that would touch one already placed in its row moves to the
next tier, and the row grows to hold its tiers), numbered sessions carry their
ordinal, unnumbered ones a smaller mark, and dates and places are written out
only in rows sparse enough to hold them. Drawn in steps: plan, frame, rows,
markers and labels.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from matplotlib.lines import Line2D

from .. import views
from ..core.dates import first_day, last_day
from ..core.names import ordinal_words
from .page import MARGIN, build_note, day_or_today, draw_lines, draw_page, figure, long_date, page, save, source_note
from .text import FONT, INK, MUTED, PAPER, RULE, ChartError, height, legible, lines, text_width

MARKERS = {"Commission": ("o", INK), "WorkingGroup": ("o", "#4a4a4a"), "SubGroup": ("o", "#7a7a7a"),
           "SummitSeries": ("*", "#7b2d8e"), "Dialogue": ("D", "#1d7a55")}
MARKER_SIZES = {"*": 14, "D": 7, "o": 8}
PT_PER_YEAR = 52.0       # at least this much width per year shown
MIN_PLOT_W = 640.0
ROW_LABEL_W = 150.0
AXIS_H = 22.0
TIER = 11.0              # height of one tier of labels
GAP = 5.0                # clearance between two labels in a tier
SPARSE = 6               # rows with at most this many sessions get dates and places written out
TOP_SIZE, BOTTOM_SIZE = 8.0, 6.5


def mid(partial: str) -> dt.date:
    a, b = first_day(partial), last_day(partial)
    return a + (b - a) / 2


def legend() -> list:
    return [
        (Line2D([], [], marker="o", color=INK, linestyle="none", markersize=7), "numbered session (ordinal above)"),
        (Line2D([], [], marker="o", color=INK, linestyle="none", markersize=4), "session no source numbers"),
        (Line2D([], [], marker="o", markerfacecolor=PAPER, color=INK, linestyle="none", markersize=7),
         "planned or postponed, not known to be held"),
        (Line2D([], [], marker="*", color=MARKERS["SummitSeries"][1], linestyle="none", markersize=10), "summit"),
        (Line2D([], [], marker="D", color=MARKERS["Dialogue"][1], linestyle="none", markersize=6), "2+2 dialogue"),
        (Line2D([], [], color=RULE, linestyle=(0, (1, 1.5)), linewidth=1.2), "held on the sidelines of"),
    ]


@dataclass
class Label:
    text: str
    size: float
    weight: str
    x: float           # the marker's position along the plot, in points
    lo: float          # the label's extent along the plot, in points
    hi: float
    ha: str = "center"
    offset: float = 0.0    # x offset of the text from the marker, in points
    tier: int = 0


@dataclass
class Row:
    body: str
    title: list
    sessions: list = field(default_factory=list)     # (node, attrs, x_pt)
    top: list = field(default_factory=list)          # Label per session (ordinals)
    bottom: list = field(default_factory=list)       # Label per session (dates), sparse rows only
    y0: float = 0.0

    @property
    def height(self) -> float:
        tiers_top = 1 + max((lb.tier for lb in self.top if lb.text), default=-1)
        tiers_bottom = 1 + max((lb.tier for lb in self.bottom if lb.text), default=-1)
        return max(46.0, height(self.title) + 14, 30 + TIER * (tiers_top + tiers_bottom))

    @property
    def marker_y(self) -> float:
        """Where the markers sit inside the row, in points from its top."""
        tiers_top = 1 + max((lb.tier for lb in self.top if lb.text), default=-1)
        return 14 + TIER * tiers_top


def place(labels: list[Label], plot_w: float) -> None:
    """Give each label the lowest tier where it touches no label placed before it."""
    placed: dict[int, list[tuple[float, float]]] = {}
    for lb in labels:
        if not lb.text:
            continue
        w = lb.hi - lb.lo
        if lb.lo < 0:            # would stick out on the left: start it at the marker
            lb.ha, lb.offset, lb.lo, lb.hi = "left", -4.0, lb.x - 4, lb.x - 4 + w
        elif lb.hi > plot_w:     # on the right: end it at the marker
            lb.ha, lb.offset, lb.lo, lb.hi = "right", 4.0, lb.x + 4 - w, lb.x + 4
        tier = 0
        while any(lb.lo < b + GAP and a < lb.hi + GAP for a, b in placed.get(tier, [])):
            tier += 1
        placed.setdefault(tier, []).append((lb.lo, lb.hi))
        lb.tier = tier


def make_label(text: str, size: float, weight: str, x_pt: float) -> Label:
    w = text_width(text, size, weight) if text else 0.0
    return Label(text, size, weight, x_pt, x_pt - w / 2, x_pt + w / 2)


def bottom_text(a) -> str:
    text = a["date"] + (f" \u2013 {a['end_date']}" if a.get("end_date") else "")
    return text + (f", {a['location']}" if a.get("location") else "")


@dataclass
class Plan:
    rows: list[Row]
    x_min: dt.date
    x_max: dt.date
    plot_x0: float
    plot_w: float

    @property
    def pt_per_day(self) -> float:
        return self.plot_w / (self.x_max - self.x_min).days

    def x_pt(self, day: dt.date) -> float:
        return (day - self.x_min).days * self.pt_per_day

    @property
    def body_h(self) -> float:
        return sum(r.height for r in self.rows) + AXIS_H


def plan(g, sess, as_of: dt.date) -> Plan:
    """Rows, scale and every label's tier, before anything is drawn."""
    bodies = [n for n, a in g.nodes(data=True) if a["type"] != "Session"]
    first = min(first_day(a["date"]) for _n, a in sess)
    last = max([last_day(a.get("end_date") or a["date"]) for _n, a in sess] + [as_of])
    span = max((last - first).days, 60)
    x_min, x_max = first - dt.timedelta(days=span * 0.03 + 30), last + dt.timedelta(days=span * 0.03 + 30)
    rows = []
    for b in bodies:
        a = g.nodes[b]
        name = a.get("acronym") or legible(a["label"], a.get("label_lang", ""))
        rows.append(Row(b, lines(name, ROW_LABEL_W, 8.5, "bold")[:3]
                        + lines(a["type_label"], ROW_LABEL_W, 7, style="italic", color=MUTED)))
    label_w = max(max(ln.width for ln in r.title) for r in rows)
    plot_x0 = MARGIN + label_w + 18
    plot_w = max(MIN_PLOT_W, PT_PER_YEAR * (x_max - x_min).days / 365.25)
    p = Plan(rows, x_min, x_max, plot_x0, plot_w)
    by_body = {r.body: r for r in rows}
    for n, a in sorted(sess, key=lambda na: mid(na[1]["date"])):
        by_body[a["body"]].sessions.append((n, a, p.x_pt(mid(a["date"]))))
    for r in rows:
        sparse = len(r.sessions) <= SPARSE
        for _n, a, x in r.sessions:
            top = ordinal_words(a["ordinal"]) if a.get("ordinal") else ""
            r.top.append(make_label(top, TOP_SIZE, "bold", x))
            r.bottom.append(make_label(bottom_text(a) if sparse else "", BOTTOM_SIZE, "normal", x))
        place(r.top, plot_w)
        place(r.bottom, plot_w)
    y = 0.0
    for r in rows:
        r.y0 = y
        y += r.height
    return p


def draw_frame(fig, canvas, pg, p: Plan, as_of: dt.date):
    """The plot axes in points (x along time, y down the rows), the rows and their titles,
    years along the bottom, and the as-of line."""
    import matplotlib.dates as mdates

    top = pg.body_top
    total = sum(r.height for r in p.rows)
    width = pg.width
    ax = fig.add_axes((p.plot_x0 / width, 1 - (top + total) / pg.height, p.plot_w / width, total / pg.height))
    ax.set_xlim(mdates.date2num(p.x_min), mdates.date2num(p.x_max))
    ax.set_ylim(total, 0)
    ax.set_yticks([])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.spines["bottom"].set_color(RULE)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", colors=MUTED, labelsize=7.5)
    ax.grid(axis="x", which="major", color="#e4e4e4", linewidth=0.8, zorder=0)
    for i, r in enumerate(p.rows):
        if i % 2 == 0:
            ax.axhspan(r.y0, r.y0 + r.height, color="#f6f6f6", zorder=0, linewidth=0)
        ax.axhline(r.y0 + r.marker_y, color="#d0d0d0", linewidth=0.8, zorder=1)
        draw_lines(canvas, r.title, p.plot_x0 - 12, top + r.y0 + r.marker_y - height(r.title) / 2, ha="right")
    # The as-of day is in the subtitle; the dashed line marks it without a label that could meet an ordinal.
    ax.axvline(mdates.date2num(as_of), color=INK, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
    return ax


def draw_sidelines(ax, g, pos) -> None:
    for n, o in g.edges:
        if g.edges[n, o].get("type") == "onSidelinesOf" and n in pos and o in pos:
            (x1, y1), (x2, y2) = pos[n], pos[o]
            ax.plot([x1, x2], [y1, y2], color=RULE, linestyle=(0, (1, 1.5)), linewidth=1.2, zorder=2)


def draw_marker(ax, n, a, x, y) -> None:
    """A session's marker (hollow unless known to be held; small where no source numbers
    it), with a bar over a month or a multi-day span."""
    import matplotlib.dates as mdates

    marker, colour = MARKERS.get(a["body_type"], ("o", INK))
    if len(a["date"]) < 10 or a.get("end_date"):
        start, end = first_day(a["date"]), last_day(a.get("end_date") or a["date"])
        ax.plot([mdates.date2num(start), mdates.date2num(end)], [y, y], color=colour, linewidth=3.5,
                alpha=0.35, solid_capstyle="butt", zorder=2)
    size = MARKER_SIZES[marker] * (1.0 if a.get("ordinal") or marker != "o" else 0.55)
    held = a.get("status") not in ("planned", "postponed", "cancelled")
    ax.plot([x], [y], marker=marker, markersize=size, color=colour, markerfacecolor=colour if held else PAPER,
            markeredgewidth=1.3, linestyle="none", zorder=3, gid=f"session:{n}")


def draw_label(ax, lb: Label, x, y, above: bool) -> None:
    if not lb.text:
        return
    dy = (10 + lb.tier * TIER) * (1 if above else -1)
    ax.annotate(lb.text, (x, y), xytext=(lb.offset, dy), textcoords="offset points",
                ha=lb.ha, va="bottom" if above else "top", fontsize=lb.size, fontweight=lb.weight,
                color=INK if above else MUTED, family=FONT, parse_math=False, zorder=4, annotation_clip=False,
                gid="label")


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
    undated = sum(1 for s in snap.sessions.values() if s.date is None)
    p = plan(g, sess, as_of)
    width = p.plot_x0 + p.plot_w + MARGIN
    subtitle = (f"As of {long_date(as_of)} ({as_of.isoformat()}, dashed line): {len(sess)} dated sessions of "
                f"{len(p.rows)} bodies, numbered ones labelled with their ordinals"
                + (f"; {undated} sessions no source dates are not drawn" if undated else ""))
    notes = [source_note(snap, {n for n, _a in sess}, "body:irigc-mmtc"),
             "A session known only to its month or year is drawn at its middle with a bar over it; dates and places "
             f"are written out in rows of at most {SPARSE} sessions (`kg query sessions-of-body` lists them all). "
             + build_note(build_date)]
    pg = page(width, title or "Sessions of the India\u2013Russia defence cooperation bodies", subtitle, legend(),
              notes, p.body_h)
    fig, canvas = figure(pg, dpi)
    draw_page(canvas, pg)
    ax = draw_frame(fig, canvas, pg, p, as_of)
    pos = {n: (mdates.date2num(mid(a["date"])), r.y0 + r.marker_y) for r in p.rows for n, a, _x in r.sessions}
    draw_sidelines(ax, g, pos)
    for r in p.rows:
        for (n, a, _x), top, bottom in zip(r.sessions, r.top, r.bottom):
            x, y = pos[n]
            draw_marker(ax, n, a, x, y)
            draw_label(ax, top, x, y, above=True)
            draw_label(ax, bottom, x, y, above=False)
    if out is not None:
        save(fig, out, dpi)
    return fig
