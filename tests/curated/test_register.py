"""`kg import-register`: a corpus register's entries become cited sources, once."""
from __future__ import annotations

import textwrap

from kg.cli import main
from kg.curated import load


REGISTER = """\
- file: 900_test-wire.txt
  url: https://example.org/news/900
  publisher: Test Wire
  language: en
  date: '2026-01-05'
  headline: A test headline
  date_basis: page header
- file: 901_test-copy.txt
  url: https://example.org/news/901
  publisher: Test Copy
  language: hi
  duplicate_of: 900_test-wire.txt
- file: 902_same-page.txt
  url: https://example.org/news/902
  publisher: NewsX
  language: en
  same_as: [000_eb7c5755d6f1ba8b.txt]
"""


def test_import_register_adds_sources_once_and_extends_same_pages(project, tmp_path, capsys):
    register = tmp_path / "register.yaml"
    register.write_text(REGISTER)
    before = (project / "seeds" / "sources.yaml").read_text()
    assert main(["import-register", str(register), "--root", str(project)]) == 0
    sources = load(project / "seeds")["source"]
    wire, copy = sources["c900-test-wire"], sources["c901-test-copy"]
    assert (wire.first("publisher"), wire.first("headline"), wire.first("date_published")) == \
        ("Test Wire", "A test headline", "2026-01-05")
    assert copy.first("duplicate_of") == "c900-test-wire" and copy.first("date_published") is None
    assert copy.first("language") == "hi"
    assert "902_same-page.txt" in sources["newsx-2025-10-31"].values("file")   # the same page, not a new source
    assert "c902-same-page" not in sources
    text = (project / "seeds" / "sources.yaml").read_text()
    assert text.startswith(before.split("sources:")[0])                         # the register's comments are kept
    assert main(["import-register", str(register), "--root", str(project)]) == 0
    assert (project / "seeds" / "sources.yaml").read_text() == text             # twice changes nothing
    assert "0 source(s)" in capsys.readouterr().out


def test_import_register_refuses_a_broken_register(project, tmp_path, capsys):
    register = tmp_path / "register.yaml"
    register.write_text(textwrap.dedent("""\
        - file: x.txt
          url: [unclosed
        """))
    before = (project / "seeds" / "sources.yaml").read_text()
    assert main(["import-register", str(register), "--root", str(project)]) == 2
    err = capsys.readouterr().err
    assert "register.yaml" in err and "Traceback" not in err
    assert (project / "seeds" / "sources.yaml").read_text() == before
