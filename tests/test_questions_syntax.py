"""questions/syntax: the wh-question make_question gives for an answer in a parsed sentence.

Properties, not the generator's whole output: the question word fits the answer's type, the
question ends with a question mark, never holds its answer, keeps what the sentence says
around it, and asks with "did" and the base verb; where the parse gives no safe question (an
answer in a list, a place after a preposition that is no "where") there is none.
"""

from __future__ import annotations

import pytest

from questions.facts import answer_span
from questions.nlp import parse
from questions.syntax import (
    denial,
    event_phrase,
    is_command,
    is_fragment,
    make_question,
    wh_word,
)
from tests.question_helpers import answer_in

# (sentence, answer, question word, words of the sentence the question keeps, past verb)
QUESTIONS = [
    ("Yuri Gagarin flew around the Earth in 1961.", "Yuri Gagarin", "Who", "Earth", ""),
    ("Yuri Gagarin flew around the Earth in 1961.", "1961", "When did", "Gagarin", "flew"),
    ("The Soviet Union launched Sputnik 1 in October 1957.", "Sputnik 1", "What did", "1957",
     "launched"),
    ("The Soviet Union launched Sputnik 1 in October 1957.", "October 1957", "When did",
     "Sputnik", "launched"),
    ("Neil Armstrong walked on the Moon in July 1969.", "Neil Armstrong", "Who", "Moon", ""),
    ("The engineers built 12 rockets at the plant.", "12", "How many rockets", "plant",
     "built"),
    ("Twelve astronauts walked on the Moon.", "Twelve", "How many astronauts", "Moon", ""),
    ("The mission landed in Florida after a long flight.", "Florida", "Where did", "flight",
     "landed"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "answer", "wh", "kept", "past"), QUESTIONS)
def test_the_question_asks_for_its_answer_with_the_right_word(sentence, answer, wh, kept, past):
    span, tag = answer_in(sentence, answer)
    question = make_question(span, tag, {})
    assert question is not None
    assert question.startswith(f"{wh} ") and question.endswith("?"), question
    assert answer.casefold() not in question.casefold(), question
    assert kept in question, question
    if past:  # "When did Gagarin fly ...?", not "When did Gagarin flew ...?"
        assert past not in question.split(), question


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        # One name of a list is not the subject alone.
        ("Gagarin, Titov and Nikolayev trained at the centre in 1960.", "Titov"),
        # "around the Earth": no preposition a "Where" question can stand for.
        ("Yuri Gagarin flew around the Earth in 1961.", "Earth"),
        # A year or a count as subject or object: no "What saw ...?", "What did she win?".
        ("1994 saw the launch of the new rocket.", "1994"),
        ("The club returned 27 for a profit.", "27"),
        # One of two counts, or a question that counts the same thing again.
        ("A harbour team with 12 members usually has one or at times two pilots.", "two"),
        ("The harbour team with 12 members hired 4 members in 1990.", "4"),
        # A quotation in the clause: its marks would be lost in the question.
        ("Bob Hale summed up the voyage: “It is old Leeds meets new Leeds.”", "Bob Hale"),
        # "Where do the clients include ...?": a place that holds a list is no place of a deed.
        ("In Leeds, the firm's clients include Hull Ferries and York Tugs.", "Leeds"),
    ],
)
def test_no_question_where_the_parse_gives_no_safe_one(sentence, answer):
    span, tag = answer_in(sentence, answer)
    assert make_question(span, tag, {}) is None


def test_a_replacement_reads_in_the_question():
    """A resolved reference ("it" -> "[Moscow]") is written into the question."""
    (doc,) = parse(["In 1957 it launched Sputnik 1."])
    it = next(t for t in doc if t.lower_ == "it")
    date = next(e for e in doc.ents if e.text == "1957")
    question = make_question(answer_span(date), "date", {it.i: (it.i + 1, "[Moscow]")})
    assert question is not None and "[Moscow]" in question and " it " not in f" {question} "


@pytest.mark.parametrize(
    ("tag", "prep", "wh"),
    [
        ("date", "", "When"),
        ("date", "in", "When"),
        ("place", "in", "Where"),
        ("place", "", None),
        ("person", "", None),
    ],
)
def test_wh_word_fits_the_answer_type_and_preposition(tag, prep, wh):
    assert wh_word(tag, prep) == wh


@pytest.mark.parametrize(
    ("sentence", "date", "event"),
    [
        ("The Arden council opened the new bridge in 1911.", "1911", "opened the new bridge"),
        ("In 1911, the Arden council had a budget of 40,000 pounds.", "1911", None),
        ("In 1911 the Arden council was the largest in the valley.", "1911", None),
    ],
)
def test_an_event_is_something_that_happened(sentence, date, event) -> None:
    span, _ = answer_in(sentence, date)
    phrase = event_phrase(span, {})
    assert (phrase is None) if event is None else (phrase is not None and event in phrase)


def test_an_event_keeps_the_object_its_verb_needs() -> None:
    (doc,) = parse(["During the 1920s, Arden farmers often supported new cooperatives."])
    spans = [answer_span(e) for e in doc.ents if "1920s" in e.text]
    assert spans, [e.text for e in doc.ents]
    phrase = event_phrase(spans[0], {})
    assert phrase is None or "cooperatives" in phrase, phrase


@pytest.mark.parametrize(
    ("sentence", "command"),
    [
        ("Keep your mind open and do your own research.", True),
        ("Instead of buying a new car, try waiting a week.", True),
        ("The board kept the plans in Leeds.", False),
        ("Do you keep the plans in Leeds?", False),
        ("To save money, the board waited a week.", False),
        ("Always keep the plans in Leeds.", True),
    ],
)
def test_a_sentence_in_the_imperative_is_a_command(sentence, command):
    (doc,) = parse([sentence])
    assert is_command(doc) is command


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        ("Two of the harbour cranes.", True),
        ("2. A dredger (steam, a big one).", True),
        ("2. The board kept the plans in Leeds.", True),
        ("The board kept the plans in Leeds.", False),
        ("In 1990, a new quay for the harbour was built.", False),
        ("The harbour's ferrymen in Leeds alone number 3,000.", False),  # "number" misread
    ],
)
def test_a_sentence_without_a_verb_or_a_list_item_is_a_fragment(sentence, fragment):
    (doc,) = parse([sentence])
    assert is_fragment(doc) is fragment


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("The ferry was launched in 1970.", "The ferry was not launched in 1970."),
        ("The harbour board sold the ferry.", "The harbour board did not sell the ferry."),
        ("Ada Berg builds ferries in Leeds.", "Ada Berg does not build ferries in Leeds."),
        ("The ferry has carried cars since 1990.", "The ferry has not carried cars since 1990."),
        ("Leeds is a port on the river.", "Leeds is not a port on the river."),
        ("The ferry did not sail in 1990.", None),  # already a denial
        ("The ferry often sails at night.", None),  # hedged: "not often" may still be true
        ("Ada Berg says the ferry sank.", None),  # a remark, not the claim
        ("The crew cut the rope and sailed away.", None),  # two deeds
        ("Five sailors were lost at sea.", None),  # "five were not lost": some may have been
        ("The storm badly damaged the pier.", None),  # "not badly": the manner denied
        ("The ferry may sail in 1990.", None),  # a possibility
        ("The board wants talks, albeit on its terms.", None),  # a concession: "not ... albeit"
        ("The pier closed because the tide rose.", None),  # "not ... because": which is denied?
    ],
)
def test_a_claim_is_denied_by_its_main_verb(sentence, denied):
    assert denial(next(parse([sentence])), {}) == denied
