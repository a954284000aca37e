"""Forms of the directory management page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.forms import UtrechtFormMixin
from weerbaar.directory.models import Association


class ContactAddForm(UtrechtFormMixin, forms.Form):
    prefix = "contact"
    association = forms.ChoiceField(label=_("Vereniging"), error_messages={"required": _("Kies een vereniging.")})
    name = forms.CharField(
        label=_("Naam van de contactpersoon"),
        max_length=150,
        help_text=_("Zoals die publiek op de website staat."),
        error_messages={"required": _("Vul een naam in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].choices = [("", _("Kies een vereniging"))] + [
            (a.code, a.short_name) for a in Association.objects.order_by("order")
        ]


class ContactVisibilityForm(forms.Form):
    active = forms.BooleanField(required=False)
