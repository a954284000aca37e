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


_reference_rows: dict[str, list[dict]] = {}


@pytest.fixture
def reference_data(db):
    """The associations, their contacts, the provinces and the municipalities, as ``weerbaar seed`` loads them.

    The first test of a worker loads them with the product's own ``reference_data_load`` and keeps the rows it
    made; into an empty directory every later test inserts those same rows in four statements (its pks given by
    the database, in the loader's order) instead of the loader's few hundred. A test whose directory is not empty
    (a world, rows of its own) gets the loader itself.
    """
    from weerbaar.directory.models import Association, DirectoryContact, Municipality, Province
    from weerbaar.directory.services import reference_data_load

    empty = not any(model.objects.exists() for model in (Province, Municipality, Association, DirectoryContact))
    if not (empty and _reference_rows):
        reference_data_load()
        if empty:
            _reference_rows.update(
                provinces=list(Province.objects.order_by("pk").values(*_fields(Province))),
                municipalities=list(
                    Municipality.objects.order_by("pk").values("province__code", *_fields(Municipality))
                ),
                associations=list(Association.objects.order_by("pk").values(*_fields(Association))),
                contacts=list(
                    DirectoryContact.objects.order_by("pk").values("association__code", *_fields(DirectoryContact))
                ),
            )
        return
    made = Province.objects.bulk_create(Province(**row) for row in _reference_rows["provinces"])
    provinces = {province.code: province for province in made}
    Municipality.objects.bulk_create(
        Municipality(province=provinces[row["province__code"]], **_without(row, "province__code"))
        for row in _reference_rows["municipalities"]
    )
    made = Association.objects.bulk_create(Association(**row) for row in _reference_rows["associations"])
    associations = {association.code: association for association in made}
    DirectoryContact.objects.bulk_create(
        DirectoryContact(association=associations[row["association__code"]], **_without(row, "association__code"))
        for row in _reference_rows["contacts"]
    )


def _fields(model) -> list[str]:
    """The concrete fields of ``model`` other than its primary key and foreign keys."""
    return [field.name for field in model._meta.concrete_fields if not field.primary_key and not field.is_relation]


def _without(row: dict, key: str) -> dict:
    return {name: value for name, value in row.items() if name != key}
