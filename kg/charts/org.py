"""The org chart: the commission and its bodies as cards, each side's co-chair in its colour.

    from kg import charts
    fig = charts.org_chart(store, "org-chart.svg", as_of="2025-11-01")

The geometry comes from `kg.charts.layout.tidy_tree`; `org_chart_layout`
returns it (with every card's content) without drawing, for tests and other
renderers.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from matplotlib.collections import LineCollection
from matplotlib.patches import FancyBboxPatch, Patch, Rectangle

from .. import views
from ..core.dates import parse_day
from ..core.names import ordinal_words
from ..views import PLACEHOLDER, Snapshot
from .layout import Rect, TreeLayout, tidy_tree
from .page import MARGIN, build_note, day_or_today, draw_lines, draw_page, figure, long_date, page, save, source_note
from .text import INK, MUTED, PAPER, RULE, SIDE_COLOURS, SIDE_NAMES, SIDE_TINTS, ChartError, Line, Run, legible, lines

CARD_TEXT_W = 176.0      # text width inside a card
PAD = 7.0                # card padding
STRIP = 4.0              # width of a side band's coloured strip
BAND_PAD = 4.0
BAND_GAP = 4.0


@dataclass
class Band:
    lines: list[Line]
    side: str | None = None

    @property
    def height(self) -> float:
        return sum(ln.height for ln in self.lines) + (2 * BAND_PAD if self.side else 0)


@dataclass
class Card:
    """What one org-chart box shows: bands of lines (header, then one per side)."""
    node: str
    bands: list[Band]
    dashed: bool = False
    width: float = CARD_TEXT_W + 2 * PAD

    @property
    def height(self) -> float:
        return 2 * PAD + sum(b.height for b in self.bands) + BAND_GAP * (len(self.bands) - 1)

    @property
    def texts(self) -> list[str]:
        return [ln.text for b in self.bands for ln in b.lines]


def body_card(node: str, a: dict, as_of: dt.date | None) -> Card:
    """The card of one hierarchy node (a body, or a stated-count placeholder)."""
    w = CARD_TEXT_W
    if a.get("type") == PLACEHOLDER:
        head = [Line([Run(a.get("type_label", "Sub-groups").upper(), 6.5, "bold", color=MUTED)])]
        head += lines(a["label"], w, 9.5, "bold")
        head += lines(f"({a.get('note', 'names not given by the sources')})", w, 7.5, style="italic", color=MUTED)
        return Card(node, [Band(head)], dashed=True)
    head = [Line([Run(a.get("type_label", a.get("type", "")).upper(), 6.5, "bold", color=MUTED)])]
    head += lines(legible(a["label"], a.get("label_lang", "")), w, 9, "bold")
    if a.get("acronym"):
        head += lines(a["acronym"], w, 8.5, color=INK)
    if a.get("latest_session_ordinal") or a.get("latest_session_date"):
        what = ordinal_words(a["latest_session_ordinal"]) + " session" if a.get("latest_session_ordinal") \
            else "session"
        when = f", {a['latest_session_date']}" if a.get("latest_session_date") else ""
        head += lines(f"Latest {what}{when}", w, 7, style="italic", color=MUTED)
    else:
        head += lines(f"No session known by {as_of.isoformat()}" if as_of else "No session known",
                      w, 7, style="italic", color=MUTED)
    bands = [Band(head)]
    inner = w - STRIP - 4
    for side, name in SIDE_NAMES.items():
        tag = Run(name, 7, "bold", color=SIDE_COLOURS[side])
        holder = a.get(f"{side}_holder")
        if not holder and not a.get(f"{side}_post"):
            bands.append(Band([Line([tag, Run("unknown", 7.5, style="italic", color=MUTED)])], side))
            continue
        body = [Line([tag])]
        body += lines(legible(a.get(f"{side}_post") or "post unknown", what="post title"), inner, 7.5, style="italic")
        body += (lines(legible(holder, a.get(f"{side}_holder_lang", "")), inner, 8.5, "bold") if holder
                 else lines("holder unknown", inner, 8, style="italic", color=MUTED))
        if a.get(f"{side}_session") and a.get(f"{side}_session") != a.get("latest_session"):
            body += lines(f"(at the {legible(a.get(f'{side}_session_label', 'an earlier session'), what='session')})", inner, 6.5,
                          style="italic", color=MUTED)
        bands.append(Band(body, side))
    return Card(node, bands)


@dataclass
class OrgChartLayout:
    layout: TreeLayout
    cards: dict[str, Card]
    graph: object = None

    @property
    def boxes(self) -> dict[str, Rect]:
        return self.layout.boxes


def org_chart_layout(graph, as_of=None, **layout_options) -> OrgChartLayout:
    """Cards for every node of a `views.hierarchy` graph and their tidy-tree placement."""
    as_of = parse_day(as_of)
    cards = {n: body_card(n, a, as_of) for n, a in graph.nodes(data=True)}
    children = {n: list(graph.successors(n)) for n in graph.nodes}
    roots = [n for n in graph.nodes if graph.in_degree(n) == 0]
    sizes = {n: (c.width, c.height) for n, c in cards.items()}
    options = {"hgap": 22.0, "vgap": 44.0, **layout_options}
    return OrgChartLayout(tidy_tree(children, sizes, roots, **options), cards, graph)


def draw_org_chart(graph, snap: Snapshot | None = None, *, as_of=None, title: str | None = None, dpi: float = 150,
                   build_date: dt.date | None = None, notes: list[str] | None = None):
    """Draw a `views.hierarchy` graph; returns (figure, OrgChartLayout)."""
    as_of = day_or_today(as_of)
    chart = org_chart_layout(graph, as_of)
    lay = chart.layout
    tree_w, tree_h = (lay.width, lay.height) if lay.boxes else (300.0, 40.0)
    width = max(tree_w + 2 * MARGIN, 640.0)
    roots = [n for n in graph.nodes if graph.in_degree(n) == 0]
    if title is None:
        names = [graph.nodes[r].get("acronym") or graph.nodes[r]["label"] for r in roots]
        title = (f"India\u2013Russia defence cooperation: {', '.join(names)} and its bodies" if names
                 else "India\u2013Russia defence cooperation bodies")
    subtitle = (f"As of {long_date(as_of)} ({as_of.isoformat()}): each body with the co-chairs of its latest "
                f"session on or before that date")
    legend = [(Patch(facecolor=SIDE_TINTS[s], edgecolor=SIDE_COLOURS[s], linewidth=2.0),
               f"{name} co-chair: post and holder") for s, name in SIDE_NAMES.items()]
    if any(a.get("type") == PLACEHOLDER for _n, a in graph.nodes(data=True)):
        legend.append((Patch(facecolor=PAPER, edgecolor=INK, linestyle=(0, (3, 2))),
                       "stated number; names not given"))
    drawn = set()
    for _n, a in graph.nodes(data=True):
        drawn |= set(a.get("evidence", "").split())
    root = next((graph.nodes[r]["iri"] for r in roots), None)
    about = "body:" + root.rsplit("/", 1)[-1] if root else None
    foot = ([source_note(snap, drawn, about)] if snap is not None else []) + (notes or []) + (
        [graph.graph["left_out"]] if graph.graph.get("left_out") else []) + [
        "Co-chairs: those of each body's latest session held on or before the date, with the post's holder on "
        "that date; \u201cunknown\u201d where no source names one. " + build_note(build_date)]
    p = page(width, title, subtitle, legend, foot, tree_h)
    fig, ax = figure(p, dpi)
    draw_page(ax, p)
    dx = (width - tree_w) / 2
    dy = p.body_top
    segments = [((xa + dx, ya + dy), (xb + dx, yb + dy)) for (xa, ya), (xb, yb) in lay.connectors]
    ax.add_collection(LineCollection(segments, colors=RULE, linewidths=1.1, capstyle="projecting",
                                     joinstyle="miter", zorder=1, gid="connectors"))
    for n, r in lay.boxes.items():
        _draw_card(ax, chart.cards[n], r.shifted(dx, dy), r.w)
    return fig, chart


def _draw_card(ax, card: Card, r: Rect, width: float) -> None:
    ax.add_patch(FancyBboxPatch((r.x0, r.y0), r.w, r.h, boxstyle="round,pad=0,rounding_size=4",
                                facecolor=PAPER, edgecolor=INK, linewidth=1.0 if not card.dashed else 0.9,
                                linestyle=(0, (3, 2)) if card.dashed else "solid", zorder=2, gid=f"box:{card.node}"))
    y = r.y0 + PAD
    for band in card.bands:
        if band.side:
            ax.add_patch(Rectangle((r.x0 + 3, y), r.w - 6, band.height, facecolor=SIDE_TINTS[band.side],
                                   edgecolor="none", zorder=3))
            ax.add_patch(Rectangle((r.x0 + 3, y), STRIP, band.height, facecolor=SIDE_COLOURS[band.side],
                                   edgecolor="none", zorder=3))
            draw_lines(ax, band.lines, r.x0 + PAD + STRIP + 2, y + BAND_PAD)
        else:
            draw_lines(ax, band.lines, r.x0 + PAD, y)
        y += band.height + BAND_GAP


def org_chart(source, out=None, *, as_of=None, dpi: float = 150, title: str | None = None,
              build_date: dt.date | None = None):
    """The org chart of the commission(s) and their bodies as of a date; saved to `out` if given."""
    snap = views.snapshot(source)
    as_of = day_or_today(as_of)
    graph = views.hierarchy(snap, as_of)
    if graph.number_of_nodes() == 0:
        founded = sorted(b.founded or b.first_seen or "" for b in snap.bodies.values() if b.type == "Commission")
        since = f"; the sources date the earliest commission to {founded[0]}" if founded and founded[0] else ""
        raise ChartError(f"no commission existed on {as_of.isoformat()}{since}: nothing to draw")
    fig, _chart = draw_org_chart(graph, snap, as_of=as_of, title=title, dpi=dpi, build_date=build_date)
    if out is not None:
        save(fig, out, dpi)
    return fig
