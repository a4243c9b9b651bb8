"""SHACL on pyoxigraph: the project's shapes compiled into whole-graph SPARQL queries.

    compile.py   ontology/shapes.ttl -> checks (one query per constraint, from the
                 templates in ontology/sparql/shacl/)
    engine.py    run the checks over a pyoxigraph Store -> violations

pySHACL evaluates each constraint once per focus node (and re-parses SPARQL-based
constraints each time), which made the curated record's validation grow with the
number of sessions times their body's sessions. Here each constraint is one query
over the whole graph, so a million quads validate in seconds. The compiler refuses
any SHACL feature it does not implement, so a new shape cannot be silently skipped;
tests/builder/test_shapes.py runs every shape test through both engines.
"""
from .compile import Check, UnsupportedShape, compile_shapes
from .engine import run_checks

__all__ = ["Check", "UnsupportedShape", "compile_shapes", "run_checks"]
