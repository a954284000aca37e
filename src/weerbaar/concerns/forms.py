"""The concern note form: a fieldset per item (an answer and the incidents that support it), the level with its
reasons, the summary, the plan and the review date. It only parses; ``validation`` holds the rules, and
``as_raw`` hands the input over in the API's names so both share one rule set."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from weerbaar.concerns.choices import ITEM_HELP, Answer, Item, Level
from weerbaar.concerns.validation import ITEM_ORDER, MAX_REASONS, MAX_TEXT
from weerbaar.web.forms import UtrechtFormMixin

SEALED = _("Vertrouwelijk: wordt versleuteld opgeslagen.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def answer_field(code: str) -> str:
    return f"answer_{code}"


def incidents_field(code: str) -> str:
    return f"incidents_{code}"


# API names in the service's errors -> the form's fields.
FIELD_MAP = {
    "level": "level",
    "levelReasons": "level_reasons",
    "acuteDanger": "acute_danger",
    "summary": "summary",
    "plan": "plan",
    "reviewOn": "review_on",
    **{f"items[{i}].answer": answer_field(code) for i, code in enumerate(ITEM_ORDER)},
    **{f"items[{i}].incidentIds": incidents_field(code) for i, code in enumerate(ITEM_ORDER)},
}


class ConcernNoteForm(UtrechtFormMixin, forms.Form):
    acute_danger = forms.BooleanField(
        label=_("Er is nu acuut gevaar (de notitie zegt dan eerst: bel 112)"), required=False
    )
    level = forms.ChoiceField(
        label=_("Zorgniveau"),
        choices=Level.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Uw eigen oordeel, geen uitkomst van een berekening. Hoog vraagt de bevestiging van een tweede "
            "adviseur of coördinator."
        ),
        error_messages={"required": _("Kies het zorgniveau: laag, matig of hoog.")},
    )
    level_reasons = forms.CharField(
        label=_("Waarom dit niveau"),
        max_length=MAX_REASONS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=SEALED,
        error_messages={"required": _("Schrijf waarom u dit niveau kiest.")},
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=SEALED,
        error_messages={"required": _("Schrijf uw samenvatting.")},
    )
    plan = forms.CharField(
        label=_("Plan van aanpak"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat er gebeurt, wie wat doet, met wie wordt overlegd. Wordt versleuteld opgeslagen."),
        error_messages={"required": _("Schrijf het plan van aanpak.")},
    )
    review_on = forms.DateField(
        label=_("Herzien op"),
        widget=DateInput(),
        help_text=_("U krijgt op die dag een taak om de notitie opnieuw te bekijken."),
        error_messages={
            "required": _("Kies de datum waarop u de notitie opnieuw bekijkt."),
            "invalid": _("Vul een geldige datum in."),
        },
    )

    def __init__(self, *args: Any, incidents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in Item:
            self.fields[answer_field(item.value)] = forms.ChoiceField(
                label=format_lazy(_("Antwoord: {item}"), item=item.label),
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies ja, mogelijk, nee of onbekend.")},
            )
            self.fields[incidents_field(item.value)] = forms.TypedMultipleChoiceField(
                label=format_lazy(_("Incidenten die dit ondersteunen: {item}"), item=item.label),
                choices=[(str(n), label) for n, label in incidents],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Alleen bij ja of mogelijk."),
            )
        self.style_widgets()

    def item_rows(self) -> list[dict[str, Any]]:
        """Per item its label, its help and its two bound fields, for the template's fieldsets."""
        return [
            {
                "code": item.value,
                "label": item.label,
                "help": ITEM_HELP[item],
                "answer": self[answer_field(item.value)],
                "incidents": self[incidents_field(item.value)],
            }
            for item in Item
        ]

    def as_raw(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "level": data["level"],
            "levelReasons": data["level_reasons"],
            "acuteDanger": bool(data.get("acute_danger")),
            "summary": data["summary"],
            "plan": data["plan"],
            "reviewOn": data["review_on"],
            "items": [
                {
                    "code": code,
                    "answer": data[answer_field(code)],
                    "incidentIds": list(data.get(incidents_field(code)) or []),
                }
                for code in ITEM_ORDER
            ],
        }


def initial_from(note: Any, *, today: Any) -> dict[str, Any]:
    """The form filled in with a version (``selectors.NoteView``), to write the next version from."""
    if note is None:
        return {}
    initial: dict[str, Any] = {
        "acute_danger": note.acute_danger,
        "level": note.level,
        "level_reasons": note.level_reasons,
        "summary": note.summary,
        "plan": note.plan,
        "review_on": note.review_on if note.review_on >= today else None,
    }
    for item in note.items:
        initial[answer_field(item.code)] = item.answer
        initial[incidents_field(item.code)] = [str(n) for n in item.incidents]
    return initial
