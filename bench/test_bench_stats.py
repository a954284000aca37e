"""`bench/stats.py` with a few thousand help requests runs end to end and prints every table's figures.

Not part of `make test` (outside `tests/`); `make bench-smoke` runs it. Timings are printed, never asserted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from stats import TABLES  # noqa: E402  (bench/stats.py, beside this file)


def test_the_statistics_bench_prints_first_and_cached_calls_for_every_table():
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEERBAAR_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)  # SQLite: the test must not touch a shared PostgreSQL server
    result = subprocess.run(  # our own script, fixed arguments
        [sys.executable, str(ROOT / "bench" / "stats.py"), "--cases", "3000"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for by in TABLES:
        line = next(line for line in result.stdout.splitlines() if f"| by={','.join(by)} |" in line)
        assert re.search(r"\| \d+ ms \| [\d.]+ ms \|$", line), line
        assert "| 3000 |" in line
