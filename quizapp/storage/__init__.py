"""Storage: the one package that talks to SQLite (through sqlite-utils).

Views call the verb-named functions re-exported here (`storage.save_article(...)`) and never
write SQL. The schema is built by named migrations that are only ever appended (schema.py); a
migration never drops rows. Modules: schema (migrations, opening a database), connection (the
request's connection, select), articles, review, users, quiz, study, results, jobs, backup.
They take the time from schema.now(), so a test that fixes the time patches
quizapp.storage.schema.now.
"""

from __future__ import annotations

from quizapp.storage.articles import (
    EDITABLE_ITEM_FIELDS,
    JSON_ITEM_FIELDS,
    articles_page,
    count_articles,
    count_items,
    delete_article,
    delete_item,
    get_article,
    get_article_by_id,
    get_article_summary,
    get_items,
    items_for_article,
    list_articles,
    save_article,
    unique_slug,
    update_item,
)
from quizapp.storage.backup import (
    BackupError,
    backup_database,
    restore_database,
)
from quizapp.storage.connection import (
    close_db,
    get_db,
    select,
)
from quizapp.storage.jobs import (
    create_generation_job,
    get_generation_job,
    update_generation_job,
)
from quizapp.storage.quiz import (
    answers_for_attempt,
    asked_item_ids,
    claim_attempts,
    create_attempt,
    decode_response,
    finish_attempt,
    get_attempt,
    get_quiz_question,
    kind_counts,
    quiz_candidates,
    right_item_ids,
    save_answer,
    unfinished_attempt,
)
from quizapp.storage.results import (
    answered_item_ids,
    answered_items,
    article_answers,
    article_first_answers,
    article_item_results,
    attempt_results,
    class_results,
    item_results,
)
from quizapp.storage.review import (
    review_items,
    set_items_enabled,
)
from quizapp.storage.schema import (
    BUSY_TIMEOUT_MS,
    connect_db,
    m001_initial,
    m002_login_failures,
    m003_cards_and_reviews,
    m004_generation_jobs,
    m005_item_count_index,
    m006_item_state_set,
    migrate,
    migrations,
    now,
    open_db,
)
from quizapp.storage.study import (
    article_cards,
    get_card,
    home_summary,
    reviews_by_day,
    save_card_review,
    student_progress,
)
from quizapp.storage.users import (
    clear_login_failures,
    count_login_failures,
    create_user,
    get_user,
    get_user_by_name,
    record_login_failure,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "BackupError",
    "EDITABLE_ITEM_FIELDS",
    "JSON_ITEM_FIELDS",
    "answered_item_ids",
    "answered_items",
    "answers_for_attempt",
    "asked_item_ids",
    "claim_attempts",
    "article_answers",
    "article_cards",
    "article_first_answers",
    "article_item_results",
    "articles_page",
    "attempt_results",
    "backup_database",
    "class_results",
    "clear_login_failures",
    "close_db",
    "connect_db",
    "count_articles",
    "count_items",
    "count_login_failures",
    "create_attempt",
    "create_generation_job",
    "create_user",
    "decode_response",
    "delete_article",
    "delete_item",
    "finish_attempt",
    "get_article",
    "get_article_by_id",
    "get_article_summary",
    "get_attempt",
    "get_card",
    "get_db",
    "get_generation_job",
    "get_items",
    "get_quiz_question",
    "get_user",
    "get_user_by_name",
    "home_summary",
    "item_results",
    "items_for_article",
    "kind_counts",
    "list_articles",
    "m001_initial",
    "m002_login_failures",
    "m003_cards_and_reviews",
    "m004_generation_jobs",
    "m005_item_count_index",
    "m006_item_state_set",
    "migrate",
    "migrations",
    "now",
    "open_db",
    "quiz_candidates",
    "record_login_failure",
    "restore_database",
    "review_items",
    "reviews_by_day",
    "right_item_ids",
    "save_answer",
    "save_article",
    "save_card_review",
    "select",
    "set_items_enabled",
    "student_progress",
    "unfinished_attempt",
    "unique_slug",
    "update_generation_job",
    "update_item",
]
