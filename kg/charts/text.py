"""Text on charts: the house style, measured runs of text, and lines wrapped to a width.

Each chart is laid out in points: one axes covers the whole figure with one
data unit per point, so text measured with matplotlib's font machinery fits the
boxes drawn around it at any dpi. Text is written as text in SVG
(`svg.fonttype = none`) and as embedded TrueType in PDF, so labels stay
searchable.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from ..core.errors import KgError
from .layout import wrap

FORMATS = (".png", ".svg", ".pdf")
FONT = "DejaVu Sans"  # ships with matplotlib: no system font needed
INK, MUTED, RULE, PAPER = "#1b1b1b", "#5f5f5f", "#8c8c8c", "#ffffff"
SIDE_NAMES = {"india": "India", "russia": "Russia"}
SIDE_COLOURS = {"india": "#c8620a", "russia": "#1f58a6"}    # saffron-orange and blue, distinct in greyscale too
SIDE_TINTS = {"india": "#fcefe3", "russia": "#e8eff9"}
MIN_FONT = 6.5
SPACE = 3.5         # points between runs on one line
MAX_PIXELS = 30000  # per side; matplotlib's Agg canvas refuses beyond 2**16
# Unhinted glyphs: Agg then draws text exactly as wide as it is measured, at every dpi.
RC = {"text.hinting": "none", "svg.fonttype": "none", "svg.hashsalt": "irdc-kg",
      "pdf.fonttype": 42}


def style():
    """The rcParams every chart is drawn and saved with (a context manager)."""
    return matplotlib.rc_context(RC)


class ChartError(KgError):
    """A chart cannot be drawn or written as asked."""


_T2P = TextToPath()


@lru_cache(maxsize=64)
def font(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    return FontProperties(family=FONT, size=size, weight=weight, style=style)


LANGUAGES = {"hi": "Hindi", "mr": "Marathi", "ru": "Russian", "uk": "Ukrainian", "ur": "Urdu", "bn": "Bengali",
             "gu": "Gujarati", "pa": "Punjabi", "te": "Telugu", "kn": "Kannada", "ml": "Malayalam", "ar": "Arabic",
             "fa": "Persian", "ko": "Korean"}


@lru_cache(maxsize=1)
def _glyphs() -> frozenset:
    """The code points the chart font draws (DejaVu Sans: Latin, Greek, Cyrillic, Arabic...)."""
    from matplotlib.font_manager import findfont
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(findfont(font(10))).get_charmap())


def drawable(text: str) -> bool:
    glyphs = _glyphs()
    return all(ord(ch) in glyphs or ch.isspace() for ch in text)


def legible(text: str, lang: str = "", what: str = "name") -> str:
    """`text` where the chart font can draw it; else a note saying what it is, in which
    language (a name only a Hindi source writes), rather than boxes."""
    if not text or drawable(text):
        return text
    language = LANGUAGES.get(lang, "another script")
    return f"({what} written only in {language}; see the graph)"


@lru_cache(maxsize=20000)
def text_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Advance width of `text` in points (unhinted, so at least what Agg draws)."""
    if not text:
        return 0.0
    w, _h, _d = _T2P.get_text_width_height_descent(text, font(size, weight, style), ismath=False)
    return w


def wrap_text(text: str, width: float, size: float, weight: str = "normal", style: str = "normal") -> list[str]:
    return wrap(text, width, lambda s: text_width(s, size, weight, style))


@dataclass
class Run:
    text: str
    size: float
    weight: str = "normal"
    style: str = "normal"
    color: str = INK

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, self.weight, self.style)


@dataclass
class Line:
    runs: list[Run]

    @property
    def height(self) -> float:
        return 1.32 * max(r.size for r in self.runs)

    @property
    def width(self) -> float:
        return sum(r.width for r in self.runs) + SPACE * (len(self.runs) - 1)

    @property
    def text(self) -> str:
        return " ".join(r.text for r in self.runs)


def lines(text: str, width: float, size: float, weight="normal", style="normal", color=INK) -> list[Line]:
    return [Line([Run(t, size, weight, style, color)]) for t in wrap_text(text, width, size, weight, style)]


def height(lines_: list[Line]) -> float:
    return sum(ln.height for ln in lines_)
