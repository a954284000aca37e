"""Forms of council conversations. They only parse input; the rules live in ``council.validation``.

Every field is optional here: the validation rule set is the one judge, and its ``invalidParams``
(the API's lowerCamelCase names) are mapped back to these inputs with ``PARAMS``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.formtokens import OneTimeFormToken
from weerbaar.council.choices import Body, Presence, RequesterRole, Status
from weerbaar.council.validation import MAX_WATER_BOARD
from weerbaar.directory.models import Municipality, Province
from weerbaar.web.forms import UtrechtFormMixin, choice_field

YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


class CouncilRequestForm(UtrechtFormMixin, forms.Form):
    """The public request form (no account)."""

    requester_role = forms.ChoiceField(
        label=_("Wat is uw functie?"), choices=RequesterRole.choices, widget=forms.RadioSelect, required=False
    )
    body = forms.ChoiceField(
        label=_("Met welk orgaan wilt u het gesprek?"), choices=Body.choices, widget=forms.RadioSelect, required=False
    )
    municipality = forms.ChoiceField(
        label=_("Gemeente"), required=False, help_text=_("Voor de gemeenteraad of het college van B&W.")
    )
    province = forms.ChoiceField(
        label=_("Provincie"), required=False, help_text=_("Voor Provinciale Staten of Gedeputeerde Staten.")
    )
    water_board = forms.CharField(
        label=_("Naam van het waterschap"),
        required=False,
        max_length=MAX_WATER_BOARD,
        help_text=_("Voor een waterschap."),
    )
    contact_name = forms.CharField(
        label=_("Naam contactpersoon"), required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_function = forms.CharField(
        label=_("Functie contactpersoon"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    contact_email = forms.CharField(
        label=_("E-mailadres contactpersoon"),
        required=False,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer contactpersoon"),
        required=False,  # marked "(niet verplicht)" by the template, as on the help request
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    preferred_period = forms.CharField(
        label=_("Voorkeursperiode voor het gesprek"),
        required=False,
        help_text=_("Bijvoorbeeld: na het zomerreces, of maart of april 2027."),
    )
    situation = forms.CharField(
        label=_("Wat speelt er lokaal?"),
        required=False,
        help_text=_("Noem geen namen van mensen die niet zelf om dit gesprek vragen."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    aggression_protocol = forms.ChoiceField(
        label=_("Is er een agressieprotocol?"), choices=Presence.choices, widget=forms.RadioSelect, required=False
    )
    code_of_conduct = forms.ChoiceField(
        label=_("Is er een gedragscode?"), choices=Presence.choices, widget=forms.RadioSelect, required=False
    )

    PARAMS = {
        "requesterRole": "requester_role",
        "body": "body",
        "municipalityCode": "municipality",
        "provinceCode": "province",
        "waterBoard": "water_board",
        "contactName": "contact_name",
        "contactFunction": "contact_function",
        "contactEmail": "contact_email",
        "contactPhone": "contact_phone",
        "preferredPeriod": "preferred_period",
        "situation": "situation",
        "aggressionProtocol": "aggression_protocol",
        "codeOfConduct": "code_of_conduct",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "municipality").choices = [
            ("", _("Kies een gemeente")),
            *list(Municipality.objects.order_by("name").values_list("code", "name")),
        ]
        choice_field(self, "province").choices = [
            ("", _("Kies een provincie")),
            *list(Province.objects.order_by("name").values_list("code", "name")),
        ]

    def raw(self) -> dict[str, Any]:
        """The request in the API's shape (raw strings: the rule set checks them)."""
        return {api: str(self.data.get(name, "")) for api, name in self.PARAMS.items()}


# --- the one-time form token (as the intake's receipt): one request per form, whatever is clicked twice ----

FORM_TOKEN_MAX_AGE = 6 * 3600
FORM_TOKEN = OneTimeFormToken("weerbaar.council.form-token", "council", FORM_TOKEN_MAX_AGE)
form_token_new, form_token_state = FORM_TOKEN.new, FORM_TOKEN.state
form_token_claim, form_token_release = FORM_TOKEN.claim, FORM_TOKEN.release


