"""``web.actions.refusal_back``: a workspace button's refusals — a missing object is a 404, a refused step goes back
to the page with the reason, at the level the page asks for; success is the view's own answer."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from weerbaar.core.errors import Conflict, Forbidden, NotFound
from weerbaar.web.actions import refusal_back


def _request():
    request = RequestFactory().post("/werkruimte/iets/7/doen")
    request._messages = CookieStorage(request)
    return request


def _button(error=None, **options):
    @refusal_back(lambda thing_id: f"/werkruimte/iets/{thing_id}", **options)
    def view(request, thing_id):
        if error is not None:
            raise error
        return HttpResponse("gedaan", status=201)

    return view


def test_success_is_the_views_own_response():
    response = _button()(_request(), thing_id=7)
    assert (response.status_code, response.content) == (201, b"gedaan")


def test_a_missing_object_is_a_404():
    with pytest.raises(Http404):
        _button(NotFound("Niet gevonden."))(_request(), thing_id=7)


@pytest.mark.parametrize("level", [messages.ERROR, messages.INFO])
def test_a_refusal_goes_back_with_its_reason_at_the_pages_level(level):
    request = _request()
    response = _button(Conflict("Dit kan nu niet."), level=level)(request, thing_id=7)
    assert (response.status_code, response["Location"]) == (302, "/werkruimte/iets/7")
    assert [(m.level, m.message) for m in request._messages] == [(level, "Dit kan nu niet.")]


def test_other_errors_are_not_its_business():
    with pytest.raises(Forbidden):
        _button(Forbidden("Niet voor u."))(_request(), thing_id=7)
