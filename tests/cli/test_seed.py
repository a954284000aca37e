"""`weerbaar seed [--demo]`: idempotent reference data; demo data only in debug."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management.base import CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts import demo as staff_demo
from weerbaar.accounts.models import User
from weerbaar.cases.models import Case, StatusChange
from weerbaar.core import demo
from weerbaar.core.audit import audit_verify
from weerbaar.directory.models import Association, DirectoryContact, Municipality, Province
from weerbaar.incidents.services import evidence_verify_all
from weerbaar.intake import demo as case_demo
from weerbaar.intake.services import follow_up_verify


def _counts():
    return (
        Association.objects.count(),
        DirectoryContact.objects.count(),
        Province.objects.count(),
        Municipality.objects.count(),
    )


def test_seed_is_idempotent(run):
    out = run("seed")
    first = _counts()
    assert first[0] == 5
    assert first[2] == 12
    assert "5 associations" in out
    run("seed")
    assert _counts() == first


def test_seed_demo_is_refused_without_debug(run, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="WEERBAAR_DEBUG=1"):
        run("seed", "--demo")
    assert not User.objects.exists()
    assert not Case.objects.exists()


def test_demo_data_refuses_to_load_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(RuntimeError):
        demo.demo_data_load()


def test_seed_demo_loads_about_200_fictional_cases_once(run, settings):
    settings.DEBUG = True
    out = run("seed", "--demo")
    assert "Demo data loaded." in out
    assert staff_demo.DEMO_PASSWORD in out
    assert staff_demo.DEMO_TOTP_SECRET in out

    cases = Case.objects.all()
    assert cases.count() == case_demo.DEMO_CASES
    statuses = set(cases.values_list("status", flat=True))
    assert statuses == {"new", "in_progress", "aftercare", "closed"}
    # A realistic mix (issue 11): cases closed after work went through aftercare, or were closed straight from
    # in progress with an outcome — aftercare is a choice, not the only way out.
    closed_from = Counter(
        StatusChange.objects.filter(to_status="closed").exclude(from_status="new").values_list("from_status", flat=True)
    )
    assert closed_from["in_progress"] >= 10
    assert closed_from["aftercare"] >= 10
    assert cases.filter(urgent=True).exists()
    assert cases.filter(escalated_at__isnull=False).exists()
    assert cases.filter(notes__isnull=False).exists()
    assert cases.filter(messages__isnull=False).exists()
    assert cases.filter(incidents__evidence__isnull=False).exists()
    from weerbaar.incidents.models import PoliceReport

    kinds = {r.open("sealed_details")["kind"] for r in PoliceReport.objects.filter(incident__case__in=cases)}
    assert "complaint" in kinds
    assert evidence_verify_all().ok
    assert len(set(cases.values_list("association__code", flat=True))) == 5
    assert len(set(cases.values_list("channel", flat=True))) == 3

    # Real encryption: content opens with the case key and is fictional.
    case = cases.order_by("pk").first()
    assert case.open("sealed_request")["email"].endswith("@example.org")
    assert audit_verify().ok

    # Staff are marked as demo and have the documented TOTP secret.
    staff = User.objects.filter(username__startswith="demo-")
    assert staff.count() == len(staff_demo.DEMO_STAFF)
    assert all("(demo)" in user.display_name for user in staff)
    advisor = User.objects.get(username="demo-advisor-ngb")
    assert advisor.check_password(staff_demo.DEMO_PASSWORD)
    device = TOTPDevice.objects.get(user=advisor)
    assert device.verify_token(f"{totp(staff_demo.DEMO_TOTP_KEY):06d}")

    # The printed sample follow-up codes work, like a real office holder's.
    samples = [line.split() for line in out.splitlines() if line.startswith("  WB-") and " code " in line]
    assert len(samples) == len(case_demo.SAMPLE_INDEXES)
    reference, _, code = samples[0][:3]
    assert follow_up_verify(reference=reference, code=code, client="127.0.0.1").reference == reference

    again = run("seed", "--demo")
    assert "already present" in again
    assert Case.objects.count() == case_demo.DEMO_CASES
    assert User.objects.filter(username__startswith="demo-").count() == len(staff_demo.DEMO_STAFF)
