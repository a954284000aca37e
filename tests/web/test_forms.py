"""The form mixin shows a service's domain error on the form that was sent; the page's status follows the error."""

import pytest
from django import forms

from weerbaar.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from weerbaar.web.forms import UtrechtFormMixin, error_status


class NoteForm(UtrechtFormMixin, forms.Form):
    text = forms.CharField()
    due_on = forms.DateField(required=False)


def _form() -> NoteForm:
    form = NoteForm({"text": "x"})
    assert form.is_valid()
    return form


def test_invalid_fields_land_on_their_fields_through_the_mapping():
    form = _form()
    exc = InvalidInput("Controleer de gemarkeerde velden.", invalid_params=[{"name": "dueOn", "reason": "Te vroeg."}])
    form.add_domain_error(exc, {"dueOn": "due_on"})
    assert form.errors == {"due_on": ["Te vroeg."]}
    assert "utrecht-textbox--invalid" in form.fields["due_on"].widget.attrs["class"]


def test_a_name_that_is_no_field_goes_above_the_form():
    form = _form()
    form.add_domain_error(InvalidInput("x", invalid_params=[{"name": "body", "reason": "Geen JSON."}]))
    assert form.non_field_errors() == ["Geen JSON."]


def test_one_field_message_shows_the_sentence_of_the_error_on_that_field():
    form = _form()
    exc = InvalidInput("Maximaal 10000 tekens.", invalid_params=[{"name": "text", "reason": "too long"}])
    form.add_domain_error(exc, one_field_message=True)
    assert form.errors == {"text": ["Maximaal 10000 tekens."]}


def test_one_field_message_leaves_several_fields_with_their_own_reasons():
    form = _form()
    params = [{"name": "text", "reason": "a"}, {"name": "due_on", "reason": "b"}]
    form.add_domain_error(InvalidInput("Controleer de velden.", invalid_params=params), one_field_message=True)
    assert form.errors == {"text": ["a"], "due_on": ["b"]}


@pytest.mark.parametrize("exc", [Conflict("De zaak is gesloten."), InvalidInput("Dat kan niet.")])
def test_a_conflict_or_invalid_input_without_fields_goes_above_the_form(exc):
    form = _form()
    form.add_domain_error(exc)
    assert form.non_field_errors() == [exc.message]


@pytest.mark.parametrize(
    ("exc", "status"),
    [(Conflict(), 409), (InvalidInput(), 400), (NotFound(), 400), (Forbidden(), 400), (DomainError(), 400)],
)
def test_the_page_status_is_409_for_a_conflict_and_400_otherwise(exc, status):
    assert error_status(exc) == status
