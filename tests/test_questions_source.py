"""Reading articles: encodings, HTML, Markdown, limits; cleaning furniture; entity rules."""

from __future__ import annotations

import pytest

import questions
from questions import nlp
from questions.clean import clean_article, drop_glosses, is_furniture
from questions.lexicon import is_name_like
from questions.nlp import get_segmenter, parse, split_sentences, split_simple
from questions.source import MAX_ARTICLE_BYTES, decode_bytes, detect_format
from tests.questions_fixtures import DATA, SEED

BODY = (
    "Yuri Gagarin flew into space in 1961, and the flight lasted 108 minutes. "
    "Sputnik 1 was launched by the Soviet Union in 1957."
)


@pytest.mark.parametrize(
    "data",
    [
        ("Space\n\n" + BODY).encode("utf-8"),
        b"\xef\xbb\xbf" + ("Space\n\n" + BODY).encode("utf-8"),
        ("Space\n\n" + BODY).encode("utf-16"),
        ("Space\n\n" + BODY + " Café.").encode("latin-1"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 BOM", "latin-1"],
)
def test_encodings_decode_to_the_same_article(data):
    text = questions.read_article(data)
    assert text.split("\n")[0] == "Space"
    assert "Yuri Gagarin flew into space in 1961" in text


def test_latin1_accents_survive():
    assert "Café" in decode_bytes("Le Café de Flore est à Paris, depuis 1887.".encode("latin-1"))


def test_size_limit_is_a_clear_error():
    with pytest.raises(questions.ArticleError, match="limit"):
        questions.read_article(b"a " * (MAX_ARTICLE_BYTES // 2 + 1))


def test_binary_is_refused():
    with pytest.raises(questions.ArticleError, match="binary"):
        questions.read_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)


def test_html_uses_the_article_and_drops_scripts():
    html = (
        "<html><head><title>Page</title><script>alert('x')</script></head><body>"
        "<nav>Home Menu Subscribe</nav><article><h1>Space Race</h1>"
        f"<p>{BODY}</p><script>var tracking = 1;</script>"
        "<p>The Apollo 11 crew landed on the Moon in July 1969, watched by millions.</p>"
        "</article><footer>Copyright</footer></body></html>"
    )
    text = questions.read_article(html.encode(), filename="page.html")
    assert text.split("\n")[0] == "Space Race"
    assert "Apollo 11" in text and "1961" in text
    assert "alert" not in text and "tracking" not in text and "<" not in text


def test_markdown_markup_is_stripped():
    markdown = (
        "# Space Race\n\nSome **bold** and *emphasised* text about [Gagarin](https://x.org) "
        "who flew in 1961 and `code`.\n\n- A list item about Sputnik 1 launched in 1957.\n"
    )
    assert detect_format(markdown, "notes.md") == "markdown"
    text = questions.read_article(markdown, filename="notes.md")
    assert text.split("\n")[0] == "Space Race"
    for mark in ("**", "](", "`", "# "):
        assert mark not in text
    assert "Some bold and emphasised text about Gagarin who flew in 1961" in text


def test_clean_finds_repeated_headline_and_drops_furniture():
    raw = (
        "xyzq\nSite Name\n\nThe Real Headline Here\n\nThe Real Headline Here\n\n"
        "By Jane Writer\n\nA Section Heading\n\n"
        f"{BODY}\n\nSecond paragraph says the mission ended in 1961 after one orbit.\n\n"
        "Jane Writer\n\nContributor\nTags: , ,\nPrevious Post\nSome Other Story Title\n"
        "Next Post\nWill It Rain Tomorrow In The City?\n\nRelated Articles\n\nMenu"
    )
    title, paragraphs = clean_article(raw)
    assert title == "The Real Headline Here"
    assert paragraphs == [BODY, "Second paragraph says the mission ended in 1961 after one orbit."]


@pytest.mark.parametrize(
    "line",
    [
        "fbpx",
        "Tags: , , ,",
        "Previous Post",
        "Related Articles",
        "Menu",
        "By Jane Writer",
        "Share this",
        "Subscribe to our newsletter",
        '^ "Harbour opens". The Gazette. Retrieved 2012-08-18.',
        "Ann Lee at the harbour office in Westport | photo by Tom Reed",
        "Photo by Tom Reed for the Gazette",
        "Correction, Nov. 15, 2019: This article misnamed the harbour's first owner.",
        "Editor's note: Ann Lee is a board member of the Gazette.",
        "This article was reprinted on the Harbour Gazette's website.",
        "An earlier version of this story gave the wrong date for the closure.",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Said the minister in 2020.",
        "Menus were printed.",
        "The photo by Tom Reed won the regional prize for news pictures in 2019.",
        "The correction came in 1990: the harbour lost half its trade.",
        "This article of the treaty was signed in 1990.",
    ],
)
def test_body_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_quote_without_punctuation_joins_its_attribution():
    raw = (
        "Title Line\n\nWe will reach the Moon before the decade is out and return safely home\n\n"
        "said John Kennedy, president of the United States, in a speech in 1961."
    )
    _, paragraphs = clean_article(raw)
    assert len(paragraphs) == 1
    assert (
        paragraphs[0].startswith("“We will reach") and "home,” said John Kennedy" in paragraphs[0]
    )


def test_sentences_split_with_abbreviations():
    text = "The U.S. Army was founded in 1775 by Congress. “It grew,” he said. It did."
    assert split_sentences(text) == [
        "The U.S. Army was founded in 1775 by Congress.",
        "“It grew,” he said.",
        "It did.",
    ]


def test_a_title_abbreviation_ends_no_sentence():
    text = "An aide to Sen. Ada Lund spoke, and Rep. Bo Ray and Gov. Cy Holt agreed. It passed."
    assert split_sentences(text) == [
        "An aide to Sen. Ada Lund spoke, and Rep. Bo Ray and Gov. Cy Holt agreed.",
        "It passed.",
    ]


def test_a_roman_numeral_after_an_abbreviation_starts_no_sentence():
    text = "The pier is not exactly Harbour Wars Pt. II, but the town is nervous. It rained."
    assert split_sentences(text) == [
        "The pier is not exactly Harbour Wars Pt. II, but the town is nervous.",
        "It rained.",
    ]
    assert split_sentences("He left. I stayed behind.") == ["He left.", "I stayed behind."]


def ents(text: str) -> dict[str, str]:
    doc = next(parse([text]))
    return {e.text: e.label_ for e in doc.ents}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Russia’s Luna-25 spacecraft crashed on the Moon.", "Luna-25", "PRODUCT"),
        ("In 1957 it launched Sputnik 1, the first satellite.", "Sputnik 1", "PRODUCT"),
        ("NASA flew Apollo 11 to the Moon in 1969.", "Apollo 11", "PRODUCT"),
        ("The deal with the European Space Agency (ESA) was signed.", "ESA", "ORG"),
        ("A plan by the State Space Corporation (Roscosmos) failed.", "Roscosmos", "ORG"),
        ("The Fleet Observation Unit (FOU) reported a storm.", "FOU", "ORG"),
        ("The spokesperson Colonel We Qian said so on Monday.", "We Qian", "PERSON"),
        ("The head General Stephen Whiting warned Congress.", "Stephen Whiting", "PERSON"),
        ("Professor Ada Byron wrote the first program.", "Ada Byron", "PERSON"),
    ],
)
def test_entity_rules(text, name, label):
    assert ents(text).get(name) == label


def test_the_moon_is_not_a_person():
    assert ents("They studied the exploration of the Moon.").get("Moon") != "PERSON"


def test_model_name_is_a_setting(monkeypatch):
    nlp.get_nlp.cache_clear()
    monkeypatch.setenv("QUIZAPP_SPACY_MODEL", "no_such_model_xyz")
    try:
        assert "ner" in nlp.get_nlp().pipe_names  # falls back to an installed model
    finally:
        nlp.get_nlp.cache_clear()


def test_a_formula_split_across_lines_joins_tight():
    raw = (
        "Oxygen\n\nAt room temperature two atoms of the element bind to form a gas, formula O\n"
        "2. Sand is mostly silica SiO\n2, as found in quartz.\n"
    )
    _, paragraphs = clean_article(raw)
    assert paragraphs == [
        "At room temperature two atoms of the element bind to form a gas, formula O2. "
        "Sand is mostly silica SiO2, as found in quartz."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yuri Gagarin", True),
        ("Louis XIV", True),
        ("Jan van Riebeeck", True),
        ("DeAngelo Williams", True),
        ("SiO 2", False),
        ("HO", False),
        ("USA", False),
    ],
)
def test_name_like(text, expected):
    assert is_name_like(text) is expected


