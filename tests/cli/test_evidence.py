"""`weerbaar evidence verify`: every stored original still matches its SHA-256, or the command says which not."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from tests.factories import UserFactory, image_bytes, make_case, minimal_pdf
from weerbaar.incidents import services, vault
from weerbaar.incidents.models import Evidence


@pytest.fixture
def vault_with_files(reference_data):
    advisor = UserFactory(username="adv", role="advisor")
    case, _ = make_case(state="claimed", advisor=advisor)
    for name, data in (("a.pdf", minimal_pdf()), ("b.png", image_bytes()), ("c.txt", b"screenshot notes\n")):
        services.evidence_add(actor=advisor, reference=case.reference, upload=services.Upload(name, data, len(data)))
    return case


def _flip_last_byte(name: str) -> None:
    path = vault.evidence_storage().path(name)
    with open(path, "rb") as handle:
        blob = bytearray(handle.read())
    blob[-1] ^= 0x01
    with open(path, "wb") as handle:
        handle.write(bytes(blob))


def test_intact_vault_reports_the_count_and_stamps_the_check(run, vault_with_files):
    assert run("evidence", "verify").strip() == "Evidence intact: 3 files match their SHA-256"
    assert not Evidence.objects.filter(last_verified_at__isnull=True).exists()


def test_changed_file_is_named_by_case_and_exhibit_only(run, vault_with_files):
    _flip_last_byte(Evidence.objects.get(number=2).storage_name)
    with pytest.raises(CommandError, match=r"1 of 3 files do not match"):
        run("evidence", "verify")
    assert Evidence.objects.get(number=2).last_verified_at is None
    assert Evidence.objects.get(number=1).last_verified_at is not None


def test_missing_file_fails_the_check(run, vault_with_files):
    vault.delete(Evidence.objects.get(number=3).storage_name)
    with pytest.raises(CommandError, match=r"1 of 3"):
        run("evidence", "verify")


def test_swapped_files_fail_even_when_both_decrypt(run, vault_with_files):
    # A ciphertext moved to another file's name: the associated data binds it to its own name.
    first, second = Evidence.objects.order_by("number")[:2]
    storage = vault.evidence_storage()
    with open(storage.path(first.storage_name), "rb") as a, open(storage.path(second.storage_name), "rb") as b:
        blob_a, blob_b = a.read(), b.read()
    with open(storage.path(first.storage_name), "wb") as a, open(storage.path(second.storage_name), "wb") as b:
        a.write(blob_b)
        b.write(blob_a)
    with pytest.raises(CommandError, match=r"2 of 3"):
        run("evidence", "verify")
