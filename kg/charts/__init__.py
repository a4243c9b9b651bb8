"""Charts of the knowledge graph, drawn with matplotlib on the Agg canvas (no display).

    from kg import charts
    fig = charts.org_chart(store, "org-chart.svg", as_of="2025-11-01")
    charts.timeline_chart(store, "timeline.png")
    charts.network_chart(store, "network.pdf")

    layout.py    the tidy-tree layout of the org chart (pure geometry)
    text.py      house style and measured, wrapped text
    page.py      title, legend, footnotes; saving without timestamps
    org.py, timeline.py, network.py   the three charts

Importing this package loads matplotlib: the CLI does it only when drawing.
"""
from .layout import Rect, TreeLayout, tidy_tree, wrap
from .network import network_chart
from .org import Card, OrgChartLayout, body_card, draw_org_chart, org_chart, org_chart_layout
from .page import save
from .text import FORMATS, MAX_PIXELS, MIN_FONT, SIDE_COLOURS, ChartError, style, text_width, wrap_text
from .timeline import timeline_chart

CHARTS = {"org": org_chart, "timeline": timeline_chart, "network": network_chart}

__all__ = ["CHARTS", "ChartError", "Card", "FORMATS", "OrgChartLayout", "Rect", "TreeLayout", "body_card",
           "draw_org_chart", "MAX_PIXELS", "MIN_FONT", "SIDE_COLOURS", "network_chart", "org_chart", "org_chart_layout", "save", "style", "text_width",
           "tidy_tree", "timeline_chart", "wrap", "wrap_text"]
