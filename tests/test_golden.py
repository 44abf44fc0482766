"""The generator's output is byte-identical to tests/golden/ (rewrite: python -m tests.golden)."""

from __future__ import annotations

import pytest

from tests.golden import GOLDEN, SOURCES, render


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_output_matches_golden_file(name):
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert render(name) == expected, f"output of {name} changed: python -m tests.golden"
