"""Worlds built once per test module, every test in a savepoint of the world's transaction.

A permission matrix asks the same world (cases, people, tokens) the same question hundreds of times: role x
endpoint x expected status. Building that world for every cell made set-up most of the suite's time, so a
matrix module builds it once (``once_per_module``), inside a transaction that is rolled back when the module
ends. Each test's own transaction (pytest-django's ``db``: Django's TestCase atomics) then nests inside it as a
savepoint: whatever a cell changes is rolled back before the next cell, which sees the world exactly as built.
pytest-django runs non-transactional tests without TestCase's class-level set-up and tear-down, precisely so
that tests can be wrapped in a higher-scoped transaction like this one.

Python-side state does not roll back with the database, so:
- a world keeps what identifies its rows; every test gets freshly loaded model instances (``fresh``) and makes
  its own clients (cookies and credentials never carry over from one cell to the next);
- the cache is cleared around every test (``tests/conftest.py``), and the module's clock is the real one, so a
  world must not depend on "now" being the moment it was built to the second;
- files written under WEERBAAR_DATA_DIR by a cell stay behind (as they did before); a world's own files are
  never removed by a cell.

Tests of such a module that use ``transactional_db`` or ``live_server`` cannot run inside the world's
transaction; keep those in another module.

Every matrix module also lists the requests it makes as ``ROUTES`` ((method, path) pairs), so
``tests/test_route_coverage.py`` fails when a web route or an API operation is in no permission matrix.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model

__all__ = ["LOGIN", "OK", "ask", "assert_outcome", "fresh", "once_per_module"]

# A cell's outcome besides a status code: sent to the staff sign-in page, or done (a redirect elsewhere).
LOGIN, OK = "login", "ok"


def once_per_module(build: Callable[..., Any]):
    """Turn ``build`` into a module-scoped fixture of the same name, run once inside a rolled-back transaction.

    ``build`` may ask for other module- or session-scoped fixtures (another world to extend, for example);
    it must not ask for function-scoped ones. What it returns is handed to every test of the module as is:
    return primary keys, references and codes, or pass model instances through ``fresh`` in a function-scoped
    fixture before a test uses them.
    """
    params = list(inspect.signature(build).parameters)

    def fixture(django_db_setup, django_db_blocker, **kwargs):
        with django_db_blocker.unblock():
            atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            atomic.__enter__()
            # As for Django's TestCase atomics: a durable atomic block inside (a service that insists on its
            # own transaction) nests here, as it would inside a test's transaction.
            connections[DEFAULT_DB_ALIAS].atomic_blocks[-1]._from_testcase = True
            try:
                world = build(**kwargs)
            except BaseException:
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
                atomic.__exit__(None, None, None)
                raise
        try:
            yield world
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
                atomic.__exit__(None, None, None)

    fixture.__name__ = fixture.__qualname__ = build.__name__
    fixture.__doc__ = build.__doc__
    # pytest reads a fixture's arguments from its signature: the database fixtures and those of ``build``.
    fixture.__signature__ = inspect.Signature(
        [
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for name in ["django_db_setup", "django_db_blocker", *params]
        ]
    )
    return pytest.fixture(scope="module", name=build.__name__)(fixture)


def fresh(value):
    """``value`` with every model instance in it loaded again from the database (dicts, lists, tuples walked).

    A world's instances were loaded when it was built; a cell may have changed them in memory, or cached
    related objects on them, that its savepoint rollback took away in the database.
    """
    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    return value


def ask(client, method: str, url: str, data=None):
    """A cell's request: a GET, or a POST of ``data`` (an empty form when there is none)."""
    return client.get(url) if method == "get" else client.post(url, data or {})


def assert_outcome(response, outcome, name: str, role: str, *, ok_to: str | None = None) -> None:
    """``response`` is the cell's ``outcome``.

    LOGIN: a redirect to the staff sign-in page that comes back to the page asked for. OK: a redirect onwards —
    to a location starting with ``ok_to`` when given, else anywhere but the staff sign-in pages. Otherwise the
    status code itself.
    """
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code, response.content.decode()[:2000])
        if ok_to is None:
            assert not response["Location"].startswith("/medewerkers/"), (name, role)
        else:
            assert response["Location"].startswith(ok_to), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
