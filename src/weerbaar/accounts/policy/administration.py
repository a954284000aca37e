"""Coordinator and administration pages, advice texts and notifications: role questions, no case content."""

from __future__ import annotations

from typing import Any

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import CASE_WORKER_ROLES, _role, is_staff_member

# --- one's own account -------------------------------------------------------------------


def can_manage_own_recovery_codes(user: Any) -> bool:
    """Seeing how many of one's own recovery codes are left and making new ones: every member of staff."""
    return is_staff_member(user)


# --- coordinator and administration ----------------------------------------------------


def can_view_escalations(user: Any) -> bool:
    return _role(user) == Role.COORDINATOR


def can_view_job_runs(user: Any) -> bool:
    """The background jobs' runs (counts and status only, no case content): coordinators and administrators."""
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


def can_manage_directory(user: Any) -> bool:
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


# --- advice texts (standard texts advisors insert into messages) ------------------------


def can_use_advice_texts(user: Any) -> bool:
    """Reading the library of standard advice texts (general texts, no case content): advisors and coordinators."""
    return _role(user) in CASE_WORKER_ROLES


def can_manage_advice_texts(user: Any) -> bool:
    """Creating, editing and deactivating standard advice texts: coordinators only."""
    return _role(user) == Role.COORDINATOR


# --- notifications (in the app and by e-mail; never case content) ------------------------------


def can_use_notifications(user: Any) -> bool:
    """Own notifications and e-mail preferences: every signed-in staff role, partners included."""
    return is_staff_member(user)


def can_manage_on_duty(user: Any) -> bool:
    """The on-duty rota (which advisor of an association hears of new requests first, and when): coordinators."""
    return _role(user) == Role.COORDINATOR


def can_be_on_duty(user: Any, association_id: int | None) -> bool:
    """Who can be put on duty for an association: an active advisor of that association."""
    return bool(
        user is not None
        and getattr(user, "is_active", False)
        and _role(user) == Role.ADVISOR
        and association_id is not None
        and getattr(user, "association_id", None) == association_id
    )


def can_view_mail_queue(user: Any) -> bool:
    """The outbox of notification e-mails (recipient, kind, attempts, error class; no content): coordinators."""
    return _role(user) == Role.COORDINATOR
