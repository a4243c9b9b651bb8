"""What `make demo` prints after the build: a few facts straight from the graph."""
from __future__ import annotations

from .output import render
from .store import open_store, select

SESSIONS = """
PREFIX irdc: <https://w3id.org/irdc/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?body ?ordinal ?date ?place (GROUP_CONCAT(DISTINCT ?chair; separator="; ") AS ?co_chairs) WHERE {
  ?s irdc:sessionOf ?b ; irdc:ordinal ?ordinal .
  ?b skos:prefLabel ?body .
  OPTIONAL { ?s schema:startDate ?date }
  OPTIONAL { ?s schema:location/schema:name ?place }
  OPTIONAL { ?s irdc:coChair/schema:name ?chair }
}
GROUP BY ?body ?ordinal ?date ?place
ORDER BY ?date ?body
"""


def main() -> None:
    store = open_store()
    rows = [[(row[v].value if row[v] is not None else "") for v in ("body", "ordinal", "date", "place", "co_chairs")]
            for row in select(store, SESSIONS)]
    print(render(["body", "ordinal", "date", "place", "co-chairs"], rows), end="")


if __name__ == "__main__":
    main()
