"""The case page's break-glass (issue 12 point 1): a coordinator takes a case of another association only on the
"Zelf overnemen" form with a reason; the case then says so to everyone who sees it."""

from __future__ import annotations

import pytest

from tests.factories import make_case
from weerbaar.cases.models import Case
from weerbaar.core.models import AuditEntry
from weerbaar.notifications.models import Notification

pytestmark = pytest.mark.django_db

REASON = "Anna is ziek en de dreiging loopt op."


def url(case, action: str = "") -> str:
    return f"/werkruimte/zaken/{case.reference}" + (f"/{action}" if action else "")


@pytest.fixture
def held(people):
    """An NVVR case (a raadslid's) claimed by anna; cora is the BZK coordinator."""
    case, _ = make_case(state="claimed", advisor=people["advisor"], name="Sam Geheim")
    return case


def _row(case):
    case = Case.objects.get(pk=case.pk)
    return case.assigned_to_id, case.status, AuditEntry.objects.count()


def test_the_coordinator_sees_the_take_over_form_and_no_quiet_way_in(people, as_user, held):
    html = as_user(people["coordinator"]).get(url(held)).content.decode()
    assert f'action="{url(held, "overnemen")}#overnemen"' in html
    assert 'name="take-over-reason"' in html
    assert f'action="{url(held, "claim")}"' not in html  # no "Zelf oppakken" button
    # The ordinary assignment lists only the NVVR's people: not cora herself, not olga (another association).
    assign_form = html[html.index(f'action="{url(held, "toewijzing")}') :]
    assign_form = assign_form[: assign_form.index("</form>")]
    assert 'value="bram"' in assign_form
    assert 'value="cora"' not in assign_form
    assert 'value="olga"' not in assign_form


def test_the_advisor_of_the_association_gets_no_take_over_form(people, as_user, held):
    html = as_user(people["advisor"]).get(url(held)).content.decode()
    assert "take-over-reason" not in html


@pytest.mark.parametrize("reason", ["", "te kort"])
def test_without_a_reason_the_form_comes_back_with_the_error_and_nothing_changes(people, as_user, held, reason):
    client = as_user(people["coordinator"])
    before = _row(held)
    response = client.post(url(held, "overnemen"), {"take-over-reason": reason})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_take-over-reason"' in html
    assert 'aria-invalid="true"' in html or "utrecht-textarea--invalid" in html
    assert "Sam Geheim" not in html
    assert _row(held) == before
    assert not Notification.objects.filter(kind="case_taken_over").exists()


def test_claim_and_self_assignment_are_refused_for_another_associations_case(people, as_user):
    case, _ = make_case()
    client = as_user(people["coordinator"])
    before = _row(case)
    assert client.post(url(case, "claim")).status_code == 403
    assert client.post(url(case, "toewijzing"), {"advisor": "cora"}).status_code == 400
    assert client.post(url(case, "toewijzing"), {"advisor": "olga"}).status_code == 400
    assert _row(case) == before


def test_taking_over_with_a_reason_opens_the_case_and_shows_it_to_everyone(people, as_user, held):
    client = as_user(people["coordinator"])
    response = client.post(url(held, "overnemen"), {"take-over-reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == url(held)
    held.refresh_from_db()
    assert held.assigned_to == people["coordinator"]
    assert AuditEntry.objects.filter(action="case.taken_over", actor="user:cora", object_id=held.reference).exists()

    html = client.get(url(held)).content.decode()
    assert "Sam Geheim" in html  # the content, now
    assert "Buiten de eigen vereniging." in html
    assert "take-over-reason" not in html  # taken: the form is gone

    # The association's advisor who held it: told, and sees the banner and the reason among the notes.
    anna = as_user(people["advisor"])
    assert Notification.objects.filter(kind="case_taken_over", recipient=people["advisor"]).exists()
    page = anna.get(url(held)).content.decode()
    assert "Buiten de eigen vereniging." in page
    assert "Cora Coördinator heeft deze zaak van" in page
    assert REASON in anna.get(url(held, "notities")).content.decode()
    history = anna.get(url(held, "geschiedenis")).content.decode()
    assert "Zaak overgenomen buiten de eigen vereniging (met reden)" in history


def test_an_advisor_posting_to_the_take_over_form_is_refused(people, as_user, held):
    before = _row(held)
    assert as_user(people["colleague"]).post(url(held, "overnemen"), {"take-over-reason": REASON}).status_code == 403
    assert _row(held) == before
