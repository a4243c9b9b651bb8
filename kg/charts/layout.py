"""A tidy tree layout for org charts: pure geometry, no drawing.

`tidy_tree` places boxes of given sizes the way a careful person draws an org
chart (Reingold-Tilford style, generalised to boxes of any size): a parent's
children in a row below it, each subtree pushed as close to its left neighbour
as the whole outline of both allows, each parent centred over its children,
right-angled connectors (parent -> bus -> children). Two rules keep big trees
readable: leaves hang in columns from trunk lines instead of spreading into a
long row, and a parent with many subtrees wraps them into several rows either
side of a vertical spine (still centred over them).

Coordinates are data units (the chart uses points) with y growing downwards.
The result carries every box rectangle and connector segment, so tests can
check overlaps and centring without rendering anything. `wrap` breaks text
into lines with a caller-supplied width function.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Callable, Hashable, Mapping, Sequence

Node = Hashable
EPS = 1e-6


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def overlaps(self, other: "Rect", margin: float = 0.0) -> bool:
        """True if the two rectangles, each grown by `margin`, share interior area."""
        return (self.x0 - margin < other.x1 - EPS and other.x0 - margin < self.x1 - EPS
                and self.y0 - margin < other.y1 - EPS and other.y0 - margin < self.y1 - EPS)

    def contains(self, other: "Rect", tol: float = 0.0) -> bool:
        return (self.x0 - tol <= other.x0 and other.x1 <= self.x1 + tol
                and self.y0 - tol <= other.y0 and other.y1 <= self.y1 + tol)

    def shifted(self, dx: float, dy: float = 0.0) -> "Rect":
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


Segment = tuple[tuple[float, float], tuple[float, float]]


@dataclass
class TreeLayout:
    boxes: dict[Node, Rect]
    connectors: list[Segment]
    parent: dict[Node, Node]
    children: dict[Node, list[Node]]
    stacked: set[Node] = field(default_factory=set)   # parents with leaves hanging in columns

    @property
    def bounds(self) -> Rect:
        xs = [v for r in self.boxes.values() for v in (r.x0, r.x1)]
        ys = [v for r in self.boxes.values() for v in (r.y0, r.y1)]
        for (xa, ya), (xb, yb) in self.connectors:
            xs += [xa, xb]
            ys += [ya, yb]
        return Rect(min(xs), min(ys), max(xs), max(ys)) if xs else Rect(0, 0, 0, 0)

    @property
    def width(self) -> float:
        return self.bounds.w

    @property
    def height(self) -> float:
        return self.bounds.h

    def overlapping_pairs(self, margin: float = 0.0) -> list[tuple[Node, Node]]:
        """Pairs of boxes that overlap (sweep over x; fine for thousands of boxes)."""
        items = sorted(self.boxes.items(), key=lambda kv: kv[1].x0)
        out = []
        for i, (a, ra) in enumerate(items):
            for b, rb in items[i + 1:]:
                if rb.x0 - margin >= ra.x1 + margin:
                    break
                if ra.overlaps(rb, margin):
                    out.append((a, b))
        return out

    def off_centre(self) -> dict[Node, float]:
        """For each parent: how far its centre is from the middle of its children's centres."""
        out = {}
        for p, kids in self.children.items():
            if kids:
                xs = [self.boxes[k].cx for k in kids]
                out[p] = self.boxes[p].cx - (min(xs) + max(xs)) / 2
        return out


# ---------------------------------------------------------------- outlines

class _Profile:
    """A subtree's outline: sorted, non-overlapping horizontal bands (y0, y1, min x, max x)."""

    __slots__ = ("bands",)

    def __init__(self, bands=None):
        self.bands: list[tuple[float, float, float, float]] = bands or []

    @staticmethod
    def rect(x0: float, y0: float, x1: float, y1: float) -> "_Profile":
        return _Profile([(y0, y1, x0, x1)])

    def shifted(self, dx: float, dy: float) -> "_Profile":
        return _Profile([(a + dy, b + dy, lo + dx, hi + dx) for a, b, lo, hi in self.bands])

    @staticmethod
    def _at(bands, starts, y):
        i = bisect_left(starts, y) - 1
        if i >= 0 and bands[i][0] < y < bands[i][1]:
            return bands[i]
        return None

    def union(self, other: "_Profile") -> "_Profile":
        if not other.bands:
            return self
        if not self.bands:
            return other
        ys = sorted({y for a, b, _lo, _hi in self.bands + other.bands for y in (a, b)})
        sa, sb = [b[0] for b in self.bands], [b[0] for b in other.bands]
        out: list[tuple[float, float, float, float]] = []
        for a, b in zip(ys, ys[1:]):
            m = (a + b) / 2
            found = [band for band in (self._at(self.bands, sa, m), self._at(other.bands, sb, m)) if band]
            if not found:
                continue
            lo, hi = min(f[2] for f in found), max(f[3] for f in found)
            if out and abs(out[-1][1] - a) < EPS and out[-1][2] == lo and out[-1][3] == hi:
                out[-1] = (out[-1][0], b, lo, hi)
            else:
                out.append((a, b, lo, hi))
        return _Profile(out)

    @property
    def lo(self) -> float:
        return min(b[2] for b in self.bands)

    @property
    def hi(self) -> float:
        return max(b[3] for b in self.bands)

    @property
    def bottom(self) -> float:
        return max(b[1] for b in self.bands)


