"""Extracted facts (the facts JSON of `kg extract`) as RDF: one named graph per article.

Each article's graph is `prov:wasDerivedFrom` its source and marked
`irdc:method irdc:Extracted`. Each fact carries an `irdc:Evidence` node with
the quoted sentence, its character offsets, the rule and a confidence, so an
analyst can ask SPARQL for the sentence behind any extracted value.

Entities the curated graph knows are linked by identifier; the others become
new entities flagged `irdc:extractionOnly true`. An article whose file the
source register already lists is attached to that registered source.

Posts and visits use the curated terms (kg/schema.yaml): a person named with a
title is an `irdc:PostHolding` of the post that title names (an extraction-only
post where no curated post has that title and side), attested on the article's
date; a visit is an `irdc:Visit` with its visitor, place, organisation and
date. A document signed at a session is an `irdc:Signing` of its kind, as the
curated signings are, beside the document itself.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ..core.dates import datatype, parse_partial
from ..core.names import fold, name_key, slug
from ..core.schema import expand, schema
from ..core.vocab import ID, IRDC, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, entity, extracted_graph
from ..curated import Curated
from ..extract.gazetteer import Gazetteer

TRUE = Literal("true", datatype=XSD.boolean)


class Linker:
    """Curated identifiers for what the articles name: people and places through the
    extractor's gazetteer (one linking rule for both), agreements and sources here."""

    def __init__(self, curated: Curated):
        self.gazetteer = Gazetteer.from_records(curated)
        self.agreements = {fold(name): rec.id for rec in curated["agreement"].values() for name in rec.values("name")}
        self.signed_at = {(rec.first("signed_at"), rec.first("type")): rec.id for rec in curated["agreement"].values()
                          if rec.first("signed_at")}
        self.curated = curated
        self.by_file = {f: rec.id for rec in curated["source"].values() for f in rec.values("file")}
        self.posts: dict[tuple[str, str | None], str] = {}
        for rec in curated["post"].values():
            for title in list(rec.values("title")) + list(rec.values("alt_titles")):
                self.posts.setdefault((fold(title), rec.first("side")), rec.id)

    def post(self, title: str, side: str | None) -> str | None:
        """The curated post a title names, on the given side (or on none stated)."""
        return self.posts.get((fold(title), side)) or (None if side is None else self.posts.get((fold(title), None)))

    def organisation(self, name: str | None, link: str | None) -> str | None:
        if link and link in self.curated["organisation"]:
            return link
        found = self.gazetteer.organisation_id(name) if name else None
        return found if found in self.curated["organisation"] else None

    def find(self, kind: str, name: str | None) -> str | None:
        if not name:
            return None
        found = self.gazetteer.person_id(name) if kind == "person" else self.gazetteer.place_id(name)
        return found if found in self.curated[kind] else None


def date_literal(value) -> Literal | None:
    try:
        partial = parse_partial(value)
    except ValueError:
        return None
    return Literal(partial, datatype=NamedNode(datatype(partial)))


class _Graph:
    def __init__(self, graph: NamedNode, source: NamedNode):
        self.graph, self.source = graph, source
        self.quads: list[Quad] = []
        self.evidence_count = 0

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def evidence(self, subject: NamedNode, prop: NamedNode, value, ev: dict | None) -> None:
        if not ev or "quote" not in ev:
            return
        self.evidence_count += 1
        node = NamedNode(f"{self.graph.value}/evidence/{self.evidence_count}")
        self.add(subject, IRDC.evidence, node)
        self.add(node, RDF.type, IRDC.Evidence)
        self.add(node, IRDC.evidenceFor, prop)
        self.add(node, IRDC.value, Literal(str(value)))
        self.add(node, IRDC.quote, Literal(ev["quote"]))
        self.add(node, PROV.wasDerivedFrom, self.source)
        for key, p in (("start", IRDC.startOffset), ("end", IRDC.endOffset)):
            if isinstance(ev.get(key), int):
                self.add(node, p, Literal(str(ev[key]), datatype=XSD.integer))
        if ev.get("rule"):
            self.add(node, IRDC.rule, Literal(str(ev["rule"])))
        if isinstance(ev.get("confidence"), (int, float)):
            self.add(node, IRDC.confidence, Literal(f"{float(ev['confidence']):.2f}", datatype=XSD.decimal))


def document_source_id(linker: Linker, document: str) -> str:
    return linker.by_file.get(document) or f"article-{slug(Path(document).stem)}"


