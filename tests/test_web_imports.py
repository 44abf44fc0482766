"""A web worker never imports spaCy: generation happens in the queue's workers (issue 16)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVE_PAGES = textwrap.dedent(
    """
    import sys
    from questions import Article, Item
    from quizapp import create_app, storage
    from werkzeug.security import generate_password_hash

    db_path = sys.argv[1]
    item = Item(id="i1", kind="cloze", prompt="Sputnik flew in _____.", answer="1957",
                accepted=("1957",), source_sentence="Sputnik flew in 1957.", tags=("date",))
    article = Article(title="Space", slug="space", paragraphs=("Sputnik flew in 1957.",),
                      items=(item,))
    app = create_app({"TESTING": True, "DATABASE": db_path, "SECRET_KEY": "k",
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db = storage.get_db()
        storage.save_article(db, article, source="space.txt")
        storage.create_user(db, "tess", generate_password_hash("s3cret-pass"), "teacher")
    client = app.test_client()
    pages = ["/", "/auth/login", "/articles/space/quiz", "/api/articles",
             "/articles/space/deck.apkg"]
    codes = [client.get(page).status_code for page in pages]
    client.post("/auth/login", data={"username": "tess", "password": "s3cret-pass"})
    teacher = ["/teach", "/teach/articles/space", "/teach/articles/space/results",
               "/teach/articles/space/stats", "/api/articles/space/items",
               "/articles/space/export.gift"]
    codes += [client.get(page).status_code for page in teacher]
    print(codes)
    print("spacy" in sys.modules, "questions.pipeline" in sys.modules)
    """
)


def test_serving_pages_never_imports_spacy(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SERVE_PAGES, str(tmp_path / "web.db")],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    codes, imported = result.stdout.strip().splitlines()[-2:]
    assert all(code < 400 for code in ast.literal_eval(codes)), result.stdout
    assert imported == "False False", result.stdout
