"""The web forms (Flask-WTF): every POST form carries a CSRF token."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import EqualTo, InputRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from questions.model import MAX_TEXT_CHARS
from quizapp import kinds

# The account rules, shared by the web forms and the command line (quizapp create-teacher).
USERNAME_PATTERN = r"^[A-Za-z0-9_.-]+$"
USERNAME_CHARS = "Use letters, digits, dots, dashes or underscores only."
USERNAME_LENGTH = (3, 40)
PASSWORD_LENGTH = (8, 200)
USERNAME_RULE = Regexp(USERNAME_PATTERN, message=USERNAME_CHARS)


def username_problem(name: str) -> str | None:
    """What is wrong with name as a new username, or None."""
    low, high = USERNAME_LENGTH
    if not low <= len(name) <= high:
        return f"A username has between {low} and {high} characters."
    if not re.match(USERNAME_PATTERN, name):
        return USERNAME_CHARS
    return None


def password_problem(password: str) -> str | None:
    """What is wrong with password as a new password, or None."""
    low, high = PASSWORD_LENGTH
    if len(password) < low:
        return f"Use at least {low} characters."
    if len(password) > high:
        return f"Use at most {high} characters."
    return None


class LoginForm(FlaskForm):
    """Log in with username and password."""

    username = StringField("Username", validators=[InputRequired(), Length(max=40)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=200)])
    remember = BooleanField("Keep me logged in on this device")
    submit = SubmitField("Log in")


def new_password_rules() -> list:
    """The rules a new password follows, at registration and on a change."""
    return [
        InputRequired(),
        Length(
            min=PASSWORD_LENGTH[0],
            max=PASSWORD_LENGTH[1],
            message=f"Use at least {PASSWORD_LENGTH[0]} characters.",
        ),
    ]


class RegisterForm(FlaskForm):
    """Create a student account."""

    username = StringField(
        "Username",
        validators=[
            InputRequired(),
            Length(min=USERNAME_LENGTH[0], max=USERNAME_LENGTH[1]),
            USERNAME_RULE,
        ],
    )
    password = PasswordField(
        "Password",
        validators=new_password_rules(),
    )
    confirm = PasswordField(
        "Repeat password",
        validators=[InputRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Create account")


class PasswordForm(FlaskForm):
    """Change one's password (the current one first)."""

    current = PasswordField("Current password", validators=[InputRequired(), Length(max=200)])
    password = PasswordField(
        "New password",
        validators=new_password_rules(),
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[InputRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Change password")


class ActionForm(FlaskForm):
    """A form with nothing but its CSRF token (logout, delete, regenerate, retake)."""


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes in a list, one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


LENGTHS = {"10": "10 questions", "20": "20 questions", "all": "All questions"}
KIND_LABELS = kinds.LABELS


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

    title = StringField(
        "Title (optional)",
        validators=[Optional(), Length(max=200)],
        description="Leave it empty when the text's first line is the title (for an upload "
        "without one, the file name is used).",
    )
    text = TextAreaField(
        "Article text",
        validators=[
            Optional(),
            Length(
                max=MAX_TEXT_CHARS,
                message=f"The limit is {MAX_TEXT_CHARS:,} characters; split the article.",
            ),
        ],
        description="Paragraphs are separated by blank lines.",
    )
    upload = FileField(
        "Or upload a file",
        validators=[FileAllowed(["txt", "md", "html", "htm"], "Upload a .txt, .md or .html file.")],
    )
    as_new = BooleanField("Add it as a new article even if a deleted one has its title")
    submit = SubmitField("Add and generate questions")


class ReviewFilterForm(FlaskForm):
    """The review page's filters, read from the query string (a GET form, no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField("Search", validators=[Optional(), Length(max=200)])
    kind = SelectField(
        "Kind",
        choices=[SelectChoice(k, v) for k, v in {"": "All kinds", **KIND_LABELS}.items()],
        validators=[Optional()],
    )
    state = SelectField(
        "Asked",
        choices=[
            SelectChoice("", "Enabled and disabled"),
            SelectChoice("enabled", "Enabled"),
            SelectChoice("disabled", "Disabled"),
        ],
        validators=[Optional()],
    )
    edited = BooleanField("Edited only")
    flagged = BooleanField("Flagged by the statistics")

    def active(self) -> dict[str, str]:
        """The filters in use, as query-string arguments (for the pager and back links)."""
        if not self.validate():
            return {}
        args = {"q": (self.q.data or "").strip(), "kind": self.kind.data or ""}
        args |= {"state": self.state.data or "", "edited": "y" if self.edited.data else ""}
        args["flagged"] = "y" if self.flagged.data else ""
        return {key: value for key, value in args.items() if value}


class BulkItemsForm(FlaskForm):
    """Enable or disable the items ticked on the review page."""

    item_ids = SelectMultipleField("Items", choices=[], validate_choice=False)
    action = SelectField(
        "Action", choices=[SelectChoice("enable", "Enable"), SelectChoice("disable", "Disable")]
    )
    back = StringField("Back", validators=[Optional(), Length(max=2000)])


class ItemForm(FlaskForm):
    """Edit one item."""

    prompt = TextAreaField("Prompt", validators=[InputRequired(), Length(max=2000)])
    answer = TextAreaField("Answer", validators=[InputRequired(), Length(max=2000)])
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


# C0 control characters other than tab and newline (a \x1f in an edit made Anki refuse the
# whole deck); a carriage return is kept only as part of a line break, which becomes \n.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """Text from a form with line breaks as \n and other control characters removed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


def item_form_data(item: Any) -> dict:
    """An item's fields as the edit form shows them (lists one entry per line; matching
    pairs as "left = right")."""
    answer = item.answer
    if isinstance(answer, list | tuple):
        answer = "\n".join(
            " = ".join(part) if isinstance(part, list | tuple) else str(part) for part in answer
        )
    return {
        "prompt": item.prompt,
        "answer": answer,
        "accepted": "\n".join(item.accepted or []),
        "choices": "\n".join(str(c) for c in item.choices or []),
        "explanation": item.explanation or "",
        "enabled": bool(item.enabled),
    }


def item_changes(form: ItemForm, kind: str) -> dict | None:
    """The validated changes from an item form in the contract's shape, or None (errors set:
    the kind's own checks, quizapp.kinds)."""
    edit = kinds.Edit(
        prompt=clean_text(form.prompt.data).strip(),
        answer=clean_text(form.answer.data).strip(),
        answer_lines=_lines(form.answer.data),
        choices=_lines(form.choices.data),
        accepted=_lines(form.accepted.data),
    )
    checked = kinds.kind_named(kind).check_edit(edit)
    for name, message in checked.errors.items():
        form[name].errors.append(message)
    if checked.errors:
        return None
    return {
        "prompt": edit.prompt,
        "answer": checked.answer,
        "accepted": checked.accepted,
        "choices": edit.choices,
        "explanation": clean_text(form.explanation.data).strip(),
        "enabled": int(form.enabled.data),
    }