def test_plain_split_agrees_with_pysbd_wherever_it_is_used():
    used = 0
    for path in [SEED, *sorted(DATA.glob("*.txt"))]:
        for paragraph in clean_article(path.read_text(encoding="utf-8"))[1]:
            simple = split_simple(paragraph)
            if simple is None:
                continue
            used += 1
            expected = [s.strip() for s in get_segmenter().segment(paragraph) if s.strip()]
            assert simple == expected
    assert used >= 10


@pytest.mark.parametrize(
    "paragraph",
    [
        "The U.S. Army was founded in 1775. It grew.",
        "“We will return,” he said. Then he left.",
        "Dr. Smith arrived. He sat down.",
        "It cost approx. 5 dollars. That was cheap.",
        "Wait... what happened? Nobody knew.",
    ],
)
def test_hard_paragraphs_go_to_pysbd(paragraph):
    assert split_simple(paragraph) is None


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "Martin Luther (/ˈluːθər/; German: [ˈmaɐ̯tiːn ˈlʊtɐ] ( listen); 10 November 1483 – "
            "18 February 1546) was a German professor.",
            "Martin Luther (10 November 1483 – 18 February 1546) was a German professor.",
        ),
        (
            "The Yuan dynasty (Chinese: 元朝; pinyin: Yuán Cháo), officially the Great Yuan, "
            "was an empire.",
            "The Yuan dynasty, officially the Great Yuan, was an empire.",
        ),
        (
            "The European Space Agency (ESA) hired John Mayow (1641–1679).",
            "The European Space Agency (ESA) hired John Mayow (1641–1679).",
        ),
    ],
)
def test_pronunciation_and_foreign_script_glosses_are_left_out(raw, clean):
    assert " ".join(drop_glosses(raw).split()) == clean


