"""Clean scraped article text: drop page furniture, find the title, keep body paragraphs."""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from questions.lexicon import LIST_MARKER
from questions.model import ArticleError

# Lines that are page furniture wherever they appear (navigation, sharing, tags, author boxes).
FURNITURE = re.compile(
    r"""^(?:
        tags?\s*:.*|categor(?:y|ies)\s*:.*|filed\s+under\s*:?.*|topics?\s*:.*
      | previous(?:\s+(?:post|article|story))?|next(?:\s+(?:post|article|story))?
      | (?:related|recommended|popular|latest|more|trending)\s+
        (?:articles?|posts?|stories|news|reads?)
      | you\s+(?:may|might)\s+also\s+like.*|read\s+(?:more|next|also).*|see\s+also
      | menu|main\s+menu|home|search|skip\s+to\s+(?:main\s+)?content|navigation|close
      | share(?:\s+(?:this|on|via).*)?|tweet|email|print|copy\s+link|facebook|twitter|linkedin
      | subscribe.*|sign\s+(?:up|in).*|log\s*in|register|newsletter.*|donate.*|support\s+us.*
      | advertisement|sponsored.*|cookies?.*|accept|privacy\s+policy|terms\s+of\s+(?:use|service)
      | (?:leave\s+a\s+)?(?:comments?|reply|replies)|\d+\s+comments?|contributor|author|editor
      | (?:posted|published|updated)\s+(?:on|in|by|at)\b.*|all\s+rights\s+reserved.*|©.*
      | photo(?:graph)?\s*:.*|image\s*:.*|credit\s*:.*|source\s*:.*
    )$""",
    re.I | re.X,
)
# Markers after which the rest of the line block lists other pages (titles of other posts).
LISTING_MARKERS = re.compile(
    r"^(?:previous|next|related|recommended|popular|latest|more|trending|read\s+(?:more|next))\b",
    re.I,
)
# A caption's credit, alone or after a bar: "Lab bench in Leeds | photo by Ann Lee".
CREDIT = re.compile(
    r"(?:^|[|•·]\s*)(?:photo(?:graph)?s?|images?|illustrations?|pictures?)\s+(?:by|courtesy)\b",
    re.I,
)
BYLINE = re.compile(
    r"^(?:[Bb]y|[Ww]ritten\s+by|[Ww]ords\s+by|[Aa]uthor:?)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|da|di|la|le)){0,5}(?:\s*[|,·-].*)?$"
)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”]$")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "up",
        "upon",
        "with",
        "vs",
        "via",
    ]
)
ATTRIBUTION = re.compile(
    r"^(?:said|says|added|adds|wrote|writes|explained|noted|told|according\s+to)\b"
)
MIN_PROSE_WORDS = 4
LONG_LINE_WORDS = 12


def words_of(line: str) -> list[str]:
    """Return the words (letters first) of a line."""
    return WORD.findall(line)


def is_title_case(line: str) -> bool:
    """True when nearly every content word of the line starts with a capital letter."""
    words = [w for w in words_of(line) if w.lower() not in SMALL_WORDS]
    if not words:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals / len(words) >= 0.8


NOTE_TEXT = re.compile(r"^\d{1,3}[A-Z][a-z]+\b")  # "12See the survey ...": a footnote's text
# A publisher's note on the article rather than part of it: "Correction, May 2, 1990: ...",
# "Editor's note: ...", "This article was reprinted on ...", "An earlier version of this story".
EDITORIAL_NOTE = re.compile(
    r"^(?:(?:Correction|Clarification|Update|Editor[’']s\s+[Nn]ote)s?\b[^:]{0,40}:"
    r"|This\s+(?:article|story|piece)\s+(?:was|has\s+been|is)\s+(?:reprinted|originally"
    r"|updated|corrected|adapted|republished|published)"
    r"|An?\s+(?:earlier|previous)\s+version\s+of\s+this\s+(?:article|story|piece))"
)


def is_furniture(line: str) -> bool:
    """True for navigation, tag, share, byline and similar lines that are not article text."""
    stripped = line.strip().strip("|•·-–—:").strip()
    if not stripped:
        return True
    if FURNITURE.match(stripped) or BYLINE.match(stripped) or stripped.startswith("^"):
        return True  # "^" opens a wiki's reference note ("^ Smith, J. (2004) ...")
    if NOTE_TEXT.match(stripped) or EDITORIAL_NOTE.match(stripped):
        return True  # a footnote's text ("12See the survey ..."), a correction note
    if CREDIT.search(stripped):
        return True
    # A lone lower-case token ("fbpx", "amp") is a tracking or template leftover.
    return len(stripped.split()) == 1 and stripped.isalpha() and stripped.islower()


