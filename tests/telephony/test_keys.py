"""`weerbaar keys rotate|check` re-wraps and checks each call's own data key (the sealed caller number)."""

from __future__ import annotations

import io
from collections import OrderedDict

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.telephony.conftest import event_body, post_event
from weerbaar.telephony.models import Call

NEW_KEY = b"t" * 32


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_rotation_rewraps_call_keys_so_the_old_kek_can_go(provider, anna, settings):
    for n in range(3):
        assert post_event(provider, event_body(call_id=f"call-{n}", number=f"+3161234567{n}")).status_code == 202
    old_id = next(iter(django_settings.KEY_ENCRYPTION_KEYS))
    settings.KEY_ENCRYPTION_KEYS = OrderedDict(
        [("new3", NEW_KEY), (old_id, django_settings.KEY_ENCRYPTION_KEYS[old_id])]
    )
    assert "Re-wrapped 3 call key(s) under 'new3'." in run("keys", "rotate", "--batch-size", "2")
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new3", NEW_KEY)])
    numbers = {call.call_id: call.caller_number() for call in Call.objects.all()}
    assert numbers == {f"call-{n}": f"+3161234567{n}" for n in range(3)}
    assert {call.key_id for call in Call.objects.all()} == {"new3"}
    assert "All 3 call keys unwrap." in run("keys", "check")


def test_check_names_the_call_whose_key_is_gone(provider, anna, settings):
    assert post_event(provider, event_body(call_id="call-lost")).status_code == 202
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new3", NEW_KEY)])
    with pytest.raises(CommandError, match=r"1 of 1 call key.*call-lost"):
        run("keys", "check")
