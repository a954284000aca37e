"""Issue 12, point 8: schemathesis against /api/v1/openapi.json, every operation, anonymous and as every role.

For each operation schemathesis draws requests from the document (hypothesis; valid and invalid bodies, query
strings and headers). Half of the draws keep the generated path parameters, the other half point at rows that
exist (the case of the permission matrix's world, its incident, exhibit, referral, task, check-in, notification,
partner …), so the fuzzer reaches the code behind the access check and not only the 404. Every response must be
no server error, have a documented status code, content type and headers, and a body that matches the schema;
the API-Version header and problem+json on every refusal come on top (the API design rules).
Issue 12: an invalid draw must be refused (``negative_data_rejection``), and a request that succeeded with the
actor's credentials must fail without them or with made-up ones (``ignored_auth``).

Bounded in time: a few examples per operation and actor (``EXAMPLES``), one for the two PDF dossiers. Under CI the
draws are derandomized (tests/conftest.py); a local run draws new ones each time.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode

from tests.api.conftest import keep_db_connection  # noqa: F401  (the WSGI calls must not close the test's connection)
from tests.api.test_permission_matrix import api_world  # noqa: F401  (module-scoped world, extended below)
from tests.api.test_permission_matrix_aftercare import aftercare_world  # noqa: F401
from tests.api.test_permission_matrix_network import referral_world  # noqa: F401
from tests.api.test_permission_matrix_notifications import notification_world  # noqa: F401
from tests.api.test_permission_matrix_tasks import task_world  # noqa: F401
from tests.matrix import once_per_module

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "office_holder", "advisor", "coordinator", "partner", "analyst", "admin"]
EXAMPLES = 3
SLOW = {"getCaseDossier", "getHelpRequestDossier"}  # WeasyPrint: one example each
ENDS_SESSIONS = {"createHelpRequestSignOut"}
TELEPHONY_SECRET = "fuzz-telephony-secret-" + "f" * 32
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
    # Issue 12: invalid data (a draw of the NEGATIVE mode: a wrong type, an empty or too long value, a value
    # outside the enum, a missing required field) must be refused (400 and the like), never answered 2xx.
    schemathesis.checks.negative_data_rejection,
    # An operation that needs credentials must refuse the same request without them or with made-up ones.
    schemathesis.checks.ignored_auth,
]


@once_per_module
def fuzz_world(api_world, referral_world, task_world, notification_world, aftercare_world):  # noqa: F811
    """The matrix's case with a referral, a task, a notification, an on-duty period and a due check-in; a council
    request; an advice text."""
    from tests.council.factories import make_council_request
    from weerbaar.accounts.models import User
    from weerbaar.advice.models import AdviceText
    from weerbaar.incidents.models import Evidence, Incident

    case = api_world["case"]
    coordinator = User.objects.get(username="m-coordinator")
    advice = AdviceText.objects.order_by("pk").first()
    match = _match_world(case)
    return {
        "case": case.reference,
        "council": make_council_request(actor=coordinator).reference,
        "ids": {
            "incidents": Incident.objects.filter(case=case).order_by("pk").first().number,
            "evidence": Evidence.objects.filter(case=case).order_by("pk").first().number,
            "referrals": referral_world["sent"],
            "tasks": task_world["task"].pk,
            "check-ins": aftercare_world["due"],
            "notifications": notification_world["note"].pk,
            "on-duty-periods": notification_world["period"],
            "partners": referral_world["partner"].pk,
            "advice-texts": advice.pk if advice else 1,
            "matches": match,
        },
        "authorizations": api_world["authorizations"],
    }


def _match_world(case) -> int:
    """Matching switched on (the identifier endpoints past their 409) and a proposed match of the case; its id."""
    from weerbaar.cases.models import Case
    from weerbaar.matching.models import Match
    from weerbaar.matching.services import matching_switch

    matching_switch(actor="system:test", enabled=True)
    a, b = sorted([case, Case.objects.exclude(pk=case.pk).order_by("pk").first()], key=lambda c: c.pk)
    return Match.objects.create(case_a=a, case_b=b, kind="phone", found_at=case.created_at).pk


@pytest.fixture(scope="module")
def api_schema():
    """The document ``GET /api/v1/openapi.json`` serves (as tests/openapi_contract.py reads it), called through
    the WSGI application."""
    from tests.openapi_contract import served_document
    from weerbaar.wsgi import application

    schema = schemathesis.openapi.from_dict(served_document())
    schema.app = application
    schema.location = "/api/v1/openapi.json"
    return schema


def existing(path: str, world: dict) -> dict[str, object]:
    """Path parameters that name rows of the world."""
    values: dict[str, object] = {}
    if "{reference}" in path:
        values["reference"] = world["council"] if path.startswith("/council-conversations") else world["case"]
    if "{id}" in path:
        values["id"] = world["ids"][path.split("/{id}")[0].rsplit("/", 1)[-1]]
    return values


def _headers(response) -> dict[str, str]:
    return {key.lower(): value[0] if isinstance(value, list) else value for key, value in response.headers.items()}


def fuzz_operation(operation, *, known: dict[str, object], authorization: str | None, seen: set[int]) -> None:
    """Draw requests for one operation, send them as one actor and check each answer against the document."""
    label = operation.label
    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @given(case=strategy, use_known=st.booleans())
    @hypothesis_settings(
        max_examples=1 if operation.definition.raw.get("operationId") in SLOW else EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case, use_known):
        # a draw whose invalid part is its path keeps it: replaced by a real row's, the request would be valid
        # there while schemathesis still counts it as invalid (negative_data_rejection)
        if use_known and known and not (case.meta and case.meta.is_negative_at(ParameterLocation.PATH)):
            case.path_parameters = {**(case.path_parameters or {}), **known}
        headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
        if authorization:
            headers["Authorization"] = authorization
            # the actor's real credentials, not drawn ones: ``ignored_auth`` then probes the same request without
            # them and with made-up ones (schemathesis marks credentials from its own auth options like this)
            case._has_explicit_auth = True
        case.headers = headers
        response = case.call()
        seen.add(response.status_code)
        assert response.status_code < 500, (label, response.text[:500])
        headers_seen = _headers(response)
        assert headers_seen.get("api-version") == "1.0.0", label
        if response.status_code >= 400:
            assert headers_seen["content-type"].startswith("application/problem+json"), label
        case.validate_response(response, checks=CHECKS)

    fuzz()


@pytest.mark.parametrize("actor", ACTORS)
def test_every_operation_answers_within_its_document(actor, api_schema, fuzz_world, keep_db_connection, settings):  # noqa: F811
    settings.WEERBAAR = {**settings.WEERBAAR, "TELEPHONY_SECRET": TELEPHONY_SECRET}
    authorization = fuzz_world["authorizations"][actor]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    # "Overal uitloggen" ends the office holder's token: fuzzed last, so every other operation still gets past
    # the door with it
    operations.sort(key=lambda operation: operation.definition.raw.get("operationId") in ENDS_SESSIONS)
    assert len(operations) >= 84
    seen: set[int] = set()
    for operation in operations:
        fuzz_operation(operation, known=existing(operation.path, fuzz_world), authorization=authorization, seen=seen)
    # the fuzzer reached past the door: some answers were not refusals
    if actor != "anonymous":
        assert any(status < 300 for status in seen), seen


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/council-conversations", "/api/v1/notifications"])
def test_a_page_beyond_the_last_is_a_documented_404(fuzz_world, path):
    """Found by the fuzzer: the lists answered 404 for a page beyond the last (as docs/api.md says), but the
    document listed 404 only for /cases. The test client checks the answer against the document."""
    from tests.api.conftest import authorized_client

    response = authorized_client(fuzz_world["authorizations"]["coordinator"]).get(f"{path}?page=999")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def _query_parameters() -> list[tuple[str, str, str]]:
    """(operationId, path, name) of every query parameter of a GET operation in the document."""
    from tests.openapi_contract import served_document

    found = []
    for path, item in served_document()["paths"].items():
        operation = item.get("get")
        for parameter in (operation or {}).get("parameters", []):
            if parameter.get("in") == "query":
                found.append((operation["operationId"], path, parameter["name"]))
    return found


# Operations whose query has required parameters: a valid query, so the first call can succeed and each parameter
# can be emptied on its own.
REQUIRED_QUERIES = {"getStatistics": {"from": "2026-01-01", "to": "2026-12-31", "by": "role"}}


def test_an_empty_query_value_is_refused_naming_the_parameter(fuzz_world):
    """Found by ``negative_data_rejection``: DRF reads an empty value of an optional field in a query string as
    left out, so ``?status=`` listed every case and ``?pageSize=`` gave 25, where the document says the value must
    be one of the options or a number. Now every list's query serializer gets plain values
    (``core.api.query_values``) and an empty one is a 400 naming it, for every query parameter of the document,
    asked as the first actor that may list at all."""
    from tests.api.conftest import assert_problem, authorized_client

    parameters = _query_parameters()
    assert {name for _op, _path, name in parameters} >= {"status", "page", "pageSize", "association", "read"}
    for operation_id, path, name in parameters:
        url = "/api/v1" + path.format(**existing(path, fuzz_world))
        required = REQUIRED_QUERIES.get(operation_id, {})
        for actor in ACTORS:
            client = authorized_client(fuzz_world["authorizations"][actor])
            if client.get(url, required).status_code == 200:
                break
        else:
            pytest.fail(f"nobody may call {operation_id}")
        assert_problem(client.get(url, {**required, name: ""}), 400, invalid={name})