def _entity(g: _Graph, linker: Linker, kind: str, name: str, link: str | None, classes) -> NamedNode:
    """The curated entity if linked, else a new extraction-only one named after the text."""
    known = link if link and link in linker.curated[kind] else linker.find(kind, name)
    if known:
        node = entity("country" if kind == "place" and linker.curated["place"][known].first("type") == "country"
                      else kind, known)
        for cls in classes:
            g.add(node, RDF.type, cls)
        return node
    # The same person spelt two ways in two articles should be one new entity.
    key = "-".join(sorted(name_key(name))) if kind == "person" and name_key(name) else slug(name)
    node = entity(kind, f"x-{key}")
    for cls in classes:
        g.add(node, RDF.type, cls)
    g.add(node, SCHEMA.name, Literal(name))
    g.add(node, SKOS.prefLabel, Literal(name, language="en"))
    g.add(node, IRDC.extractionOnly, TRUE)
    return node


def _body(g: _Graph, linker: Linker, session: dict) -> NamedNode:
    body = session["body"]
    if body in linker.curated["body"]:
        node = entity("body", body)
        g.add(node, RDF.type, IRDC.Body)
        return node
    node = entity("body", body)
    g.add(node, RDF.type, IRDC.Body)
    label = session.get("body_name") or body.replace("-", " ")
    g.add(node, SKOS.prefLabel, Literal(label, language="en"))
    g.add(node, IRDC.extractionOnly, TRUE)
    return node


def _session(g: _Graph, linker: Linker, s: dict) -> None:
    ordinal, date = s.get("ordinal"), date_literal(s["date"]) if s.get("date") else None
    if not s.get("body") or (not isinstance(ordinal, int) and date is None):
        return  # nothing identifies the session
    body = _body(g, linker, s)
    session_id = f"{s['body']}/{ordinal}" if isinstance(ordinal, int) else f"{s['body']}/{date.value}"
    node = NamedNode(f"{ID}session/{session_id}")
    ev = s.get("evidence") or {}
    links = s.get("links") or {}
    g.add(node, RDF.type, IRDC.Session)
    g.add(node, RDF.type, SCHEMA.Event)
    g.add(node, IRDC.sessionOf, body)
    g.evidence(node, IRDC.sessionOf, s["body"], ev.get("session"))
    if isinstance(ordinal, int) and ordinal > 0:
        g.add(node, IRDC.ordinal, Literal(str(ordinal), datatype=XSD.integer))
    if date is not None:
        g.add(node, SCHEMA.startDate, date)
        g.evidence(node, SCHEMA.startDate, date.value, ev.get("date"))
    end = date_literal(s["end_date"]) if s.get("end_date") else None
    if end is not None:
        g.add(node, SCHEMA.endDate, end)
    if s.get("place"):
        place = _entity(g, linker, "place", s["place"], links.get("place_id"), [SCHEMA.Place])
        g.add(node, SCHEMA.location, place)
        g.evidence(node, SCHEMA.location, s["place"], ev.get("place"))
    sides_seen = set()
    for chair in s.get("co_chairs") or []:
        side = schema().side_of_word(chair.get("country") or "")
        if not chair.get("name") or side is None or side in sides_seen:
            continue  # a co-chair needs a name and a side, and one per side
        sides_seen.add(side)
        person = _entity(g, linker, "person", chair["name"], (chair.get("links") or {}).get("person_id"),
                         [SCHEMA.Person])
        qualified = NamedNode(f"{node.value}/co-chair/{person.value.rsplit('/', 1)[-1]}")
        g.add(node, IRDC.coChair, person)
        g.add(node, IRDC.coChairing, qualified)
        g.add(qualified, RDF.type, IRDC.CoChairing)
        g.add(qualified, IRDC.person, person)
        g.add(qualified, IRDC.side, entity("country", side))
        g.add(entity("country", side), RDF.type, SCHEMA.Country)
        g.add(entity("country", side), RDF.type, SCHEMA.Place)
        if chair.get("post"):
            g.add(qualified, IRDC.postTitle, Literal(chair["post"], language="en"))
        g.evidence(qualified, IRDC.person, chair["name"], chair.get("evidence"))
    for i, item in enumerate(s.get("signed") or []):
        kind = fold(item.get("kind", "")) if isinstance(item, dict) else fold(str(item))
        curated_type = schema().document_kind(kind) or "agreement"
        cls = NamedNode(expand(schema().enum("signing", "type")[curated_type]["iri"]))
        known = linker.signed_at.get((session_id, curated_type))
        doc = entity("agreement", known) if known else NamedNode(f"{node.value}/signed/{i + 1}")
        for c in sorted({IRDC.Agreement, cls, SCHEMA.CreativeWork}, key=str):
            g.add(doc, RDF.type, c)
        title = item.get("title") if isinstance(item, dict) else None
        # The signing, in the curated terms: what kind of document, how many, which.
        signing = NamedNode(f"{node.value}/signed/{curated_type}")
        g.add(node, IRDC.signing, signing)
        g.add(signing, RDF.type, IRDC.Signing)
        g.add(signing, IRDC.documentKind, cls)
        g.add(signing, IRDC.document, doc)
        count = item.get("count") if isinstance(item, dict) else None
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            g.add(signing, IRDC.documentCount, Literal(str(count), datatype=XSD.integer))
        g.evidence(signing, IRDC.documentKind, curated_type, item.get("evidence") if isinstance(item, dict) else None)
        if not known:
            g.add(doc, RDFS.label, Literal(title or f"{kind or 'document'} signed at {session_id}", language="en"))
        g.add(doc, IRDC.signedAt, node)
        g.evidence(doc, IRDC.signedAt, kind, item.get("evidence") if isinstance(item, dict) else None)


