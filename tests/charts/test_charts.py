"""Charts: what the pictures show, that nothing overlaps, and that the files are valid."""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from kg.core.dates import first_day, last_day, parse_day
from kg import charts, views
from kg.cli import main
from kg.dataset.store import open_store

from tests.helpers import synthetic_store  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def facts(built):
    return views.read(open_store(built))


def svg_text(path: Path) -> str:
    """All text of an SVG drawn with svg.fonttype = none, in document order, spaces normalised."""
    root = ET.parse(path).getroot()
    parts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    return re.sub(r"\s+", " ", " ".join(parts))


def rendered_text_boxes(fig):
    """Each visible text artist's extent in display pixels, after an Agg draw."""
    with charts.style():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        out = []
        for ax in fig.axes:
            for t in ax.texts:
                if t.get_visible() and t.get_text().strip():
                    out.append((t.get_text(), t.get_window_extent(renderer)))
    return out


def boxes_in_pixels(fig, chart, page_dx=None):
    """The layout's boxes in display pixels (y up), as drawn on the page axes."""
    ax = fig.axes[0]
    out = {}
    for patch in ax.patches:
        gid = patch.get_gid() or ""
        if gid.startswith("box:"):
            out[gid[4:]] = patch.get_window_extent()
    return out


def overlaps(a, b, tol=0.5):
    return a.x0 + tol < b.x1 and b.x0 + tol < a.x1 and a.y0 + tol < b.y1 and b.y0 + tol < a.y1


def check_org_chart_geometry(fig, chart):
    lay = chart.layout
    assert lay.overlapping_pairs(margin=5) == []
    assert all(abs(d) < 1e-6 for d in lay.off_centre().values())
    texts = rendered_text_boxes(fig)
    boxes = boxes_in_pixels(fig, chart)
    assert set(boxes) == set(lay.boxes)
    inside = {n: [] for n in boxes}
    loose = []
    for text, bb in texts:
        owner = [n for n, b in boxes.items() if overlaps(bb, b, tol=0)]
        if owner:
            assert len(owner) == 1, f"{text!r} straddles boxes {owner}"
            b = boxes[owner[0]]
            assert b.x0 - 0.5 <= bb.x0 and bb.x1 <= b.x1 + 0.5 and b.y0 - 0.5 <= bb.y0 and bb.y1 <= b.y1 + 0.5, \
                f"{text!r} spills out of its box"
            inside[owner[0]].append((text, bb))
        else:
            loose.append((text, bb))        # title, subtitle, footnote
    for n, items in list(inside.items()) + [("page", loose)]:
        for i, (ta, a) in enumerate(items):
            for tb, b in items[i + 1:]:
                assert not overlaps(a, b, tol=0.5), f"{ta!r} overlaps {tb!r}"
    for n, items in inside.items():
        assert items, f"box {n} has no text"
    return texts


def test_org_chart_svg_shows_every_label(facts, tmp_path):
    out = tmp_path / "org.svg"
    charts.org_chart(facts, out, as_of="2025-11-01", build_date=parse_day("2026-01-02"))
    text = svg_text(out)
    for label in (
        "India-Russia Inter-Governmental Commission on Military and Military-Technical Cooperation",
        "IRIGC-M&MTC", "Working Group on Military Cooperation",
        "Working Group on Military Technical Cooperation and Defence Industry", "IRWG-MTC&DI",
        "further sub-groups", "names not given by the sources",
        "Chief of Integrated Defence Staff", "Ashutosh Dixit",
        "Deputy Chief of the Main Operational Directorate", "Igor Nikolaevich Dylevsky",
        "Secretary (Defence Production)", "Sanjeev Kumar", "First Deputy Director, FSMTC", "Andrey A. Boytsov",
        "Defence Minister", "Rajnath Singh", "Andrei Belousov",
        "India co-chair", "Russia co-chair", "1 November 2025", "2025-11-01",
        "Sources:", "Every one is listed by", "kg query sources-of", "Graph built 2026-01-02",
    ):
        assert label in text, label
    assert "Sub-Group on" not in text          # no invented sub-group names
    # Sub-groups no source names in English show what they are, not boxes of missing glyphs.
    assert "written only in Hindi" in text


