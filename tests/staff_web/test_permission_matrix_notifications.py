"""The notification pages and actions x every role (roles and outcomes of ``test_permission_matrix_web``).

The world: a notification and a failed e-mail for anna (advisor). Every staff role, partners included,
has its own notifications; somebody else's notification answers 404; the mail queue and the on-duty rota are
for coordinators.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect
from weerbaar.notifications.models import Notification, OnDutyPeriod, OutgoingMail
from weerbaar.notifications.services import notify

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

ALL_STAFF = expect(LOGIN, LOGIN, 200, 200, 200, 200, 200, 200)
ALL_STAFF_OK = expect(LOGIN, LOGIN, OK, OK, OK, OK, OK, OK)
ANNA_ONLY = expect(LOGIN, LOGIN, OK, 404, 404, 404, 404, 404)

MATRIX = [
    ("notifications", "get", "/werkruimte/meldingen", None, ALL_STAFF),
    ("preferences page", "get", "/werkruimte/meldingen/instellingen", None, ALL_STAFF),
    ("preferences save", "post", "/werkruimte/meldingen/instellingen", {"email_groups": ["cases"]}, ALL_STAFF_OK),
    ("read all", "post", "/werkruimte/meldingen/alles-gelezen", {}, ALL_STAFF_OK),
    ("open", "get", "/werkruimte/meldingen/{note}", None, ANNA_ONLY),
    ("mark read", "post", "/werkruimte/meldingen/{note}/gelezen", {}, ANNA_ONLY),
    ("mail queue", "get", "/werkruimte/meldingen/e-mail", None, expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403)),
    ("on-duty rota", "get", "/werkruimte/dienstrooster", None, expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403)),
    (
        "on-duty add",
        "post",
        "/werkruimte/dienstrooster",
        "{on_duty_form}",
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, 403),
    ),
    (
        "on-duty remove",
        "post",
        "/werkruimte/dienstrooster/{period}/verwijderen",
        {},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, 403),
    ),
    (
        "mail retry",
        "post",
        "/werkruimte/meldingen/e-mail/{mail}/opnieuw",
        {},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, 403),
    ),
]

# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def notification_world(matrix_people):
    """A claimed case, a notification of anna about it and a failed e-mail to her."""
    case, _ = make_case(state="claimed", advisor=matrix_people["advisor"])
    notify(
        recipients=[matrix_people["advisor"]],
        kind="message_received",
        key=f"message:{case.reference}:1",
        link=f"/werkruimte/zaken/{case.reference}",
    )
    note = Notification.objects.get(recipient=matrix_people["advisor"])
    mail = OutgoingMail.objects.get(recipient=matrix_people["advisor"])
    OutgoingMail.objects.filter(pk=mail.pk).update(status="failed", attempts=5, last_error="SMTPException")
    advisor = matrix_people["advisor"]
    now = timezone.now()
    period = OnDutyPeriod.objects.create(
        association_id=advisor.association_id,
        advisor=advisor,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=8),
        created_at=now,
    )
    on_duty_form = {
        "association": str(advisor.association_id),
        "advisor": str(advisor.pk),
        "starts_at": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    return {
        "ref": case.reference,
        "case": case,
        "note": note.pk,
        "mail": mail.pk,
        "period": period.pk,
        "on_duty_form": on_duty_form,
    }


@pytest.fixture
def world(db, notification_world):
    return fresh(notification_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_notifications(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    url = path.format(**world)
    if data == "{on_duty_form}":
        data = world["on_duty_form"]
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code)
        assert not response["Location"].startswith("/medewerkers/"), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    html = response.content.decode()
    assert "Sam de Vries" not in html
    assert "sam@example.org" not in html
