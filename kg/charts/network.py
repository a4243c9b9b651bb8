"""The co-chair network: Indian co-chairs on the left, Russian on the right, an edge for
co-chairing the same sessions (its width and label count them).

Drawn in three steps: rows (components biggest first; partners share a row),
edges with their session labels, then the people with their posts.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from .. import views
from ..core.dates import last_day
from ..core.names import ordinal_words
from .page import MARGIN, build_note, day_or_today, draw_lines, draw_page, figure, long_date, page, save, source_note
from .text import MUTED, PAPER, RULE, SIDE_COLOURS, SIDE_NAMES, ChartError, height, lines

COLUMN = {"india": 0, "russia": 2}
GAP = 300.0          # between the two columns
LABEL_W = 200.0


def column(g, p) -> int:
    return COLUMN.get(g.nodes[p].get("side"), 1)


def arrange_rows(g) -> tuple[dict[str, float], float]:
    """A row for each person: components biggest first; inside each, every Indian co-chair
    level with the Russian one they share most sessions with. Returns rows and their count."""
    comps = sorted((sorted(c) for c in nx.connected_components(g)),
                   key=lambda c: (-sum(g.edges[e].get("weight", 1) for e in g.subgraph(c).edges), c))
    rows: dict[str, float] = {}
    r = 0.0
    for comp in comps:
        cols: dict[int, list[str]] = {0: [], 1: [], 2: []}
        for p in sorted(comp, key=lambda p: g.nodes[p]["label"]):
            cols[column(g, p)].append(p)
        left = cols[0]
        cols[2] = sorted(cols[2], key=lambda q: min([left.index(p) for p in left if g.has_edge(p, q)] or [len(left)]))
        tallest = max(len(v) for v in cols.values())
        for people in cols.values():
            for i, p in enumerate(people):
                rows[p] = r + i + (tallest - len(people)) / 2
        r += tallest + 0.35
    return rows, r


def person_labels(g) -> dict:
    out = {}
    for p, a in g.nodes(data=True):
        ln = lines(a["label"], LABEL_W, 9.5, "bold")
        if a.get("post"):
            ln += lines(a["post"], LABEL_W, 7.5, style="italic", color=MUTED)
        if a.get("bodies"):
            ln += lines(a["bodies"], LABEL_W, 7.5, color=MUTED)
        out[p] = ln
    return out


def edge_text(at, e) -> list:
    """Which sessions an edge stands for, by body under its name then ('IRIGC-MTC: 10th'), and how many."""
    snap = at.snap
    by_body: dict[str, list[str]] = {}
    for s in e.get("sessions", "").split():
        sa = snap.sessions.get(s)
        if sa is not None:
            name, acronym = at.name(snap.bodies[sa.body], last_day(sa.when) if sa.when else None)
            by_body.setdefault(acronym or name, []).append(
                ordinal_words(sa.ordinal) if sa.ordinal else sa.date or "?")
    weight = e.get("weight", 1)
    text = lines("; ".join(f"{b}: {', '.join(o)}" for b, o in by_body.items()), GAP - 70, 7.5)
    return text + lines(f"{weight} session{'s' if weight != 1 else ''}", GAP - 70, 7, style="italic", color=MUTED)


def draw_edges(ax, g, at, xy) -> None:
    for a_, b_, e in g.edges(data=True):
        (x1, y1), (x2, y2) = xy(a_), xy(b_)
        if x1 > x2:
            (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
        ax.plot([x1, x2], [y1, y2], color=RULE, linewidth=1.2 + 1.6 * e.get("weight", 1), solid_capstyle="round",
                zorder=1)
        text = edge_text(at, e)
        h, w = height(text), max(ln.width for ln in text)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        ax.add_patch(FancyBboxPatch((mx - w / 2 - 4, my - h / 2 - 3), w + 8, h + 6,
                                    boxstyle="round,pad=0,rounding_size=3", facecolor=PAPER, edgecolor="#d8d8d8",
                                    linewidth=0.6, zorder=2))
        draw_lines(ax, text, mx, my - h / 2, ha="center")


def draw_people(ax, g, labels, xy) -> None:
    for p, a in g.nodes(data=True):
        x, y = xy(p)
        ax.plot([x], [y], marker="o", markersize=14, color=SIDE_COLOURS.get(a.get("side"), MUTED),
                markeredgecolor=PAPER, markeredgewidth=1.5, zorder=3, linestyle="none", gid=f"person:{p}")
        text = labels[p]
        h = height(text)
        c = column(g, p)
        if c == 0:
            draw_lines(ax, text, x - 14, y - h / 2, ha="right")
        elif c == 2:
            draw_lines(ax, text, x + 14, y - h / 2, ha="left")
        else:
            draw_lines(ax, text, x, y + 12, ha="center")


def network_chart(source, out=None, *, as_of=None, dpi: float = 150, title: str | None = None,
                  build_date: dt.date | None = None):
    """The co-chair network: people coloured by side, India on the left and Russia on the
    right, an edge for co-chairing the same sessions (width and label count them)."""
    snap = views.snapshot(source)
    as_of = day_or_today(as_of)
    at = views.at(snap, as_of)
    g = views.co_chair_network(snap, as_of)
    if g.number_of_nodes() == 0:
        raise ChartError(f"no co-chair known as of {as_of.isoformat()}: nothing to draw")
    rows, n_rows = arrange_rows(g)
    labels = person_labels(g)
    text_w = max(ln.width for v in labels.values() for ln in v)
    row_h = max(58.0, max(height(v) for v in labels.values()) + 18)
    width = max(2 * MARGIN + 2 * (text_w + 16) + GAP, 700.0)
    x_of = {0: width / 2 - GAP / 2, 1: width / 2, 2: width / 2 + GAP / 2}
    legend = [(Line2D([], [], marker="o", color=SIDE_COLOURS[s], linestyle="none", markersize=9), f"{name} co-chair")
              for s, name in SIDE_NAMES.items()]
    legend.append((Line2D([], [], color=RULE, linewidth=3), "co-chaired the same sessions (width: how many)"))
    subtitle = f"As of {long_date(as_of)} ({as_of.isoformat()}): who co-chaired sessions with whom"
    p = page(width, title or "Co-chairs of the India\u2013Russia defence cooperation bodies", subtitle, legend,
             [source_note(snap, {s for *_e, d in g.edges(data=True) for s in d.get("sessions", "").split()},
                          "body:irigc-mmtc"), build_note(build_date)], row_h * n_rows)
    fig, ax = figure(p, dpi)
    draw_page(ax, p)
    xy = lambda person: (x_of[column(g, person)], p.body_top + (rows[person] + 0.5) * row_h)  # noqa: E731
    draw_edges(ax, g, at, xy)
    draw_people(ax, g, labels, xy)
    if out is not None:
        save(fig, out, dpi)
    return fig
