"""Charts of the knowledge graph, drawn with matplotlib on the Agg canvas (no display).

    from kg import charts
    fig = charts.org_chart(store, "org-chart.svg", as_of="2025-11-01")
    charts.timeline_chart(store, "timeline.png")
    charts.network_chart(store, "network.pdf")

Each chart is laid out in points: one axes covers the whole figure with one
data unit per point, so text measured with matplotlib's font machinery fits the
boxes drawn around it at any dpi. The org chart's geometry comes from
`kg.layout.tidy_tree`; `org_chart_layout` returns it (with every box's
content) without drawing, for tests and other renderers.

Text is written as text in SVG (`svg.fonttype = none`) and as embedded
TrueType in PDF, so labels stay searchable; files carry no timestamps.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch, Rectangle
from matplotlib.textpath import TextToPath

from . import views
from .errors import KgError
from .layout import Rect, TreeLayout, tidy_tree, wrap

FORMATS = (".png", ".svg", ".pdf")
FONT = "DejaVu Sans"  # ships with matplotlib: no system font needed
INK, MUTED, RULE, PAPER = "#1b1b1b", "#5f5f5f", "#8c8c8c", "#ffffff"
SIDE_NAMES = {"india": "India", "russia": "Russia"}
SIDE_COLOURS = {"india": "#c8620a", "russia": "#1f58a6"}    # saffron-orange and blue, distinct in greyscale too
SIDE_TINTS = {"india": "#fcefe3", "russia": "#e8eff9"}
MIN_FONT = 6.5
MAX_PIXELS = 30000  # per side; matplotlib's Agg canvas refuses beyond 2**16
# Unhinted glyphs: Agg then draws text exactly as wide as it is measured, at every dpi.
RC = {"text.hinting": "none", "svg.fonttype": "none", "svg.hashsalt": "irdc-kg",
      "pdf.fonttype": 42}


def style():
    """The rcParams every chart is drawn and saved with (a context manager)."""
    return matplotlib.rc_context(RC)


class ChartError(KgError):
    """A chart cannot be drawn or written as asked."""


# ---------------------------------------------------------------- text

_T2P = TextToPath()


@lru_cache(maxsize=64)
def _font(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    return FontProperties(family=FONT, size=size, weight=weight, style=style)


@lru_cache(maxsize=20000)
def text_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Advance width of `text` in points (unhinted, so at least what Agg draws)."""
    if not text:
        return 0.0
    w, _h, _d = _T2P.get_text_width_height_descent(text, _font(size, weight, style), ismath=False)
    return w


def wrap_text(text: str, width: float, size: float, weight: str = "normal", style: str = "normal") -> list[str]:
    return wrap(text, width, lambda s: text_width(s, size, weight, style))


@dataclass
class Run:
    text: str
    size: float
    weight: str = "normal"
    style: str = "normal"
    color: str = INK

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.weight, self.style)


@dataclass
class Line:
    runs: list[Run]

    @property
    def height(self) -> float:
        return 1.32 * max(r.size for r in self.runs)

    @property
    def width(self) -> float:
        return sum(r.width for r in self.runs) + SPACE * (len(self.runs) - 1)

    @property
    def text(self) -> str:
        return " ".join(r.text for r in self.runs)


def _lines(text: str, width: float, size: float, weight="normal", style="normal", color=INK) -> list[Line]:
    return [Line([Run(t, size, weight, style, color)]) for t in wrap_text(text, width, size, weight, style)]


# ---------------------------------------------------------------- org chart cards

