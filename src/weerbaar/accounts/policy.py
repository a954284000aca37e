"""The permission policy: the one place that decides who may see or do what.

Every view, API endpoint, download and export asks these functions; list and
detail views share one predicate (``cases_visible_to`` / ``access_case``) so a
case can never be missing from a list yet readable by reference, or the other
way round. Missing and forbidden give the same ``NotFound``: a user without
access never learns that a case exists. Analysts and administrators get
``Forbidden`` on every case endpoint: they never see cases at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from weerbaar.accounts.models import Role
from weerbaar.core.errors import Forbidden, NotFound
from weerbaar.core.references import REFERENCE_RE

if TYPE_CHECKING:
    from weerbaar.accounts.models import User
    from weerbaar.cases.models import Case, Task

CASE_WORKER_ROLES = frozenset({Role.ADVISOR, Role.COORDINATOR})
NO_CASE_ROLES = frozenset({Role.ANALYST, Role.ADMIN})


@dataclass(frozen=True)
class OfficeHolder:
    """The office holder of one case, signed in with reference + follow-up code."""

    case_id: int
    reference: str

    @property
    def username(self) -> str:  # used as the audit actor label
        return f"officeholder:{self.reference}"


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return str(user.role)


def is_staff_member(user: Any) -> bool:
    return _role(user) is not None


def is_case_worker(user: Any) -> bool:
    return _role(user) in CASE_WORKER_ROLES


def is_coordinator(user: Any) -> bool:
    return _role(user) == Role.COORDINATOR


def may_use_case_endpoints(user: Any) -> None:
    """Raise for staff roles that never see cases (analyst, admin)."""
    if _role(user) in NO_CASE_ROLES:
        raise Forbidden(_("Deze rol heeft geen toegang tot zaken."))


# --- cases: querysets --------------------------------------------------------------


def _content_predicate(user: User) -> Q:
    q = Q(assigned_to=user)
    if user.association_id:
        q |= Q(association_id=user.association_id)
    return q


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Cases whose metadata ``user`` may see: advisors their association's and their own, coordinators all."""
    from weerbaar.cases.models import Case

    role = _role(user)
    if role == Role.COORDINATOR:
        return Case.objects.all()
    if role == Role.ADVISOR:
        return Case.objects.filter(_content_predicate(user))
    return Case.objects.none()


def cases_with_content_for(user: Any) -> QuerySet[Case]:
    """Cases whose content (request, notes, messages) ``user`` may read and work on."""
    from weerbaar.cases.models import Case

    if _role(user) in CASE_WORKER_ROLES:
        return Case.objects.filter(_content_predicate(user))
    return Case.objects.none()


# --- cases: single objects -----------------------------------------------------------


def can_read_case_content(user: Any, case: Case) -> bool:
    if _role(user) not in CASE_WORKER_ROLES:
        return False
    return case.assigned_to_id == user.pk or (
        user.association_id is not None and case.association_id == user.association_id
    )


def can_see_case(user: Any, case: Case) -> bool:
    return _role(user) == Role.COORDINATOR or can_read_case_content(user, case)


def access_case(user: Any, reference: str, *, content: bool = True, for_update: bool = False) -> Case:
    """Load a case for a staff user, or raise NotFound whether it is missing or not theirs."""
    may_use_case_endpoints(user)
    if not isinstance(reference, str) or not REFERENCE_RE.fullmatch(reference):
        # Malformed (e.g. a NUL byte from a URL, which PostgreSQL refuses with an error): simply not found.
        raise NotFound(_("Deze zaak bestaat niet of u heeft er geen toegang toe."))
    queryset = cases_with_content_for(user) if content else cases_visible_to(user)
    queryset = queryset.select_related("association", "municipality", "province", "assigned_to")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    case = queryset.filter(reference=reference).first()
    if case is None:
        raise NotFound(_("Deze zaak bestaat niet of u heeft er geen toegang toe."))
    return case


def access_case_as_office_holder(principal: OfficeHolder | None, reference: str) -> Case:
    from weerbaar.cases.models import Case

    if principal is None or principal.reference != reference:
        raise NotFound(_("Deze zaak bestaat niet of u heeft er geen toegang toe."))
    case = Case.objects.select_related("association").filter(pk=principal.case_id, reference=reference).first()
    if case is None:
        raise NotFound(_("Deze zaak bestaat niet of u heeft er geen toegang toe."))
    return case


def access_case_for(actor: Any, reference: str) -> Case:
    """Load a case with its content for whoever acts: the office holder of that case, or a case worker.

    Incidents, evidence and the dossier are read and written by both sides; this is the one rule for both.
    """
    if isinstance(actor, OfficeHolder):
        return access_case_as_office_holder(actor, reference)
    return access_case(actor, reference, content=True)


def can_put_home_address_in_dossier(actor: Any) -> bool:
    """Only the office holder may put a home address on a dossier (typed for that one dossier, never stored).

    Since 1 July 2025 the home address stays out of the police file by default; an advisor never adds it.
    """
    return isinstance(actor, OfficeHolder)


