from __future__ import annotations

import pytest

from tests.factories import make_case
from tests.staff_web.conftest import verified_client

pytestmark = pytest.mark.django_db


def test_pages_render_for_an_advisor(people):
    case, _code = make_case()
    client = verified_client(people["advisor"])
    for url in ["/werkruimte", f"/werkruimte/zaken/{case.reference}", "/werkruimte/telefonische-hulpvraag"]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_pages_render_for_a_coordinator(people):
    make_case(overdue=True)
    client = verified_client(people["coordinator"])
    for url in ["/werkruimte/alle-zaken", "/werkruimte/escalaties", "/werkruimte/adresboek"]:
        response = client.get(url)
        assert response.status_code == 200, url
