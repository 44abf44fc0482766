"""Reading a submitted article (an upload, a pasted text, a file on the command line) before
the generators see it: the character limit up front, the charset of short files, and a time
bound on parsing.

Parsing runs in a child process that is killed after READ_TIMEOUT seconds: a crafted file
(a 200 KB Markdown line that sends a regex quadratic, an HTML tag with 40,000 attributes) kept
a server worker busy for minutes. The children fork from a forkserver started on the first
read, which imports the generators once (about 1.5 s), so later reads start in milliseconds.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
from collections.abc import Callable

import questions
from questions.model import MAX_TEXT_CHARS

READ_TIMEOUT = 20.0  # seconds; a real article of the size limit reads in 1-3 s
READER = "questions:read_article"

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


def _reader(path: str) -> Callable[..., str]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _read_in_child(conn, reader: str, data: bytes | str, filename: str) -> None:
    """The child's side: read and send back ("ok", text) or ("error", message)."""
    try:
        conn.send(("ok", _reader(reader)(data, filename=filename)))
    except questions.ArticleError as error:
        conn.send(("error", str(error)))
    except Exception as error:  # the teacher gets a message, never a trace
        conn.send(("error", f"The file could not be read ({type(error).__name__})."))
    finally:
        conn.close()


_context: multiprocessing.context.BaseContext | None = None


def _forkserver() -> multiprocessing.context.BaseContext:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["quizapp.reading"])
        _context = context
    return _context


def read_bounded(data: bytes | str, filename: str, timeout: float, reader: str = READER) -> str:
    """reader(data, filename=...) (a "module:function" path) in a child process; ArticleError
    when it fails or runs past timeout seconds (the child is then killed)."""
    context = _forkserver()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, args=(send, reader, data, filename), daemon=True)
    try:
        child.start()
    except RuntimeError:
        # A __main__ script without an `if __name__ == "__main__"` guard cannot be imported
        # by the child; read here, unbounded, rather than fail the upload.
        receive.close()
        send.close()
        logging.getLogger(__name__).warning("No reader process; reading %s in process", filename)
        return _reader(reader)(data, filename=filename)
    send.close()
    try:
        if not receive.poll(timeout):
            raise questions.ArticleError(
                f"Reading the file took more than {timeout:g} s, so it was stopped; "
                "the file may be malformed. Try saving it as plain text."
            )
        outcome, value = receive.recv()
    except EOFError:
        raise questions.ArticleError("The file could not be read.") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if outcome != "ok":
        raise questions.ArticleError(value)
    return value


def read_submitted(
    data: bytes | str, filename: str = "", timeout: float | None = READ_TIMEOUT
) -> str:
    """The article's plain text (first line the title); questions.ArticleError with a message
    for the teacher when it cannot be read, takes longer than timeout seconds to read (None:
    no bound, in this process) or is longer than the generators take."""
    if isinstance(data, bytes):
        data = decode_short_text(data)
    if timeout is None:
        text = questions.read_article(data, filename=filename)
    else:
        text = read_bounded(data, filename, timeout)
    if len(text) > MAX_TEXT_CHARS:
        raise questions.ArticleError(
            f"The article has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
            "Split it into parts."
        )
    return text
