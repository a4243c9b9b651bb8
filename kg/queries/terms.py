"""RDF terms as text, Python values and SPARQL JSON terms: the conversions results, frames and stream share."""
from __future__ import annotations

from decimal import Decimal

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ..core.vocab import XSD
from ..core.vocab import compact as compact_iri

_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                     "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
def compact(term) -> str:
    """A term as short text: a prefixed name where a project prefix fits, a literal's lexical form."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return compact_iri(term.value) or term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)


def python_value(term):
    """A term as a plain Python value: IRIs as strings, numbers and booleans as such,
    dates kept as their ISO text (sources give partial dates: 2025, 2025-12)."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        dtype = term.datatype.value
        try:
            if dtype in _INTEGER_TYPES:
                return int(term.value)
            if dtype == XSD + "decimal":
                return Decimal(term.value)
            if dtype in (XSD + "double", XSD + "float"):
                return float(term.value)
            if dtype == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    return str(term)


def json_term(term) -> dict:
    """A term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": json_term(term.subject),
                                            "predicate": json_term(term.predicate),
                                            "object": json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")