CARD_TEXT_W = 176.0      # text width inside a card
PAD = 7.0                # card padding
STRIP = 4.0              # width of a side band's coloured strip
BAND_PAD = 4.0
SPACE = 3.5              # space between runs on one line
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
    if a.get("type") == views.PLACEHOLDER:
        head = [Line([Run(a.get("type_label", "Sub-groups").upper(), 6.5, "bold", color=MUTED)])]
        head += _lines(a["label"], w, 9.5, "bold")
        head += _lines(f"({a.get('note', 'names not given by the sources')})", w, 7.5, style="italic", color=MUTED)
        return Card(node, [Band(head)], dashed=True)
    head = [Line([Run(a.get("type_label", a.get("type", "")).upper(), 6.5, "bold", color=MUTED)])]
    head += _lines(a["label"], w, 9, "bold")
    if a.get("acronym"):
        head += _lines(a["acronym"], w, 8.5, color=INK)
    if a.get("latest_session_ordinal") or a.get("latest_session_date"):
        what = views.ordinal_words(a["latest_session_ordinal"]) + " session" if a.get("latest_session_ordinal") \
            else "session"
        when = f", {a['latest_session_date']}" if a.get("latest_session_date") else ""
        head += _lines(f"Latest {what}{when}", w, 7, style="italic", color=MUTED)
    else:
        head += _lines(f"No session known by {as_of.isoformat()}" if as_of else "No session known",
                       w, 7, style="italic", color=MUTED)
    bands = [Band(head)]
    inner = w - STRIP - 4
    for side, name in SIDE_NAMES.items():
        tag = Run(name, 7, "bold", color=SIDE_COLOURS[side])
        holder = a.get(f"{side}_holder")
        if not holder and not a.get(f"{side}_post"):
            bands.append(Band([Line([tag, Run("unknown", 7.5, style="italic", color=MUTED)])], side))
            continue
        lines = [Line([tag])]
        lines += _lines(a.get(f"{side}_post") or "post unknown", inner, 7.5, style="italic")
        lines += (_lines(holder, inner, 8.5, "bold") if holder
                  else _lines("holder unknown", inner, 8, style="italic", color=MUTED))
        if a.get(f"{side}_session") and a.get(f"{side}_session") != a.get("latest_session"):
            lines += _lines(f"(at the {a.get(f'{side}_session_label', 'an earlier session')})", inner, 6.5,
                            style="italic", color=MUTED)
        bands.append(Band(lines, side))
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
    as_of = views.parse_as_of(as_of)
    cards = {n: body_card(n, a, as_of) for n, a in graph.nodes(data=True)}
    children = {n: list(graph.successors(n)) for n in graph.nodes}
    roots = [n for n in graph.nodes if graph.in_degree(n) == 0]
    sizes = {n: (c.width, c.height) for n, c in cards.items()}
    options = {"hgap": 22.0, "vgap": 44.0, **layout_options}
    return OrgChartLayout(tidy_tree(children, sizes, roots, **options), cards, graph)


# ---------------------------------------------------------------- page furniture

MARGIN = 30.0


def _source_note(f: views.Facts) -> str:
    news = [s for s in f.sources if s.is_news_article]
    other = [s for s in f.sources if not s.is_news_article]
    text = "Sources: " + "; ".join(s.citation() for s in news) if news else "Sources: none recorded"
    if other:
        text += ". Also: " + "; ".join(s.citation() for s in other)
    return text + "."


def _build_note(build_date: dt.date | None) -> str:
    return f"Graph built {(build_date or dt.date.today()).isoformat()}."


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
        return (sum(ln.height for ln in self.title) + self.TITLE_GAP
                + (self.legend_rows * self.LEGEND_ROW + self.TITLE_GAP if self.legend else 0))

    @property
    def foot_h(self) -> float:
        return sum(ln.height for ln in self.footnote)

    @property
    def height(self) -> float:
        return MARGIN + self.head_h + self.body_h + 16 + self.foot_h + MARGIN * 0.7

    @property
    def body_top(self) -> float:
        return MARGIN + self.head_h


def _page(width: float, title: str, subtitle: str, legend: list[tuple[object, str]], notes: list[str],
          body_h: float) -> Page:
    text_w = width - 2 * MARGIN
    t = _lines(title, text_w, 15, "bold")
    t += _lines(subtitle, text_w, 10, color=MUTED)
    foot = []
    for note in notes:
        foot += _lines(note, text_w, 7, color=MUTED)
    page = Page(width, t, legend, foot, body_h)
    if legend:
        items = [text_width(label, 8.5) + 44 for _h, label in legend]
        page.legend_cols = len(legend) if sum(items) <= text_w else max(1, int(text_w // max(items)))
        page.legend_rows = math.ceil(len(legend) / page.legend_cols)
    return page


def _figure(page: Page, dpi: float):
    w_in, h_in = page.width / 72, page.height / 72
    dpi = min(dpi, MAX_PIXELS / max(w_in, h_in))
    fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor=PAPER)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, page.width)
    ax.set_ylim(page.height, 0)
    ax.axis("off")
    ax.set_gid("page")
    return fig, ax


def _draw_lines(ax, lines: list[Line], x: float, y: float, ha: str = "left", gid: str | None = None) -> float:
    for ln in lines:
        cx = x - (ln.width if ha == "right" else ln.width / 2 if ha == "center" else 0)
        for run in ln.runs:
            ax.text(cx, y, run.text, fontsize=run.size, fontweight=run.weight, fontstyle=run.style,
                    color=run.color, family=FONT, va="top", ha="left", parse_math=False, gid=gid)
            cx += run.width + SPACE
        y += ln.height
    return y


