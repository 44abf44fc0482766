"""Blind-read verdicts as labels: which items strict readers found acceptable.

A blind read (../shared/ITEM-QUALITY.md) gives, per article and reader, a table of items with
the five points and "acceptable". `read_verdicts` parses those tables and the item lists the
readers saw; `verdicts.csv` in questions/data keeps the parsed verdicts (article, reader, kind,
prompt, answer, acceptable, answerable, worth), so the acceptability model can be refitted
without the read files.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
LABELS_PATH = DATA / "verdicts.csv"
READ_ROWS_PATH = DATA / "read-rows.csv.gz"
# Openly licensed articles read blind outside the pool, kept so their verdicts can be refitted
# (README.md there names each source and licence); the pool's articles stay in ../shared.
READ_ARTICLES = Path(__file__).resolve().parent / "articles"
ITEM_LINE = re.compile(r"^#(\d+) \[(\w+)\] (.*)$")
ROW = re.compile(r"^\|\s*B?(\d+)\s*\|")
YES = {"y", "yes", "✓", "true"}


def read_items(path: Path) -> dict[str, list[dict[str, str]]]:
    """The items a reader saw, by part ('A': random, 'B': first twenty)."""
    parts: dict[str, list[dict[str, str]]] = {"A": [], "B": []}
    part = "A"
    current: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("== PART B"):
            part = "B"
        match = ITEM_LINE.match(line)
        if match:
            current = {"kind": match.group(2), "prompt": match.group(3)}
            parts[part].append(current)
        elif current is not None and line.strip().startswith("answer: "):
            current["answer"] = json.dumps(json.loads(line.strip()[8:]), ensure_ascii=False)
    return parts


def read_table(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    """(part, number, cells) of each verdict row of a reader's file."""
    part = "A"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Part B"):
            part = "B"
        elif line.startswith("## ") and "Part A" not in line and "Part B" not in line:
            part = ""
        match = ROW.match(line)
        if part and match:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            yield part, int(match.group(1)), cells


def read_verdicts(folder: Path) -> list[dict[str, str]]:
    """Every verdict in a folder of reads (<article>.items.txt, reader<X>-<article>.md)."""
    rows = []
    for items_path in sorted(folder.glob("*.items.txt")):
        article = items_path.name.removesuffix(".items.txt")
        items = read_items(items_path)
        for reader_path in sorted(folder.glob(f"reader*-{article}.md")):
            reader = reader_path.name.split("-", 1)[0]
            for part, number, cells in read_table(reader_path):
                if len(cells) < 8 or number > len(items[part]):
                    continue
                item = items[part][number - 1]
                points = [c.lower() in YES for c in cells[2:7]]
                rows.append(
                    {
                        "article": article,
                        "reader": reader,
                        "part": part,
                        "kind": item["kind"],
                        "prompt": item["prompt"],
                        "answer": item.get("answer", ""),
                        "acceptable": str(int(cells[7].lower() in YES)),
                        "answerable": str(int(points[1])),
                        "worth": str(int(points[4])),
                    }
                )
    return rows


def save_verdicts(rows: list[dict[str, str]], path: Path = LABELS_PATH) -> None:
    """Write the verdicts to questions/data/verdicts.csv (replacing what it held)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def load_verdicts(path: Path = LABELS_PATH) -> list[dict[str, str]]:
    """The saved verdicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def feature_rows(
    pool: Path,
    verdicts: list[dict[str, str]],
    elsewhere: Path = READ_ARTICLES,
    held_out: bool = True,
) -> list[dict[str, object]]:
    """The verdicts joined to the features of the candidates they judged, an article found in
    the pool or else in `elsewhere`; `held_out` marks the rows of articles outside the pool
    (by default training/articles, which the fit leaves for testing)."""
    from questions.clean import clean_article
    from questions.kinds import KIND_MAKERS
    from questions.pipeline import analyse, make_candidates
    from questions.source import read_article
    from questions.title import choose_title
    from questions.worth import ACCEPT_FEATURES, MODEL_PATH, Scorer, load_model

    asked = load_model(MODEL_PATH)
    rows: list[dict[str, object]] = []
    for article in sorted({v["article"] for v in verdicts}):
        path = pool / f"{article}.txt"
        outside = not path.exists()
        if outside:
            path = elsewhere / f"{article}.txt"
        head, paragraphs = clean_article(read_article(path.read_bytes(), filename=path.name))
        analysis, context = analyse(choose_title(None, head, paragraphs, path.name), paragraphs)
        scorer = Scorer(context, asked, asked)
        index = {}
        for candidate in make_candidates(analysis, list(KIND_MAKERS)):
            index.setdefault((candidate.item.kind, candidate.item.prompt), candidate)
        missing = 0
        for verdict in (v for v in verdicts if v["article"] == article):
            candidate = index.get((verdict["kind"], verdict["prompt"]))
            if candidate is None:
                missing += 1
                continue
            features = scorer.features(candidate)
            rows.append(
                {
                    "article": article,
                    "acceptable": int(verdict["acceptable"]),
                    "held_out": outside and held_out,
                    **{name: round(features.get(name, 0.0), 5) for name in ACCEPT_FEATURES},
                }
            )
        print(f"{article}: {len(rows)} rows so far, {missing} verdicts without a candidate")
    return rows


def read_rows(folders: list[Path], pool: Path) -> list[dict[str, object]]:
    """Feature rows of blind reads kept outside the repository: each folder holds the items
    files, the readers' files and articles/ with the texts (questions/data/READS.md says
    where each came from). The rows are fitted on, not held out."""
    rows: list[dict[str, object]] = []
    for folder in folders:
        found = feature_rows(pool, read_verdicts(folder), folder / "articles", held_out=False)
        rows.extend({"read": folder.name, **row} for row in found)
    return rows


def save_read_rows(rows: list[dict[str, object]], path: Path = READ_ROWS_PATH) -> None:
    """Write the reads' feature rows (numbers only: the articles are other people's text and
    stay out of the repository) to questions/data/read-rows.csv.gz."""
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def load_read_rows(path: Path = READ_ROWS_PATH) -> list[dict[str, object]]:
    """The saved feature rows of the reads outside the repository (empty before any)."""
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return [{**row, "held_out": False} for row in csv.DictReader(handle)]
