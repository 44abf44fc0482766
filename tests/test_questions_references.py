"""questions/references: subject pronouns that point nowhere (orphans), and generated items
that never show one."""

from __future__ import annotations

import questions
from questions.nlp import parse
from questions.references import orphan_pronouns


def orphans_of(*sentences: str, title: str = "") -> dict[int, str]:
    docs = list(parse(list(sentences), frozenset()))
    return orphan_pronouns(docs, [{} for _ in docs], None, title.casefold())


def test_subject_pronoun_with_nothing_before_it_is_an_orphan() -> None:
    found = orphans_of(
        "After petitioning the British Crown in 1697 for land, they prospered as farmers.",
        "Long integrated into Australian society, it is encouraged by the Society to grow.",
        "When the Huguenots reached the Cape, they founded a church.",
        "It is said that the king was ill.",
    )
    assert set(found) == {0, 1}
    assert found[0] == "they"


def test_it_after_a_sentence_about_the_title_is_the_title() -> None:
    found = orphans_of(
        "Oxygen is a chemical element with symbol O.",
        "It is a member of the chalcogen group.",
        title="Oxygen",
    )
    assert found == {}
    assert orphans_of("Lead is soft.", "It is a member of the chalcogen group.") == {1: "It"}


def test_generated_items_never_show_an_orphan_pronoun() -> None:
    text = (
        "Huguenots in America\n\n"
        "In 1628 the Huguenots founded a congregation in New Amsterdam. "
        "After petitioning the British Crown in 1697 for land in the Baronies, they prospered "
        "as planters on the Cooper River. "
        "Elie Prioleau arrived in Charleston in 1687 and founded its first church."
    )
    article = questions.generate(text, all_items=True)
    assert article.items
    assert not [i.prompt for i in article.items if " they prospered" in i.prompt]


def all_prompts(text: str) -> list[str]:
    return [i.prompt for i in questions.generate(text, all_items=True).items]


def test_he_after_a_sentence_naming_two_people_is_nobody() -> None:
    prompts = all_prompts(
        "Lens Makers\n\nIan Marsh argued in 1996 that Omar Haddad deserved credit for the "
        "discovery of the lens. He wrote a description of the lens in 1021 in Cairo.\n"
    )
    assert prompts
    assert not [p for p in prompts if "] wrote" in p]


def test_she_after_a_she_nobody_could_name_is_nobody() -> None:
    prompts = all_prompts(
        "Card Makers\n\nThe printer's story begins in London, where she was born in 1878. "
        "She studied art in New York under Arthur Dowell, though she did not earn a degree. "
        "She set up shop as an illustrator in London in 1899. "
        "The Rider deck was printed in London in 1909 by William Rider and Son.\n"
    )
    assert prompts
    assert not [p for p in prompts if "[Arthur Dowell]" in p]
