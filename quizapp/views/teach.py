"""Teachers: add articles, review and edit their items, regenerate, delete, class results."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

import questions
from quizapp import jobs, stats, storage
from quizapp.forms import (
    ActionForm,
    ArticleForm,
    BulkItemsForm,
    ItemForm,
    ReviewFilterForm,
    item_changes,
    item_form_data,
)
from quizapp.jobs import MAX_TITLE_CHARS, PASTED
from quizapp.views.auth import teacher_required
from quizapp.views.paging import current_page

bp = Blueprint("teach", __name__, url_prefix="/teach")

ITEMS_PER_PAGE = 50  # rows of the class results' item table per page
REVIEW_PAGE = 50  # items per page of the review page
REJECTED_SHOWN = 200  # candidates the generator dropped, listed on the review page
QUEUE_PATIENCE = 120  # seconds a job may wait for a worker before the teacher is told more


def article_or_404(slug: str) -> dict:
    """The live article with this slug, or the 404 page."""
    return storage.get_article(storage.get_db(), slug) or abort(404)


def item_or_404(item_id: str) -> storage.StoredItem:
    """The (not deleted) item with this id, or the 404 page."""
    item = storage.get_items(storage.get_db(), [item_id]).get(item_id)
    if item is None or item.deleted:
        abort(404)
    return item


def item_and_article_or_404(item_id: str) -> tuple[storage.StoredItem, dict]:
    """The (not deleted) item with this id and its article, or the 404 page."""
    item = item_or_404(item_id)
    article = storage.get_article_by_id(storage.get_db(), item.article_id) or abort(404)
    return item, article


@bp.get("")
@teacher_required
def articles():
    """The articles, with links to review each and a form to add one."""
    db = storage.get_db()
    return render_template(
        "teach/articles.html",
        articles=storage.list_articles(db),
        deleted=storage.deleted_articles(db),
        form=ArticleForm(),
    )


@bp.post("/articles")
@teacher_required
def add_article():
    """Put the pasted or uploaded article on the generation queue; the teacher watches its
    status page, which stores the article when a worker has generated it."""
    form = ArticleForm()
    if form.validate_on_submit():
        upload = form.upload.data
        data, name = (upload.read(), upload.filename) if upload else (form.text.data or "", PASTED)
        options = {"source": name, "title": form.title.data, "as_new": bool(form.as_new.data)}
        if problem := article_form_problem(form, data, name):
            field, message = problem
            field.errors.append(message)
        else:
            return redirect(url_for("teach.job", job_id=start_generation(data, options)))
    db = storage.get_db()
    return render_template(
        "teach/articles.html",
        articles=storage.list_articles(db),
        deleted=storage.deleted_articles(db),
        form=form,
    ), 400


def article_form_problem(form: ArticleForm, data: str | bytes, name: str):
    """The field to blame and what to tell the teacher when the form cannot start a
    generation (nothing to read, or a pasted text that needs a title), else None."""
    if name != PASTED and not data.strip():
        return form.upload, f"The chosen file “{name}” is empty: choose another, or paste the text."
    if not data.strip():
        return form.text, "Paste the article's text or choose a file."
    if name == PASTED and not data.lstrip().startswith("<"):
        # Plain text without a title: ask for one with the form, now (a pasted page's title
        # comes from its markup, which the worker reads).
        try:
            jobs.article_title(form.title.data, data.lstrip(), PASTED)
        except jobs.TitleNeeded as error:
            return form.title, str(error)
    return None


def offer_restore(db, title: str) -> None:
    """ArticleError offering to restore a deleted article with this title."""
    deleted = storage.deleted_article_titled(db, title) if title else None
    if deleted:
        raise questions.ArticleError(
            f"“{deleted['title']}” was deleted on {deleted['deleted'][:10]}: restore it under "
            "Deleted articles on the Teach page (its items, edits and results come back), or "
            "tick “Add it as a new article”."
        )


def store_new_article(db, article: questions.Article, source: str) -> str:
    """Store a new article; returns the slug it is stored under (a deleted article's slug
    is never reused, so it may differ from the generated one)."""
    article_id = storage.save_article(db, article, source=source, draft=True)
    return storage.get_article_by_id(db, article_id)["slug"]


def added_message(article: questions.Article) -> str:
    """What the teacher is told after adding an article (a draft until published)."""
    curated = sum(item.selected for item in article.items)
    return (
        f"Added “{article.title}” with {curated} items as a draft: students see it once you "
        "publish it."
    )


def job_name(data: str | bytes, options: dict) -> str:
    """What the status page calls a job before its title is known."""
    if options.get("title") and options["title"].strip():
        return " ".join(options["title"].split())[:MAX_TITLE_CHARS]
    if options.get("source", PASTED) != PASTED:
        return options["source"][:MAX_TITLE_CHARS]
    return str(data).strip().split("\n", 1)[0][:MAX_TITLE_CHARS]


def start_generation(data: str | bytes, options: dict) -> str:
    """Record a job and put it on the queue; returns the job id."""
    options = {**options, **jobs.time_limits(current_app.config)}
    job_id = storage.create_generation_job(storage.get_db(), g.user["id"], job_name(data, options))
    jobs.enqueue(current_app.config, job_id, data, options)
    return job_id


def store_outcome(db, outcome: dict) -> dict:
    """Store what a generation task returned; the job's new status, message and slug."""
    if "error" in outcome:
        return {"status": "failed", "message": outcome["error"]}
    article, options = jobs.article_from_result(outcome), outcome["options"]
    try:
        if slug := options.get("regenerate"):
            if not storage.get_article(db, slug):
                raise questions.ArticleError("it was deleted meanwhile.")
            storage.save_article(db, article, slug=slug)
            curated = sum(item.selected for item in article.items)
            message = f"Regenerated “{article.title}”: {curated} items; edited items kept."
            return {"status": "done", "slug": slug, "message": message, "name": article.title}
        if not options.get("as_new"):
            offer_restore(db, article.title)
        if storage.get_article(db, article.slug) or storage.live_article_titled(db, article.title):
            raise questions.ArticleError(
                f"An article titled “{article.title}” exists already; regenerate or delete it."
            )
    except questions.ArticleError as error:
        return {"status": "failed", "message": str(error)}
    slug = store_new_article(db, article, options["source"])
    return {
        "status": "done",
        "slug": slug,
        "message": added_message(article),
        "name": article.title,
    }


