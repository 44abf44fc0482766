"""What the article names or defines becomes "What is ... called?" (questions/definitions.py)."""

from __future__ import annotations

import pytest

import questions
from questions.clean import clean_article
from questions.pipeline import analyse

NAMED = [
    (
        "A natural number greater than 1 that is not prime is called a composite number.",
        "What is a natural number greater than 1 that is not prime called?",
        "composite number",
    ),
    (
        "The plates move across the weak, hot upper mantle, which is called the asthenosphere.",
        "What is the weak, hot upper mantle called?",
        "asthenosphere",
    ),
    (
        "The process by which green plants make sugar from light is known as photosynthesis.",
        "What is the process by which green plants make sugar from light known as?",
        "photosynthesis",
    ),
    (
        "An etioplast is a plastid that lacks chlorophyll.",
        "What is a plastid that lacks chlorophyll called?",
        "etioplast",
    ),
    (
        "Cryptophytes are a group of algae that contain a red chloroplast.",
        "What is a group of algae that contain a red chloroplast called?",
        "Cryptophytes",
    ),
]
NOT_DEFINITIONS = [
    # The subject points to another sentence, or is one thing rather than a class.
    "This law is an extension of the insight that steady motion needs no force.",
    "The cooperation is a response to the policy of the western powers.",
    # A person described, and a person named: no idea gets its name.
    "Denver linebacker Von Miller was called the most valuable player of the game.",
    "The former shareholder of an energy company called Mr Costa sued the state.",
    # A role in a team, not a class of things; one of several ("also").
    "Clinical pharmacists are an integral part of the team that cares for patients.",
    "Rugby is also a growing sport in the south of the country.",
    # Too little to tell the thing apart, and a quantity that other sentences explain.
    "He used a technique called dating.",
    "The country fought three small civil wars known as the rebellions.",
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
        "Plastids\n\n"
        "Plastids are organelles found in the cells of plants and algae. "
        "An etioplast is a plastid that lacks chlorophyll. "
        "Etioplasts turn into chloroplasts when the plant is exposed to light.\n"
    )
    items = questions.generate(text, all_items=True).items
    asked = [i for i in items if i.prompt == "What is a plastid that lacks chlorophyll called?"]
    assert asked, [i.prompt for i in items]
    assert asked[0].kind == "short_answer"
    assert "etioplast" in {a.casefold() for a in asked[0].accepted}


def test_another_name_the_sentence_gives_is_accepted_too():
    text = (
        "Algae\n\nCryptophytes, or cryptomonads, are a group of algae that contain a red "
        "chloroplast. Cryptophytes live in lakes and in the sea.\n"
    )
    asked = [
        i
        for i in questions.generate(text, all_items=True).items
        if i.prompt == "What is a group of algae that contain a red chloroplast called?"
    ]
    assert asked
    assert {"cryptophytes", "cryptomonads"} <= {a.casefold() for a in asked[0].accepted}


def test_the_topic_itself_is_not_asked_for():
    sentence = "A glacier is a persistent body of dense ice that moves under its own weight."
    question = "What is a persistent body of dense ice that moves under its own weight called?"
    assert defined(sentence) == [(question, "glacier")]  # under another title it is asked
    title, paragraphs = clean_article(f"Glaciers\n\n{sentence}\n")
    analysis = analyse(title, paragraphs)[0]
    assert not [m for m in analysis.mentions if m.label == "DEFINED"]
