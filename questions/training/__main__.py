"""`python -m questions.training [--reads FOLDER...]`: rebuild the table, cross-validate by
article, refit; with --reads, first rebuild the saved feature rows of those blind reads."""

from __future__ import annotations

import argparse
from pathlib import Path

from questions.training import DEFAULT_POOL, read_table, write_table
from questions.training.fit import fit_accept, fit_and_save
from questions.training.verdicts import (
    feature_rows,
    load_read_rows,
    load_verdicts,
    read_rows,
    save_read_rows,
)


def main() -> None:
    """Parse arguments, rebuild the table unless told not to, fit and save the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pool", type=Path, default=DEFAULT_POOL, help="the article pool")
    parser.add_argument(
        "--reuse-table", action="store_true", help="fit on the saved table, do not re-parse"
    )
    parser.add_argument(
        "--reads",
        type=Path,
        nargs="*",
        default=[],
        help="folders of blind reads outside the repository (items, readers' files and "
        "articles/) whose feature rows replace questions/data/read-rows.csv.gz",
    )
    args = parser.parse_args()
    rows = read_table() if args.reuse_table else write_table(args.pool)
    fit_and_save(rows)
    if args.reads:
        save_read_rows(read_rows(args.reads, args.pool))
    fit_accept(feature_rows(args.pool, load_verdicts()) + load_read_rows())


if __name__ == "__main__":
    main()