@bp.get("/jobs/<job_id>")
@teacher_required
def job(job_id: str):
    """The status of a generation; when its task has finished, the article is stored (once)
    and the teacher goes on to it. job.js checks this page until then."""
    db = storage.get_db()
    job = storage.get_generation_job(db, job_id)
    if job is None or job["user_id"] != g.user["id"]:
        abort(404)
    queued = False
    if job["status"] == "running":
        outcome, progress = jobs.job_outcome(current_app.config, job_id)
        if outcome is None:
            queued = progress is None
            job = {**job, "progress": progress or 0.0}
        else:
            storage.finish_generation_job(db, job_id, lambda: store_outcome(db, outcome))
            jobs.forget(current_app.config, job_id)
            job = storage.get_generation_job(db, job_id)
    if job["status"] == "done":
        if request.headers.get("X-Job-Poll"):  # job.js: reload, and that visit says it
            return "", 204
        flash(job["message"], "success")
        return redirect(url_for("teach.review", slug=job["slug"]))
    stalled = queued and waited_too_long(job)
    return render_template("teach/job.html", job=job, queued=queued, stalled=stalled)


_stalls_logged: set[str] = set()  # jobs this process has logged as waiting too long


def waited_too_long(job: dict) -> bool:
    """Whether a job no worker has taken has waited past QUEUE_PATIENCE. The first time this
    process sees that, the log gets the technical hint; the teacher's page says it in a
    teacher's words."""
    waited = (datetime.now(UTC) - datetime.fromisoformat(job["created"])).total_seconds()
    if waited < QUEUE_PATIENCE:
        return False
    if job["id"] not in _stalls_logged:
        _stalls_logged.add(job["id"])
        current_app.logger.warning(
            "Generation job %s (%s) has waited %d s for a worker: is `quizapp worker` running "
            "on this queue (or `quizapp serve` without --no-worker)?",
            job["id"], job["name"], waited,
        )  # fmt: skip
    return True


