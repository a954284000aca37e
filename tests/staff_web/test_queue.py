"""The advisor's queue: own association only, filters that keep their values, deadline order, claim, bounded queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_case
from weerbaar.cases.models import Case

pytestmark = pytest.mark.django_db


def references(response) -> list[str]:
    return re.findall(r'href="/werkruimte/zaken/(WB-[0-9A-Z]{4}-[0-9A-Z]{4})"', response.content.decode())


def test_queue_shows_only_the_own_association(people, as_user):
    own, _ = make_case(role="raadslid")  # nvvr
    other, _ = make_case(role="wethouder")  # wethoudersvereniging
    response = as_user(people["advisor"]).get("/werkruimte")
    assert response.status_code == 200
    assert references(response) == [own.reference]
    assert other.reference not in response.content.decode()


def test_queue_also_shows_a_case_of_another_association_assigned_to_me(people, as_user):
    from weerbaar.cases import services

    other, _ = make_case(role="wethouder")
    services.case_assign(actor=people["coordinator"], reference=other.reference, assignee_username="anna")
    assert other.reference in references(as_user(people["advisor"]).get("/werkruimte"))


def test_queue_is_sorted_by_deadline(people, as_user):
    later, _ = make_case()
    sooner, _ = make_case()
    Case.objects.filter(pk=later.pk).update(respond_by=timezone.now() + timedelta(days=2))
    Case.objects.filter(pk=sooner.pk).update(respond_by=timezone.now() + timedelta(hours=1))
    assert references(as_user(people["advisor"]).get("/werkruimte")) == [sooner.reference, later.reference]


def test_queue_shows_badges_as_text_and_the_row_details(people, as_user):
    make_case(acuteDanger=True, overdue=True)
    html = as_user(people["advisor"]).get("/werkruimte").content.decode()
    assert "Urgent" in html
    assert "Over termijn" in html
    assert "Raadslid" in html
    assert "Amsterdam" in html  # GM0363
    assert "Bedreiging" in html
    assert "Oppakken" in html


def test_filters_narrow_the_queue_and_keep_their_values(people, as_user):
    urgent, _ = make_case(acuteDanger=True)
    normal, _ = make_case()
    mine, _ = make_case(state="claimed", advisor=people["advisor"])
    theirs, _ = make_case(state="claimed", advisor=people["colleague"])
    overdue, _ = make_case(overdue=True)
    closed, _ = make_case(state="closed", advisor=people["advisor"])
    client = as_user(people["advisor"])

    default = references(client.get("/werkruimte"))
    assert closed.reference not in default
    assert set(default) == {urgent.reference, normal.reference, mine.reference, theirs.reference, overdue.reference}

    response = client.get("/werkruimte", {"urgent": "on"})
    assert references(response) == [urgent.reference]
    assert re.search(r'<input type="checkbox" name="urgent"[^>]*checked', response.content.decode())

    response = client.get("/werkruimte", {"mine": "on", "status": "all"})
    assert set(references(response)) == {mine.reference, closed.reference}
    html = response.content.decode()
    assert '<option value="all" selected>' in html

    assert references(client.get("/werkruimte", {"escalated": "on"})) == [overdue.reference]
    assert references(client.get("/werkruimte", {"status": "closed"})) == [closed.reference]
    assert set(references(client.get("/werkruimte", {"status": "in_progress"}))) == {mine.reference, theirs.reference}


def test_claim_from_the_queue(people, as_user):
    case, _ = make_case()
    client = as_user(people["advisor"])
    response = client.post(f"/werkruimte/zaken/{case.reference}/claim", {"next": "/werkruimte"})
    assert response.status_code == 302
    assert response["Location"] == f"/werkruimte/zaken/{case.reference}"
    case.refresh_from_db()
    assert case.assigned_to == people["advisor"]
    assert case.status == "in_progress"


def test_claim_button_only_for_new_unassigned_cases(people, as_user):
    make_case(state="claimed", advisor=people["colleague"])
    html = as_user(people["advisor"]).get("/werkruimte").content.decode()
    assert "Oppakken" not in html


def test_query_count_does_not_grow_with_the_number_of_rows(people, as_user):
    client = as_user(people["advisor"])
    make_case(state="claimed", advisor=people["advisor"])
    client.get("/werkruimte")  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/werkruimte").status_code == 200
    for i in range(8):
        make_case(state="claimed" if i % 2 else "new", advisor=people["colleague"], acuteDanger=bool(i % 3))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/werkruimte")
    assert len(references(response)) == 9
    assert len(many) == len(few)


def test_pagination_fifty_a_page(people, as_user):
    for _ in range(51):
        make_case()
    client = as_user(people["advisor"])
    first = client.get("/werkruimte")
    assert len(references(first)) == 50
    assert "Pagina 1 van 2" in first.content.decode()
    second = client.get("/werkruimte", {"page": 2})
    assert len(references(second)) == 1
