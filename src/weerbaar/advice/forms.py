"""Forms of the standard advice texts. They only parse input; the rules are in ``advice.validation``.

The form's field names are the API's, so a service's ``invalidParams`` land on the right fields as they are."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.advice.choices import AdviceLanguage, AdviceTopic
from weerbaar.advice.models import AdviceText
from weerbaar.advice.validation import MAX_BODY, MAX_POSITION, MAX_TITLE
from weerbaar.web.forms import UtrechtFormMixin


class AdviceTextForm(UtrechtFormMixin, forms.Form):
    topic = forms.ChoiceField(label=_("Onderwerp"), choices=AdviceTopic.choices)
    language = forms.ChoiceField(
        label=_("Taal"), choices=AdviceLanguage.choices, initial=AdviceLanguage.DUTCH, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Titel"),
        help_text=_("Kort en herkenbaar: de adviseur kiest de tekst op deze titel."),
        max_length=MAX_TITLE,
    )
    body = forms.CharField(
        label=_("Tekst"),
        help_text=_(
            "Gewone tekst; een lege regel begint een nieuwe alinea. Algemeen advies: geen namen of gegevens uit "
            "een zaak. De adviseur past de tekst aan in het bericht."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=MAX_BODY,
    )
    position = forms.IntegerField(
        label=_("Volgorde binnen het onderwerp"),
        help_text=_("Lager staat hoger in de lijst."),
        min_value=0,
        max_value=MAX_POSITION,
        required=False,
        initial=0,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].error_messages["required"] = _("Kies een onderwerp.")
        self.fields["language"].error_messages["required"] = _("Kies een taal.")
        self.fields["title"].error_messages["required"] = _("Geef de tekst een titel.")
        self.fields["body"].error_messages["required"] = _("Schrijf de tekst.")
        self.fields["position"].error_messages["invalid"] = _("Vul een heel getal in.")

    @classmethod
    def for_text(cls, text: AdviceText) -> AdviceTextForm:
        return cls(
            initial={
                "topic": text.topic,
                "language": text.language,
                "title": text.title,
                "body": text.body,
                "position": text.position,
            }
        )

    def raw(self, *, active: bool) -> dict[str, Any]:
        """The API's input shape, for the shared rule set."""
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "language": data["language"],
            "title": data["title"],
            "body": data["body"],
            "position": data.get("position") or 0,
            "active": active,
        }
