"""Forms of the advisor workspace. They only parse input; the rules live in services and validation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.choices import (
    CallDirection,
    CloseReason,
    Outcome,
    Status,
)
from weerbaar.cases.selectors import QueueFilters
from weerbaar.cases.services import MAX_TEXT, TAKE_OVER_REASON_MIN
from weerbaar.cases.workflow import WORKFLOW, Needs
from weerbaar.directory.models import Association
from weerbaar.web.forms import UtrechtFormMixin, choice_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OPEN = ""
ALL = "all"
STATUS_FILTER_CHOICES = [(OPEN, _("Open zaken (niet gesloten)")), (ALL, _("Alle statussen")), *Status.choices]


class QueueFilterForm(UtrechtFormMixin, forms.Form):
    """GET filters of the advisor's queue; the form keeps what was chosen."""

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER_CHOICES, required=False)
    urgent = forms.BooleanField(label=_("Alleen urgente zaken"), required=False)
    escalated = forms.BooleanField(label=_("Alleen zaken over de termijn (geëscaleerd)"), required=False)
    mine = forms.BooleanField(label=_("Alleen aan mij toegewezen"), required=False)

    def filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status", OPEN)
        return QueueFilters(
            status="" if status in (OPEN, ALL) else status,
            open_only=status == OPEN,
            urgent=True if data.get("urgent") else None,
            escalated=True if data.get("escalated") else None,
            assigned_to_me=bool(data.get("mine")),
        )


YES_NO_ANY = [("", _("Alle")), ("yes", _("Ja")), ("no", _("Nee"))]


def _tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class AllCasesFilterForm(UtrechtFormMixin, forms.Form):
    """GET filters of the coordinator's overview of all cases (metadata only)."""

    association = forms.ChoiceField(label=_("Vereniging"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER_CHOICES, required=False)
    urgent = forms.ChoiceField(label=_("Urgent"), choices=YES_NO_ANY, required=False)
    escalated = forms.ChoiceField(label=_("Over de termijn"), choices=YES_NO_ANY, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "association").choices = [("", _("Alle verenigingen"))] + [
            (a.code, a.short_name) for a in Association.objects.order_by("order")
        ]

    def filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status", OPEN)
        return QueueFilters(
            status="" if status in (OPEN, ALL) else status,
            open_only=status == OPEN,
            association=data.get("association", ""),
            urgent=_tri(data.get("urgent", "")),
            escalated=_tri(data.get("escalated", "")),
        )


class AssignForm(UtrechtFormMixin, forms.Form):
    advisor = forms.ChoiceField(label=_("Toewijzen aan"), error_messages={"required": _("Kies een adviseur.")})

    def __init__(self, *args: Any, people: list[Any], label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "advisor").choices = [("", _("Kies een adviseur"))] + [
            (p.username, f"{p.label} ({p.association.short_name if p.association else p.get_role_display()})")
            for p in people
        ]
        if label:
            self.fields["advisor"].label = label


class TakeOverForm(UtrechtFormMixin, forms.Form):
    """A coordinator's break-glass: take a case of another association, only with a stated reason."""

    prefix = "take-over"
    reason = forms.CharField(
        label=_("Waarom neemt u deze zaak over?"),
        help_text=_(
            "Minstens 10 tekens. De reden wordt versleuteld bij de interne notities bewaard; de adviseurs van de "
            "vereniging, de andere coördinatoren en wie de zaak had, krijgen direct een melding."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=TAKE_OVER_REASON_MIN,
        max_length=MAX_TEXT,
        error_messages={
            "required": _("Geef een reden om de zaak over te nemen."),
            "min_length": _("Geef een reden van minstens %(limit_value)d tekens."),
        },
    )


TRANSITION_LABELS: dict[tuple[str, str], StrOrPromise] = {
    (Status.NEW, Status.IN_PROGRESS): _("In behandeling nemen"),
    (Status.NEW, Status.CLOSED): _("Sluiten zonder behandeling"),
    (Status.IN_PROGRESS, Status.CLOSED): _("Zaak afsluiten"),
    (Status.IN_PROGRESS, Status.AFTERCARE): _("Nazorg starten"),
    (Status.AFTERCARE, Status.CLOSED): _("Zaak afsluiten"),
    (Status.AFTERCARE, Status.IN_PROGRESS): _("Heropenen"),
    (Status.CLOSED, Status.IN_PROGRESS): _("Heropenen"),
}


class StatusChangeForm(UtrechtFormMixin, forms.Form):
    """One form per allowed transition, asking exactly what that transition needs."""

    def __init__(self, *args: Any, source: str, target: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"status-{target}")
        super().__init__(*args, **kwargs)
        self.source, self.target = source, target
        self.transition = WORKFLOW.get(source, target=target)
        self.title = TRANSITION_LABELS.get((source, target), target)
        self.hint: StrOrPromise = ""  # a sentence under the title (the page sets it: closing or aftercare)
        needs = self.transition.needs if self.transition else frozenset()
        if Needs.CLOSE_REASON in needs:
            self.fields["reason"] = forms.ChoiceField(
                label=_("Reden om te sluiten"),
                choices=[("", _("Kies een reden")), *CloseReason.choices],
                error_messages={"required": _("Kies een reden om de zaak te sluiten.")},
            )
        elif Needs.REASON in needs:
            self.fields["reason"] = forms.CharField(
                label=_("Waarom gaat de zaak weer open?"),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=MAX_TEXT,
                error_messages={"required": _("Geef een reden om de zaak te heropenen.")},
            )
        elif Needs.NOTE in needs:
            self.fields["reason"] = forms.CharField(
                label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_TEXT, required=False
            )
        if Needs.OUTCOME in needs:
            self.fields["outcome"] = forms.ChoiceField(
                label=_("Uitkomst"),
                choices=[("", _("Kies de uitkomst")), *Outcome.choices],
                error_messages={"required": _("Kies de uitkomst van de zaak.")},
            )
        self.style_widgets()


TEXT_HELP = _("Vertrouwelijk: wordt versleuteld opgeslagen.")


class NoteForm(UtrechtFormMixin, forms.Form):
    prefix = "note"
    text = forms.CharField(
        label=_("Nieuwe notitie"),
        help_text=_("Alleen zichtbaar voor medewerkers met toegang tot deze zaak. Wordt versleuteld opgeslagen."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        error_messages={"required": _("Schrijf een notitie.")},
    )


class MessageForm(UtrechtFormMixin, forms.Form):
    prefix = "message"
    text = forms.CharField(
        label=_("Bericht aan de aanvrager"),
        help_text=_("De aanvrager leest dit in Mijn zaak. Wordt versleuteld opgeslagen."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        error_messages={"required": _("Schrijf een bericht.")},
    )


class CallForm(UtrechtFormMixin, forms.Form):
    prefix = "call"
    occurred_at = forms.DateTimeField(
        label=_("Wanneer"),
        help_text=_("Datum en tijd, bijvoorbeeld 28-11-2026 14:30."),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d-%m-%Y %H.%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Vul in wanneer het gesprek was."), "invalid": _("Vul een datum en tijd in.")},
    )
    direction = forms.ChoiceField(
        label=_("Richting"),
        choices=CallDirection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies inkomend of uitgaand.")},
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"),
        required=False,
        min_value=0,
        max_value=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        help_text=TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        error_messages={"required": _("Vat het gesprek kort samen.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)})
        super().__init__(*args, **kwargs)


CALL_PARAMS = {"occurredAt": "occurred_at", "durationMinutes": "duration_minutes"}