@bp.get("/articles/<slug>")
@teacher_required
def review(slug: str):
    """A page of the article's items, filtered and searched, with their state and share right."""
    article = article_or_404(slug)
    db = storage.get_db()
    filters = ReviewFilterForm(request.args)
    active = filters.active()
    query = dict(
        kind=active.get("kind", ""), state=active.get("state", ""), edited="edited" in active,
        search=active.get("q", ""),
        only_ids=flagged_item_ids(db, article["id"]) if "flagged" in active else None,
    )  # fmt: skip
    page = current_page(storage.review_items(db, article["id"], limit=0, **query)[1], REVIEW_PAGE)
    items, _ = storage.review_items(
        db, article["id"], offset=page.start, limit=REVIEW_PAGE, **query
    )
    return render_template(
        "teach/review.html", article=article, items=items, page=page, filters=filters,
        active=active, results=storage.item_results(db, article["id"]), form=ActionForm(),
        bulk=BulkItemsForm(back=request.full_path),
        item_count=storage.count_items(db, article["id"]),
        asked=sum(storage.kind_counts(db, article["id"]).values()),
        rejected=storage.rejections_for_article(db, article["id"], limit=REJECTED_SHOWN),
        rules_fired=storage.rejection_counts(db, article["id"]),
    )  # fmt: skip


def flagged_item_ids(db, article_id: int) -> set[str]:
    """The article's items the statistics flag (as on the item statistics page)."""
    firsts = storage.article_first_answers(db, article_id)
    wanted = stats.items_to_show(storage.answered_item_ids(db, article_id), firsts, 0, 0)
    items = list(storage.get_items(db, wanted).values())
    return {item.id for item, _ in stats.page_statistics(items, firsts, set())[1]}


def review_place(slug: str, back: str | None, item_id: str = "") -> str:
    """The review page the teacher came from (its filters and page), at the item; only ever
    this article's review page."""
    home = url_for("teach.review", slug=slug)
    target = back if back and (back == home or back.startswith(home + "?")) else home
    return target.rstrip("?") + (f"#item-{item_id}" if item_id else "")


def back_to_review(slug: str, back: str | None, item_id: str = ""):
    """Redirect to review_place."""
    return redirect(review_place(slug, back, item_id))


