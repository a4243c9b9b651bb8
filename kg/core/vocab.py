"""Namespaces and identifier rules (../shared/DESIGN.md, "Identifiers")."""
from __future__ import annotations

from pyoxigraph import NamedNode

BASE = "https://w3id.org/irdc/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"


class Namespace(str):
    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self + name)

    def term(self, name: str) -> NamedNode:
        return NamedNode(self + name)


IRDC = Namespace(BASE + "ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")

PREFIXES = {
    "irdc": str(IRDC), "org": str(ORG), "schema": str(SCHEMA), "skos": str(SKOS),
    "prov": str(PROV), "foaf": str(FOAF), "rdf": str(RDF), "rdfs": str(RDFS),
    "xsd": str(XSD), "owl": str(OWL),
    "body": ID + "body/", "session": ID + "session/", "person": ID + "person/",
    "post": ID + "post/", "place": ID + "place/", "country": ID + "country/",
    "organisation": ID + "organisation/", "agreement": ID + "agreement/",
    "source": ID + "source/", "visit": ID + "visit/", "product": ID + "product/",
    "cg": GRAPH + "curated/", "eg": GRAPH + "extracted/",
}


_BY_LENGTH = sorted(((iri, pfx) for pfx, iri in PREFIXES.items()), key=lambda p: -len(p[0]))


def compact(iri: str) -> str | None:
    """`https://w3id.org/irdc/id/body/wg-mc` -> `body:wg-mc`; None where no project prefix fits."""
    for ns, pfx in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{pfx}:{iri[len(ns):]}"
    return None


def entity(kind: str, slug: str) -> NamedNode:
    """`https://w3id.org/irdc/id/{kind}/{slug}`; session slugs carry their body: `wg-mc/5`."""
    return NamedNode(f"{ID}{kind}/{slug}")


def curated_graph(source_id: str) -> NamedNode:
    return NamedNode(f"{GRAPH}curated/{source_id}")


def extracted_graph(document_slug: str) -> NamedNode:
    return NamedNode(f"{GRAPH}extracted/{document_slug}")
