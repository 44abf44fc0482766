"""Golden output of the generator: `quizapp generate --all --json` of the seed and tests/data.

`python -m tests.golden` rewrites tests/golden/*.json from the current generator. A change that
is meant to be pure leaves them byte-identical; a commit that changes them says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import questions

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
SOURCES = {
    "seed": TESTS.parent / "seeds" / "from-the-moon-to-mars.txt",
    **{p.stem: p for p in sorted((TESTS / "data").glob("*.txt"))},
}


def render(name: str) -> str:
    """The JSON text `quizapp generate --all --json` prints for one golden article."""
    path = SOURCES[name]
    text = questions.read_article(path.read_bytes(), filename=path.name)
    article = questions.generate(text, filename=path.name, all_items=True)
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Rewrite every golden file."""
    GOLDEN.mkdir(exist_ok=True)
    for name in SOURCES:
        (GOLDEN / f"{name}.json").write_text(render(name), encoding="utf-8")
        print(f"wrote tests/golden/{name}.json")


if __name__ == "__main__":
    main()
