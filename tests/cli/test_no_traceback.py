"""No traceback anywhere (issue 11): every bad input or fault the issue lists, through the real
CLI, ends in a clear message and a non-zero exit. `main()` turns only the package's own errors
into messages, so an unexpected exception fails the test instead of being hidden."""
from __future__ import annotations

import os
import shutil

import pytest

from kg.cli import main

C004 = "seeds/curated/sources/c004-bbc-news.yaml"


def run(args, capsys) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    err = captured.err
    assert "Traceback" not in err + captured.out
    return code, err


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- curated input

def _visit_without_place(p):
    replace_in(p / C004, "    place: india\n", "")
    return p / C004, None      # a visit to somewhere unnamed is allowed: it builds, labelled without a place


def _url_with_quote(p):
    src = p / "seeds/sources.yaml"
    text = src.read_text(encoding="utf-8")
    start = text.index("url: ") + len("url: ")
    end = text.index("\n", start)
    src.write_text(text[:start] + "'" + text[start:end].strip("'\"") + '">x' + "'" + text[end:], encoding="utf-8")
    return src, "url"


def _id_with_newline(p):
    replace_in(p / C004, "  - id: klebanov-visit-india-2001-02\n", '  - id: "klebanov-visit-india-2001-02\\n"\n')
    return p / C004, "id"


def _deep_nesting(p):
    (p / "seeds/curated/deep.yaml").write_text("bodies: " + "[" * 990 + "]" * 990 + "\n", encoding="utf-8")
    return p / "seeds/curated/deep.yaml", "nested"


def _folder_named_yaml(p):
    (p / "seeds/curated/odd.yaml").mkdir()
    return p / "seeds/curated/odd.yaml", ""


def _dev_zero(p):
    os.symlink("/dev/zero", p / "seeds/curated/zero.yaml")
    return p / "seeds/curated/zero.yaml", ""


@pytest.mark.parametrize("make", [_visit_without_place, _url_with_quote, _id_with_newline, _deep_nesting,
                                  _folder_named_yaml, _dev_zero], ids=lambda f: f.__name__.strip("_"))
def test_bad_curated_input(project, capsys, make):
    path, word = make(project)
    code, err = run(["build", "--root", str(project), "--out", str(project / "build"), "--no-extract"], capsys)
    if word is None:
        assert code == 0, err
        return
    assert code != 0 and f"{path}:" in err and word in err, err
    assert not (project / "build").exists()


# ---------------------------------------------------------------- the ontology

@pytest.mark.parametrize("damage", ["missing", "broken"])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_missing_or_broken_shapes(project, capsys, damage, command):
    shapes = project / "ontology" / "shapes.ttl"
    if damage == "missing":
        shapes.unlink()
    else:
        shapes.write_text(shapes.read_text(encoding="utf-8")[:2000] + "\n<broken", encoding="utf-8")
    args = [command, "--root", str(project)] + (["--out", str(project / "build"), "--no-extract"]
                                               if command == "build" else [])
    code, err = run(args, capsys)
    assert code != 0 and "shapes.ttl" in err, err


# ---------------------------------------------------------------- query parameters

@pytest.mark.parametrize("value", ["wg-mc>", 'a"b', "a b", "http://x/<y>", "{}", "\\u0000"])
def test_query_parameters_with_invalid_iri_characters(built, capsys, value):
    code, err = run(["query", "sessions-of-body", "--param", f"body={value}", "--build", str(built)], capsys)
    assert code != 0 and "body" in err, err


# ---------------------------------------------------------------- a damaged built dataset

@pytest.fixture(params=["truncated", "not-utf8"])
def damaged(request, built, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(built, out)
    data = (out / "kg.nq").read_bytes()
    if request.param == "truncated":
        cut = data[: len(data) // 2]
        (out / "kg.nq").write_bytes(cut[: cut.rindex(b"\n") + 40])
    else:
        at = data.index(b"\n", 5000) + 1      # a whole line in Latin-1 among the UTF-8 ones
        (out / "kg.nq").write_bytes(data[:at] + b'<https://e/s> <https://e/p> "caf\xe9" <https://e/g> .\n' + data[at:])
    return out


@pytest.mark.parametrize("args", [
    ["query", "hierarchy"], ["conflicts"], ["review"], ["chart", "org", "-o", "{tmp}/org.png"],
    ["export", "graphml", "hierarchy", "-o", "{tmp}/h.graphml"], ["push", "--endpoint", "http://127.0.0.1:9/store"],
], ids=lambda a: a[0])
def test_a_damaged_dataset(damaged, capsys, args, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--build", str(damaged)]
    code, err = run(args, capsys)
    assert code != 0 and "kg.nq" in err, err
