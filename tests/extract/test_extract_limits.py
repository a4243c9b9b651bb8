"""The extractor's worst cases: size and time limits, special files, encodings,
inputs that are pathological for spaCy. Inputs are generated; no timing is
asserted (a case that regressed would hang or crash the test instead)."""
from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner

from kg.cli.extract import extract
from kg.core.errors import KgError
from kg.extract import extract_paths, extract_text
from kg.extract.limits import Limits, Skipped
from kg.extract.pipeline import MAX_BLOCK, _blocks
from kg.extract.text import MAX_RUN, NotText, decode_bytes, match_copy, read_document

REPORT = ("NEW DELHI, March 3: The 9th meeting of the Working Group on Military Cooperation was held in "
          "New Delhi today. It was co-chaired by Lt Gen Arun Mehta and Colonel General Boris Zhukov, "
          "who called the talks \u201cfrank\u201d \u2014 \u0437\u0430\u0441\u0435\u0434\u0430\u043d\u0438\u0435.\n")


def _sessions(doc):
    return [(s["body"], s["ordinal"], s.get("place")) for s in doc["sessions"]]


def _corpus(tmp_path, **files):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    return tmp_path


# --- limits ----------------------------------------------------------------

def test_limits_from_settings_and_bad_values():
    assert Limits.from_settings({}) == Limits()
    got = Limits.from_settings({"extract": {"max_bytes": 10, "max_seconds": 2}})
    assert (got.max_bytes, got.max_seconds, got.max_chars) == (10, 2.0, Limits().max_chars)
    assert got.override(max_chars=5, max_bytes=None).max_chars == 5
    for bad in ({"max_bytes": 0}, {"max_chars": "many"}, {"max_seconds": True}):
        with pytest.raises(KgError, match=next(iter(bad))):
            Limits.from_settings({"extract": bad})


def test_file_over_max_bytes_is_skipped_and_named(tmp_path):
    big = REPORT + "Other words about the weather. " * 100
    _corpus(tmp_path, **{"a.txt": REPORT, "big.txt": big})
    said = []
    facts = extract_paths([tmp_path], limits=Limits(max_bytes=len(big.encode()) - 1), warn=said.append)
    assert [d["document"] for d in facts["documents"]] == ["a.txt"]
    assert _sessions(facts["documents"][0])
    assert [s["document"] for s in facts["skipped"]] == [str(tmp_path / "big.txt")]
    assert len(said) == 1 and said[0].startswith(f"{tmp_path / 'big.txt'}: skipped: ") and "max_bytes" in said[0]


def test_text_over_max_chars_is_skipped(tmp_path):
    # HTML whose tags make it large in bytes but whose text is short: the character limit counts text
    page = "<html><body>" + "<span></span>" * 500 + f"<p>{REPORT}</p></body></html>"
    _corpus(tmp_path, **{"a.html": page, "b.txt": REPORT * 3})
    facts = extract_paths([tmp_path], limits=Limits(max_chars=len(REPORT) * 2), warn=lambda m: None)
    assert [d["document"] for d in facts["documents"]] == ["a.html"]
    assert "max_chars" in facts["skipped"][0]["reason"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_document_over_max_seconds_is_skipped(tmp_path, jobs):
    long = "\n\n".join(f"Paragraph {i}: {REPORT}" for i in range(300))
    _corpus(tmp_path, **{"slow.txt": long, "slow2.txt": long + "\n\nOne more."})
    said = []
    facts = extract_paths([tmp_path], jobs=jobs, limits=Limits(max_seconds=0.001), warn=said.append)
    assert facts["documents"] == []
    assert len(said) == 2 and all("took more than" in m for m in said) and "slow.txt" in said[0]


def test_cli_limits_and_warning(tmp_path):
    _corpus(tmp_path, **{"a.txt": REPORT, "b.txt": REPORT + "x" * 5000})
    out = tmp_path / "facts.json"
    r = CliRunner().invoke(extract, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out),
                                     "--max-bytes", "4000"])
    assert r.exit_code == 0, r.output
    assert f"{tmp_path / 'b.txt'}: skipped:" in r.stderr and "1 skipped" in r.stderr
    r = CliRunner().invoke(extract, [str(tmp_path), "--max-seconds", "0"])
    assert r.exit_code == 2 and "Traceback" not in r.output


