"""The "Wat kan ik doen?" form: the question texts, and the query string turned into the facts.

Parsing only: the rules live in ``guidance.validation`` (the same checks as ``POST /assessments``) and the
advice in ``guidance.assessment``. Nothing here is stored.

Every question has one query-string name (also its element id, ``id_<name>``) and maps to exactly one field
of ``POST /assessments`` (``FIELDS``), so the ``invalidParams`` of the shared validation land next to the
question they are about.

Follow-up questions (``FOLLOW_UPS``) matter only for some acts: what was threatened, a demand, the last act of
a series, one perpetrator or a group, serious injury. They are asked only when one of their acts is chosen,
and they work without JavaScript:

* A follow-up whose acts are not chosen is rendered hidden and disabled, so it is never sent; the wizard's
  script shows and enables it as soon as one of its acts is ticked (answered in one go).
* A follow-up that is sent at all (even as "Weet ik niet") has been asked. When a chosen act has a follow-up
  that was not asked (no script, or a changed answer), the wizard first shows just those questions, with the
  other answers carried along, and then the step plan. Acute danger never waits for a question: 112 first.
* Each follow-up has an answer that says nothing ("Weet ik niet", or an empty date), and a follow-up whose
  acts are not chosen is not passed to the validation at all: a hidden question is always valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.choices import OfficeRole
from weerbaar.guidance import rules

# The acts in plain words: (label, hint). The keys are exactly ``rules.ACTS``.
ACTS: dict[str, tuple[Any, Any]] = {
    "threat_of_violence": (
        _("Bedreiging met geweld"),
        _("Bijvoorbeeld een doodsbedreiging, of dreigen met zwaar letsel, verkrachting of brandstichting."),
    ),
    "threat_other": (
        _("Andere bedreiging"),
        _(
            "Dreigen met iets anders dan geweld, bijvoorbeeld: iets over u openbaar maken als u niet doet wat "
            "de dader wil."
        ),
    ),
    "extortion": (
        _("Afpersing of afdreiging"),
        _("Geld of iets anders van u eisen met een dreiging, bijvoorbeeld: betalen, anders komt er iets online."),
    ),
    "coercion": (_("Dwang"), _("Met bedreiging dwingen iets te doen of te laten, bijvoorbeeld hoe u stemt.")),
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
    "intimate_images": (
        _("Seksuele beelden of deepfakes"),
        _("Seksuele foto's of video's van u maken of verspreiden zonder toestemming, ook als ze nep zijn."),
    ),
    "identity_misuse": (
        _("Misbruik van uw identiteit"),
        _("Iemand doet zich als u voor of misbruikt uw gegevens, bijvoorbeeld met een nepaccount."),
    ),
    "hacking": (_("Hacken"), _("Inbreken in uw account, telefoon of computer.")),
    "assault": (_("Mishandeling"), _("Slaan, schoppen, duwen of ander fysiek geweld.")),
    "property_damage": (_("Vernieling"), _("Schade aan uw huis, auto of andere spullen.")),
    "arson": (_("Brandstichting"), _("Brand stichten, bijvoorbeeld uw auto of iets bij uw huis in brand steken.")),
    "group_insult_or_hate": (
        _("Groepsbelediging of haat zaaien"),
        # Art. 137c and 137d Sr: race, religion or belief, sexual orientation, disability; not sex (137c), not
        # political opinion.
        _(
            "Een groep beledigen of haat zaaien vanwege ras of afkomst, geloof of levensovertuiging, seksuele "
            "gerichtheid of een handicap."
        ),
    ),
    "incitement": (_("Opruiing"), _("In het openbaar anderen oproepen tot geweld of een strafbaar feit.")),
    "trespass": (_("Huisvredebreuk"), _("Tegen uw wil uw huis of erf binnengaan of daar blijven.")),
    "demonstration_at_home": (_("Demonstratie bij uw huis"), _("Een betoging of groep mensen bij uw woning.")),
    "hostile_message": (
        _("Grof of vijandig bericht"),
        _("Onbeschoft of vijandig, zonder bedreiging of belediging."),
    ),
    "other": (_("Iets anders"), _("Iets wat hierboven niet staat.")),
}

YES_NO = (("yes", _("Ja")), ("no", _("Nee")))
DONT_KNOW = ("", _("Weet ik niet"))

VICTIMS = (
    ("office_holder", _("Ikzelf")),
    ("partner", _("Mijn partner")),
    ("child", _("Mijn kind")),
    ("other_family", _("Een ander familielid")),
    ("staff", _("Een medewerker")),
)
THREATENED = (
    ("listed_crime", _("Met een ernstig misdrijf, zoals doden, zware mishandeling of brandstichting")),
    ("exposure", _("Met iets over u openbaar maken of uw naam beschadigen")),
    ("other", _("Met iets anders")),
    DONT_KNOW,
)
PERPETRATORS = (
    ("one", _("Eén persoon")),
    ("group", _("Een groep, op straat of een andere openbare plek")),
    DONT_KNOW,
)

# The query-string names and the API names in ``invalidParams`` (and so the element ids), in page order.
FIELDS = {
    "danger": "acuteDanger",
    "role": "role",
    "victim": "victim",
    "related": "relatedToOffice",
    "online": "online",
    "learned_on": "learnedOn",
    "acts": "acts",
    "last_learned_on": "lastLearnedOn",
    "threatened": "threatened",
    "demand": "demand",
    "perpetrators": "perpetrators",
    "serious_injury": "seriousInjury",
}
API_TO_FIELD = {api: name for name, api in FIELDS.items()}

# Follow-up question -> the acts that make it matter (``guidance.analysis`` reads it only for those acts).
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "last_learned_on": ("stalking",),  # 285b: the term runs from knowledge of the last act
    "threatened": ("threat_other", "extortion", "coercion"),  # 285 or 284; 317 or 318; 284 a klachtdelict
    "demand": ("threat_other",),  # 284 and 179 need something demanded
    "perpetrators": ("assault", "property_damage", "arson"),  # 141 needs a group in public
    "serious_injury": ("assault",),  # 302
}
BASE = ("danger", "role", "victim", "related", "online", "learned_on")
RADIOS = ("danger", "role", "victim", "related", "online", "threatened", "demand", "perpetrators", "serious_injury")
BOOLEANS = ("related", "danger", "online", "demand", "serious_injury")
DATES = ("learned_on", "last_learned_on")

LABELS = {
    "role": _("Wat is uw functie?"),
    "victim": _("Wie is er getroffen?"),
    # The exercise of the office, not the title (art. 267 Sr; HR 19 September 2017, ECLI:NL:HR:2017:2394).
    "related": _("Gebeurde het tijdens of vanwege uw werk als bestuurder?"),
    "danger": _("Bent u of is iemand nu in direct gevaar?"),
    "online": _("Gebeurde het online?"),
    "learned_on": _("Wanneer hoorde u ervan?"),
    "acts": _("Wat is er gebeurd?"),
    "last_learned_on": _("Wanneer hoorde u van de laatste keer?"),
    "threatened": _("Waarmee werd gedreigd?"),
    "demand": _("Eiste de dader iets van u?"),
    "perpetrators": _("Was het één persoon of een groep?"),
    "serious_injury": _("Raakte iemand ernstig gewond?"),
}
HINTS = {
    "victim": _("Gaat het om meer mensen? Maak dan voor ieder een eigen stappenplan."),
    "related": _(
        "Bijvoorbeeld vanwege een besluit, een stemming of een uitspraak, of tijdens een vergadering of uw werk "
        "als burgemeester, wethouder of raadslid."
    ),
    "online": _("Bijvoorbeeld op sociale media, in een app of per e-mail."),
    "learned_on": _("De datum waarop u het zag of hoorde. Vanaf die dag loopt een eventuele termijn voor uw klacht."),
    "acts": _("Kies alles wat past. Bij sommige keuzes komt hieronder nog een vraag."),
    "last_learned_on": _(
        "Gebeurde het vaker? Dan loopt de termijn voor uw klacht vanaf de laatste keer; vul hierboven de eerste keer "
        "in. Anders laat u dit leeg."
    ),
    "demand": _("Bijvoorbeeld geld, of dat u iets doet of juist niet doet."),
    "serious_injury": _("Bijvoorbeeld een gebroken bot, een diepe wond of letsel dat blijft."),
}
MESSAGES = {
    "role": _("Kies uw functie."),
    "victim": _("Kies wie er getroffen is."),
    "related": _("Kies of het tijdens of vanwege uw werk als bestuurder gebeurde."),
    "danger": _("Kies of u of iemand anders nu in direct gevaar is."),
    "online": _("Kies of het online gebeurde."),
    "learned_on": _("Vul een datum in die niet in de toekomst ligt, bijvoorbeeld 3-11-2026."),
    "acts": _("Kies wat er is gebeurd."),
    "last_learned_on": _("Vul een datum in vanaf de eerste keer tot en met vandaag, bijvoorbeeld 3-11-2026."),
    "threatened": _("Kies waarmee werd gedreigd."),
    "demand": _("Kies of de dader iets eiste."),
    "perpetrators": _("Kies of het één persoon of een groep was."),
    "serious_injury": _("Kies of iemand ernstig gewond raakte."),
}
CHOICES: dict[str, tuple[tuple[str, Any], ...]] = {
    "victim": VICTIMS,
    "related": YES_NO,
    "danger": YES_NO,
    "online": YES_NO,
    "threatened": THREATENED,
    "demand": (*YES_NO, DONT_KNOW),
    "perpetrators": PERPETRATORS,
    "serious_injury": (*YES_NO, DONT_KNOW),
}
MAX_LENGTH = 20  # longer than any value; a longer one is cut and then refused by the validation


def _roles() -> tuple[tuple[str, Any], ...]:
    return tuple((value, label) for value, label in OfficeRole.choices if value in rules.ROLES)


@dataclass
class WizardForm:
    """The submitted values (as strings, to show them again), which follow-ups were asked, the errors."""

    values: dict[str, Any]
    submitted: bool
    asked: frozenset[str] = frozenset()
    errors: dict[str, str] = field(default_factory=dict)

    def relevant(self, name: str) -> bool:
        """Whether a follow-up matters for the acts chosen."""
        return any(act in self.values["acts"] for act in FOLLOW_UPS[name])

    def pending(self) -> list[str]:
        """The follow-ups the chosen acts need that were not asked yet, in page order."""
        return [name for name in FOLLOW_UPS if self.relevant(name) and name not in self.asked]

    def raw(self) -> dict[str, Any]:
        """The values in the shape ``validate_facts`` checks for ``POST /assessments``.

        An answer that says nothing (empty, "Weet ik niet") and a follow-up its acts do not need are left out,
        so the API's default applies; a value that is not one of the choices is passed on for the validation to
        refuse."""
        v = self.values
        data: dict[str, Any] = {"role": v["role"] or None, "acts": v["acts"] or None}
        for name in ("related", "danger", "online"):
            data[FIELDS[name]] = {"yes": True, "no": False}.get(v[name])
        data["learnedOn"] = v["learned_on"] or None
        if v["victim"]:
            data["victim"] = v["victim"]
        for name in FOLLOW_UPS:
            value = v[name]
            if not value or not self.relevant(name):
                continue
            data[FIELDS[name]] = {"yes": True, "no": False}.get(value, value) if name in BOOLEANS else value
        return data

    def add_errors(self, invalid_params: list[dict[str, str]]) -> None:
        for param in invalid_params:
            name = API_TO_FIELD.get(param.get("name", ""))
            if name and name not in self.errors:
                self.errors[name] = str(MESSAGES[name])

    def _field(self, name: str) -> dict[str, Any]:
        """One question for ``intake/includes/field.html``."""
        value = self.values[name] or ""
        return {
            "name": name,
            "id": f"id_{name}",
            "label": LABELS[name],
            "help": HINTS.get(name, ""),
            "widget": "date" if name in DATES else "radio",
            "choices": _roles() if name == "role" else CHOICES.get(name, ()),
            "values": [value],
            "value": value,
            "errors": [self.errors[name]] if name in self.errors else [],
        }

    def fields(self) -> list[dict[str, Any]]:
        """The questions asked of everyone, before the acts."""
        return [self._field(name) for name in BASE]

    def follow_ups(self, names: list[str] | None = None) -> list[dict[str, Any]]:
        """The follow-up questions (all, or ``names``), each with the acts that show it and whether it is shown
        now (its acts are chosen)."""
        return [
            {"field": self._field(name), "acts": " ".join(FOLLOW_UPS[name]), "shown": self.relevant(name)}
            for name in (names if names is not None else FOLLOW_UPS)
        ]

    def carried(self, pending: list[str]) -> list[tuple[str, str]]:
        """The answers to carry along as hidden inputs while ``pending`` follow-ups are asked."""
        out: list[tuple[str, str]] = []
        for name in BASE:
            out.append((name, self.values[name] or ""))
        out.extend(("acts", act) for act in self.values["acts"])
        for name in FOLLOW_UPS:
            if name not in pending and self.relevant(name) and name in self.asked:
                out.append((name, self.values[name] or ""))
        return out

    def acts(self) -> list[dict[str, Any]]:
        return [
            {"value": key, "label": label, "hint": hint, "checked": key in self.values["acts"]}
            for key, (label, hint) in ACTS.items()
        ]

    def error_list(self) -> list[tuple[str, Any, str]]:
        """(target id, label, message) in the order of the page, for the error summary."""
        return [
            (f"id_{name}" if name in DATES else f"id_{name}_0", LABELS[name], self.errors[name])
            for name in FIELDS
            if name in self.errors
        ]


def wizard_form(query: QueryDict, *, today: date) -> WizardForm:
    """Read the posted answers; none is the empty form (date today, "Ikzelf").

    ``edit`` (the "back to all questions" button) shows the full form with the answers, without a step plan."""
    submitted = ("acts" in query or "role" in query or "submit" in query) and "edit" not in query
    values: dict[str, Any] = {name: query.get(name, "").strip()[:MAX_LENGTH] for name in RADIOS}
    if "victim" not in query:
        values["victim"] = "office_holder"
    values["learned_on"] = query.get("learned_on", today.isoformat()).strip()[:MAX_LENGTH]
    values["last_learned_on"] = query.get("last_learned_on", "").strip()[:MAX_LENGTH]
    values["acts"] = query.getlist("acts")[: len(ACTS) + 1]  # unknown or repeated acts: validation reports them
    asked = frozenset(name for name in FOLLOW_UPS if name in query)
    return WizardForm(values=values, submitted=submitted, asked=asked)
