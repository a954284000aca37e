"""The partner network (directory.Partner) and partner accounts."""

from __future__ import annotations

from typing import Any

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import _role


def can_manage_partners(user: Any) -> bool:
    """Add, change and deactivate partners: coordinators and administrators (accounts: see below)."""
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


def can_create_partner_accounts(user: Any) -> bool:
    """Create a partner account: coordinators only. A partner account reads what office holders consented
    to share with that partner, so an administrator (who never reads case content) may not make one;
    every new account is told to all coordinators and sees only referrals sent after it was made."""
    return _role(user) == Role.COORDINATOR


def can_view_partners(user: Any) -> bool:
    """Read the partner network (to choose a partner for a referral): case workers and administrators."""
    return _role(user) in {Role.ADVISOR, Role.COORDINATOR, Role.ADMIN}


def partner_of(user: Any) -> Any:
    """The active partner a partner account acts for, or None (other roles, unlinked or deactivated partner)."""
    if _role(user) != Role.PARTNER or not getattr(user, "partner_id", None):
        return None
    partner = user.partner
    return partner if partner is not None and partner.active else None


def is_partner_user(user: Any) -> bool:
    """A signed-in partner account linked to an active partner (the partner pages)."""
    return partner_of(user) is not None


def can_set_partner_availability(user: Any, partner: Any) -> bool:
    """Coordinators and administrators for every partner; a partner account for its own partner only."""
    if can_manage_partners(user):
        return True
    own = partner_of(user)
    return own is not None and own.pk == partner.pk
