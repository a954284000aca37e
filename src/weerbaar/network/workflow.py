"""The referral state machine as data: every allowed step, who may take it and what it needs.

proposed -> consented (consent given: office holder in the portal, or recorded by the advisor)
consented -> sent (advisor)                     sent -> accepted | declined (partner, decline with reason)
accepted -> completed (partner reports back)
proposed -> cancelled (consent refused)         any open state -> cancelled (advisor cancels, or consent withdrawn)
declined, completed and cancelled are final. Anything else is refused (409). Every step appends a
``ReferralEvent`` row with the step's name, the party and who took it (``core.workflow``).
"""

from __future__ import annotations

from enum import Enum

from django.utils.translation import gettext as _

from weerbaar.core.workflow import History, Refusal, Transition, Workflow
from weerbaar.network.choices import Party, ReferralStatus

S = ReferralStatus
OPEN = frozenset({S.PROPOSED, S.CONSENTED, S.SENT, S.ACCEPTED})
FINAL = frozenset({S.DECLINED, S.COMPLETED, S.CANCELLED})
#: Where a partner can see a referral at all (and only with consent not withdrawn).
PARTNER_VISIBLE = frozenset({S.SENT, S.ACCEPTED, S.DECLINED, S.COMPLETED})
#: Counted as a partner's load.
LOAD = frozenset({S.SENT, S.ACCEPTED})
# While the partner works on a referral it reads the minimum and the consented items; not afterwards.
PARTNER_WORKING = LOAD


class Needs(Enum):
    TEXT = "text"  # a reason (decline) or a report (complete)


def _refuse(refusal: Refusal) -> tuple[str, str]:
    return _("Deze stap is bij de huidige status van de doorverwijzing niet mogelijk."), "status"


_ADVISOR = (Party.ADVISOR,)
_PARTNER = (Party.PARTNER,)
_CONSENTERS = (Party.ADVISOR, Party.OFFICE_HOLDER)
_OPEN_ORDER = (S.PROPOSED, S.CONSENTED, S.SENT, S.ACCEPTED)  # consent can be withdrawn once it was given

WORKFLOW = Workflow(
    states=ReferralStatus.values,
    initial=S.PROPOSED,
    transitions=(
        Transition(S.PROPOSED, S.CONSENTED, "consent", by=_CONSENTERS),
        Transition(S.PROPOSED, S.CANCELLED, "refuse", by=_CONSENTERS),
        Transition(S.CONSENTED, S.SENT, "send", by=_ADVISOR),
        Transition(S.SENT, S.ACCEPTED, "accept", by=_PARTNER),
        Transition(S.SENT, S.DECLINED, "decline", {Needs.TEXT}, by=_PARTNER),
        Transition(S.ACCEPTED, S.COMPLETED, "complete", {Needs.TEXT}, by=_PARTNER),
        *(Transition(source, S.CANCELLED, "cancel", by=_ADVISOR) for source in _OPEN_ORDER),
        *(Transition(source, S.CANCELLED, "withdraw", by=_CONSENTERS) for source in _OPEN_ORDER[1:]),
    ),
    history=History(
        model="network.ReferralEvent",
        record="referral",
        source="from_status",
        target="to_status",
        actor="actor",
        at="at",
        name="action",
    ),
    refuse=_refuse,
)

ACTIONS = frozenset(t.name for t in WORKFLOW.transitions)