def test_back_matter_after_the_article_is_left_out():
    body = [
        f"The harbour of Westport {n} was dredged again in spring of the next year."
        for n in range(8)
    ]
    back = [
        "Selected writings",
        "Tides of Westport: a history of the tidal mills of the estuary and its docks, 1990.",
        "Further reading",
        "Smith, John. A History of Westport Harbour and its Docks. Westport Press, 1990.",
        "External links",
        "Westport Harbour Trust official website with its timetables and tide tables.",
    ]
    _, paragraphs = clean_article("\n\n".join(["Westport Harbour", *body, *back]))
    assert len(paragraphs) == len(body)
    assert not any("tide tables" in p or "tidal mills" in p for p in paragraphs)
    # A heading of the same words early in an article heads a section of the article itself.
    _, early = clean_article("\n\n".join(["Westport Harbour", body[0], *back[2:], *body[1:]]))
    assert any("tide tables" in p for p in early)


def test_a_repeated_formula_fragment_is_kept():
    text = (
        "Rocks\n\nRocks are made of many minerals that formed over millions of years.\n"
        "The crust holds aluminium oxide Al\n2O\n3, in bauxite, and iron oxide Fe\n2O\n"
        "3, in hematite and rust.\n"
    )
    _, paragraphs = clean_article(text)
    assert "Al2O3" in " ".join(paragraphs) and "Fe2O3" in " ".join(paragraphs), paragraphs


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("He said so.[12]:62 Many were lost.", "He said so. Many were lost."),
        ("He said so.:64 Many were lost.", "He said so. Many were lost."),
        ("It was new[citation needed] then.", "It was new then."),
        ("It grew[improper synthesis?] fast [who?].", "It grew fast."),
        ("It had 2 mills as of May 2013[update].", "It had 2 mills as of May 2013."),
        ("The mill was [dubious – discuss] the oldest.", "The mill was the oldest."),
        ("A ratio of 3:2 at 10:30 in a forest [less than three years] old.", None),
    ],
)
def test_wiki_reference_marks_and_maintenance_tags_are_removed(raw, clean):
    _, paragraphs = clean_article(f"Title\n\n{raw}")
    assert paragraphs == [clean or raw]


@pytest.mark.parametrize(
    ("text", "filename", "title"),
    [
        (
            "Nikola Tesla (10 July 1856 – 7 January 1943) was an inventor. He was born.",
            "",
            "Nikola Tesla",
        ),
        (
            "The Black Death is thought to have come from Central Asia in 1338.",
            "",
            "The Black Death",
        ),
        ("It was a cold day in London in 1854. Snow fell.", "great_frost.txt", "Great frost"),
        ("It was a cold day in London in 1854. Snow fell.", "", "Untitled article"),
    ],
)
def test_a_text_without_a_heading_gets_a_clean_title(text, filename, title):
    article = questions.generate(text, filename=filename, all_items=True)
    assert article.title == title
    assert not any(item.prompt == title for item in article.items)


def test_a_headline_in_sentence_case_is_the_title_and_gives_no_item():
    """A news headline is a sentence without a full stop; it is the title, not the first
    paragraph, while a first line that ends like a sentence stays prose."""
    headline = "Old wooden boats, rebuilt by a small crew, reveal how the harbour trade changed"
    body = "The harbour trade changed in 1990. Gale Marsh rebuilt the boats in 1995."
    title, paragraphs = clean_article(f"{headline}\n\n{body}")
    assert title == headline and paragraphs == [body]
    items = questions.generate(f"{headline}\n\n{body}", all_items=True).items
    assert items and not any("wooden" in item.prompt for item in items)
    assert clean_article(f"{headline}.\n\n{body}")[0] == ""