def can_assign(user: Any, case: Case, assignee: User) -> bool:
    """Coordinators assign any case to any advisor or coordinator; an advisor assigns within the own association."""
    if _role(assignee) not in CASE_WORKER_ROLES:
        return False
    if _role(user) == Role.COORDINATOR:
        return True
    if _role(user) == Role.ADVISOR and can_read_case_content(user, case):
        return assignee.pk == user.pk or (
            assignee.association_id is not None and assignee.association_id == case.association_id
        )
    return False


def can_record_phone_intake(user: Any) -> bool:
    return _role(user) in CASE_WORKER_ROLES


# --- coordinator and administration ----------------------------------------------------


def can_view_escalations(user: Any) -> bool:
    return _role(user) == Role.COORDINATOR


def can_view_job_runs(user: Any) -> bool:
    """The background jobs' runs (counts and status only, no case content): coordinators and administrators."""
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


def can_manage_directory(user: Any) -> bool:
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


def can_view_audit_of_case(user: Any, case: Case) -> bool:
    return can_read_case_content(user, case) or _role(user) == Role.COORDINATOR


# --- advice texts (standard texts advisors insert into messages) ------------------------


def can_use_advice_texts(user: Any) -> bool:
    """Reading the library of standard advice texts (general texts, no case content): advisors and coordinators."""
    return _role(user) in CASE_WORKER_ROLES


def can_manage_advice_texts(user: Any) -> bool:
    """Creating, editing and deactivating standard advice texts: coordinators only."""
    return _role(user) == Role.COORDINATOR


# --- partner network (directory.Partner, partner accounts) -----------------------------


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


# --- aftercare (plans with check-ins for the office holder and household members) ------------


def can_work_aftercare(user: Any, case: Case) -> bool:
    """Read and change a case's aftercare plan (moments, household members, answers, follow-up, closing):
    the case workers who may read the case's content. Coordinators without content access don't."""
    return can_read_case_content(user, case)


def access_aftercare_case(user: Any, reference: str, *, for_update: bool = False) -> Case:
    """The case whose aftercare plan ``user`` works on, or NotFound (missing or not theirs)."""
    case = access_case(user, reference, content=True, for_update=for_update)
    if not can_work_aftercare(user, case):
        raise NotFound(_("Deze zaak bestaat niet of u heeft er geen toegang toe."))
    return case


def can_answer_check_in(actor: Any, case: Case) -> bool:
    """Only the office holder of that very case answers its check-ins (never staff on their behalf)."""
    return isinstance(actor, OfficeHolder) and actor.case_id == case.pk


# --- notifications (in the app and by e-mail; never case content) ------------------------------


def can_use_notifications(user: Any) -> bool:
    """Own notifications and e-mail preferences: every signed-in staff role, partners included."""
    return is_staff_member(user)


def can_view_mail_queue(user: Any) -> bool:
    """The outbox of notification e-mails (recipient, kind, attempts, error class; no content): coordinators."""
    return _role(user) == Role.COORDINATOR


# --- network: referrals -----------------------------------------------------------------
#
# A partner sees a referral only when it was made to the partner the account acts for, has been sent
# (sent, accepted, declined, completed) and the office holder's consent is not withdrawn; within it
# only the minimum and the items consented to one by one, and only while working on it (sent,
# accepted): once declined or completed, just its dates and the partner's own answer. Case workers see
# the referrals of cases whose content they may read; coordinators see every referral's metadata.


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


def access_referral_as_partner(user: Any, referral_id: Any, *, for_update: bool = False) -> Any:
    """A referral to the user's own partner that the partner may see now, or NotFound for anything else."""
    if not is_partner_user(user) or not isinstance(referral_id, int) or referral_id <= 0:
        raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))
    queryset = referrals_visible_to(user).select_related("case", "partner", "consent", "case__municipality")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    referral = queryset.filter(pk=referral_id).first()
    if referral is None:
        raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))
    return referral


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


def access_referral(user: Any, reference: str, referral_id: Any, *, for_update: bool = False) -> Any:
    """A referral of a case whose content the case worker may read (to work on it), else NotFound."""
    case = access_case(user, reference, content=True, for_update=for_update)
    referral = None
    if isinstance(referral_id, int) and referral_id > 0:
        queryset = case.referrals.select_related("partner")
        if for_update:
            queryset = queryset.select_for_update(of=("self",))
        referral = queryset.filter(pk=referral_id).first()
    if referral is None:
        raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))
    referral.case = case
    return referral


def access_referral_as_office_holder(
    principal: OfficeHolder | None, referral_id: Any, *, for_update: bool = False
) -> Any:
    """A referral of the office holder's own case, else NotFound."""
    if principal is None:
        raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))
    case = access_case_as_office_holder(principal, principal.reference)
    referral = None
    if isinstance(referral_id, int) and referral_id > 0:
        queryset = case.referrals.select_related("partner")
        if for_update:
            queryset = queryset.select_for_update(of=("self",))
        referral = queryset.filter(pk=referral_id).first()
    if referral is None:
        raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))
    referral.case = case
    return referral


# --- tasks ------------------------------------------------------------------------------


