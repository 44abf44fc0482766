"""The rule registry: every rule that turns a candidate item down, with its id, the kinds and
the stage it applies to, and its reason (the docstring).

A rule is a function of an item that returns why it rejects the item, or None. A rule that
needs the whole article (its title, its names, its people) is registered as a binder: a
function of the article's analysis that returns such a check. Rules run in the order of
`ORDER` (questions/rules/__init__.py); the first that rejects an item names it.

A mention rule runs earlier, at the mention stage: a predicate of the article's analysis and
one mention, true when a kind must not ask that mention at all (the kind makers then only
make); mention rules run in the order of `MENTION_ORDER`.

A distractor rule judges a wrong answer the kinds with choices (mcq, true/false swaps) would
offer: a predicate of (wrong answer, mention, the article's answer pools), true when it is
unfit; distractor rules run in the order of `DISTRACTOR_ORDER`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from questions.model import AGGREGATE_KINDS, KINDS, Item

if TYPE_CHECKING:
    from questions.distractors import Pools
    from questions.facts import Mention
    from questions.kinds.base import Analysis

Check = Callable[[Item], str | None]
Binder = Callable[["Analysis"], Check]
MentionCheck = Callable[["Analysis", "Mention"], bool]
DistractorCheck = Callable[[str, "Mention", "Pools"], bool]

ALL_KINDS = frozenset(KINDS)
# Kinds that ask one fact of one sentence (not timelines or matching).
SINGLE_KINDS = ALL_KINDS - set(AGGREGATE_KINDS)
# Kinds whose answer is one string the student picks or types (not true/false).
ANSWER_KINDS = SINGLE_KINDS - {"true_false"}
# Kinds whose answer is typed.
TYPED_KINDS = frozenset({"cloze", "short_answer"})
# Kinds that ask a wh-question.
QUESTION_KINDS = frozenset({"mcq", "short_answer"})
ITEM_STAGE = "item"  # after the kind makers, before selection
MENTION_STAGE = "mention"  # before the kind makers: which mentions a kind may ask
DISTRACTOR_STAGE = "distractor"  # inside the makers with choices: which wrong answers are fit


@dataclass(frozen=True)
class Rule:
    """One registered rule: its id, what it applies to, and why it rejects."""

    id: str
    reason: str
    kinds: frozenset[str]
    stage: str
    check: Check | None = None  # a rule of the item alone
    bind: Binder | None = None  # a rule that first reads the article
    flags: MentionCheck | None = None  # a mention rule: true when the kind must not ask it
    unfit: DistractorCheck | None = None  # a distractor rule: true when the wrong answer is unfit

    @property
    def theme(self) -> str:
        """The module the rule lives in ('form', 'shape', 'giveaways', 'referents')."""
        function = self.check or self.bind or self.flags or self.unfit
        return (function.__module__ if function else "").rsplit(".", 1)[-1]


REGISTRY: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if rule.id in REGISTRY:
        raise ValueError(f"rule {rule.id!r} registered twice")
    if not rule.reason:
        raise ValueError(f"rule {rule.id!r} has no docstring")
    REGISTRY[rule.id] = rule


def rule(kinds: Iterable[str] = ALL_KINDS, stage: str = ITEM_STAGE) -> Callable[[Check], Check]:
    """Register a function of an item as a rule; its name is the rule's id."""

    def register(check: Check) -> Check:
        doc = " ".join((check.__doc__ or "").split())
        _register(Rule(check.__name__, doc, frozenset(kinds), stage, check=check))
        return check

    return register


def article_rule(
    rule_id: str, kinds: Iterable[str] = ALL_KINDS, stage: str = ITEM_STAGE
) -> Callable[[Binder], Binder]:
    """Register a function of the article's analysis that returns the rule's check."""

    def register(bind: Binder) -> Binder:
        doc = " ".join((bind.__doc__ or "").split())
        _register(Rule(rule_id, doc, frozenset(kinds), stage, bind=bind))
        return bind

    return register


def mention_rule(kinds: Iterable[str]) -> Callable[[MentionCheck], MentionCheck]:
    """Register a predicate of (analysis, mention) as a mention-stage rule of these kinds; its
    name is the rule's id and its docstring the reason."""

    def register(flags: MentionCheck) -> MentionCheck:
        doc = " ".join((flags.__doc__ or "").split())
        _register(Rule(flags.__name__, doc, frozenset(kinds), MENTION_STAGE, flags=flags))
        return flags

    return register


def distractor_rule(kinds: Iterable[str]) -> Callable[[DistractorCheck], DistractorCheck]:
    """Register a predicate of (wrong answer, mention, pools) as a distractor-stage rule of
    these kinds; its name is the rule's id and its docstring the reason."""

    def register(unfit: DistractorCheck) -> DistractorCheck:
        doc = " ".join((unfit.__doc__ or "").split())
        _register(Rule(unfit.__name__, doc, frozenset(kinds), DISTRACTOR_STAGE, unfit=unfit))
        return unfit

    return register


@dataclass(frozen=True)
class BoundRule:
    """A rule ready to judge the items of one article."""

    id: str
    kinds: frozenset[str]
    check: Check


def bound(rule: Rule, analysis: Analysis | None = None) -> BoundRule:
    """The rule's check for one article (a binder rule needs the analysis)."""
    if rule.check is not None:
        return BoundRule(rule.id, rule.kinds, rule.check)
    if rule.bind is None or analysis is None:
        raise ValueError(f"rule {rule.id!r} needs the article's analysis")
    return BoundRule(rule.id, rule.kinds, rule.bind(analysis))


def rejection(item: Item, rules: Iterable[BoundRule]) -> tuple[str, str] | None:
    """The first rule that applies to the item's kind and rejects it (its id) and its
    reason, or None when it passes."""
    for rule in rules:
        if item.kind not in rule.kinds:
            continue
        reason = rule.check(item)
        if reason:
            return rule.id, reason
    return None
