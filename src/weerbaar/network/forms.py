"""Forms of the referral pages; they build the API's JSON shape so one rule set checks web and API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.directory.choices import PartnerKind
from weerbaar.network.choices import RECORDED_METHODS, ContactMethod, ReferralStatus
from weerbaar.network.validation import MAX_ANSWER, MAX_CONTACT
from weerbaar.web.forms import UtrechtFormMixin, choice_field


class ProposeForm(UtrechtFormMixin, forms.Form):
    PARAMS = {"partnerId": "partner", "question": "question", "items": "items"}

    partner = forms.ChoiceField(label=_("Netwerkpartner"), required=True)
    question = forms.CharField(
        label=_("Vraag aan de netwerkpartner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De partner ziet deze vraag. Schrijf alleen wat nodig is."),
        required=True,
    )
    items = forms.MultipleChoiceField(
        label=_("Wat mag de partner daarnaast zien?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("De aanvrager kiest per onderdeel of het gedeeld wordt."),
    )

    def __init__(self, *args: Any, partners: list[tuple[str, str]], items: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "partner").choices = [("", _("Kies een netwerkpartner")), *partners]
        choice_field(self, "items").choices = items

    def raw(self) -> dict[str, Any]:
        data = self.cleaned_data
        partner = data.get("partner") or ""
        return {
            "partnerId": int(partner) if str(partner).isdigit() else None,
            "question": data.get("question", ""),
            "items": list(data.get("items") or []),
        }


class KindFilterForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort hulp"), required=False, choices=[("", _("Alle soorten")), *PartnerKind.choices]
    )


class OverviewFilterForm(UtrechtFormMixin, forms.Form):
    """The coordinators' overview of referrals: by status and by partner."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *ReferralStatus.choices]
    )
    partner = forms.ChoiceField(label=_("Netwerkpartner"), required=False)

    def __init__(self, *args: Any, partners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "partner").choices = [("", _("Alle partners")), *partners]


class ConsentForm(UtrechtFormMixin, forms.Form):
    PARAMS = {
        "items": "items",
        "contactMethod": "contact_method",
        "contact": "contact",
        "method": "method",
        "givenAt": "given_at",
    }

    items = forms.MultipleChoiceField(label=_("Ook delen"), widget=forms.CheckboxSelectMultiple, required=False)
    contact_method = forms.ChoiceField(
        label=_("Hoe mag de netwerkpartner contact opnemen?"), widget=forms.RadioSelect, choices=ContactMethod.choices
    )
    contact = forms.CharField(label=_("Telefoonnummer of e-mailadres"), max_length=MAX_CONTACT)

    def __init__(self, *args: Any, items: list[tuple[str, str]], recorded: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.recorded = recorded
        choice_field(self, "items").choices = items
        if recorded:
            self.fields["method"] = forms.ChoiceField(
                label=_("Hoe is de toestemming gegeven?"),
                widget=forms.RadioSelect,
                choices=[(m.value, m.label) for m in RECORDED_METHODS],
            )
            self.fields["given_at"] = forms.CharField(
                label=_("Wanneer is de toestemming gegeven?"),
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            )
            self.style_widgets()

    def raw(self) -> dict[str, Any]:
        data = self.cleaned_data
        raw = {
            "items": list(data.get("items") or []),
            "contactMethod": data.get("contact_method", ""),
            "contact": data.get("contact", ""),
        }
        if self.recorded:
            raw["method"] = data.get("method", "")
            raw["givenAt"] = data.get("given_at", "")
        return raw


class AnswerForm(UtrechtFormMixin, forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_ANSWER,
        help_text=_(
            "Voor de adviseur van de zaak. De aanvrager ziet deze tekst niet; de adviseur geeft door wat nodig is."
        ),
    )

    def __init__(self, *args: Any, label: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
