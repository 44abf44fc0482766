"""Progress: a student's own page, and a teacher's item statistics for an article."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, g, render_template

from quizapp import charts, schedule, stats, storage
from quizapp.views.auth import login_required, teacher_required
from quizapp.views.paging import current_page

bp = Blueprint("progress", __name__)

CHART_DAYS = 30
ITEMS_PER_PAGE = 50  # rows of the item table per page: an article may have 10,000 items
SCORE_BINS = 10


@bp.get("/progress")
@login_required
def student():
    """Per article: items seen, share right, mastered, due today; charts of the last 30 days."""
    db = storage.get_db()
    now = schedule.utcnow()
    tomorrow = schedule.day_start(now) + timedelta(days=1)
    articles = storage.student_progress(
        db,
        g.user["id"],
        mastered_stability=schedule.MASTERED_STABILITY_DAYS,
        due_before=schedule.stamp(tomorrow),
    )
    first = tomorrow - timedelta(days=CHART_DAYS)
    rows = storage.reviews_by_day(db, g.user["id"], schedule.stamp(first))
    labels, counts, accuracy = stats.daily_series(rows, first.date(), CHART_DAYS)
    return render_template(
        "progress/student.html",
        articles=[row for row in articles if row["item_count"] or row["seen"]],
        accuracy_chart=charts.line_chart("accuracy", "Share right per day", labels, accuracy),
        reviews_chart=charts.bar_chart("reviews", "Reviews per day", labels, counts),
        total_reviews=sum(counts),
        mastered_days=int(schedule.MASTERED_STABILITY_DAYS),
    )


@bp.get("/teach/articles/<slug>/stats")
@teacher_required
def article_stats(slug: str):
    """The class's scores and each answered item's facility, discrimination and distractors."""
    db = storage.get_db()
    article = storage.get_article_summary(db, slug) or abort(404)
    ids = storage.answered_item_ids(db, article["id"])
    scores = [
        stats.attempt_score(row["asked"], row["answered"], row["n_right"])
        for row in storage.attempt_results(db, article["id"])
    ]
    bins = [f"{10 * n}–{10 * n + 9}%" if n < 9 else "90–100%" for n in range(SCORE_BINS)]
    page = current_page(len(ids), ITEMS_PER_PAGE)
    firsts = storage.article_first_answers(db, article["id"])
    # Only the page's items and those with enough students to be flagged are read.
    wanted = stats.items_to_show(ids, firsts, page.start, page.stop)
    found = storage.get_items(db, wanted)
    items = [found[item_id] for item_id in wanted if item_id in found]
    rows, flagged = stats.page_statistics(items, firsts, set(ids[page.start : page.stop]))
    return render_template(
        "progress/article_stats.html", article=article, rows=rows, page=page, flagged=flagged,
        item_count=storage.count_items(db, article["id"]), scores=scores,
        scores_chart=charts.bar_chart(
            "scores", "Attempts by score", bins, stats.histogram(scores, SCORE_BINS),
            x_title="Score",
        ),
        min_students=stats.MIN_STUDENTS,
    )  # fmt: skip
