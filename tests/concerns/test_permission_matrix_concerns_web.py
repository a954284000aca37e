"""The concern note pages and actions x every role (the roles and outcomes of
``tests/staff_web/test_permission_matrix_web``).

The world: a case of the NVVR claimed by anna with one incident, and a version 1 with the level "high" written by
her colleague bram, so anna may confirm it. Coordinators without content access get 404 like any other outsider.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.concerns.factories import ITEM_CODES, note_payload, record_incident
from tests.factories import make_case
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.conftest import matrix_people  # noqa: F401 - the module's people, built once
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect
from weerbaar.concerns.services import concern_note_save

pytestmark = pytest.mark.django_db
people = web_matrix.people

WS = "/werkruimte/zaken/{ref}/zorgnotitie"
READ = expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)
WRITE = expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)
SECRET = "Samenvatting die geen buitenstaander leest"


def form_data(**overrides) -> dict:
    data = {
        "level": "moderate",
        "level_reasons": "Toon wordt persoonlijker.",
        "summary": "Berichten sinds oktober.",
        "plan": "Gesprek met de ambtsdrager.",
        "review_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        **{f"answer_{code}": "unknown" for code in ITEM_CODES},
    }
    data.update(overrides)
    return data


MATRIX = [
    ("concern note", "get", WS, None, READ),
    ("concern note form", "get", WS + "/nieuwe-versie", None, READ),
    ("save concern note", "post", WS + "/nieuwe-versie", form_data(), WRITE),
    ("concern note versions", "get", WS + "/versies", None, READ),
    ("concern note version", "get", WS + "/versies/1", None, READ),
    ("confirm page", "get", WS + "/versies/1/bevestigen", None, READ),
    ("confirm high", "post", WS + "/versies/1/bevestigen", {}, WRITE),
    ("incident timeline", "get", "/werkruimte/zaken/{ref}/verloop", None, READ),
]
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def concern_web_world(matrix_people):  # noqa: F811
    case, _code = make_case(state="claimed", advisor=matrix_people["advisor"])
    record_incident(matrix_people["advisor"], case)
    concern_note_save(
        actor=matrix_people["colleague"],
        reference=case.reference,
        raw=note_payload(level="high", summary=SECRET),
        today=timezone.localdate(),
    )
    return {"ref": case.reference, "case": case}


@pytest.fixture
def world(db, concern_web_world):
    return fresh(concern_web_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_concerns_web(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    url = path.format(**world)
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code, response.content[:2000])
        assert response["Location"].startswith(f"/werkruimte/zaken/{world['ref']}/zorgnotitie"), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome in (403, 404, LOGIN):
        assert SECRET not in response.content.decode()
