"""The curated YAML files `kg accept` edits, read round-trip and written back as one transaction.

ruamel.yaml's round-trip mode keeps the curators' comments, key order and flow
lists. A file is edited only where its shape is understood (a per-source file:
`source:` and sections of records; the register: `sources:` and its records);
anything else is refused at its line, and a rewrite that would change anything
the accept did not add (a lost comment, a changed value) is refused too. Before
anything is written, the would-be seeds are loaded in a temporary copy, so a
change the loader would reject never reaches seeds/.
"""
from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from ..core import journal
from ..core.errors import InputError, KgError, Problem
from ..core.schema import schema


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, order and flow style are kept
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def _line_of(exc) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


def _contains(old, new) -> bool:
    """`new` holds everything `old` held: the same scalars, every key, every list item in place."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(k in new and _contains(v, new[k]) for k, v in old.items())
    if isinstance(old, list):
        return isinstance(new, list) and len(new) >= len(old) and all(_contains(a, b) for a, b in zip(old, new))
    return old == new or str(old) == str(new)


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


class SeedFiles:
    """The seeds/ files one accept reads and changes."""

    def __init__(self, seeds: Path):
        self.seeds, self.yaml = Path(seeds), _yaml()
        self.docs: dict[Path, object] = {}
        self.original: dict[Path, str | None] = {}
        self.changed: set[Path] = set()

    def shown(self, path: Path) -> str:
        return str(path)

    def load(self, path: Path, new):
        """The round-trip document of `path`, or `new()` for a file that does not exist yet."""
        if path in self.docs:
            return self.docs[path]
        from ruamel.yaml.error import YAMLError

        if path.exists() or path.is_symlink():
            if not path.is_file():
                raise InputError([Problem(str(path), 1, "not a regular file; kg accept writes nothing")])
            try:
                text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError([Problem(str(path), 1, f"not UTF-8 text ({exc.reason}); kg accept writes nothing")]) from None
            except OSError as exc:
                raise InputError([Problem(str(path), 1, f"cannot read: {exc.strerror}")]) from None
            try:
                doc = self.yaml.load(text)
            except YAMLError as exc:
                what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                raise InputError([Problem(str(path), _line_of(exc), f"malformed YAML: {what}; kg accept writes nothing")]) from None
            except RecursionError:
                raise InputError([Problem(str(path), 1, "nesting too deep; kg accept writes nothing")]) from None
            if doc is None and text.strip():
                if _comments(text) != [line.strip() for line in text.splitlines() if line.strip()]:
                    raise InputError([Problem(str(path), 1, "not understood; kg accept writes nothing")])
                doc = new()  # comments only: keep them above what is added
                doc.yaml_set_start_comment("\n".join(c.lstrip("# ").rstrip() for c in _comments(text)))
            elif doc is None:
                doc = new()
            self.original[path] = text
        else:
            doc, self.original[path] = new(), None
        self.docs[path] = doc
        return doc

    def section(self, path: Path, doc, key: str):
        """The list of records under `key`, created at the end if missing."""
        from ruamel.yaml.comments import CommentedSeq

        if doc.get(key) is None:
            doc[key] = CommentedSeq()
        items = doc[key]
        if not isinstance(items, list):
            raise InputError([Problem(str(path), 1, f"{key}: expected a list of records; "
                                      "kg accept writes nothing")])
        return items

    def check_shape(self, path: Path, doc, top_keys: set[str]) -> None:
        """Refuse a file whose shape the accept does not understand: a top that is not a mapping,
        an unknown section, a section that is not a list of mappings."""
        def line(obj, i=None) -> int:
            try:
                return (obj.lc.key(i) if isinstance(obj, dict) else obj.lc.item(i))[0] + 1
            except (AttributeError, KeyError, TypeError, IndexError):
                return 1  # a record accept itself made has no line yet
        if not isinstance(doc, dict):
            raise InputError([Problem(str(path), 1, "not understood (expected a mapping of sections); "
                                      "kg accept writes nothing")])
        for key, value in doc.items():
            at = line(doc, key)
            if key not in top_keys:
                raise InputError([Problem(str(path), at, f"section {key!r} not understood; kg accept writes nothing")])
            if key == "source" or value is None:
                continue
            if not isinstance(value, list):
                raise InputError([Problem(str(path), at, f"{key}: expected a list of records; kg accept writes nothing")])
            for i, item in enumerate(value):
                if not isinstance(item, dict):
                    raise InputError([Problem(str(path), line(value, i),
                                              f"{key}: a record that is not a mapping; kg accept writes nothing")])

    def append(self, items, record, spaced: bool = False) -> None:
        items.append(record)
        if spaced and len(items) > 1:  # a blank line between register records, as the curators write them
            items.yaml_set_comment_before_after_key(len(items) - 1, before="\n")

    def texts(self) -> dict[Path, str]:
        """Each changed file's new text, checked to keep all it held (comments included)."""
        import yaml as plain

        out = {}
        for path in sorted(self.changed):
            buf = io.StringIO()
            self.yaml.dump(self.docs[path], buf)
            text = buf.getvalue()
            old = self.original.get(path)
            if old is not None:
                missing = [c for c in _comments(old) if c not in _comments(text)]
                try:
                    kept = _contains(plain.safe_load(old), plain.safe_load(text))
                except plain.YAMLError:
                    kept = False
                if missing or not kept:
                    raise KgError(f"{path}:1: rewriting this file would change what it holds"
                                  f"{' (a comment: ' + missing[0] + ')' if missing else ''}; kg accept writes nothing")
            out[path] = text
        return out

    def check_loads(self, texts: dict[Path, str]) -> None:
        """Load the would-be seeds in a temporary copy; report problems at the real paths."""
        from ..curated import load

        with tempfile.TemporaryDirectory(prefix="kg-accept-") as tmp:
            copy = Path(tmp) / "seeds"
            shutil.copytree(self.seeds, copy, ignore=shutil.ignore_patterns("reports", journal.JOURNAL))
            for path, text in texts.items():
                target = copy / path.relative_to(self.seeds)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            try:
                load(copy)
            except InputError as exc:
                raise InputError([Problem(p.path.replace(str(copy), str(self.seeds), 1), p.line,
                                          p.message + " (in the files kg accept would write; nothing written)")
                                  for p in exc.problems]) from None

    def save(self) -> list[Path]:
        texts = self.texts()
        if not texts:
            return []
        self.check_loads(texts)
        journal.commit(self.seeds, texts)
        return sorted(texts)


def sections() -> set[str]:
    return {k.key for k in schema() if k.key and not k.nested and k.name != "source"}
