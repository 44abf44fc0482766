"""The web forms (Flask-WTF): every POST form carries a CSRF token."""

from __future__ import annotations

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

    title = StringField(
        "Title (optional)",
        validators=[Optional(), Length(max=200)],
        description="Leave it empty when the text's first line is the title (for an upload "
        "without one, the file name is used).",
    )
    text = TextAreaField(
        "Article text",
        validators=[Optional(), Length(max=2_000_000)],
        description="Paragraphs are separated by blank lines.",
    )
    upload = FileField(
        "Or upload a file",
        validators=[FileAllowed(["txt", "md", "html", "htm"], "Upload a .txt, .md or .html file.")],
    )
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


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def item_form_data(item: dict) -> dict:
    """An item's fields as the edit form shows them (lists one entry per line)."""
    answer = item["answer"]
    if item["kind"] == "matching":
        answer = "\n".join(f"{left} = {right}" for left, right in answer)
    elif isinstance(answer, list):
        answer = "\n".join(answer)
    return {
        "prompt": item["prompt"],
        "answer": answer,
        "accepted": "\n".join(item.get("accepted") or []),
        "choices": "\n".join(str(c) for c in item.get("choices") or []),
        "explanation": item.get("explanation") or "",
        "enabled": bool(item.get("enabled", 1)),
    }


def item_changes(form: ItemForm, kind: str) -> dict | None:
    """The validated changes from an item form in the contract's shape, or None (errors set)."""
    choices = _lines(form.choices.data)
    accepted = _lines(form.accepted.data)
    answer: str | list = form.answer.data.strip()
    if kind == "timeline":
        answer = _lines(form.answer.data)
        if sorted(choices) != sorted(answer):
            form.choices.errors.append("List the same events as the answer, in any order.")
    elif kind == "matching":
        pairs = [line.split("=", 1) for line in _lines(form.answer.data)]
        if any(len(pair) != 2 for pair in pairs):
            form.answer.errors.append("Write each pair as 'left = right', one per line.")
            return None
        answer = [[left.strip(), right.strip()] for left, right in pairs]
        if sorted(choices) != sorted(right for _, right in answer):
            form.choices.errors.append("List the right-hand values of the pairs, in any order.")
    elif kind in ("mcq", "true_false") and answer not in choices:
        form.choices.errors.append("One of the choices must be the answer, exactly as written.")
    elif kind == "cloze" and form.prompt.data.count("_____") != 1:
        form.prompt.errors.append("The prompt needs exactly one blank: _____ (five underscores).")
    if kind in ("cloze", "short_answer") and answer not in accepted:
        accepted.insert(0, answer)
    if form.choices.errors or form.prompt.errors:
        return None
    return {
        "prompt": form.prompt.data.strip(),
        "answer": answer,
        "accepted": accepted,
        "choices": choices,
        "explanation": (form.explanation.data or "").strip(),
        "enabled": int(form.enabled.data),
    }