def _agreement(g: _Graph, linker: Linker, a: dict) -> None:
    title = a.get("title")
    if not title:
        return
    known = linker.agreements.get(fold(title))
    node = entity("agreement", known or f"x-{hashlib.sha1(fold(title).encode()).hexdigest()[:12]}")
    g.add(node, RDF.type, IRDC.Agreement)
    g.add(node, RDF.type, SCHEMA.CreativeWork)
    if not known:
        g.add(node, SCHEMA.name, Literal(title))
        g.add(node, RDFS.label, Literal(title, language="en"))
        g.add(node, IRDC.extractionOnly, TRUE)
    date = date_literal(a["date"]) if a.get("date") else None
    if date is not None and len(date.value) == 10:
        g.add(node, IRDC.signedOn, date)
    g.evidence(node, SCHEMA.name, title, a.get("evidence"))


def _side(word: str | None) -> str | None:
    return schema().side_of_word(word or "") if word else None


def _post(g: _Graph, linker: Linker, p: dict, attested: Literal | None) -> None:
    """A person named with a title: a holding of the post that title names."""
    name, title = p.get("name"), p.get("title")
    if not name or not title:
        return
    side = _side(p.get("country"))
    known = linker.post(title, side)
    post = entity("post", known or f"x-{slug(title)}" + (f"-{side}" if side else ""))
    g.add(post, RDF.type, ORG.Post)
    if not known:
        g.add(post, SKOS.prefLabel, Literal(title, language="en"))
        g.add(post, SCHEMA.name, Literal(title))
        g.add(post, IRDC.extractionOnly, TRUE)
        if side:
            g.add(post, IRDC.side, entity("country", side))
            g.add(entity("country", side), RDF.type, SCHEMA.Country)
            g.add(entity("country", side), RDF.type, SCHEMA.Place)
    person = _entity(g, linker, "person", name, (p.get("links") or {}).get("person_id"), [SCHEMA.Person])
    holding = NamedNode(f"{post.value}/holding/{person.value.rsplit('/', 1)[-1]}")
    g.add(post, IRDC.holding, holding)
    g.add(holding, RDF.type, IRDC.PostHolding)
    g.add(holding, RDF.type, ORG.Membership)
    g.add(holding, IRDC.post, post)
    g.add(holding, IRDC.person, person)
    g.add(holding, ORG.member, person)
    g.add(person, ORG.holds, post)
    if attested is not None and len(attested.value) == 10:
        g.add(holding, IRDC.attestedOn, attested)
    g.evidence(holding, IRDC.person, name, p.get("evidence"))


