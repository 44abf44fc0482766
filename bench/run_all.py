"""Run every benchmark in bench/ and write bench/RESULTS.md (machine, date, versions, output).

Usage: .venv/bin/python bench/run_all.py   (or `make bench`)
"""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = [
    "generate.py",
    "quality.py",
    "export.py",
    "web.py",
    "slow_clients.py",
    "scale.py",
    "worker_memory.py",
    "load_while_generating.py",
]
PACKAGES = ["flask", "spacy", "genanki", "sqlite-utils", "gunicorn", "fsrs", "anki", "huey"]


def machine() -> str:
    """One line describing this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def versions() -> str:
    """Installed versions of the packages the figures depend on."""
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def main() -> int:
    """Run the scripts one after another and collect their output."""
    sections, failed = [], 0
    for name in SCRIPTS:
        script = BENCH / name
        if not script.exists():
            continue
        print(f"== {name}", flush=True)
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, cwd=BENCH.parent
        )
        print(result.stdout, end="")
        if result.returncode != 0:
            failed += 1
            print(result.stderr, file=sys.stderr)
        sections.append(f"## {name}\n\n```\n{result.stdout.strip()}\n```\n")
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        "# Benchmark results\n\n"
        f"Written by `make bench` on {now}.\n\n"
        f"- Machine: {machine()}\n- Versions: {versions()}\n\n"
        "Every figure is a median of several runs; each ratio compares against a baseline "
        "measured in the same run on the same machine. What the profiles found where an aim "
        "is missed: [NOTES.md](NOTES.md).\n\n"
    )
    (BENCH / "RESULTS.md").write_text(header + "\n".join(sections))
    print(f"wrote {BENCH / 'RESULTS.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