def _draw_page(ax, page: Page) -> None:
    y = _draw_lines(ax, page.title, MARGIN, MARGIN, gid="title")
    if page.legend:
        y += page.TITLE_GAP
        handles, labels = zip(*page.legend)
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(MARGIN, y - 2),
                  bbox_transform=ax.transData, ncol=page.legend_cols, frameon=False, fontsize=8.5,
                  handlelength=1.8, handleheight=1.0, columnspacing=1.6, borderaxespad=0, borderpad=0,
                  prop=_font(8.5))
    _draw_lines(ax, page.footnote, MARGIN, page.height - MARGIN * 0.7 - page.foot_h, gid="footnote")


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


def _as_of(as_of) -> dt.date:
    return views.parse_as_of(as_of) or dt.date.today()


def _long(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


# ---------------------------------------------------------------- org chart

def draw_org_chart(graph, f: views.Facts | None = None, *, as_of=None, title: str | None = None, dpi: float = 150,
                   build_date: dt.date | None = None, notes: list[str] | None = None):
    """Draw a `views.hierarchy` graph; returns (figure, OrgChartLayout)."""
    as_of = _as_of(as_of)
    chart = org_chart_layout(graph, as_of)
    lay = chart.layout
    tree_w, tree_h = (lay.width, lay.height) if lay.boxes else (300.0, 40.0)
    width = max(tree_w + 2 * MARGIN, 640.0)
    roots = [n for n in graph.nodes if graph.in_degree(n) == 0]
    if title is None:
        names = [graph.nodes[r].get("acronym") or graph.nodes[r]["label"] for r in roots]
        title = (f"India\u2013Russia defence cooperation: {', '.join(names)} and its bodies" if names
                 else "India\u2013Russia defence cooperation bodies")
    subtitle = (f"As of {_long(as_of)} ({as_of.isoformat()}): each body with the co-chairs of its latest "
                f"session on or before that date")
    legend = [(Patch(facecolor=SIDE_TINTS[s], edgecolor=SIDE_COLOURS[s], linewidth=2.0),
               f"{name} co-chair: post and holder") for s, name in SIDE_NAMES.items()]
    if any(a.get("type") == views.PLACEHOLDER for _n, a in graph.nodes(data=True)):
        legend.append((Patch(facecolor=PAPER, edgecolor=INK, linestyle=(0, (3, 2))),
                       "stated number; names not given"))
    foot = ([_source_note(f)] if f is not None else []) + (notes or []) + [
        "Co-chairs: those of each body's latest session held on or before the date, with the post's holder on "
        "that date; \u201cunknown\u201d where no source names one. " + _build_note(build_date)]
    page = _page(width, title, subtitle, legend, foot, tree_h)
    fig, ax = _figure(page, dpi)
    _draw_page(ax, page)
    dx = (width - tree_w) / 2
    dy = page.body_top
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
            _draw_lines(ax, band.lines, r.x0 + PAD + STRIP + 2, y + BAND_PAD)
        else:
            _draw_lines(ax, band.lines, r.x0 + PAD, y)
        y += band.height + BAND_GAP


def org_chart(source, out=None, *, as_of=None, dpi: float = 150, title: str | None = None,
              build_date: dt.date | None = None):
    """The org chart of the commission(s) and their bodies as of a date; saved to `out` if given."""
    f = views.facts(source)
    as_of = _as_of(as_of)
    graph = views.hierarchy(f, as_of)
    if graph.number_of_nodes() == 0:
        raise ChartError(f"no commission known as of {as_of.isoformat()}: nothing to draw")
    fig, _chart = draw_org_chart(graph, f, as_of=as_of, title=title, dpi=dpi, build_date=build_date)
    if out is not None:
        save(fig, out, dpi)
    return fig


# ---------------------------------------------------------------- timeline

MARKERS = {"Commission": ("o", INK), "WorkingGroup": ("o", "#4a4a4a"), "SubGroup": ("o", "#7a7a7a"),
           "SummitSeries": ("*", "#7b2d8e"), "Dialogue": ("D", "#1d7a55")}
MARKER_SIZES = {"*": 15, "D": 8, "o": 9}


def _mid(partial: str) -> dt.date:
    a, b = views.first_day(partial), views.last_day(partial)
    return a + (b - a) / 2


def timeline_chart(source, out=None, *, as_of=None, dpi: float = 150, title: str | None = None,
                   build_date: dt.date | None = None):
    """The sessions of each body on a time axis, labelled with ordinals; summits and dialogues marked."""
    import matplotlib.dates as mdates

    f = views.facts(source)
    as_of = _as_of(as_of)
    g = views.sessions(f, as_of)
    bodies = [n for n, a in g.nodes(data=True) if a["type"] != "Session"]
    sess = [(n, a) for n, a in g.nodes(data=True) if a["type"] == "Session" and a.get("date")]
    if not sess:
        raise ChartError(f"no dated session known as of {as_of.isoformat()}: nothing to draw")

    row_label_w = 150.0
    row_labels = {b: _lines(g.nodes[b].get("acronym") or g.nodes[b]["label"], row_label_w, 8.5, "bold")
                  + _lines(g.nodes[b]["type_label"], row_label_w, 7, style="italic", color=MUTED) for b in bodies}
    row_h = max(64.0, max(sum(ln.height for ln in v) for v in row_labels.values()) + 20)
    width = 860.0
    label_w = max(max(ln.width for ln in v) for v in row_labels.values())
    plot_x0 = MARGIN + label_w + 18
    plot_w = width - plot_x0 - MARGIN
    axis_h = 22.0
    body_h = row_h * len(bodies) + axis_h

    first = min(views.first_day(a["date"]) for _n, a in sess)
    last = max([views.last_day(a.get("end_date") or a["date"]) for _n, a in sess] + [as_of])
    span = max((last - first).days, 60)
    x_min, x_max = first - dt.timedelta(days=span * 0.06 + 20), last + dt.timedelta(days=span * 0.06 + 20)
    pt_per_day = plot_w / (x_max - x_min).days

    legend = [
        (Line2D([], [], marker="o", color=INK, linestyle="none", markersize=7), "session (commission, working group)"),
        (Line2D([], [], marker="*", color=MARKERS["SummitSeries"][1], linestyle="none", markersize=11), "summit"),
        (Line2D([], [], marker="D", color=MARKERS["Dialogue"][1], linestyle="none", markersize=6), "2+2 dialogue"),
        (Line2D([], [], marker="o", markerfacecolor=PAPER, color=INK, linestyle="none", markersize=7),
         "planned, not yet held"),
        (Line2D([], [], color=RULE, linestyle=(0, (1, 1.5)), linewidth=1.2), "held on the sidelines of"),
    ]
    if title is None:
        title = "Sessions of the India\u2013Russia defence cooperation bodies"
    subtitle = f"As of {_long(as_of)} ({as_of.isoformat()}): numbered sessions labelled with their ordinals"
    notes = [_source_note(f), "A session known only to the month is drawn mid-month with a bar over the month. "
             + _build_note(build_date)]
    page = _page(width, title, subtitle, legend, notes, body_h)
    fig, canvas = _figure(page, dpi)
    _draw_page(canvas, page)

    top = page.body_top
    ax = fig.add_axes((plot_x0 / width, 1 - (top + row_h * len(bodies)) / page.height,
                       plot_w / width, row_h * len(bodies) / page.height))
    ax.set_xlim(mdates.date2num(x_min), mdates.date2num(x_max))
    ax.set_ylim(len(bodies) - 0.5, -0.5)
    ax.set_yticks([])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.spines["bottom"].set_color(RULE)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.tick_params(axis="x", colors=MUTED, labelsize=8)
    ax.grid(axis="x", which="major", color="#e4e4e4", linewidth=0.8, zorder=0)
    row = {b: i for i, b in enumerate(bodies)}
    for b, i in row.items():
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="#f6f6f6", zorder=0, linewidth=0)
        ax.axhline(i, color="#d0d0d0", linewidth=0.8, zorder=1)
        lines = row_labels[b]
        h = sum(ln.height for ln in lines)
        _draw_lines(canvas, lines, plot_x0 - 12, top + row_h * i + (row_h - h) / 2, ha="right")

    ax.axvline(mdates.date2num(as_of), color=INK, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
    room = (x_max - as_of).days * pt_per_day > 70
    ax.text(mdates.date2num(as_of), -0.5, f" as of {as_of.isoformat()} " if room else f"as of {as_of.isoformat()} ",
            fontsize=7, color=INK, va="top", ha="left" if room else "right", parse_math=False, family=FONT)
    linked = {n for n, o in g.edges if g.edges[n, o].get("type") == "onSidelinesOf"}
    linked |= {o for n, o in g.edges if g.edges[n, o].get("type") == "onSidelinesOf"}

    pos = {}
    for n, a in sess:
        pos[n] = (mdates.date2num(_mid(a["date"])), row[a["body"]])
    for n, a in sess:
        for other in g.successors(n):
            if g.edges[n, other].get("type") == "onSidelinesOf" and other in pos:
                (x1, y1), (x2, y2) = pos[n], pos[other]
                ax.plot([x1, x2], [y1, y2], color=RULE, linestyle=(0, (1, 1.5)), linewidth=1.2, zorder=2)

    # Labels: ordinal above the marker, date below; a label that would touch the one
    # before it in its row moves further out.
    placed: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for n, a in sorted(sess, key=lambda na: (row[na[1]["body"]], _mid(na[1]["date"]))):
        x, y = pos[n]
        marker, colour = MARKERS.get(a["body_type"], ("o", INK))
        planned = a.get("status") == "planned"
        if len(a["date"]) < 10 or a.get("end_date"):
            start = views.first_day(a["date"])
            end = views.last_day(a.get("end_date") or a["date"])
            ax.plot([mdates.date2num(start), mdates.date2num(end)], [y, y], color=colour, linewidth=4,
                    alpha=0.35, solid_capstyle="butt", zorder=2)
        ax.plot([x], [y], marker=marker, markersize=MARKER_SIZES[marker], color=colour,
                markerfacecolor=PAPER if planned else colour, markeredgewidth=1.4, linestyle="none", zorder=3,
                gid=f"session:{n}")
        top_text = views.ordinal_words(a["ordinal"]) if a.get("ordinal") else "unnumbered"
        if planned:
            top_text += " (planned)"
        bottom_text = a["date"] + (f" \u2013 {a['end_date']}" if a.get("end_date") else "")
        if a.get("location"):
            bottom_text += f", {a['location']}"
        x_pt = (x - mdates.date2num(x_min)) * pt_per_day
        for text, size, weight, side in ((top_text, 8.5, "bold", -1), (bottom_text, 7, "normal", 1)):
            w = text_width(text, size, weight)
            lo, hi = x_pt - w / 2, x_pt + w / 2
            ha, off = "center", 0.0
            if n in linked:  # keep clear of the sidelines line through the marker
                ha, off, lo, hi = "left", 8.0, x_pt + 8, x_pt + 8 + w
            elif lo < 0:
                ha, lo, hi = "left", x_pt - 4, x_pt - 4 + w
            elif hi > plot_w:
                ha, lo, hi = "right", x_pt + 4 - w, x_pt + 4
            tier = 0
            while any(lo < b + 6 and a0 < hi + 6 for a0, b in placed.get((row[a["body"]], side * (tier + 1)), [])):
                tier += 1
            placed.setdefault((row[a["body"]], side * (tier + 1)), []).append((lo, hi))
            dy_pt = side * (13 + tier * 12)
            ax.annotate(text, (x, y), xytext=(off, -dy_pt), textcoords="offset points", ha=ha,
                        va="bottom" if side < 0 else "top", fontsize=size, fontweight=weight,
                        color=INK if side < 0 else MUTED, family=FONT, parse_math=False, zorder=4,
                        annotation_clip=False)
    if out is not None:
        save(fig, out, dpi)
    return fig


# ---------------------------------------------------------------- co-chair network

def network_chart(source, out=None, *, as_of=None, dpi: float = 150, title: str | None = None,
                  build_date: dt.date | None = None):
    """The co-chair network: people coloured by side, India on the left and Russia on the
    right, an edge for co-chairing the same sessions (width and label count them)."""
    f = views.facts(source)
    as_of = _as_of(as_of)
    g = views.co_chair_network(f, as_of)
    if g.number_of_nodes() == 0:
        raise ChartError(f"no co-chair known as of {as_of.isoformat()}: nothing to draw")
    column = {"india": 0, "russia": 2}
    # Components, biggest first; inside each, people ordered so that partners share a row.
    comps = sorted((sorted(c) for c in __import__("networkx").connected_components(g)),
                   key=lambda c: (-sum(g.edges[e].get("weight", 1) for e in g.subgraph(c).edges), c))
    rows: dict[str, float] = {}
    r = 0.0
    for comp in comps:
        cols: dict[int, list[str]] = {0: [], 1: [], 2: []}
        for p in sorted(comp, key=lambda p: g.nodes[p]["label"]):
            cols[column.get(g.nodes[p].get("side"), 1)].append(p)
        # Pair each Indian co-chair with the Russian one they share most sessions with.
        left = cols[0]
        right = sorted(cols[2], key=lambda q: min(
            [left.index(p) for p in left if g.has_edge(p, q)] or [len(left)]))
        cols[2] = right
        height = max(len(v) for v in cols.values())
        for c, people in cols.items():
            for i, p in enumerate(people):
                rows[p] = r + i + (height - len(people)) / 2
        r += height + 0.35

    name_size, post_size = 9.5, 7.5
    label_w = 200.0
    labels = {}
    for p, a in g.nodes(data=True):
        ln = _lines(a["label"], label_w, name_size, "bold")
        if a.get("post"):
            ln += _lines(a["post"], label_w, post_size, style="italic", color=MUTED)
        if a.get("bodies"):
            ln += _lines(a["bodies"], label_w, post_size, color=MUTED)
        labels[p] = ln
    text_w = max(ln.width for v in labels.values() for ln in v)
    row_h = max(58.0, max(sum(ln.height for ln in v) for v in labels.values()) + 18)
    gap = 300.0
    width = max(2 * MARGIN + 2 * (text_w + 16) + gap, 700.0)
    x_of = {0: width / 2 - gap / 2, 1: width / 2, 2: width / 2 + gap / 2}
    body_h = row_h * r
    legend = [(Line2D([], [], marker="o", color=SIDE_COLOURS[s], linestyle="none", markersize=9), f"{name} co-chair")
              for s, name in SIDE_NAMES.items()]
    legend.append((Line2D([], [], color=RULE, linewidth=3), "co-chaired the same sessions (width: how many)"))
    if title is None:
        title = "Co-chairs of the India\u2013Russia defence cooperation bodies"
    subtitle = f"As of {_long(as_of)} ({as_of.isoformat()}): who co-chaired sessions with whom"
    page = _page(width, title, subtitle, legend, [_source_note(f), _build_note(build_date)], body_h)
    fig, ax = _figure(page, dpi)
    _draw_page(ax, page)
    top = page.body_top

    def xy(p):
        return x_of[column.get(g.nodes[p].get("side"), 1)], top + (rows[p] + 0.5) * row_h

    for a_, b_, e in g.edges(data=True):
        (x1, y1), (x2, y2) = xy(a_), xy(b_)
        if x1 > x2:
            (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
        weight = e.get("weight", 1)
        ax.plot([x1, x2], [y1, y2], color=RULE, linewidth=1.2 + 1.6 * weight, solid_capstyle="round", zorder=1)
        by_body: dict[str, list[str]] = {}
        for s in e.get("sessions", "").split():
            sa = f.sessions.get(s)
            if sa is not None:
                body = f.bodies[sa.body].short
                by_body.setdefault(body, []).append(views.ordinal_words(sa.ordinal) if sa.ordinal else sa.date or "?")
        text = "; ".join(f"{b}: {', '.join(o)}" for b, o in by_body.items())
        text_lines = _lines(text, gap - 70, 7.5)
        text_lines += _lines(f"{weight} session{'s' if weight != 1 else ''}", gap - 70, 7, style="italic",
                             color=MUTED)
        h = sum(ln.height for ln in text_lines)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        w = max(ln.width for ln in text_lines)
        ax.add_patch(FancyBboxPatch((mx - w / 2 - 4, my - h / 2 - 3), w + 8, h + 6,
                                    boxstyle="round,pad=0,rounding_size=3", facecolor=PAPER, edgecolor="#d8d8d8",
                                    linewidth=0.6, zorder=2))
        _draw_lines(ax, text_lines, mx, my - h / 2, ha="center")
    for p, a in g.nodes(data=True):
        x, y = xy(p)
        side = a.get("side")
        colour = SIDE_COLOURS.get(side, MUTED)
        ax.plot([x], [y], marker="o", markersize=14, color=colour, markeredgecolor=PAPER, markeredgewidth=1.5,
                zorder=3, linestyle="none", gid=f"person:{p}")
        lines = labels[p]
        h = sum(ln.height for ln in lines)
        c = column.get(side, 1)
        if c == 0:
            _draw_lines(ax, lines, x - 14, y - h / 2, ha="right")
        elif c == 2:
            _draw_lines(ax, lines, x + 14, y - h / 2, ha="left")
        else:
            _draw_lines(ax, lines, x, y + 12, ha="center")
    if out is not None:
        save(fig, out, dpi)
    return fig


CHARTS = {"org": org_chart, "timeline": timeline_chart, "network": network_chart}
