"""Web worker memory (RSS) after a teacher adds an article, before and after generation moved
to the queue's workers (issue 16).

before: a web process that generates in the request, as the web path did before the queue:
        read the article, questions.generate(..., all_items=True), store it.
after:  a web process on the current path: POST /teach/articles only puts the article on the
        queue (no worker runs here) and shows the job's page.

Each run is a fresh process that first serves the home and teach pages, then adds the same
article (tests/data/warsaw.txt) one way or the other; medians of RUNS runs of each.

Usage: .venv/bin/python bench/worker_memory.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "data" / "warsaw.txt"
RUNS = 5

CHILD = """
import sys
from pathlib import Path

from werkzeug.security import generate_password_hash

from quizapp import create_app, storage

mode, db_path, article = sys.argv[1:4]


def rss_mb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no /proc/self/status")


app = create_app({"DATABASE": db_path, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
db = storage.open_db(db_path)
user_id = storage.create_user(db, "tess", generate_password_hash("bench-pass"), "teacher")
client = app.test_client()
client.post("/auth/login", data={"username": "tess", "password": "bench-pass"})
for page in ("/", "/teach"):
    assert client.get(page).status_code == 200, page
start = rss_mb("VmRSS")
text = Path(article).read_text()
if mode == "after":
    response = client.post("/teach/articles", data={"text": text})
    assert "/teach/jobs/" in response.location, response.status_code
    assert client.get(response.location).status_code == 200
else:
    import questions

    article = questions.generate(questions.read_article(text), all_items=True)
    storage.save_article(db, article, source="pasted", draft=True)
print(start, rss_mb("VmRSS"), rss_mb("VmHWM"), "spacy" in sys.modules)
"""


def measure(mode: str) -> tuple[float, float, float, bool]:
    """One fresh process: RSS before adding, RSS after, peak RSS (MB), spaCy imported."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [sys.executable, "-c", CHILD, mode, str(Path(folder) / "web.db"), str(ARTICLE)],
            capture_output=True, text=True, check=True, cwd=folder,
            env={"QUIZAPP_INSTANCE": str(Path(folder) / "instance"), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
    start, rss, peak, spacy = result.stdout.split()
    return float(start), float(rss), float(peak), spacy == "True"


def main() -> None:
    runs: dict[str, list] = {"before": [], "after": []}
    for _ in range(RUNS):
        for mode in runs:
            runs[mode].append(measure(mode))
    words = len(ARTICLE.read_text().split())
    print(
        f"a web process serves / and /teach, then a teacher adds {ARTICLE.name} ({words:,} "
        f"words); medians of {RUNS} fresh processes each"
    )
    medians = {}
    for mode, label in (
        ("before", "before: generates in the request"),
        ("after", "after: only enqueues"),
    ):
        start, rss, peak = (statistics.median(run[i] for run in runs[mode]) for i in range(3))
        spacy = all(run[3] for run in runs[mode])
        medians[mode] = (rss, peak)
        print(
            f"{label:36s} RSS before adding {start:6.1f} MB  after {rss:6.1f} MB  "
            f"peak {peak:6.1f} MB  spaCy imported: {'yes' if spacy else 'no'}"
        )
    rss_ratio = medians["before"][0] / medians["after"][0]
    peak_ratio = medians["before"][1] / medians["after"][1]
    print(f"ratio before/after: RSS {rss_ratio:.2f}x, peak {peak_ratio:.2f}x")


if __name__ == "__main__":
    main()