# --- the team's workspace ----------------------------------------------------------------------------


class StepForm(UtrechtFormMixin, forms.Form):
    """One workflow step; which inputs are shown depends on the step (``workflow.Needs``)."""

    target = forms.ChoiceField(choices=Status.choices, required=False, widget=forms.HiddenInput)
    local_situation = forms.CharField(
        label=_("Lokale situatie"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    protocol = forms.CharField(label=_("Agressieprotocol"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    code_of_conduct = forms.CharField(label=_("Gedragscode"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    session_date = forms.CharField(
        label=_("Datum van de bijeenkomst"), required=False, widget=forms.TextInput(attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Plaats"), required=False, help_text=_("Bijvoorbeeld: de raadzaal."))
    facilitators = forms.MultipleChoiceField(
        label=_("Begeleiders uit het team"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.MultipleChoiceField(
        label=_("Experts uit het netwerk"), required=False, widget=forms.CheckboxSelectMultiple
    )
    experts = forms.CharField(
        label=_("Andere experts"),
        required=False,
        help_text=_("Eén naam per regel, voor wie niet in het netwerk staat."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_offered = forms.ChoiceField(
        label=_("Is een vervolg (training op kosten van de gemeente) aangeboden?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    follow_up_accepted = forms.ChoiceField(
        label=_("Is het vervolg aangenomen?"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    reason = forms.CharField(
        label=_("Reden van de annulering"),
        required=False,
        help_text=_("Voor het team; versleuteld opgeslagen en zichtbaar in het verloop."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    PARAMS = {
        "localSituation": "local_situation",
        "protocol": "protocol",
        "codeOfConduct": "code_of_conduct",
        "sessionDate": "session_date",
        "place": "place",
        "facilitators": "facilitators",
        "partnerIds": "partners",
        "experts": "experts",
        "followUpOffered": "follow_up_offered",
        "followUpAccepted": "follow_up_accepted",
        "reason": "reason",
        "status": "target",
    }

    def __init__(
        self,
        *args: Any,
        staff: list[tuple[str, str]] | None = None,
        partners: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "facilitators").choices = staff or []
        choice_field(self, "partners").choices = partners or []

    def raw(self) -> dict[str, Any]:
        d = self.cleaned_data
        as_bool = {"yes": True, "no": False}
        raw: dict[str, Any] = {
            "status": d.get("target") or "",
            "localSituation": d.get("local_situation", ""),
            "protocol": d.get("protocol", ""),
            "codeOfConduct": d.get("code_of_conduct", ""),
            "sessionDate": d.get("session_date", ""),
            "place": d.get("place", ""),
            "facilitators": list(d.get("facilitators") or []),
            "partnerIds": [int(p) for p in d.get("partners") or [] if str(p).isdigit()],
            "experts": [line.strip() for line in (d.get("experts") or "").splitlines() if line.strip()],
            "followUpOffered": as_bool.get(d.get("follow_up_offered") or ""),
            "followUpAccepted": as_bool.get(d.get("follow_up_accepted") or ""),
            "reason": d.get("reason", ""),
        }
        return raw


class NotesForm(UtrechtFormMixin, forms.Form):
    """The exploratory talk's notes, saved on their own (sealed)."""

    local_situation = forms.CharField(
        label=_("Lokale situatie"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    protocol = forms.CharField(label=_("Agressieprotocol"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    code_of_conduct = forms.CharField(label=_("Gedragscode"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    PARAMS = {"localSituation": "local_situation", "protocol": "protocol", "codeOfConduct": "code_of_conduct"}

    def raw(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "localSituation": d.get("local_situation", ""),
            "protocol": d.get("protocol", ""),
            "codeOfConduct": d.get("code_of_conduct", ""),
        }


class StatusFilterForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Stap"),
        required=False,
        choices=[("open", _("Lopende aanvragen")), ("all", _("Alle aanvragen")), *Status.choices],
    )


class TargetForm(UtrechtFormMixin, forms.Form):
    year = forms.CharField(label=_("Jaar"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    sessions = forms.CharField(
        label=_("Doel: aantal bijeenkomsten"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
