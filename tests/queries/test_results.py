"""Results for analysts: DataFrames typed as expected, tables that say when they are
empty and fit the terminal, and errors that name an unknown prefix."""
from __future__ import annotations

import pandas as pd
import pytest

import kg
from kg.cli import main
from kg.core.table import ELLIPSIS, NO_ROWS, fit, render
from kg.queries import QuerySyntaxError
from tests.helpers import trig_store

# Invented sessions: one dated to the day, one to a month, one to a year, one undated.
SESSIONS = """
body:wg-x a irdc:Body, irdc:WorkingGroup ; skos:prefLabel "Working Group on Imagined Matters"@en .
session:wg-x-1 a irdc:Session ; irdc:sessionOf body:wg-x ; irdc:ordinal 1 ; schema:startDate "2019-03-14"^^xsd:date ;
    skos:prefLabel "First meeting of the imagined group"@en .
session:wg-x-2 a irdc:Session ; irdc:sessionOf body:wg-x ; irdc:ordinal 2 ; schema:startDate "2020-07"^^xsd:gYearMonth .
session:wg-x-3 a irdc:Session ; irdc:sessionOf body:wg-x ; schema:startDate "2021"^^xsd:gYear .
session:wg-x-4 a irdc:Session ; irdc:sessionOf body:wg-x ; irdc:ordinal 4 .
session:wg-x-5 a irdc:Session ; irdc:sessionOf body:wg-x ; irdc:ordinal 5 ; schema:startDate "2023-11-02"^^xsd:date .
"""
LIST = """SELECT ?session ?ordinal ?date ?label WHERE {
  ?session irdc:sessionOf body:wg-x .
  OPTIONAL { ?session irdc:ordinal ?ordinal } OPTIONAL { ?session schema:startDate ?date }
  OPTIONAL { ?session skos:prefLabel ?label }
} ORDER BY ?session"""


@pytest.fixture(scope="module")
def sessions():
    return trig_store(SESSIONS)


def test_dataframe_prefixed_names_and_full_iris(sessions):
    result = kg.query(LIST, store=sessions)
    df = result.df
    iris = [row["session"] for row in result]                  # rows keep full IRIs
    assert all(i.startswith("https://w3id.org/irdc/id/session/") for i in iris)
    assert list(df["session"]) == ["session:" + i.rsplit("/session/", 1)[1] for i in iris]
    full = result.to_dataframe(full_iris=True)
    assert list(full["session"]) == iris


def test_dataframe_full_dates_become_timestamps_partial_dates_stay_text(sessions):
    df = kg.query(LIST, store=sessions).df.set_index("session")
    assert df.loc["session:wg-x-1", "date"] == pd.Timestamp("2019-03-14")
    assert df.loc["session:wg-x-2", "date"] == "2020-07"
    assert df.loc["session:wg-x-3", "date"] == "2021"
    assert pd.isna(df.loc["session:wg-x-4", "date"])
    only_days = kg.query("SELECT ?date WHERE { ?s irdc:ordinal ?o ; schema:startDate ?date "
                         "FILTER(datatype(?date) = xsd:date) } ORDER BY ?date", store=sessions).df
    assert pd.api.types.is_datetime64_any_dtype(only_days["date"])
    assert list(only_days["date"].dt.year) == [2019, 2023]


def test_dataframe_one_missing_value_marker(sessions):
    df = kg.query(LIST, store=sessions).df
    assert str(df["ordinal"].dtype) == "Int64"                 # integers stay integers beside a gap
    missing_ordinal = df.loc[df["session"] == "session:wg-x-3", "ordinal"].iloc[0]
    assert missing_ordinal is pd.NA
    labels = df.set_index("session")["label"]
    assert labels["session:wg-x-1"] == "First meeting of the imagined group"
    assert all(labels[s] is pd.NA for s in labels.index if s != "session:wg-x-1")   # NA, not None or NaN
    assert df.isna().sum().sum() == df.map(lambda v: v is pd.NA or v is pd.NaT).sum().sum()


def test_dataframe_of_the_real_graph(store):
    result = kg.query("sessions-of-body", store=store, body="wg-mtc-di")
    df = result.df
    assert list(df.columns) == result.columns and len(df) == len(result)
    assert list(df["ordinal"]) == [row["ordinal"] for row in result]
    assert all(str(v).startswith("body:") for v in df["body"])


def test_ask_as_dataframe(sessions):
    df = kg.query("ASK { ?s a irdc:Session }", store=sessions).df
    assert list(df.columns) == ["boolean"] and bool(df["boolean"].iloc[0]) is True


# ---------------------------------------------------------------- tables

