"""questions/pipeline: generate on any input (items or a clear error), and the article-level
steps on accepted answers (shared name words, aliases, short forms the article writes alone)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import questions
from questions.model import Item
from questions.pipeline import shared_name_words, without_shared_words, written_alone


def test_a_person_named_by_a_shared_title_is_named_by_the_rest() -> None:
    khan = Item(
        id="x",
        kind="short_answer",
        prompt="Who commenced a campaign against the Song?",
        answer="Möngke Khan",
        accepted=("Möngke Khan", "Khan"),
        tags=("person",),
    )
    assert without_shared_words(khan, frozenset({"Khan"})).accepted == ("Möngke Khan", "Möngke")


@pytest.mark.parametrize(
    ("fragment", "alone"),
    [("Media", False), ("America", False), ("Sports", False), ("Setanta", True)],
)
def test_a_short_form_is_accepted_only_where_the_article_writes_it_alone(fragment, alone):
    text = (
        "Virgin Media bought it. The Radio Corporation of America sold NBC. Sky Sports and "
        "Setanta Sports bid. Later Setanta went bust. It was later."
    )
    assert written_alone(fragment, text) is alone


def test_shared_name_words_come_from_full_names_only() -> None:
    names = ["Bran Khan", "Bran", "Olaf Khan"]
    mentions = [SimpleNamespace(tag="person", answer=n) for n in names]
    shared = shared_name_words(SimpleNamespace(mentions=mentions))
    assert shared == frozenset({"Khan"})  # "Bran" of "Bran" and "Bran Khan" is one person


def test_aliases_reach_the_accepted_list() -> None:
    text = (
        "Polar Flights\n\n"
        "The Arctic Survey Office (ASO) was founded by Nils Berg in 1921. "
        "He said the ASO would map the ice. "
        "In 1930 the Arctic Survey Office sent Nils Berg to Svalbard."
    )
    article = questions.generate(text, all_items=True)
    typed = [i for i in article.items if i.kind in ("cloze", "short_answer")]
    office = [i for i in typed if i.answer == "Arctic Survey Office"]
    assert office, [i.answer for i in typed]
    assert all("ASO" in i.accepted for i in office)


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


INLINE_JUNK = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=80)


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


@ANY_INPUT
@given(st.text(max_size=80), INLINE_JUNK)
def test_real_sentences_with_junk_inserted_give_items(junk_a, junk_b):
    text = (
        f"Space Firsts\n\n{junk_a}\n\nThe Soviet Union launched Sputnik 1 in 1957. {junk_b} "
        "Yuri Gagarin, a Soviet cosmonaut, flew into space in 1961 on Vostok 1.\n"
    )
    article = generate_or_refuse(text)
    assert article is not None and article.items
