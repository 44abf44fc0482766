"""The command line, through click's runner."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from questions.rules import REGISTRY
from quizapp import storage
from quizapp.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert cli.commands[name].help, f"{name} has no help text"


def test_generate_json_contract(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Space\n\nYuri Gagarin flew into space in 1961. Sputnik 1 flew in 1957.\n")
    result = CliRunner().invoke(cli, ["generate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["title"] == "Space"
    assert data["items"], "no items"
    for item in data["items"]:
        assert {
            "id",
            "kind",
            "prompt",
            "answer",
            "accepted",
            "choices",
            "source_sentence",
            "sentence_index",
            "explanation",
            "tags",
            "difficulty",
            "score",
        } <= set(item)


def test_generate_rejects_unknown_kind(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nBody text.\n")
    result = CliRunner().invoke(cli, ["generate", str(path), "--kinds", "essay"])
    assert result.exit_code == 1
    assert "Unknown kind essay" in result.output


def test_generate_empty_file_is_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"   \n")
    result = CliRunner().invoke(cli, ["generate", str(path)])
    assert result.exit_code == 1
    assert "empty" in result.output and "Traceback" not in result.output


def test_init_loads_seed_once(tmp_path):
    db_path = tmp_path / "q.db"
    first = CliRunner().invoke(cli, ["--db", str(db_path), "init"])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, ["--db", str(db_path), "init"])
    assert "already loaded" in second.output
    db = storage.open_db(db_path)
    articles = storage.list_articles(db)
    assert [a["title"] for a in articles] == ["From the Moon to Mars"]
    assert articles[0]["item_count"] > 0


def test_create_teacher(tmp_path):
    db_path = tmp_path / "q.db"
    args = ["--db", str(db_path), "create-teacher", "tess", "--password", "s3cret-pass"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 1 and "exists already" in again.output
    user = storage.get_user_by_name(storage.open_db(db_path), "tess")
    assert user["role"] == "teacher" and "s3cret-pass" not in user["password_hash"]


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("tess", "", "at least 8"),
        ("tess", "x", "at least 8"),
        ("te", "s3cret-pass", "between 3 and 40"),
        ("tess smith", "s3cret-pass", "letters, digits"),
        ("Tess", "s3cret-pass", "'tess' exists already"),
    ],
)
def test_create_teacher_follows_the_webs_rules(tmp_path, username, password, message):
    """The web's username and password rules, and names unique in any case."""
    db_path = tmp_path / "t.db"
    base = ["--db", str(db_path), "create-teacher"]
    assert CliRunner().invoke(cli, [*base, "tess", "--password", "s3cret-pass"]).exit_code == 0
    result = CliRunner().invoke(cli, [*base, username, "--password", password])
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output


def test_make_teacher_creates_a_teacher_in_the_served_database(tmp_path):
    db_path = tmp_path / "make.db"
    env = {**os.environ, "QUIZAPP_DB": str(db_path)}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        ["make", "-s", "-C", str(root), "teacher", "NAME=tess", "PASSWORD=s3cret-pass"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with storage.open_db(db_path) as db:
        assert storage.get_user_by_name(db, "tess")["role"] == "teacher"
    usage = subprocess.run(["make", "-s", "-C", str(root), "teacher"], env=env, capture_output=True,
                           text=True, check=False)  # fmt: skip
    assert usage.returncode != 0 and "usage: make teacher NAME=" in usage.stderr


def test_generate_explain_names_the_rule_and_reason_of_each_rejected_candidate(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Moon\n\nThe Soviet Union launched Sputnik 1 in 1957. It was the first satellite. "
        "This launch started the space race between the United States and the Soviet Union. "
        "Yuri Gagarin flew into space in 1961 aboard Vostok 1.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["generate", str(article), "--explain"])
    assert result.exit_code == 0, result.output
    counts = dict(
        reversed(line.split()) for line in result.output.splitlines() if re.match(r"\s+\d+  ", line)
    )
    assert counts, result.output
    known = set(REGISTRY)
    rejected = re.findall(r"^\[(\w+)\] (.+)$", result.output, flags=re.M)
    assert rejected and sum(map(int, counts.values())) == len(rejected)
    assert {rule for rule, _ in rejected} <= set(counts)
    assert all(reason.strip() for _, reason in rejected)
    assert "dangling_reference" in counts  # "It was the first satellite."
    assert set(counts) <= known  # every rule id is a registered rule's
