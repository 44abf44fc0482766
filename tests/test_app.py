"""The application factory, the home page and error pages."""

from questions import Article, Item
from quizapp import create_app, storage


def test_factory_config(tmp_path, monkeypatch):
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.setenv("QUIZAPP_DB", str(tmp_path / "env.db"))
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "env.db")
    key = (tmp_path / "inst" / "secret_key").read_text()
    assert len(key) == 64 and app.config["SECRET_KEY"] == key
    assert create_app().config["SECRET_KEY"] == key  # generated once, then reused
    assert create_app({"TESTING": True}).testing


def test_home_lists_articles(client, db):
    item = Item(id="i1", kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin")
    storage.save_article(db, Article("Space <b>race</b>", "space-race", ("x",), (item,)))
    page = client.get("/").get_data(as_text=True)
    assert "Space &lt;b&gt;race&lt;/b&gt;" in page
    assert "1 items" in page


def test_missing_page_is_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Not found" in response.get_data(as_text=True)
