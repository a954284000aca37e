"""A data directory migrated by a real ``weerbaar migrate`` process, made once per test run and copied per test.

Tests that run ``weerbaar`` as a child process on their own SQLite file (the worker, ``staff add`` from the README,
the RQ worker, the SQLite destruction probe) need a migrated installation to start from. Migrating an empty SQLite
file costs about 19 s of CPU; five such tests did it each. Now one real ``migrate`` process makes a template data
directory (database, development keys, audit key) once per test run — shared by the pytest-xdist workers through
a file lock — and each test gets a copy of it in its own ``tmp_path``: the same files that ``migrate`` would have
left there. The ``migrate`` command itself is still run, as a process, on every run.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEERBAAR = [sys.executable, "-c", "from weerbaar.cli import main; main()"]

__all__ = ["ROOT", "WEERBAAR", "migrated_data_dir"]


def _env(data_dir: Path) -> dict[str, str]:
    """A development installation in ``data_dir`` on its own SQLite file (never the shared test database)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEERBAAR_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)
    env.update(WEERBAAR_DEBUG="1", WEERBAAR_DATA_DIR=str(data_dir))
    return env


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # one per run, seen by every worker
    template, done = shared / "migrated-data-dir", shared / "migrated-data-dir.done"
    with open(shared / "migrated-data-dir.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker migrates; the others wait for it and copy
        if not done.exists():
            shutil.rmtree(template, ignore_errors=True)
            result = subprocess.run(  # noqa: S603 - our own command
                [*WEERBAAR, "migrate", "--no-input", "-v0"],
                cwd=ROOT,
                env=_env(template),
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
            assert result.returncode == 0, result.stderr[-3000:]
            done.touch()
    return template


@pytest.fixture
def migrated_data_dir(_migrated_template, tmp_path) -> Path:
    """``tmp_path`` as the data directory of a freshly migrated development installation (SQLite)."""
    shutil.copytree(_migrated_template, tmp_path, dirs_exist_ok=True)
    return tmp_path
