"""Reading a submitted article (an upload, a pasted text, a file on the command line) before
the generators see it: the character limit up front and the charset of short files."""

from __future__ import annotations

import questions
from questions.pipeline import MAX_TEXT_CHARS

# Below this size charset detection guesses from too few bytes ("Zürich" in latin-1 came out
# as "Z³rich"); such text, when it is not UTF-8, is read as Windows-1252 if it decodes
# cleanly (latin-1 text does, apart from its rarely used C1 range).
SHORT_TEXT_BYTES = 20_000


def decode_short_text(data: bytes) -> bytes | str:
    """data as cp1252 text when it is short, not UTF-8 and cp1252 reads it; else data."""
    if len(data) > SHORT_TEXT_BYTES or b"\x00" in data:
        return data
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data
    try:
        return data.decode("cp1252")  # strict: its five undefined bytes raise
    except UnicodeDecodeError:
        return data


def read_submitted(data: bytes | str, filename: str = "") -> str:
    """The article's plain text (first line the title); questions.ArticleError with a message
    for the teacher when it cannot be read or is longer than the generators take."""
    if isinstance(data, bytes):
        data = decode_short_text(data)
    text = questions.read_article(data, filename=filename)
    if len(text) > MAX_TEXT_CHARS:
        raise questions.ArticleError(
            f"The article has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
            "Split it into parts."
        )
    return text
