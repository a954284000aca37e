"""The retention pages (policy, legal holds, destruction lists) x every role, plus the privacy officer.

Coordinators and the administrator who acts for the privacy officer (``User.is_privacy_officer``) see the
pages; only the privacy officer changes the policy; both place and lift holds and give their own approval of a
list (a coordinator only for their own association's lists). An administrator without the flag, advisors,
partners and analysts get 403; nobody signed in: the sign-in page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory, make_case
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.conftest import verified_client
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, ROLES, client_for
from weerbaar.accounts.models import Role

pytestmark = pytest.mark.django_db
people = web_matrix.people

MATRIX_ROLES = [*ROLES, "privacy_officer"]


def expect(anon, holder, advisor, other, coordinator, partner, analyst, admin, privacy):
    values = [anon, holder, advisor, other, coordinator, partner, analyst, admin, privacy]
    return dict(zip(MATRIX_ROLES, values, strict=True))


RULE = {"association": "", "result": "duplicate", "contact_months": "2", "content_months": "2", "metadata_months": "12"}
VIEW = expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403, 200)
ACT = expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, 403, OK)

MATRIX = [
    ("policy", "get", "/werkruimte/bewaarbeleid", None, VIEW),
    (
        "rule preview",
        "post",
        "/werkruimte/bewaarbeleid/regel",
        RULE,
        expect(LOGIN, LOGIN, 403, 403, 403, 403, 403, 403, 200),
    ),
    (
        "rule save",
        "post",
        "/werkruimte/bewaarbeleid/regel",
        {**RULE, "confirm": "1"},
        expect(LOGIN, LOGIN, 403, 403, 403, 403, 403, 403, OK),
    ),
    ("holds", "get", "/werkruimte/bewaarplichten", None, VIEW),
    ("place hold", "post", "/werkruimte/bewaarplichten", lambda w: {"reference": w["ref"], "reason": "OM"}, ACT),
    ("lift hold", "post", "/werkruimte/bewaarplichten/{hold}/opheffen", {}, ACT),
    ("lists", "get", "/werkruimte/vernietigingslijsten", None, VIEW),
    ("list", "get", "/werkruimte/vernietigingslijsten/{list}", None, VIEW),
    # cora coordinates for bzk: the NVVR's list is not hers to approve
    (
        "approve",
        "post",
        "/werkruimte/vernietigingslijsten/{list}/goedkeuren",
        {},
        expect(LOGIN, LOGIN, 403, 403, 403, 403, 403, 403, OK),
    ),
]

ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def retention_world(matrix_people):
    from weerbaar.cases.models import Case
    from weerbaar.retention import services

    due, _ = make_case(state="closed", advisor=matrix_people["advisor"])
    Case.objects.filter(pk=due.pk).update(closed_at=timezone.now() - timedelta(days=900))
    held, _ = make_case(state="closed", advisor=matrix_people["advisor"])
    (proposed,) = services.destruction_lists_propose()
    officer = UserFactory(username="fgp", role=Role.ADMIN, is_privacy_officer=True, display_name="Fien Privacy")
    hold = services.legal_hold_place(actor=officer, raw={"reference": held.reference, "reason": "Lopende strafzaak"})
    return {"ref": due.reference, "case": due, "hold": hold.pk, "list": proposed.pk, "officer": officer}


@pytest.fixture
def world(db, retention_world):
    return fresh(retention_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_retention(name, method, path, data, role, outcome, people, world):
    client = verified_client(world["officer"]) if role == "privacy_officer" else client_for(role, people, world)
    url = path.format(**world)
    data = data(world) if callable(data) else data
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code)
        assert not response["Location"].startswith("/medewerkers/"), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome in (403, LOGIN):
        assert world["ref"] not in response.content.decode()
