"""Shared test set-up: keys, fast hashing, plain static storage, reference data and factories."""

from __future__ import annotations

import pytest

from tests.factories import *  # noqa: F403


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data(db):
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