def _separation(left: _Profile, right: _Profile, gap: float, vclear: float = 0.0) -> float | None:
    """How far `right` must move right so that it clears `left` by `gap` wherever both reach
    (bands closer than `vclear` vertically count as reaching the same height)."""
    need = None
    starts = [b[0] for b in left.bands]
    for a, b, lo, _hi in right.bands:
        i = max(bisect_left(starts, a - vclear) - 1, 0)
        while i < len(left.bands) and left.bands[i][0] < b + vclear - EPS:
            la, lb, _llo, lhi = left.bands[i]
            if lb > a - vclear + EPS:
                d = lhi + gap - lo
                need = d if need is None or d > need else need
            i += 1
    return need


@dataclass
class _Sub:
    """A laid-out subtree: boxes (x0, y0) and lines relative to its root's top centre."""
    pos: dict[Node, tuple[float, float]]
    lines: list[Segment]
    profile: _Profile

    def shift(self, dx: float, dy: float) -> None:
        self.pos = {n: (x + dx, y + dy) for n, (x, y) in self.pos.items()}
        self.lines = [((xa + dx, ya + dy), (xb + dx, yb + dy)) for (xa, ya), (xb, yb) in self.lines]
        self.profile = self.profile.shifted(dx, dy)

    def absorb(self, other: "_Sub", dx: float = 0.0, dy: float = 0.0) -> None:
        other.shift(dx, dy)
        self.pos.update(other.pos)
        self.lines.extend(other.lines)
        self.profile = self.profile.union(other.profile)


# ---------------------------------------------------------------- the layout

def stack_columns(n: int) -> int:
    """How many columns a stack of n leaves gets: about twice as tall as wide."""
    return max(1, round(math.sqrt(n / 2)))


def tidy_tree(children: Mapping[Node, Sequence[Node]], sizes: Mapping[Node, tuple[float, float]],
              roots: Sequence[Node], *, hgap: float = 20.0, vgap: float = 40.0, root_gap: float | None = None,
              stack_gap: float = 10.0, stack_indent: float = 18.0, max_row_leaves: int = 4,
              mixed_leaves: int = 2, max_row_units: int = 6) -> TreeLayout:
    """Lay out the forest `roots` -> `children` with box sizes `sizes[node] = (w, h)`.

    Children sit in a row `vgap` below their parent, as close as their subtrees'
    outlines allow (`hgap` apart), the parent centred over them; the connector bus
    runs midway. Leaves hang in columns from trunk lines (`stack_gap` between boxes,
    trunk `stack_indent` left of each column) when a parent has more than
    `max_row_leaves` children that are all leaves, or subtrees and at least
    `mixed_leaves` leaves (their columns then stand in the middle of the subtrees).
    More than `max_row_units` units (subtrees or leaf blocks) under one parent wrap
    into several rows either side of a vertical spine, the parent still centred.
    """
    if not roots:
        return TreeLayout({}, [], {}, {}, set())
    tree = _TidyTree(children, sizes, roots, hgap=hgap, vgap=vgap, stack_gap=stack_gap, stack_indent=stack_indent,
                     max_row_leaves=max_row_leaves, mixed_leaves=mixed_leaves, max_row_units=max_row_units)
    return tree.layout(hgap * 2 if root_gap is None else root_gap)


# A unit under a parent: (subtree, attach x's, children centres, row children whose tops the bus reaches)
_Unit = tuple