def is_prose(line: str) -> bool:
    """True for a line that reads as body text: sentence-like, not a heading or a label."""
    words = words_of(line)
    if len(words) >= LONG_LINE_WORDS and not is_title_case(line):
        return True
    if len(words) < MIN_PROSE_WORDS:
        return False
    return bool(SENTENCE_END.search(line.strip())) and not is_title_case(line)


def is_heading(line: str) -> bool:
    """True for a short line that could be a title or a section heading."""
    words = words_of(line)
    return 1 <= len(words) <= 20 and not is_furniture(line) and not line.strip().endswith(".")


def is_headline(lines: list[str], index: int) -> bool:
    """True for a text's first line written as a news headline: a sentence in sentence case
    without a full stop ("Old ferries, rebuilt by a small crew, show how the harbour changed"),
    with more text after it. Long lines without final punctuation are otherwise prose."""
    line = lines[index].strip()
    return index == 0 and len(lines) > 1 and is_heading(line) and not SENTENCE_END.search(line)


# Headings of the back matter that ends a reference work's article: its notes, sources and
# links to read on (wiki and encyclopedia pages carry them as text, reference by reference).
BACK_MATTER = re.compile(
    r"^(?:references|footnotes|citations|bibliography|works\s+cited"
    r"|further\s+reading|external\s+links|see\s+also|notes\s+and\s+references"
    r"|selected\s+(?:writings|works|publications|bibliography)|publications|discography"
    r"|filmography)"
    r"(?:\s*\[edit\])?:?$",
    re.I,
)


def without_back_matter(blocks: list[list[str]]) -> list[list[str]]:
    """The blocks before the first back-matter heading after the text's first quarter (a
    long reference list can outweigh the article; "Sources" or "Notes" may head a section of
    the article itself, so they are not taken for back matter)."""
    words = sum(len(line.split()) for block in blocks for line in block)
    seen = 0
    for b, block in enumerate(blocks):
        for n, line in enumerate(block):
            if seen >= words / 4 and BACK_MATTER.match(line.strip()):
                return [*blocks[:b], block[:n]] if n else blocks[:b]
            seen += len(line.split())
    return blocks


