"""Stores made for tests: a curated graph from Turtle, and a large synthetic hierarchy."""
from __future__ import annotations

import random

from pyoxigraph import RdfFormat, Store

PREFIXES = """
@prefix irdc: <https://w3id.org/irdc/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix body: <https://w3id.org/irdc/id/body/> .
@prefix person: <https://w3id.org/irdc/id/person/> .
@prefix post: <https://w3id.org/irdc/id/post/> .
@prefix session: <https://w3id.org/irdc/id/session/> .
@prefix country: <https://w3id.org/irdc/id/country/> .
@prefix source: <https://w3id.org/irdc/id/source/> .
@prefix cg: <https://w3id.org/irdc/graph/curated/> .
"""


def trig_store(body: str) -> Store:
    """A store holding one curated named graph with the given Turtle statements."""
    store = Store()
    text = PREFIXES + """
cg:test { cg:test prov:wasDerivedFrom source:test .
  source:test a schema:NewsArticle, schema:CreativeWork ; schema:publisher "Test Wire" ;
    schema:headline "A test report" ; schema:datePublished "2025-01-01"^^xsd:date .
""" + body + "\n}\n"
    store.load(text.encode("utf-8"), format=RdfFormat.TRIG)
    return store


WORDS = ("Aviation", "Naval", "Shipbuilding", "Land Systems", "Missiles", "Electronics", "Space", "Training",
         "Logistics", "Quality Assurance", "Joint Production", "After-Sales Support", "Research", "Standards",
         "Military Medicine", "Hydrography", "Cyber Security", "Air Defence", "Armoured Vehicles", "Submarines")


def synthetic_store(n: int = 200, seed: int = 7) -> Store:
    """A commission with working groups and nested sub-groups, n bodies in all, long names,
    some with co-chaired sessions; generated, so every run draws the same hierarchy."""
    rnd = random.Random(seed)
    lines = []
    ids = ["b0"]
    lines.append('body:b0 a irdc:Body, irdc:Commission ; skos:prefLabel "Synthetic Inter-Governmental '
                 'Commission on Military and Military-Technical Cooperation"@en ; irdc:acronym "SIGC"@en .')
    kinds = {"b0": "commission"}
    for i in range(1, n):
        if i <= 8:
            parent, kind = "b0", "WorkingGroup"
        else:
            # Mostly under working groups, some deeper, a few wide flat groups.
            pool = [b for b in ids if kinds[b] != "commission"]
            parent = rnd.choice(pool[:8]) if rnd.random() < 0.55 else rnd.choice(pool)
            kind = "SubGroup"
        topic = " and ".join(rnd.sample(WORDS, rnd.choice((1, 2, 3))))
        name = (f"Working Group on {topic} Cooperation" if kind == "WorkingGroup"
                else f"Sub-Group on {topic} No. {i}")
        lines.append(f'body:b{i} a irdc:Body, irdc:{kind} ; skos:prefLabel "{name}"@en ; '
                     f'org:subOrganizationOf body:{parent} .')
        if rnd.random() < 0.3:
            lines.append(f'body:b{i} irdc:acronym "SG-{i}"@en .')
        ids.append(f"b{i}")
        kinds[f"b{i}"] = kind
    for i in rnd.sample(range(n), n // 4):
        d = f"20{rnd.randint(15, 25)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}"
        lines.append(f'session:b{i}-1 a irdc:Session ; irdc:sessionOf body:b{i} ; irdc:ordinal {rnd.randint(1, 30)} ; '
                     f'schema:startDate "{d}"^^xsd:date ; irdc:coChairing session:b{i}-1-in, session:b{i}-1-ru .')
        for side, who in (("india", "Rajesh Kumar Srinivasan"), ("russia", "Aleksandr Vladimirovich Petrov")):
            tag = side[:2]
            lines.append(f'session:b{i}-1-{tag} a irdc:CoChairing ; irdc:person person:p{i}{tag} ; '
                         f'irdc:side country:{side} ; irdc:post post:p{i}{tag} .')
            lines.append(f'person:p{i}{tag} a schema:Person ; skos:prefLabel "{who} {i}"@en .')
            lines.append(f'post:p{i}{tag} skos:prefLabel "Deputy Director General (International Cooperation), '
                         f'Department {i}"@en .')
    return trig_store("\n".join(lines))
