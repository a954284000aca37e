"""Network: referrals to partners.

A partner sees a referral only when it was made to the partner the account acts for, has been sent
(sent, accepted, declined, completed) and the office holder's consent is not withdrawn; within it only
the minimum and the items consented to one by one, and only while working on it (sent, accepted): once
declined or completed, just its dates and the partner's own answer. Case workers see the referrals of
cases whose content they may read; coordinators see every referral's metadata (partner, status, dates — no
question, no consented item, no answer) in the overview of all referrals, on a case's referrals page and as
each partner's open load, and work on the referrals of cases whose content they may read, like advisors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import OfficeHolder, _role, case_not_found, referral_not_found
from weerbaar.accounts.policy.access import (
    CONTENT,
    CaseAccess,
    Party,
    ReferralAccess,
    _grant_case,
    _grant_referral,
    require_referral,
)
from weerbaar.accounts.policy.cases import (
    access_case,
    access_case_as_office_holder,
    access_case_at_best,
    cases_with_content_for,
)
from weerbaar.accounts.policy.partners import is_partner_user


def referrals_visible_to(user: Any) -> QuerySet[Any]:
    from weerbaar.network.models import Referral
    from weerbaar.network.workflow import PARTNER_VISIBLE

    role = _role(user)
    if role == Role.PARTNER:
        if getattr(user, "partner_id", None) is None:
            return Referral.objects.none()
        return Referral.objects.filter(
            partner_id=user.partner_id,
            partner__active=True,
            # Not the partner's backlog: only what was sent since this account exists.
            sent_at__gte=user.date_joined,
            status__in=[s.value for s in PARTNER_VISIBLE],
            consent__isnull=False,
            consent__withdrawn_at__isnull=True,
        )
    if role == Role.COORDINATOR:
        return Referral.objects.all()
    if role == Role.ADVISOR:
        return Referral.objects.filter(case__in=cases_with_content_for(user))
    return Referral.objects.none()


def can_oversee_referrals(user: Any) -> bool:
    """The overview of every referral and each partner's open load (metadata only): coordinators."""
    return _role(user) == Role.COORDINATOR


def access_case_referrals(user: Any, reference: str) -> CaseAccess:
    """A case's referrals page: content access for a case worker who may read the case (to work on its
    referrals), metadata access for a coordinator who may not (the list of partners, statuses and dates);
    NotFound for anyone else."""
    access = access_case_at_best(user, reference)
    if not access.has_content and not can_oversee_referrals(user):
        raise case_not_found()
    return access


def access_referral_as_partner(user: Any, referral_id: Any, *, for_update: bool = False) -> ReferralAccess:
    """A referral to the user's own partner that the partner may see now, or NotFound for anything else."""
    if not is_partner_user(user) or not isinstance(referral_id, int) or referral_id <= 0:
        raise referral_not_found()
    queryset = referrals_visible_to(user).select_related("case", "partner", "consent", "case__province")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    referral = queryset.filter(pk=referral_id).first()
    if referral is None:
        raise referral_not_found()
    return _grant_referral(user, referral, Party.PARTNER)


def partner_may_read(user: Any, referral: Any, item: str) -> bool:
    """May this partner user read ``item`` (an ``network.items`` key) of ``referral`` right now?"""
    from weerbaar.network import items
    from weerbaar.network.workflow import PARTNER_VISIBLE, PARTNER_WORKING

    if not is_partner_user(user) or referral.partner_id != user.partner_id or referral.status not in PARTNER_VISIBLE:
        return False
    if referral.status not in PARTNER_WORKING:
        # Declined or completed: the partner keeps the referral's dates and its own answer, nothing of the
        # office holder (no need to know any more; the office holder should not have to withdraw consent).
        return False
    consent = getattr(referral, "consent", None)
    if consent is None or consent.withdrawn_at is not None:
        return False
    return item in items.MINIMUM or item in (consent.items or [])


def partner_item_access(access: ReferralAccess, item: str, part: tuple[str, int | None]) -> CaseAccess | None:
    """Content access to one consented part of the referred case (``part``, e.g. ``("incident", 12)``, is the
    case's own name for the network item ``item``), or None when the partner may not read that item now.
    The grant covers that part only: a selector that reads the whole case refuses it."""
    referral = require_referral(access, Party.PARTNER)
    if not partner_may_read(access.actor, referral, item):
        return None
    return _grant_case(access.actor, referral.case, CONTENT, frozenset({part}))


def _referral_of_case(case: Any, referral_id: Any, *, for_update: bool) -> Any:
    referral = None
    if isinstance(referral_id, int) and referral_id > 0:
        queryset = case.referrals.select_related("partner")
        if for_update:
            queryset = queryset.select_for_update(of=("self",))
        referral = queryset.filter(pk=referral_id).first()
    if referral is None:
        raise referral_not_found()
    referral.case = case
    return referral


def access_referral(user: Any, reference: str, referral_id: Any, *, for_update: bool = False) -> ReferralAccess:
    """A referral of a case whose content the case worker may read (to work on it), else NotFound."""
    case = access_case(user, reference, level=CONTENT, for_update=for_update).case
    return _grant_referral(user, _referral_of_case(case, referral_id, for_update=for_update), Party.CASE)


def access_referral_as_office_holder(
    principal: OfficeHolder | None, referral_id: Any, *, for_update: bool = False
) -> ReferralAccess:
    """A referral of the office holder's own case, else NotFound."""
    if principal is None:
        raise referral_not_found()
    case = access_case_as_office_holder(principal, principal.reference).case
    return _grant_referral(principal, _referral_of_case(case, referral_id, for_update=for_update), Party.CASE)


def case_side_access(access: ReferralAccess) -> CaseAccess:
    """The case side of a referral reads its case's content (the consent form's defaults, the request text)."""
    referral = require_referral(access, Party.CASE)
    return _grant_case(access.actor, referral.case, CONTENT)
