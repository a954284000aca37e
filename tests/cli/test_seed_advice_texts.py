"""`weerbaar seed` loads the starting set of standard advice texts once, and never over a coordinator's work."""

from __future__ import annotations

from weerbaar.advice.models import AdviceText, AdviceTextVersion
from weerbaar.advice.seed import SEED_TEXTS


def test_seed_loads_the_advice_texts_once(run):
    out = run("seed")
    assert f"Standard advice texts: {len(SEED_TEXTS)} added" in out
    assert AdviceText.objects.filter(active=True).count() == len(SEED_TEXTS)
    assert AdviceTextVersion.objects.filter(number=1, updated_by=None).count() == len(SEED_TEXTS)
    assert "Standard advice texts: 0 added" in run("seed")
    assert AdviceText.objects.count() == len(SEED_TEXTS)


def test_seed_keeps_what_coordinators_changed_and_deleted(run):
    run("seed")
    AdviceText.objects.filter(title="Uw adres afschermen").update(body="Eigen versie.", active=False)
    AdviceText.objects.filter(title="Eén woordvoerder").delete()
    run("seed")
    changed = AdviceText.objects.get(title="Uw adres afschermen")
    assert (changed.body, changed.active) == ("Eigen versie.", False)
    assert not AdviceText.objects.filter(title="Eén woordvoerder").exists()
