"""Adding a corpus register's entries to the project's source register (seeds/sources.yaml).

A corpus folder (../shared/sources/corpus/) describes each of its files in a
`register.yaml`: URL, publisher, language, date (only where the page states
it), headline (only where shown), `duplicate_of` (a syndicated copy of another
file), `copies` (URLs of word-for-word reprints) and `same_as` (a file the
project already registered under another name). `import_register` turns each
entry into a source record citing those fields and nothing else, appends the
new ones to seeds/sources.yaml (round trip: comments and order kept) and adds
the corpus file and URL to sources that are `same_as` one already registered.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..core.errors import KgError
from ..core.files import write_atomic
from ..core.names import slug

PRESS_RELEASE = re.compile(r"press information bureau|\bpib\b|ministry of defence|press release|kremlin|fsmtc|fsvts", re.I)
REFERENCE = re.compile(r"wiki|gkseries|gktoday|adda247|aspirantworld|bornglorious|docslib|manorama yearbook|opensanctions", re.I)


def source_id(entry: dict) -> str:
    """`001_rediff.txt` -> `c001-rediff`: the file's number keeps ids unique and stable."""
    return "c" + slug(Path(entry["file"]).stem)


def kind_of(entry: dict) -> str:
    publisher = entry.get("publisher", "")
    if PRESS_RELEASE.search(publisher):
        return "press-release"
    if REFERENCE.search(publisher):
        return "reference"
    return "news-article"


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def _record(entry: dict, ids: dict[str, str]):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    rec = CommentedMap()
    rec["id"] = ids[entry["file"]]
    rec["kind"] = kind_of(entry)
    for key, field in (("publisher", "publisher"), ("headline", "headline")):
        if entry.get(key):
            rec[field] = str(entry[key])
    if entry.get("date"):
        rec["date_published"] = str(entry["date"])
    rec["language"] = entry["language"]
    files = CommentedSeq([entry["file"]])
    files.fa.set_flow_style()
    rec["file"] = files
    rec["url"] = entry["url"]
    if entry.get("duplicate_of"):
        rec["duplicate_of"] = ids[entry["duplicate_of"]]
    if entry.get("copies"):
        copies = CommentedSeq(entry["copies"])
        rec["copies"] = copies
    if entry.get("date_basis"):
        rec["note"] = f"Date: {entry['date_basis']}."
    return rec


def import_register(register: str | Path, seeds: str | Path) -> list[str]:
    """Add the register's entries to `seeds/sources.yaml`; return the ids added or extended."""
    import yaml as pyyaml

    register, seeds = Path(register), Path(seeds)
    try:
        entries = pyyaml.safe_load(register.read_text(encoding="utf-8")) or []
    except (OSError, pyyaml.YAMLError) as exc:
        raise KgError(f"{register}: cannot read the corpus register: {exc}") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and e.get("file") for e in entries):
        raise KgError(f"{register}: expected a list of entries, each with a `file`")
    path = seeds / "sources.yaml"
    yaml = _yaml()
    doc = yaml.load(path.read_text(encoding="utf-8"))
    known = {rec["id"]: rec for rec in doc["sources"]}
    by_file = {}
    for rec in doc["sources"]:
        files = rec.get("file") or []
        for f in [files] if isinstance(files, str) else files:
            by_file[f] = rec["id"]
    # An entry the project already holds under another file (same_as) keeps that source's id.
    ids = {}
    for e in entries:
        same = [by_file[f] for f in e.get("same_as") or [] if f in by_file]
        ids[e["file"]] = by_file.get(e["file"]) or (same[0] if same else source_id(e))
    changed = []
    for e in entries:
        sid = ids[e["file"]]
        if sid not in known:
            rec = _record(e, ids)
            doc["sources"].append(rec)
            known[sid] = rec
            changed.append(sid)
            continue
        rec = known[sid]
        files = rec.get("file")
        files = [files] if isinstance(files, str) else list(files or [])
        if e["file"] not in files:
            from ruamel.yaml.comments import CommentedSeq

            seq = CommentedSeq(files + [e["file"]])
            seq.fa.set_flow_style()
            rec["file"] = seq
            for key, field in (("url", "url"), ("publisher", "publisher"), ("headline", "headline"),
                               ("language", "language")):
                if e.get(key) and field not in rec:
                    rec.insert(len(rec) - (1 if "note" in rec else 0), field, e[key])
            changed.append(sid)
    if changed:
        buf = io.StringIO()
        yaml.dump(doc, buf)
        write_atomic(path, buf.getvalue())
    return changed
