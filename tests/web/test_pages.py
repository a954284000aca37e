"""Workspace pagination, and the office holder's pages of "Mijn zaak" (who is signed in is intake's answer)."""

from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from weerbaar.accounts.policy import OfficeHolder
from weerbaar.core.errors import NotFound
from weerbaar.web import office_holders, pages
from weerbaar.web.pages import office_holder_page, paginate

factory = RequestFactory()


def test_a_page_keeps_the_filters_in_its_links():
    request = factory.get("/werkruimte", {"status": "new", "page": "2"})
    context = paginate(request, list(range(120)), per_page=50)
    assert context["page_obj"].number == 2
    assert list(context["page_obj"].object_list) == list(range(50, 100))
    assert context["querystring_base"] == "status=new&"


@pytest.mark.parametrize(("page", "number"), [("99", 3), ("x", 1), (None, 1)])
def test_a_page_out_of_range_is_the_last_and_anything_else_the_first(page, number):
    request = factory.get("/werkruimte", {"page": page} if page else {})
    context = paginate(request, list(range(120)), per_page=50)
    assert context["page_obj"].number == number
    assert context["querystring_base"] == ""


@pytest.fixture
def signed_in(monkeypatch):
    """A registered session store with one office holder signed in, and what was signed out."""
    state = SimpleNamespace(principal=OfficeHolder(case_id=7, reference="WB-AAAA-BBBB"), signed_out=[])
    store = office_holders.OfficeHolderSessions(
        from_token=lambda token: None,
        from_request=lambda request: state.principal,
        sign_out=state.signed_out.append,
        sign_in_url="intake:portal_login",
        present=lambda request: state.principal is not None,
    )
    monkeypatch.setattr(office_holders, "_registered", [store])
    return state


@office_holder_page
def _page(request, principal, case, number):
    return HttpResponse(f"{principal.reference} {case} {number}")


def test_the_page_gets_the_office_holder_and_their_case(signed_in, monkeypatch):
    monkeypatch.setattr(pages.policy, "access_case_as_office_holder", lambda principal, reference: f"case {reference}")
    response = _page(factory.get("/mijn-zaak"), number=3)
    assert response.content.decode() == "WB-AAAA-BBBB case WB-AAAA-BBBB 3"


def test_nobody_signed_in_is_sent_to_the_sign_in_page(signed_in):
    signed_in.principal = None
    response = _page(factory.get("/mijn-zaak"), number=3)
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak/inloggen"
    assert signed_in.signed_out == []


def test_a_case_that_is_gone_ends_the_session(signed_in, monkeypatch):
    def gone(principal, reference):
        raise NotFound()

    monkeypatch.setattr(pages.policy, "access_case_as_office_holder", gone)
    request = factory.get("/mijn-zaak")
    response = _page(request, number=3)
    assert response["Location"] == "/mijn-zaak/inloggen"
    assert signed_in.signed_out == [request]


def test_intake_registers_the_office_holder_sessions():
    from weerbaar.intake.portal import current_office_holder
    from weerbaar.intake.services import follow_up_session_resolve

    store = office_holders.sessions()
    assert store.from_token is follow_up_session_resolve
    assert store.from_request is current_office_holder
