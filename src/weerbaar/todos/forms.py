"""The form to add a to-do on a case (its field prefix stays ``task``).

It only parses; ``services.validate_todo`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.todos.services import MAX_TEXT, POOL
from weerbaar.web.forms import UtrechtFormMixin, choice_field

# The API's field names mapped to this form's fields, for errors from validate_todo and task_add.
FIELD_MAP = {"text": "text", "dueDate": "due_date", "assignee": "assignee", "forCoordinators": "assignee"}


class TodoForm(UtrechtFormMixin, forms.Form):
    prefix = "task"
    text = forms.CharField(
        label=_("Wat moet er gebeuren?"),
        help_text=_("Alleen zichtbaar voor medewerkers met toegang tot deze zaak. Wordt versleuteld opgeslagen."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_TEXT,
        error_messages={
            "required": _("Schrijf wat er moet gebeuren."),
            "max_length": _("Gebruik ten hoogste %(limit_value)d tekens."),
        },
    )
    due_date = forms.CharField(
        label=_("Klaar op"),
        help_text=_("Uiterlijk aan het eind van die werkdag."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Kies een datum waarop het klaar moet zijn.")},
    )
    assignee = forms.ChoiceField(label=_("Voor wie"), error_messages={"invalid_choice": _("Kies iemand uit de lijst.")})

    def __init__(self, *args: Any, people: list[Any], me: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p.username, _("%(name)s (ik)") % {"name": p.label} if p.pk == me.pk else p.label) for p in people]
        choices.append((POOL, _("Coördinatoren (gezamenlijke takenlijst)")))
        choice_field(self, "assignee").choices = choices
        if not self.is_bound:
            self.initial.setdefault("assignee", me.username if any(p.pk == me.pk for p in people) else POOL)

    def payload(self) -> dict[str, Any]:
        """The cleaned input in the API's shape, for ``validate_todo``."""
        data = self.cleaned_data
        pool = data["assignee"] == POOL
        return {
            "text": data["text"],
            "dueDate": data["due_date"],
            "assignee": "" if pool else data["assignee"],
            "forCoordinators": pool,
        }
