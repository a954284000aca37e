"""Contact details that end before the content: when a case's contact period passes before its content period,
the daily job erases name, e-mail address and phone number with everything that reaches the person (phone
hashes, the e-mail choice, queued e-mails, matched calls, a referral's consented contact), and keeps the case."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import make_case
from tests.incidents_web.conftest import portal_client
from tests.network.factories import consent_data, partner_with_user, propose
from tests.retention.conftest import close_long_ago
from tests.staff_web.conftest import verified_client
from weerbaar.accounts import policy
from weerbaar.cases import services as case_services
from weerbaar.cases.models import Case
from weerbaar.core.models import AuditEntry
from weerbaar.destruction.models import ContactErasure
from weerbaar.destruction.services import case_contact_erase
from weerbaar.guidance import dossier
from weerbaar.network import services as network_services
from weerbaar.network.models import Consent
from weerbaar.notifications.models import OfficeHolderEmail, OutgoingMail
from weerbaar.notifications.services import notify_office_holder
from weerbaar.retention import jobs, selectors, services
from weerbaar.retention.models import RetentionRule
from weerbaar.retention.periods import Periods, case_dates
from weerbaar.telephony.models import Call, CasePhone
from weerbaar.telephony.numbers import phone_hash
from weerbaar.telephony.services import call_event_receive, caller_case_match
from weerbaar.telephony.validation import CallEventData

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE, E164 = "Sam de Vries", "sam@example.org", "06 12345678", "+31612345678"
DESCRIPTION = "Ik ontving vannacht een bericht waarin staat dat ze mij komen opzoeken."


def _request(case: Case) -> dict:
    return policy.require_content(policy.system_access(case, purpose="test")).open("sealed_request")


@pytest.fixture
def short_contact(deciders):
    """Advised cases: contact details one month, content two years, metadata seven."""
    services.rule_save(actor=deciders["privacy"], association_code="", result="advised", periods=Periods(1, 24, 84))


@pytest.fixture
def reachable(deciders, short_contact):
    """A case closed 40 days ago (contact period over, content period not; Mijn zaak still open for 90 days)
    with every way to reach its office holder: a phone hash, the e-mail choice, a queued e-mail, a matched call
    and a partner referral with a consented phone number."""
    advisor = deciders["advisor"]
    case, code = make_case(state="claimed", advisor=advisor, notifyByEmail=True)
    partner, _user = partner_with_user()
    referral = propose(advisor, case, partner)
    network_services.referral_consent_give(
        actor=advisor, reference=case.reference, referral_id=referral.pk, data=consent_data(contact=PHONE)
    )
    event = call_event_receive(
        data=CallEventData(
            event="answered", call_id="contact-call", number=E164, advisor_username="anna", at=timezone.now()
        )
    )
    Call.objects.filter(call_id=event.call.call_id).update(matched_case=case)
    case_services.case_transition(actor=advisor, reference=case.reference, target="aftercare")
    case_services.case_transition(actor=advisor, reference=case.reference, target="closed", outcome="advised")
    OutgoingMail.objects.filter(case=case).delete()
    assert notify_office_holder(case=case, key="test:waiting")
    assert CasePhone.objects.filter(case=case).exists()
    assert OfficeHolderEmail.objects.filter(case=case).exists()
    return close_long_ago(case, days=40), code


def test_the_daily_job_erases_the_contact_details_and_keeps_the_content(reachable):
    case, _code = reachable
    assert _request(case)["name"] == NAME
    assert [c.reference for c in selectors.contact_erasures_due()] == [case.reference]

    result = jobs.retention_lists(timezone.now())

    assert result["contact_details_erased"] == 1
    case = Case.objects.get(pk=case.pk)  # still there: its content is kept until its own date
    request = _request(case)
    assert (request["name"], request["email"], request["phone"]) == ("", "", "")
    assert request["description"] == DESCRIPTION
    assert not CasePhone.objects.filter(case=case).exists()
    assert not OfficeHolderEmail.objects.filter(case=case).exists()
    assert not OutgoingMail.objects.filter(case=case).exists()
    call = Call.objects.get(call_id="contact-call")  # the caller log keeps the call, without the number
    assert (call.matched_case_id, call.from_hash, call.sealed_from) == (None, None, None)
    consent = Consent.objects.select_related("referral").get(referral__case=case)
    assert consent.open("sealed_contact", under=case) == ""
    assert ContactErasure.objects.get(case=case).erased_by == "system:retention"
    # a new call from the same number no longer finds the case
    assert caller_case_match(advisor=case.assigned_to, number_hash=phone_hash(E164)) is None
    # audited without content: which fields and how many rows, never the values
    entry = AuditEntry.objects.get(action="case.contact_erased", object_id=case.reference)
    assert entry.details == {
        "fields": ["email", "name", "phone"],
        "phoneHashes": 1,
        "emailChoice": True,
        "calls": 1,
        "consents": 1,
    }
    text = json.dumps(entry.details)
    assert not any(value in text for value in (NAME, EMAIL, PHONE, E164))
    # not due for destruction, and not due again: a second run changes nothing
    assert case.reference not in [c.reference for c in selectors.due_cases()]
    assert selectors.contact_erasures_due() == []
    assert services.contact_details_erase() == []
    assert case_contact_erase(case, actor="system:retention") is None
    assert AuditEntry.objects.filter(action="case.contact_erased").count() == 1


def test_a_legal_hold_keeps_the_contact_details(reachable, deciders):
    case, _code = reachable
    services.legal_hold_place(actor=deciders["coordinator"], raw={"reference": case.reference, "reason": "verzoek OM"})
    assert [c.held for c in selectors.contact_erasures_due()] == [True]
    assert services.contact_details_erase() == []
    assert _request(case)["name"] == NAME
    assert CasePhone.objects.filter(case=case).exists()


def test_contact_details_kept_as_long_as_the_content_go_with_the_destruction_only(deciders):
    case, _ = make_case(state="closed", advisor=deciders["advisor"], notifyByEmail=True)
    close_long_ago(case, days=800)  # advised: 24/24/84 by default, so due for destruction, not for erasure
    assert selectors.contact_erasures_due() == []
    assert services.contact_details_erase() == []
    assert [c.reference for c in selectors.due_cases()] == [case.reference]
    assert _request(case)["email"] == EMAIL


def test_plan_shows_it_apply_dry_run_changes_nothing_and_apply_erases(reachable):
    case, _code = reachable
    out = io.StringIO()
    call_command("retention", "plan", stdout=out)
    plan = out.getvalue()
    assert f"{case.reference}  advised" in plan
    assert "-> contact details to be erased" in plan
    assert "1 case(s) whose contact details are due" in plan
    assert NAME not in plan
    assert EMAIL not in plan

    out = io.StringIO()
    call_command("retention", "apply", "--dry-run", stdout=out)
    assert f"{case.reference}  would erase contact details" in out.getvalue()
    assert not ContactErasure.objects.exists()
    assert _request(case)["name"] == NAME

    out = io.StringIO()
    call_command("retention", "apply", stdout=out)
    assert f"{case.reference}  erased contact details" in out.getvalue()
    assert "1 case(s): contact details erased." in out.getvalue()
    assert _request(Case.objects.get(pk=case.pk))["name"] == ""


def test_nothing_breaks_on_a_case_without_contact_details(reachable, deciders):
    """The advisor sees when they were erased; Mijn zaak still signs in and says so; the download works; a
    message to the office holder queues no e-mail (there is no address) and fails nothing."""
    case, code = reachable
    services.contact_details_erase()
    advisor = deciders["advisor"]

    staff = verified_client(advisor)
    page = staff.get(f"/werkruimte/zaken/{case.reference}")
    assert page.status_code == 200
    html = page.content.decode()
    day = timezone.localdate().strftime("%-d")
    assert "Contactgegevens gewist" in html
    assert f"zijn op {day} " in html

    holder = portal_client(case, code)
    portal = holder.get("/mijn-zaak")
    assert portal.status_code == 200
    assert "Uw contactgegevens (naam, e-mailadres en telefoonnummer) zijn op" in portal.content.decode()
    download = holder.get("/mijn-zaak/uw-gegevens/download")
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    data = json.loads(archive.read("gegevens.json"))
    assert data["request"]["name"] == ""
    assert data["request"]["description"] == DESCRIPTION

    assert notify_office_holder(case=case, key="test:after") is False
    pdf = dossier.dossier_pdf(access=policy.access_case_for(advisor, case.reference))
    assert pdf.startswith(b"%PDF-")


# --- the periods: a table over the combinations, and the property behind it ---------------------------------


TABLE = [
    # contact, content, days since closing, contact details erased on their own?, due for destruction?
    (1, 24, 40, True, False),
    (1, 24, 20, False, False),
    (0, 24, 0, True, False),
    (0, 0, 0, False, True),
    (12, 12, 400, False, True),
    (12, 24, 400, True, False),
    (12, 24, 800, True, True),
    (24, 24, 400, False, False),
]


def test_which_part_goes_for_each_combination_of_periods(deciders):
    case, _ = make_case(state="closed", advisor=deciders["advisor"])
    today = timezone.localdate()
    for contact, content, days, erase, destroy in TABLE:
        case = close_long_ago(case, days=days)
        RetentionRule.objects.update_or_create(
            association=None,
            result="advised",
            defaults={
                "contact_months": contact,
                "content_months": content,
                "metadata_months": 84,
                "updated_at": timezone.now(),
            },
        )
        row = (contact, content, days)
        assert bool(selectors.contact_erasures_due(today)) is erase, row
        assert bool(selectors.due_cases(today)) is destroy, row


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(days, st.integers(0, 1200), st.integers(0, 1200), st.integers(0, 40_000))
def test_no_part_outlives_its_period_and_none_goes_before_it(closed_on, a, b, later):
    """Whatever the periods: on any day the contact details are gone exactly when their period has passed (on
    their own or with the destruction), and the content exactly when its period has."""
    contact, content = min(a, b), max(a, b)
    dates = case_dates(closed_on, Periods(contact, content, content))
    today = closed_on + timedelta(days=later)
    destroyed = today >= dates.destroy_on
    erased_alone = dates.contact_erase_on is not None and today >= dates.contact_erase_on
    assert (destroyed or erased_alone) == (today >= dates.contact_until)
    assert destroyed == (today >= dates.content_until)
