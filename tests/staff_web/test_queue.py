"""The advisor's queue: own association only, filters that keep their values, two sections (unclaimed: red, urgent,
respond-by; claimed: by next action), claim, bounded queries."""

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
    # Lent before break-glass existed (no service hands a case to another association now): still in the queue.
    other, _ = make_case(role="wethouder")
    Case.objects.filter(pk=other.pk).update(assigned_to=people["advisor"])
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
    assert "Noord-Holland" in html  # the province; the municipality (GM0363, Amsterdam) is sealed with the request
    assert "Amsterdam" not in html
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
    make_case()  # one case in each section (an empty section needs no query for its page)
    client.get("/werkruimte")  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/werkruimte").status_code == 200
    for i in range(8):
        make_case(state="claimed" if i % 2 else "new", advisor=people["colleague"], acuteDanger=bool(i % 3))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/werkruimte")
    assert len(references(response)) == 10
    assert len(many) == len(few)


def test_the_first_view_shows_ten_of_each_section_and_links_to_the_rest(people, as_user):
    for i in range(12):
        make_case(state="claimed" if i % 2 else "new", advisor=people["advisor"])
    for _ in range(5):
        make_case()
    html = as_user(people["advisor"]).get("/werkruimte").content.decode()
    unclaimed, claimed = section_html(html, "nog-niet-opgepakt"), section_html(html, "opgepakt")
    assert len(references_in(unclaimed)) == 10
    assert "11 zaken wachten op een adviseur" in unclaimed
    assert 'href="?sectie=nieuw">Alle 11 zaken die wachten op een adviseur</a>' in unclaimed
    assert len(references_in(claimed)) == 6  # all of them: no link to more
    assert "sectie=opgepakt" not in claimed
    assert "Pagina 1" not in html


def test_a_section_on_its_own_has_fifty_a_page_and_keeps_the_filters(people, as_user):
    for _ in range(51):
        make_case(acuteDanger=True)
    make_case(state="claimed", advisor=people["advisor"])
    client = as_user(people["advisor"])
    html = client.get("/werkruimte", {"urgent": "on"}).content.decode()
    assert 'href="?urgent=on&amp;sectie=nieuw">Alle 51 zaken' in html
    first = client.get("/werkruimte", {"urgent": "on", "sectie": "nieuw"})
    assert len(references(first)) == 50
    html = first.content.decode()
    assert "Pagina 1 van 2" in html
    assert 'id="opgepakt"' not in html  # the other section is not shown (nor computed)
    assert 'href="?urgent=on">Terug naar de hele wachtrij</a>' in html
    assert 'href="?urgent=on&amp;sectie=nieuw&amp;page_new=2"' in html
    second = client.get("/werkruimte", {"urgent": "on", "sectie": "nieuw", "page_new": 2})
    assert len(references(second)) == 1
    # a page number alone still names its section (links from before the sections had views of their own)
    assert len(references(client.get("/werkruimte", {"page_new": 2}))) == 1
    claimed = client.get("/werkruimte", {"sectie": "opgepakt"}).content.decode()
    assert 'id="nog-niet-opgepakt"' not in claimed
    assert len(references_in(section_html(claimed, "opgepakt"))) == 1


def section_html(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.find("</section>", start)]


def references_in(html: str) -> list[str]:
    return re.findall(r'href="/werkruimte/zaken/(WB-[0-9A-Z]{4}-[0-9A-Z]{4})"', html)


