"""SPARQL over the built graph: inline text, a `.rq` file, or a query of the library.

    import kg
    result = kg.query("sessions-of-body", body="wg-mtc-di")
    for row in result:                 # each row is a dict: column -> Python value
        print(row["ordinal"], row["date"], row["place"])
    result.df                          # a pandas DataFrame

    library.py  the library of `.rq` files and their documented parameters
    params.py   parameter values as RDF terms, bound through the engine
    terms.py    one RDF term as short text, a Python value, a SPARQL JSON term
    results.py  rows of terms as Python values, tables, SPARQL JSON
    frames.py   results as pandas DataFrames (prefixed names, dates, pd.NA)
    stream.py   CSV, TSV and JSON written row by row (lazy results)
    run.py      resolving, checking (read-only) and evaluating a query
    errors.py   what can go wrong, with exit codes

Kept light on purpose: this is the `kg query` path, which must start fast, so
only pyoxigraph and the standard library are imported here (pandas, a core
dependency, only when a DataFrame is asked for).
"""
from .errors import ParamError, QueryError, QueryFailed, QuerySyntaxError, QueryTimeout, ReadOnlyError, UnknownQueryError
from .library import LibraryQuery, Param, get_query, list_queries, ordered, parse_header, query_names
from .params import bind_params, to_term
from .results import STREAMED, Result, compact, json_term, python_value
from .run import check_read_only, execute, first_keyword, query, resolve

__all__ = ["ParamError", "QueryError", "QueryFailed", "QuerySyntaxError", "QueryTimeout", "ReadOnlyError",
           "UnknownQueryError", "STREAMED", "LibraryQuery", "Param", "get_query", "list_queries", "ordered", "parse_header",
           "query_names", "bind_params", "to_term", "Result", "compact", "json_term", "python_value",
           "check_read_only", "execute", "first_keyword", "query", "resolve"]