def test_as_of_changes_the_holders_shown(facts, tmp_path):
    before, after = tmp_path / "2024.svg", tmp_path / "2025.svg"
    charts.org_chart(facts, before, as_of="2024-12-01")
    charts.org_chart(facts, after, as_of="2025-11-01")
    b, a = svg_text(before), svg_text(after)
    assert "Ashutosh Dixit" in a and "Ashutosh Dixit" not in b
    assert "JP Mathew" in b and "JP Mathew" not in a
    assert "Latest 22nd session, 2024-11-22" in b and "Latest 23rd session, 2025-10-29" in a
    early = tmp_path / "2005.svg"
    charts.org_chart(facts, early, as_of="2005-06-01")
    e = svg_text(early)
    assert "IRIGC-MTC" in e and "IRIGC-M&MTC" not in e and "2 working groups" in e and "Pranab Mukherjee" in e


def test_real_org_chart_layout_has_no_overlaps_and_centred_parents(facts):
    g = views.hierarchy(facts, "2025-11-01")
    fig, chart = charts.draw_org_chart(g, facts, as_of="2025-11-01", dpi=100)
    check_org_chart_geometry(fig, chart)
    lay = chart.layout
    root = "https://w3id.org/irdc/id/body/irigc-mmtc"
    assert len(lay.children[root]) >= 5
    assert lay.off_centre()[root] == pytest.approx(0.0, abs=1e-6)   # the commission over its bodies


def test_two_hundred_bodies_stay_readable(tmp_path):
    f = views.read(synthetic_store(200))
    g = views.hierarchy(f, "2030-01-01")
    fig, chart = charts.draw_org_chart(g, f, as_of="2030-01-01", dpi=40)
    texts = check_org_chart_geometry(fig, chart)
    assert len(chart.layout.boxes) == 200
    lay = chart.layout
    assert 1 / 4 < lay.width / lay.height < 4                       # a poster, not a ribbon
    sizes = {t.get_fontsize() for ax in fig.axes for t in ax.texts}
    assert min(sizes) >= charts.MIN_FONT                             # text is never shrunk to fit
    assert len(texts) > 200 * 4
    out = charts.save(fig, tmp_path / "big.png", dpi=40)
    with Image.open(out) as im:
        assert max(im.size) <= charts.MAX_PIXELS


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize("chart", ["org", "timeline", "network"])
def test_files_are_valid(facts, tmp_path, chart, suffix):
    out = tmp_path / f"{chart}{suffix}"
    fig = charts.CHARTS[chart](facts, out, as_of="2025-11-01", dpi=80)
    data = out.read_bytes()
    if suffix == ".png":
        with Image.open(out) as im:
            im.verify()
        with Image.open(out) as im:
            assert im.format == "PNG"
            w, h = fig.get_size_inches() * 80
            assert abs(im.size[0] - w) <= 1 and abs(im.size[1] - h) <= 1
    elif suffix == ".svg":
        root = ET.fromstring(data)
        assert root.tag == f"{SVG}svg" and list(root.iter(f"{SVG}text"))   # text kept as text
    else:
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert b"/Type /Page" in data and b"/FontFile2" in data            # embedded TrueType: searchable text
    # Deterministic: the same chart twice gives the same bytes.
    again = tmp_path / f"again{suffix}"
    charts.CHARTS[chart](facts, again, as_of="2025-11-01", dpi=80)
    assert again.read_bytes() == data


def test_timeline_labels_sessions_and_marks_summits_and_dialogues(facts, tmp_path):
    out = tmp_path / "timeline.svg"
    fig = charts.timeline_chart(facts, out, as_of="2026-01-31")
    text = svg_text(out)
    for label in ("IRIGC-M&MTC", "IRWG-MTC&DI", "Working Group on Military Cooperation", "India-Russia Annual Summit",
                  "India-Russia 2+2 Dialogue", "Summit series", "Dialogue", "3rd", "20th", "22nd", "23rd", "5th", "1st",
                  "session no source numbers", "planned or postponed", "2025-10-28 \u2013 2025-10-29, Manekshaw Centre",
                  "summit", "2+2 dialogue", "2026-01-31", "Sources:"):
        assert label in text, label
    markers = {line.get_gid(): line.get_marker() for ax in fig.axes for line in ax.lines if line.get_gid()}
    assert markers["session:https://w3id.org/irdc/id/session/annual-summit/22"] == "*"
    assert markers["session:https://w3id.org/irdc/id/session/two-plus-two/1"] == "D"
    assert markers["session:https://w3id.org/irdc/id/session/wg-mc/5"] == "o"
    texts = rendered_text_boxes(fig)
    for i, (ta, a) in enumerate(texts):
        for tb, b in texts[i + 1:]:
            assert not overlaps(a, b), f"{ta!r} overlaps {tb!r}"
    # Earlier, fewer sessions: the 23rd WG-MTC&DI session is not there yet.
    early = tmp_path / "early.svg"
    charts.timeline_chart(facts, early, as_of="2025-01-01")
    early_text = svg_text(early)
    assert "2025-10-29, Moscow" not in early_text and "2024-11-22, New Delhi" in early_text
    older = tmp_path / "older.svg"
    charts.timeline_chart(facts, older, as_of="2024-01-01")
    assert "Sub Working Group (Land)" not in svg_text(older)     # its first meeting was in June 2024


