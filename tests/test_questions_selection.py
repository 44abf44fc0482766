"""The curated default: budget, variety of the first items, and the importance model."""

from __future__ import annotations

import functools
import math
from collections import Counter
from pathlib import Path

import pytest

import questions
from questions.facts import Sentence
from questions.kinds.base import Candidate
from questions.nlp import get_nlp
from questions.selection import (
    FIRST,
    MOST_STATEMENTS,
    THRESHOLD,
    THRESHOLD_RISE,
    Group,
    bar,
    budget,
    floor,
    order_items,
    pick_kind,
)
from questions.training.verdicts import load_read_rows, save_read_rows
from questions.worth import (
    ACCEPT_FEATURES,
    ACCEPT_PATH,
    FEATURES,
    KIND_TAG_FEATURES,
    ArticleContext,
    Fact,
    WorthModel,
    commonness,
    fact_features,
    item_features,
    lexrank,
    load_model,
)
from quizapp.grading import grade, normalize
from tests.questions_fixtures import generated

POOL = Path(__file__).resolve().parents[2] / "shared" / "articles" / "pool"
POOL_ARTICLES = sorted(p.name for p in POOL.glob("*.txt")) if POOL.is_dir() else []
YEARISH = ("date",)


@functools.cache
def curated(name: str) -> questions.Article:
    path = POOL / name
    return questions.generate(questions.read_article(path.read_bytes(), filename=path.name))


def fact_key(item: questions.Item) -> tuple[int, str]:
    return item.sentence_index, str(item.answer).casefold()


@pytest.mark.parametrize("words", [1000, 2000, 5000, 20000, 100000])
def test_budget_grows_less_than_linearly_above_the_floor(words):
    assert floor(words) >= words / 150
    assert floor(1000) >= 15
    assert budget(words) >= floor(words)
    assert budget(2 * words) < 2 * budget(words) or budget(2 * words) == floor(2 * words)


@pytest.mark.slow
@pytest.mark.skipif(not POOL_ARTICLES, reason="../shared/articles/pool is not beside the checkout")
@pytest.mark.parametrize("name", POOL_ARTICLES)
def test_first_items_vary_on_every_pool_article(name):
    """At most 40% dates among the first twenty, each fact once there, three or more kinds
    among the first ten, at most a third true/false (of the floor's worth of items at least),
    and the floor of one item per 150 words."""
    article = curated(name)
    items = article.items
    statements = [i for i in items if i.kind == "true_false"]
    assert len(statements) <= MOST_STATEMENTS * max(len(items), floor(article.words))
    first = items[:FIRST]
    dates = [i for i in first if i.tags[:1] == YEARISH and i.kind not in ("timeline", "matching")]
    assert len(dates) <= 0.4 * FIRST, [i.prompt for i in dates]
    single = [i for i in first if i.kind not in ("timeline", "matching")]
    assert len({fact_key(i) for i in single}) == len(single)
    assert len({i.kind for i in items[:10]}) >= 3
    assert len(items) >= min(floor(article.words), 15)
    assert all(i.selected for i in items)


def seed_curated_text() -> tuple[list[questions.Item], str, set[str]]:
    items = [i for i in generated("seed").items if i.selected][:60]
    text = "\n".join(f"{i.prompt} {i.answer} {i.source_sentence}" for i in items)
    return items, text, {str(i.answer) for i in items}


def test_seed_default_items_ask_its_main_facts():
    items, _, answers = seed_curated_text()
    assert "1970" in answers and any("Dongfanghong-1" in i.source_sentence for i in items)
    # The lunar station's completion date: its sentence is asked, whichever word is blanked.
    asked = [f"{i.prompt} {i.answer}" for i in items]
    assert any("2035" in text and "ILRS" in text for text in asked)


@pytest.mark.xfail(
    strict=True,
    reason="not yet: Gagarin's 1961 flight and Russia's and China's changed roles ('junior "
    "partner') are asked only by items outside the seed's curated set (generate --all)",
)
def test_seed_default_items_ask_gagarin_and_the_changed_roles():
    items, text, _ = seed_curated_text()
    gagarin = [i for i in items if "Gagarin" in f"{i.prompt} {i.answer}"]
    assert gagarin and "1961" in gagarin[0].source_sentence
    assert "junior partner" in text


def test_default_output_is_the_selected_part_of_all():
    text = generated("seed")
    default = questions.generate(questions.read_article(questions_seed_bytes()))
    assert [i.id for i in default.items] == [i.id for i in text.items if i.selected]


def questions_seed_bytes() -> bytes:
    return (
        Path(__file__).resolve().parent.parent / "seeds" / "from-the-moon-to-mars.txt"
    ).read_bytes()


