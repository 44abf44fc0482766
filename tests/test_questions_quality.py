"""Each filter on hand-made items, the ranking, and any input: items or a clear error."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import questions
from questions.kinds.base import Candidate
from questions.model import Item
from questions.rules.giveaways import make_trivial_filter
from tests.question_helpers import judge, theme_reason

SENTENCE = "China launched the Dongfanghong-1 satellite in 1970, entering the space club."


def item(prompt: str, answer: str = "1970", kind: str = "short_answer", **fields) -> Item:
    fields.setdefault("source_sentence", SENTENCE)
    fields.setdefault("accepted", (answer,))
    return Item(id="x", kind=kind, prompt=prompt, answer=answer, **fields)


GOOD = item("When did China launch the Dongfanghong-1 satellite?")


@pytest.mark.parametrize(
    ("check", "bad"),
    [
        ("contains_answer", item("When, in 1970, did China launch the satellite?")),
        ("contains_answer", item("Who met Yuri Gagarin?", "Gagarin", accepted=("Gagarin",))),
        ("dangling_reference", item("When did it launch the Dongfanghong-1 satellite?")),
        (
            "dangling_reference",
            item("In his view, the station was finished in _____.", kind="cloze"),
        ),
        ("dangling_reference", item("When did the two countries sign the deal?")),
        ("dangling_reference", item("These achievements were made in _____.", kind="cloze")),
        ("quote_fragment", item("Who said “we stand ready to work?")),
        ("quote_fragment", item("When was it said?", source_sentence="said the colonel in 1970.")),
        ("source_length", item("When?", source_sentence="In 1970.")),
        (
            "unbalanced_brackets",
            item("_____) and Zhang Rou attacked the Song.", "Chagaan (Tsagaan", "cloze"),
        ),
        (
            "source_length",
            item("When did China launch it?", source_sentence=" ".join(["word"] * 60)),
        ),
        ("link_or_handle", item("Where is www.example.com hosted since _____?", kind="cloze")),
        ("doubled_word", item("When did did China launch the satellite?")),
        ("stray_punctuation", item("When did China launch the satellite , ?")),
        ("question_too_short", item("When was it?")),
        ("double_preposition", item("What must not slacken in on account of such assurances?")),
        ("one_blank", item("China launched _____ in _____.", kind="cloze")),
        (
            "four_choices",
            item("Which year?", kind="mcq", choices=("1970", "1970", "1969", "1971")),
        ),
        (make_trivial_filter("Oxygen"), item("What gas do we breathe?", "oxygen")),
    ],
)
def test_each_filter_rejects_its_case_and_passes_a_good_item(check, bad):
    assert judge(check, bad), f"{check} let through {bad.prompt!r}"
    assert judge(check, GOOD) is None


def cloze(prompt: str, answer: str, tag: str = "place") -> Item:
    return item(prompt, answer, kind="cloze", tags=(tag,))


@pytest.mark.parametrize(
    ("check", "bad", "good"),
    [
        (
            "blank_glossed",
            cloze("L'Église à la Nouvelle-Amsterdam (the French church in _____)", "New Amsterdam"),
            cloze(
                "The church stood in _____ until 1700, as records (Smith 1990) show.",
                "New Amsterdam",
            ),
        ),
        (
            "name_completion",
            cloze("The paintings came from Adolf _____'s collection in Linz.", "Hitler", "person"),
            cloze("The paintings came from _____'s collection in Linz.", "Adolf Hitler", "person"),
        ),
        (
            "name_completion",
            cloze("The record was shared with the 2009 _____ Saints.", "New Orleans"),
            cloze("The record was shared with the _____ New Orleans Saints.", "2009", "date"),
        ),
        (
            "related_word",
            item("Beijing wanted the _____ program to beat China's rivals.", "Chinese", "mcq"),
            item("Beijing wanted the _____ program to beat Moscow's rivals.", "Chinese", "mcq"),
        ),
        (
            "related_word",
            cloze("The double bond gives a bond order of _____.", "two", "number"),
            cloze("The molecule has a bond order of _____.", "two", "number"),
        ),
        (
            "related_word",
            cloze("Two atoms form a diatomic gas with the formula _____.", "O2", "thing"),
            cloze("Two atoms form a gas with the formula _____.", "O2", "thing"),
        ),
        (
            "unnamed_referent",
            item("When did the building open?", "1965", tags=("date",)),
            item("When did the Palace of Culture open?", "1965", tags=("date",)),
        ),
        (
            "unnamed_referent",
            cloze("The _____ is also situated here.", "Palace"),
            cloze("The _____ is situated in Warsaw.", "Palace"),
        ),
        (
            "unnamed_referent",
            cloze("During that era, Beijing turned to _____.", "Moscow"),
            cloze("During the Cold War, Beijing turned to _____.", "Moscow"),
        ),
        (
            "unnamed_referent",
            item("Overall, the offense ranked 19th in the league.", "19th", "true_false"),
            item("Overall, the Denver offense ranked 19th in the league.", "19th", "true_false"),
        ),
        (
            "who_did_no_person",
            item("Who did Manning lead in interceptions?", "NFL", tags=("org",)),
            item("Who did Manning pass to in the final?", "Owen Daniels", tags=("person",)),
        ),
        (
            "bracket_fragment",
            item("When did Kublai impose the name Great Yuan (Chinese: 大元; pinyin?", "1271"),
            item("When did Kublai impose the name Great Yuan?", "1271"),
        ),
        (
            "name_completion",
            cloze("He studied Aristotle, _____ of Ockham, and Biel.", "William", "person"),
            cloze("He studied Aristotle, _____, and Biel.", "William of Ockham", "person"),
        ),
        (
            "frequency_answer",
            cloze("He was made to wake at _____ for prayers.", "four every morning", "number"),
            cloze("He was made to wake at _____ every morning.", "four", "number"),
        ),
        (
            "unnamed_referent",
            item("When did the $1.2 billion stadium open?", "2014", tags=("date",)),
            item("When did Levi's Stadium open?", "2014", tags=("date",)),
        ),
        (
            "who_was_no_person",
            item("Who was established in 1816 in Warsaw?", "University of Warsaw", tags=("org",)),
            item("Who broadcast Super Bowl 50 in the U.S.?", "CBS", tags=("org",)),
        ),
        (
            "two_dates",
            item("Where was oxygen found by Scheele in 1773 or earlier in 1774?", "Uppsala"),
            item("Where was oxygen found by Scheele in 1773?", "Uppsala"),
        ),
        (
            "unnamed_referent",
            item("The $1.2 billion stadium opened in 2014.", "2014", "true_false"),
            item("The 2014 Levi's Stadium game was played in Santa Clara.", "2014", "true_false"),
        ),
        (
            "unnamed_referent",
            item("Most are concentrated in Alsace in northeast France.", "Alsace", "true_false"),
            item("Most Huguenots are concentrated in Alsace.", "Alsace", "true_false"),
        ),
        (
            "blank_glossed",
            cloze("They founded _____ française à la Nouvelle (the French church).", "L'Église"),
            cloze("Tension with _____ led to a siege by the royal army (1622).", "Paris"),
        ),
        (
            "list_member",
            cloze("Liu Heima and _____ served Ogödei Khan.", "Shi Tianze", "person"),
            cloze("_____ served Ogödei Khan in the north.", "Shi Tianze", "person"),
        ),
        (
            "list_member",
            cloze("Venues include the Chamber Opera, the _____ and the Theatre.", "Hall", "org"),
            cloze("Previously, _____ pulled out of a joint mission.", "ESA", "org"),
        ),
        (
            "unnamed_referent",
            item("The couple left for the Far East ten years later.", "x", "true_false"),
            item("The Catholic Church in France opposed the Huguenots.", "x", "true_false"),
        ),
        (
            "foreign_script",
            item("“Dà Yuán” (大元) is from a sentence in the Commentaries.", "x", "true_false"),
            item("“Dà Yuán” is from a sentence in the Commentaries on the Changes.", "x"),
        ),
        (
            make_trivial_filter("Huguenot"),
            cloze("Many _____ settled in the Cape.", "Huguenots", "group"),
            cloze("Many _____ settled in the Cape.", "French", "group"),
        ),
        (
            "lower_case_name",
            cloze(
                "The notable ones are the world's _____ and more.", "first Museum of Posters", "org"
            ),
            cloze(
                "The notable ones are the world's first _____ and more.", "Museum of Posters", "org"
            ),
        ),
        (
            "bare_relative",
            item("Where are most concentrated in Alsace who regard themselves as Huguenots?", "x"),
            item("When was oxygen named by Antoine Lavoisier, whose tests ended phlogiston?", "x"),
        ),
        (
            "relative_date",
            cloze("In _____, Russia and China announced a plan.", "March this year", "date"),
            cloze("In _____, Russia and China announced a plan.", "March 2023", "date"),
        ),
    ],
)
def test_giveaway_and_referent_filters(check, bad, good):
    assert judge(check, bad), f"{check} let through {bad.prompt!r}"
    assert judge(check, good) is None, judge(check, good)


def test_possessive_before_its_name_is_not_dangling():
    cloze = item("Despite its troubles, Moscow built a station in _____.", kind="cloze")
    assert judge("dangling_reference", cloze) is None


def candidate(kind: str, fact: str, weight: float, sentence: int = 0) -> Candidate:
    made = Item(
        id=f"{kind}-{fact}",
        kind=kind,
        prompt=f"{kind} {fact}?",
        answer=fact,
        source_sentence=SENTENCE,
        sentence_index=sentence,
        tags=("date",),
    )
    return Candidate(made, fact, weight)


# Any input: items or a clear ArticleError, never a crash. spaCy is slow: few examples.
ANY_INPUT = settings(
    max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def generate_or_refuse(text: str) -> questions.Article | None:
    try:
        article = questions.generate(text, all_items=True)
    except questions.ArticleError as error:
        assert 10 <= len(str(error)) <= 300
        return None
    for made in article.items:
        assert made.kind in questions.KINDS and made.prompt
    return article


@ANY_INPUT
@given(st.text(max_size=400))
def test_any_text_gives_items_or_a_clear_error(text):
    generate_or_refuse(text)


@ANY_INPUT
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "a.html", "a.md", ""]))
def test_any_bytes_give_items_or_a_clear_error(data, filename):
    try:
        text = questions.read_article(data, filename=filename)
    except questions.ArticleError:
        return
    generate_or_refuse(text)


@ANY_INPUT
@given(
    st.lists(
        st.sampled_from(
            [
                "Berlin ist die Hauptstadt Deutschlands seit 1990.",
                "Le traité fut signé à Paris en 1783 par Benjamin Franklin.",
                "東京は日本の首都であり、1868年に改名された。",
                "Москва была основана в 1147 году князем Юрием Долгоруким.",
                "   ",
                "\n\n",
                "The Moon landing happened in July 1969, watched by 600 million people.",
            ]
        ),
        max_size=8,
    )
)
def test_non_english_and_mixed_text_never_crashes(parts):
    generate_or_refuse("Title\n\n" + " ".join(parts))


def test_whitespace_and_empty_are_clear_errors():
    for text in ("", "   \n\t  \n"):
        with pytest.raises(questions.ArticleError, match="empty"):
            questions.generate(text, all_items=True)


def test_one_megabyte_is_a_clear_error_not_a_crash():
    text = "Title\n\n" + "The probe reached Mars in 1976 after a long flight. " * 20_000
    assert len(text) > 1_000_000
    with pytest.raises(questions.ArticleError, match="limit"):
        questions.generate(text, all_items=True)


def test_one_megabyte_without_spaces_or_stops_is_refused_quickly():
    with pytest.raises(questions.ArticleError):
        questions.generate("x" * 1_000_000)


INLINE_JUNK = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=80)


@ANY_INPUT
@given(st.text(max_size=80), INLINE_JUNK)
def test_real_sentences_with_junk_inserted_give_items(junk_a, junk_b):
    text = (
        f"Space Firsts\n\n{junk_a}\n\nThe Soviet Union launched Sputnik 1 in 1957. {junk_b} "
        "Yuri Gagarin, a Soviet cosmonaut, flew into space in 1961 on Vostok 1.\n"
    )
    article = generate_or_refuse(text)
    assert article is not None and article.items


def mention(answer: str, tag: str, sentence: int, label: str = "ORG"):
    from questions.facts import Mention

    return Mention(sentence, answer, tag, label, "", "", None, "", False, None, 1.0)


def test_distractors_match_type_and_shape_and_skip_variants():
    import random

    from questions.distractors import build_pools, pick_distractors

    pool = [
        mention("European Space Agency", "org", 0),
        mention("ESA", "org", 1),
        mention("NASA", "org", 2),
        mention("CNSA", "org", 3),
        mention("ILRS", "org", 4),
        mention("Roscosmos", "org", 5),
        mention("1957", "date", 6, "DATE"),
    ]
    answer = pool[2]
    for seed in range(5):
        wrong = pick_distractors(answer, build_pools(pool), random.Random(seed))
        assert len(wrong) == 3 and "NASA" not in wrong
        assert set(wrong) <= {"ESA", "CNSA", "ILRS"}, wrong  # acronyms for an acronym
    year = pick_distractors(pool[6], build_pools(pool), random.Random(1))
    assert len(year) == 3 and all(re.fullmatch(r"\d{4}", y) and y != "1957" for y in year)


def test_distractors_never_come_from_the_same_sentence():
    import random

    from questions.distractors import build_pools, pick_distractors

    pool = [
        mention(name, "person", 0 if i < 2 else i, "PERSON")
        for i, name in enumerate(
            [
                "Yuri Gagarin",
                "Sergei Korolev",
                "Neil Armstrong",
                "Sally Ride",
                "Valentina Tereshkova",
                "John Glenn",
            ]
        )
    ]
    for seed in range(5):
        wrong = pick_distractors(pool[0], build_pools(pool), random.Random(seed))
        assert "Sergei Korolev" not in wrong and "Yuri Gagarin" not in wrong


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ("1970", r"\d{4}"),
        ("the 2030s", r"the \d{3}0s"),
        ("between 2027 and 2033", r"between \d{4} and \d{4}"),
        ("25 November 2022", r"25 November \d{4}"),
    ],
)
def test_near_dates_keep_the_shape(answer, pattern):
    import random

    from questions.distractors import near_dates

    near = near_dates(answer, random.Random(3), 3)
    assert len(set(near)) == 3 and answer not in near
    assert all(re.fullmatch(pattern, date) for date in near), near


def test_a_person_named_with_the_same_people_elsewhere_is_no_wrong_answer():
    import random

    from questions.distractors import build_pools, pick_distractors

    pool = [
        mention("Liu Heima", "person", 0, "PERSON"),
        mention("Ogodei Khan", "person", 0, "PERSON"),
        mention("Zhang Rou", "person", 1, "PERSON"),  # named with Ogodei Khan elsewhere
        mention("Ogodei Khan", "person", 1, "PERSON"),
        *[
            mention(n, "person", i + 2, "PERSON")
            for i, n in enumerate(["Marco Polo", "Yan Shi", "Shi Gang", "Li Tan", "Wang Wei"])
        ],
    ]
    for seed in range(6):
        wrong = pick_distractors(pool[0], build_pools(pool), random.Random(seed))
        assert "Zhang Rou" not in wrong and len(wrong) == 3


def test_wrong_people_are_treated_as_people_in_the_article():
    from questions.distractors import build_pools

    texts = [
        "Kabaty Woods and Czerniaków Lake are nature reserves in Warsaw.",
        "Maria Curie, who was born in Warsaw, studied radioactivity.",
        "Marie de' lived in Florence.",
        "Pierre Curie married a fellow scientist.",
        "Frederic Chopin wrote many mazurkas.",
    ]
    pool = [
        mention("Kabaty Woods", "person", 0, "PERSON"),
        mention("Czerniaków Lake", "person", 0, "PERSON"),
        mention("Maria Curie", "person", 1, "PERSON"),
        mention("Marie de'", "person", 2, "PERSON"),
        mention("Pierre Curie", "person", 3, "PERSON"),
    ]
    texts.append("Curie studied in Paris, where he met her.")
    pool.append(mention("Curie", "person", 5, "PERSON"))
    names = {a for v in build_pools(pool, texts).by_key.values() for a, _ in v}
    assert names == {"Maria Curie", "Pierre Curie"}
    assert {a for v in build_pools(pool).by_key.values() for a, _ in v} >= {"Kabaty Woods"}


def test_surname_alternative_is_no_roman_number():
    from questions.answers import accepted_for

    assert "XIV" not in accepted_for("Louis XIV", "person")
    assert "Gagarin" in accepted_for("Yuri Gagarin", "person")


def test_no_near_numbers_for_a_record():
    from questions.distractors import near_numbers

    assert near_numbers("12–4", random.Random(1), 3) == []
    assert near_numbers("49ers", random.Random(1), 3) == []
    assert near_numbers("75,000 to 100,000", random.Random(1), 3) == []
    assert len(near_numbers("517 yards", random.Random(1), 3)) == 3


def test_a_type_noun_alone_stands_for_a_longer_name():
    from questions.rules.referents import make_short_name_filter

    short_name = make_short_name_filter(["Centre for Contemporary Art", "Denver Broncos"])
    assert short_name(item("The Centre currently realizes about _____ projects.", kind="cloze"))
    assert short_name(item("How many projects does the Centre realize?")) is not None
    named = item("The Centre for Contemporary Art realizes about _____ projects.", kind="cloze")
    assert short_name(named) is None
    assert short_name(item("When did the Broncos win the AFC title?")) is None


@pytest.mark.parametrize(
    ("prompt", "answer", "rejected"),
    [
        ("Following the move in _____ this building was demolished.", "1999", True),
        ("Private schools in _____ may also use such methods.", "Texas", True),
        ("Religious texts such as the _____ are taught.", "Quran", False),
        ("The Sun is about _____ kelvins at its core.", "1.5 × 1015", True),
        ("The museum opened in _____ in London.", "1857", False),
    ],
)
def test_demonstratives_and_lost_exponents_are_rejected(prompt, answer, rejected):
    item = Item(
        id="x", kind="cloze", prompt=prompt, answer=answer, source_sentence=prompt, tags=("date",)
    )
    assert bool(judge("dangling_reference", item) or theme_reason("form", item)) is rejected


def test_no_share_over_a_hundred_percent_beside_a_share():
    from questions.distractors import impossible_share

    assert impossible_share("154.8%", "54.8%")
    assert not impossible_share("44.8%", "54.8%")
    assert not impossible_share("154", "54")


@pytest.mark.parametrize(
    ("prompt", "rejected"),
    [("_____ I was imprisoned in 1647.", True), ("King _____ II of England ruled.", True)],
)
def test_a_blank_that_leaves_a_regnal_number_is_half_a_name(prompt, rejected):
    item = Item(id="x", kind="cloze", prompt=prompt, answer="Charles", tags=("person",))
    assert bool(theme_reason("form", item)) is rejected


@pytest.mark.parametrize(
    ("title", "answer", "topic"),
    [
        ("Victoria and Albert Museum", "Albert", True),
        ("Victoria and Albert Museum", "V&A", True),
        ("United Methodist Church", "UMC", True),
        ("University of Chicago", "UChicago", True),
        ("Victoria and Albert Museum", "Henry Cole", False),
        ("University of Chicago", "Harvard", False),
    ],
)
def test_blanks_on_the_articles_own_topic_are_rejected(title, answer, topic):
    from questions.rules.giveaways import make_trivial_filter

    item = Item(id="x", kind="cloze", prompt="It was _____.", answer=answer, tags=("org",))
    assert bool(make_trivial_filter(title)(item)) is topic


@pytest.mark.parametrize(
    ("answer", "rejected"),
    [("More than", True), ("several", True), ("about 30", False), ("twenty-five", False)],
)
def test_a_number_blank_must_hold_a_number(answer, rejected):
    item = Item(id="x", kind="cloze", prompt="_____ 26,000 km2.", answer=answer, tags=("number",))
    assert bool(theme_reason("shape", item)) is rejected