def split_blocks(text: str) -> list[list[str]]:
    """Split text into blocks of non-empty stripped lines separated by blank lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.split())
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def find_title(lines: list[str], first_prose: int) -> int | None:
    """Index of the title among the heading lines before the first prose line.

    A heading repeated there (page title and headline) wins, then one followed by a byline,
    then the first heading with two or more words, then the first heading.
    """
    candidates = [i for i in range(first_prose) if is_heading(lines[i])]
    if not candidates:
        return None
    seen: dict[str, int] = {}
    for i in candidates:
        key = lines[i].casefold()
        if key in seen:
            return seen[key]
        seen[key] = i
    for i in candidates:
        if any(BYLINE.match(lines[j]) for j in range(i + 1, min(i + 3, len(lines)))):
            return i
    longer = [i for i in candidates if len(words_of(lines[i])) >= 2]
    return (longer or candidates)[0]


def merge_attributions(paragraphs: list[str]) -> list[str]:
    """Join a quotation left without closing punctuation to its 'said X' line that follows."""
    merged: list[str] = []
    for paragraph in paragraphs:
        if (
            merged
            and ATTRIBUTION.match(paragraph)
            and not SENTENCE_END.search(merged[-1])
            and not merged[-1].startswith(("“", '"'))
        ):
            merged[-1] = f"“{merged[-1]},” {paragraph}"
        else:
            merged.append(paragraph)
    return merged


# Wiki residue: reference marks ("[12]", "[a]", "[note 3]") with their page numbers
# ("[12]:64"), and maintenance tags in lower case that end in "needed" or a question mark
# ("[citation needed]", "[improper synthesis?]", "[who?]") or are one of the inline
# templates of the wiki format ("as of 2013[update]", "[dubious – discuss]", "[sic]").
WIKI_TAGS = (
    "update|sic|vague|specify|clarify|dead link|permanent dead link|failed verification"
    "|not in citation given|citation not found|self-published source|unreliable source"
    "|original research|(?:dubious|disputed)(?: [–-] discuss)?"
)
FOOTNOTE = re.compile(
    rf"\s*\[(?:\d{{1,3}}|[a-z]|note \d{{1,3}}|[a-z][a-z '’–-]{{0,40}}(?:needed|\?)|{WIKI_TAGS})\]"
    r"(?::\s?\d{1,4}(?:[–-]\d{1,4})?)?"
)
# Citations and cross-references in brackets: "(Goldreich 2008, Chapter 1.2)", "(Smith and
# Jones 1999)", "(see world line)".
PAREN_CITATION = re.compile(
    r"\s*\((?:see|cf\.)\s[^()]*\)"
    r"|\s*\([A-Z][\w'’-]+(?:(?: and | & )[A-Z][\w'’-]+| et al\.)?,? \d{4}[a-z]?(?:[,;:][^()]*)?\)"
)
# Numbered citations in brackets after a space ("... of body fat (3, 10).", "(6)"): one or two
# digits each, so a year ("Taiho Code (701)") and a subsection ("Article 17(1)") stay.
NUMBERED_CITATION = re.compile(r"\s+\((?:\d{1,2})(?:,\s*\d{1,2})*\)(?=[.,;:]|\s|$)")
# A news dateline: the city and the agency before the first sentence ("Leeds (Harbour Wire)It was",
# "OSLO (Fjord News) - The ...").
DATELINE = re.compile(r"^[A-Z][\w.,' -]{1,40}? \([A-Z][\w .]{0,15}\)\s*(?:[-—–]\s*)?(?=[A-Z“\"])")
# A page number left after a reference mark that was already removed ('said.:62 Many').
PAGE_MARK = re.compile(r"(?<=[^\d\s:]):\d{1,4}(?:[–-]\d{1,4})?(?=\s|$)")
# A footnote number printed glued after a word and its punctuation ("pages,14 and",
# "minutes.15 If"), not a short abbreviation's ("c.750"); a footnote's own text starts with it
# (NOTE_TEXT).
GLUED_NOTE = re.compile(r"(?<=[a-z]{3}[.,;:!?\"”])\d{1,3}(?=\s|$)")
LISTEN = re.compile(r"\(\s*(?:listen|help·info|ⓘ)\s*\)", re.I)
# A photo's caption written into the text: "(pictured at the quay ...)", "(above)".
PICTURED = re.compile(
    r"\s*\((?:pictured|photographed|shown|seen)\b[^()]*\)|\s*\((?:above|below|left|right|top|"
    r"bottom|centre|center|far left|far right)\)",
    re.I,
)
BRACKETS = re.compile(r"\s*\(([^()]*)\)")
SQUARE = re.compile(r"\s*\[([^\[\]]*)\]")
GLOSS_LABEL = re.compile(r"^\s*(?:[A-Z][\w–-]*(?: [A-Z][\w–-]*)?|[a-z]+):(?:\s|$)")
PRONUNCIATION = re.compile(r"/[^/\s][^/]*/|\bpronounced\b|\blisten\b", re.I)


def _foreign(text: str) -> bool:
    """True for IPA symbols or a script other than Latin, Greek or Cyrillic (CJK, Arabic...)."""
    return any(
        0x250 <= ord(c) <= 0x2FF or ord(c) >= 0x590 and not 0x1E00 <= ord(c) <= 0x2BFF for c in text
    )


def _gloss_part(part: str) -> bool:
    return bool(GLOSS_LABEL.match(part) or PRONUNCIATION.search(part) or _foreign(part))


def drop_glosses(text: str) -> str:
    """Leave out pronunciation guides, "( listen)", a caption's "(pictured ...)" and
    foreign-script glosses in brackets ("(Chinese: 大元; pinyin: Dà Yuán)"), keeping the
    bracket's other parts (life dates)."""
    text = PICTURED.sub("", LISTEN.sub("", text))
    text = SQUARE.sub(lambda m: "" if _foreign(m.group(1)) else m.group(), text)

    def keep(match: re.Match[str]) -> str:
        parts = [p.strip() for p in match.group(1).split(";")]
        kept = [p for p in parts if p and not _gloss_part(p)]
        if len(kept) == len(parts):
            return match.group()
        return f" ({'; '.join(kept)})" if kept else ""

    return BRACKETS.sub(keep, text)


FORMULA = re.compile(r"(?:[A-Z][a-z]?\d*)+")
NOT_FORMULAS = frozenset({"In", "On", "At", "By", "As", "A", "I", "No", "So", "To", "Of", "Or"})


def join_lines(first: str, second: str) -> str:
    """Join a sentence broken across lines; a formula's subscript ("SiO" / "2,") joins tight."""
    last = first.split()[-1].lstrip("([") if first.split() else ""
    if second[:1].isdigit() and FORMULA.fullmatch(last) and last not in NOT_FORMULAS:
        return first + second
    return f"{first} {second}"


def uncited(text: str) -> str:
    """The text without reference marks, citations in brackets and footnote numbers."""
    text = PAREN_CITATION.sub("", FOOTNOTE.sub("", text))
    return GLUED_NOTE.sub("", PAGE_MARK.sub("", NUMBERED_CITATION.sub("", text)))


