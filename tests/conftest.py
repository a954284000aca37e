"""Shared test set-up: keys, fast hashing, plain static storage, reference data and factories."""

from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import settings

from tests.database_template import django_db_setup  # noqa: F401  (fixture: migrate once per run, not per worker)
from tests.factories import *  # noqa: F403
from tests.migrated import _migrated_template, migrated_data_dir  # noqa: F401  (fixtures)

# Property tests: no time limit per example (speed is measured in bench/, never asserted here). Under CI the
# examples are derived from the test itself (derandomize), so a run is reproducible and the gate does not flip
# on a lucky draw; local runs keep drawing new examples and find new cases (add those as @example).
settings.register_profile("local", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")


@pytest.fixture(autouse=True, scope="session")
def _api_responses_match_the_openapi_document():
    """Every /api/v1 response that a test receives through Django's (or DRF's) test client matches the document."""
    from django.test.client import Client

    from tests.openapi_contract import validating

    unchecked = Client.request
    Client.request = validating(unchecked)
    yield
    Client.request = unchecked


@pytest.fixture(scope="session")
def _audit_checkpoint_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("audit-checkpoints")


_checkpoint_files = itertools.count(1)


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(_audit_checkpoint_dir, settings):
    """Each test its own checkpoint file: a checkpoint of one test's (rolled back) chain must not meet another's.

    A new name in one directory per worker, not a ``tmp_path`` per test: pytest numbers each new ``tmp_path`` by
    listing every one made before it, which made this fixture cost more the longer a worker ran.
    """
    settings.AUDIT_CHECKPOINT_FILE = _audit_checkpoint_dir / f"{next(_checkpoint_files)}" / "audit-checkpoints.jsonl"


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A test that switched this thread to English (a request, ``translation.activate``) leaves Dutch behind, so the
    next test sees the default whatever ran before it — the order differs between runs on several workers."""
    yield
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def reference_data(db):
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
