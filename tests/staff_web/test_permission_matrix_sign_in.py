"""Signing in and out, for staff and office holders, x every role (the roles of ``test_permission_matrix_web``).

These pages are how a role is acquired, so they answer every role, each in its own way: the sign-in page
sends a fully signed-in member of staff on (to the staff home), the second step sends one who is signed in
with the password only (``password_only``: anna, who has an authenticator) to the code form, and sends
everyone without a password step to the sign-in page. The office holder's page ("Mijn zaak") opens only for
an office holder signed in with reference and code; everyone else is sent to its sign-in page. Signing out
and choosing a language are open to everyone and always land on the same page.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.incidents_web.conftest import portal_client
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.conftest import confirmed_device
from tests.staff_web.test_permission_matrix_web import LOGIN, ROLES, client_for

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

SIGN_IN_ROLES = [*ROLES, "password_only"]
STAFF = ["advisor", "other_advisor", "coordinator", "partner", "analyst", "admin"]
SECOND_STEP = "/medewerkers/tweestaps?next="  # a prefix: the page asked for follows


def redirect(location: str) -> tuple[str, str]:
    """A 302 to exactly ``location``, or (ending in ``=``) to a location starting with it."""
    return ("redirect", location)


def outcomes(*, anonymous, office_holder, password_only, staff) -> dict:
    return {"anonymous": anonymous, "office_holder": office_holder, "password_only": password_only} | dict.fromkeys(
        STAFF, staff
    )


def everyone(outcome) -> dict:
    """The same outcome for every role (signing out, choosing a language, a public page)."""
    return outcomes(anonymous=outcome, office_holder=outcome, password_only=outcome, staff=outcome)


PORTAL_SIGN_IN = redirect("/mijn-zaak/inloggen")


def office_holder_only(outcome) -> dict:
    """A page of "Mijn zaak": ``outcome`` for the office holder, its sign-in page for everyone else."""
    return outcomes(anonymous=PORTAL_SIGN_IN, office_holder=outcome, password_only=PORTAL_SIGN_IN, staff=PORTAL_SIGN_IN)


TO_SECOND_STEP = redirect(SECOND_STEP)


def staff_only(staff, *, password_only=TO_SECOND_STEP) -> dict:
    """A staff page past the password step: staff sign-in for those without one, the code form after the password."""
    return outcomes(anonymous=LOGIN, office_holder=LOGIN, password_only=password_only, staff=staff)


FRONT_PAGE = redirect("/")

MATRIX = [
    (
        "staff sign-in page",
        "get",
        "/medewerkers/inloggen",
        None,
        outcomes(anonymous=200, office_holder=200, password_only=redirect(SECOND_STEP), staff=redirect("/medewerkers")),
    ),
    (
        "second step",
        "get",
        "/medewerkers/tweestaps",
        None,
        staff_only(redirect("/medewerkers"), password_only=200),
    ),
    (
        "second step enrolment",
        "get",
        "/medewerkers/tweestaps/instellen",
        None,
        # Never a new secret for someone who already has an authenticator.
        staff_only(redirect("/medewerkers")),
    ),
    (
        "own recovery codes",
        "get",
        "/medewerkers/herstelcodes",
        None,
        # Every member of staff, for their own codes only (the page shows a count, never a code).
        staff_only(200),
    ),
    (
        "new recovery codes",
        "post",
        "/medewerkers/herstelcodes",
        {},
        staff_only(200),
    ),
    (
        "staff sign-out",
        "post",
        "/medewerkers/uitloggen",
        {},
        everyone(redirect("/medewerkers/inloggen")),
    ),
    (
        "office holder's page",
        "get",
        "/mijn-zaak",
        None,
        office_holder_only(200),
    ),
    (
        "office holder's message",
        "post",
        "/mijn-zaak",
        {"text": "Hallo, ik heb nog een vraag."},
        office_holder_only(redirect("/mijn-zaak")),
    ),
    (
        "office holder's e-mail choice",
        "get",
        "/mijn-zaak/e-mail",
        None,
        office_holder_only(200),
    ),
    (
        "office holder's e-mail choice saved",
        "post",
        "/mijn-zaak/e-mail",
        {"notify_email": "on", "email": "sam@example.org"},
        office_holder_only(redirect("/mijn-zaak")),
    ),
    (
        "office holder sign-in page",
        "get",
        "/mijn-zaak/inloggen",
        None,
        everyone(200),
    ),
    (
        "office holder sign-out",
        "post",
        "/mijn-zaak/uitloggen",
        {},
        everyone(PORTAL_SIGN_IN),
    ),
    (
        "office holder signs out everywhere",
        "post",
        "/mijn-zaak/overal-uitloggen",
        {},
        everyone(PORTAL_SIGN_IN),
    ),
    (
        "language",
        "post",
        "/i18n/setlang",
        {"language": "en", "next": "/"},
        everyone(FRONT_PAGE),
    ),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, expected in MATRIX
    for role, outcome in expected.items()
]


@once_per_module
def sign_in_world(matrix_people):
    """A case of the NVVR claimed by anna (its office holder signs in with reference and code)."""
    from tests.factories import make_case

    case, code = make_case(state="claimed", advisor=matrix_people["advisor"])
    confirmed_device(matrix_people["advisor"])
    return {"case": case, "code": code}


@pytest.fixture
def world(db, sign_in_world):
    return fresh(sign_in_world)


def _client(role: str, people, world) -> Client:
    if role == "office_holder":
        return portal_client(world["case"], world["code"])  # as a person would: reference and code
    if role == "password_only":
        client = Client()
        client.force_login(people["advisor"])  # the password step only
        return client
    return client_for(role, people, world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_sign_in_matrix(name, method, path, data, role, outcome, people, world):
    client = _client(role, people, world)
    response = client.get(path) if method == "get" else client.post(path, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role, response["Location"])
    elif isinstance(outcome, tuple):
        location = outcome[1]
        assert response.status_code == 302, (name, role, response.status_code)
        if location.endswith("="):
            assert response["Location"].startswith(location), (name, role, response["Location"])
        else:
            assert response["Location"] == location, (name, role, response["Location"])
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if role != "office_holder":
        html = response.content.decode(errors="replace")
        assert "Sam de Vries" not in html
        assert "sam@example.org" not in html
