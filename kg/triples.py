"""Curated records as RDF quads, each fact in the named graph of every source that states it.

A record's own sources carry its type and label; a field's claims carry their
own sources, so a place that only one article gives lands only in that
article's graph. Qualified nodes (co-chairings, post holdings) get IRIs under
their owner instead of blank nodes, which keeps builds byte-identical.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from .curated import Claim, Curated, Record
from .dates import datatype
from .vocab import FOAF, IRDC, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, curated_graph, entity

BODY_CLASSES = {
    "commission": [IRDC.Commission],
    "working-group": [IRDC.WorkingGroup, ORG.OrganizationalUnit],
    "sub-group": [IRDC.SubGroup, ORG.OrganizationalUnit],
    "summit-series": [IRDC.SummitSeries],
    "dialogue": [IRDC.Dialogue],
}
AGREEMENT_CLASSES = {
    "agreement": IRDC.Agreement, "protocol": IRDC.Protocol, "contract": IRDC.Contract,
    "memorandum": IRDC.Memorandum, "joint-statement": IRDC.JointStatement, "roadmap": IRDC.Roadmap,
}
EVENT_STATUS = {"planned": SCHEMA.EventScheduled, "postponed": SCHEMA.EventPostponed,
                "cancelled": SCHEMA.EventCancelled}
SOURCE_CLASSES = {"news-article": SCHEMA.NewsArticle, "press-release": SCHEMA.CreativeWork,
                  "official-statement": SCHEMA.CreativeWork, "report": SCHEMA.Report,
                  "project-brief": SCHEMA.CreativeWork}


def text(value: str) -> Literal:
    return Literal(value, language="en")


def plain(value: str) -> Literal:
    return Literal(value)


def date(value: str) -> Literal:
    return Literal(value, datatype=NamedNode(datatype(value)))


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def year(value: str) -> Literal:
    return Literal(value, datatype=XSD.gYear)


def place_iri(curated: Curated, slug: str) -> NamedNode:
    rec = curated["place"].get(slug)
    return entity("country" if rec is not None and rec.first("type") == "country" else "place", slug)


def ordinal_words(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _Emitter:
    def __init__(self, curated: Curated):
        self.curated = curated
        self.quads: list[Quad] = []

    def add(self, s, p, o, sources: Iterable[str]) -> None:
        for src in sources:
            self.quads.append(Quad(s, p, o, curated_graph(src)))

    def field(self, s, p, rec: Record, name: str, convert) -> None:
        for claim in rec.claims(name):
            self.add(s, p, convert(claim.value), claim.sources)

    def ref(self, s, p, rec: Record, name: str, kind: str, inverse=None) -> None:
        for claim in rec.claims(name):
            o = place_iri(self.curated, claim.value) if kind == "place" else entity(kind, claim.value)
            self.add(s, p, o, claim.sources)
            if inverse is not None:
                self.add(o, inverse, s, claim.sources)

    def types(self, s, classes, rec: Record) -> None:
        for cls in classes:
            self.add(s, RDF.type, cls, rec.sources)

    def labels(self, s, rec: Record, name_field: str = "name") -> None:
        self.field(s, SKOS.prefLabel, rec, name_field, text)
        self.field(s, SCHEMA.name, rec, name_field, plain)
        self.field(s, SKOS.altLabel, rec, "alt_names", text)
        for claim in rec.claims("acronyms"):
            self.add(s, IRDC.acronym, text(claim.value), claim.sources)
            self.add(s, SKOS.altLabel, text(claim.value), claim.sources)
        self.field(s, SCHEMA.description, rec, "description", text)


def _sources(em: _Emitter) -> None:
    for rec in em.curated["source"].values():
        s, g = entity("source", rec.id), curated_graph(rec.id)
        em.add(g, RDF.type, IRDC.FactGraph, [rec.id])
        em.add(g, PROV.wasDerivedFrom, s, [rec.id])
        em.add(g, IRDC.method, IRDC.Curated, [rec.id])
        em.add(s, RDF.type, SOURCE_CLASSES[rec.first("kind")], [rec.id])
        em.add(s, RDF.type, SCHEMA.CreativeWork, [rec.id])
        em.add(s, RDF.type, PROV.Entity, [rec.id])
        for name, p in (("publisher", SCHEMA.publisher), ("headline", SCHEMA.headline)):
            for value in rec.values(name):
                em.add(s, p, plain(value), [rec.id])
        for value in rec.values("date_published"):
            em.add(s, SCHEMA.datePublished, date(value), [rec.id])
        for value in rec.values("file"):
            em.add(s, IRDC.fileName, plain(value), [rec.id])
        for value in rec.values("url"):
            em.add(s, SCHEMA.url, NamedNode(value), [rec.id])
        for value in rec.values("duplicate_of"):
            em.add(s, IRDC.duplicateOf, entity("source", value), [rec.id])
        for value in rec.values("note"):
            em.add(s, RDFS.comment, text(value), [rec.id])


def _places(em: _Emitter) -> None:
    for rec in em.curated["place"].values():
        s = place_iri(em.curated, rec.id)
        kind = rec.first("type")
        em.types(s, [SCHEMA.Place] + ([SCHEMA.Country] if kind == "country" else [])
                 + ([SCHEMA.City] if kind == "city" else []), rec)
        em.labels(s, rec)
        em.ref(s, SCHEMA.containedInPlace, rec, "in", "place")


def _organisations(em: _Emitter) -> None:
    for rec in em.curated["organisation"].values():
        s = entity("organisation", rec.id)
        em.types(s, [ORG.Organization, SCHEMA.Organization], rec)
        em.labels(s, rec)
        em.ref(s, IRDC.side, rec, "country", "place")
        em.ref(s, ORG.subOrganizationOf, rec, "parent", "organisation", inverse=ORG.hasSubOrganization)
        em.ref(s, SCHEMA.location, rec, "location", "place")
    for rec in em.curated["product"].values():
        s = entity("product", rec.id)
        em.types(s, [SCHEMA.Product], rec)
        em.labels(s, rec)
        em.field(s, SCHEMA.category, rec, "type", text)
        em.ref(s, SCHEMA.manufacturer, rec, "manufacturer", "organisation")


def _people(em: _Emitter) -> None:
    for rec in em.curated["person"].values():
        s = entity("person", rec.id)
        em.types(s, [SCHEMA.Person, FOAF.Person], rec)
        em.labels(s, rec)
        em.field(s, SCHEMA.givenName, rec, "given_name", plain)
        em.field(s, SCHEMA.familyName, rec, "family_name", plain)
        em.field(s, SCHEMA.additionalName, rec, "additional_name", plain)
        em.field(s, SCHEMA.honorificPrefix, rec, "honorific", plain)
        em.ref(s, SCHEMA.nationality, rec, "nationality", "place")


def _posts(em: _Emitter) -> None:
    for rec in em.curated["post"].values():
        s = entity("post", rec.id)
        em.types(s, [ORG.Post], rec)
        em.labels(s, rec, name_field="title")
        em.field(s, SKOS.altLabel, rec, "alt_titles", text)
        em.ref(s, ORG.postIn, rec, "organisation", "organisation")
        em.ref(s, IRDC.side, rec, "side", "place")
        for holding in rec.children.get("holders", []):
            person = holding.first("person")
            h = NamedNode(f"{s.value}/holding/{person}")
            p = entity("person", person)
            em.add(s, IRDC.holding, h, holding.sources)
            em.add(h, RDF.type, IRDC.PostHolding, holding.sources)
            em.add(h, IRDC.person, p, holding.sources)
            em.add(h, IRDC.post, s, holding.sources)
            em.add(p, ORG.holds, s, holding.sources)
            em.field(h, SCHEMA.startDate, holding, "start", date)
            em.field(h, SCHEMA.endDate, holding, "end", date)
            em.field(h, IRDC.attestedOn, holding, "attested_on", date)


def _bodies(em: _Emitter) -> None:
    for rec in em.curated["body"].values():
        s = entity("body", rec.id)
        em.types(s, [IRDC.Body, ORG.Organization] + BODY_CLASSES[rec.first("type")], rec)
        em.labels(s, rec)
        for claim in rec.claims("former_names"):
            em.add(s, IRDC.formerLabel, text(claim.value), claim.sources)
            em.add(s, SKOS.altLabel, text(claim.value), claim.sources)
        em.ref(s, ORG.subOrganizationOf, rec, "parent", "body", inverse=ORG.hasSubOrganization)
        em.field(s, SCHEMA.foundingDate, rec, "founded", year)
        em.field(s, IRDC.statedWorkingGroupCount, rec, "working_group_count", integer)
        em.field(s, IRDC.statedSubGroupCount, rec, "sub_group_count", integer)
        em.ref(s, IRDC.participant, rec, "participants", "organisation")


def session_label(curated: Curated, rec: Record) -> str:
    body = curated["body"][rec.first("body")]
    short = (body.values("acronyms") or [body.first("name")])[0]
    ordinal = rec.first("ordinal")
    return f"{ordinal_words(ordinal)} session of {short}" if ordinal else f"{short}, {rec.first('date')}"


def _sessions(em: _Emitter) -> None:
    for rec in em.curated["session"].values():
        s = entity("session", rec.id)
        em.types(s, [IRDC.Session, SCHEMA.Event], rec)
        em.add(s, RDFS.label, text(session_label(em.curated, rec)), rec.sources)
        em.ref(s, IRDC.sessionOf, rec, "body", "body")
        em.field(s, IRDC.ordinal, rec, "ordinal", integer)
        em.field(s, SCHEMA.startDate, rec, "date", date)
        em.field(s, SCHEMA.endDate, rec, "end_date", date)
        em.ref(s, SCHEMA.location, rec, "place", "place")
        for claim in rec.claims("status"):
            if claim.value in EVENT_STATUS:
                em.add(s, SCHEMA.eventStatus, EVENT_STATUS[claim.value], claim.sources)
        em.ref(s, IRDC.onSidelinesOf, rec, "on_sidelines_of", "session")
        em.ref(s, SCHEMA.attendee, rec, "attendees", "person")
        for chair in rec.children.get("co_chairs", []):
            person = chair.first("person")
            node = NamedNode(f"{s.value}/co-chair/{person}")
            p = entity("person", person)
            em.add(s, IRDC.coChair, p, chair.sources)
            em.add(s, IRDC.coChairing, node, chair.sources)
            em.add(node, RDF.type, IRDC.CoChairing, chair.sources)
            em.add(node, IRDC.person, p, chair.sources)
            em.ref(node, IRDC.side, chair, "side", "place")
            em.ref(node, IRDC.post, chair, "post", "post")
            em.field(node, IRDC.postTitle, chair, "post_title", text)


def _agreements(em: _Emitter) -> None:
    for rec in em.curated["agreement"].values():
        s = entity("agreement", rec.id)
        cls = AGREEMENT_CLASSES[rec.first("type")]
        em.types(s, sorted({IRDC.Agreement, cls, SCHEMA.CreativeWork}, key=str), rec)
        em.field(s, SCHEMA.name, rec, "name", plain)
        em.field(s, RDFS.label, rec, "name", text)
        em.field(s, RDFS.label, rec, "label", text)
        em.field(s, SCHEMA.description, rec, "description", text)
        periods = rec.claims("period")
        if periods:
            em.add(s, IRDC.periodStart, year(periods[0].value), periods[0].sources)
            em.add(s, IRDC.periodEnd, year(periods[-1].value), periods[-1].sources)
        em.ref(s, IRDC.signedAt, rec, "signed_at", "session")
        em.field(s, IRDC.signedOn, rec, "signed_on", date)
        em.ref(s, IRDC.signatory, rec, "signatories", "person")


def _visits(em: _Emitter) -> None:
    for rec in em.curated["visit"].values():
        s = entity("visit", rec.id)
        em.types(s, [IRDC.Visit, SCHEMA.Event], rec)
        visitor = em.curated["person"][rec.first("visitor")].first("name")
        where = rec.first("visited") or rec.first("place")
        target = (em.curated["organisation"].get(where) or em.curated["place"].get(where)).first("name")
        em.add(s, RDFS.label, text(f"Visit of {visitor} to {target}"), rec.sources)
        em.ref(s, IRDC.visitor, rec, "visitor", "person")
        em.ref(s, IRDC.visited, rec, "visited", "organisation")
        em.ref(s, SCHEMA.location, rec, "place", "place")
        em.field(s, SCHEMA.startDate, rec, "date", date)
        em.ref(s, SCHEMA.attendee, rec, "others_present", "person")
        em.field(s, SCHEMA.description, rec, "description", text)


def curated_quads(curated: Curated) -> Iterator[Quad]:
    """Every curated fact as quads (unsorted, possibly repeated)."""
    em = _Emitter(curated)
    for part in (_sources, _places, _organisations, _people, _posts, _bodies, _sessions, _agreements, _visits):
        part(em)
    return iter(em.quads)