def test_an_explicit_title_wins_over_the_heading():
    text = "A Heading\n\nMarie Curie discovered polonium in 1898 in Paris."
    assert questions.generate(text, title="Radioactivity", all_items=True).title == "Radioactivity"
    assert questions.generate(text, all_items=True).title == "A Heading"


def test_bracketed_citations_and_cross_references_are_removed():
    raw = (
        "Title\n\nA problem is hard (Goldreich 2008, Chapter 1.2) and lines bend (see world line)."
    )
    assert clean_article(raw)[1] == ["A problem is hard and lines bend."]


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("WHEN the rains came the river rose.", "When the rains came"),
        ("THREE weeks later the harvest began.", "Three weeks later the"),
        # An acronym opening the article stays as it is.
        ("NATO was founded in 1949 by twelve countries.", "NATO was founded"),
    ],
)
def test_a_printed_drop_cap_is_written_as_a_word(opening, expected):
    _title, paragraphs = clean_article(f"Notes\n\n{opening} It was a long time.\n")
    assert paragraphs[0].startswith(expected)


def test_footnote_numbers_glued_to_words_and_footnote_texts_are_removed():
    text = (
        "Harbour Alerts\n\nToo many pages make alarms,14 and slow hosts take 5 minutes.15 If "
        "users wait, they leave.\n\nThe harbour board met in c.750 and in 1990 to plan 3D maps.\n\n"
        "14Sometimes called alarm fatigue.\n\n15If 1% of ships are slow, others wait."
    )
    _, paragraphs = clean_article(text)
    assert paragraphs == [
        "Too many pages make alarms, and slow hosts take 5 minutes. If users wait, they leave.",
        "The harbour board met in c.750 and in 1990 to plan 3D maps.",
    ]


def test_an_interviews_speaker_labels_and_a_captions_pictured_aside_are_taken_off():
    text = "Harbour Talk\n\n" + "\n\n".join(
        [
            "The Gazette asked Ada Berg three questions about the harbour in 1990.",
            "The Gazette: Why did the harbour close?",
            "Ada Berg: The harbour closed because the river silted up.",
            "The Gazette: Who paid for the dredging?",
            "Ada Berg: The council paid for it in 1992.",
            "The Gazette: Will it reopen?",
            "Ada Berg: It reopens in 1995.",
            "Need: a glossary label that opens one paragraph stays.",
            "The mayor (pictured at the quay in 1990) opened the new lock.",
        ]
    )
    _, paragraphs = clean_article(text)
    assert "The harbour closed because the river silted up." in paragraphs
    assert "Why did the harbour close?" in paragraphs
    assert "Need: a glossary label that opens one paragraph stays." in paragraphs
    assert "The mayor opened the new lock." in paragraphs
    assert not any(p.startswith(("Ada Berg:", "The Gazette:")) for p in paragraphs)


def test_numbered_citations_and_a_news_dateline_are_removed():
    text = (
        "Harbour News\n\nLeeds (Harbour Wire)It was the busiest year of the harbour since 1990."
        "\n\nDredging is the most reliable way to keep a channel open (3, 10). The board met "
        "in (1990) and again in 1992 (6)."
    )
    _, paragraphs = clean_article(text)
    assert paragraphs == [
        "It was the busiest year of the harbour since 1990.",
        "Dredging is the most reliable way to keep a channel open. The board met in (1990) and "
        "again in 1992.",
    ]


def test_one_line_teasers_without_a_full_stop_are_dropped_but_a_listed_line_stays():
    text = "Harbour News\n\n" + "\n\n".join(
        [
            "The harbour of Leeds closed in 1990 after the river silted up.",
            "Mayor says the harbour will not reopen before the next election is over",
            "The council gave three reasons for the closure of the harbour in its report of 1991:",
            "The river silted up faster than the two old dredgers of the port could clear it",
            "The ferry company moved its boats and its offices to the port of Hull in 1989",
            "The board met again in 1992. It sold the quay to a builder",
        ]
    )
    _, paragraphs = clean_article(text)
    assert "Mayor says the harbour will not reopen before the next election is over" not in (
        paragraphs
    )
    assert (
        "The river silted up faster than the two old dredgers of the port could clear it"
        in paragraphs
    )
    assert "The ferry company moved its boats and its offices to the port of Hull in 1989" in (
        paragraphs
    )
    assert "The board met again in 1992. It sold the quay to a builder" in paragraphs


def test_a_numbered_lists_marker_is_taken_off_its_paragraph():
    text = (
        "Harbour Myths\n\nThe harbour of Leeds closed in 1990 after the river silted up.\n\n"
        '1.  "The harbour never made money for the town"\n\n'
        "2. The council paid for the dredging of the harbour in 1992 and in 1995."
    )
    _, paragraphs = clean_article(text)
    assert '"The harbour never made money for the town"' in paragraphs
    assert "The council paid for the dredging of the harbour in 1992 and in 1995." in paragraphs
