"""`weerbaar keys rotate|check`: re-wrapping case keys under a new key-encryption key."""

from __future__ import annotations

import base64
from collections import OrderedDict

import pytest
from django.conf import settings as django_settings
from django.core.management.base import CommandError

from tests.factories import make_case
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_verify
from weerbaar.core.models import AuditEntry

NEW_KEY = b"n" * 32

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def old_cases(db):
    return [make_case(description=f"Vertrouwelijke beschrijving {n}")[0] for n in range(3)]


def test_rotate_rewraps_every_case_under_the_newest_key(run, settings, old_cases):
    old_id = next(iter(django_settings.KEY_ENCRYPTION_KEYS))
    old_key = django_settings.KEY_ENCRYPTION_KEYS[old_id]
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new2", NEW_KEY), (old_id, old_key)])

    out = run("keys", "rotate", "--batch-size", "2")
    assert "Re-wrapped 3 case key(s) under 'new2' in 2 batch(es)" in out
    assert set(Case.objects.values_list("key_id", flat=True)) == {"new2"}
    assert AuditEntry.objects.filter(action="keys.rewrapped").count() == 2
    assert audit_verify().ok

    # The old key can now go: every case still opens with the new key alone.
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new2", NEW_KEY)])
    for case in Case.objects.order_by("pk"):
        assert case.open("sealed_request")["description"].startswith("Vertrouwelijke beschrijving")
    assert "All 3 case keys unwrap." in run("keys", "check")

    # Running again changes nothing.
    assert "Re-wrapped 0 case key(s)" in run("keys", "rotate")


def test_check_names_cases_whose_key_is_gone(run, settings, old_cases):
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new2", NEW_KEY)])
    with pytest.raises(CommandError, match="3 of 3 case key"):
        run("keys", "check")


def test_rotate_refuses_when_an_old_key_is_missing_and_changes_nothing(run, settings, old_cases):
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new2", NEW_KEY)])
    with pytest.raises(CommandError, match="could not be unwrapped"):
        run("keys", "rotate")
    assert "new2" not in set(Case.objects.values_list("key_id", flat=True))


def test_check_reports_key_usage(run, old_cases):
    out = run("keys", "check")
    assert "All 3 case keys unwrap." in out
    assert base64.b64encode(NEW_KEY).decode() not in out
