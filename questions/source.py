"""Read an article from bytes or text: plain text, Markdown or HTML (a saved web page)."""

from __future__ import annotations

import re
from pathlib import PurePath

from questions.model import ArticleError

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
# Share of control characters (other than whitespace) above which bytes are not text.
MAX_CONTROL_SHARE = 0.01

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: a BOM wins, then UTF-8, then the detected charset, then latin-1."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"The article is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_ARTICLE_BYTES // 1024 // 1024} MB."
        )
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise ArticleError("The file starts with a byte-order mark but is not valid.") from error
    if b"\x00" in data:
        raise ArticleError("The file looks binary (it holds NUL bytes), not text.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("latin-1")


def looks_binary(text: str) -> bool:
    """True when the text holds NULs or more control characters than real text does."""
    if "\x00" in text:
        return True
    sample = text[:20000]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE


def detect_format(text: str, filename: str = "") -> str:
    """Return "html", "markdown" or "text" from the file name, else from the content."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in HTML_SUFFIXES or _HTML_START.match(text[:2000]):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def html_to_text(html: str) -> str:
    """Extract title and main text from a web page with trafilatura (no network, no scripts)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    body = (getattr(document, "text", None) or "").strip() if document else ""
    if not body:
        raise ArticleError("No article text found in the HTML page.")
    title = (getattr(document, "title", None) or "").strip()
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    paragraphs = [line.strip() for line in lines if line.strip()]
    return "\n\n".join([title, *paragraphs]) if title else "\n\n".join(paragraphs)


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*?^```[^\n]*$", re.M | re.S), ""),  # fenced code
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^\s{0,3}(?:=+|-+)\s*$", re.M), ""),  # setext underlines, rules
    (re.compile(r"^\s{0,3}(?:[*_]\s*){3,}$", re.M), ""),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
)


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown markup, keeping headings as lines and paragraphs as blocks."""
    text = markdown
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def read_article(data: bytes | str, filename: str = "") -> str:
    """Return the article as plain text: its title line when it has one, then paragraphs."""
    text = decode_bytes(data) if isinstance(data, bytes) else data
    if isinstance(data, str) and len(text) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"The article has {len(text):,} characters; the limit is {MAX_ARTICLE_BYTES:,}."
        )
    text = text.lstrip("\ufeff")
    if looks_binary(text):
        raise ArticleError("The file looks binary, not text.")
    if not text.strip():
        raise ArticleError("The article is empty.")
    fmt = detect_format(text, filename)
    if fmt == "html":
        text = html_to_text(text)
    elif fmt == "markdown":
        text = markdown_to_text(text)
    from questions.clean import clean_article

    title, paragraphs = clean_article(text)
    return "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n"