def test_lexrank_puts_the_sentence_that_shares_words_with_the_others_first():
    nlp = get_nlp()
    docs = [
        nlp("Volcanoes erupt molten rock called lava from the mantle."),
        nlp("Lava from volcanoes cools into new rock."),
        nlp("Molten rock in the mantle feeds volcanoes."),
        nlp("The museum shop sells postcards."),
    ]
    scores = lexrank(docs)
    assert scores[0] == max(scores) and scores[3] == min(scores)
    assert sum(scores) == pytest.approx(len(docs))


def test_a_clipped_model_holds_a_rare_feature_within_its_clip(tmp_path):
    rare = WorthModel(("timeline",), (0.01,), (0.1,), (1.0,), 0.0)  # 1.0 is 9.9 deviations
    clipped = WorthModel(("timeline",), (0.01,), (0.1,), (1.0,), 0.0, clip=3.0)
    logit = 3.0
    assert rare.probability({"timeline": 1.0}) > 0.999
    assert clipped.probability({"timeline": 1.0}) == pytest.approx(1 / (1 + math.exp(-logit)))
    assert clipped.probability({"timeline": 0.0}) == rare.probability({"timeline": 0.0})
    path = tmp_path / "model.json"
    path.write_text(clipped.to_json(), encoding="utf-8")
    assert load_model(path) == clipped


def test_the_model_scores_every_feature_it_was_fitted_on():
    model = load_model()
    assert model.features == FEATURES
    assert all(scale > 0 for scale in model.scales)


def test_a_name_in_a_list_is_worth_less_than_the_same_name_as_subject():
    nlp = get_nlp()
    texts = [
        "Marie Curie discovered polonium and radium in Paris.",
        "The prize went to Pierre Curie, Henri Becquerel, Marie Curie and Ernest Rutherford.",
    ]
    sentences = [Sentence(i, i, t) for i, t in enumerate(texts)]
    context = ArticleContext.build("Radioactivity", sentences, [nlp(t) for t in texts])
    model = load_model()
    subject = model.probability(fact_features(context, Fact(0, "Marie Curie", "person")))
    listed = model.probability(fact_features(context, Fact(1, "Marie Curie", "person")))
    assert fact_features(context, Fact(1, "Marie Curie", "person"))["answer_in_list"] == 1.0
    assert subject > listed


def test_the_acceptability_model_pairs_each_kind_with_its_answer_type():
    nlp = get_nlp()
    texts = [
        "Marie Curie discovered polonium in 1898.",
        "Marie Curie won two Nobel Prizes.",
        "Paris honoured Marie Curie.",
        "The element was named after Poland.",
    ]
    sentences = [Sentence(i, i, t) for i, t in enumerate(texts)]
    context = ArticleContext.build("Radioactivity", sentences, [nlp(t) for t in texts])
    values = fact_features(context, Fact(0, "Marie Curie", "person"))
    assert values["answer_share"] == pytest.approx(3 / 4)  # named in three sentences of four
    features = item_features("mcq", "Who discovered polonium?", "Marie Curie", values, 0.5)
    paired = [name for name in KIND_TAG_FEATURES if features[name]]
    assert paired == ["mcq_person"]
    assert features["answer_share"] == values["answer_share"]
    assert load_model(ACCEPT_PATH).features == ACCEPT_FEATURES


def test_a_name_everyone_knows_is_more_common_than_one_the_article_introduces():
    assert commonness("France") > commonness("Lyon") > commonness("Quillvane") == 0.0
    assert commonness("in 1961") == commonness("") == 0.0  # dates and numbers: not words
    assert 0.0 < commonness("the Moon") < 1.0


def test_the_reads_feature_rows_survive_the_round_trip(tmp_path):
    rows = [{"read": "reads19", "article": "a", "acceptable": 1, "mcq_person": 0.0}]
    path = tmp_path / "rows.csv.gz"
    assert load_read_rows(path) == []
    save_read_rows(rows, path)
    loaded = load_read_rows(path)
    assert [(r["article"], int(r["acceptable"]), r["held_out"]) for r in loaded] == [
        ("a", 1, False)
    ]


def tf_group(*items: tuple[str, str]) -> tuple[object, dict[str, float]]:
    made = [
        Candidate(questions.Item(id=f"{kind}{answer}", kind=kind, prompt="p", answer=answer), "0:x")
        for kind, answer in items
    ]
    return Group("0:x", None, made), {c.item.id: 1.0 for c in made}


def cloze_facts(paragraphs: list[int], worth: list[float], words: int) -> list[questions.Item]:
    """The order of one cloze item per sentence, sentence n in paragraphs[n] with worth[n]."""
    sentences = [Sentence(n, p, f"Sentence {n}.") for n, p in enumerate(paragraphs)]
    made = [
        Candidate(
            questions.Item(
                id=f"i{n}", kind="cloze", prompt=f"p{n}", answer=f"a{n}", sentence_index=n
            ),
            f"{n}:a{n}",
        )
        for n in range(len(sentences))
    ]
    scores = {c.item.id: w for c, w in zip(made, worth, strict=True)}
    return order_items(made, lambda c: scores[c.item.id], sentences, words)


