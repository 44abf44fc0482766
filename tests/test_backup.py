"""`quizapp backup` and `quizapp restore` while other connections keep writing."""

import sqlite3
import threading
import time

from click.testing import CliRunner

from quizapp import storage
from quizapp.cli import cli


def write_users(path, prefix, stop, counter):
    """Keep inserting users (a stand-in for students answering) until told to stop."""
    db = storage.open_db(path)
    while not stop.is_set() and counter[0] < 5000:
        storage.create_user(db, f"{prefix}{counter[0]}", "hash", "student")
        counter[0] += 1
    db.close()


def test_backup_and_restore_under_load(tmp_path):
    live = tmp_path / "live.db"
    storage.open_db(live).close()
    stop, counters = threading.Event(), [[0], [0]]
    writers = [
        threading.Thread(target=write_users, args=(live, f"w{n}-", stop, counters[n]))
        for n in range(2)
    ]
    for writer in writers:
        writer.start()
    time.sleep(0.2)
    result = CliRunner().invoke(cli, ["--db", str(live), "backup", str(tmp_path / "b.db")])
    time.sleep(0.2)
    stop.set()
    for writer in writers:
        writer.join()
    assert result.exit_code == 0, result.output

    backup = sqlite3.connect(tmp_path / "b.db")
    assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backed_up = backup.execute("SELECT count(*) FROM users").fetchone()[0]
    backup.close()
    written = counters[0][0] + counters[1][0]
    assert 0 < backed_up <= written

    # Restore while a reader holds the live database open: it sees the backup's rows after.
    reader = storage.open_db(live)
    assert reader.execute("SELECT count(*) FROM users").fetchone()[0] == written
    result = CliRunner().invoke(
        cli, ["--db", str(live), "restore", str(tmp_path / "b.db"), "--yes"]
    )
    assert result.exit_code == 0, result.output
    assert reader.execute("SELECT count(*) FROM users").fetchone()[0] == backed_up
    reader.close()


def test_backup_refuses_to_overwrite(tmp_path):
    live = tmp_path / "live.db"
    storage.open_db(live).close()
    (tmp_path / "exists.db").write_bytes(b"x")
    result = CliRunner().invoke(cli, ["--db", str(live), "backup", str(tmp_path / "exists.db")])
    assert result.exit_code == 1 and "exists already" in result.output


def test_restore_rejects_files_that_are_not_backups(tmp_path):
    live = tmp_path / "live.db"
    storage.open_db(live).close()
    storage.create_user(storage.open_db(live), "kept", "hash", "student")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    for bad in (junk, other):
        result = CliRunner().invoke(cli, ["--db", str(live), "restore", str(bad), "--yes"])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
    assert storage.get_user_by_name(storage.open_db(live), "kept")
