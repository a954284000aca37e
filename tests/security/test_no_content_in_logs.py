"""Case content never reaches a log record, whatever logger and level (DESIGN.md: never logged)."""

from __future__ import annotations

import logging

import pytest
from django.db import connection

from tests.factories import help_request_payload
from tests.security.scenario import PLAINTEXTS, needles, run_case_work
from weerbaar.accounts.tokens import api_token_create


@pytest.fixture
def all_logs(caplog):
    """Every logger at DEBUG, propagating to caplog's root handler; SQL with parameters logged too."""
    saved = []
    for logger in [logging.getLogger(), *logging.root.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            saved.append((logger, logger.level, logger.propagate, logger.disabled))
            logger.setLevel(logging.DEBUG)
            logger.disabled = False
            if logger is not logging.getLogger():
                logger.propagate = True
    caplog.set_level(logging.DEBUG)
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False
    for logger, level, propagate, disabled in saved:
        logger.setLevel(level)
        logger.propagate = propagate
        logger.disabled = disabled


def rendered(record: logging.LogRecord) -> bytes:
    text = record.getMessage()
    if record.exc_info:
        text += logging.Formatter().formatException(record.exc_info)
    text += repr(getattr(record, "args", ""))
    text += repr({k: v for k, v in vars(record).items() if k not in {"msg", "args", "exc_info"}})
    return text.encode()


def assert_no_content(records, extra: dict[str, str] | None = None) -> None:
    patterns = needles(extra)
    for record in records:
        raw = rendered(record)
        for label, forms in patterns.items():
            assert not any(form in raw for form in forms), (
                f"{label} logged by {record.name}: {record.getMessage()[:200]}"
            )


def test_log_capture_is_not_blind(all_logs):
    logging.getLogger("weerbaar.anything").debug("probe %s", PLAINTEXTS["note"])
    with pytest.raises(AssertionError):
        assert_no_content(all_logs.records)


def test_sql_parameters_are_captured_so_plain_storage_would_show(all_logs, db):
    from weerbaar.core.audit import audit_record

    all_logs.clear()
    audit_record(actor=None, action="probe", details={"text": PLAINTEXTS["call summary"]})
    with pytest.raises(AssertionError, match=r"call summary logged by django\.db\.backends"):
        assert_no_content(all_logs.records)


def test_service_layer_case_work_logs_no_content(all_logs, staff):
    scenario = run_case_work(staff)
    assert any(r.name == "django.db.backends" for r in all_logs.records), "SQL debug logging should be captured"
    assert_no_content(all_logs.records, {"code": scenario.follow_up_code, "token": scenario.session_token})


def test_api_intake_and_case_work_log_no_content(all_logs, staff, client):
    invalid = help_request_payload(
        name=PLAINTEXTS["name"], email="not-an-email " + PLAINTEXTS["email"], description=PLAINTEXTS["description"]
    )
    assert client.post("/api/v1/help-requests", invalid, content_type="application/json").status_code == 400
    created = client.post(
        "/api/v1/help-requests",
        help_request_payload(
            name=PLAINTEXTS["name"],
            email=PLAINTEXTS["email"],
            phone=PLAINTEXTS["phone"],
            description=PLAINTEXTS["description"],
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    reference, code = created.json()["reference"], created.json()["followUpCode"]

    wrong = client.post(
        "/api/v1/follow-up-sessions", {"reference": reference, "followUpCode": "WRONG"}, content_type="application/json"
    )
    assert wrong.status_code == 401
    session = client.post(
        "/api/v1/follow-up-sessions", {"reference": reference, "followUpCode": code}, content_type="application/json"
    )
    assert session.status_code == 201, session.content
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {session.json()['token']}"}
    sent = client.post(
        f"/api/v1/help-requests/{reference}/messages",
        {"text": PLAINTEXTS["office holder message"]},
        content_type="application/json",
        **bearer,
    )
    assert sent.status_code == 201, sent.content

    staff_auth = {"HTTP_AUTHORIZATION": f"Token {api_token_create(user=staff.advisor)}"}
    post = {"content_type": "application/json", **staff_auth}
    assert client.post(f"/api/v1/cases/{reference}/assignment", {"advisor": "me"}, **post).status_code in (200, 201)
    assert client.get(f"/api/v1/cases/{reference}", **staff_auth).json()["name"] == PLAINTEXTS["name"]
    assert client.post(f"/api/v1/cases/{reference}/notes", {"text": PLAINTEXTS["note"]}, **post).status_code == 201
    assert client.get(f"/api/v1/cases/{reference}/notes", **staff_auth).status_code == 200
    msg = client.post(f"/api/v1/cases/{reference}/messages", {"text": PLAINTEXTS["advisor message"]}, **post)
    assert msg.status_code == 201
    assert client.get(f"/api/v1/cases/{reference}/messages", **staff_auth).status_code == 200
    # Errors carry no content either: an illegal transition and a reopen without reason.
    illegal = client.post(
        f"/api/v1/cases/{reference}/status-changes", {"status": "new", "reason": PLAINTEXTS["reopen reason"]}, **post
    )
    assert illegal.status_code == 409
    aftercare = client.post(
        f"/api/v1/cases/{reference}/status-changes",
        {"status": "aftercare", "reason": PLAINTEXTS["aftercare reason"]},
        **post,
    )
    assert aftercare.status_code in (200, 201)
    for response in (illegal,):
        for forms in needles().values():
            assert not any(form in response.content for form in forms)

    assert all_logs.records, "requests should have produced log records (at least SQL)"
    assert_no_content(all_logs.records, {"code": code, "token": session.json()["token"]})
