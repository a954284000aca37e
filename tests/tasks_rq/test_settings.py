"""WEERBAAR_TASKS_BACKEND: db by default, rq with a Redis URL, and a clear refusal of anything else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'weerbaar.settings'; django.setup();"
    "from django.conf import settings; from django_tasks import task_backends; b = task_backends['default'];"
    "print(type(b).__name__, settings.TASKS_QUEUE, 'django_rq' in settings.INSTALLED_APPS,"
    " sorted(getattr(settings, 'RQ_QUEUES', {})))"
)


def _run(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEERBAAR_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(WEERBAAR_DEBUG="1", WEERBAAR_DATA_DIR=str(tmp_path), **extra)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", PRINT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_database_backend_is_the_default(tmp_path):
    result = _run(tmp_path)
    assert result.stdout.split() == ["DatabaseBackend", "default", "False", "[]"], result.stderr


def test_rq_with_a_redis_url_uses_django_tasks_rq(tmp_path):
    result = _run(
        tmp_path,
        WEERBAAR_TASKS_BACKEND="rq",
        WEERBAAR_REDIS_URL="redis://127.0.0.1:6379/15",
        WEERBAAR_TASKS_QUEUE="weerbaar",
    )
    assert result.stdout.strip() == "RQBackend weerbaar True ['default', 'weerbaar']", result.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"WEERBAAR_TASKS_BACKEND": "rq"}, "WEERBAAR_REDIS_URL is required"),
        ({"WEERBAAR_TASKS_BACKEND": "celery"}, "must be 'db' or 'rq'"),
    ],
)
def test_a_wrong_configuration_refuses_to_start(tmp_path, extra, message):
    result = _run(tmp_path, **extra)
    assert result.returncode != 0
    assert message in result.stderr