@bp.route("/items/<item_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_item(item_id: str):
    """Edit an item's prompt, answer, accepted answers, choices, explanation and state; then
    back to the same place of the review page."""
    item, article = item_and_article_or_404(item_id)
    form = ItemForm(data=item_form_data(item))
    back = request.values.get("back")
    if form.validate_on_submit() and (changes := item_changes(form, item.kind)):
        storage.update_item(storage.get_db(), item_id, changes)
        flash("Item saved.", "success")
        return back_to_review(article["slug"], back, item_id)
    return render_template(
        "teach/edit_item.html", item=item, article=article, form=form,
        back_url=review_place(article["slug"], back, item_id),
    )  # fmt: skip


@bp.post("/items/<item_id>/<any(enable, disable):action>")
@teacher_required
def change_item(item_id: str, action: str):
    """Enable or disable an item (not an edit), back to the same place of the review page."""
    item, article = item_and_article_or_404(item_id)
    if ActionForm().validate_on_submit():
        storage.set_items_enabled(storage.get_db(), article["id"], [item_id], action == "enable")
        flash(f"Item {action}d.", "success")
    return back_to_review(article["slug"], request.form.get("back"), item_id)


@bp.route("/items/<item_id>/delete", methods=["GET", "POST"])
@teacher_required
def delete_item(item_id: str):
    """Ask, then delete the item; back to the same place of the review page."""
    item, article = item_and_article_or_404(item_id)
    form = ActionForm()
    back = request.values.get("back")
    if form.validate_on_submit():
        storage.delete_item(storage.get_db(), item_id)
        flash("Item deleted.", "success")
        return back_to_review(article["slug"], back)
    return render_template(
        "teach/delete_item.html", item=item, article=article, form=form, back=back,
        keep_url=review_place(article["slug"], back, item_id),
    )  # fmt: skip


@bp.post("/articles/<slug>/items")
@teacher_required
def bulk_items(slug: str):
    """Enable or disable the ticked items of the review page."""
    article = article_or_404(slug)
    form = BulkItemsForm()
    if form.validate_on_submit():
        ids = form.item_ids.data or []
        changed = storage.set_items_enabled(
            storage.get_db(), article["id"], ids, form.action.data == "enable"
        )
        flash(f"{changed} item{'' if changed == 1 else 's'} {form.action.data}d.", "success")
    return back_to_review(slug, form.back.data)


@bp.post("/articles/<slug>/<any(publish, unpublish):action>")
@teacher_required
def publish(slug: str, action: str):
    """Publish the article for students, or take it back to a draft."""
    article = article_or_404(slug)
    if ActionForm().validate_on_submit():
        storage.publish_article(storage.get_db(), article["id"], action == "publish")
        done = "Published: students can see it." if action == "publish" else "Now a draft."
        flash(done, "success")
    return redirect(url_for("teach.review", slug=slug))


@bp.post("/articles/<slug>/regenerate")
@teacher_required
def regenerate(slug: str):
    """Put the article on the generation queue again; edited and deleted items stay as they
    are. The teacher watches the job's status page."""
    article = article_or_404(slug)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("teach.review", slug=slug))
    text = f"{article['title']}\n\n{article['text']}"
    options = {"title": article["title"], "regenerate": slug, "read": False}
    return redirect(url_for("teach.job", job_id=start_generation(text, options)))


@bp.route("/articles/<slug>/delete", methods=["GET", "POST"])
@teacher_required
def delete_article(slug: str):
    """Ask, then delete the article (its answers stay in the statistics)."""
    article = article_or_404(slug)
    form = ActionForm()
    if form.validate_on_submit():
        storage.delete_article(storage.get_db(), article["id"])
        flash(f"Deleted “{article['title']}”.", "success")
        return redirect(url_for("teach.articles"))
    return render_template("teach/delete.html", article=article, form=form)


@bp.post("/articles/<slug>/restore")
@teacher_required
def restore_article(slug: str):
    """Bring a deleted article back (refused while a live one has its title)."""
    db = storage.get_db()
    article = storage.get_deleted_article(db, slug) or abort(404)
    if ActionForm().validate_on_submit():
        if storage.live_article_titled(db, article["title"]):
            flash(f"A live article is titled “{article['title']}”; delete it first.", "error")
            return redirect(url_for("teach.articles"))
        storage.restore_article(db, article["id"])
        flash(f"Restored “{article['title']}”.", "success")
        return redirect(url_for("teach.review", slug=slug))
    return redirect(url_for("teach.articles"))


@bp.get("/articles/<slug>/results")
@teacher_required
def results(slug: str):
    """Class results: each student's best and last score, each answered item's share right."""
    db = storage.get_db()
    article = storage.get_article_summary(db, slug) or abort(404)
    item_stats = storage.article_item_results(db, article["id"])
    page = current_page(len(item_stats), ITEMS_PER_PAGE)
    return render_template(
        "teach/results.html",
        article=article,
        students=storage.class_results(db, article["id"]),
        items=storage.answered_items(db, article["id"], offset=page.start, limit=page.per_page),
        item_stats=item_stats,
        item_count=storage.count_items(db, article["id"]),
        page=page,
    )
