"""``web.http.no_store``: the exact Cache-Control values the pages and files have always had, on Django and DRF."""

import pytest
from django.http import HttpResponse
from django.utils import translation
from rest_framework.response import Response

from weerbaar.web.http import content_language, no_store


def test_the_full_set_for_pages_with_a_case_on_them():
    response = no_store(HttpResponse("page"))
    assert set(response["Cache-Control"].split(", ")) == {"no-store", "no-cache", "private", "max-age=0"}


def test_the_full_set_keeps_what_the_response_already_says():
    response = HttpResponse("page")
    response["Cache-Control"] = "must-revalidate"
    no_store(response)
    assert "must-revalidate" in response["Cache-Control"]
    assert response["Cache-Control"].count("no-store") == 1


def test_bare_is_exactly_no_store_and_replaces_anything_else():
    response = HttpResponse(b"file")
    response["Cache-Control"] = "public, max-age=3600"
    assert no_store(response, bare=True)["Cache-Control"] == "no-store"


def test_a_drf_response_is_the_same_object_back():
    response = Response({"a": 1})
    assert no_store(response) is response
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("active", "language"), [("en", "en"), ("en-gb", "en"), ("nl", "nl"), ("de", "nl")])
def test_the_language_of_the_answer_is_english_or_dutch(active, language):
    with translation.override(active):
        assert content_language() == language