# --- special files ---------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_corpus_is_refused_not_read(tmp_path):
    _corpus(tmp_path, **{"a.txt": REPORT})
    os.mkfifo(tmp_path / "pipe.txt")     # no writer: reading it would block for ever
    said = []
    facts = extract_paths([tmp_path], warn=said.append)
    assert [d["document"] for d in facts["documents"]] == ["a.txt"]
    assert said == [f"{tmp_path / 'pipe.txt'}: skipped: a FIFO, not a regular file"]
    r = CliRunner().invoke(extract, [str(tmp_path / "pipe.txt")])
    assert r.exit_code == 2 and "not a regular file" in r.output and "Traceback" not in r.output


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_device_symlink_is_refused(tmp_path):
    _corpus(tmp_path, **{"a.txt": REPORT})
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    facts = extract_paths([tmp_path], warn=lambda m: None)
    assert [d["document"] for d in facts["documents"]] == ["a.txt"]
    assert "character device" in facts["skipped"][0]["reason"]


# --- encodings -------------------------------------------------------------

CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("codec", CODECS)
def test_encodings_detected(tmp_path, codec):
    (tmp_path / "a.txt").write_bytes(REPORT.encode(codec))
    text, found = read_document(tmp_path / "a.txt")
    assert text == REPORT
    assert found.replace("-bom", "").replace("-sig", "") in codec or codec in ("utf-16", "utf-32")
    assert _sessions(extract_text(text, "a")) == _sessions(extract_text(REPORT, "a"))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_bomless_wide_text_in_other_scripts(codec):
    # Cyrillic in UTF-16 has NULs only in the high byte of spaces, digits and stops
    text = "\u0414\u0435\u0432\u044f\u0442\u043e\u0435 \u0437\u0430\u0441\u0435\u0434\u0430\u043d\u0438\u0435 " \
           "\u043a\u043e\u043c\u0438\u0441\u0441\u0438\u0438, 2019 \u0433. " * 8
    assert decode_bytes(text.encode(codec)) == (text, codec)


def test_binary_and_false_boms_are_refused(tmp_path):
    for data in (bytes(range(256)) * 8, b"\x00" * 100, b"\xff\xfe\x00\x00" + b"\xff\xff\xff\xff",
                 b"\xef\xbb\xbf\xff\xfe"):
        with pytest.raises(NotText):
            decode_bytes(data)
    _corpus(tmp_path, **{"a.txt": REPORT, "b.txt": bytes(range(256)) * 8})
    facts = extract_paths([tmp_path], warn=lambda m: None)
    assert [d["document"] for d in facts["documents"]] == ["a.txt"]
    assert "binary data" in facts["skipped"][0]["reason"]


def test_guessed_encoding_is_reported(tmp_path):
    (tmp_path / "w.txt").write_bytes(REPORT.replace("\u0437\u0430\u0441\u0435\u0434\u0430\u043d\u0438\u0435", "ok")
                                     .encode("cp1252"))
    said = []
    facts = extract_paths([tmp_path], warn=said.append)
    assert len(facts["documents"]) == 1
    assert said == [f"{tmp_path / 'w.txt'}: not UTF-8, UTF-16 or UTF-32; read as cp1252"]


# --- pathological text -----------------------------------------------------

def test_nested_parentheses_are_not_pathological():
    text = "(" * 10_000 + "the 5th meeting of the IRIGC-MTC" + ")" * 10_000
    norm = match_copy(text)
    assert len(norm) == len(text)
    assert max(len(run) for run in norm.split()) <= MAX_RUN
    extract_text(text, "parens")    # 37 s before long runs were broken; now well under one


def test_blocks_never_reach_spacy_max_length():
    norm = ("word " * 30_000 + "end. ") * 8 + "\n" + "x " * 10
    blocks = _blocks(norm, [(0, len(norm))])
    assert all(e - s <= MAX_BLOCK for s, e in blocks) and len(blocks) > 1
    assert "".join(norm[s:e] for s, e in blocks).replace(" ", "").replace("\n", "") == \
        norm.replace(" ", "").replace("\n", "")


def test_one_paragraph_over_a_million_characters(tmp_path):
    # one block over spaCy's max_length (E088 before); the facts at its start are still found
    text = REPORT.replace("\n", " ") + "and more words " * 70_000
    assert len(text) > 1_000_000
    doc = extract_text(text, "big")
    assert _sessions(doc) == _sessions(extract_text(REPORT, "small"))


def test_fifty_megabytes_skipped_by_default_limit(tmp_path):
    _corpus(tmp_path, **{"a.txt": REPORT})
    with open(tmp_path / "huge.txt", "wb") as fh:   # sparse: 50 MB that cost no disk
        fh.truncate(50_000_000)
    r = CliRunner().invoke(extract, [str(tmp_path), "-o", str(tmp_path / "out.json")])
    assert r.exit_code == 0, r.output
    assert f"{tmp_path / 'huge.txt'}: skipped: 50000000 bytes, over the limit of {Limits().max_bytes}" in r.stderr
