"""Forms of the aftercare pages. They only parse input; the rules live in ``validation`` and ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.aftercare.choices import Mood, Relation
from weerbaar.aftercare.validation import MAX_NAME, MAX_QUESTION, MAX_TEXT
from weerbaar.web.forms import UtrechtFormMixin, choice_field

OFFICE_HOLDER = "self"
SEALED_HELP = _("Vertrouwelijk: wordt versleuteld opgeslagen.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CheckInAddForm(UtrechtFormMixin, forms.Form):
    prefix = "add"
    subject = forms.ChoiceField(label=_("Voor wie"))
    due_on = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        help_text=_("Om 10:00 uur; valt de datum in een weekend of op een feestdag, dan de eerstvolgende werkdag."),
        error_messages={"required": _("Kies een datum voor de check-in."), "invalid": _("Vul een geldige datum in.")},
    )
    question = forms.CharField(
        label=_("Eigen vraag (niet verplicht)"),
        help_text=_("Leeg laten voor de standaardvraag „Hoe gaat het met u?”. Wordt versleuteld opgeslagen."),
        required=False,
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "subject").choices = [(OFFICE_HOLDER, _("Ambtsdrager"))] + [
            (str(m.number), _("Huisgenoot %(n)s (%(relation)s)") % {"n": m.number, "relation": m.relation_label})
            for m in members
        ]

    def member_number(self) -> int | None:
        subject = self.cleaned_data["subject"]
        return None if subject == OFFICE_HOLDER else int(subject)


class CheckInMoveForm(UtrechtFormMixin, forms.Form):
    due_on = forms.DateField(
        label=_("Nieuwe datum"),
        widget=DateInput(),
        error_messages={"required": _("Kies een datum voor de check-in."), "invalid": _("Vul een geldige datum in.")},
    )


class FollowUpForm(UtrechtFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Opvolging"),
        help_text=_("Wat u deed na deze check-in (gebeld, doorverwezen, niets nodig). Wordt versleuteld opgeslagen."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf wat u heeft gedaan.")},
    )


class MemberForm(UtrechtFormMixin, forms.Form):
    prefix = "member"
    name = forms.CharField(
        label=_("Naam"),
        help_text=SEALED_HELP,
        max_length=MAX_NAME,
        error_messages={"required": _("Vul de naam in.")},
    )
    relation = forms.ChoiceField(
        label=_("Relatie tot de ambtsdrager"),
        choices=[("", _("Kies")), *Relation.choices],
        error_messages={"required": _("Kies hoe deze persoon bij de ambtsdrager hoort.")},
    )
    with_check_ins = forms.BooleanField(
        label=_("Standaard check-ins plannen (over een week, een maand en drie maanden)"),
        required=False,
        initial=True,
    )


class AnswerForm(UtrechtFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Uw antwoord"),
        help_text=_(
            "Alleen uw adviseur leest dit. Wordt versleuteld opgeslagen. "
            "Geen tijd of zin om te schrijven? Alleen een woord kiezen is ook goed."
        ),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    mood = forms.ChoiceField(
        label=_("In één woord"),
        choices=Mood.choices,
        required=False,
        widget=forms.RadioSelect,
    )
