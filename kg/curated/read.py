"""Reading one curated YAML file into Python values that remember their lines.

Refuses what a curator never means and an attacker might send: files over the
size limit, text that is not UTF-8, anchors and aliases (an alias bomb would
expand exponentially when walked), and nesting deeper than any record needs.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..core.errors import Problem

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 12   # a record's deepest value (claims of a nested record) is at depth 6


class Located(dict):
    """A mapping that remembers its own line and each key's line (1-based)."""

    line: int
    key_lines: dict


class LocatedList(list):
    line: int
    item_lines: list


def read(path: Path, shown: str, problems: list[Problem]):
    """The file's top value (Located/LocatedList/scalars), or None after adding problems."""
    try:
        if not path.is_file():
            problems.append(Problem(shown, 1, "not a regular file"))
            return None
        size = path.stat().st_size
    except OSError as exc:
        problems.append(Problem(shown, 1, f"cannot read: {exc.strerror}"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(shown, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split it)"))
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 1, f"cannot read: {exc.strerror}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, data[: exc.start].count(b"\n") + 1, "not UTF-8 text"))
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.append(Problem(shown, event.start_mark.line + 1,
                                        "YAML anchors and aliases (&, *) are not allowed in curated data"))
                return None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(Problem(shown, event.start_mark.line + 1,
                                            f"nested more than {MAX_DEPTH} levels deep; no record needs that"))
                    return None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = f"malformed YAML: {exc.problem or exc.context}"
        if exc.context and exc.context_mark and exc.problem_mark:
            message += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        problems.append(Problem(shown, line, message))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, 1, f"malformed YAML: {exc}"))
        return None
    if node is None:
        return Located()
    return _to_python(node, shown, problems)


def _to_python(node, shown: str, problems: list[Problem]):
    if isinstance(node, yaml.MappingNode):
        out = Located()
        out.line, out.key_lines = node.start_mark.line + 1, {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key is None:
                problems.append(Problem(shown, line, "a key must be plain text"))
                continue
            if key in out:
                problems.append(Problem(shown, line, f"duplicate key {key!r} (first at line {out.key_lines[key]})"))
                continue
            out[key] = _to_python(value_node, shown, problems)
            out.key_lines[key] = line
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LocatedList()
        out.line, out.item_lines = node.start_mark.line + 1, []
        for item in node.value:
            out.append(_to_python(item, shown, problems))
            out.item_lines.append(item.start_mark.line + 1)
        return out
    try:
        return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        # e.g. 2025-02-30 looks like a timestamp but is no date: keep the text
        # so the field check can say what is wrong with it.
        return node.value