def body_paragraphs(blocks: list[list[str]]) -> list[str]:
    """Prose paragraphs of the blocks, joining a sentence that runs across line breaks."""
    paragraphs: list[str] = []
    for block in blocks:
        skip_listing = False
        current = pending = ""
        for line in block:
            if is_furniture(line):
                skip_listing = skip_listing or bool(LISTING_MARKERS.match(line))
                continue
            if pending and (line[:1].isdigit() or line[:1].islower()):
                # A short line ("Concentrated O") whose sentence goes on in the next line.
                line = join_lines(pending, line)
            pending = ""
            continues = bool(current) and not SENTENCE_END.search(current)
            if skip_listing or not (is_prose(line) or continues):
                if current:
                    paragraphs.append(current)
                    current = ""
                pending = "" if skip_listing or SENTENCE_END.search(line) else line
                continue
            if current and not SENTENCE_END.search(current):
                current = join_lines(current, line)
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    paragraphs = [
        " ".join(drop_glosses(DATELINE.sub("", LIST_MARKER.sub("", uncited(p)))).split())
        for p in paragraphs
    ]
    return without_teasers(without_speaker_labels(merge_attributions([p for p in paragraphs if p])))


# A full stop, question or exclamation mark followed by the next sentence's capital.
INNER_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+[\"“‘(]?[A-Z]")


def without_teasers(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the one-sentence lines a page sets between its paragraphs
    without a full stop: headlines of other stories, video titles, slide captions ("Mayor
    says the harbour will not reopen before the election"). Items of a list that a paragraph
    ending in a colon opens stay, and so do bulleted lines ("* ..."); a paragraph of several
    sentences that has lost its last full stop stays too."""
    kept: list[str] = []
    listing = False
    for paragraph in paragraphs:
        unfinished = not SENTENCE_END.search(paragraph)
        listing = paragraph.endswith(":") or (listing and unfinished)
        bulleted = paragraph.startswith("*")
        if unfinished and not (listing or bulleted or INNER_SENTENCE_END.search(paragraph)):
            continue
        kept.append(paragraph)
    return kept


# An interview's speaker label ("Ms Berg: Harbours don't ...", "The Gazette: Why did the
# harbour close?"): a name of up to four words and a colon opening the paragraph.
SPEAKER_LABEL = re.compile(r"^((?:[A-Z][\w’'.-]*)(?: [A-Z][\w’'.-]*){0,3}): (?=[A-Z“\"])")


def without_speaker_labels(paragraphs: list[str]) -> list[str]:
    """The paragraphs with an interview's speaker labels taken off: a label that opens three
    paragraphs or more names who speaks, not what is said (a glossary's labels differ from
    one paragraph to the next and stay)."""
    labels = Counter(m.group(1) for p in paragraphs if (m := SPEAKER_LABEL.match(p)))
    speakers = {label for label, count in labels.items() if count >= 3}
    if not speakers:
        return paragraphs
    return [
        p[m.end() :] if (m := SPEAKER_LABEL.match(p)) and m.group(1) in speakers else p
        for p in paragraphs
    ]


# A printed article's opening word set in capitals (a drop cap: "WHEN the rains came",
# "THREE weeks later"): a common word, not an acronym, so written as a word again.
DROP_CAP = re.compile(r"^([A-Z]{3,})(?=\s+[a-z])")


def without_drop_cap(paragraph: str) -> str:
    """The paragraph with an all-capital common first word in sentence case."""
    match = DROP_CAP.match(paragraph)
    if match is None or match.group(1).lower() not in STOP_WORDS:
        return paragraph
    return match.group(1).capitalize() + paragraph[match.end() :]


def clean_article(text: str) -> tuple[str, list[str]]:
    """Return (title, body paragraphs) of raw article text, page furniture removed; the title
    is "" when no heading line stands before the prose (questions.title derives one)."""
    blocks = without_back_matter(split_blocks(text))
    lines = [line for block in blocks for line in block]
    if not lines:
        raise ArticleError("The article is empty.")
    seen: set[str] = set()
    unique_blocks: list[list[str]] = []
    for block in blocks:
        kept = []
        for line in block:
            key = line.casefold()
            # Repeated lines (a headline printed twice, tags listed twice) count once.
            fragment = not any(len(w) > 2 for w in words_of(line))  # "2O" of a split Fe2O3
            if key in seen and len(words_of(line)) < LONG_LINE_WORDS and not fragment:
                continue
            seen.add(key)
            kept.append(line)
        if kept:
            unique_blocks.append(kept)
    first_prose = next(
        (i for i, line in enumerate(lines) if is_prose(line) and not is_headline(lines, i)),
        len(lines),
    )
    title_index = find_title(lines, first_prose)
    title = lines[title_index] if title_index is not None else ""
    body_blocks = [
        [line for line in block if line != title] for block in unique_blocks if block != [title]
    ]
    paragraphs = [without_drop_cap(p) for p in body_paragraphs([b for b in body_blocks if b])]
    if not paragraphs:
        raise ArticleError("No article text found: no paragraph reads as prose.")
    return title.strip(" #*-–—|:"), paragraphs
