"""The web forms (Flask-WTF): every POST form carries a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import EqualTo, InputRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

USERNAME_RULE = Regexp(
    r"^[A-Za-z0-9_.-]+$", message="Use letters, digits, dots, dashes or underscores only."
)


class LoginForm(FlaskForm):
    """Log in with username and password."""

    username = StringField("Username", validators=[InputRequired(), Length(max=40)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=200)])
    submit = SubmitField("Log in")


class RegisterForm(FlaskForm):
    """Create a student account."""

    username = StringField(
        "Username", validators=[InputRequired(), Length(min=3, max=40), USERNAME_RULE]
    )
    password = PasswordField(
        "Password",
        validators=[
            InputRequired(),
            Length(min=8, max=200, message="Use at least 8 characters."),
        ],
    )
    confirm = PasswordField(
        "Repeat password",
        validators=[InputRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Create account")


class ActionForm(FlaskForm):
    """A form with nothing but its CSRF token (logout, delete, regenerate, retake)."""


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes in a list, one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


LENGTHS = {"10": "10 questions", "20": "20 questions", "all": "All questions"}
KIND_LABELS = {
    "cloze": "Fill in the blank",
    "mcq": "Multiple choice",
    "true_false": "True or false",
    "short_answer": "Short answer",
    "timeline": "Timeline",
    "matching": "Matching",
}


class QuizSetupForm(FlaskForm):
    """Choose the length and the kinds of a new quiz."""

    length = RadioField(
        "Length",
        choices=[SelectChoice(k, v) for k, v in LENGTHS.items()],
        default="10",
        validators=[InputRequired()],
    )
    kinds = MultiCheckboxField(
        "Kinds of question",
        choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()],
        validators=[InputRequired(message="Pick at least one kind of question.")],
    )
    submit = SubmitField("Start the quiz")


class ArticleForm(FlaskForm):
    """Add an article: paste its text or upload a file."""

    text = TextAreaField(
        "Article text",
        validators=[Optional(), Length(max=2_000_000)],
        description="The first line is the title; paragraphs are separated by blank lines.",
    )
    upload = FileField(
        "Or upload a file",
        validators=[FileAllowed(["txt", "md", "html", "htm"], "Upload a .txt, .md or .html file.")],
    )
    submit = SubmitField("Add and generate questions")


class ItemForm(FlaskForm):
    """Edit one item."""

    prompt = TextAreaField("Prompt", validators=[InputRequired(), Length(max=2000)])
    answer = TextAreaField(
        "Answer",
        validators=[InputRequired(), Length(max=2000)],
        description="For timeline items one event per line in the right order; for matching "
        "one 'left = right' pair per line.",
    )
    accepted = TextAreaField(
        "Accepted answers",
        validators=[Optional(), Length(max=4000)],
        description="One per line.",
    )
    choices = TextAreaField(
        "Choices", validators=[Optional(), Length(max=4000)], description="One per line."
    )
    explanation = TextAreaField("Explanation", validators=[Optional(), Length(max=2000)])
    enabled = BooleanField("Ask this item in quizzes")
    submit = SubmitField("Save item")