def _visit(g: _Graph, linker: Linker, v: dict) -> None:
    """A visit by a named person to a place or an organisation."""
    name = v.get("person")
    if not name or not (v.get("place") or v.get("organisation")):
        return
    links = v.get("links") or {}
    person = _entity(g, linker, "person", name, links.get("person_id"), [SCHEMA.Person])
    place = _entity(g, linker, "place", v["place"], links.get("place_id"), [SCHEMA.Place]) if v.get("place") else None
    org = None
    if v.get("organisation"):
        known = linker.organisation(v["organisation"], links.get("organisation_id"))
        org = entity("organisation", known or f"x-{slug(v['organisation'])}")
        for cls in (ORG.Organization, SCHEMA.Organization):
            g.add(org, RDF.type, cls)
        if not known:
            g.add(org, SKOS.prefLabel, Literal(v["organisation"], language="en"))
            g.add(org, SCHEMA.name, Literal(v["organisation"]))
            g.add(org, IRDC.extractionOnly, TRUE)
    date = date_literal(v["date"]) if v.get("date") else None
    parts = [person, place or org]
    key = "-".join(n.value.rsplit("/", 1)[-1].removeprefix("x-") for n in parts) + (f"-{date.value}" if date else "")
    node = entity("visit", f"x-{key}")
    for cls in (IRDC.Visit, SCHEMA.Event):
        g.add(node, RDF.type, cls)
    g.add(node, IRDC.extractionOnly, TRUE)
    where = v.get("place") or v.get("organisation")
    g.add(node, RDFS.label, Literal(f"Visit of {name} to {where}", language="en"))
    g.add(node, IRDC.visitor, person)
    g.evidence(node, IRDC.visitor, name, v.get("evidence"))
    if place is not None:
        g.add(node, SCHEMA.location, place)
    if org is not None:
        g.add(node, IRDC.visited, org)
    if date is not None:
        g.add(node, SCHEMA.startDate, date)


# Register fields an article may state about itself (optional keys of the facts JSON).
REGISTER_FIELDS = (("publisher", SCHEMA.publisher), ("headline", SCHEMA.headline), ("url", SCHEMA.url))


def document_quads(doc: dict, linker: Linker) -> list[Quad]:
    """The named graph of one article's extracted facts."""
    source_id = document_source_id(linker, doc["document"])
    source = entity("source", source_id)
    g = _Graph(extracted_graph(source_id), source)
    g.add(g.graph, RDF.type, IRDC.FactGraph)
    g.add(g.graph, PROV.wasDerivedFrom, source)
    g.add(g.graph, IRDC.method, IRDC.Extracted)
    for cls in (SCHEMA.NewsArticle, SCHEMA.CreativeWork, PROV.Entity):
        g.add(source, RDF.type, cls)
    g.add(source, IRDC.fileName, Literal(doc["document"]))
    published = date_literal(doc["published"]) if doc.get("published") else None
    if published is not None and source_id not in linker.curated["source"]:
        g.add(source, SCHEMA.datePublished, published)
    if source_id not in linker.curated["source"]:
        for key, prop in REGISTER_FIELDS:
            value = doc.get(key)
            if isinstance(value, str) and value.strip():
                url = key == "url" and value.startswith(("http://", "https://")) and not any(c in value for c in '<>" {}|\\^`')
                if key == "url" and not url:
                    continue  # not an IRI the register could hold
                g.add(source, prop, NamedNode(value) if url else Literal(value.strip()))
    if doc.get("duplicate_of"):
        other = entity("source", document_source_id(linker, doc["duplicate_of"]))
        g.add(source, IRDC.duplicateOf, other)
    for s in doc.get("sessions") or []:
        _session(g, linker, s)
    for a in doc.get("agreements") or []:
        _agreement(g, linker, a)
    for p in doc.get("posts") or []:
        _post(g, linker, p, published)
    for v in doc.get("visits") or []:
        _visit(g, linker, v)
    return g.quads


def facts_quads(facts: dict, curated: Curated) -> Iterator[Quad]:
    linker = Linker(curated)
    for doc in facts.get("documents") or []:
        yield from document_quads(doc, linker)


EVENT_KINDS = ("session/", "visit/")
DISPUTABLE = {IRDC.signedOn, IRDC.signedAt}


def structure_of(quads: Iterable[Quad]) -> list[Quad]:
    """The curated quads that describe entities (bodies, people, places, posts, sources and
    the graphs themselves) but no event: the context in which each extracted graph is
    validated on its own. Session dates, places and co-chairs stay out, so an article that
    disagrees with the curated data is a conflict to list, not a broken build."""
    events = tuple(ID + k for k in EVENT_KINDS)
    return [q for q in quads if not q.subject.value.startswith(events) and q.predicate not in DISPUTABLE]
