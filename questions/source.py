"""Read an article from bytes or text: plain text, Markdown or HTML."""

from __future__ import annotations

from questions.model import ArticleError

MAX_ARTICLE_BYTES = 2 * 1024 * 1024


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: a BOM wins, then UTF-8, then the detected charset."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"The article is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_ARTICLE_BYTES // 1024 // 1024} MB."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ArticleError("The file is not text in any encoding quizapp can read.")
    return str(best)


def read_article(data: bytes | str, filename: str = "") -> str:
    """Return the article as plain text (title line, blank line, paragraphs)."""
    text = decode_bytes(data) if isinstance(data, bytes) else data
    if "\x00" in text:
        raise ArticleError("The file looks binary, not text.")
    if not text.strip():
        raise ArticleError("The article is empty.")
    return text
