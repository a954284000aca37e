"""Issue 13 point 3: a case destroyed by crypto-shredding can no longer be read by anyone, even with the
key-encryption key in hand: its data key, every value sealed under it and its vault files are gone; a tombstone
with metadata only, the audit entries and a ledger line remain; the reference answers 404 and is never issued again.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client

from tests.api.conftest import bearer_authorization, staff_client
from tests.backups.test_backup_restore import target  # noqa: F401  (fixture: data dir, vault and ledger of its own)
from tests.destruction.world import full_case, keys_that_unwrap_to, scan_tables, vault_files
from tests.factories import UserFactory, make_case
from tests.staff_web.conftest import office_holder_client, verified_client
from weerbaar.accounts.models import Role
from weerbaar.backups import archive, ledger
from weerbaar.cases.models import Case
from weerbaar.core import crypto, references
from weerbaar.core.audit import audit_verify
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.core.models import AuditEntry
from weerbaar.destruction import selectors, services
from weerbaar.destruction.models import DestroyedCase
from weerbaar.incidents import vault

pytestmark = pytest.mark.django_db(transaction=True)

GONE, KEPT = "Xqzvk", "Jwvpy"  # markers that occur nowhere by chance


@pytest.fixture
def approvers(reference_data):
    return [
        UserFactory(username="coord", role=Role.COORDINATOR),
        UserFactory(username="privacy", role=Role.ADMIN),
    ]


@pytest.fixture
def no_guards(monkeypatch):
    monkeypatch.setattr(services, "_guards", [])


def row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in apps.get_models()}


def _pairs(before: dict[str, int], after: dict[str, int]):
    return ((label, (count, after[label])) for label, count in before.items())


def _plain_needles(marker: str) -> set[bytes]:
    return {marker.encode(), marker.lower().encode(), marker.encode("utf-16-le")}


def test_nothing_of_the_case_can_be_read_afterwards_with_the_kek_in_hand(target, approvers):  # noqa: F811
    gone = full_case(marker=GONE)
    kept = full_case(marker=KEPT, advisor=gone.advisor)
    reference = gone.case.reference
    root = archive.evidence_root()
    # the scans find what is there: every kind of sealed value, the key, the files
    assert len(scan_tables(gone.blobs)) >= 15
    assert keys_that_unwrap_to(gone.data_key) == [f"case:{reference}"]
    assert set(gone.files) <= set(vault_files(root))
    kept_found = scan_tables(kept.blobs)
    assert len(kept_found) >= 15
    office_holder_client(gone.case)  # signed in to "Mijn zaak" in a browser
    office_holder_client(kept.case)
    inventory = selectors.destruction_inventory(gone.case)
    counts = row_counts()

    tombstone = services.case_destroy(
        gone.case, actor="system:retention", reason="Bewaartermijn verstreken", approved_by=approvers
    )

    # the dry run's inventory is exactly what went
    went = {label: before - after for label, (before, after) in _pairs(counts, row_counts()) if before > after}
    assert went == inventory.rows
    assert inventory.files == len(gone.files)
    for label in ("cases.case", "cases.casenote", "cases.casemessage", "cases.statuschange", "incidents.evidence",
                  "incidents.policereport", "network.referral", "network.consent", "aftercare.checkin",
                  "todos.todo", "intake.followupsession", "telephony.call", "sessions.session"):  # fmt: skip
        assert inventory.rows.get(label), label
    # no sealed value, no wrapped key, no plain trace of the content in any table of the database
    assert scan_tables(gone.blobs | {gone.data_key} | _plain_needles(GONE)) == []
    assert keys_that_unwrap_to(gone.data_key) == []
    # the reference itself stays only in the audit log and the tombstone
    assert {table for table, _ in scan_tables({reference.encode()})} == {
        AuditEntry._meta.db_table,
        DestroyedCase._meta.db_table,
    }
    # the vault: the case's files are gone, and no file left opens with its data key
    left = vault_files(root)
    assert not set(gone.files) & set(left)
    for name in left:
        with pytest.raises(crypto.DecryptionError):
            crypto.open_sealed(gone.data_key, (root / name).read_bytes(), aad=f"case:{reference}|evidence:{name}")
    # the caller's instance forgot the plain key
    assert "_sealing_data_key" not in gone.case.__dict__
    assert not gone.case.wrapped_key

    # the other case is whole
    assert scan_tables(kept.blobs) == kept_found
    assert set(kept.files) <= set(left)
    survivor = Case.objects.get(pk=kept.case.pk)
    assert survivor.open("sealed_request")["name"] == f"{KEPT} Naam"
    assert keys_that_unwrap_to(kept.data_key) == [f"case:{kept.case.reference}"]

    # what remains: the tombstone (metadata only), the audit entry, the ledger line
    assert tombstone.reference == reference
    assert (tombstone.role, tombstone.association.code, tombstone.province.code) == ("raadslid", "nvvr", "PV27")
    assert tombstone.year == gone.case.created_at.year
    assert tombstone.closed_on is None
    assert tombstone.destroyed_by == "system:retention"
    assert sorted(u.username for u in tombstone.approved_by.all()) == ["coord", "privacy"]
    entry = AuditEntry.objects.get(action="case.destroyed", object_id=reference)
    assert entry.details["approvedBy"] == ["coord", "privacy"]
    assert [e.reference for e in ledger.ledger_read()] == [reference]
    assert AuditEntry.objects.filter(object_id=reference, action="case.created").exists()  # history kept
    assert audit_verify(use_checkpoints=False).ok


def test_a_guard_refuses_and_nothing_changes(reference_data, target, no_guards):  # noqa: F811
    gone = full_case(marker=GONE)
    held = gone.case.reference

    def legal_hold(case):
        if case.reference == held:
            raise Conflict("Deze zaak staat onder een bewaarplicht (legal hold).")

    services.register_destruction_guard(legal_hold)
    services.register_destruction_guard(legal_hold)  # once is enough
    assert services.destruction_guards() == (legal_hold,)
    before = len(scan_tables(gone.blobs))
    with pytest.raises(Conflict, match="legal hold"):
        services.case_destroy(gone.case, actor="system:retention", reason="Bewaartermijn verstreken")
    assert len(scan_tables(gone.blobs)) == before
    assert Case.objects.get(pk=gone.case.pk).open("sealed_request")["name"] == f"{GONE} Naam"
    assert not DestroyedCase.objects.exists()
    assert ledger.ledger_read() == []
    assert all(vault.exists(name) for name in gone.files)
    assert not AuditEntry.objects.filter(action="case.destroyed").exists()


def test_a_reason_is_required_and_a_case_is_destroyed_once(reference_data, target, no_guards):  # noqa: F811
    case, _ = make_case()
    for reason in ("", "   ", "x" * 501):
        with pytest.raises(InvalidInput) as exc:
            services.case_destroy(case, actor="system:retention", reason=reason)
        assert exc.value.invalid_params[0]["name"] == "reason"
    assert Case.objects.filter(pk=case.pk).exists()
    services.case_destroy(case, actor="system:retention", reason="Bewaartermijn verstreken")
    with pytest.raises(NotFound):
        services.case_destroy(case, actor="system:retention", reason="Bewaartermijn verstreken")
    assert DestroyedCase.objects.count() == 1


def test_a_destroyed_reference_answers_404_everywhere(reference_data, target, no_guards):  # noqa: F811
    advisor = UserFactory(username="adv", role=Role.ADVISOR)
    coordinator = UserFactory(username="coord", role=Role.COORDINATOR)
    case, code = make_case(state="claimed", advisor=advisor)
    reference = case.reference
    bearer = bearer_authorization(reference, code)
    portal = office_holder_client(case)
    api = staff_client(coordinator)
    web = verified_client(advisor)
    assert api.get(f"/api/v1/cases/{reference}").status_code == 200
    assert web.get(f"/werkruimte/zaken/{reference}").status_code == 200

    services.case_destroy(case, actor=advisor, reason="Verzoek tot wissen (art. 17 AVG)")

    assert api.get(f"/api/v1/cases/{reference}").status_code == 404
    assert staff_client(advisor).get(f"/api/v1/cases/{reference}/messages").status_code == 404
    assert web.get(f"/werkruimte/zaken/{reference}").status_code == 404
    assert Client().get(f"/api/v1/help-requests/{reference}", HTTP_AUTHORIZATION=bearer).status_code in (401, 404)
    signed_in = Client().post(
        "/api/v1/follow-up-sessions", {"reference": reference, "followUpCode": code}, content_type="application/json"
    )
    assert signed_in.status_code in (401, 404)
    portal_sessions = [s.get_decoded().get("weerbaar_office_holder") for s in Session.objects.all()]
    assert not [s for s in portal_sessions if s and s.get("case_id") == case.pk]
    assert portal.get("/mijn-zaak").status_code in (200, 302)  # the sign-in page again, nothing of the case
    assert reference not in portal.get("/mijn-zaak", follow=True).content.decode()
    assert DestroyedCase.objects.get(reference=reference).destroyed_by == "adv"


def test_a_destroyed_reference_is_never_issued_again(reference_data, target, no_guards, monkeypatch):  # noqa: F811
    case, _ = make_case()
    destroyed = case.reference
    services.case_destroy(case, actor="system:retention", reason="Bewaartermijn verstreken")
    assert references.reference_claimed(destroyed)
    chars = iter([destroyed[3:7] + destroyed[8:], "ABCD" + "EFGH"])
    monkeypatch.setattr(references, "_random_chars", lambda count: next(chars))
    new, _ = make_case()
    assert new.reference == "WB-ABCD-EFGH"
    assert not references.reference_claimed(new.reference)


def test_an_escalated_red_case_leaves_its_reference_only_in_the_audit_log_and_the_tombstone(
    reference_data,
    target,  # noqa: F811
    no_guards,
):
    from weerbaar.cases.jobs import cases_flag_red
    from weerbaar.cases.services import cases_escalate_overdue
    from weerbaar.core import clock

    UserFactory(username="coord", role=Role.COORDINATOR)
    UserFactory(username="adv", role=Role.ADVISOR)
    case, _ = make_case(state="escalated")
    other, _ = make_case(state="escalated")
    assert cases_escalate_overdue() == 2
    Case.objects.update(red_after=clock.now())
    assert cases_flag_red(now=clock.now()) == 2
    reference = case.reference
    holding = {table for table, _ in scan_tables({reference.encode()})}
    assert len(holding) >= 4  # the case, its history, the coordinators' to-do and notifications, the audit log
    inventory = selectors.destruction_inventory(case)
    assert inventory.rows.get("notifications.notification")

    services.case_destroy(case, actor="system:retention", reason="Bewaartermijn verstreken")

    assert {table for table, _ in scan_tables({reference.encode()})} == {
        AuditEntry._meta.db_table,
        DestroyedCase._meta.db_table,
    }
    assert {table for table, _ in scan_tables({other.reference.encode()})} == holding - {DestroyedCase._meta.db_table}