def test_past_the_floor_every_fact_that_clears_the_threshold_is_curated():
    """A fact whose paragraph already gave items counts for less in the order, but once the
    floor is reached it still belongs to the curated set if its own worth clears the
    threshold; a fact below the threshold in a fresh paragraph does not stop the choice."""
    paragraphs = [1, 1, *range(2, 15), 1, 20]  # fifteen good facts, then two more
    worth = [0.9] * 15 + [THRESHOLD + 0.1, THRESHOLD - 0.05]
    curated = {i.id for i in cloze_facts(paragraphs, worth, 1000) if i.selected}
    assert len(curated) >= floor(1000)
    assert "i15" in curated and "i16" not in curated


def test_the_bar_rises_with_every_item_past_the_floor():
    """At the floor a fact needs THRESHOLD; a floor's worth of items later it needs
    THRESHOLD_RISE more, so a fact that would have joined a short set stays out of a long one."""
    paragraphs = list(range(40))  # every fact in a paragraph of its own
    worth = [0.9] * 30 + [THRESHOLD + THRESHOLD_RISE / 2] * 10
    curated = [i for i in cloze_facts(paragraphs, worth, 2000) if i.selected]
    assert floor(2000) == 15 and budget(2000) > 40  # the bar, not the budget, ends the set
    assert bar(15, 15) == THRESHOLD and bar(30, 15) == pytest.approx(THRESHOLD + THRESHOLD_RISE)
    assert len(curated) == 30  # the thirty good facts; the weaker ten would have joined at 15
    assert all(bar(15, 15) <= w < bar(30, 15) for w in worth[30:])


def test_true_false_keys_stay_balanced_and_a_true_copy_of_an_asked_sentence_is_not_made():
    group, scores = tf_group(("true_false", "True"), ("cloze", "1970"))
    used = Counter({"cloze": 5})  # cloze used often: the statement would be preferred
    chosen = pick_kind(group, scores, used, Counter({"True": 1, "False": 2}), False)
    assert chosen.item.kind == "true_false"
    too_many_true = pick_kind(group, scores, used, Counter({"True": 3, "False": 1}), False)
    assert too_many_true.item.kind == "cloze"
    # one of each: a third statement may come (a 60% cap rounded down had shut it out)
    level = pick_kind(group, scores, used, Counter({"True": 1, "False": 1}), False)
    assert level.item.kind == "true_false"
    asked_sentence = pick_kind(group, scores, used, Counter(), True)
    assert asked_sentence.item.kind == "cloze"


@pytest.mark.slow
@pytest.mark.skipif(not POOL_ARTICLES, reason="../shared/articles/pool is not beside the checkout")
@pytest.mark.parametrize("name", POOL_ARTICLES)
def test_true_false_keys_are_level_on_every_pool_article(name):
    keys = [i.answer for i in curated(name).items if i.kind == "true_false"]
    assert abs(keys.count("True") - keys.count("False")) <= 1, keys


@pytest.mark.slow
@pytest.mark.skipif(not POOL_ARTICLES, reason="../shared/articles/pool is not beside the checkout")
@pytest.mark.parametrize("name", POOL_ARTICLES)
def test_every_accepted_answer_grades_as_right(name):
    """The generator's accepted forms and the grader agree, on every pool article."""

    for item in curated(name).items:
        if item.kind not in ("cloze", "short_answer"):
            continue
        data = item.to_dict()
        for typed in (item.answer, *item.accepted):
            assert normalize(typed), (item.prompt, typed)
            assert grade(data, typed).correct, (item.prompt, typed)


def test_matching_items_stay_out_of_the_curated_set_but_not_out_of_all():
    """Even the best-scored matching item, in an article short of facts for its floor."""
    sentences = [Sentence(n, n, f"Sentence {n}.") for n in range(4)]
    made = [
        Candidate(
            questions.Item(
                id=f"i{n}", kind="cloze", prompt=f"p{n}", answer=f"a{n}", sentence_index=n
            ),
            f"{n}:a{n}",
        )
        for n in range(3)
    ]
    pairs = [["Ada Berg", "mayor"], ["Otto Lind", "engineer"], ["Karl Moe", "pilot"]]
    matching = questions.Item(
        id="m",
        kind="matching",
        prompt="Match each person with their role.",
        answer=pairs,
        sentence_index=3,
    )
    made.append(Candidate(matching, "matching:roles"))
    items = order_items(made, lambda c: 0.9 if c.item.kind == "matching" else 0.3, sentences,
                        1000)  # fmt: skip
    assert [i.id for i in items if i.selected] == ["i0", "i1", "i2"]
    assert "m" in [i.id for i in items]