def test_timeline_of_two_decades_stays_legible(facts, tmp_path):
    """Forty-odd sessions since 2001: no two labels touch, and the width grows with the years."""
    fig = charts.timeline_chart(facts, tmp_path / "all.png", as_of="2025-12-31", dpi=60)
    sessions = [line for ax in fig.axes for line in ax.lines if (line.get_gid() or "").startswith("session:")]
    assert len(sessions) >= 35
    texts = rendered_text_boxes(fig)
    for i, (ta, a) in enumerate(texts):
        for tb, b in texts[i + 1:]:
            assert not overlaps(a, b), f"{ta!r} overlaps {tb!r}"
    assert fig.get_size_inches()[0] * 72 >= 24 * 40          # at least 40 points a year


def test_network_colours_people_by_side(facts, tmp_path):
    out = tmp_path / "network.svg"
    fig = charts.network_chart(facts, out, as_of="2025-11-01")
    text = svg_text(out)
    for label in ("Sanjeev Kumar", "Andrey A. Boytsov", "Ashutosh Dixit", "Igor Nikolaevich Dylevsky",
                  "IRWG-MTC&DI: 22nd, 23rd", "IRIGC-MTC: 3rd", "2 sessions", "1 session", "India co-chair",
                  "Russia co-chair", "George Fernandes", "Rajnath Singh"):
        assert label in text, label
    colours = {line.get_gid()[7:]: line.get_color() for line in fig.axes[0].lines
               if (line.get_gid() or "").startswith("person:")}
    person = "https://w3id.org/irdc/id/person/"
    assert colours[person + "sanjeev-kumar"] == colours[person + "ashutosh-dixit"] == charts.SIDE_COLOURS["india"]
    assert colours[person + "andrey-boytsov"] == colours[person + "igor-dylevsky"] == charts.SIDE_COLOURS["russia"]
    texts = rendered_text_boxes(fig)
    for i, (ta, a) in enumerate(texts):
        for tb, b in texts[i + 1:]:
            assert not overlaps(a, b), f"{ta!r} overlaps {tb!r}"


def test_cli_chart_writes_each_format(built, tmp_path, capsys):
    for name, suffix in (("org", ".svg"), ("timeline", ".png"), ("network", ".pdf")):
        out = tmp_path / f"{name}{suffix}"
        code = main(["chart", name, "--build", str(built), "-o", str(out), "--as-of", "2025-11-01", "--dpi", "60",
                     "--title", f"My {name} title"])
        assert code == 0 and out.exists() and out.stat().st_size > 1000
    assert "My org title" in svg_text(tmp_path / "org.svg")


@pytest.mark.parametrize("args, message", [
    (["chart", "org", "-o", "x.gif"], "use a .png, .svg or .pdf"),
    (["chart", "org", "--as-of", "2025-02-30"], "--as-of"),
    (["chart", "timeline", "--as-of", "1990-01-01"], "no dated session"),
])
def test_cli_chart_errors_are_one_line(built, tmp_path, capsys, args, message):
    code = main(args + ["--build", str(built)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_without_a_build_says_so(tmp_path, capsys):
    assert main(["chart", "org", "--build", str(tmp_path)]) == 2
    assert "kg build" in capsys.readouterr().err


def test_chart_command_imports_matplotlib_only_when_drawing():
    code = ("import sys; from kg.cli import main; main(['chart', '--help']); main(['chart', 'org', '--help']); "
            "main(['chart', 'org', '--as-of', 'nonsense']); print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
