"""Forms of the retention pages. They only parse input; the rules live in ``retention.periods`` and the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.directory.models import Association
from weerbaar.retention.periods import RESULTS
from weerbaar.web.forms import UtrechtFormMixin

# The rule sets' invalidParams names -> form fields.
PARAMS = {"contactMonths": "contact_months", "contentMonths": "content_months", "metadataMonths": "metadata_months"}


class RuleForm(UtrechtFormMixin, forms.Form):
    association = forms.ChoiceField(label=_("Vereniging"), required=False)
    result = forms.ChoiceField(label=_("Uitkomst van de zaak"), required=False)
    contact_months = forms.CharField(
        label=_("Contactgegevens bewaren (maanden na sluiten)"), required=False, max_length=5
    )
    content_months = forms.CharField(label=_("Inhoud bewaren (maanden na sluiten)"), required=False, max_length=5)
    metadata_months = forms.CharField(
        label=_("Metagegevens bewaren (maanden na sluiten)"),
        required=False,
        max_length=5,
        help_text=_("Zaaknummer, jaar, rol, vereniging, uitkomst en datums: wat na vernietiging overblijft."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        association, result = self.fields["association"], self.fields["result"]
        if not isinstance(association, forms.ChoiceField) or not isinstance(result, forms.ChoiceField):
            raise TypeError("the association and result fields are choice fields")
        association.choices = [("", _("Alle verenigingen (standaard)"))] + [
            (a.code, a.name) for a in Association.objects.order_by("name")
        ]
        result.choices = [("", _("Kies een uitkomst"))] + [(k, v) for k, v in RESULTS.items()]
        for name in ("contact_months", "content_months", "metadata_months"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.style_widgets()


class HoldForm(UtrechtFormMixin, forms.Form):
    reference = forms.CharField(label=_("Zaaknummer"), required=False, max_length=16)
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: lopende strafzaak, verzoek van het OM. Geen inhoud van de zaak."),
    )
    until = forms.CharField(
        label=_("Tot en met (JJJJ-MM-DD)"),
        required=False,
        max_length=10,
        help_text=_("Leeg: tot de bewaarplicht wordt opgeheven."),
    )
