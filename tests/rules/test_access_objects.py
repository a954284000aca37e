"""Access objects: only the policy grants them, and every read that decrypts refuses anything below content level.

The coordinator (association bzk) sees the metadata of an nvvr case but not its content: the policy hands
them a metadata-level ``CaseAccess``. Passing that grant — or a bare case, or a grant of another kind — to
a selector that opens sealed content is refused with ``AccessRequired`` before anything is decrypted.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import incident_payload, make_case
from weerbaar.accounts import policy
from weerbaar.aftercare import selectors as aftercare_selectors
from weerbaar.cases import selectors as case_selectors
from weerbaar.core.errors import NotFound
from weerbaar.core.models import AuditEntry
from weerbaar.guidance import dossier
from weerbaar.incidents import selectors as incident_selectors
from weerbaar.incidents import services as incident_services
from weerbaar.incidents.validation import validate_incident
from weerbaar.network import selectors as network_selectors
from weerbaar.telephony import selectors as telephony_selectors

SRC = Path(__file__).resolve().parents[2] / "src" / "weerbaar"


@pytest.fixture
def case(staff):
    case, _ = make_case(role="raadslid", state="claimed", advisor=staff.advisor)
    incident_services.incident_record(
        actor=staff.advisor, reference=case.reference, data=validate_incident(incident_payload())
    )
    return case


@pytest.fixture
def metadata(staff, case):
    """The coordinator's grant on another association's case: metadata only."""
    access = policy.access_case_at_best(staff.coordinator, case.reference)
    assert access.level is policy.METADATA
    return access


def _content_readers():
    """Every selector (and the dossier) that opens a case's sealed content, called with a given grant."""
    return {
        "case request": lambda a: case_selectors.case_request_read(access=a),
        "case notes": lambda a: case_selectors.case_notes_read(access=a),
        "case messages": lambda a: case_selectors.case_messages_read(access=a),
        "case calls": lambda a: case_selectors.case_calls_read(access=a),
        "status reasons": lambda a: case_selectors.case_status_history(access=a),
        "incidents": lambda a: incident_selectors.incidents_read(access=a),
        "one incident": lambda a: incident_selectors.incident_read(access=a, number=1),
        "evidence list": lambda a: incident_selectors.evidence_list(access=a),
        "damage": lambda a: incident_selectors.damage_read(access=a),
        "evidence file": lambda a: incident_services.evidence_read(access=a, number=1),
        "referrals": lambda a: network_selectors.case_referrals(access=a),
        "request text": lambda a: network_selectors.request_text_of(a),
        "consent contact": lambda a: network_selectors.contact_default(a, "email"),
        "aftercare plan": lambda a: aftercare_selectors.aftercare_plan_read(access=a),
        "check-ins": lambda a: aftercare_selectors.office_holder_check_ins(access=a),
        "dossier pdf": lambda a: dossier.dossier_pdf(access=a),
        "dossier zip": lambda a: dossier.dossier_zip(access=a),
    }


@pytest.mark.parametrize("reader", list(_content_readers()))
def test_a_metadata_grant_is_refused_by_every_decrypting_read(metadata, reader):
    before = AuditEntry.objects.count()
    with pytest.raises(policy.AccessRequired):
        _content_readers()[reader](metadata)
    assert AuditEntry.objects.count() == before  # refused before anything was read (or recorded as read)


@pytest.mark.parametrize("reader", list(_content_readers()))
def test_a_bare_case_is_refused_by_every_decrypting_read(case, reader):
    with pytest.raises(policy.AccessRequired):
        _content_readers()[reader](case)


@pytest.mark.parametrize("reader", list(_content_readers()))
def test_a_content_grant_opens_every_read(staff, case, reader):
    try:
        _content_readers()[reader](policy.access_case(staff.advisor, case.reference))
    except NotFound:
        assert reader == "evidence file"  # let through, and this case simply has no exhibit 1


def test_the_metadata_grant_still_shows_the_status_history_without_reasons(metadata):
    history = case_selectors.case_status_history(access=metadata, include_reasons=False)
    assert [h.extra["to"] for h in history] == ["new", "in_progress"]
    assert all(h.text == "" for h in history)


def test_grants_of_another_kind_are_refused(staff, case):
    content = policy.access_case(staff.advisor, case.reference)
    with pytest.raises(policy.AccessRequired):
        telephony_selectors.call_number_for_intake(access=content)
    with pytest.raises(policy.AccessRequired):
        network_selectors.referral_read(access=content)
    from weerbaar.council.selectors import council_request_read

    with pytest.raises(policy.AccessRequired):
        council_request_read(access=content)


def test_a_grant_for_one_part_does_not_open_the_whole_case(staff, case):
    """A partner's grant names the consented parts; a whole-case read refuses it, its own part opens."""
    from weerbaar.accounts.policy.access import _grant_case

    incident = case.incidents.get(number=1)
    part = _grant_case(staff.advisor, case, policy.CONTENT, frozenset({("incident", incident.pk)}))
    assert not part.has_content
    assert incident_selectors.incident_read(access=part, number=1) is not None
    with pytest.raises(policy.AccessRequired):
        incident_selectors.incidents_read(access=part)
    with pytest.raises(policy.AccessRequired):
        network_selectors.request_text_of(part)


def test_a_view_cannot_make_or_raise_a_grant(staff, case, metadata):
    with pytest.raises(TypeError):
        policy.CaseAccess(staff.coordinator, case, policy.CONTENT)
    with pytest.raises(TypeError):
        policy.CaseAccess(staff.coordinator, case, policy.CONTENT, grant=object())
    with pytest.raises((TypeError, ValueError)):
        dataclasses.replace(metadata, level=policy.CONTENT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        metadata.level = policy.CONTENT  # type: ignore[misc]
    with pytest.raises(TypeError):
        policy.ReferralAccess(staff.coordinator, object(), policy.Party.PARTNER)
    for kind in (policy.CouncilAccess, policy.CallAccess):
        with pytest.raises(TypeError):
            kind(staff.coordinator, object())


def test_only_the_policy_package_touches_the_grant_token():
    """The private grant functions and token stay inside accounts/policy: nothing else can mint access."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.is_relative_to(SRC / "accounts" / "policy"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\b_grant_\w+|\b_GRANT\b|object\.__new__\(\s*\w*Access\b", text):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_system_access_names_its_purpose(case):
    access = policy.system_access(case, purpose="evidence.verify")
    assert access.actor == "system:evidence.verify"
    assert access.is_system
    assert access.has_content
    with pytest.raises(ValueError):
        policy.system_access(case, purpose="")


def test_the_best_grant_is_one_query(staff, case):
    """The case page asks once: content for the advisor, metadata for the coordinator, from one row."""
    for user, level in ((staff.advisor, policy.CONTENT), (staff.coordinator, policy.METADATA)):
        with CaptureQueriesContext(connection) as queries:
            access = policy.access_case_at_best(user, case.reference)
        assert access.level is level
        loads = [q["sql"] for q in queries.captured_queries if 'FROM "cases_case"' in q["sql"]]
        assert len(loads) == 1, loads
    with pytest.raises(NotFound):
        policy.access_case_at_best(staff.partner, case.reference)
