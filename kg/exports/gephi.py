"""What Gephi needs beyond a plain GEXF file: time, colour and ids that stay put.

- Time: a node or edge with `start`/`end` (ISO dates, partial where the sources are
  partial; a session of the sessions view: its `date` and `end_date`) gets a GEXF spell, so Gephi's timeline shows sessions on their days,
  holdings over their terms, co-chairings on their sessions' days. A partial date
  spans its whole period (a start of "2012" opens on 2012-01-01, an end of
  "2015-03" closes on 2015-03-31): the spell is drawn from what the source gives,
  the stated text stays in the `from` and `to` attributes. No start or no end
  leaves that side of the spell open.
- Colour: `viz:color` by side (India, Russia, from kg/schema.yaml) for people,
  posts and co-chair and holding edges; by type for the rest.
- Ids: nodes are their IRIs; an edge's id is made of its ends and its type, so a
  rebuild gives the same ids.

`prepare(g)` makes the copy networkx writes; `restore(g)` undoes it on a graph read
back, so that the round-trip check of kg.exports compares like with like.
"""
from __future__ import annotations

from ..core.dates import first_day, last_day
from ..core.schema import schema

TYPE_COLOURS = {
    "Commission": "#3c3c3c", "WorkingGroup": "#5a5a5a", "SubGroup": "#7a7a7a", "Session": "#9aa5b1",
    "Post": "#b0a48a", "Person": "#8c8c8c", "Agreement": "#6f4e9c", "StatedSubGroups": "#c8c8c8",
}
DEFAULT_COLOUR = "#a0a0a0"
AGREEMENT_TYPES = {"Protocol", "Contract", "Memorandum", "JointStatement", "Roadmap", "Minutes"}


def side_colours() -> dict[str, str]:
    return {side: opts["colour"] for side, opts in schema().sides.items() if opts.get("colour")}


def _rgb(hex_colour: str) -> dict:
    h = hex_colour.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def colour(d: dict, sides: dict[str, str]) -> str:
    if d.get("side") in sides:
        return sides[d["side"]]
    kind = d.get("type", "")
    return TYPE_COLOURS.get("Agreement" if kind in AGREEMENT_TYPES else kind, DEFAULT_COLOUR)


def spell(start: str | None, end: str | None) -> tuple[str | None, str | None] | None:
    """The days a spell covers, or None when neither end is known (or a date cannot be read)."""
    try:
        day0 = first_day(start).isoformat() if start else None
        day1 = last_day(end).isoformat() if end else None
    except (ValueError, TypeError):
        return None
    if day0 is None and day1 is None:
        return None
    return day0, day1


def _timed(d: dict) -> dict:
    start, end = d.pop("start", None), d.pop("end", None)
    if start is not None:
        d["from"] = start
    if end is not None:
        d["to"] = end
    if start is None and end is None and d.get("type") == "Session" and d.get("date"):
        # The sessions view names a session's dates `date` and `end_date`.
        start, end = d["date"], d.get("end_date") or d["date"]
    s = spell(start, end)
    if s:
        d["spells"] = [s]
    return d


def edge_id(u, v, d: dict) -> str:
    return f"{u} {d.get('type', 'edge')} {v}"


def prepare(g):
    """A copy of `g` for networkx's GEXF writer: spells, viz colours, stable edge ids."""
    sides = side_colours()
    h = g.copy()
    for _n, d in h.nodes(data=True):
        _timed(d)
        d["viz"] = {"color": _rgb(colour(d, sides))}
    for u, v, d in h.edges(data=True):
        _timed(d)
        d["viz"] = {"color": _rgb(colour(d, sides))}
        d["id"] = edge_id(u, v, d)
    return h


def restore(g):
    """Undo `prepare` on a graph read back: the stated dates as `start`/`end` again."""
    for items in (g.nodes(data=True), ((None, d) for *_e, d in g.edges(data=True))):
        for _n, d in items:
            d.pop("spells", None)
            d.pop("viz", None)
            if "from" in d:
                d["start"] = d.pop("from")
            if "to" in d:
                d["end"] = d.pop("to")
    return g
