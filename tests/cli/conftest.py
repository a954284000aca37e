from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def run(db):
    """Run a management command in-process and return its standard output."""

    def _run(*args: str, stdin: str | None = None) -> str:
        out = io.StringIO()
        extra = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
        call_command(*args, stdout=out, stderr=io.StringIO(), **extra)
        return out.getvalue()

    return _run


@pytest.fixture
def keep_connection(monkeypatch):
    """``run_from_argv`` closes every connection when it ends; on PostgreSQL that would end the test's transaction."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)
