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
import os
import re
import stat
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .limits import Skipped

__all__ = [
    "decode_bytes", "html_to_text", "looks_like_html", "read_path", "read_document", "match_copy", "NotText",
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


# spaCy's tokenizer searches prefixes and suffixes of each whitespace-free
# run, at a cost that grows much faster than its length (10,000 nested
# parentheses: tens of seconds). No word is this long, so the matching copy
# breaks such runs with a space every MAX_RUN characters (same length).
MAX_RUN = 128
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


def _break_run(m: re.Match) -> str:
    run = m.group()
    return "".join(run[i:i + MAX_RUN - 1] + " " for i in range(0, len(run), MAX_RUN))[:len(run)]


def match_copy(text: str) -> str:
    """A copy of ``text`` of the same length with typographic variants folded
    (smart quotes, dashes, odd spaces), for pattern matching; runs of over
    MAX_RUN non-space characters are broken by spaces."""
    return _LONG_RUN.sub(_break_run, text.translate(_SAME_LENGTH))


_BOMS = (   # longest first: the UTF-32 LE BOM begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


class NotText(ValueError):
    """Bytes that are not text in an encoding the reader can tell."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, encoding used).

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); without one, the
    pattern of NUL bytes tells UTF-32 and UTF-16 (little or big endian);
    otherwise UTF-8, then cp1252 (Windows "smart quotes"), then latin-1.
    Raises :class:`NotText` for bytes that declare an encoding they do not
    follow and for binary data (NUL bytes in no UTF-16/32 pattern)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec + "-bom"
            except UnicodeDecodeError as exc:
                raise NotText(f"begins with a {codec} byte-order mark but is not {codec} "
                              f"(byte {exc.start + len(bom)})") from None
    head = data[:65536]
    nuls = head.count(0)
    if nuls:
        codec = _nul_pattern(head)
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
    # text in an 8-bit encoding or UTF-8 has (almost) no C0 control bytes
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if nuls * 1000 > len(head) or controls * 100 > len(head):
        raise NotText(f"binary data ({controls} control bytes in the first {len(head)}), "
                      "not text in a known encoding")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _nul_pattern(sample: bytes) -> str | None:
    """UTF-32 or UTF-16 (and which byte order) from where the NUL bytes fall:
    text in UTF-32 has NULs in the two high bytes of every character, text in
    UTF-16 has them in the high byte of every ASCII space, digit and stop."""
    n = len(sample) - len(sample) % 4
    if n < 4:
        return None
    quarter = n // 4
    at = [sample[i:n:4].count(0) / quarter for i in range(4)]
    if at[2] > 0.95 and at[3] > 0.95 and at[0] < 0.5:
        return "utf-32-le"
    if at[0] > 0.95 and at[1] > 0.95 and at[3] < 0.5:
        return "utf-32-be"
    even, odd = (at[0] + at[2]) / 2, (at[1] + at[3]) / 2
    if odd > 0.1 and even < 0.02:
        return "utf-16-le"
    if even > 0.1 and odd < 0.02:
        return "utf-16-be"
    return None


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


def read_path(path: str | Path, max_bytes: int | None = None) -> str:
    """The text of a .txt or .html file, decoded and (for HTML) de-tagged."""
    return read_document(path, max_bytes)[0]


def read_document(path: str | Path, max_bytes: int | None = None) -> tuple[str, str]:
    """(text, encoding) of a .txt or .html file, decoded and (for HTML)
    de-tagged. Raises :class:`~kg.extract.limits.Skipped`, naming the file,
    for what is not a regular file (a FIFO, a device: opened without
    blocking, never read), a file over ``max_bytes`` and bytes that are not
    text."""
    path = Path(path)
    data = _read_regular(path, max_bytes)
    try:
        text, encoding = decode_bytes(data)
    except NotText as exc:
        raise Skipped(f"{path}: skipped: {exc}") from None
    if path.suffix.lower() in (".html", ".htm") or (path.suffix.lower() != ".txt" and looks_like_html(text)) \
            or _SAVED_PAGE.match(text):  # a web page saved under .txt
        text = html_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _read_regular(path: Path, max_bytes: int | None) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang; a regular
        # file ignores the flag.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise Skipped(f"{path}: skipped: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a regular file")
            raise Skipped(f"{path}: skipped: {kind}, not a regular file")
        if max_bytes is not None and st.st_size > max_bytes:
            raise Skipped(f"{path}: skipped: {st.st_size} bytes, over the limit of {max_bytes} (max_bytes)")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    except OSError as exc:
        raise Skipped(f"{path}: skipped: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:   # grew while read
        raise Skipped(f"{path}: skipped: over the limit of {max_bytes} bytes (max_bytes)")
    return data


@dataclass
class Paragraph:
    start: int
    end: int
    key: str
    repeated: bool = False      # an exact (normalised) repeat of an earlier paragraph
    boilerplate: bool = False   # navigation, bylines, share buttons...
    meta: dict = field(default_factory=dict)


_PARA_SPLIT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_WORD = re.compile(r"[^\W_]+")  # words in any script: a Hindi or Russian paragraph is text, not boilerplate
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
