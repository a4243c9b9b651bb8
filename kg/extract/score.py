"""Dev scorer: the extractor against the real corpus, the curated record as gold.

    python -m kg.extract.score [--seeds seeds] [--sources ../shared/sources] [-v] [--json]

What the curated file of a source (``seeds/curated/sources/<id>.yaml``) states
is what the extractor should find in that source's text (the register
``seeds/sources.yaml`` names its files). The gold is built in the format of
the hidden-set scorer (``../shared/eval/README.md``: scope, people and places
with their spellings, documents with sessions and agreements) and scored with
the same fact tuples, so dev and hidden figures mean the same; on top of the
micro-averaged totals it reports the figures per body and per field and the
misses of each article. Articles with no curated file are not scored (nothing
says what they state).
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from ruamel.yaml import YAML

SCOPE = ("irigc-mmtc", "wg-mtc-di", "wg-mc")
# The hidden-set scorer folds these away from names (titles are not identity).
HONORIFICS = frozenset(
    "shri sri smt mr mrs ms dr lt gen general lieutenant air marshal chief col colonel admiral adm "
    "vice rear maj major brig brigadier his excellency he mr. prof sir hon".split())
COUNTRIES = {"india": "india", "in": "india", "ind": "india", "indian": "india",
             "russia": "russia", "ru": "russia", "rus": "russia", "russian": "russia",
             "russian federation": "russia"}
SIGNED_KINDS = ("protocol", "agreement", "memorandum", "mou", "joint statement", "contract", "roadmap")


# ---------------------------------------------------------------- folding (as the hidden-set scorer)

def fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def name_tokens(name) -> frozenset:
    out = set()
    for tok in fold(name).split():
        if tok in HONORIFICS or len(tok) <= 2:
            continue
        tok = tok.replace("yev", "ev").replace("ye", "e")
        if tok.endswith("ey"):
            tok = tok[:-2] + "ei"
        out.add(tok)
    return frozenset(out)


def country(value):
    if value is None:
        return None
    return COUNTRIES.get(fold(value), fold(value))


def signed_kind(value) -> str:
    text = fold(value)
    for kind in SIGNED_KINDS:
        if kind in text:
            return "mou" if kind == "memorandum" else kind
    return text


class Resolver:
    """Free-text names onto gold keys: the longest alias that one contains the other."""

    def __init__(self, table: dict):
        self.aliases = {key: [name_tokens(a) for a in [key.replace("-", " "), *names]]
                        for key, names in (table or {}).items()}

    def __call__(self, text):
        if text is None:
            return None
        toks = name_tokens(text)
        if not toks:
            return None
        best, overlap = None, 0
        for key, variants in self.aliases.items():
            for alias in variants:
                common = toks & alias
                if common and (toks <= alias or alias <= toks) and len(common) > overlap:
                    best, overlap = key, len(common)
        return best if best is not None else "?" + " ".join(sorted(toks))


# ---------------------------------------------------------------- gold from the curated record

def _yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}


def _names(rec: dict, *fields) -> list[str]:
    out = []
    for f in fields:
        v = rec.get(f)
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list):
            out += [x for x in v if isinstance(x, str)]
        elif isinstance(v, dict):   # labels: {ru: ..., hi: ...}
            out += [x for x in v.values() if isinstance(x, str)]
    return out


def _files(register: dict) -> dict[str, list[str]]:
    out = {}
    for s in register.get("sources") or []:
        f = s.get("file")
        out[s["id"]] = [f] if isinstance(f, str) else list(f or [])
    return out


def build_gold(seeds: Path, scope=SCOPE) -> dict:
    """The gold annotation (hidden-set format) of every register file whose
    source has a curated file."""
    seeds = Path(seeds)
    files = _files(_yaml(seeds / "sources.yaml"))
    people: dict[str, list[str]] = defaultdict(list)
    places: dict[str, list[str]] = defaultdict(list)
    for p in (_yaml(seeds / "curated" / "places.yaml").get("places") or []):
        places[p["id"]] += _names(p, "name", "alt_names", "labels")
    per_source = {}
    for path in sorted((seeds / "curated" / "sources").glob("*.yaml")):
        data = _yaml(path)
        per_source[data.get("source") or path.stem] = data
        for p in data.get("people") or []:
            people[p["id"]] += _names(p, "name", "alt_names", "labels")
        for p in data.get("places") or []:
            places[p["id"]] += _names(p, "name", "alt_names", "labels")
    documents = {}
    for sid, data in per_source.items():
        kinds = {a["id"]: a.get("type") or a.get("label") or "" for a in data.get("agreements") or []}
        sessions = []
        for s in data.get("sessions") or []:
            g = {"body": s.get("body"), "ordinal": s.get("ordinal")}
            if s.get("date"):
                g["date"] = str(s["date"])
            if s.get("place"):
                g["place"] = s["place"]
            g["co_chairs"] = [{"person": c["person"], "country": c.get("side")}
                              for c in s.get("co_chairs") or [] if c.get("person")]
            g["signed"] = [(x.get("type") or kinds.get(x.get("agreement"), x.get("agreement")))
                           if isinstance(x, dict) else x for x in s.get("signed") or []]
            if s.get("attendees"):   # not scored; counted where a prediction makes them co-chairs
                g["attendees"] = list(s["attendees"])
            sessions.append(g)
        agreements = [{"title": a["label"], "date": str(a.get("signed_on") or "")}
                      for a in data.get("agreements") or [] if a.get("label")]
        for f in files.get(sid, []):
            documents[Path(f).name] = {"source": sid, "sessions": sessions, "agreements": agreements}
    return {"scope": list(scope), "people": dict(people), "places": dict(places), "documents": documents}


# ---------------------------------------------------------------- scoring (same tuples as the hidden set)

def session_facts(sessions, scope, people, places, gold_side=False) -> set:
    facts = set()
    for s in sessions or []:
        body, ordinal = s.get("body"), s.get("ordinal")
        if body not in scope or ordinal is None:
            continue
        key = (body, int(ordinal))
        facts.add(("session",) + key)
        if s.get("date"):
            facts.add(("date",) + key + (str(s["date"]),))
        if s.get("place"):
            facts.add(("place",) + key + (s["place"] if gold_side else places(s["place"]),))
        for c in s.get("co_chairs") or []:
            person = c.get("person") if gold_side else people(c.get("name") or c.get("person"))
            if person:
                facts.add(("co_chair",) + key + (person, country(c.get("country"))))
        for item in s.get("signed") or []:
            text = (item.get("kind") or item.get("title")) if isinstance(item, dict) else item
            facts.add(("signed",) + key + (signed_kind(text),))
    return facts


def agreement_facts(agreements, gold_titles) -> set:
    out = set()
    for a in agreements or []:
        title = fold(a.get("title", ""))
        match = difflib.get_close_matches(title, gold_titles, n=1, cutoff=0.75)
        out.add(("agreement", match[0] if match else "?" + title, str(a.get("date") or "")))
    return out


def _prf(tp, fp, fn) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def score(gold: dict, predicted: dict) -> dict:
    """Totals, per body, per field and per document (with misses and wrong facts)."""
    scope = set(gold["scope"])
    people, places = Resolver(gold.get("people")), Resolver(gold.get("places"))
    by_doc = {d.get("document"): d for d in predicted.get("documents", [])}
    counts = {"all": [0, 0, 0]}
    bodies, fields = defaultdict(lambda: [0, 0, 0]), defaultdict(lambda: [0, 0, 0])
    rows, attendees_fp = [], 0
    for doc, g in sorted(gold["documents"].items()):
        titles = [fold(a["title"]) for a in g.get("agreements") or []]
        want = session_facts(g.get("sessions"), scope, people, places, gold_side=True)
        want |= {("agreement", fold(a["title"]), str(a.get("date") or "")) for a in g.get("agreements") or []}
        p = by_doc.get(doc, {})
        got = session_facts(p.get("sessions"), scope, people, places) | agreement_facts(p.get("agreements"), titles)
        for i, facts in enumerate((want & got, got - want, want - got)):
            counts["all"][i] += len(facts)
            for f in facts:
                fields[f[0]][i] += 1
                bodies[f[1] if f[0] != "agreement" else "(agreements)"][i] += 1
        present = {(x.get("body"), x.get("ordinal"), a) for x in g.get("sessions") or [] for a in x.get("attendees") or []}
        attendees_fp += sum(1 for f in got - want if f[0] == "co_chair" and (f[1], f[2], f[3]) in present)
        rows.append({"document": doc, "source": g.get("source"), "tp": len(want & got), "fp": len(got - want),
                     "fn": len(want - got), "missed": sorted(map(list, want - got)),
                     "wrong": sorted(map(list, got - want))})
    out = _prf(*counts["all"])
    # curated agreement labels are the curator's descriptions, not titles as printed,
    # so the session facts alone are the figure comparable with the hidden set's sessions
    sess = [sum(v[i] for k, v in fields.items() if k != "agreement") for i in range(3)]
    out["sessions_only"] = _prf(*sess)
    # wrong co-chairs that the curator recorded as present at that session (the
    # text names them there but does not say they chaired)
    out["co_chair_fp_attendees"] = attendees_fp
    out["bodies"] = {k: _prf(*v) for k, v in sorted(bodies.items())}
    out["fields"] = {k: _prf(*v) for k, v in sorted(fields.items())}
    out["documents"] = rows
    return out


def _line(name, r) -> str:
    return (f"{name:<16} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
            f"  tp={r['tp']} fp={r['fp']} fn={r['fn']}")


def report(result: dict, verbose: bool = False) -> str:
    lines = []
    for row in result["documents"]:
        if row["tp"] or row["fp"] or row["fn"]:
            lines.append(f"{row['document']} ({row['source']}): tp={row['tp']} fp={row['fp']} fn={row['fn']}")
            if verbose:
                lines += [f"  missed: {f}" for f in row["missed"]] + [f"  wrong:  {f}" for f in row["wrong"]]
    lines.append("-- per body")
    lines += [_line(k, v) for k, v in result["bodies"].items()]
    lines.append("-- per field")
    lines += [_line(k, v) for k, v in result["fields"].items()]
    lines.append(f"(of the co_chair fp, {result['co_chair_fp_attendees']} are curated attendees of that session)")
    lines.append(_line("TOTAL sessions", result["sessions_only"]))
    lines.append(_line("TOTAL", result))
    return "\n".join(lines)


def _source_files(sources: Path, names) -> list[Path]:
    """The register's files, in the reference folder or its corpus/."""
    out = []
    for n in sorted(names):
        for cand in (sources / n, sources / "corpus" / n):
            if cand.is_file():
                out.append(cand)
                break
    return out


def main(argv=None) -> int:
    root = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(prog="python -m kg.extract.score", description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=root / "seeds")
    ap.add_argument("--sources", type=Path, default=root.parent / "shared" / "sources")
    ap.add_argument("--predicted", type=Path, help="a facts JSON to score instead of running the extractor")
    ap.add_argument("--write-gold", type=Path, help="also write the gold built from the curated record (YAML)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed and wrong facts")
    args = ap.parse_args(argv)
    gold = build_gold(args.seeds)
    if args.write_gold:
        YAML().dump(gold, args.write_gold.open("w", encoding="utf-8"))
    if args.predicted:
        predicted = json.loads(args.predicted.read_text(encoding="utf-8"))
    else:
        from . import extract_paths
        files = _source_files(args.sources, gold["documents"])
        if not files:
            print(f"{args.sources}: none of the register's files found", file=sys.stderr)
            return 2
        gold["documents"] = {f.name: gold["documents"][f.name] for f in files}
        predicted = extract_paths(files)
    result = score(gold, predicted)
    print(json.dumps(result, indent=1, default=str) if args.json else report(result, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
