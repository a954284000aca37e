"""The "Wat kan ik doen?" form: the question texts, and the query string turned into the facts.

Parsing only: the rules live in ``guidance.validation`` (the same checks as ``POST /assessments``) and the
advice in ``guidance.assessment``. Nothing here is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.choices import OfficeRole
from weerbaar.guidance import rules

# The acts of issue 3, in plain words: (label, hint). The keys are exactly ``rules.ACTS``.
ACTS: dict[str, tuple[Any, Any]] = {
    "threat_of_violence": (
        _("Bedreiging met geweld"),
        _("Bijvoorbeeld een doodsbedreiging, of dreigen met zwaar letsel, verkrachting of brandstichting."),
    ),
    "threat_other": (
        _("Andere bedreiging"),
        _("Dreigen met iets anders, bijvoorbeeld met het openbaar maken van iets."),
    ),
    "insult": (_("Belediging"), _("Uitschelden of beledigen, in woord, geschrift of afbeelding.")),
    "defamation": (
        _("Smaad of laster"),
        _("In het openbaar uw eer of goede naam aantasten, of onware beschuldigingen verspreiden."),
    ),
    "stalking": (_("Belaging (stalking)"), _("Stelselmatig inbreuk maken op uw privéleven.")),
    "doxing": (
        _("Doxing"),
        _("Uw persoonsgegevens, zoals uw huisadres, verspreiden om u bang te maken of te hinderen."),
    ),
    "assault": (_("Mishandeling"), _("Slaan, schoppen, duwen of ander fysiek geweld.")),
    "property_damage": (_("Vernieling"), _("Schade aan uw huis, auto of andere spullen.")),
    "group_insult_or_hate": (
        _("Groepsbelediging of haat zaaien"),
        _("Beledigen of haat zaaien vanwege bijvoorbeeld afkomst, geloof, geslacht of seksuele gerichtheid."),
    ),
    "incitement": (_("Opruiing"), _("In het openbaar anderen oproepen tot geweld of een strafbaar feit.")),
    "coercion": (_("Dwang"), _("Met bedreiging dwingen iets te doen of te laten, bijvoorbeeld hoe u stemt.")),
    "trespass": (_("Huisvredebreuk"), _("Tegen uw wil uw huis of erf binnengaan of daar blijven.")),
    "demonstration_at_home": (_("Demonstratie bij uw huis"), _("Een betoging of groep mensen bij uw woning.")),
    "hostile_message": (
        _("Grof of vijandig bericht"),
        _("Onbeschoft of vijandig, zonder bedreiging of belediging."),
    ),
    "other": (_("Iets anders"), _("Iets wat hierboven niet staat.")),
}

YES_NO = (("yes", _("Ja")), ("no", _("Nee")))

# The query-string names, the API names in ``invalidParams`` and the element ids.
FIELDS = {
    "role": "role",
    "related": "relatedToOffice",
    "danger": "acuteDanger",
    "online": "online",
    "learned_on": "learnedOn",
    "acts": "acts",
}
LABELS = {
    "role": _("Wat is uw functie?"),
    "related": _("Heeft het te maken met uw functie?"),
    "danger": _("Bent u of is iemand nu in direct gevaar?"),
    "online": _("Gebeurde het online?"),
    "learned_on": _("Wanneer hoorde u ervan?"),
    "acts": _("Wat is er gebeurd?"),
}
HINTS = {
    "related": _("Bijvoorbeeld vanwege een besluit, een uitspraak of omdat u bestuurder bent."),
    "online": _("Bijvoorbeeld op sociale media, in een app of per e-mail."),
    "learned_on": _("De datum waarop u het zag of hoorde. Vanaf die dag loopt een eventuele termijn voor uw klacht."),
    "acts": _("Kies alles wat past."),
}
MESSAGES = {
    "role": _("Kies uw functie."),
    "related": _("Kies of het te maken heeft met uw functie."),
    "danger": _("Kies of u of iemand anders nu in direct gevaar is."),
    "online": _("Kies of het online gebeurde."),
    "learned_on": _("Vul een datum in die niet in de toekomst ligt, bijvoorbeeld 3-11-2026."),
    "acts": _("Kies wat er is gebeurd."),
}
API_TO_FIELD = {api: name for name, api in FIELDS.items()}


@dataclass
class WizardForm:
    """The submitted values (as strings, to show them again) and the errors per field."""

    values: dict[str, Any]
    submitted: bool
    errors: dict[str, str] = field(default_factory=dict)

    def raw(self) -> dict[str, Any]:
        """The values in the shape ``validate_facts`` checks for ``POST /assessments``."""
        v = self.values
        data: dict[str, Any] = {"role": v["role"] or None, "acts": v["acts"] or None}
        for name in ("related", "danger", "online"):
            data[FIELDS[name]] = {"yes": True, "no": False}.get(v[name])
        data["learnedOn"] = v["learned_on"] or None
        return data

    def add_errors(self, invalid_params: list[dict[str, str]]) -> None:
        for param in invalid_params:
            name = API_TO_FIELD.get(param.get("name", ""))
            if name and name not in self.errors:
                self.errors[name] = str(MESSAGES[name])

    def fields(self) -> list[dict[str, Any]]:
        """The questions for the template (``intake/includes/field.html`` draws role and the yes/no questions)."""
        roles = [(value, label) for value, label in OfficeRole.choices if value in rules.ROLES]
        out = []
        for name in ("danger", "role", "related", "online", "learned_on"):
            widget = "date" if name == "learned_on" else "radio"
            out.append(
                {
                    "name": name,
                    "id": f"id_{name}",
                    "label": LABELS[name],
                    "help": HINTS.get(name, ""),
                    "widget": widget,
                    "choices": roles if name == "role" else YES_NO,
                    "values": [self.values[name]],
                    "value": self.values[name],
                    "errors": [self.errors[name]] if name in self.errors else [],
                }
            )
        return out

    def acts(self) -> list[dict[str, Any]]:
        return [
            {"value": key, "label": label, "hint": hint, "checked": key in self.values["acts"]}
            for key, (label, hint) in ACTS.items()
        ]

    def error_list(self) -> list[tuple[str, Any, str]]:
        """(target id, label, message) in the order of the page, for the error summary."""
        order = ("danger", "role", "related", "online", "learned_on", "acts")
        targets = {"learned_on": "id_learned_on", "acts": "id_acts_0"}
        return [
            (targets.get(name, f"id_{name}_0"), LABELS[name], self.errors[name])
            for name in order
            if name in self.errors
        ]


def wizard_form(query: QueryDict, *, today: date) -> WizardForm:
    """Read the query string; an empty query is the empty form (date today)."""
    submitted = "acts" in query or "role" in query or "submit" in query
    values: dict[str, str | list[str]] = {
        name: query.get(name, "").strip()[:20] for name in ("role", "related", "danger", "online")
    }
    values["learned_on"] = query.get("learned_on", today.isoformat()).strip()[:20]
    values["acts"] = query.getlist("acts")[: len(ACTS) + 1]  # unknown or repeated acts: validation reports them
    return WizardForm(values=values, submitted=submitted)
