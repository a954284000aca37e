"""The referral state machine: only the table's steps, by the right party; consent always before sending."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from weerbaar.network.choices import Party, ReferralStatus
from weerbaar.network.workflow import ACTIONS, FINAL, OPEN, WORKFLOW

PARTIES = [p.value for p in Party]


def run(moves):
    """Apply (action, party) moves from ``proposed``; refused moves leave the status as it is."""
    status = ReferralStatus.PROPOSED.value
    seen = [status]
    for action, party in moves:
        step = WORKFLOW.get(status, name=action, party=party)
        if step is not None:
            status = step.target
            seen.append(status)
    return seen


moves = st.lists(
    st.tuples(st.sampled_from(sorted(ACTIONS | {"delete", "reopen"})), st.sampled_from(PARTIES)), max_size=30
)


@given(moves)
def test_sent_only_after_consent_and_completed_only_after_acceptance(sequence):
    seen = run(sequence)
    if "sent" in seen:
        assert seen.index("consented") < seen.index("sent")
    if "completed" in seen:
        assert seen.index("accepted") < seen.index("completed")
    if "declined" in seen:
        assert seen.index("sent") < seen.index("declined")


@given(moves)
def test_final_states_are_final(sequence):
    seen = run(sequence)
    for i, status in enumerate(seen[:-1]):
        assert status not in {s.value for s in FINAL}, seen[i:]


@given(st.sampled_from([s.value for s in ReferralStatus]), st.sampled_from(sorted(ACTIONS)), st.sampled_from(PARTIES))
def test_each_step_belongs_to_its_parties(source, action, party):
    step = WORKFLOW.get(source, name=action, party=party)
    if step is None:
        return
    if action in ("accept", "decline", "complete"):
        assert party == Party.PARTNER
    if action == "send":
        assert party == Party.ADVISOR
    if action in ("consent", "refuse", "withdraw"):
        assert party in (Party.ADVISOR, Party.OFFICE_HOLDER)
    assert party != Party.SYSTEM


def test_cancel_from_every_open_state_and_nowhere_else():
    for status in ReferralStatus:
        allowed = WORKFLOW.get(status.value, name="cancel", party=Party.ADVISOR) is not None
        assert allowed == (status in OPEN)


def test_a_partner_cannot_send_or_consent_and_an_office_holder_cannot_accept():
    assert WORKFLOW.names("consented", party=Party.PARTNER) == []
    assert "accept" not in WORKFLOW.names("sent", party=Party.OFFICE_HOLDER)
    assert set(WORKFLOW.names("sent", party=Party.PARTNER)) == {"accept", "decline"}
    assert all(step.target != ReferralStatus.PROPOSED for step in WORKFLOW.transitions)
