"""The tidy-tree layout as pure geometry: no overlaps, parents centred, right-angled connectors."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.charts.layout import EPS, Rect, TreeLayout, tidy_tree, wrap


def random_tree(n: int, seed: int, flat: float = 0.5):
    rnd = random.Random(seed)
    children = {0: []}
    for i in range(1, n):
        p = rnd.randrange(0, min(i, 4)) if rnd.random() < flat else rnd.randrange(0, i)
        children.setdefault(p, []).append(i)
        children.setdefault(i, [])
    sizes = {i: (rnd.choice((120, 150, 188)), rnd.uniform(30, 160)) for i in range(n)}
    return children, sizes


def segment_crosses_box(seg, r: Rect) -> bool:
    """True if an axis-aligned segment passes through the box's interior."""
    (xa, ya), (xb, yb) = seg
    x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    return x0 < r.x1 - 0.5 and x1 > r.x0 + 0.5 and y0 < r.y1 - 0.5 and y1 > r.y0 + 0.5


def check(layout: TreeLayout, children, sizes, roots):
    assert set(layout.boxes) == set(sizes)
    assert layout.overlapping_pairs(margin=4.0) == []                      # boxes keep apart
    assert all(abs(d) < 1e-6 for d in layout.off_centre().values())       # parents centred over children
    for n, r in layout.boxes.items():
        assert abs(r.h - sizes[n][1]) < EPS and r.w >= sizes[n][0] - EPS  # sizes kept (stacks share a width)
        assert r.x0 >= -EPS and r.y0 >= -EPS
    for p, kids in layout.children.items():
        for k in kids:
            assert layout.boxes[k].y0 >= layout.boxes[p].y1 + 10          # children below their parent
    for seg in layout.connectors:
        (xa, ya), (xb, yb) = seg
        assert abs(xa - xb) < EPS or abs(ya - yb) < EPS                   # right angles only
        assert not any(segment_crosses_box(seg, r) for r in layout.boxes.values()), seg
    assert not [r for r in roots if r in layout.parent]


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 60), seed=st.integers(0, 10_000), flat=st.floats(0, 1))
def test_random_trees(n, seed, flat):
    children, sizes = random_tree(n, seed, flat)
    check(tidy_tree(children, sizes, [0]), children, sizes, [0])


def test_parent_centred_over_a_simple_row():
    children = {"p": ["a", "b", "c"], "a": [], "b": [], "c": []}
    sizes = {"p": (100, 40), "a": (80, 30), "b": (200, 60), "c": (80, 30)}
    lay = tidy_tree(children, sizes, ["p"], hgap=20, vgap=40)
    a, b, c, p = (lay.boxes[k] for k in "abcp")
    assert a.x1 + 20 == b.x0 and b.x1 + 20 == c.x0                        # packed exactly hgap apart
    assert p.cx == (a.cx + c.cx) / 2 and a.y0 == b.y0 == c.y0 == p.y1 + 40  # centred; one row
    assert not lay.stacked


def test_many_leaves_hang_in_columns():
    children = {"p": [f"k{i}" for i in range(19)], **{f"k{i}": [] for i in range(19)}}
    sizes = {n: (150, 50) for n in children}
    lay = tidy_tree(children, sizes, ["p"])
    assert lay.stacked == {"p"}
    xs = sorted({round(lay.boxes[k].x0) for k in children["p"]})
    assert len(xs) == 3                                                    # 19 leaves in 3 columns
    assert lay.width < 3 * (150 + 40) and lay.height > 6 * 50
    check(lay, children, sizes, ["p"])


def test_many_subtrees_wrap_into_rows_around_a_spine():
    children, sizes = {"r": []}, {"r": (180, 80)}
    for i in range(30):
        children["r"].append(f"s{i}")
        children[f"s{i}"] = [f"s{i}.{j}" for j in range(i % 4)]
        sizes[f"s{i}"] = (180, 60)
        for j in range(i % 4):
            children[f"s{i}.{j}"] = []
            sizes[f"s{i}.{j}"] = (180, 40)
    lay = tidy_tree(children, sizes, ["r"])
    check(lay, children, sizes, ["r"])
    tops = {round(lay.boxes[f"s{i}"].y0) for i in range(30)}
    assert len(tops) > 1                                  # wrapped into several rows
    assert lay.width / lay.height < 4                     # not a ribbon


def test_a_forest_lays_roots_side_by_side():
    children = {"a": ["a1"], "a1": [], "b": [], "c": ["c1", "c2"], "c1": [], "c2": []}
    sizes = {n: (100, 40) for n in children}
    lay = tidy_tree(children, sizes, ["a", "b", "c"])
    check(lay, children, sizes, ["a", "b", "c"])
    assert lay.boxes["a"].x1 < lay.boxes["b"].x0 < lay.boxes["b"].x1 < lay.boxes["c"].x0


def test_two_hundred_bodies_stay_compact():
    children, sizes = random_tree(200, seed=3, flat=0.3)
    lay = tidy_tree(children, sizes, [0])
    check(lay, children, sizes, [0])
    assert 1 / 4 < lay.width / lay.height < 4


def test_wrap_keeps_every_word_within_the_width():
    measure = lambda s: 6.0 * len(s)  # noqa: E731
    text = "Working Group on Military-Technical Cooperation and Defence Industry"
    lines = wrap(text, 120, measure)
    assert all(measure(ln) <= 120 for ln in lines)
    assert " ".join(lines) == text
    long = wrap("Inter-Governmental-Commission-Supercalifragilistic", 60, measure)
    assert all(measure(ln) <= 60 for ln in long) and "".join(long) == "Inter-Governmental-Commission-Supercalifragilistic"
    assert wrap("", 50, measure) == [""]
