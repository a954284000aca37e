"""Forms of the public web side: the multi-step help request and the portal sign-in and message forms.

The help request is one Django form whose fields are spread over steps. Every step's page
posts *all* answers (the earlier and later steps' answers travel in hidden inputs), so nothing
is kept on the server between steps and nothing typed is lost on an error or a step back.

The rules are not repeated here: each step asks ``validation.validate_help_request`` — the
one rule set for web, phone and API — and keeps only the errors about that step's inputs.
Only what the web form adds itself is checked here (the danger question must be answered,
and the choices of the widgets).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.choices import Affected, Channel, Concern, OfficeRole, PreferredContact
from weerbaar.cases.forms import TEXT_HELP
from weerbaar.core.errors import InvalidInput
from weerbaar.core.formtokens import OneTimeFormToken
from weerbaar.directory import selectors as directory
from weerbaar.directory.models import Municipality, Province
from weerbaar.intake.validation import MAX_EMAIL, MAX_NAME, MAX_PHONE, validate_help_request
from weerbaar.web.forms import UtrechtFormMixin, choice_field

YES, NO = "yes", "no"

# Web input name -> API (camelCase) name used by validation.validate_help_request.
API_NAMES: dict[str, str] = {
    "acute_danger": "acuteDanger",
    "role": "role",
    "municipality": "municipalityCode",
    "province": "provinceCode",
    "concerns": "concerns",
    "affected": "affected",
    "description": "description",
    "name": "name",
    "phone": "phone",
    "email": "email",
    "preferred_contact": "preferredContact",
    "notify_email": "notifyByEmail",
    "consent": "consentToShare",
}
WEB_NAMES = {api: web for web, api in API_NAMES.items()}
# When nothing was chosen, the web form says so in words instead of listing the API's codes.
NOTHING_CHOSEN = {
    "role": _("Kies uw functie."),
    "preferred_contact": _("Kies hoe de adviseur u mag benaderen."),
}


@dataclass(frozen=True)
class Step:
    key: str
    number: int  # 1-based, shown as "Stap n van 5"
    title: Any
    fields: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step("danger", 1, _("Veiligheid"), ("acute_danger",)),
    Step("about", 2, _("Over u"), ("role", "municipality", "province")),
    Step("situation", 3, _("Wat er speelt"), ("concerns", "affected", "description")),
    Step("contact", 4, _("Contact"), ("name", "phone", "email", "preferred_contact", "notify_email", "consent")),
    Step("check", 5, _("Controleren en versturen"), ()),
)
STEP_BY_KEY = {step.key: step for step in STEPS}
STEP_ORDER = [step.key for step in STEPS]
ALL_FIELDS: tuple[str, ...] = tuple(API_NAMES)


def _municipality_choices() -> list[tuple[str, Any]]:
    return [("", _("Kies uw gemeente"))] + [(m.code, m.name) for m in directory.municipalities()]


def _province_choices() -> list[tuple[str, Any]]:
    return [("", _("Kies uw provincie"))] + [(p.code, p.name) for p in directory.provinces()]


class HelpRequestForm(forms.Form):
    """All thirteen inputs of a complete help request; which ones a page shows depends on the step."""

    acute_danger = forms.ChoiceField(
        label=_("Bent u nu in acuut gevaar?"),
        choices=[(YES, _("Ja")), (NO, _("Nee"))],
        required=False,
        help_text=_("Acuut gevaar betekent: u of iemand anders wordt nu bedreigd of aangevallen."),
    )
    role = forms.ChoiceField(label=_("Wat is uw functie?"), choices=OfficeRole.choices, required=False)
    municipality = forms.ChoiceField(
        label=_("Gemeente"),
        choices=(),
        required=False,
        help_text=_("Nodig als u burgemeester, wethouder of raadslid bent."),
    )
    province = forms.ChoiceField(
        label=_("Provincie"),
        choices=(),
        required=False,
        help_text=_("Nodig als u statenlid of gedeputeerde bent. Bij een gemeentelijke functie mag u dit leeg laten."),
    )
    concerns = forms.MultipleChoiceField(
        label=_("Waar gaat het over?"),
        choices=Concern.choices,
        required=False,
        help_text=_("Kies alles wat past."),
    )
    affected = forms.MultipleChoiceField(
        label=_("Wie worden erdoor getroffen?"),
        choices=Affected.choices,
        required=False,
        help_text=_("Kies alles wat past. Dit mag u ook leeg laten."),
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        required=False,
        strip=False,
        widget=forms.Textarea,
        help_text=_(
            "Beschrijf kort wat er is gebeurd, wanneer, en wat u nu nodig heeft. "
            "Alleen de adviseur van uw vereniging leest dit."
        ),
    )
    name = forms.CharField(label=_("Uw naam"), required=False, help_text=_("Een voornaam is genoeg."))
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        help_text=_(
            "Vul een telefoonnummer of een e-mailadres in, of allebei. Kiest u hieronder 'Alleen via Weerbaar', "
            "dan is geen van beide nodig."
        ),
    )
    email = forms.CharField(label=_("E-mailadres"), required=False)
    preferred_contact = forms.ChoiceField(
        label=_("Hoe wilt u dat de adviseur contact met u opneemt?"),
        choices=PreferredContact.choices,
        required=False,
        help_text=_(
            "Kiest u 'Alleen via Weerbaar', dan heeft de adviseur geen telefoonnummer of e-mailadres nodig en belt "
            "of mailt u niet. Antwoorden staan dan alleen in Mijn zaak op deze website, die u opent met uw "
            "zaaknummer en persoonlijke code. Kijk daar zelf regelmatig, of vraag hieronder om een e-mail zonder "
            "inhoud als er iets nieuws is."
        ),
    )
    notify_email = forms.BooleanField(
        label=_("Stuur mij een e-mail als er iets nieuws is in Mijn zaak"),
        required=False,
        help_text=_(
            "Alleen de zin 'Er is iets nieuws in Mijn zaak' en een link, niets over uw zaak. U krijgt hem als de "
            "adviseur u schrijft of als er een vraag om toestemming of een nazorgvraag voor u klaarstaat. "
            "Vul hiervoor uw e-mailadres in. U kunt dit in Mijn zaak wijzigen of uitzetten."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "Ja, de adviseur mag zo nodig mijn naam, functie en gemeente of provincie delen met een netwerkpartner."
        ),
        required=False,
        help_text=_(
            "Netwerkpartners zijn vakgenoten, ervaringsdeskundigen en experts in beveiliging, rechtshulp en nazorg. "
            "Zij krijgen alleen deze gegevens, nooit uw beschrijving, en alleen als de adviseur u naar hen verwijst. "
            "Zegt u nee, dan vraagt de adviseur het u eerst. U kunt dit altijd intrekken."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "municipality").choices = _municipality_choices()
        choice_field(self, "province").choices = _province_choices()

    # --- raw values, exactly as typed ------------------------------------------------------

    def raw(self, name: str) -> Any:
        """The submitted value as typed (a list for the checkbox groups), whether valid or not."""
        if not self.is_bound:
            return [] if name in ("concerns", "affected") else ""
        if name in ("concerns", "affected"):
            return self.data.getlist(name) if hasattr(self.data, "getlist") else list(self.data.get(name) or [])
        value = self.data.get(name, "")
        return value if isinstance(value, str) else ""

    def is_acute(self) -> bool:
        return self.raw("acute_danger") == YES

    def api_payload(self) -> dict[str, Any]:
        """The answers in the API's shape, for ``validate_help_request`` and ``help_request_submit``."""
        payload: dict[str, Any] = {
            "role": self.raw("role"),
            "municipalityCode": self.raw("municipality"),
            "provinceCode": self.raw("province"),
            "name": self.raw("name"),
            "email": self.raw("email"),
            "phone": self.raw("phone"),
            "preferredContact": self.raw("preferred_contact"),
            "concerns": self.raw("concerns"),
            "affected": self.raw("affected"),
            "description": self.raw("description"),
            "acuteDanger": self.is_acute(),
            "consentToShare": self.raw("consent") in ("on", "true", "1", "yes"),
            "notifyByEmail": self.raw("notify_email") in ("on", "true", "1", "yes"),
        }
        return payload

    # --- validation per step ------------------------------------------------------------

    def errors_for(self, fields: tuple[str, ...]) -> dict[str, list[str]]:
        """Errors about ``fields`` only: the web form's own checks plus the shared rule set."""
        found: dict[str, list[str]] = {}
        self.is_valid()  # choices of the widgets (a value that is not one of the options)
        for name in fields:
            if name in self.errors:
                found[name] = [str(message) for message in self.errors[name]]
        if "acute_danger" in fields and self.raw("acute_danger") not in (YES, NO):
            found.setdefault("acute_danger", []).append(str(_("Kies ja of nee.")))
        try:
            validate_help_request(self.api_payload(), channel=Channel.WEB)
        except InvalidInput as exc:
            for param in exc.invalid_params:
                web_name = WEB_NAMES.get(param.get("name", ""), "")
                if web_name in fields:
                    messages = found.setdefault(web_name, [])
                    reason = param["reason"]
                    if web_name in NOTHING_CHOSEN and not self.raw(web_name):
                        reason = str(NOTHING_CHOSEN[web_name])
                    if reason not in messages:
                        messages.append(reason)
        return {name: found[name] for name in fields if name in found}  # in the order of the page

    def errors_for_step(self, step: Step) -> dict[str, list[str]]:
        return self.errors_for(step.fields)

    def first_step_with_errors(self) -> tuple[Step, dict[str, list[str]]] | None:
        for step in STEPS:
            errors = self.errors_for_step(step)
            if errors:
                return step, errors
        return None


