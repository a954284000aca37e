"""The case worker's decision on an erasure request. It only parses; the rules are in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.rights.models import RefusalGround
from weerbaar.rights.services import MAX_EXPLANATION
from weerbaar.web.forms import UtrechtFormMixin

ERASE = "erase"
REFUSE = "refuse"
EXTEND = "extend"


class ErasureDecisionForm(UtrechtFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (ERASE, _("Verwijderen: de zaak wordt voorgoed vernietigd")),
            (REFUSE, _("Afwijzen: de zaak blijft bestaan, op een grond hieronder")),
            (EXTEND, _("Verlengen: twee maanden extra (art. 12 lid 3 AVG), met de reden hieronder")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: verwijderen, afwijzen of verlengen.")},
    )
    ground = forms.ChoiceField(
        label=_("Grond voor afwijzen"),
        help_text=_("Alleen bij afwijzen, en dan verplicht."),
        choices=[("", "—"), *RefusalGround.choices],
        required=False,
    )
    explanation = forms.CharField(
        label=_("Uitleg aan de ambtsdrager"),
        help_text=_(
            "Bij afwijzen of verlengen verplicht: waarom de zaak blijft, of waarom u meer tijd nodig heeft. "
            "De ambtsdrager leest dit in Mijn zaak. Wordt versleuteld opgeslagen."
        ),
        required=False,
        max_length=MAX_EXPLANATION,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
