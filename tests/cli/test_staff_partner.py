"""`weerbaar staff add --role partner --partner <id>`: a partner account linked to its network partner."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from tests.directory_partners.factories import PartnerFactory
from weerbaar.accounts.models import User
from weerbaar.core.models import AuditEntry

GOOD_PASSWORD = "lange zin met cijfers 2026 en meer"

pytestmark = pytest.mark.usefixtures("reference_data")


def test_partner_account_is_linked_to_the_partner(run):
    partner = PartnerFactory(name="Stichting Steun", nationwide=True)
    out = run(
        "staff",
        "add",
        "steun",
        "--role",
        "partner",
        "--partner",
        str(partner.pk),
        "--password-stdin",
        stdin=GOOD_PASSWORD + "\n",
    )
    user = User.objects.get(username="steun")
    assert user.partner == partner
    assert f"for partner {partner.pk} (Stichting Steun)" in out
    assert AuditEntry.objects.get(action="staff.created", object_id="steun").details["partner"] == partner.pk


def test_partner_without_partner_link_is_created_with_a_hint(run):
    out = run("staff", "add", "los", "--role", "partner", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert User.objects.get(username="los").partner is None
    assert "--partner" in out


def test_partner_option_for_another_role_is_refused(run):
    partner = PartnerFactory(nationwide=True)
    with pytest.raises(CommandError, match="only for accounts with --role partner"):
        run("staff", "add", "kim", "--role", "coordinator", "--partner", str(partner.pk), "--generate-password")
    assert not User.objects.filter(username="kim").exists()


def test_unknown_or_deactivated_partner_is_refused(run):
    with pytest.raises(CommandError, match="No network partner with id 424242"):
        run("staff", "add", "kim", "--role", "partner", "--partner", "424242", "--generate-password")
    inactive = PartnerFactory(nationwide=True, active=False)
    with pytest.raises(CommandError, match="deactivated"):
        run("staff", "add", "kim", "--role", "partner", "--partner", str(inactive.pk), "--generate-password")
    assert not User.objects.filter(username="kim").exists()
