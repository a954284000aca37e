"""On SQLite the destroyed case's wrapped key and sealed request are gone from the database file and its
write-ahead log too, not only from the tables (``PRAGMA secure_delete`` and a truncating checkpoint)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_sqlite_file_no_longer_holds_the_destroyed_key_or_request(migrated_data_dir):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 - our own probe, with this interpreter
        # It starts from a migrated installation (tests/migrated.py); its own `migrate` then has nothing to do.
        [sys.executable, "-m", "tests.destruction.sqlite_probe", str(migrated_data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["before"] == [True, True]  # the probe sees them while the case exists
    assert found["after"] == [False, False]
    assert found["kept"] == [True, True]  # another case's are still there
