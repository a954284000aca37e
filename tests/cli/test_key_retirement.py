"""Key rotation end to end (issue 13 point 6): every kind of key holder is re-wrapped, online, and
`weerbaar keys retire KEY_ID` is refused — clear message, exit status, audit entry — while anything needs the key."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import execute_from_command_line
from django.core.management.base import CommandError
from django.utils import timezone

from tests.council.factories import make_council_request
from tests.factories import make_case
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_verify
from weerbaar.core.models import AuditEntry
from weerbaar.core.sealing import SealedRecord, sealed_records
from weerbaar.telephony.models import Call

pytestmark = pytest.mark.usefixtures("reference_data")

NEW_KEY = b"r" * 32


def _call() -> tuple[SealedRecord, Callable[[Any], Any]]:
    now = timezone.now()
    call = Call(call_id=f"call-{Call.objects.count()}", created_at=now, updated_at=now)
    call.give_data_key()
    call.seal("sealed_from", "+31612345678")
    call.save()
    return call, lambda row: row.caller_number()


def _case() -> tuple[SealedRecord, Callable[[Any], Any]]:
    case = make_case(description="Vertrouwelijke beschrijving")[0]
    return case, lambda row: row.open("sealed_request")["description"]


def _council_request() -> tuple[SealedRecord, Callable[[Any], Any]]:
    return make_council_request(), lambda row: row.open("sealed_request")["contactName"]


# One maker per key holder: a new SealedRecord fails the coverage test below until it gets one here.
MAKERS: dict[str, Callable[[], tuple[SealedRecord, Callable[[Any], Any]]]] = {
    "cases.Case": _case,
    "council.CouncilRequest": _council_request,
    "telephony.Call": _call,
}


@pytest.fixture
def old_id():
    return next(iter(django_settings.KEY_ENCRYPTION_KEYS))


@pytest.fixture
def new_key_first(settings, old_id):
    """The operator's step 1-2, called once the records exist: a new key first in the setting, the old one kept."""
    old_key = django_settings.KEY_ENCRYPTION_KEYS[old_id]

    def put_first() -> None:
        settings.KEY_ENCRYPTION_KEYS = OrderedDict([("2027a", NEW_KEY), (old_id, old_key)])

    return put_first


def test_every_key_holder_is_a_sealed_record_that_the_walk_covers():
    """Nothing wraps a data key outside ``SealedRecord``, and every SealedRecord has a maker here."""
    holders = {model._meta.label for model in sealed_records()}
    assert holders == set(MAKERS), f"give every SealedRecord a maker in MAKERS: {sorted(holders ^ set(MAKERS))}"
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if "wrapped_key" in names or "key_id" in names:
            assert issubclass(model, SealedRecord), f"{model._meta.label} holds a key outside SealedRecord"


def test_rotation_rewraps_every_kind_and_then_the_old_key_retires(run, settings, new_key_first, old_id):
    made = {label: [maker() for _ in range(2)] for label, maker in MAKERS.items()}
    plain = {label: [opener(row) for row, opener in rows] for label, rows in made.items()}
    assert all(row.key_id == old_id for rows in made.values() for row, _ in rows)
    new_key_first()

    with pytest.raises(CommandError, match=r"2 case\(s\), 2 council request\(s\), 2 call\(s\) still use") as refused:
        run("keys", "retire", old_id)
    assert refused.value.returncode == 3
    assert "keys rotate" in str(refused.value)

    run("keys", "rotate", "--batch-size", "1")
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("2027a", NEW_KEY)])  # without the old key
    for label, rows in made.items():
        for (row, opener), before in zip(rows, plain[label], strict=True):
            row.refresh_from_db()
            assert row.key_id == "2027a"
            assert opener(row) == before
    new_key_first()

    out = run("keys", "retire", old_id)
    assert f"Nothing needs key-encryption key {old_id!r} any more" in out
    assert "no record (case, council request, call) uses it" in out
    assert "WEERBAAR_BACKUP_DIR is not set" in out
    assert "Remove it from WEERBAAR_KEY_ENCRYPTION_KEYS" in out
    retired = AuditEntry.objects.get(action="keys.retired")
    assert (retired.actor, retired.object_type, retired.object_id) == ("cli", "key_encryption_key", old_id)
    refusal = AuditEntry.objects.get(action="keys.retirement_refused")
    assert refusal.details == {"reason": "records", "records": {"case": 2, "council request": 2, "call": 2}}
    assert audit_verify().ok


def test_the_newest_key_is_never_retired(run, new_key_first):
    make_case()
    new_key_first()
    with pytest.raises(CommandError, match="'2027a' is the newest key-encryption key") as refused:
        run("keys", "retire", "2027a")
    assert refused.value.returncode == 2
    assert AuditEntry.objects.get(action="keys.retirement_refused").details == {"reason": "newest"}
    assert not AuditEntry.objects.filter(action="keys.retired").exists()


def test_a_stale_write_during_an_online_rotation_is_caught_before_retirement(run, new_key_first, old_id):
    """Rotation runs while the site works: a request that loaded a case before the rotation and saves it afterwards
    writes the old wrapped key back. The content stays readable (the data key is the same), retirement notices it,
    and running rotate again finishes the job."""
    case = make_case(description="Tijdens de rotatie")[0]
    new_key_first()
    stale = Case.objects.get(pk=case.pk)  # a web request's copy, loaded before the rotation
    assert "Re-wrapped 1 case key(s)" in run("keys", "rotate")
    stale.save()  # all fields, the old key_id and wrapped_key among them
    case.refresh_from_db()
    assert case.key_id == old_id
    assert case.open("sealed_request")["description"] == "Tijdens de rotatie"

    with pytest.raises(CommandError, match=r"1 case\(s\) still use") as refused:
        run("keys", "retire", old_id)
    assert refused.value.returncode == 3
    assert "Re-wrapped 1 case key(s)" in run("keys", "rotate")
    assert "Nothing needs" in run("keys", "retire", old_id)


def test_a_key_that_is_gone_but_still_used_says_put_it_back(run, settings, old_id):
    make_case()
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("2027a", NEW_KEY), ("spare", b"s" * 32)])
    with pytest.raises(CommandError, match="not configured, so their content cannot be read: put the key back"):
        run("keys", "retire", old_id)


def test_an_unknown_key_that_nothing_uses_is_recorded_as_retired(run, new_key_first):
    new_key_first()
    out = run("keys", "retire", "2019z")
    assert "It is not configured (WEERBAAR_KEY_ENCRYPTION_KEYS holds 2027a, test1)" in out
    assert AuditEntry.objects.get(action="keys.retired").details == {"configured": False}


def test_exit_statuses_through_the_real_command_line(new_key_first, old_id, keep_connection, capsys):
    make_case()
    new_key_first()
    for key_id, status in (("2027a", 2), (old_id, 3)):
        with pytest.raises(SystemExit) as exc:
            execute_from_command_line(["weerbaar", "keys", "retire", key_id])
        assert exc.value.code == status
        assert "Not retired:" in capsys.readouterr().err
    execute_from_command_line(["weerbaar", "keys", "rotate"])
    execute_from_command_line(["weerbaar", "keys", "retire", old_id])
    assert "Nothing needs" in capsys.readouterr().out
