"""`weerbaar keys rotate|check` re-wraps and checks council requests' own data keys too."""

from __future__ import annotations

import io
from collections import OrderedDict

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.council.factories import make_council_request
from weerbaar.council.models import CouncilRequest

pytestmark = pytest.mark.django_db
NEW_KEY = b"n" * 32


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_rotation_rewraps_council_keys_so_the_old_kek_can_go(reference_data, settings):
    for _ in range(3):
        make_council_request()
    old_id = next(iter(django_settings.KEY_ENCRYPTION_KEYS))
    settings.KEY_ENCRYPTION_KEYS = OrderedDict(
        [("new2", NEW_KEY), (old_id, django_settings.KEY_ENCRYPTION_KEYS[old_id])]
    )
    out = run("keys", "rotate", "--batch-size", "2")
    assert "Re-wrapped 3 council request key(s) under 'new2'." in out
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new2", NEW_KEY)])
    for request in CouncilRequest.objects.all():
        assert request.key_id == "new2"
        assert request.open("sealed_request")["contactName"] == "Gerda Griffier"
    assert "All 3 council request keys unwrap." in run("keys", "check")
    assert "Re-wrapped 0 council request key(s)" in run("keys", "rotate")


def test_check_names_council_requests_whose_key_is_gone(reference_data, settings):
    request = make_council_request()
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new2", NEW_KEY)])
    with pytest.raises(CommandError, match=f"1 of 1 council request key.*{request.reference}"):
        run("keys", "check")
