"""Synthetic referrals for the synthetic cases (``weerbaar seed --synthetic N``): every case closed with the outcome
"referred" has one or two, and some cases still being worked one. They go to one inactive synthetic partner per
partner kind (never offered for a real referral) and are proposed by an inactive synthetic coordinator who cannot
sign in. The question is sealed under the case's key, bound to the partner, as ``services.referral_propose`` does.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from weerbaar.accounts.models import Role, User
from weerbaar.cases.choices import Outcome, Status
from weerbaar.core.synthetic import SyntheticBuilder, SyntheticRun, reserve_ids
from weerbaar.directory.choices import PartnerKind
from weerbaar.directory.models import Partner
from weerbaar.network.choices import ReferralStatus
from weerbaar.network.models import Referral

SYNTHETIC_COORDINATOR = "synthetic-coordinator"
KIND_WEIGHTS = {
    PartnerKind.SECURITY: 22,
    PartnerKind.HOME_SCAN: 14,
    PartnerKind.AFTERCARE: 20,
    PartnerKind.VICTIM_SUPPORT: 14,
    PartnerKind.LEGAL_AID: 12,
    PartnerKind.PEER: 10,
    PartnerKind.EXPERIENCED_PEER: 8,
}
IN_WORK = 0.12  # a case still in progress or in aftercare with a referral


def _context(run: SyntheticRun) -> dict[str, Any]:
    context: dict[str, Any] | None = run.notes.get("network")
    if context is None:
        coordinator, created = User.objects.get_or_create(
            username=SYNTHETIC_COORDINATOR,
            defaults={"role": Role.COORDINATOR, "display_name": "(Synthetisch) coördinator", "is_active": False},
        )
        if created:
            coordinator.set_unusable_password()
            coordinator.save(update_fields=["password"])
        partners = {}
        for kind in PartnerKind:
            partners[kind.value], _ = Partner.objects.get_or_create(
                name=f"(Synthetisch) {kind.label}",
                kind=kind,
                defaults={"nationwide": True, "active": False, "available": False},
            )
        context = {"coordinator": coordinator, "partners": partners}
        run.notes["network"] = context
    return context


def _referral(rng: random.Random, case: Any, context: dict[str, Any], pk: int, now: Any) -> Referral:
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    proposed = (case.claimed_at or case.created_at) + timedelta(days=rng.uniform(0.5, 10))
    end = case.closed_at or now
    proposed = min(proposed, end)
    status = ReferralStatus.COMPLETED if case.status == Status.CLOSED else ReferralStatus.ACCEPTED
    if rng.random() < 0.12:
        status = rng.choice([ReferralStatus.DECLINED, ReferralStatus.CANCELLED])
    referral = Referral(
        pk=pk,
        case=case,
        partner=context["partners"][kind],
        kind=kind,
        status=status,
        proposed_by=context["coordinator"],
        proposed_at=proposed,
        consented_at=proposed,
        sent_at=proposed,
        updated_at=proposed,
    )
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED):
        referral.accepted_at = min(proposed + timedelta(days=rng.uniform(0.2, 4)), end)
    if status == ReferralStatus.COMPLETED:
        referral.completed_at = end
    if status == ReferralStatus.DECLINED:
        referral.declined_at = proposed + timedelta(days=1)
    if status == ReferralStatus.CANCELLED:
        referral.cancelled_at = proposed + timedelta(days=1)
    referral.seal("sealed_question", "(Synthetisch) Verzoek om ondersteuning.", under=case)
    return referral


def _load(run: SyntheticRun, size: int) -> None:
    rng = run.rng("network")
    chosen = []
    for case in run.batch:
        if case.outcome == Outcome.REFERRED:
            chosen += [case] * rng.choice([1, 1, 2])
        elif case.status in (Status.IN_PROGRESS, Status.AFTERCARE) and rng.random() < IN_WORK:
            chosen.append(case)
    if not chosen:
        return
    context = _context(run)
    ids = reserve_ids(Referral, len(chosen))
    rows = [_referral(rng, case, context, pk, run.now) for case, pk in zip(chosen, ids, strict=True)]
    Referral.objects.bulk_create(rows, batch_size=500)
    run.add("referrals", len(rows))


REFERRALS = SyntheticBuilder("referrals", 30, load=_load)
