"""`bench/run.py --quick` runs end to end and prints every figure (timings are not asserted).

Not part of `make test` (it sits outside `tests/`, the suite's test path, and takes minutes of a real server
under load): `make bench-smoke` runs it, and `.ci/run` once, after both halves of the suite.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_bench_prints_the_figures():
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEERBAAR_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)  # SQLite: the test must not touch a shared PostgreSQL server
    result = subprocess.run(  # our own script, fixed arguments
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--requests", "30"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    intake = next(line for line in out.splitlines() if line.startswith("intake POST /api/v1/help-requests"))
    assert intake.split()[4] == "30", intake  # 30 requests answered 201
    assert "req/s" in out
    assert "p95 ms" in out
    assert "GET /api/v1/cases?pageSize=10 (300, coordinator)" in out
    assert "GET /api/v1/cases?pageSize=100 (300, coordinator)" in out
    assert "GET /werkruimte (300, advisor)" in out
    assert "GET /api/v1/cases pageSize=10:" in out
    assert "Resident memory (VmRSS) after the load: max worker" in out
    assert re.search(r"^  before the load +worker pid \d+: RSS [\d.]+, PSS [\d.]+, USS [\d.]+ MB$", out, re.MULTILINE)
    assert re.search(r"^  after the load +worker pid \d+: RSS [\d.]+, PSS [\d.]+, USS [\d.]+ MB$", out, re.MULTILINE)
    assert "Targets" in out
    assert "Police dossier, 5 incidents / 10 images" in out
    assert "  dossier PDF: " in out
    assert "  dossier ZIP: " in out
