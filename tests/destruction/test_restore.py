"""Backup → destroy one case (crypto-shredding) → restore: the case is gone again, everything else intact."""

from __future__ import annotations

import pytest

from tests.backups.test_backup_restore import _run, empty_target, keys, snapshot, target, world  # noqa: F401
from tests.destruction.world import keys_that_unwrap_to, scan_tables, sealed_blobs_of
from weerbaar.backups import archive, ledger
from weerbaar.cases.models import Case
from weerbaar.core import references
from weerbaar.core.audit import audit_verify
from weerbaar.core.models import AuditEntry
from weerbaar.destruction import services
from weerbaar.destruction.models import DestroyedCase
from weerbaar.incidents import vault
from weerbaar.incidents.models import Evidence

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restore_shreds_a_destroyed_case_again_and_keeps_the_rest(world, keys, target, monkeypatch):  # noqa: F811
    monkeypatch.setattr(services, "_guards", [])
    assert ledger._destroyer[0] is services.case_destroy_again  # registered by the app
    gone, kept = world["cases"]
    reference = gone.reference
    gone_key, gone_blobs = gone.data_key(), sealed_blobs_of(gone)
    gone_files = list(Evidence.objects.filter(case=gone).values_list("storage_name", flat=True))
    file = target / "backup.age"
    archive.backup_create(file, [keys["recipient"]])
    before = snapshot()

    services.case_destroy(gone, actor="system:retention", reason="Bewaartermijn verstreken")
    assert [entry.reference for entry in ledger.ledger_read()] == [reference]
    empty_target()  # the disk is lost; the ledger lives elsewhere

    output = _run("backup", "restore", str(file), "--identity", str(keys["identity"]))
    assert "Destroyed again from the deletion ledger: 1" in output
    assert not Case.objects.filter(reference=reference).exists()
    assert not any(vault.exists(name) for name in gone_files)
    assert scan_tables(gone_blobs | {gone_key}) == []
    assert keys_that_unwrap_to(gone_key) == []
    tombstone = DestroyedCase.objects.get(reference=reference)
    assert tombstone.destroyed_by == "system:backup.restore"
    assert references.reference_claimed(reference)  # still never issued again
    assert AuditEntry.objects.filter(action="case.destroyed_again", object_id=reference).count() == 1
    assert audit_verify(use_checkpoints=False).ok
    # everything else is as it was in the backup
    after = snapshot()
    for model, column in ((Case, "id"), (Evidence, "case_id")):
        position = [f.attname for f in model._meta.concrete_fields].index(column)
        table = model._meta.db_table
        assert after[table] == [row for row in before[table] if row[position] == kept.pk]
    survivor = Case.objects.get(pk=kept.pk)
    assert survivor.open("sealed_request")["name"]
    assert all(
        vault.exists(name) for name in Evidence.objects.filter(case=survivor).values_list("storage_name", flat=True)
    )
    assert ledger.ledger_replay() == []  # a second replay finds nothing left to destroy
