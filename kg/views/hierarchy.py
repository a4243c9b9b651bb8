"""The body hierarchy as of a day: commissions at the root, each body with its co-chairs."""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from ..core.vocab import IRDC, ORG
from .filters import AsOf
from .snapshot import BODY_TYPES, TYPE_LABELS, Body, Session

PLACEHOLDER = "StatedSubGroups"


def stamp(g, view: str, at: AsOf):
    g.graph["view"] = view
    g.graph["as_of"] = at.day.isoformat() if at.day else ""
    return g


def hierarchy(at: AsOf, *, stated_counts: bool = True, all_bodies: bool = False) -> nx.DiGraph:
    """The body hierarchy: edges parent -> child (org:hasSubOrganization), commissions at the root.

    Body nodes carry their type, label, acronym and, for each side, the co-chair post
    and its holder as of the day (`india_post`, `india_holder`, ...; absent when
    unknown). A body's stated sub-group count beyond the sub-groups the graph names
    becomes one placeholder node ("9 sub-groups", type StatedSubGroups), never
    invented names. `all_bodies` also keeps bodies outside the commissions' trees
    (summit series, dialogues) as further roots.
    """
    live = at.bodies
    children: dict[str, list[str]] = defaultdict(list)
    for b in live.values():
        for p in b.parents:
            if p in live:
                children[p].append(b.iri)
    roots = sorted((b for b in live.values() if not any(p in live for p in b.parents)),
                   key=lambda b: (BODY_TYPES.index(b.type), b.label))
    if not all_bodies:
        roots = [b for b in roots if b.type == "Commission"]
    g = stamp(nx.DiGraph(), "hierarchy", at)
    order = lambda iri: (BODY_TYPES.index(live[iri].type), live[iri].label, iri)  # noqa: E731

    def add(iri: str, depth: int, seen: frozenset):
        b = live[iri]
        g.add_node(iri, **body_attrs(at, b, depth))
        kids = sorted((c for c in children.get(iri, []) if c not in seen), key=order)
        for c in kids:
            add(c, depth + 1, seen | {c})
            g.add_edge(iri, c, iri=ORG.hasSubOrganization.value, label="has sub-organization",
                       type="hasSubOrganization")
        if stated_counts:
            counts = at.counts(b)
            for kind, type_name in (("working_group", "WorkingGroup"), ("sub_group", "SubGroup")):
                named = sum(1 for c in kids if live[c].type == type_name)
                add_stated_groups(g, b, kind, counts.get(kind), named, depth)

    for r in roots:
        add(r.iri, 0, frozenset({r.iri}))
    left_out = sorted(((b, c) for b in at.snap.bodies.values() if (c := at.superseded(b)) is not None
                       and any(p in g for p in b.parents)), key=lambda bc: bc[0].label)
    if left_out:
        names = "; ".join(f"{b.label} (last reported {b.last_seen})" for b, _c in left_out)
        g.graph["left_out"] = (f"Not shown: bodies no source reports after their parent's restructuring of "
                               f"{left_out[0][1].date}: {names}.")
    return g


def body_attrs(at: AsOf, b: Body, depth: int) -> dict:
    """A body node: what it is, its latest held session, and each side's co-chair."""
    label, acronym = at.name(b)
    attrs = {"iri": b.iri, "label": label, "type": b.type, "type_label": TYPE_LABELS[b.type], "depth": depth}
    if acronym:
        attrs["acronym"] = acronym
    if label != b.label:
        attrs["current_label"] = b.label
    if at.snap.label_languages.get(b.iri) and label == b.label:
        attrs["label_lang"] = at.snap.label_languages[b.iri]
    if b.founded:
        attrs["founded"] = b.founded
    evidence = set()
    change = at.renaming_after(b)
    if change is not None:
        evidence.add(change.iri)
    evidence |= {c.source for c in at.count_claims(b).values()}
    held = sorted((s for s in at.held.values() if s.body == b.iri), key=Session.sort_key)
    attrs["sessions"] = len(held)
    if held:
        latest = held[-1]
        evidence.add(latest.iri)
        attrs.update(latest_session=latest.iri, latest_session_label=at.session_short(latest))
        if latest.date:
            attrs["latest_session_date"] = latest.date
        if latest.ordinal:
            attrs["latest_session_ordinal"] = latest.ordinal
    for side, chair in at.co_chairs(b.iri).items():
        if chair is None:
            continue
        if chair.post:
            attrs[f"{side}_post_iri"] = chair.post
        if chair.post_title:
            attrs[f"{side}_post"] = chair.post_title
        if chair.holder:
            attrs[f"{side}_holder"] = chair.holder_label
            attrs[f"{side}_holder_iri"] = chair.holder
            if at.snap.label_languages.get(chair.holder):
                attrs[f"{side}_holder_lang"] = at.snap.label_languages[chair.holder]
        attrs[f"{side}_session"] = chair.session
        attrs[f"{side}_session_label"] = at.session_short(at.snap.sessions[chair.session])
        evidence |= set(chair.evidence)
    if not evidence:
        evidence.add(b.iri)     # nothing dated shown: the sources that name the body
    attrs["evidence"] = " ".join(sorted(evidence))
    return attrs


GROUP_WORDS = {"sub_group": ("sub-group", "Sub-groups (not named)", IRDC.statedSubGroupCount, "statedSubGroupCount"),
               "working_group": ("working group", "Working groups (not named)", IRDC.statedWorkingGroupCount,
                                 "statedWorkingGroupCount")}


def add_stated_groups(g: nx.DiGraph, b: Body, kind: str, stated: int | None, named: int, depth: int) -> None:
    """The groups a source counts but the graph does not name, as one placeholder node
    ("9 sub-groups"), never invented names."""
    if not stated or stated - named <= 0:
        return
    word, type_label, predicate, edge_type = GROUP_WORDS[kind]
    unnamed = stated - named
    node = f"{b.iri}#stated-{word.replace(' ', '-')}s"
    further = "further " if named else ""
    g.add_node(node, iri=b.iri, type=PLACEHOLDER, type_label=type_label,
               label=f"{unnamed} {further}{word}{'s' if unnamed != 1 else ''}",
               count=unnamed, stated_count=stated, placeholder=True, depth=depth + 1,
               note="names not given by the sources")
    g.add_edge(b.iri, node, iri=predicate.value, label=f"stated number of {word}s", type=edge_type)
