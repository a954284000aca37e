"""The concern note of a case: who writes it, reads it and confirms a "hoog"."""

from __future__ import annotations

from typing import Any

from weerbaar.accounts.policy._roles import CASE_WORKER_ROLES, _role
from weerbaar.accounts.policy.access import CONTENT, CaseAccess
from weerbaar.accounts.policy.cases import access_case


def access_concern_case(user: Any, reference: str, *, for_update: bool = False) -> CaseAccess:
    """Content access to the case whose concern note ``user`` reads or writes (versions, timeline, confirming), or
    NotFound (missing or not theirs); analysts and administrators Forbidden. Exactly the case workers who may read
    the case's content: the note is case content, and so is the judgement in it."""
    return access_case(user, reference, level=CONTENT, for_update=for_update)


def can_confirm_concern_note(access: CaseAccess, author_id: int | None) -> bool:
    """A "hoog" is confirmed by a second person: an advisor or coordinator with content access to the case, never
    the note's own author (partners and analysts never reach a note at all)."""
    actor = access.actor
    return (
        access.has_content and _role(actor) in CASE_WORKER_ROLES and getattr(actor, "pk", None) not in (None, author_id)
    )


def concern_confirmers(case: Any, author_id: int | None) -> Any:
    """The people who may confirm a "hoog" on ``case`` (and are told that one waits): the active advisors and
    coordinators with content access to it — its association's and whoever holds it — except the note's author."""
    from django.db.models import Q

    from weerbaar.accounts.models import User

    reach = Q(association_id=case.association_id)
    if case.assigned_to_id:
        reach |= Q(pk=case.assigned_to_id)
    people = User.objects.filter(reach, is_active=True, role__in=CASE_WORKER_ROLES)
    return people.exclude(pk=author_id).order_by("pk") if author_id else people.order_by("pk")
