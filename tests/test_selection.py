"""Choosing a quiz's questions: kinds in proportion, fresh facts first, one item per fact."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp import create_app, selection, storage

KINDS = ("cloze", "mcq", "true_false", "short_answer", "timeline", "matching")


def made_items(n: int, kinds=KINDS, facts: int | None = None) -> list[dict]:
    """n items cycling through kinds; `facts` distinct sentences and answers shared round."""
    facts = facts or n
    return [
        {
            "id": f"i{i}",
            "kind": kinds[i % len(kinds)],
            "answer": f"answer {i % facts}",
            "source_sentence": f"Sentence number {i % facts}.",
        }
        for i in range(n)
    ]


def test_quota_is_in_proportion_with_one_of_each_kind():
    quota = selection.kind_quota({"cloze": 27, "true_false": 20, "mcq": 13, "timeline": 1}, 10)
    assert sum(quota.values()) == 10 and quota["timeline"] == 1
    assert quota["cloze"] >= quota["true_false"] >= quota["mcq"] >= 1
    assert selection.kind_quota({"cloze": 2, "mcq": 1}, 10) == {"cloze": 2, "mcq": 1}


def test_same_sentence_or_same_answer_is_one_fact():
    a = {"id": "a", "kind": "cloze", "answer": "1957", "source_sentence": "Sputnik flew in 1957."}
    b = {"id": "b", "kind": "mcq", "answer": "Sputnik", "source_sentence": "Sputnik flew in 1957."}
    c = {"id": "c", "kind": "short_answer", "answer": "1957", "source_sentence": "Other."}
    d = {"id": "d", "kind": "true_false", "answer": "True", "source_sentence": "Else."}
    chosen = selection.choose_items([a, b, c, d], None, random.Random(1))
    assert len(chosen) == 2 and "d" in chosen and len({"a", "b", "c"} & set(chosen)) == 1


def test_statements_of_different_sentences_are_different_facts():
    """Every true/false item's answer is True or False: the key is no fact of its own."""
    statements = [
        {"id": f"s{i}", "kind": "true_false", "answer": "True", "source_sentence": f"Fact {i}."}
        for i in range(4)
    ]
    assert len(selection.choose_items(statements, None, random.Random(1))) == 4


@given(st.integers(0, 10_000), st.integers(1, 60), st.integers(1, 40), st.integers(1, 25))
def test_choice_never_repeats_a_fact_and_keeps_to_the_limit(seed, n, facts, limit):
    items = made_items(n, facts=facts)
    chosen = selection.choose_items(items, limit, random.Random(seed))
    by_id = {item["id"]: item for item in items}
    sentences = [by_id[i]["source_sentence"] for i in chosen]
    assert len(chosen) == min(limit, facts, n) and len(set(sentences)) == len(sentences)


def test_fresh_items_come_first_and_a_seed_repeats_the_choice():
    items = made_items(30, kinds=("cloze",))
    seen = {f"i{i}" for i in range(20)}
    right = {"i25", "i26"}
    chosen = selection.choose_items(items, 8, random.Random(3), seen=seen, right=right)
    assert set(chosen) == {"i20", "i21", "i22", "i23", "i24", "i27", "i28", "i29"}
    again = selection.choose_items(items, 8, random.Random(3), seen=seen, right=right)
    assert chosen == again


# Through the app, on the seed article with every candidate switched on (many items, six kinds).


@pytest.fixture
def seeded_app(tmp_path, seed_article_all):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "q.db"),
            "SECRET_KEY": "k",
            "WTF_CSRF_ENABLED": False,
            "QUIZ_SEED": 7,
        }
    )
    with storage.open_db(app.config["DATABASE"]) as db:
        storage.save_article(db, seed_article_all)
    return app


def new_quiz(client, slug: str) -> list[str]:
    response = client.post(f"/articles/{slug}/quiz", data={"length": "10", "kinds": list(KINDS)})
    attempt = re.fullmatch(r"/quiz/([\w-]+)/1", response.location)[1]
    with storage.open_db(client.application.config["DATABASE"]) as db:
        return storage.get_attempt(db, attempt)["item_ids"]


def test_two_new_quizzes_differ_mix_kinds_and_never_repeat_a_fact(seeded_app, seed_article_all):
    seed_article = seed_article_all
    assert len(seed_article.items) > 20
    items = {item.id: item for item in seed_article.items}
    client = seeded_app.test_client()
    first, second = new_quiz(client, seed_article.slug), new_quiz(client, seed_article.slug)
    assert len(first) == len(second) == 10
    assert len(set(first) & set(second)) <= 5
    for quiz in (first, second):
        assert len(Counter(items[i].kind for i in quiz)) >= 3
        sentences = [items[i].source_sentence for i in quiz]
        answers = [str(items[i].answer) for i in quiz if items[i].kind != "true_false"]
        assert len(set(sentences)) == 10 and len(set(answers)) == len(answers)
    # Rank order is not the quiz's order.
    ranked = [item.id for item in seed_article.items]
    assert first != sorted(first, key=ranked.index)
    # The same seed gives the same first quiz in a new session.
    assert new_quiz(seeded_app.test_client(), seed_article.slug) == first


def test_a_student_gets_the_items_not_yet_answered_right_first(seeded_app, seed_article_all, login):
    seed_article = seed_article_all
    client = login("ada", client=seeded_app.test_client())
    first = new_quiz(client, seed_article.slug)
    with storage.open_db(seeded_app.config["DATABASE"]) as db:
        attempt = db.execute("SELECT id FROM attempts").fetchone()[0]
        for item_id in first[:5]:  # five right, five wrong
            storage.save_answer(db, attempt, 1, item_id, "x", True, 1.0)
        for item_id in first[5:]:
            storage.save_answer(db, attempt, 1, item_id, "x", False, 1.0)
    later = [new_quiz(client, seed_article.slug) for _ in range(3)]
    assert not set(first[:5]) & {i for quiz in later for i in quiz}
