"""`python -m questions.training`: rebuild the table, cross-validate by article, refit."""

from __future__ import annotations

import argparse
from pathlib import Path

from questions.training import DEFAULT_POOL, read_table, write_table
from questions.training.fit import fit_accept, fit_and_save
from questions.training.verdicts import feature_rows, load_verdicts


def main() -> None:
    """Parse arguments, rebuild the table unless told not to, fit and save the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pool", type=Path, default=DEFAULT_POOL, help="the article pool")
    parser.add_argument(
        "--reuse-table", action="store_true", help="fit on the saved table, do not re-parse"
    )
    args = parser.parse_args()
    rows = read_table() if args.reuse_table else write_table(args.pool)
    fit_and_save(rows)
    fit_accept(feature_rows(args.pool, load_verdicts()))


if __name__ == "__main__":
    main()
