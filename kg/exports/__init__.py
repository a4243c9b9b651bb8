"""The views (kg.views) as files for other tools, each checked by reading it back;
and the dataset as spreadsheets (tables.py: a CSV of entities, a CSV of statements
with their sources).

    graphml    GraphML (yEd, Cytoscape desktop, networkx)
    gexf       GEXF 1.2 (Gephi): dated things as spells for its timeline, colours by
               side, stable ids (gephi.py)
    dot        Graphviz DOT (docs)
    mermaid    Mermaid flowchart (Markdown docs, GitHub)
    cytoscape  Cytoscape.js JSON (web pages)

`export(graph, fmt)` returns the text after reading it back (networkx's own
readers for GraphML, GEXF and Cytoscape.js; this module's parsers for DOT and
Mermaid) and checking that it holds the same nodes and edges with the same
attributes (Mermaid: the same labels); a mismatch raises ExportError.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx

from ..core.errors import KgError
from . import gephi

FORMATS = ("graphml", "gexf", "dot", "mermaid", "cytoscape")
SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf", "dot": ".dot", "mermaid": ".mmd", "cytoscape": ".json"}
# GEXF gives "type" on edges its own meaning (directed/undirected): carry ours under another name.
GEXF_EDGE_TYPE = "edge_type"


class ExportError(KgError):
    """An export did not read back to the graph it was written from."""


# ---------------------------------------------------------------- writers

def _graphml(g) -> str:
    return "\n".join(nx.generate_graphml(g)) + "\n"


def _gexf(g) -> str:
    h = gephi.prepare(g)   # spells for Gephi's timeline, colours by side, stable edge ids
    for _u, _v, d in h.edges(data=True):
        if "type" in d:
            d[GEXF_EDGE_TYPE] = d.pop("type")
    # networkx's GEXF writer has no graph attributes: name the view and date in <meta><description>.
    h.graph = {}
    text = "\n".join(nx.generate_gexf(h)) + "\n"
    description = "; ".join(f"{k}={v}" for k, v in sorted(g.graph.items()))
    if description:
        text = re.sub(r"(<meta[^>]*>)", lambda m: m.group(1) + f"\n    <description>{_xml(description)}</description>",
                      text, count=1)
    return text


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _dot_value(v) -> str:
    if isinstance(v, bool):
        return '"true"' if v else '"false"'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_attrs(d: dict) -> str:
    return ", ".join(f"{k}={_dot_value(v)}" for k, v in d.items())


def _dot(g) -> str:
    kind, arrow = ("digraph", "->") if g.is_directed() else ("graph", "--")
    lines = [f"{kind} {_dot_value(g.graph.get('view', 'kg'))} {{"]
    if g.graph:
        lines.append(f"  graph [{_dot_attrs(g.graph)}];")
    lines.append('  node [shape=box, style=rounded, fontname="DejaVu Sans"];')
    for n, d in g.nodes(data=True):
        lines.append(f"  {_dot_value(n)} [{_dot_attrs(d)}];" if d else f"  {_dot_value(n)};")
    for u, v, d in g.edges(data=True):
        attrs = f" [{_dot_attrs(d)}]" if d else ""
        lines.append(f"  {_dot_value(u)} {arrow} {_dot_value(v)}{attrs};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(s: str) -> str:
    # Mermaid entity codes inside quoted labels: keep quotes, angle brackets and '#' literal.
    return (str(s).replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("|", "#124;").replace("\n", " "))


def _mermaid(g) -> str:
    ids = {n: f"n{i}" for i, n in enumerate(g.nodes)}
    arrow = "-->" if g.is_directed() else "---"
    lines = ["%% kg export: " + "; ".join(f"{k}={v}" for k, v in sorted(g.graph.items())),
             "flowchart TD" if g.graph.get("view") in ("hierarchy",) else "flowchart LR"]
    for n, d in g.nodes(data=True):
        lines.append(f"  %% {ids[n]} = {n}")
        shape = ('(["', '"])') if d.get("type") == "Person" else ('["', '"]')
        lines.append(f"  {ids[n]}{shape[0]}{_mermaid_text(d.get('label', n))}{shape[1]}")
    for u, v, d in g.edges(data=True):
        label = d.get("label")
        mid = f'|"{_mermaid_text(label)}"|' if label else ""
        lines.append(f"  {ids[u]} {arrow}{mid} {ids[v]}")
    for n, d in g.nodes(data=True):
        if str(d.get("iri", "")).startswith("http"):
            lines.append(f'  click {ids[n]} href "{d["iri"]}" _blank')
    return "\n".join(lines) + "\n"


def _cytoscape(g) -> str:
    return json.dumps(nx.cytoscape_data(g), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


WRITERS = {"graphml": _graphml, "gexf": _gexf, "dot": _dot, "mermaid": _mermaid, "cytoscape": _cytoscape}


# ---------------------------------------------------------------- readers

def _read_graphml(text: str):
    return nx.parse_graphml(text)


def _read_gexf(text: str):
    g = nx.read_gexf(io.BytesIO(text.encode("utf-8")), node_type=None, relabel=False)
    for _u, _v, d in g.edges(data=True):
        d.pop("id", None)
        if GEXF_EDGE_TYPE in d:
            d["type"] = d.pop(GEXF_EDGE_TYPE)
    for _n, d in g.nodes(data=True):
        d.pop("id", None)
    return gephi.restore(g)


_DOT_TOKEN = re.compile(r'\s*(?:(//[^\n]*|#[^\n]*)|("(?:[^"\\]|\\.)*")|(->|--)|([\[\]{};=,])|([-\w.]+))', re.S)


def _dot_tokens(text: str):
    pos = 0
    while pos < len(text):
        m = _DOT_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                return
            raise ExportError(f"DOT: cannot read {text[pos:pos + 30]!r}")
        pos = m.end()
        comment, quoted, edge, punct, word = m.groups()
        if comment:
            continue
        if quoted is not None:
            body = quoted[1:-1]
            yield ("str", re.sub(r'\\(.)', lambda e: {"n": "\n"}.get(e.group(1), e.group(1)), body))
        elif edge:
            yield ("edge", edge)
        elif punct:
            yield ("punct", punct)
        elif word:
            yield ("word", word)


def _dot_scalar(kind: str, value: str):
    if kind == "word" and re.fullmatch(r"-?\d+", value):
        return int(value)
    if kind == "word" and re.fullmatch(r"-?\d*\.\d+(e-?\d+)?", value):
        return float(value)
    if kind == "str" and value in ("true", "false"):
        return value == "true"
    return value


def read_dot(text: str):
    """Parse the DOT subset this module writes (one graph; node, edge and graph statements)."""
    toks = list(_dot_tokens(text))
    i = 0

    def take(kind=None, value=None):
        nonlocal i
        if i >= len(toks):
            raise ExportError("DOT: unexpected end of input")
        k, v = toks[i]
        if (kind and k != kind) or (value and v != value):
            raise ExportError(f"DOT: expected {value or kind}, found {v!r}")
        i += 1
        return k, v

    _k, kind = take("word")
    if kind not in ("graph", "digraph"):
        raise ExportError(f"DOT: expected graph or digraph, found {kind!r}")
    g = nx.DiGraph() if kind == "digraph" else nx.Graph()
    if toks[i][0] in ("str", "word"):
        take()
    take("punct", "{")

    def attrs() -> dict:
        out = {}
        if i < len(toks) and toks[i] == ("punct", "["):
            take()
            while toks[i] != ("punct", "]"):
                _kk, key = take()
                take("punct", "=")
                vk, value = take()
                out[key] = _dot_scalar(vk, value)
                if toks[i] == ("punct", ","):
                    take()
            take("punct", "]")
        return out

    while toks[i] != ("punct", "}"):
        k, v = take()
        if k == "word" and v in ("graph", "node", "edge") and toks[i] == ("punct", "["):
            a = attrs()
            if v == "graph":
                g.graph.update(a)
        elif k in ("str", "word"):
            if i < len(toks) and toks[i][0] == "edge":
                take("edge")
                _k2, w = take()
                g.add_edge(_dot_scalar(k, v) if k == "word" else v, w, **attrs())
            else:
                g.add_node(v, **attrs())
        if i < len(toks) and toks[i] == ("punct", ";"):
            take()
    take("punct", "}")
    return g


_MM_NODE = re.compile(r'^\s*(n\d+)(?:\(\["|\[")(.*?)(?:"\]\)|"\])\s*$')
_MM_EDGE = re.compile(r'^\s*(n\d+)\s+(-->|---)(?:\|"(.*?)"\|)?\s+(n\d+)\s*$')
_MM_ID = re.compile(r"^\s*%% (n\d+) = (.+?)\s*$")


def _mermaid_untext(s: str) -> str:
    return re.sub(r"#(quot|lt|gt|\d+);", lambda m: {"quot": '"', "lt": "<", "gt": ">"}.get(m.group(1))
                  or chr(int(m.group(1))), s)


def read_mermaid(text: str):
    """Parse a Mermaid flowchart written by this module back into a graph (labels only)."""
    names, labels, edges, directed = {}, {}, [], None
    if not re.search(r"^flowchart (TD|LR)\s*$", text, re.M):
        raise ExportError("Mermaid: no flowchart header")
    for line in text.splitlines():
        if m := _MM_ID.match(line):
            names[m.group(1)] = m.group(2)
        elif m := _MM_NODE.match(line):
            labels[m.group(1)] = _mermaid_untext(m.group(2))
        elif m := _MM_EDGE.match(line):
            directed = m.group(2) == "-->"
            edges.append((m.group(1), m.group(4), m.group(3)))
    g = nx.DiGraph() if directed or directed is None else nx.Graph()
    for node_id, label in labels.items():
        g.add_node(names.get(node_id, node_id), label=label)
    for a, b, label in edges:
        for x in (a, b):
            if x not in labels:
                raise ExportError(f"Mermaid: edge to undeclared node {x}")
        g.add_edge(names.get(a, a), names.get(b, b), **({"label": _mermaid_untext(label)} if label else {}))
    return g


def _read_cytoscape(text: str):
    return nx.cytoscape_graph(json.loads(text))


READERS = {"graphml": _read_graphml, "gexf": _read_gexf, "dot": read_dot, "mermaid": read_mermaid,
           "cytoscape": _read_cytoscape}


# ---------------------------------------------------------------- checking

def _norm(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _edge_key(g, u, v):
    return (u, v) if g.is_directed() else frozenset((u, v))


def differences(g, back, fmt: str) -> list[str]:
    """What differs between a graph and its exported-and-read-back copy (empty when the same)."""
    problems = []
    if set(map(str, g.nodes)) != set(map(str, back.nodes)):
        missing = set(map(str, g.nodes)) ^ set(map(str, back.nodes))
        problems.append(f"nodes differ: {sorted(missing)[:3]}")
        return problems
    if g.is_directed() != back.is_directed() and fmt != "mermaid":
        problems.append("directedness differs")
    ours = {_edge_key(g, str(u), str(v)): d for u, v, d in g.edges(data=True)}
    theirs = {_edge_key(g, str(u), str(v)): d for u, v, d in back.edges(data=True)}
    if set(ours) != set(theirs):
        problems.append(f"edges differ: {sorted(map(str, set(ours) ^ set(theirs)))[:3]}")
        return problems
    label_only = fmt == "mermaid"
    back_nodes = {str(n): d for n, d in back.nodes(data=True)}
    for n, d in g.nodes(data=True):
        keys = ["label"] if label_only else d.keys()
        for k in keys:
            if _norm(d.get(k)) != _norm(back_nodes[str(n)].get(k)):
                problems.append(f"node {n}: {k} {d.get(k)!r} read back as {back_nodes[str(n)].get(k)!r}")
    for key, d in ours.items():
        keys = ["label"] if label_only else d.keys()
        for k in keys:
            if _norm(d.get(k)) != _norm(theirs[key].get(k)):
                problems.append(f"edge {sorted(key) if isinstance(key, frozenset) else key}: {k} "
                                f"{d.get(k)!r} read back as {theirs[key].get(k)!r}")
    return problems


def export(g, fmt: str, out=None) -> str:
    """`g` as `fmt` text, checked by reading it back; written to `out` when given."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    text = WRITERS[fmt](g)
    try:
        back = READERS[fmt](text)
    except ExportError:
        raise
    except Exception as exc:  # a reader's own error means the file is not valid
        raise ExportError(f"{fmt}: the export does not read back: {exc}") from exc
    problems = differences(g, back, fmt)
    if problems:
        raise ExportError(f"{fmt}: the export does not read back to the same graph: " + "; ".join(problems[:5]))
    if out is not None:
        out = Path(out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ExportError(f"{out}: cannot write: {exc.strerror}") from exc
    return text


def read(path, fmt: str | None = None):
    """Read an exported file back into a networkx graph (format from its suffix if not given)."""
    path = Path(path)
    if fmt is None:
        by_suffix = {v: k for k, v in SUFFIXES.items()}
        fmt = by_suffix.get(path.suffix.lower())
        if fmt is None:
            raise ExportError(f"{path}: cannot tell the format from the suffix")
    return READERS[fmt](path.read_text(encoding="utf-8"))
