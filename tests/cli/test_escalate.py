"""`weerbaar escalate`: unclaimed cases past their deadline are escalated, once."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.usefixtures("reference_data")


def test_escalate_marks_overdue_unclaimed_cases_once(run):
    advisor = UserFactory(role="advisor")
    overdue, _ = make_case(state="escalated")
    make_case(state="new")  # within its deadline
    make_case(state="claimed", advisor=advisor, overdue=True)  # claimed: not escalated

    assert run("escalate").strip() == "Escalated 1 overdue case(s)."
    overdue.refresh_from_db()
    assert overdue.escalated_at is not None
    assert run("escalate").strip() == "Escalated 0 overdue case(s)."
