"""Repeat-perpetrator matching: who adds identifiers, who reviews matches, who switches matching on."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import _role, is_case_worker
from weerbaar.core.errors import Forbidden


def can_add_perpetrator_identifiers(access: Any) -> bool:
    """A case worker with content access to the whole case (never the office holder, a partner or the system)."""
    return is_case_worker(access.actor) and access.has_content


def can_review_matches(user: Any) -> bool:
    """The match list and its reviews: coordinators only (advisors see only "possibly the same person")."""
    return _role(user) == Role.COORDINATOR


def may_review_matches(user: Any) -> None:
    if not can_review_matches(user):
        raise Forbidden(_("Alleen coördinatoren beoordelen mogelijke koppelingen tussen zaken."))


def can_switch_matching(user: Any) -> bool:
    """Switching matching on or off: administrators (after the DPIA, docs/security.md)."""
    return _role(user) == Role.ADMIN