def section(response, anchor: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="{anchor}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_unclaimed_cases_come_first_in_their_own_section_red_then_urgent_then_respond_by(people, as_user):
    now = timezone.now()
    claimed_early, _ = make_case(state="claimed", advisor=people["advisor"])
    plain_soon, _ = make_case()
    plain_later, _ = make_case()
    urgent_later, _ = make_case()
    red, _ = make_case()
    Case.objects.filter(pk=claimed_early.pk).update(respond_by=now - timedelta(days=30))
    Case.objects.filter(pk=plain_soon.pk).update(respond_by=now + timedelta(hours=1))
    Case.objects.filter(pk=plain_later.pk).update(respond_by=now + timedelta(hours=5))
    Case.objects.filter(pk=urgent_later.pk).update(respond_by=now + timedelta(hours=9), urgent=True)
    Case.objects.filter(pk=red.pk).update(respond_by=now - timedelta(hours=9), red_after=now - timedelta(hours=1))
    response = as_user(people["advisor"]).get("/werkruimte")
    assert references(response) == [
        red.reference,
        urgent_later.reference,
        plain_soon.reference,
        plain_later.reference,
        claimed_early.reference,  # its respond-by was met long ago: below every unclaimed case
    ]
    unclaimed = section(response, "nog-niet-opgepakt")
    assert red.reference in unclaimed
    assert claimed_early.reference not in unclaimed
    assert "Rood" in unclaimed
    # the claim button sits in the card, right after the reference
    card = unclaimed[unclaimed.index(red.reference) : unclaimed.index(urgent_later.reference)]
    assert f"/werkruimte/zaken/{red.reference}/claim" in card
    assert claimed_early.reference in section(response, "opgepakt")


def test_claimed_cases_are_ordered_by_their_next_action(people, as_user):
    from weerbaar.accounts.policy import OfficeHolder
    from weerbaar.cases import services
    from weerbaar.todos.services import todo_create_system

    now = timezone.now()
    advisor = people["advisor"]
    nothing, _ = make_case(state="claimed", advisor=advisor)
    todo_later, _ = make_case(state="claimed", advisor=advisor)
    todo_soon, _ = make_case(state="claimed", advisor=advisor)
    message, _ = make_case(state="claimed", advisor=advisor)
    aftercare, _ = make_case(state="aftercare", advisor=advisor)  # three planned check-ins, weeks ahead
    # the respond-by says the opposite order: it no longer counts once a case is claimed
    for days, case in enumerate([nothing, todo_later, todo_soon, message, aftercare]):
        Case.objects.filter(pk=case.pk).update(respond_by=now - timedelta(days=10 - days))
    todo_create_system(key="q:1", kind="x", title="Later", due_at=now + timedelta(days=60), case=todo_later)
    todo_create_system(key="q:2", kind="x", title="Soon", due_at=now + timedelta(days=1), case=todo_soon)
    done = todo_create_system(key="q:3", kind="x", title="Done", due_at=now - timedelta(days=1), case=nothing)
    assert done is not None
    Todo = type(done)
    Todo.objects.filter(pk=done.pk).update(done_at=now)  # a finished to-do is no next action
    services.case_message_send_by_office_holder(
        principal=OfficeHolder(case_id=message.pk, reference=message.reference), reference=message.reference, text="?"
    )
    response = as_user(advisor).get("/werkruimte")
    claimed = section(response, "opgepakt")
    order = re.findall(r'href="/werkruimte/zaken/(WB-[0-9A-Z]{4}-[0-9A-Z]{4})"', claimed)
    assert order == [
        message.reference,  # an unread message from the office holder: now
        todo_soon.reference,  # a to-do due tomorrow
        aftercare.reference,  # the first check-in, some weeks ahead
        todo_later.reference,  # a to-do in two months
        nothing.reference,  # nothing planned: last
    ]
    assert "Bericht van de aanvrager" in claimed
    assert "Taak" in claimed
    assert "Check-in" in claimed
    assert "Niets gepland" in claimed


def test_claimed_pages_split_between_cases_with_and_without_a_next_action_keep_one_order(people):
    """Pages of the claimed section, whatever their size, are slices of one order: cases with a next action
    (earliest first), then the others (oldest first), each case once."""
    from weerbaar.cases.selectors import QueueFilters, queue_sections
    from weerbaar.todos.services import todo_create_system

    now = timezone.now()
    advisor = people["advisor"]
    cases = [make_case(state="claimed", advisor=advisor)[0] for _ in range(5)]
    for days, case in zip((3, 1, 2), cases[2:], strict=True):
        todo_create_system(key=f"o:{case.pk}", kind="x", title="t", due_at=now + timedelta(days=days), case=case)
    expected = [cases[3], cases[4], cases[2], cases[0], cases[1]]
    claimed = queue_sections(user=advisor, filters=QueueFilters(open_only=True), now=now).claimed
    assert len(claimed) == 5
    for size in (1, 2, 3, 5):
        pages = [claimed[start : start + size] for start in range(0, 5, size)]
        assert [c.reference for page in pages for c in page] == [c.reference for c in expected]
    first = claimed[0:1][0]
    assert first.next_action.label == "Taak"
    assert not first.next_action.overdue
    assert claimed[4:5][0].next_action is None


@pytest.mark.parametrize("page_size", [5, 20])
def test_query_count_is_the_same_for_pages_of_different_sizes(
    people, as_user, page_size, monkeypatch, django_assert_max_num_queries
):
    """Both sections full, every case with a to-do, the aftercare ones with check-ins: the queries per page stay
    the same whether a page shows 5 or 20 cases of each section, on the first view and on a section's own pages."""
    from weerbaar.cases import views
    from weerbaar.todos.services import todo_create_system

    monkeypatch.setattr(views, "QUEUE_PREVIEW", page_size)
    monkeypatch.setattr(views, "PAGE_SIZE", page_size)
    advisor = people["advisor"]
    for i in range(page_size + 1):
        make_case(acuteDanger=bool(i % 2))
        case, _ = make_case(state="aftercare" if i % 3 else "claimed", advisor=advisor)
        todo_create_system(key=f"c:{i}", kind="x", title="t", due_at=timezone.now() + timedelta(days=i), case=case)
    client = as_user(advisor)
    client.get("/werkruimte")  # warm up (session, content types)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get("/werkruimte")
    assert len(references(response)) == 2 * page_size
    for part in ("nieuw", "opgepakt"):
        with django_assert_max_num_queries(QUEUE_QUERIES - 3):  # one section: its count and page, not the other's
            response = client.get("/werkruimte", {"sectie": part})
        assert len(references(response)) == page_size


def test_the_parts_of_what_an_advisor_sees_are_disjoint_and_make_up_the_whole(people):
    """The queue counts and sorts ``policy.cases_visible_in_parts`` as one set: it must be exactly
    ``cases_visible_to``, each case once, for every role."""
    from weerbaar.accounts import policy

    make_case(role="raadslid")  # the advisor's association (nvvr)
    make_case(role="raadslid", state="claimed", advisor=people["colleague"])
    lent, _ = make_case(role="wethouder")  # another association, assigned to the advisor
    Case.objects.filter(pk=lent.pk).update(assigned_to=people["advisor"])
    make_case(role="wethouder")  # another association, not theirs
    from tests.factories import UserFactory
    from weerbaar.accounts.models import Role

    loose = UserFactory(username="zoe", role=Role.ADVISOR, association=None)  # an advisor of no association
    Case.objects.filter(pk=make_case(role="burgemeester")[0].pk).update(assigned_to=loose)
    for user in [*people.values(), loose]:
        parts = policy.cases_visible_in_parts(user)
        ids = [pk for part in parts for pk in part.values_list("pk", flat=True)]
        assert len(ids) == len(set(ids)), user
        assert set(ids) == set(policy.cases_visible_to(user).values_list("pk", flat=True)), user
    assert lent.pk in set(policy.cases_visible_to(people["advisor"]).values_list("pk", flat=True))
    assert len(policy.cases_visible_in_parts(people["coordinator"])) == 1
    assert policy.cases_visible_in_parts(people["analyst"]) == []


# The session, the user, the association (workspace nav), the notifications count; the unclaimed section's count,
# its page's ids and rows; the claimed section's count, one grouped query per next-action source (messages, to-dos,
# check-ins), the ids of the cases without one that fill the page, then the rows of both in one query: the same for
# any page size (test above).
QUEUE_QUERIES = 17


def test_the_open_queue_does_not_ask_for_closed_cases(people, as_user):
    """The claimed section of the open queue names its statuses (in progress, aftercare): asked as "claimed and not
    closed", PostgreSQL read every closed case's index entry of the association too (issue 11 point 11)."""
    client = as_user(people["advisor"])
    make_case(state="claimed", advisor=people["advisor"])
    closed, _ = make_case(state="claimed", advisor=people["advisor"])
    Case.objects.filter(pk=closed.pk).update(status="closed")
    client.get("/werkruimte")  # warm up
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/werkruimte")
    assert closed.reference not in references(response)
    asked = [q["sql"] for q in ctx.captured_queries if '"cases_case"."status" IN' in q["sql"]]
    assert asked, "the claimed section filters on status"
    assert not [sql for sql in asked if re.search(r"\"status\" IN \([^)]*'closed'", sql)], asked
