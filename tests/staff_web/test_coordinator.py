"""Coordinator views: all cases' metadata, escalations with reassignment, and the directory."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case
from weerbaar.cases.models import Case
from weerbaar.directory.models import DirectoryContact

pytestmark = pytest.mark.django_db


def references(response) -> list[str]:
    return re.findall(r'href="/werkruimte/zaken/(WB-[0-9A-Z]{4}-[0-9A-Z]{4})"', response.content.decode())


def test_all_cases_lists_every_association_metadata_only(people, as_user):
    nvvr, _ = make_case(role="raadslid", name="Geheime Naam")
    wethouder, _ = make_case(role="wethouder", description="Geheim verhaal")
    response = as_user(people["coordinator"]).get("/werkruimte/alle-zaken")
    assert response.status_code == 200
    assert set(references(response)) == {nvvr.reference, wethouder.reference}
    html = response.content.decode()
    assert "Geheime Naam" not in html
    assert "Geheim verhaal" not in html


def test_all_cases_filters(people, as_user):
    nvvr, _ = make_case(role="raadslid", acuteDanger=True)
    wethouder, _ = make_case(role="wethouder", overdue=True)
    closed, _ = make_case(state="closed", advisor=people["advisor"])
    client = as_user(people["coordinator"])
    response = client.get("/werkruimte/alle-zaken", {"association": "wethoudersvereniging"})
    assert references(response) == [wethouder.reference]
    assert '<option value="wethoudersvereniging" selected>' in response.content.decode()
    assert references(client.get("/werkruimte/alle-zaken", {"urgent": "yes"})) == [nvvr.reference]
    assert references(client.get("/werkruimte/alle-zaken", {"escalated": "yes"})) == [wethouder.reference]
    assert set(references(client.get("/werkruimte/alle-zaken", {"escalated": "no"}))) == {nvvr.reference}
    assert references(client.get("/werkruimte/alle-zaken", {"status": "closed"})) == [closed.reference]


def test_escalated_lists_unclaimed_overdue_cases_most_overdue_first(people, as_user):
    a, _ = make_case(role="wethouder")
    b, _ = make_case(role="raadslid")
    make_case()  # not overdue
    claimed, _ = make_case(state="claimed", advisor=people["advisor"])
    now = timezone.now()
    Case.objects.filter(pk=a.pk).update(respond_by=now - timedelta(hours=1))
    Case.objects.filter(pk=b.pk).update(respond_by=now - timedelta(hours=5))
    Case.objects.filter(pk=claimed.pk).update(respond_by=now - timedelta(hours=9))
    response = as_user(people["coordinator"]).get("/werkruimte/escalaties")
    assert response.status_code == 200
    assert references(response) == [b.reference, a.reference]
    html = response.content.decode()
    assert f'id="id_assign-{a.reference}-advisor"' in html
    assert f'<label class="utrecht-form-label" for="id_assign-{a.reference}-advisor">' in html


def test_reassign_from_the_escalated_list(people, as_user):
    case, _ = make_case(role="wethouder", overdue=True)
    client = as_user(people["coordinator"])
    response = client.post(
        f"/werkruimte/zaken/{case.reference}/toewijzing",
        {
            "next": "/werkruimte/escalaties",
            "form_prefix": f"assign-{case.reference}",
            f"assign-{case.reference}-advisor": "olga",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/werkruimte/escalaties"
    case.refresh_from_db()
    assert (case.assigned_to, case.status) == (people["other_advisor"], "in_progress")
    assert references(client.get("/werkruimte/escalaties")) == []


def test_advisors_do_not_see_coordinator_views(people, as_user):
    client = as_user(people["advisor"])
    for path in ["/werkruimte/alle-zaken", "/werkruimte/escalaties", "/werkruimte/adresboek"]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Geen toegang" in response.content.decode()


def test_directory_management_add_hide_and_show(people, as_user):
    client = as_user(people["coordinator"])
    response = client.get("/werkruimte/adresboek")
    assert response.status_code == 200
    response = client.post(
        "/werkruimte/adresboek/contactpersonen", {"contact-association": "nvvr", "contact-name": "Nieuwe Adviseur"}
    )
    assert response.status_code == 302
    contact = DirectoryContact.objects.get(name="Nieuwe Adviseur")
    assert contact.is_active
    assert "Nieuwe Adviseur" in client.get("/werkruimte/adresboek").content.decode()

    assert client.post(f"/werkruimte/adresboek/contactpersonen/{contact.pk}/zichtbaarheid").status_code == 302
    contact.refresh_from_db()
    assert not contact.is_active
    html = client.get("/werkruimte/adresboek").content.decode()
    assert "Nee, verborgen" in html
    client.post(f"/werkruimte/adresboek/contactpersonen/{contact.pk}/zichtbaarheid", {"active": "on"})
    contact.refresh_from_db()
    assert contact.is_active


def test_directory_duplicate_is_refused_with_the_typed_name_kept(people, as_user):
    client = as_user(people["admin"])
    existing = DirectoryContact.objects.filter(association__code="nvvr").first()
    response = client.post(
        "/werkruimte/adresboek/contactpersonen", {"contact-association": "nvvr", "contact-name": existing.name}
    )
    assert response.status_code == 400
    assert 'id="id_contact-name_error"' in response.content.decode()
    response = client.post("/werkruimte/adresboek/contactpersonen", {"contact-association": "", "contact-name": "X Y"})
    assert response.status_code == 400
    assert 'value="X Y"' in response.content.decode()


def test_directory_management_is_for_coordinators_and_admins_only(people, as_user):
    contact = DirectoryContact.objects.first()
    for role in ["advisor", "partner", "analyst"]:
        client = as_user(people[role])
        assert client.get("/werkruimte/adresboek").status_code == 403, role
        response = client.post(f"/werkruimte/adresboek/contactpersonen/{contact.pk}/zichtbaarheid")
        assert response.status_code == 403, role
    contact.refresh_from_db()
    assert contact.is_active
    assert as_user(people["admin"]).get("/werkruimte/adresboek").status_code == 200


@pytest.mark.parametrize("path", ["/werkruimte/alle-zaken", "/werkruimte/escalaties"])
def test_coordinator_lists_use_a_fixed_number_of_queries(path, people, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(people["coordinator"])
    make_case(overdue=True)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for role in ["wethouder", "burgemeester", "raadslid", "statenlid", "other", "wethouder"]:
        extra = {"provinceCode": "PV27", "municipalityCode": ""} if role in ("statenlid", "other") else {}
        make_case(role=role, overdue=True, **extra)
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
    assert len(references(response)) == 7
    assert len(many) == len(few)


def test_coordinator_sees_the_background_jobs_with_their_last_runs(people, as_user):
    from weerbaar.core import jobs

    for run in jobs.schedule_due_jobs():
        jobs.run_job.call(run.pk)
    response = as_user(people["coordinator"]).get("/werkruimte/achtergrondtaken")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("escalate_overdue", "clear_sessions", "prune_task_results", "verify_evidence"):
        assert f'<code class="weerbaar-ws-jobs__code">{name}</code>' in html  # the code name, small, under…
        assert str(jobs.JOBS[name].title) in html  # …the Dutch title a coordinator reads
    assert html.count("Neem contact op met beheer") == 1  # the hint once at the top, not per job
    assert html.count("— gelukt") == len(jobs.JOBS)
    assert "escalated: 0" in html
