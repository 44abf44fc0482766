"""Cloze items: the key term blanked in its sentence."""

from __future__ import annotations

from collections.abc import Sequence

from questions.facts import Mention
from questions.kinds.base import Analysis, Candidate, mention_candidate


def make_cloze_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """One cloze per mention the cloze may ask (its mention rules in questions/rules/)."""
    return [mention_candidate(analysis, "cloze", m.cloze, m) for m in mentions]
