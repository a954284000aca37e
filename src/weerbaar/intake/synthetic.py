"""Synthetic cases in bulk (``weerbaar seed --synthetic N``; the walk is ``core.synthetic``).

Each case is made as ``services.case_open`` makes one — a fresh data key bound to its reference and the request
sealed under it, the municipality inside the seal and only the province plain — and then given the plain columns
of where its work got to (claimed, aftercare, closed with an outcome or a close reason), in proportions that follow
the Monitor Integriteit en Veiligheid 2024 and the team's own case mix (docs/public-figures.md). Inserted with
``bulk_create``; no history rows, messages or notes. The newest case's creation is audited (the audit log's
anchor); ``core.synthetic`` audits the load itself.

Cases come in through intake's front door (its routing picks the association), as the demo cases do, so this
lives in intake.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from typing import Any

from weerbaar.cases.choices import (
    MUNICIPAL_ROLES,
    PROVINCIAL_ROLES,
    Channel,
    CloseReason,
    Outcome,
    Status,
)
from weerbaar.cases.models import Case
from weerbaar.cases.services import red_after
from weerbaar.core.audit import audit_record
from weerbaar.core.clock import respond_by
from weerbaar.core.references import ALPHABET, reference_claimed
from weerbaar.core.synthetic import SyntheticBuilder, SyntheticRun
from weerbaar.directory.models import Association, Municipality, Province
from weerbaar.intake.routing import association_code_for

# Cases per role: raadsleden are by far the most numerous office holders (about 8,800 against 342 burgemeesters,
# some 1,300 wethouders, 570 statenleden and 80 gedeputeerden) but burgemeesters and wethouders meet aggression
# far more often per person, so they are over-represented among the cases.
ROLE_WEIGHTS = {
    "raadslid": 44,
    "wethouder": 22,
    "burgemeester": 15,
    "statenlid": 9,
    "gedeputeerde": 3,
    "other": 7,
}
# What the office holder asks help with first; a second concern in a third of the cases. 59% of incidents are online.
CONCERN_WEIGHTS = {
    "online_harassment": 32,
    "threat": 27,
    "intimidation": 16,
    "aggression": 10,
    "violence": 2,
    "security_advice": 8,
    "aftercare": 2,
    "council_conversation": 2,
    "other": 1,
}
CHANNEL_WEIGHTS = {Channel.WEB: 58, Channel.PHONE: 34, Channel.API: 8}
CONTACT_WEIGHTS = {"phone": 50, "email": 35, "portal": 15}
AFFECTED = ((["self"], 75), (["family", "self"], 15), (["family"], 5), (["self", "staff"], 5))
# How a case worked on ends; the share with a complaint (aangifte) follows the monitor's "about 7% file one".
OUTCOME_WEIGHTS = {
    Outcome.ADVISED: 38,
    Outcome.REFERRED: 22,
    Outcome.COMPLAINT_FILED: 7,
    Outcome.NO_FURTHER_HELP: 21,
    Outcome.UNREACHABLE: 5,
    Outcome.OTHER: 7,
}
CLOSED_WITHOUT_WORK = 0.08  # duplicates, out of scope, withdrawn
URGENT = 0.06


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _reference(rng: random.Random) -> str:
    chars = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"WB-{chars[:4]}-{chars[4:]}"


def _status(rng: random.Random, age_days: float) -> str:
    """Where a case of this age got to."""
    if age_days < 2:
        table = {Status.NEW: 70, Status.IN_PROGRESS: 30}
    elif age_days < 30:
        table = {Status.NEW: 2, Status.IN_PROGRESS: 68, Status.AFTERCARE: 10, Status.CLOSED: 20}
    elif age_days < 120:
        table = {Status.IN_PROGRESS: 25, Status.AFTERCARE: 20, Status.CLOSED: 55}
    else:
        table = {Status.IN_PROGRESS: 3, Status.AFTERCARE: 5, Status.CLOSED: 92}
    return str(_pick(rng, table))


def _context(run: SyntheticRun) -> dict[str, Any]:
    context: dict[str, Any] | None = run.notes.get("cases")
    if context is None:
        context = {
            "associations": {a.code: a for a in Association.objects.all()},
            "municipalities": list(Municipality.objects.select_related("province").order_by("code")),
            "provinces": list(Province.objects.order_by("code")),
            "references": set(Case.objects.values_list("reference", flat=True)),
        }
        if not context["municipalities"] or not context["provinces"]:
            raise RuntimeError("No municipalities or provinces: run `weerbaar seed` first.")
        run.notes["cases"] = context
    return context


def synthetic_case(rng: random.Random, run: SyntheticRun, context: dict[str, Any], number: int) -> Case:
    """One case as ``case_open`` makes it, moved on to where its work got to (not saved)."""
    span = run.years * 365 * 86400
    created: datetime = run.now - timedelta(seconds=rng.random() * span)
    age_days = (run.now - created).total_seconds() / 86400
    role = _pick(rng, ROLE_WEIGHTS)
    municipality = None
    if role in MUNICIPAL_ROLES or (role == "other" and rng.random() < 0.5):
        municipality = rng.choice(context["municipalities"])
    province = municipality.province if municipality else None
    if role in PROVINCIAL_ROLES:
        province = rng.choice(context["provinces"])
    concerns = {_pick(rng, CONCERN_WEIGHTS)}
    if rng.random() < 0.33:
        concerns.add(_pick(rng, CONCERN_WEIGHTS))
    urgent = rng.random() < URGENT
    deadline = respond_by(received_at=created, urgent=urgent)
    affected = rng.choices([a for a, _ in AFFECTED], weights=[w for _, w in AFFECTED])[0]
    case = Case(
        channel=_pick(rng, CHANNEL_WEIGHTS),
        role=role,
        province=province,
        association=context["associations"][association_code_for(role)],
        status=_status(rng, age_days),
        urgent=urgent,
        acute_danger=urgent,
        concerns=sorted(concerns),
        affected=sorted(affected),
        preferred_contact=_pick(rng, CONTACT_WEIGHTS),
        consent_to_share=rng.random() < 0.7,
        created_at=created,
        respond_by=deadline,
        red_after=red_after(created_at=created, respond_by=deadline),
    )
    if case.status != Status.NEW:
        # Claimed within hours mostly (median about 3 hours, a long tail past the deadline).
        hours = min(math.exp(rng.gauss(math.log(3), 1.1)), max(age_days * 24 * 0.5, 0.1))
        case.claimed_at = created + timedelta(hours=hours)
    if case.status == Status.CLOSED:
        if rng.random() < CLOSED_WITHOUT_WORK:
            case.claimed_at = None
            case.close_reason = _pick(
                rng, {CloseReason.DUPLICATE: 5, CloseReason.NOT_IN_SCOPE: 3, CloseReason.WITHDRAWN: 2}
            )
            case.closed_at = created + timedelta(hours=rng.uniform(1, min(72, age_days * 24)))
        else:
            case.outcome = _pick(rng, OUTCOME_WEIGHTS)
            days = min(rng.uniform(7, 150), age_days * 0.9)
            case.closed_at = max(created + timedelta(days=days), case.claimed_at or created)
    reference = _reference(rng)
    while reference in context["references"] or reference_claimed(reference):
        reference = _reference(rng)
    context["references"].add(reference)
    case.reference = reference
    case.give_data_key()
    request: dict[str, Any] = {
        "name": f"(Synthetisch) Ambtsdrager {number}",
        "email": f"synthetisch-{number}@example.org",
        "phone": "",
        "description": "(Synthetisch) Gegenereerd voor benchmark en demonstratie.",
    }
    if municipality is not None:  # sealed, as case_open does: with the role it names the office holder
        request.update(municipalityCode=municipality.code, municipality=municipality.name)
    case.seal("sealed_request", request)
    return case


def _load(run: SyntheticRun, size: int) -> None:
    rng = run.rng("cases")
    context = _context(run)
    first = run.made.get("cases", 0)
    cases = [synthetic_case(rng, run, context, first + index + 1) for index in range(size)]
    Case.objects.bulk_create(cases, batch_size=500)
    if cases and cases[0].pk is None:  # a backend that does not return ids from a bulk insert
        ids = dict(Case.objects.filter(reference__in=[c.reference for c in cases]).values_list("reference", "id"))
        for case in cases:
            case.pk = ids[case.reference]
    run.batch = cases
    run.add("cases", len(cases))


def _finish(run: SyntheticRun) -> None:
    newest = Case.objects.order_by("-id").values_list("reference", flat=True).first()
    if run.made.get("cases") and newest is not None:
        # The audit log's anchor is the newest case's creation (cases.apps); the bulk insert wrote no entries.
        audit_record(actor="system:seed", action="case.created", object_type="case", object_id=newest)


CASES = SyntheticBuilder("cases", 10, load=_load, finish=_finish)
