"""What the article names or defines becomes "What is ... called?" (questions/definitions.py)."""

from __future__ import annotations

import pytest

import questions
from questions.clean import clean_article
from questions.facts import Sentence
from questions.nlp import parse
from questions.pipeline import analyse
from questions.terms import find_terms, term_mention, term_uses

NAMED = [
    (
        "A natural number greater than 1 that is not prime is called a composite number.",
        "What is a natural number greater than 1 that is not prime called?",
        "composite number",
    ),
    (
        "Fish rarely swim into the cold, dark lower layer, which is called the hypolimnion.",
        "What is the cold, dark lower layer called?",
        "hypolimnion",
    ),
    (
        "The process by which wind and rain slowly wear away rock is known as erosion.",
        "What is the process by which wind and rain slowly wear away rock known as?",
        "erosion",
    ),
    (
        "A palindrome is a word that reads the same backwards.",
        "What is a word that reads the same backwards called?",
        "palindrome",
    ),
    (
        "Tarns are a kind of lake that fills a hollow left by ice.",
        "What is a kind of lake that fills a hollow left by ice called?",
        "Tarns",
    ),
]
NOT_DEFINITIONS = [
    # The subject points to another sentence, or is one thing rather than a class.
    "This law is an extension of the insight that steady motion needs no force.",
    "The treaty is a response to the policy of the western powers.",
    # A person described, and a person named: no idea gets its name.
    "Team captain Ann Brand was called the best player of the season.",
    "The former owner of a mill company called Mr Brand sued the town.",
    # A role in a team, not a class of things; one of several ("also").
    "Nurses are an integral part of the team that cares for patients.",
    "Hockey is also a growing sport in the south of the country.",
    # Too little to tell the thing apart, and a quantity that other sentences explain.
    "He used a technique called dating.",
    "The kingdom fought three small wars known as the risings.",
    # Described against what came before: which group it is a third of, the article says.
    "A third group of pigments found in red algae is called the phycobilins.",
]


def defined(sentence: str) -> list[tuple[str, str]]:
    """(question, answer) of each name the one-sentence article gives."""
    title, paragraphs = clean_article(f"Notes\n\n{sentence}\n")
    analysis = analyse(title, paragraphs)[0]
    return [(m.question, m.answer) for m in analysis.mentions if m.label == "DEFINED"]


@pytest.mark.parametrize(("sentence", "question", "answer"), NAMED)
def test_a_name_given_to_a_description_is_asked_for(sentence, question, answer):
    assert (question, answer) in defined(sentence)


@pytest.mark.parametrize("sentence", NOT_DEFINITIONS)
def test_statements_that_define_nothing_give_no_naming_question(sentence):
    assert defined(sentence) == []


def test_the_naming_question_reaches_the_items_and_grades_the_name():
    text = (
        "Words\n\n"
        "Word games are played with letters and sounds in many languages. "
        "A palindrome is a word that reads the same backwards. "
        "Palindromes were carved on walls in the old town in the year 79.\n"
    )
    items = questions.generate(text, all_items=True).items
    asked = [i for i in items if i.prompt == "What is a word that reads the same backwards called?"]
    assert asked, [i.prompt for i in items]
    assert asked[0].kind == "short_answer"
    assert "palindrome" in {a.casefold() for a in asked[0].accepted}


def test_another_name_the_sentence_gives_is_accepted_too():
    text = (
        "Lakes\n\nTarns, or corries, are a kind of lake that fills a hollow left by ice. "
        "Tarns lie high in the hills of the north.\n"
    )
    asked = [
        i
        for i in questions.generate(text, all_items=True).items
        if i.prompt == "What is a kind of lake that fills a hollow left by ice called?"
    ]
    assert asked
    assert {"tarns", "corries"} <= {a.casefold() for a in asked[0].accepted}


def test_the_topic_itself_is_not_asked_for():
    sentence = "A glacier is a persistent body of dense ice that moves under its own weight."
    question = "What is a persistent body of dense ice that moves under its own weight called?"
    assert defined(sentence) == [(question, "glacier")]  # under another title it is asked
    title, paragraphs = clean_article(f"Glaciers\n\n{sentence}\n")
    analysis = analyse(title, paragraphs)[0]
    assert not [m for m in analysis.mentions if m.label == "DEFINED"]


def test_a_key_term_is_asked_outside_quotation_marks():
    docs = list(
        parse(
            [
                "The new quay was paid for by harbour dues in 1990.",
                "“We pay harbour dues for a river? Never,” the mayor said to the board.",
                "The board raised harbour dues twice in the 1990s, and harbour dues rose again.",
            ]
        )
    )
    sentences = [Sentence(i, 0, doc.text) for i, doc in enumerate(docs)]
    quoted = next(s for s in term_uses(docs)["harbour due"] if s.doc is docs[1])
    assert term_mention(docs[1], quoted, {}, 1).in_quote
    central = [0.1, 5.0, 0.2]  # the quotation is the most central use
    mention = next(m for m in find_terms("Leeds", docs, sentences, [{}] * 3, central, 100))
    assert mention.answer == "harbour dues" and mention.sentence != 1
    assert not mention.in_quote