def test_empty_result_says_no_rows(sessions, tmp_path):
    result = kg.query("SELECT ?s WHERE { ?s a irdc:Nothing }", store=sessions)
    text = result.render("table")
    assert text.splitlines()[0] == "s" and text.splitlines()[-1] == NO_ROWS
    assert result.render("csv") == "s\n"                          # machine formats stay well-formed


def test_empty_result_on_the_command_line(built, capsys):
    code = main(["query", "SELECT ?s WHERE { ?s a irdc:Nothing }", "--build", str(built)])
    assert code == 0 and capsys.readouterr().out.rstrip().endswith(NO_ROWS)


def test_wide_table_fits_the_width():
    columns = ["name", "note", "n"]
    rows = [["short", "x" * 150, "1"], ["a much longer name than the others " * 2, "y", "22"]]
    natural = render(columns, rows)
    assert max(map(len, natural.splitlines())) > 100
    for width in (100, 60, 30):
        text = render(columns, rows, width=width)
        assert max(map(len, text.splitlines())) <= width
        assert ELLIPSIS in text
        assert text.splitlines()[2].split()[0] == "short"         # narrow cells are kept whole
    assert render(columns, rows, width=1000) == natural


def test_fit_cuts_the_widest_columns_first():
    assert fit([5, 50, 200], 80) == [5, 35, 35]        # 76 characters of room between the gaps
    assert fit([5, 6], 80) == [5, 6]
    assert fit([40] * 8, 60) == [5] * 8
    assert fit([40] * 30, 60) == [3] * 30              # the floor, even when it overflows


def test_cli_width_option(built, capsys):
    args = ["query", "sessions-of-body", "-p", "body=wg-mtc-di", "--build", str(built)]
    assert main(args) == 0
    natural = capsys.readouterr().out
    assert main(args + ["--width", "70"]) == 0
    cut = capsys.readouterr().out
    assert max(map(len, natural.splitlines())) > 70 >= max(map(len, cut.splitlines()))
    assert len(cut.splitlines()) == len(natural.splitlines())


def test_full_iris_flag(built, capsys):
    args = ["query", "sessions-of-body", "-p", "body=wg-mtc-di", "--build", str(built)]
    assert main(args) == 0
    short = capsys.readouterr().out
    assert main(args + ["--full-iris"]) == 0
    full = capsys.readouterr().out
    assert "body:wg-mtc-di" in short and "https://w3id.org/irdc/id/body/wg-mtc-di" in full


# ---------------------------------------------------------------- unknown prefixes

@pytest.mark.parametrize("text, prefix, line, column", [
    ("SELECT ?s WHERE { ?s a nope:Thing }", "nope", 1, 24),
    ("SELECT ?s WHERE {\n  ?s a body:x , made-up:Thing }", "made-up", 2, 17),
    ("SELECT ?s WHERE { ?s a <http://example.org/a:b> , :Thing }", "", 1, 51),
])
def test_unknown_prefix_is_named(sessions, text, prefix, line, column):
    with pytest.raises(QuerySyntaxError) as info:
        kg.query(text, store=sessions)
    message = str(info.value)
    assert f"unknown prefix '{prefix}:'" in message
    assert message.startswith(f"query:{line}:{column}:")
    assert "\\u{" not in message                                 # no grammar dump
    assert "body:" in message and "irdc:" in message             # the prefixes one can use


def test_unknown_prefix_on_the_command_line(built, capsys):
    code = main(["query", "SELECT ?s WHERE { ?s a nope:Thing }", "--build", str(built)])
    err = capsys.readouterr().err
    assert code == 2 and "unknown prefix 'nope:'" in err and "Traceback" not in err


def test_the_query_list_fits_the_width(capsys):
    assert main(["query", "--list", "--width", "60"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 2 + 14 and max(map(len, lines)) <= 60


def test_a_parameter_with_an_unknown_prefix_is_named(built, capsys):
    code = main(["query", "SELECT ?s WHERE { ?s a ?c }", "-p", "c=nope:Thing", "--build", str(built)])
    err = capsys.readouterr().err
    assert code == 0 and "'nope:' is not one of the project's prefixes" in err and "read as text" in err
    code = main(["query", "sessions-of-body", "-p", "body=nope:thing", "--build", str(built)])
    err = capsys.readouterr().err
    assert code == 2 and "'nope:' is not one of the project's prefixes" in err and "Traceback" not in err
    code = main(["query", "SELECT ?s WHERE { ?s a ?c }", "-p", "c=irdc:Nothing", "--build", str(built)])
    assert "not one of the project's prefixes" not in capsys.readouterr().err   # a known prefix is not blamed
