"""The counts behind the national tables: per calendar year, per row of each allow-listed table.

Read from plain columns where they exist (a case's role and the day it came in; when a referral was accepted, an
aftercare plan started) and, for what is sealed (an incident's acts and channel, what was reported to the
police), by opening those fields under each case's key inside this process: only counts leave it. Destroyed
cases still count through their remaining row (``destruction.DestroyedCase``: year, role, outcome).

Confirmed repeat-perpetrator links come from the matching app through ``register_link_counter``; without it the
count is 0 (published as the band "none").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from weerbaar.aftercare.models import AftercarePlan
from weerbaar.cases.choices import Outcome
from weerbaar.cases.models import Case
from weerbaar.destruction.models import DestroyedCase
from weerbaar.incidents.models import Incident, PoliceReport
from weerbaar.network.models import Referral

# An incident counts once, under the heaviest kind of act in it (the order here).
CATEGORY_OF_ACT = {
    "assault": "physical", "property_damage": "physical", "arson": "physical",
    "threat_of_violence": "threat", "threat_other": "threat", "extortion": "threat", "coercion": "threat",
    "stalking": "stalking", "demonstration_at_home": "stalking", "trespass": "stalking",
    "doxing": "privacy", "identity_misuse": "privacy", "hacking": "privacy", "intimate_images": "privacy",
    "insult": "insult", "defamation": "insult", "group_insult_or_hate": "insult", "incitement": "insult",
    "hostile_message": "insult",
}  # fmt: skip
CATEGORY_ORDER = ("physical", "threat", "stalking", "privacy", "insult", "other")
CHANNEL_ROW = {
    "online": "online",
    "email": "online",
    "phone": "phone",
    "letter": "letter",
    "in_person_work": "in_person",
    "elsewhere": "in_person",
    "at_home": "at_home",
}
SUPPORT_OF_KIND = {
    "security": "security",
    "home_scan": "security",
    "aftercare": "psychosocial",
    "victim_support": "psychosocial",
    "legal_aid": "legal_aid",
    "peer": "peer",
    "experienced_peer": "peer",
}

_link_counter: list[Callable[[int], int]] = []


def register_link_counter(counter: Callable[[int], int]) -> None:
    """The matching app's count of repeat-perpetrator links confirmed in a year (registered in its ready())."""
    if counter not in _link_counter:
        _link_counter.append(counter)


def confirmed_links(year: int) -> int:
    return sum(counter(year) for counter in _link_counter)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def _category(acts: list[str]) -> str:
    found = {CATEGORY_OF_ACT.get(act, "other") for act in acts}
    return next(code for code in CATEGORY_ORDER if code in found or code == "other")


def count_years(first: int, last: int) -> dict[int, dict[str, Counter[str]]]:
    """``{year: {table code: Counter(row → count)}}`` for every year from ``first`` to ``last``."""
    start, _ = year_bounds(first)
    _, end = year_bounds(last)
    result: dict[int, dict[str, Counter[str]]] = {
        year: {code: Counter() for code in ("totals", "office", "category", "channel", "support", "complaint")}
        for year in range(first, last + 1)
    }
    zone = ZoneInfo(settings.TIME_ZONE)

    def year_of(moment: datetime) -> int:
        return moment.astimezone(zone).year

    cases = Case.objects.filter(created_at__gte=start, created_at__lt=end)
    reports: dict[int, set[str]] = {}
    for report in PoliceReport.objects.filter(incident__case__in=cases).select_related("incident__case"):
        kind = report.open("sealed_details", under=report.incident.case).get("kind", "")
        reports.setdefault(report.incident.case_id, set()).add(kind)
    for case_id, role, created, outcome in cases.values_list("id", "role", "created_at", "outcome"):
        tables = result[year_of(created)]
        tables["totals"]["cases"] += 1
        tables["office"][role] += 1
        kinds = reports.get(case_id, set())
        if "complaint" in kinds or outcome == Outcome.COMPLAINT_FILED:
            tables["complaint"]["complaint"] += 1
        elif "registration" in kinds:
            tables["complaint"]["registration"] += 1
        else:
            tables["complaint"]["none"] += 1
    for destroyed in DestroyedCase.objects.filter(year__gte=first, year__lte=last):
        tables = result[destroyed.year]
        tables["totals"]["cases"] += 1
        tables["office"][destroyed.role] += 1
        route = "complaint" if destroyed.outcome == Outcome.COMPLAINT_FILED else "none"
        tables["complaint"][route] += 1
    incidents = Incident.objects.filter(created_at__gte=start, created_at__lt=end).select_related("case")
    for incident in incidents.iterator(chunk_size=2000):
        tables = result[year_of(incident.created_at)]
        facts = incident.opened_facts(under=incident.case)
        tables["totals"]["incidents"] += 1
        tables["category"][_category(facts["acts"])] += 1
        tables["channel"][CHANNEL_ROW.get(facts["channel"], "in_person")] += 1
    accepted = Referral.objects.filter(accepted_at__gte=start, accepted_at__lt=end)
    for kind, moment in accepted.values_list("kind", "accepted_at"):
        if moment is None:  # not accepted (the filter excludes it; for the type checker)
            continue
        result[year_of(moment)]["support"][SUPPORT_OF_KIND.get(kind, "peer")] += 1
    plans = AftercarePlan.objects.filter(started_at__gte=start, started_at__lt=end)
    for moment in plans.values_list("started_at", flat=True):
        result[year_of(moment)]["support"]["aftercare"] += 1
    return result
