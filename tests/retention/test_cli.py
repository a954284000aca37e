"""``weerbaar retention plan`` and ``apply`` through the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from weerbaar.retention import services

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_plan_prints_what_is_due_and_why_and_changes_nothing(old_and_recent, deciders):
    old, recent = old_and_recent
    services.legal_hold_place(actor=deciders["coordinator"], raw={"reference": old.reference, "reason": "OM"})
    output = _run("plan")
    assert old.reference in output
    assert recent.reference not in output
    assert "advised" in output
    assert "legal hold" in output
    assert "1 case(s) due by" in output
    assert "1 under legal hold (kept)." in output
    later = _run("plan", "--date", "2099-01-01")
    assert recent.reference in later
    assert "2 case(s) due by 2099-01-01" in later


def test_plan_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("plan", "--date", "gisteren")


def test_apply_dry_run_names_each_case_of_the_approved_lists(old_and_recent, deciders):
    old, _ = old_and_recent
    (proposed,) = services.destruction_lists_propose()
    assert "0 approved list(s)" in _run("apply", "--dry-run")
    services.destruction_list_approve(actor=deciders["coordinator"], list_id=proposed.pk)
    services.destruction_list_approve(actor=deciders["privacy"], list_id=proposed.pk)
    output = _run("apply", "--dry-run")
    assert f"list {proposed.pk}  {old.reference}  would destroy" in output
    assert "1 approved list(s): 1 case(s) would be destroyed, 0 skipped." in output
    proposed.refresh_from_db()
    assert proposed.status == "approved"


def test_staff_add_makes_a_privacy_officer_only_of_an_administrator(reference_data):
    from django.core.management.base import CommandError

    from weerbaar.accounts.models import User
    from weerbaar.accounts.policy import is_privacy_officer

    out = StringIO()
    call_command("staff", "add", "fien", "--role", "admin", "--privacy-officer", "--generate-password", stdout=out)
    fien = User.objects.get(username="fien")
    assert fien.is_privacy_officer
    assert is_privacy_officer(fien)
    with pytest.raises(CommandError, match="--privacy-officer is only for accounts with --role admin"):
        call_command("staff", "add", "kees", "--role", "coordinator", "--association", "nvvr", "--privacy-officer")
    assert not User.objects.filter(username="kees").exists()
