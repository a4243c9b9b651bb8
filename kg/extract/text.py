"""Reading news texts: bytes to text, HTML to text, and a same-length
normalised copy for matching.

Offsets reported by the extractor index into the *decoded text* that
:func:`read_path` returns (for HTML files: the text after tag removal). The
matching copy made by :func:`match_copy` has exactly the same length, so an
offset found in it is valid in the decoded text as well.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

__all__ = [
    "decode_bytes", "html_to_text", "looks_like_html", "read_path", "match_copy",
    "Paragraph", "paragraphs",
]

# One character in, one character out: offsets stay valid.
_SAME_LENGTH = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u200b": " ", "\ufeff": " ", "\u00ad": " ", "\t": " ", "\r": "\n", "\x0b": "\n", "\x0c": "\n",
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n", "\uff06": "&",
})


def match_copy(text: str) -> str:
    """A copy of ``text`` of the same length with typographic variants folded
    (smart quotes, dashes, odd spaces), for pattern matching."""
    return text.translate(_SAME_LENGTH)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, encoding used).

    UTF-8 (with or without BOM) and UTF-16 with BOM are tried first, then
    cp1252 (Windows "smart quotes"), then latin-1, which never fails."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_HTML_SNIFF = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|p|div|br|article|span|h[1-6])\b", re.I)


_SAVED_PAGE = re.compile(r"\ufeff?\s*<\s*(?:!doctype\s+html|html)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:4000]))


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "blockquote", "pre", "figcaption", "figure", "hr", "dd", "dt", "title",
    "main", "aside", "nav", "td", "th",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag not in ("br", "td", "th") else "\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if not self.skip:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block per paragraph."""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # malformed markup: fall back to crude tag removal
        text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", markup)
        text = re.sub(r"(?s)<[^>]{0,2000}>", "\n", text)
        parts = [html.unescape(text)]
    else:
        parts = parser.parts
    text = "".join(parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip() + "\n"


def read_path(path: str | Path) -> str:
    """The text of a .txt or .html file, decoded and (for HTML) de-tagged."""
    path = Path(path)
    data = path.read_bytes()
    text, _ = decode_bytes(data)
    if path.suffix.lower() in (".html", ".htm") or (path.suffix.lower() != ".txt" and looks_like_html(text)) \
            or _SAVED_PAGE.match(text):  # a web page saved under .txt
        text = html_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Paragraph:
    start: int
    end: int
    key: str
    repeated: bool = False      # an exact (normalised) repeat of an earlier paragraph
    boilerplate: bool = False   # navigation, bylines, share buttons...
    meta: dict = field(default_factory=dict)


_PARA_SPLIT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_WORD = re.compile(r"[a-z0-9]+")
_BOILER = re.compile(
    r"^\s*(?:home\s*[>»›/]|click\s+to\s+(?:start\s+listening|share|read)|share\s+(?:this|on)\b|follow\s+us\b|"
    r"(?:also\s+)?read(?:\s+more|\s+also)?\s*:|advertisement\b|subscribe\b|published\s+by\s*:|written\s+by\s*:|"
    r"(?:last\s+)?updated\s*:|first\s+published|edited\s+by\s*:|posted\s+(?:by|on)\s*:|copyright\b|\u00a9|"
    r"all\s+rights\s+reserved|download\s+(?:the\s+)?app|tags?\s*:|(?:image|photo|picture|pc)\s*(?:credit)?\s*:|"
    r"sign\s+up\b|log\s*in\b|whatsapp\b|telegram\b|comments?\b)",
    re.I,
)


def paragraphs(text: str, norm: str | None = None) -> list[Paragraph]:
    """Split into paragraphs (line blocks); mark repeats and boilerplate.

    A repeated paragraph (same words as an earlier one) is kept only once:
    syndicated pages repeat headlines, captions and whole paragraphs."""
    norm = norm if norm is not None else match_copy(text)
    out: list[Paragraph] = []
    seen: set[str] = set()
    pos = 0
    n = len(norm)
    for m in _PARA_SPLIT.finditer(norm):
        _add(out, seen, norm, pos, m.start())
        pos = m.end()
    if pos < n:
        _add(out, seen, norm, pos, n)
    return out


def _add(out, seen, norm, start, end):
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    chunk = norm[start:end]
    words = _WORD.findall(chunk[:20000].lower())
    key = hashlib.blake2b(" ".join(words).encode(), digest_size=8).hexdigest() if words else ""
    p = Paragraph(start, end, key)
    if not words:
        p.boilerplate = True
    elif key in seen:
        p.repeated = True
    else:
        seen.add(key)
    if _BOILER.match(chunk) and len(chunk) < 300:
        p.boilerplate = True
    out.append(p)
