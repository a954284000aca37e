"""Referral helpers: a partner with a partner account, a referral in any state of its life."""

from __future__ import annotations

from tests.directory_partners.factories import PartnerFactory
from tests.factories import UserFactory
from weerbaar.accounts.models import Role
from weerbaar.network import items, services
from weerbaar.network.validation import ConsentData, Proposal


def partner_with_user(username: str = "piet", **partner_fields):
    partner = PartnerFactory(**partner_fields)
    user = UserFactory(username=username, role=Role.PARTNER, association=None, partner=partner)
    return partner, user


def propose(advisor, case, partner, *, question: str = "Kunt u langskomen voor een kop koffie?", proposed=None):
    return services.referral_propose(
        actor=advisor, reference=case.reference, data=Proposal(partner.pk, question, sorted(proposed or []))
    )


def consent_data(chosen=(), *, contact_method="phone", contact="06 12345678", method="phone", given_at=None):
    return ConsentData(sorted(chosen), contact_method, contact, method, given_at)


def referral_in(state: str, advisor, case, partner, *, proposed=(), chosen=(), partner_user=None):
    """A referral moved through the real services to ``state``."""
    referral = propose(advisor, case, partner, proposed=list(proposed))
    if state == "proposed":
        return referral
    services.referral_consent_give(
        actor=advisor, reference=case.reference, referral_id=referral.pk, data=consent_data(chosen)
    )
    if state == "consented":
        return referral
    services.referral_send(actor=advisor, reference=case.reference, referral_id=referral.pk)
    if state == "sent":
        return referral
    if state == "declined":
        services.referral_answer(actor=partner_user, referral_id=referral.pk, action="decline", text="Geen plek")
        return referral
    services.referral_answer(actor=partner_user, referral_id=referral.pk, action="accept")
    if state == "accepted":
        return referral
    services.referral_answer(actor=partner_user, referral_id=referral.pk, action="complete", text="Gesproken.")
    return referral


__all__ = ["consent_data", "items", "partner_with_user", "propose", "referral_in"]