class _TidyTree:
    THIN = 0.5   # half the width a connector line takes in a subtree's outline

    def __init__(self, children, sizes, roots, *, hgap, vgap, stack_gap, stack_indent, max_row_leaves,
                 mixed_leaves, max_row_units):
        self.sizes, self.roots = sizes, list(roots)
        self.hgap, self.vgap, self.stack_gap, self.stack_indent = hgap, vgap, stack_gap, stack_indent
        self.max_row_units = max_row_units
        self.order, self.parent, self.kids = self._walk({n: list(children.get(n, ())) for n in sizes})
        self.blocks = self._leaf_blocks(max_row_leaves, mixed_leaves)
        self.in_block = {k for ks in self.blocks.values() for k in ks}
        self.vclear = max(stack_gap, 2 * self.THIN + EPS)  # boxes of neighbouring subtrees never pass closer
        self.widths: dict[Node, float] = {}

    # ---- step 1: the tree, depth first; which parents hang their leaves in columns

    def _walk(self, kids):
        parent: dict[Node, Node] = {}
        order: list[Node] = []
        seen = set()
        stack = list(reversed(self.roots))
        while stack:
            n = stack.pop()
            if n in seen:
                raise ValueError(f"{n!r} appears twice in the tree")
            seen.add(n)
            order.append(n)
            for k in reversed(kids.get(n, [])):
                parent[k] = n
                stack.append(k)
        return order, parent, {n: kids.get(n, []) for n in order}

    def _leaf_blocks(self, max_row_leaves: int, mixed_leaves: int) -> dict[Node, list[Node]]:
        blocks = {}
        for n in self.order:
            leaves = [k for k in self.kids[n] if not self.kids[k]]
            if (len(leaves) == len(self.kids[n]) > max_row_leaves
                    or (len(leaves) < len(self.kids[n]) and len(leaves) >= mixed_leaves)):
                blocks[n] = leaves
        return blocks

    # ---- pieces

    def line(self, sub: _Sub, a: tuple[float, float], b: tuple[float, float]) -> None:
        sub.lines.append((a, b))
        (xa, ya), (xb, yb) = a, b
        t = self.THIN
        sub.profile = sub.profile.union(_Profile.rect(min(xa, xb) - t, min(ya, yb) - t, max(xa, xb) + t, max(ya, yb) + t))

    def leaf(self, n, w=None) -> _Sub:
        w = self.sizes[n][0] if w is None else w
        return _Sub({n: (-w / 2, 0.0)}, [], _Profile.rect(-w / 2, 0.0, w / 2, self.sizes[n][1]))

    def block(self, ks: list) -> tuple[_Sub, list[float], list[float]]:
        """Leaves in columns hung from trunks that start at the bus (y = -vgap/2);
        relative to the row's top and the block's left edge. Returns the trunks' and
        the leaves' centres' x."""
        me = _Sub({}, [], _Profile())
        cols = stack_columns(len(ks))
        rows = math.ceil(len(ks) / cols)
        w = max(self.sizes[k][0] for k in ks)
        pitch = self.stack_indent + w + self.hgap
        trunks, centres = [], []
        for c in range(cols):
            x_trunk = c * pitch + self.stack_indent / 2
            trunks.append(x_trunk)
            y = 0.0
            for k in ks[c * rows:(c + 1) * rows]:
                self.widths[k] = w
                cx = c * pitch + self.stack_indent + w / 2
                me.absorb(self.leaf(k, w), cx, y)
                centres.append(cx)
                mid = y + self.sizes[k][1] / 2
                self.line(me, (x_trunk, mid), (c * pitch + self.stack_indent, mid))
                last_mid = mid
                y += self.sizes[k][1] + self.stack_gap
            self.line(me, (x_trunk, -self.vgap / 2), (x_trunk, last_mid))
        return me, trunks, centres

    def join(self, subs: list[_Sub], gap: float) -> list[float]:
        """Offsets placing subtrees (same top) left to right as close as their outlines allow."""
        acc = subs[0].profile
        offsets = [0.0]
        for sub in subs[1:]:
            dx = _separation(acc, sub.profile, gap, self.vclear)
            if dx is None:
                dx = acc.hi + gap - sub.profile.lo
            offsets.append(dx)
            acc = acc.union(sub.profile.shifted(dx, 0.0))
        return offsets

    # ---- step 2: each subtree, bottom up

    def place(self, n) -> _Sub:
        me = self.leaf(n)
        if not self.kids[n]:
            return me
        units = self._units(n)
        rows = self._rows(units)
        placed = self._one_row(rows[0][0]) if len(rows) == 1 else self._spine_rows(rows)
        self._hang(me, n, placed)
        return me

    def _units(self, n) -> list[_Unit]:
        units = [(self.place(k), [0.0], [0.0], [k]) for k in self.kids[n] if k not in self.in_block]
        if n in self.blocks:
            sub, trunks, centres = self.block(self.blocks[n])
            units.insert(len(units) // 2, (sub, trunks, centres, []))
        return units

    def _rows(self, units: list[_Unit]) -> list[tuple[list[_Unit], list[_Unit]]]:
        """One row, or (beyond max_row_units) rows split into a left and a right half."""
        if len(units) <= self.max_row_units:
            return [(units, [])]
        per = math.ceil(math.sqrt(len(units)))
        per += per % 2
        chunks = [units[i:i + per] for i in range(0, len(units), per)]
        return [(c[:len(c) // 2], c[len(c) // 2:]) for c in chunks]

    def _one_row(self, row: list[_Unit]) -> list[list[tuple[_Unit, float]]]:
        """The units side by side, the parent (x = 0) over the middle of their children."""
        offsets = self.join([u[0] for u in row], self.hgap)
        centres = [off + c for u, off in zip(row, offsets) for c in u[2]]
        mid = (min(centres) + max(centres)) / 2
        return [[(u, off - mid) for u, off in zip(row, offsets)]]

    def _spine_rows(self, rows) -> list[list[tuple[_Unit, float]]]:
        """Rows either side of a vertical spine under the parent, the aisle widened on the
        narrower side so the parent stays centred over its children."""
        groups = []
        for left, right in rows:
            lg, rg = [], []
            if left:
                offs = self.join([u[0] for u in left], self.hgap)
                hi = max((u[0].profile.hi + o for u, o in zip(left, offs)))
                lg = [[u, o - hi - self.hgap / 2] for u, o in zip(left, offs)]
            if right:
                offs = self.join([u[0] for u in right], self.hgap)
                lo = min((u[0].profile.lo + o for u, o in zip(right, offs)))
                rg = [[u, o - lo + self.hgap / 2] for u, o in zip(right, offs)]
            groups.append((lg, rg))
        centres = [dx + c for lg, rg in groups for u, dx in lg + rg for c in u[2]]
        lo_c, hi_c = min(centres), max(centres)
        for lg, rg in groups:
            if -lo_c > hi_c:
                for item in rg:
                    item[1] += -lo_c - hi_c
            elif hi_c > -lo_c:
                for item in lg:
                    item[1] -= hi_c + lo_c
        return [[tuple(i) for i in lg + rg] for lg, rg in groups]

    def _hang(self, me: _Sub, n, placed) -> None:
        """Put the rows below the parent and draw the connectors: drop, bus, risers."""
        h = self.sizes[n][1]
        top = h + self.vgap
        bus = None
        for row in placed:
            bus = top - self.vgap / 2
            bottom = top
            attach = []
            for (sub, trunks, _c, row_kids), dx in row:
                me.absorb(sub, dx, top)
                attach += [dx + t for t in trunks]
                for _k in row_kids:
                    self.line(me, (dx, bus), (dx, top))
                bottom = max(bottom, sub.profile.bottom)
            lo, hi = min(attach + [0.0]), max(attach + [0.0])
            if hi - lo > EPS:
                self.line(me, (lo, bus), (hi, bus))
            top = bottom + self.vgap
        self.line(me, (0.0, h), (0.0, bus))

    # ---- step 3: the forest side by side, moved to start at (0, 0)

    def layout(self, root_gap: float) -> TreeLayout:
        trees = [self.place(r) for r in self.roots]
        offsets = self.join(trees, root_gap)
        boxes: dict[Node, Rect] = {}
        lines: list[Segment] = []
        for sub, off in zip(trees, offsets):
            sub.shift(off, 0.0)
            for n, (x, y) in sub.pos.items():
                w = self.widths.get(n, self.sizes[n][0])
                boxes[n] = Rect(x, y, x + w, y + self.sizes[n][1])
            lines.extend(sub.lines)
        x_min = min(min(r.x0 for r in boxes.values()), min((min(a[0], b[0]) for a, b in lines), default=math.inf))
        boxes = {n: r.shifted(-x_min) for n, r in boxes.items()}
        lines = [((xa - x_min, ya), (xb - x_min, yb)) for (xa, ya), (xb, yb) in lines]
        return TreeLayout(boxes=boxes, connectors=lines, parent=self.parent,
                          children={n: self.kids[n] for n in self.order if self.kids[n]}, stacked=set(self.blocks))


# ---------------------------------------------------------------- text

def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy word wrap of `text` to lines no wider than `width` as `measure` reports.

    Breaks at spaces; a word too long for a line is broken after a hyphen, and
    only failing that between characters.
    """
    tokens: list[tuple[str, bool]] = []   # (text, preceded by a space)
    for word in text.split():
        if measure(word) <= width:
            tokens.append((word, True))
            continue
        halves = word.split("-")
        parts = [h + "-" for h in halves[:-1]] + [halves[-1]]
        merged: list[str] = []
        for part in (p for p in parts if p):
            if merged and measure(merged[-1] + part) <= width:
                merged[-1] += part
            else:
                merged.append(part)
        first = True
        for part in merged:
            while measure(part) > width and len(part) > 1:
                cut = len(part) - 1
                while cut > 1 and measure(part[:cut]) > width:
                    cut -= 1
                tokens.append((part[:cut], first))
                first, part = False, part[cut:]
            tokens.append((part, first))
            first = False
    lines: list[str] = []
    current = ""
    for piece, spaced in tokens:
        candidate = current + (" " if spaced and current else "") + piece
        if current and measure(candidate) > width:
            lines.append(current)
            current = piece
        else:
            current = candidate
    lines.append(current)
    return lines
