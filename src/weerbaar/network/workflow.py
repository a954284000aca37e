"""The referral state machine as data: every allowed step, who may take it and what it needs.

proposed -> consented (consent given: office holder in the portal, or recorded by the advisor)
consented -> sent (advisor)                     sent -> accepted | declined (partner, decline with reason)
accepted -> completed (partner reports back)
proposed -> cancelled (consent refused)         any open state -> cancelled (advisor cancels, or consent withdrawn)
declined, completed and cancelled are final. Anything else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Step:
    action: str
    source: ReferralStatus
    target: ReferralStatus
    parties: frozenset[Party]
    needs_text: bool = False  # a reason (decline) or a report (complete)


_ADVISOR = frozenset({Party.ADVISOR})
_PARTNER = frozenset({Party.PARTNER})
_CONSENTERS = frozenset({Party.ADVISOR, Party.OFFICE_HOLDER})

STEPS: dict[tuple[str, str], Step] = {
    (step.source.value, step.action): step
    for step in (
        Step("consent", S.PROPOSED, S.CONSENTED, _CONSENTERS),
        Step("refuse", S.PROPOSED, S.CANCELLED, _CONSENTERS),
        Step("send", S.CONSENTED, S.SENT, _ADVISOR),
        Step("accept", S.SENT, S.ACCEPTED, _PARTNER),
        Step("decline", S.SENT, S.DECLINED, _PARTNER, needs_text=True),
        Step("complete", S.ACCEPTED, S.COMPLETED, _PARTNER, needs_text=True),
        *(Step("cancel", source, S.CANCELLED, _ADVISOR) for source in (S.PROPOSED, S.CONSENTED, S.SENT, S.ACCEPTED)),
        *(Step("withdraw", source, S.CANCELLED, _CONSENTERS) for source in (S.CONSENTED, S.SENT, S.ACCEPTED)),
    )
}

ACTIONS = frozenset(action for _source, action in STEPS)


def step_for(source: str, action: str, party: str) -> Step | None:
    """The step ``party`` may take with ``action`` from ``source``, or None when that is not allowed."""
    step = STEPS.get((source, action))
    if step is None or party not in step.parties:
        return None
    return step


def actions_for(source: str, party: str) -> list[str]:
    return [action for (src, action), step in STEPS.items() if src == source and party in step.parties]
