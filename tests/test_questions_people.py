"""questions/people: the roles the article gives people."""

from __future__ import annotations

from questions.people import is_role_text


def test_a_role_reads_as_words_and_says_something_alone() -> None:
    assert not is_role_text("southern Duke")
    assert is_role_text("Denver linebacker")
