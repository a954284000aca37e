"""The referral API on its three sides: staff, the partner and the office holder (one rule set with the web)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.network.conftest import setup  # noqa: F401  (fixture)
from tests.network.factories import partner_with_user, referral_in
from tests.staff_web.conftest import people  # noqa: F401  (fixture)
from weerbaar.network import items
from weerbaar.network.models import Consent, Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(setup):  # noqa: F811
    case = setup["case"]
    return {
        **setup,
        "staff": staff_client(setup["advisor"]),
        "partner_api": staff_client(setup["partner_user"]),
        "other_partner_api": staff_client(setup["other_user"]),
        "holder": bearer_client(case.reference, setup["code"]),
        "base": f"/api/v1/cases/{case.reference}/referrals",
        "own": f"/api/v1/help-requests/{case.reference}/referrals",
    }


def _propose(api, items_=("incident:1", "incident:2"), question="Kunt u langskomen?"):
    body = {"partnerId": api["partner"].pk, "question": question, "items": list(items_)}
    return api["staff"].post(api["base"], body, format="json")


def test_suggestions_rank_the_kind_first_and_say_why(api):
    from tests.directory_partners.factories import PartnerFactory

    lawyer = PartnerFactory(name="Advocaat", kind="legal_aid", nationwide=True)
    url = f"/api/v1/cases/{api['case'].reference}/partner-suggestions"
    rows = api["staff"].get(url, {"kind": "legal_aid"}).json()
    assert rows[0]["partnerId"] == lawyer.pk
    assert rows[0]["kindMatches"] is True
    assert rows[0]["reasons"]
    assert {r["partnerId"] for r in rows} >= {api["partner"].pk, api["other_partner"].pk}
    assert_problem(api["staff"].get(url, {"kind": "astrologer"}), 400, invalid={"kind"})


def test_propose_answers_the_referral_with_items_by_number_and_a_location(api):
    response = _propose(api, items_=("incident:1", "evidence:1", "request_text"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "proposed"
    assert body["question"] == "Kunt u langskomen?"
    assert body["consent"] is None
    assert [i["key"] for i in body["proposedItems"]] == ["request_text", "incident:1", "evidence:1"]
    assert response["Location"].endswith(f"{api['base']}/{body['id']}")
    assert set(body["allowedActions"]) == {"consent", "refuse", "cancel"}
    referral = Referral.objects.get()
    assert referral.proposed_items == sorted(
        [items.REQUEST_TEXT, items.incident_item(api["first"].pk), items.evidence_item(api["shared"].pk)]
    )
    assert api["staff"].get(api["base"]).json()[0]["id"] == referral.pk
    assert api["staff"].get(f"{api['base']}/{referral.pk}").json()["id"] == referral.pk


def test_propose_refuses_what_the_web_refuses(api):
    bad = api["staff"].post(api["base"], {"partnerId": 0, "question": "", "items": ["incident:99"]}, format="json")
    assert_problem(bad, 400, invalid={"partnerId", "question", "items"})
    assert_problem(api["staff"].post(api["base"], [1], format="json"), 400, invalid={"body"})
    api["other_partner"].active = False
    api["other_partner"].save()
    body = {"partnerId": api["other_partner"].pk, "question": "Vraag"}
    assert_problem(api["staff"].post(api["base"], body, format="json"), 400, invalid={"partnerId"})
    assert not Referral.objects.exists()


def test_the_whole_path_through_the_api(api):
    referral_id = _propose(api).json()["id"]
    partner, holder, staff = api["partner_api"], api["holder"], api["staff"]
    # before consent and before sending the partner sees nothing at all
    assert partner.get("/api/v1/referrals").json() == []
    assert_problem(partner.get(f"/api/v1/referrals/{referral_id}"), 404)
    assert_problem(staff.post(f"{api['base']}/{referral_id}/status-changes", {"action": "send"}, format="json"), 409)

    mine = holder.get(api["own"]).json()
    assert [r["id"] for r in mine] == [referral_id]
    assert [i["key"] for i in mine[0]["proposedItems"]] == ["incident:1", "incident:2"]
    bad = holder.put(
        f"{api['own']}/{referral_id}/consent",
        {"items": ["incident:1"], "contactMethod": "email", "contact": "geen-adres"},
        format="json",
    )
    assert_problem(bad, 400, invalid={"contact"})
    not_proposed = holder.put(
        f"{api['own']}/{referral_id}/consent",
        {"items": ["evidence:1"], "contactMethod": "email", "contact": "sam@example.org"},
        format="json",
    )
    assert_problem(not_proposed, 400, invalid={"items"})
    given = holder.put(
        f"{api['own']}/{referral_id}/consent",
        {"items": ["incident:1"], "contactMethod": "email", "contact": "sam@example.org"},
        format="json",
    )
    assert given.status_code == 200, given.content
    consent = given.json()["consent"]
    assert [i["key"] for i in consent["items"]] == ["incident:1"]
    assert consent["method"] == "portal"
    assert consent["recorded"] is False
    again = holder.put(
        f"{api['own']}/{referral_id}/consent",
        {"items": [], "contactMethod": "email", "contact": "sam@example.org"},
        format="json",
    )
    assert_problem(again, 409)

    sent = staff.post(f"{api['base']}/{referral_id}/status-changes", {"action": "send"}, format="json")
    assert sent.status_code == 201, sent.content
    assert sent.json()["fromStatus"] == "consented"
    assert sent.json()["status"] == "sent"

    listed = partner.get("/api/v1/referrals").json()
    assert [r["id"] for r in listed] == [referral_id]
    assert "question" not in listed[0]
    detail = partner.get(f"/api/v1/referrals/{referral_id}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["firstName"] == "Sam"
    assert body["question"] == "Kunt u langskomen?"
    assert body["contactMethod"] == "email"
    assert body["contact"] == "sam@example.org"
    assert body["requestText"] is None
    assert [i["number"] for i in body["incidents"]] == [api["first"].number]
    assert "we weten waar je woont" in body["incidents"][0]["description"]
    assert "Tweede incident" not in detail.content.decode()
    assert body["evidence"] == []
    assert set(body["allowedActions"]) == {"accept", "decline"}
    # another partner: nothing, not even that it exists
    assert api["other_partner_api"].get("/api/v1/referrals").json() == []
    assert_problem(api["other_partner_api"].get(f"/api/v1/referrals/{referral_id}"), 404)

    changes = f"/api/v1/referrals/{referral_id}/status-changes"
    assert_problem(partner.post(changes, {"action": "send"}, format="json"), 400, invalid={"action"})
    assert partner.post(changes, {"action": "accept"}, format="json").status_code == 201
    assert_problem(partner.post(changes, {"action": "complete", "text": ""}, format="json"), 400, invalid={"text"})
    done = partner.post(changes, {"action": "complete", "text": "We hebben gesproken."}, format="json")
    assert done.status_code == 201
    assert done.json()["status"] == "completed"
    final = staff.get(f"{api['base']}/{referral_id}").json()
    assert final["status"] == "completed"
    assert final["report"] == "We hebben gesproken."


def test_a_partner_gets_404_immediately_after_withdrawal(api):
    referral_id = _propose(api).json()["id"]
    recorded = api["staff"].put(
        f"{api['base']}/{referral_id}/consent",
        {
            "items": ["incident:1"],
            "contactMethod": "phone",
            "contact": "06 12345678",
            "method": "phone",
            "givenAt": timezone.now().isoformat(),
        },
        format="json",
    )
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["consent"]["recorded"] is True
    assert recorded.json()["consent"]["method"] == "phone"
    api["staff"].post(f"{api['base']}/{referral_id}/status-changes", {"action": "send"}, format="json")
    assert api["partner_api"].get(f"/api/v1/referrals/{referral_id}").status_code == 200

    assert api["holder"].delete(f"{api['own']}/{referral_id}/consent").status_code == 204
    assert_problem(api["partner_api"].get(f"/api/v1/referrals/{referral_id}"), 404)
    assert api["partner_api"].get("/api/v1/referrals").json() == []
    answer = api["partner_api"].post(
        f"/api/v1/referrals/{referral_id}/status-changes", {"action": "accept"}, format="json"
    )
    assert_problem(answer, 404)
    assert_problem(api["holder"].delete(f"{api['own']}/{referral_id}/consent"), 409)
    referral = Referral.objects.get()
    assert referral.status == "cancelled"
    assert referral.cancel_reason == "consent_withdrawn"
    assert Consent.objects.get().withdrawn_by == "office_holder"


def test_staff_withdrawal_after_completion_hides_the_referral_too(api):
    referral = referral_in(
        "completed",
        api["advisor"],
        api["case"],
        api["partner"],
        proposed=[items.incident_item(api["first"].pk)],
        chosen=[items.incident_item(api["first"].pk)],
        partner_user=api["partner_user"],
    )
    completed = api["partner_api"].get(f"/api/v1/referrals/{referral.pk}")
    assert completed.status_code == 200
    # Completed: the partner keeps the dates and its own report, nothing of the office holder.
    body = completed.json()
    assert (body["firstName"], body["contact"], body["incidents"]) == (None, None, [])
    assert body["report"]
    assert api["staff"].delete(f"{api['base']}/{referral.pk}/consent").status_code == 204
    assert_problem(api["partner_api"].get(f"/api/v1/referrals/{referral.pk}"), 404)
    referral.refresh_from_db()
    assert referral.status == "completed"


def test_recorded_consent_needs_how_and_when(api):
    referral_id = _propose(api).json()["id"]
    url = f"{api['base']}/{referral_id}/consent"
    missing = api["staff"].put(url, {"contactMethod": "phone", "contact": "06 12345678"}, format="json")
    assert_problem(missing, 400, invalid={"method", "givenAt"})
    future = (timezone.now() + timedelta(days=1)).isoformat()
    body = {"contactMethod": "phone", "contact": "06 12345678", "method": "phone", "givenAt": future}
    assert_problem(api["staff"].put(url, body, format="json"), 400, invalid={"givenAt"})
    assert not Consent.objects.exists()


def test_partner_answers_decline_needs_a_reason_and_the_deadline_counts(api):
    referral = referral_in("sent", api["advisor"], api["case"], api["partner"], partner_user=api["partner_user"])
    url = f"/api/v1/referrals/{referral.pk}/status-changes"
    assert_problem(api["partner_api"].post(url, {"action": "decline"}, format="json"), 400, invalid={"text"})
    Referral.objects.filter(pk=referral.pk).update(respond_by=timezone.now() - timedelta(minutes=1))
    late = api["partner_api"].post(url, {"action": "decline", "text": "Geen plek"}, format="json")
    assert_problem(late, 409)
    assert late.json()["code"] == "too_late"


def test_staff_cancel_and_refuse(api):
    first = _propose(api).json()["id"]
    second = _propose(api).json()["id"]
    cancel = api["staff"].post(f"{api['base']}/{first}/status-changes", {"action": "cancel"}, format="json")
    assert cancel.json()["status"] == "cancelled"
    refuse = api["staff"].post(f"{api['base']}/{second}/status-changes", {"action": "refuse"}, format="json")
    assert refuse.status_code == 201
    assert api["staff"].get(f"{api['base']}/{second}").json()["cancelReason"] == "consent_refused"
    assert_problem(api["staff"].post(f"{api['base']}/{first}/status-changes", {"action": "cancel"}, format="json"), 409)
    assert_problem(
        api["staff"].post(f"{api['base']}/{first}/status-changes", {"action": "accept"}, format="json"),
        400,
        invalid={"action"},
    )


def test_ids_of_another_case_or_far_too_large_are_simply_not_found(api):
    from tests.factories import make_case

    other_case, other_code = make_case(state="claimed", advisor=api["advisor"])
    referral_id = _propose(api).json()["id"]
    other_base = f"/api/v1/cases/{other_case.reference}/referrals"
    assert_problem(api["staff"].get(f"{other_base}/{referral_id}"), 404)
    assert_problem(api["staff"].get(f"{api['base']}/{2**70}"), 404)
    assert_problem(api["partner_api"].get(f"/api/v1/referrals/{2**70}"), 404)
    other_holder = bearer_client(other_case.reference, other_code)
    own_other = f"/api/v1/help-requests/{other_case.reference}/referrals"
    assert other_holder.get(own_other).json() == []
    assert_problem(other_holder.delete(f"{own_other}/{referral_id}/consent"), 404)
    assert_problem(other_holder.get(api["own"]), 404)


def test_other_staff_roles_are_refused_on_the_partner_endpoints(api):
    _partner, _unlinked = partner_with_user("ulla")
    assert_problem(api["staff"].get("/api/v1/referrals"), 403)
    assert_problem(api["holder"].get("/api/v1/referrals"), 401)


def test_a_coordinator_who_may_not_read_the_case_gets_its_referrals_as_metadata(api):
    """Issue 11: the list answered 404 to coordinators while the web page showed it; now it follows the policy
    (``access_case_referrals``): partner, status and dates, nothing of the question, items, consent or answer."""
    from weerbaar.core.models import AuditEntry

    advisor, case = api["advisor"], api["case"]
    referral_in("sent", advisor, case, api["partner"], proposed=[items.incident_item(api["first"].pk)])
    coordinator = api["people"]["coordinator"]  # of bzk; the case is nvvr's and not assigned to them
    client = staff_client(coordinator)
    audited = AuditEntry.objects.count()
    response = client.get(api["base"])
    assert response.status_code == 200, response.content
    (row,) = response.json()
    assert row["partner"] == {"id": api["partner"].pk, "name": "Vakgenoot Noord"}
    assert row["status"] == "sent"
    assert row["sentAt"] is not None
    assert row["metadataOnly"] is True
    assert row["question"] is None
    assert row["proposedItems"] == []
    assert row["consent"] is None
    assert row["report"] is None
    assert row["allowedActions"] == []
    assert b"Kunt u langskomen" not in response.content
    assert b"06 12345678" not in response.content  # the consent's contact
    assert AuditEntry.objects.count() == audited  # nothing was opened
    # The referral itself and every change stay with those who may read the case.
    assert_problem(client.get(f"{api['base']}/{row['id']}"), 404)
    # The case's own advisor still gets everything.
    full = api["staff"].get(api["base"]).json()[0]
    assert full["metadataOnly"] is False
    assert full["question"] == "Kunt u langskomen voor een kop koffie?"
    assert full["consent"] is not None
    assert "cancel" in full["allowedActions"]
