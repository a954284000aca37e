"""Case content is bound to its case and field (core/sealing.py), and survives key rotation."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from django.conf import settings
from django.test import override_settings

from tests.factories import make_case
from weerbaar.accounts import policy
from weerbaar.cases import selectors, services
from weerbaar.cases.models import Case, CaseMessage, CaseNote, StatusChange
from weerbaar.core.crypto import DecryptionError


@pytest.fixture
def two_cases(staff):
    first, _ = make_case(state="claimed", advisor=staff.advisor)
    second, _ = make_case(state="claimed", advisor=staff.advisor)
    services.case_note_add(actor=staff.advisor, reference=first.reference, text="notitie van zaak een")
    services.case_note_add(actor=staff.advisor, reference=second.reference, text="notitie van zaak twee")
    services.case_message_send(actor=staff.advisor, reference=first.reference, text="bericht van zaak een")
    return Case.objects.get(pk=first.pk), Case.objects.get(pk=second.pk)


def test_note_moved_to_another_case_cannot_be_opened(two_cases):
    first, second = two_cases
    stolen = bytes(CaseNote.objects.get(case=first).sealed_text)
    CaseNote.objects.filter(case=second).update(sealed_text=stolen)
    with pytest.raises(DecryptionError):
        CaseNote.objects.get(case=second).open("sealed_text")


def test_note_moved_to_another_field_cannot_be_opened(two_cases):
    first, _ = two_cases
    note_blob = bytes(CaseNote.objects.get(case=first).sealed_text)
    CaseMessage.objects.filter(case=first).update(sealed_text=note_blob)
    with pytest.raises(DecryptionError):
        CaseMessage.objects.get(case=first).open("sealed_text")
    StatusChange.objects.filter(case=first).update(sealed_reason=note_blob)
    with pytest.raises(DecryptionError):
        StatusChange.objects.filter(case=first).first().open("sealed_reason")


def test_wrapped_key_moved_to_another_case_cannot_be_unwrapped(two_cases):
    first, second = two_cases
    Case.objects.filter(pk=second.pk).update(wrapped_key=bytes(first.wrapped_key), key_id=first.key_id)
    with pytest.raises(DecryptionError):
        Case.objects.get(pk=second.pk).open("sealed_request")


def test_request_of_one_case_cannot_be_opened_as_another(two_cases):
    first, second = two_cases
    Case.objects.filter(pk=second.pk).update(sealed_request=bytes(first.sealed_request))
    with pytest.raises(DecryptionError):
        Case.objects.get(pk=second.pk).open("sealed_request")


def test_each_case_has_its_own_data_key(two_cases):
    first, second = two_cases
    assert first.data_key() != second.data_key()
    assert bytes(first.wrapped_key) != bytes(second.wrapped_key)


def test_case_content_survives_key_rotation(two_cases, staff):
    first, _ = two_cases
    old_keys = settings.KEY_ENCRYPTION_KEYS
    rotated = OrderedDict([("rotated", b"r" * 32), *old_keys.items()])
    with override_settings(KEY_ENCRYPTION_KEYS=rotated):
        case = Case.objects.get(pk=first.pk)
        assert case.key_id == next(iter(old_keys))
        assert selectors.case_request_read(access=policy.access_case(staff.advisor, case.reference))[
            "name"
        ]  # old key still opens
        assert case.rewrap_key()
        case.save(update_fields=["key_id", "wrapped_key"])
        assert not Case.objects.get(pk=first.pk).rewrap_key()  # already on the newest key
    # Only the new key remains: the rewrapped case opens, with all its notes.
    with override_settings(KEY_ENCRYPTION_KEYS=OrderedDict([("rotated", rotated["rotated"])])):
        case = Case.objects.get(pk=first.pk)
        assert case.key_id == "rotated"
        assert selectors.case_request_read(access=policy.access_case(staff.advisor, case.reference))["name"]
        assert [
            n.text for n in selectors.case_notes_read(access=policy.access_case(staff.advisor, case.reference))
        ] == ["notitie van zaak een"]
        # A case that was not rewrapped can no longer be opened without its old key.
        other = Case.objects.exclude(pk=first.pk).first()
        with pytest.raises(DecryptionError):
            other.open("sealed_request")


def test_crypto_shredding_makes_content_unreadable(two_cases):
    first, _ = two_cases
    Case.objects.filter(pk=first.pk).update(wrapped_key=b"")
    with pytest.raises(DecryptionError):
        Case.objects.get(pk=first.pk).open("sealed_request")
