"""The analysts' filter form: a period and one to three dimensions (the same choices as the API's ``by``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.stats import selectors
from weerbaar.web.forms import UtrechtFormMixin

DIMENSION_LABELS = {
    "role": _("Functie"),
    "province": _("Provincie"),
    "association": _("Vereniging"),
    "act": _("Soort incident (eerste incident)"),
    "channel": _("Kanaal (eerste incident)"),
    "route": _("Naar de politie (aangifte of melding)"),
    "outcome": _("Afloop"),
    "vpt": _("VPT-code gebruikt (eerste incident)"),
    "concern": _("Zorgniveau (laatste zorgnotitie)"),
    "support": _("Steun: doorverwijzing en nazorg"),
    "month": _("Maand"),
    "quarter": _("Kwartaal"),
    "year": _("Jaar"),
}


class StatisticsForm(UtrechtFormMixin, forms.Form):
    van = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}))
    indeling1 = forms.ChoiceField(label=_("Indeling"), choices=list(DIMENSION_LABELS.items()))
    indeling2 = forms.ChoiceField(
        label=_("Tweede indeling"), required=False, choices=[("", _("geen")), *DIMENSION_LABELS.items()]
    )
    indeling3 = forms.ChoiceField(
        label=_("Derde indeling"), required=False, choices=[("", _("geen")), *DIMENSION_LABELS.items()]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("van"), data.get("tot")
        if isinstance(first, date) and isinstance(last, date):
            if first > last:
                self.add_error("tot", _("Kies een einddatum op of na de begindatum."))
            else:
                first, last = selectors.whole_months(first, last)
                if (last.year - first.year) * 12 + last.month - first.month + 1 > selectors.MAX_MONTHS:
                    self.add_error("tot", _("Kies een periode van hoogstens tien jaar."))
        by = [str(data[name]) for name in ("indeling1", "indeling2", "indeling3") if data.get(name)]
        try:
            data["by"] = selectors.parse_by(",".join(by))
        except selectors.StatisticsQueryError:
            self.add_error(
                "indeling2",
                _(
                    "Kies elke indeling één keer en hoogstens één van maand, kwartaal, jaar. VPT-code, zorgniveau "
                    "en steun gaan samen met hoogstens één andere indeling naast de periode."
                ),
            )
        return data
