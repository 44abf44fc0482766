"""The rules that turn candidate items down, registered in one place (registry.py) and run in
the order below; each themed module registers its own: form (length, script, punctuation),
pronouns (what "it" and "this" point to), referents (what the prompt leans on unnamed),
shape (what is asked, and of what type), giveaways (what gives the answer away); and, at
the mention stage before the kind makers, mentions (which mentions a kind may ask at all);
and, at the distractor stage, distractors (which wrong answers a choice may offer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from questions.model import Item
from questions.rules import (  # noqa: F401 (register)
    distractors,
    form,
    giveaways,
    mentions,
    pronouns,
    referents,
    shape,
)
from questions.rules.registry import REGISTRY, BoundRule, Rule, bound, rejection

if TYPE_CHECKING:
    from questions.facts import Mention
    from questions.kinds.base import Analysis

# The order the mention rules run in, before the kind makers; the first that flags a mention
# for a kind names it in `--explain`.
MENTION_ORDER: tuple[str, ...] = (
    "no_question",
    "unreliable_type",
    "in_quote",
    "command",
    "fragment",
    "doubtful_person",
    "person_not_in_pool",
    "person_not_subject",
    "answer_not_once",
    "generic_word",
    "other_place_named",
    "everywhere",
    "protagonist",
    "passing_name",
    "date_of_a_report",
    "event_without_subject",
    "glued_event",
    "event_with_object_pronoun",
    "event_with_another_date",
)

# The order the distractor rules run in, for each wrong answer the pools offer.
DISTRACTOR_ORDER: tuple[str, ...] = (
    "named_with_the_actors",
    "count_of_another_size",
    "past_the_total",
    "share_over_whole",
    "bare_first_name",
    "named_in_the_question",
    "implausible_date",
    "not_of_the_series",
    "outside_the_life",
    "not_an_actor",
    "other_pronoun",
)

# The order the rules run in; the first that rejects an item names it in `--explain`.
ORDER: tuple[str, ...] = (
    # the sentence and the prompt as text
    "source_length",
    "question_sentence",
    "colon_ending",
    "role_question",
    "link_or_handle",
    "unbalanced_brackets",
    "foreign_script",
    "mostly_non_letters",
    "answer_too_long",
    "contains_answer",
    "dangling_reference",
    "pointing_word",
    "lost_antecedent",
    "quote_fragment",
    # broken grammar
    "lost_exponent",
    "doubled_word",
    "stray_punctuation",
    "blank_comma_verb",
    "double_preposition",
    "question_too_short",
    "one_blank",
    "half_name",
    "four_choices",
    # giveaways and unnamed referents
    "trivial",
    "minor_speaker",
    "blank_glossed",
    "name_completion",
    "related_word",
    "unnamed_referent",
    "unnamed_asked",
    "unresolved_start",
    # the shape of what is asked
    "bracket_fragment",
    "bare_relative",
    "who_was_no_person",
    "two_dates",
    "who_did_no_person",
    "long_figure",
    "type_noun_answer",
    "formula_answer",
    "who_for_place",
    "nationality_blank",
    "lower_case_name",
    "relative_date",
    "number_without_amount",
    "date_without_year",
    "frequency_answer",
    # more giveaways and referents
    "list_member",
    "blank_speaker",
    "quoted_statement",
    "writer_statement",
    "counted_blank",
    "unnamed_setting",
    "glued_names",
    "open_description",
    "lookalike",
    # rules that read the whole article
    "short_name",
    "orphan",
    "shared_deed",
)
ORDERED = (*ORDER, *MENTION_ORDER, *DISTRACTOR_ORDER)
if set(ORDERED) != set(REGISTRY) or len(ORDERED) != len(REGISTRY):
    raise RuntimeError(f"rules not in ORDER: {sorted(set(REGISTRY) ^ set(ORDERED))}")
RULES: tuple[Rule, ...] = tuple(REGISTRY[rule_id] for rule_id in ORDER)
MENTION_RULES: tuple[Rule, ...] = tuple(REGISTRY[rule_id] for rule_id in MENTION_ORDER)
DISTRACTOR_RULES: tuple[Rule, ...] = tuple(REGISTRY[rule_id] for rule_id in DISTRACTOR_ORDER)


def mention_rejection(analysis: Analysis, mention: Mention, kind: str) -> tuple[str, str] | None:
    """The first mention rule of the kind that flags the mention (its id) and its reason, or
    None when the kind may ask it."""
    for rule in MENTION_RULES:
        if kind in rule.kinds and rule.flags is not None and rule.flags(analysis, mention):
            return rule.id, rule.reason
    return None


def rules_for(analysis: Analysis) -> tuple[BoundRule, ...]:
    """Every rule, in order, bound to one article."""
    return tuple(bound(rule, analysis) for rule in RULES)


def item_rules(theme: str | None = None) -> tuple[BoundRule, ...]:
    """The rules of an item alone (no article needed), in order; only one theme's if given."""
    return tuple(
        bound(rule)
        for rule in RULES
        if rule.check is not None and (theme is None or rule.theme == theme)
    )


def judge(rule_id: str, item: Item, analysis: Analysis | None = None) -> str | None:
    """One rule's reason for rejecting an item, or None when it passes or does not apply to
    the item's kind (a rule that reads the article needs its analysis)."""
    refused = rejection(item, [bound(REGISTRY[rule_id], analysis)])
    return refused[1] if refused else None


def theme_rejection(theme: str, item: Item) -> tuple[str, str] | None:
    """The first rule of one theme ('form', 'shape', ...) that rejects the item, and why."""
    return rejection(item, item_rules(theme))


__all__ = [
    "DISTRACTOR_ORDER",
    "DISTRACTOR_RULES",
    "MENTION_ORDER",
    "MENTION_RULES",
    "ORDER",
    "REGISTRY",
    "RULES",
    "Rule",
    "item_rules",
    "judge",
    "mention_rejection",
    "rejection",
    "rules_for",
]