def _task_predicate(user: User) -> Q:
    """Tasks a case worker sees: assigned to them, on a case whose content they may read, and for a
    coordinator the coordinators' pool."""
    q = Q(assignee=user) | Q(case__in=cases_with_content_for(user))
    if _role(user) == Role.COORDINATOR:
        q |= Q(for_coordinators=True)
    return q


def tasks_visible_to(user: Any) -> QuerySet[Task]:
    """Tasks ``user`` may see and work (mark done, reopen): advisors and coordinators only."""
    from weerbaar.cases.models import Task

    if _role(user) not in CASE_WORKER_ROLES:
        return Task.objects.none()
    return Task.objects.filter(_task_predicate(user))


def can_work_task(user: Any, task: Task) -> bool:
    """The same rule as ``tasks_visible_to``, for one task already loaded."""
    role = _role(user)
    if role not in CASE_WORKER_ROLES:
        return False
    if task.assignee_id == user.pk or (role == Role.COORDINATOR and task.for_coordinators):
        return True
    return task.case is not None and can_read_case_content(user, task.case)


def can_read_task_text(user: Any, task: Task) -> bool:
    """A hand-made task's own text is case content: only for those who may read the case's content."""
    return task.case is not None and can_read_case_content(user, task.case)


def can_add_case_task(user: Any, case: Case) -> bool:
    return can_read_case_content(user, case)


def can_take_case_task(person: Any, case: Case) -> bool:
    """Who may be given a task on ``case``: an active advisor or coordinator who may work the case."""
    return can_read_case_content(person, case)


def access_task(user: Any, task_id: int, *, case: Case | None = None, for_update: bool = False) -> Task:
    """Load a task ``user`` may work (optionally on ``case``), or NotFound whether missing or not theirs."""
    may_use_case_endpoints(user)
    queryset = tasks_visible_to(user).select_related("case", "assignee")
    if case is not None:
        queryset = queryset.filter(case=case)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    task = queryset.filter(pk=task_id).first()
    if task is None:
        raise NotFound(_("Deze taak bestaat niet of u heeft er geen toegang toe."))
    return task


# --- telephony (the phone line) ------------------------------------------------------------


def can_use_phone_line(user: Any) -> bool:
    """Who takes calls and opens the phone page: advisors and coordinators."""
    return _role(user) in CASE_WORKER_ROLES


def calls_visible_to(user: Any) -> QuerySet[Any]:
    """Calls in the caller log: an advisor the own calls; a coordinator every call (metadata, no numbers)."""
    from weerbaar.telephony.models import Call

    role = _role(user)
    if role == Role.COORDINATOR:
        return Call.objects.all()
    if role == Role.ADVISOR:
        return Call.objects.filter(advisor=user)
    return Call.objects.none()


def can_see_caller_number(user: Any, call: Any) -> bool:
    """The caller's number is shown only to the person the call was put through to."""
    return can_use_phone_line(user) and call.advisor_id is not None and call.advisor_id == user.pk


def access_own_call(user: Any, call_id: int) -> Any:
    """A call put through to ``user`` (to start a phone intake from it), else NotFound, whoever else asks."""
    from weerbaar.telephony.models import Call

    call = Call.objects.filter(pk=call_id).first() if can_use_phone_line(user) else None
    if call is None or not can_see_caller_number(user, call):
        raise NotFound(_("Dit gesprek bestaat niet of u heeft er geen toegang toe."))
    return call


def cases_matchable_for_call(user: Any) -> QuerySet[Case]:
    """The cases a call to ``user`` may be matched to: exactly those whose content ``user`` may work on."""
    return cases_with_content_for(user)


# --- council conversations ------------------------------------------------------------------
# Requests from griffiers and others for a facilitated conversation in council or college. Not case
# content of an office holder, but the contact person and the local story are still confidential:
# the team (advisors and coordinators) works them; partners, analysts and administrators do not.


def can_work_council_requests(user: Any) -> bool:
    return _role(user) in CASE_WORKER_ROLES


def council_requests_visible_to(user: Any) -> QuerySet[Any]:
    from weerbaar.council.models import CouncilRequest

    if can_work_council_requests(user):
        return CouncilRequest.objects.all()
    return CouncilRequest.objects.none()


def access_council_request(user: Any, reference: str, *, for_update: bool = False) -> Any:
    """One council request for the team, or NotFound whether it is missing or not theirs."""
    from weerbaar.council.references import is_council_reference

    if not is_council_reference(reference):
        raise NotFound(_("Deze aanvraag bestaat niet of u heeft er geen toegang toe."))
    queryset = council_requests_visible_to(user).select_related("municipality", "province", "owner")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    found = queryset.filter(reference=reference).first()
    if found is None:
        raise NotFound(_("Deze aanvraag bestaat niet of u heeft er geen toegang toe."))
    return found


def can_view_council_coverage(user: Any) -> bool:
    """Coverage is an aggregate (which places had a session): the team and analysts."""
    return _role(user) in CASE_WORKER_ROLES | {Role.ANALYST}


def can_set_council_target(user: Any) -> bool:
    return _role(user) == Role.COORDINATOR
