"""Keep README.md's examples true: regenerate the blocks that show real output.

    python docs/readme.py            # rewrite the generated blocks from a fresh curated build
    python docs/readme.py --check    # exit 1 if any block is out of date

README.md is written by hand; only the blocks between
`<!-- generated:NAME -->` and `<!-- /generated:NAME -->` come from here, each
from the real graph built from the curated seeds (no extraction) or from the
benchmark's results file:

    build-summary   what `kg build --no-extract` prints
    query-library   the library's queries (from their .rq headers) with real results
    serve           what `kg serve` prints
    push            what `kg push` prints
    bench-queries   the query benchmark's table (bench/results/queries.json)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = 12        # rows shown per example
CELL = 60        # characters per cell shown
BLOCK = re.compile(r"(<!-- generated:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /generated:(?P=name) -->)", re.S)


def _cut(cell: str) -> str:
    cell = cell.replace("\n", " ")
    return cell if len(cell) <= CELL else cell[:CELL - 1] + "…"


def example(lib, params: dict, store) -> str:
    """`$ kg query NAME --param ...` and its output, at most ROWS rows."""
    from kg.core.table import render
    from kg.queries import query

    result = query(lib.name, store=store, params=params)
    rows = [[_cut(c) for c in row] for row in result.display_rows()]
    shown = render(result.columns, rows[:ROWS], "table")
    if len(rows) > ROWS:
        shown += f"... ({len(rows)} rows in all)\n"
    elif not rows:
        shown += "(no rows)\n"
    command = " ".join(["kg query", lib.name] + [f"--param {k}={v}" for k, v in params.items()])
    return f"```\n$ {command}\n{shown.rstrip()}\n```\n"


def query_library(store) -> str:
    from kg.queries import list_queries, ordered

    libs = ordered(list_queries())
    out = ["| # | query | answers | parameters |", "|---|---|---|---|"]
    for i, lib in enumerate(libs, 1):
        params = ", ".join(f"`?{p.name}`" + (" (required)" if p.required else "") for p in lib.params) or "none"
        out.append(f"| {i} | [`{lib.name}`](#q-{lib.name}) | {lib.title} | {params} |")
    out.append("")
    for i, lib in enumerate(libs, 1):
        out += [f'<a id="q-{lib.name}"></a>', f"#### {i}. `{lib.name}`: {lib.title}", "", lib.answers, ""]
        if lib.params:
            out += ["Parameters:", ""]
            for p in lib.params:
                need = "required" if p.required else (f"default `{p.default}`" if p.default is not None else "optional")
                out.append(f"- `?{p.name}` ({p.kind or 'any'}; {need}): {p.description}")
            out.append("")
        for params in lib.examples:
            out.append(example(lib, dict(params), store))
    return "\n".join(out).rstrip("\n") + "\n"


def graph_counts(store) -> list[tuple[str, int]]:
    from kg.core.vocab import PREFIXES

    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
                       prefixes=PREFIXES)
    return [(r["g"].value, int(r["n"].value)) for r in rows]


def serve(store) -> str:
    counts = graph_counts(store)
    return ("```\n$ kg serve                   # --host 127.0.0.1 --port 7878; --port 0 picks a free port\n"
            f"Serving build/kg.nq ({len(counts)} named graphs, {sum(n for _, n in counts)} quads) read-only\n"
            "  query page:      http://127.0.0.1:7878/\n"
            "  SPARQL endpoint: http://127.0.0.1:7878/query\nPress Ctrl-C to stop.\n```\n")


def push(store) -> str:
    from kg.core.table import render

    counts = graph_counts(store)
    table = render(["graph", "triples"], counts, "table")
    return ("```\n$ oxigraph serve --location /tmp/kg-store --bind 127.0.0.1:7879 &\n"
            "$ kg push --endpoint http://127.0.0.1:7879/store\n" + table
            + f"Pushed {len(counts)} named graphs ({sum(n for _, n in counts)} quads) to http://127.0.0.1:7879/store\n```\n")


def build_summary(summary: dict) -> str:
    from kg.cli.build import summary_text

    return "```\n$ kg build --no-extract\n" + summary_text(summary) + "```\n"


def bench_queries(root: Path) -> str:
    path = root / "bench" / "results" / "queries.json"
    if not path.is_file():
        return "(No figures yet: run `make bench`.)\n"
    data = json.loads(path.read_text(encoding="utf-8"))
    sizes = data["sizes"]
    head = ["query"] + [f"{s['label']}: pyoxigraph / rdflib (ratio)" for s in sizes]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    lines.append("| load (N-Quads) | " + " | ".join(
        f"{s['load']['oxigraph']:.2f} s / {s['load']['rdflib']:.1f} s" for s in sizes) + " |")

    def cell(r):
        ox, rd = r["oxigraph"], r["rdflib"]
        if r.get("rdflib_error"):
            return f"{ox * 1000:.1f} ms / rdflib failed"
        if rd is None:
            return f"{ox * 1000:.1f} ms / > {r['rdflib_timeout']:.0f} s (> {r['rdflib_timeout'] / ox:,.0f}x)"
        return f"{ox * 1000:.1f} ms / {rd * 1000:,.0f} ms ({rd / ox:,.0f}x)"
    for name in data["queries"]:
        lines.append(f"| `{name}` | " + " | ".join(cell(s["results"][name]) for s in sizes) + " |")
    note = data.get("note", "").strip()
    return "\n".join(lines) + "\n" + (f"\n{note}\n" if note else "")


def blocks_for(store, summary: dict, root: Path = ROOT) -> dict[str, str]:
    """Every generated block's text, from a built curated graph (its store and summary)."""
    return {"build-summary": build_summary(summary), "query-library": query_library(store),
            "serve": serve(store), "push": push(store), "bench-queries": bench_queries(root)}


def blocks(root: Path = ROOT) -> dict[str, str]:
    """Every generated block's text, from a fresh build of the curated seeds."""
    from kg.builder import build
    from kg.dataset.store import open_store

    with tempfile.TemporaryDirectory(prefix="kg-readme-") as tmp:
        result = build(root=root, out=Path(tmp) / "build", extra=[])
        return blocks_for(open_store(result.out), result.summary, root)


def current(readme: str) -> dict[str, str]:
    return {m.group("name"): m.group("body") for m in BLOCK.finditer(readme)}


def update(readme: str, new: dict[str, str]) -> str:
    missing = set(new) - set(current(readme))
    if missing:
        raise SystemExit(f"README.md: no generated block named {', '.join(sorted(missing))}")
    return BLOCK.sub(lambda m: m.group(1) + new.get(m.group("name"), m.group("body")) + m.group(4), readme)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a generated block is out of date")
    args = ap.parse_args(argv)
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = update(text, blocks())
    if args.check:
        if new != text:
            print("README.md: generated blocks are out of date; run `python docs/readme.py`", file=sys.stderr)
            return 1
        return 0
    if new != text:
        path.write_text(new, encoding="utf-8")
        print("README.md: generated blocks rewritten")
    else:
        print("README.md: up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
