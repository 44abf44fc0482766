"""The item kinds, registered in one place: kind name -> function making its candidates."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from questions.facts import Mention
from questions.kinds.base import Analysis, Candidate
from questions.kinds.cloze import make_cloze_items
from questions.kinds.matching import make_matching_items
from questions.kinds.mcq import make_mcq_items
from questions.kinds.short_answer import make_short_answer_items
from questions.kinds.timeline import make_timeline_items
from questions.kinds.true_false import make_true_false_items

# A kind maker: the article's analysis and the mentions the kind may ask (those its mention
# rules let through) -> its candidates.
KindMaker = Callable[[Analysis, Sequence[Mention]], list[Candidate]]

KIND_MAKERS: dict[str, KindMaker] = {
    "cloze": make_cloze_items,
    "mcq": make_mcq_items,
    "true_false": make_true_false_items,
    "short_answer": make_short_answer_items,
    "timeline": make_timeline_items,
    "matching": make_matching_items,
}

__all__ = ["KIND_MAKERS", "Analysis", "Candidate", "KindMaker"]