def display_value(form: HelpRequestForm, name: str) -> str:
    """Human-readable answer for the check page (labels of the chosen options)."""
    field = form.fields[name]
    value = form.raw(name)
    if isinstance(field, forms.BooleanField):
        return str(_("Ja") if value in ("on", "true", "1", "yes") else _("Nee"))
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(cast(list[tuple[str, Any]], field.choices))
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(cast(list[tuple[str, Any]], field.choices)).get(value, "")) if value else ""
    return str(value)


class PortalSignInForm(forms.Form):
    reference = forms.CharField(
        label=_("Zaaknummer"),
        max_length=40,
        help_text=_("Staat op uw ontvangstbewijs, bijvoorbeeld WB-7K2M-9QXD."),
    )
    code = forms.CharField(
        label=_("Persoonlijke code"),
        max_length=80,
        help_text=_("De code die u kreeg toen u uw hulpvraag verstuurde. Hoofdletters en streepjes maken niet uit."),
    )

    error_messages = {"required": _("Vul dit veld in.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].error_messages["required"] = _("Vul uw zaaknummer in.")
        self.fields["code"].error_messages["required"] = _("Vul uw persoonlijke code in.")


class PortalMessageForm(forms.Form):
    text = forms.CharField(
        label=_("Uw bericht aan de adviseur"),
        widget=forms.Textarea,
        strip=False,
        required=False,
        help_text=_("Alleen de adviseur die uw zaak behandelt leest dit."),
    )


# --- one-time form token against double submission ----------------------------------------

FORM_TOKEN_MAX_AGE = 24 * 3600  # a check page left open longer than a day asks to send again
FORM_TOKEN = OneTimeFormToken("weerbaar.intake.form-token", "intake", FORM_TOKEN_MAX_AGE)
form_token_new, form_token_state = FORM_TOKEN.new, FORM_TOKEN.state
form_token_claim, form_token_release = FORM_TOKEN.claim, FORM_TOKEN.release

# The draft: one nonce per filling-in of the form, carried in a hidden field from step 1 to sending. Sending
# marks it used, so a page of this form brought back afterwards (Back, "resubmit", a re-posted step) shows
# nothing of the request. The answers themselves are never kept on the server.
DRAFT = OneTimeFormToken("weerbaar.intake.draft", "intake-draft", 7 * 24 * 3600)


class PhoneIntakeForm(UtrechtFormMixin, forms.Form):
    """The public help-request fields on one page, for an advisor taking a call.

    Every field is optional here: ``intake.validation.validate_help_request`` is the one
    set of rules, and its errors (camelCase names) are mapped back with ``PARAMS``.
    """

    role = forms.ChoiceField(
        label=_("Functie van de beller"), choices=[("", _("Kies een functie")), *OfficeRole.choices], required=False
    )
    municipality = forms.ChoiceField(
        label=_("Gemeente"), required=False, help_text=_("Voor burgemeester, wethouder en raadslid.")
    )
    province = forms.ChoiceField(label=_("Provincie"), required=False, help_text=_("Voor statenlid en gedeputeerde."))
    name = forms.CharField(
        label=_("Naam"), required=False, max_length=MAX_NAME, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=MAX_PHONE,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("E-mailadres"),
        required=False,
        max_length=MAX_EMAIL,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "off"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("Hoe wil de beller bereikt worden?"),
        choices=PreferredContact.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    concerns = forms.MultipleChoiceField(
        label=_("Waar gaat het over?"), choices=Concern.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    affected = forms.MultipleChoiceField(
        label=_("Wie worden geraakt?"), choices=Affected.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd?"), required=False, widget=forms.Textarea(attrs={"rows": 8}), help_text=TEXT_HELP
    )
    acute_danger = forms.BooleanField(label=_("De beller is nu in acuut gevaar (zaak wordt urgent)"), required=False)
    consent_to_share = forms.BooleanField(
        label=_("De beller geeft toestemming om minimale gegevens met netwerkpartners te delen"), required=False
    )

    PARAMS = {
        "role": "role",
        "municipalityCode": "municipality",
        "provinceCode": "province",
        "name": "name",
        "phone": "phone",
        "email": "email",
        "preferredContact": "preferred_contact",
        "concerns": "concerns",
        "affected": "affected",
        "description": "description",
        "acuteDanger": "acute_danger",
        "consentToShare": "consent_to_share",
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
        """The request in the API's shape, for ``help_request_submit``."""
        d = self.cleaned_data
        raw: dict[str, Any] = {
            "role": d.get("role") or None,
            "municipalityCode": d.get("municipality") or "",
            "provinceCode": d.get("province") or "",
            "name": d.get("name", ""),
            "email": d.get("email", ""),
            "phone": d.get("phone", ""),
            "preferredContact": d.get("preferred_contact") or None,
            "concerns": list(d.get("concerns") or []),
            "affected": list(d.get("affected") or []),
            "description": d.get("description", ""),
            "acuteDanger": bool(d.get("acute_danger")),
            "consentToShare": bool(d.get("consent_to_share")),
        }
        return raw
