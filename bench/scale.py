"""Scale benchmark: do pages slow down as the database grows?

Small database: one article of 40 items with 1,000 answers. Large database: 100 articles, the
first with 10,000 items, and 100,000 answers (1,000 per article). Each page is timed in-process
through Flask's test client (no network, so only the app's own work is measured); figures are
medians of many requests; the aim is at most 2x the small database's time.

Usage: .venv/bin/python bench/scale.py [--repeat 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import synthetic  # noqa: E402

AIM = 2.0
ITEMS = 40
BIG_ITEMS = 10_000
ANSWERS_PER_ARTICLE = 1_000


def time_get(client, url: str, repeat: int) -> float:
    """Median milliseconds of GET url (after two warm-up requests); fails on a non-200."""
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url).close()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


class Site:
    """An app on one database, a teacher's client and a student's quiz on chosen articles."""

    def __init__(self, db_path: Path, tmp: Path):
        from werkzeug.security import generate_password_hash

        from quizapp import create_app, storage

        os.environ["QUIZAPP_INSTANCE"] = str(tmp / "inst")
        self.app = create_app(
            {"DATABASE": str(db_path), "SECRET_KEY": "scale", "WTF_CSRF_ENABLED": False}
        )
        db = storage.open_db(db_path)
        teacher = storage.create_user(db, "teacher", generate_password_hash("x"), "teacher")
        self.teacher = self.app.test_client()
        with self.teacher.session_transaction() as session:
            token = storage.get_user(db, teacher)["session_token"]
            session.update(user_id=teacher, auth=token, auth_until=time.time() + 3600)
        db.close()
        self.student = self.app.test_client()

    def question_url(self, slug: str) -> str:
        """Start a 20-question quiz of every kind; the URL of its tenth question."""
        response = self.student.post(
            f"/articles/{slug}/quiz", data={"length": "20", "kinds": list(synthetic.KIND_CYCLE)}
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
        return response.location.rsplit("/", 1)[0] + "/10"

    def pages(self, slug: str) -> dict[str, tuple]:
        """Page name -> (client, URL)."""
        return {
            "home": (self.student, "/"),
            "quiz setup": (self.student, f"/articles/{slug}/quiz"),
            "quiz page": (self.student, self.question_url(slug)),
            "statistics page": (self.teacher, f"/teach/articles/{slug}/stats"),
            "class results": (self.teacher, f"/teach/articles/{slug}/results"),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizapp-scale-") as name:
        tmp = Path(name)
        small_db, large_db = tmp / "small.db", tmp / "large.db"
        started = time.perf_counter()
        (small_slug,) = synthetic.build_database(small_db, 1, ITEMS)
        synthetic.add_answers(small_db, ANSWERS_PER_ARTICLE)
        slugs = synthetic.build_database(large_db, 100, ITEMS, big_items=BIG_ITEMS)
        answers = synthetic.add_answers(large_db, ANSWERS_PER_ARTICLE)
        built = time.perf_counter() - started
        small, large = Site(small_db, tmp), Site(large_db, tmp)
        cases = [
            ("40-item article", small.pages(small_slug), large.pages(slugs[50])),
            ("10,000-item article", small.pages(small_slug), large.pages(slugs[0])),
        ]
        print(
            f"large database: 100 articles (one of {BIG_ITEMS:,} items), {answers:,} answers, "
            f"built in {built:.1f} s; small: 1 article of {ITEMS} items, "
            f"{ANSWERS_PER_ARTICLE:,} answers; medians of {args.repeat} requests, in-process"
        )
        for label, small_pages, large_pages in cases:
            print(f"\n{label} in the large database vs the small database:")
            for page, (client, url) in large_pages.items():
                small_ms = time_get(small_pages[page][0], small_pages[page][1], args.repeat)
                large_ms = time_get(client, url, args.repeat)
                ratio = large_ms / small_ms
                aimed = page in ("quiz page", "statistics page")
                verdict = f"aim <= {AIM:.0f}x: " + ("met" if ratio <= AIM else "MISSED")
                print(
                    f"  {page:<16} small {small_ms:7.2f} ms  large {large_ms:8.2f} ms  "
                    f"ratio {ratio:5.2f}x  {verdict if aimed else '(no aim)'}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
