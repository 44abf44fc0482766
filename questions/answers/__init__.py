"""Which typed answers count as right: one home for the generator and the grader.

The generator lists the forms a student may type for an answer (`accepted_for`, forms.py): the
answer, then what each named answer-form rule of ANSWER_FORMS adds, in their declared order
(the year of a full date, both day-month orders, "1621-1629" for "between 1621 and 1629", "30%"
for "30 percent", a surname ...). The grader compares a response with those forms after
`normalize` (normal_form.py): case, accents, punctuation, articles and leading prepositions
("in 1970" = "1970"), number words ("two" = "2", "1,000" = "1000") and date spellings ("20 July
1969" = "July 20, 1969" = "1969-07-20", "26 April" = "April 26", a month one typo off next to a
date's numbers: "Mach 2021" = "March 2021"), "percent" = "%".

Plain Python, `re` and rapidfuzz only: the web app's grader imports this package, and a web
worker must never import spaCy.
"""

from __future__ import annotations

from questions.answers.forms import ANSWER_FORMS, AnswerForm, Asked, accepted_for, roman_value
from questions.answers.normal_form import normalize

__all__ = ["ANSWER_FORMS", "AnswerForm", "Asked", "accepted_for", "normalize", "roman_value"]
