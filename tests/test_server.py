"""The production server's defaults (chosen by bench/web.py, documented in the CLI help)."""

from __future__ import annotations

import os

from quizapp.cli import cli
from quizapp.server import DEFAULT_THREADS, default_workers


def test_defaults_are_one_thread_and_two_workers_per_core_plus_one():
    assert DEFAULT_THREADS == 1
    assert default_workers() == 2 * (os.cpu_count() or 1) + 1


def test_serve_help_says_the_defaults(runner):
    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "2 x CPU cores + 1" in result.output and "default: 1" in result.output


def test_serve_refuses_zero_workers(runner):
    result = runner.invoke(cli, ["serve", "--production", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output
