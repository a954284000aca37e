"""`weerbaar seed --synthetic N`: realistic cases in bulk, really sealed, deterministic, never in production."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from tests.matrix import once_per_module
from weerbaar.aftercare.models import AftercarePlan
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_verify
from weerbaar.core.models import AuditEntry
from weerbaar.core.synthetic import SyntheticRefused, synthetic_load
from weerbaar.incidents.choices import ONLINE_CHANNELS
from weerbaar.incidents.models import Incident, PoliceReport
from weerbaar.network.models import Referral

N = 600
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


@once_per_module
def synthetic_world():
    """One synthetic load for the module, in three batches (rolled back at its end)."""
    call_command("seed", stdout=io.StringIO())
    return synthetic_load(N, seed=11, now=NOW, force=True, batch=250)


@pytest.fixture
def world(db, synthetic_world):
    return synthetic_world


def test_refused_in_production_settings_unless_forced(run, settings):
    settings.DEBUG = False
    run("seed")
    with pytest.raises(CommandError, match="WEERBAAR_DEBUG=1"):
        run("seed", "--synthetic", "5")
    assert not Case.objects.exists()
    with pytest.raises(SyntheticRefused):
        synthetic_load(5)
    out = run("seed", "--synthetic", "5", "--force")
    assert "5 cases" in out
    assert Case.objects.count() == 5


def test_the_command_adds_cases_with_incidents_in_debug(run, settings):
    settings.DEBUG = True
    out = run("seed", "--synthetic", "40", "--seed", "3")
    assert "Synthetic data added" in out
    assert "40 cases" in out
    assert Case.objects.count() == 40
    assert Incident.objects.filter(case__in=Case.objects.all()).exists()
    assert audit_verify().ok
    entry = AuditEntry.objects.filter(action="seed.synthetic").get()
    assert entry.details["cases"] == 40


def test_counts_match_what_was_made(world):
    assert Case.objects.count() == N == world.made["cases"]
    assert Incident.objects.count() == world.made["incidents"]
    assert PoliceReport.objects.count() == world.made["police reports"]
    assert Referral.objects.count() == world.made["referrals"]
    assert AftercarePlan.objects.count() == world.made["aftercare plans"]
    assert audit_verify().ok  # the newest case's creation is the log's anchor


def test_everything_is_sealed_under_its_case_key(world):
    cases = {case.pk: case for case in Case.objects.all()}
    assert len({bytes(case.wrapped_key) for case in cases.values()}) == N  # a data key of its own each
    for case in cases.values():
        request = case.open("sealed_request")
        assert request["email"].endswith("@example.org")
        assert b"example.org" not in bytes(case.sealed_request)
    for incident in Incident.objects.all():
        facts = incident.open("sealed_facts", under=cases[incident.case_id])
        assert facts["acts"]
        assert facts["channel"]
        assert incident.open("sealed_details", under=cases[incident.case_id])["description"]
    for report in PoliceReport.objects.select_related("incident"):
        assert report.open("sealed_details", under=cases[report.incident.case_id])["kind"] in {
            "complaint",
            "registration",
        }
    for referral in Referral.objects.all():
        assert referral.open("sealed_question", under=cases[referral.case_id]).startswith("(Synthetisch)")
    # The municipality is inside the seal, only the province is plain.
    municipal = [c for c in cases.values() if c.role in ("burgemeester", "wethouder", "raadslid")]
    assert all("municipalityCode" in c.open("sealed_request") and c.province_id for c in municipal)


def test_distributions_follow_the_published_figures(world):
    roles = Counter(Case.objects.values_list("role", flat=True))
    assert set(roles) == {"raadslid", "wethouder", "burgemeester", "statenlid", "gedeputeerde", "other"}
    assert roles["raadslid"] > roles["wethouder"] > roles["statenlid"] > roles["gedeputeerde"]
    cases = {case.pk: case for case in Case.objects.all()}
    channels = [i.open("sealed_facts", under=cases[i.case_id])["channel"] for i in Incident.objects.all()]
    online = sum(1 for c in channels if c in ONLINE_CHANNELS) / len(channels)
    assert 0.50 <= online <= 0.68  # 59% online
    complaints = sum(
        1
        for r in PoliceReport.objects.select_related("incident")
        if r.open("sealed_details", under=cases[r.incident.case_id])["kind"] == "complaint"
    )
    assert 0.03 <= complaints / N <= 0.12  # about 7%
    assert complaints == world.made["complaints"]
    years = Counter(c.created_at.year for c in cases.values())
    assert set(years) <= {2023, 2024, 2025, 2026}
    assert len(years) >= 3
    assert all(c.created_at <= NOW for c in cases.values())
    closed = Case.objects.filter(status="closed")
    assert closed.exists()
    assert all(c.closed_at and c.closed_at >= c.created_at for c in closed)


def test_the_same_seed_gives_the_same_cases(db, run):
    run("seed")

    def load(seed: int) -> list[tuple]:
        with transaction.atomic():
            synthetic_load(30, seed=seed, now=NOW, force=True)
            rows = list(
                Case.objects.order_by("reference").values_list(
                    "reference", "role", "province__code", "status", "outcome", "created_at", "concerns"
                )
            )
            opened = sorted(
                (i.case.reference, i.number, tuple(i.open("sealed_facts")["acts"]))
                for i in Incident.objects.select_related("case")
            )
            transaction.set_rollback(True)
        return [*rows, *opened]

    first = load(5)
    assert first == load(5)
    assert first != load(6)
