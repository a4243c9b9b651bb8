"""The ontology: declared, labelled and defined terms, using the vocabulary DESIGN.md fixes."""
from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

from kg.core.vocab import IRDC, ORG, OWL, RDF, RDFS, SCHEMA, SKOS

IRDC_NS = str(IRDC)


@pytest.fixture(scope="module")
def onto(repo):
    store = Store()
    store.load(path=str(repo / "ontology" / "irdc.ttl"), format=RdfFormat.TURTLE)
    return store


def terms(onto, cls):
    return {q.subject for q in onto.quads_for_pattern(None, RDF.type, cls) if q.subject.value.startswith(IRDC_NS)}


def test_ontology_header(onto):
    o = NamedNode("https://w3id.org/irdc/ontology")
    assert list(onto.quads_for_pattern(o, RDF.type, OWL.Ontology))
    assert list(onto.quads_for_pattern(o, OWL.versionIRI, None))


def test_every_term_has_label_and_definition(onto):
    declared = set()
    for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        declared |= terms(onto, cls)
    assert len(declared) > 40
    for term in declared:
        assert list(onto.quads_for_pattern(term, RDFS.label, None)), term
        assert list(onto.quads_for_pattern(term, SKOS.definition, None)), term


@pytest.mark.parametrize("child, parent", [
    ("Commission", ORG.Organization), ("WorkingGroup", ORG.Organization), ("SubGroup", ORG.Organization),
    ("WorkingGroup", ORG.OrganizationalUnit), ("SubGroup", ORG.OrganizationalUnit),
    ("Session", SCHEMA.Event), ("Protocol", IRDC.Agreement), ("Contract", IRDC.Agreement),
])
def test_design_class_hierarchy(onto, child, parent):
    assert list(onto.quads_for_pattern(IRDC.term(child), RDFS.subClassOf, parent))


@pytest.mark.parametrize("name", [
    "sessionOf", "ordinal", "coChair", "coChairing", "person", "side", "post", "signedAt", "signedOn",
    "signatory", "method", "statedSubGroupCount", "attestedOn", "quote", "startOffset", "endOffset", "confidence",
])
def test_design_properties_declared(onto, name):
    assert list(onto.quads_for_pattern(IRDC.term(name), RDF.type, None))


def test_built_graph_uses_only_declared_irdc_terms(onto, store):
    used = {q.predicate for q in store.quads_for_pattern(None, None, None) if q.predicate.value.startswith(IRDC_NS)}
    used |= {q.object for q in store.quads_for_pattern(None, RDF.type, None) if q.object.value.startswith(IRDC_NS)}
    declared = {q.subject for q in onto.quads_for_pattern(None, RDF.type, None)}
    assert used and used <= declared, used - declared
