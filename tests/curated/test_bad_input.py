"""Bad curated input: `path:line: what is wrong`, every problem at once, non-zero exit, nothing written."""
from __future__ import annotations

import re
import textwrap

import pytest

from kg.cli import main

SOURCE = "sources: [unattributed-2024-11-22]"

CASES = {
    "malformed": ("""\
        people:
          - id: someone
            name: [unclosed
        """, 4, r"malformed YAML: .* that starts at line 3"),
    "unknown-reference": (f"""\
        sessions:
          - body: wg-mc
            ordinal: 4
            co_chairs:
              - person: ashutosh-dixt
                side: india
            {SOURCE}
        """, 5, r"unknown person 'ashutosh-dixt' \(did you mean 'ashutosh-dixit'\?\)"),
    "duplicate-id": (f"""\
        bodies:
          - id: wg-mc
            type: working-group
            name: Working Group on Military Cooperation
            {SOURCE}
        """, 2, r"duplicate body id 'wg-mc' \(first defined at .*bodies.yaml:\d+\)"),
    "wrong-type": (f"""\
        sessions:
          - body: wg-mc
            ordinal: fourth
            {SOURCE}
        """, 3, r"ordinal: expected a positive integer, got 'fourth'"),
    "impossible-date": (f"""\
        sessions:
          - body: wg-mc
            ordinal: 4
            date: 2025-02-30
            {SOURCE}
        """, 4, r"date: impossible date '2025-02-30': 2025-02 has no day 30"),
    "no-source": ("""\
        people:
          - id: new-person
            name: New Person
        """, 2, r"person record has no source"),
    "unknown-field": (f"""\
        people:
          - id: new-person
            name: New Person
            nationalty: india
            {SOURCE}
        """, 4, r"unknown field 'nationalty' in a person \(did you mean 'nationality'\?\)"),
    "unknown-source": ("""\
        people:
          - id: new-person
            name: New Person
            sources: [newsx-2025-10-30]
        """, 4, r"unknown source 'newsx-2025-10-30' \(did you mean 'newsx-2025-10-31'\?\)"),
    "alias-bomb": ("""\
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        """, 1, r"YAML anchors and aliases .* are not allowed"),
}


def run_build(project, capsys):
    code = main(["build", "--root", str(project), "--out", str(project / "build"), "--no-extract"])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_reports_path_and_line(project, capsys, case):
    text, line, pattern = CASES[case]
    bad = project / "seeds" / "curated" / "zz-bad.yaml"
    bad.write_text(textwrap.dedent(text))
    code, output = run_build(project, capsys)
    assert code != 0
    assert "Traceback" not in output
    assert re.search(rf"{re.escape(str(bad))}:{line}: {pattern}", output) or (
        case == "duplicate-id" and re.search(rf"zz-bad.yaml:{line}: {pattern}", output)), output
    assert not (project / "build").exists()


def test_oversized_file(project, capsys, monkeypatch):
    import kg.curated.read

    monkeypatch.setattr(kg.curated.read, "MAX_FILE_BYTES", 10_000)
    bad = project / "seeds" / "curated" / "zz-big.yaml"
    bad.write_text("people:\n" + "  # padding\n" * 2000)
    code, output = run_build(project, capsys)
    assert code != 0 and f"{bad}:1: file is" in output and "the limit is 10,000" in output
    assert not (project / "build").exists()


def test_every_problem_is_reported_at_once(project, capsys):
    curated = project / "seeds" / "curated"
    (curated / "zz-one.yaml").write_text(textwrap.dedent(CASES["wrong-type"][0]))
    (curated / "zz-two.yaml").write_text(textwrap.dedent(CASES["no-source"][0]))
    (curated / "zz-three.yaml").write_text(textwrap.dedent(CASES["unknown-reference"][0]).replace("ordinal: 4", "ordinal: 9"))
    code, output = run_build(project, capsys)
    assert code != 0
    assert "zz-one.yaml:3:" in output and "zz-two.yaml:2:" in output and "zz-three.yaml:5:" in output


def test_not_utf8(project, capsys):
    bad = project / "seeds" / "curated" / "zz-latin1.yaml"
    bad.write_bytes("people:\n  - id: x\n    name: Andr\xe9\n".encode("latin-1"))
    code, output = run_build(project, capsys)
    assert code != 0 and f"{bad}:3: not UTF-8 text" in output


def test_validate_exit_codes(project, capsys, tmp_path):
    assert main(["validate", "--root", str(project)]) == 0
    (project / "seeds" / "curated" / "zz-bad.yaml").write_text(textwrap.dedent(CASES["malformed"][0]))
    assert main(["validate", "--root", str(project)]) == 2
    garbage = tmp_path / "broken.nq"
    garbage.write_text("<a> <b> .\n")
    assert main(["validate", str(garbage), "--root", str(project)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_validate_a_built_dataset_with_a_disagreeing_extracted_graph(project, tmp_path):
    from kg.builder import build
    from kg.builder.extracted import facts_quads

    facts = {"documents": [{"document": "x.txt", "sessions": [{"body": "wg-mtc-di", "ordinal": 22, "date": "2024-11-21"}]}]}
    out = tmp_path / "b"
    build(root=project, out=out, extra=[lambda root, cur: facts_quads(facts, cur)])
    # Two sources disagree on a date: a conflict to list, not an invalid dataset.
    assert main(["validate", str(out / "kg.nq"), "--root", str(project)]) == 0
    broken = tmp_path / "broken.nq"
    broken.write_text((out / "kg.nq").read_text() + '<https://w3id.org/irdc/id/person/x> '
                      '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> .\n')
    assert main(["validate", str(broken), "--root", str(project)]) == 1


def test_one_source_with_two_holders_in_office_at_once(project, capsys):
    extra = project / "seeds" / "curated" / "sources" / "c306-wikipedia.yaml"
    extra.write_text(textwrap.dedent("""\
        source: c306-wikipedia
        posts:
          - id: defence-secretary-india
            holders:
              - {person: g-mohan-kumar, start: 2015-05-25, end: 2017-05-24}
              - {person: sanjay-mitra, start: 2017-01-01, end: 2019-08-23}
        """))
    code, output = run_build(project, capsys)
    assert code != 0 and "in office at once" in output and f"{extra}:6:" in output
    extra.write_text(extra.read_text().replace("end: 2017-05-24}", "end: 2017-05-24, additional_charge: true}"))
    code, output = run_build(project, capsys)
    assert code == 0, output


def test_one_source_gives_one_value_per_field_and_two_sources_may_differ(project, capsys):
    path = project / "seeds" / "curated" / "sources" / "c165-india-today.yaml"
    text = path.read_text()
    assert "ordinal: 23" in text
    # Two sources, two first days of the 23rd meeting: both kept.
    code, output = run_build(project, capsys)
    assert code == 0, output
    both = project / "seeds" / "curated" / "zz-two-dates.yaml"
    both.write_text(textwrap.dedent("""\
        sessions:
          - body: wg-mtc-di
            ordinal: 23
            date:
              - {value: 2025-10-24, sources: [c165-india-today]}
              - {value: 2025-10-26, sources: [c165-india-today]}
        """))
    code, output = run_build(project, capsys)
    assert code != 0 and "gives two values for date" in output
