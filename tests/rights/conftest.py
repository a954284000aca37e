"""Fixtures for the office holder's rights: a claimed NVVR case with an incident, two exhibits, a message each
way and a damage item; its office holder with a bearer token and a Mijn zaak session."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import bearer_authorization
from tests.factories import UserFactory, image_bytes, incident_payload, make_case, minimal_pdf
from weerbaar.cases import services as case_services
from weerbaar.directory.services import reference_data_load
from weerbaar.incidents import services as incident_services
from weerbaar.incidents.validation import validate_damage_item, validate_incident

REQUEST_TEXT = "Iemand bekladde mijn auto met mijn naam en 'verrader'."


@pytest.fixture
def advisor(db):
    reference_data_load()
    return UserFactory(username="rights-advisor", role="advisor")  # association nvvr


@pytest.fixture
def claimed(advisor):
    case, code = make_case(state="claimed", advisor=advisor, name="Sam de Vries", description=REQUEST_TEXT)
    return case, code


@pytest.fixture
def case(claimed):
    return claimed[0]


@pytest.fixture
def filled(claimed, advisor):
    """The case with incident 1, exhibit 1 (a PDF) and 2 (a JPEG), a damage item and a message each way."""
    case, code = claimed
    data = validate_incident(incident_payload(description="Bericht op X: 'we weten waar je woont'."))
    incident_services.incident_record(actor=advisor, reference=case.reference, data=data)
    pdf = minimal_pdf()
    incident_services.evidence_add(
        actor=advisor,
        reference=case.reference,
        upload=incident_services.Upload("brief.pdf", pdf, len(pdf)),
        incident_number=1,
    )
    jpeg = image_bytes("JPEG")
    incident_services.evidence_add(
        actor=advisor, reference=case.reference, upload=incident_services.Upload("foto.jpg", jpeg, len(jpeg))
    )
    item = validate_damage_item({"kind": "material", "amount": "80.00", "description": "Autowassen"})
    incident_services.damage_item_add(actor=advisor, reference=case.reference, data=item)
    case_services.case_message_send(actor=advisor, reference=case.reference, text="Ik bel u morgen.")
    from weerbaar.accounts.policy import OfficeHolder

    case_services.case_message_send_by_office_holder(
        principal=OfficeHolder(case_id=case.pk, reference=case.reference), reference=case.reference, text="Dank u."
    )
    return case, code


@pytest.fixture
def holder_api(claimed) -> APIClient:
    case, code = claimed
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=bearer_authorization(case.reference, code))
    return client
