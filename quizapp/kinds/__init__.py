"""The app's item kinds in one registry: each kind of questions.KINDS has one module here.

Adding a kind touches its generator module (questions/kinds/), its module here (a Kind: label,
reading and grading a response, checking an edit, the Anki, GIFT and Moodle XML writers), its
line in ENTRIES and its partial template (templates/kinds/_<kind>.html); nothing else.
tests/test_kinds.py checks that every generator kind has a complete entry.
"""

from __future__ import annotations

from quizapp.kinds import cloze, matching, mcq, short_answer, timeline, true_false
from quizapp.kinds.base import MAX_RESPONSE_CHARS, Checked, Edit, Kind

ENTRIES = (cloze, mcq, true_false, short_answer, timeline, matching)
KINDS: dict[str, Kind] = {module.KIND.name: module.KIND for module in ENTRIES}
LABELS: dict[str, str] = {name: kind.label for name, kind in KINDS.items()}


class UnknownKind(ValueError):
    """An item of a kind the app has no entry for."""


def kind_named(name: str) -> Kind:
    """The registry's entry for a kind; UnknownKind for one it does not have."""
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownKind(f"Unknown item kind {name!r}") from None


__all__ = [
    "KINDS",
    "LABELS",
    "MAX_RESPONSE_CHARS",
    "Checked",
    "Edit",
    "Kind",
    "UnknownKind",
    "kind_named",
]
