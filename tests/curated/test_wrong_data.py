"""Wrong data refused by the curated loader at path:line (issue 11, "Wrong data must not pass"):
each case is written into a throwaway copy of the seeds and must fail there, not build."""
from __future__ import annotations

import re

import pytest

from kg.builder import build
from kg.core.errors import InputError
from kg.curated import load

C295 = "seeds/curated/sources/c295-uttarakhand-live-24x7.yaml"
BODIES = "seeds/curated/bodies.yaml"


def edit(project, rel: str, old: str, new: str) -> int:
    """Replace `old` by `new` in a seeds file; return the line `new` starts on."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def append(project, rel: str, text: str) -> int:
    path = project / rel
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def problems(project) -> list[str]:
    with pytest.raises(InputError) as failed:
        load(project / "seeds")
    return [str(p) for p in failed.value.problems]


def test_a_commission_with_a_parent(project):
    line = edit(project, BODIES, "    type: commission\n", "    type: commission\n    parent: wg-mc\n")
    found = problems(project)
    assert any(p.startswith(f"{project / BODIES}:{line + 1}:") and "cannot have a parent" in p for p in found), found


def test_a_parent_cycle_through_the_commission(project):
    line = edit(project, BODIES, "    type: commission\n", "    type: commission\n    parent: wg-mc\n")
    found = problems(project)
    assert any("its own ancestor" in p and "irigc-mmtc" in p for p in found), found


def test_a_holding_that_ends_before_it_starts(project):
    line = edit(project, C295, "      - person: andrei-belousov\nbodies:",
                "      - person: andrei-belousov\n        start: 2024-05-14\n        end: 2023-01-01\nbodies:")
    found = problems(project)
    assert any(p.startswith(f"{project / C295}:{line + 2}:") and "before start" in p for p in found), found


def test_a_source_that_is_its_own_copy(project):
    text = (project / "seeds/sources.yaml").read_text(encoding="utf-8")
    m = re.search(r"^  - id: (\S+)\n", text, re.M)
    sid = m.group(1)
    line = edit(project, "seeds/sources.yaml", m.group(0), m.group(0) + f"    duplicate_of: {sid}\n")
    found = problems(project)
    assert any(p.startswith(f"{project / 'seeds/sources.yaml'}:{line + 1}:") and "copy of itself" in p
               for p in found), found


@pytest.mark.parametrize("char", ["\x00", "\x07", "\u202e", "\u200b", "\ufeff", "\u2066"])
def test_hidden_characters_in_a_label_are_refused(project, char):
    escaped = f"\\u{ord(char):04x}"
    line = edit(project, BODIES, "    name: Working Group on Military Cooperation\n",
                f'    name: "Working Group on{escaped} Military Cooperation"\n')
    found = problems(project)
    assert any(p.startswith(f"{project / BODIES}:{line}:") and f"U+{ord(char):04X}" in p for p in found), found


def test_text_not_in_nfc_is_normalised(project):
    decomposed = "Working Group on Military Coope\u0301ration"       # e + combining acute
    edit(project, BODIES, "    name: Working Group on Military Cooperation\n", f"    name: {decomposed}\n")
    rec = load(project / "seeds")["body"]["wg-mc"]
    assert rec.first("name") == "Working Group on Military Coop\u00e9ration"


@pytest.mark.parametrize("value, says", [
    ("2024-12-10T10:30:00", "date-time"),
    ("2024-12-10 10:30", "expected a date"),
    ("0000-12-10", "no year 0000"),
    ("0000", "no year 0000"),
])
def test_dates_are_never_cut_or_impossible(project, value, says):
    line = edit(project, C295, "    ordinal: 21\n", f"    ordinal: 21\n    date: {value}\n")
    found = problems(project)
    assert any(p.startswith(f"{project / C295}:{line + 1}:") and says in p for p in found), found


def test_a_side_contradicting_nationality_is_a_warning(project, recwarn, capsys):
    from kg.curated.cautions import warnings_of

    edit(project, C295, "    nationality: russia\n", "    nationality: india\n")
    from kg.curated.cautions import CurationWarning

    with pytest.warns(CurationWarning, match="andrei-belousov"):
        curated = load(project / "seeds")
    found = warnings_of(curated)
    assert any(f"{project / C295}:" in str(w) and "andrei-belousov" in str(w) and "nationality" in str(w)
               for w in found), found
    # Only a warning: the build goes on, and says so.
    from kg.cli import main
    assert main(["build", "--root", str(project), "--out", str(project / "build"), "--no-extract"]) == 0
    assert "andrei-belousov" in capsys.readouterr().err


def test_the_real_seeds_have_no_side_warnings(repo):
    from kg.curated.cautions import warnings_of

    assert warnings_of(load(repo / "seeds")) == []


def test_a_failed_load_leaves_the_build_untouched(project):
    out = project / "build"
    build(root=project, out=out, extra=[])
    before = (out / "kg.nq").read_bytes()
    edit(project, BODIES, "    type: commission\n", "    type: commission\n    parent: wg-mc\n")
    with pytest.raises(InputError):
        build(root=project, out=out, extra=[])
    assert (out / "kg.nq").read_bytes() == before


def test_shacl_violations_are_reported_at_the_records_path_and_line(project, capsys):
    from kg.cli import main

    # Two Indian co-chairs at one meeting: only SHACL sees it (a rule across records).
    line = edit(project, C295, "        side: russia\n        post: defence-minister-russia",
                "        side: india\n        post: defence-minister-russia")
    code = main(["build", "--root", str(project), "--out", str(project / "build"), "--no-extract"])
    err = capsys.readouterr().err
    assert code == 1 and "more than one co-chair" in err
    rows = [ln for ln in err.splitlines() if "more than one co-chair" in ln]
    # The session is defined in more than one file; it is placed at one of its records.
    assert rows and all(re.search(r"\.yaml:\d+: Violation", r) for r in rows), err
    chair = [ln for ln in err.splitlines() if "co-chair/andrei-belousov" in ln]
    assert chair and all(re.search(r"\.yaml:\d+: Violation", r) for r in chair), chair
    assert main(["validate", "--root", str(project)]) == 1
    assert re.search(r"\.yaml:\d+: Violation", capsys.readouterr().out)
