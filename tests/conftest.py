"""Shared fixtures: an app on a temporary database, its client and CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp import create_app, storage

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "from-the-moon-to-mars.txt"


@pytest.fixture
def app(tmp_path):
    """An app on an empty database in tmp_path; CSRF off except where a test turns it on."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "test.db"),
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
        }
    )
    storage.open_db(app.config["DATABASE"]).close()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """The app's database, opened outside a request."""
    database = storage.open_db(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture(scope="session")
def seed_article():
    """The seed article generated once per test session (spaCy is slow to start)."""
    import questions

    return questions.generate(questions.read_article(SEED.read_bytes()))
