"""Demo data for development: clearly fictional staff and about 200 fictional cases.

Only for a developer's machine (``weerbaar seed --demo``, refused unless
``WEERBAAR_DEBUG=1``). Every case goes through the real intake and case-work
services, so it is routed, encrypted under its own key and audited exactly like
a real one; afterwards only the timestamps are moved into the past so queues,
deadlines and escalations look lived-in. Names use the reserved ``example.org``
domain and the staff display names say "(demo)". Running it twice adds nothing.

Demo staff share one fixed, documented password and one fixed TOTP secret (see
docs/operations.md) so a developer can sign in with any authenticator app.
"""

from __future__ import annotations

import base64
import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import Role, User
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases import services as case_services
from weerbaar.cases.choices import MUNICIPAL_ROLES, PROVINCIAL_ROLES, Channel, CloseReason, Outcome, Status
from weerbaar.cases.models import Case, CaseCall, CaseMessage, CaseNote, StatusChange
from weerbaar.core.clock import respond_by
from weerbaar.directory.models import Association, Municipality, Province
from weerbaar.intake.routing import association_code_for
from weerbaar.intake.services import help_request_submit

DEMO_PREFIX = "demo-"
DEMO_PASSWORD = "weerbaar-demo-oefenwachtwoord"  # noqa: S105 - documented, development only
DEMO_TOTP_KEY = b"weerbaar-demo-totp-1"  # 20 bytes; the same for every demo account
DEMO_TOTP_SECRET = base64.b32encode(DEMO_TOTP_KEY).decode()  # what an authenticator app wants
DEMO_CASES = 200
SAMPLE_INDEXES = (0, 60, 110)  # a new, an in-progress and an aftercare case whose follow-up codes are printed


@dataclass(frozen=True)
class DemoStaff:
    username: str
    display_name: str
    role: str
    association: str | None


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("demo-advisor-ngb", "Noor Bakker (demo)", Role.ADVISOR, "ngb"),
    DemoStaff("demo-advisor-wethouders", "Willem de Graaf (demo)", Role.ADVISOR, "wethoudersvereniging"),
    DemoStaff("demo-advisor-nvvr", "Rosa Meijer (demo)", Role.ADVISOR, "nvvr"),
    DemoStaff("demo-advisor-nvvr-2", "Tarik El Idrissi (demo)", Role.ADVISOR, "nvvr"),
    DemoStaff("demo-advisor-statenlidnu", "Sanne Vos (demo)", Role.ADVISOR, "statenlidnu"),
    DemoStaff("demo-advisor-bzk", "Bas Hendriks (demo)", Role.ADVISOR, "bzk"),
    DemoStaff("demo-coordinator", "Carla Coördinator (demo)", Role.COORDINATOR, "bzk"),
    DemoStaff("demo-partner", "Pieter Partner (demo)", Role.PARTNER, None),
    DemoStaff("demo-analyst", "Anouk Analist (demo)", Role.ANALYST, None),
    DemoStaff("demo-admin", "Ahmed Beheer (demo)", Role.ADMIN, None),
)

ROLE_WEIGHTS = {
    "raadslid": 34,
    "wethouder": 20,
    "burgemeester": 18,
    "statenlid": 10,
    "gedeputeerde": 6,
    "other": 12,
}
# fmt: off
FIRST_NAMES = (
    "Anna", "Bram", "Chantal", "Daan", "Esra", "Femke", "Gerrit", "Hanneke", "Ilse", "Jasper", "Karim", "Lotte",
    "Mees", "Nadia", "Olaf", "Priya", "Quinten", "Ruben", "Saskia", "Thijs", "Umut", "Vera", "Wouter", "Yara",
    "Zeynep", "Joris", "Marloes", "Kees", "Fatima", "Luuk",
)
LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "Smits", "de Graaf", "van der Meer", "Yilmaz", "Bouali",
)
# fmt: on
STORIES: dict[str, tuple[str, ...]] = {
    "threat": (
        "(Fictief voorbeeld) Na de raadsvergadering kreeg ik een anonieme brief thuis waarin staat dat ze weten "
        "waar mijn kinderen naar school gaan.",
        "(Fictief voorbeeld) Iemand belde drie keer naar mijn privénummer en dreigde mijn auto in brand te steken "
        "als het besluit over de windmolens doorgaat.",
    ),
    "intimidation": (
        "(Fictief voorbeeld) Een groep mensen stond gisteravond een uur lang voor mijn huis te filmen en te roepen.",
        "(Fictief voorbeeld) Een inwoner volgt mij al weken na afloop van de spreekuren en wacht mij op bij de auto.",
    ),
    "aggression": (
        "(Fictief voorbeeld) Tijdens het inloopspreekuur werd ik uitgescholden en werd er met een stoel gegooid.",
    ),
    "violence": (
        "(Fictief voorbeeld) Ik ben op de markt geduwd en geslagen door iemand die boos is over "
        "de parkeervergunningen.",
    ),
    "online_harassment": (
        "(Fictief voorbeeld) Sinds het debat over de opvanglocatie word ik op sociale media overspoeld met "
        "haatberichten; er circuleert een bewerkte foto van mij.",
        "(Fictief voorbeeld) Er is een nepaccount op mijn naam aangemaakt dat berichten verstuurt aan collega's.",
    ),
    "security_advice": (
        "(Fictief voorbeeld) Mijn adres staat online gedeeld. Ik wil graag advies over beveiliging van mijn woning.",
    ),
    "aftercare": (
        "(Fictief voorbeeld) Het incident van vorige maand is afgehandeld, maar ik slaap slecht "
        "en wil met iemand praten.",
    ),
    "council_conversation": (
        "(Fictief voorbeeld) De griffier en ik willen in de raad een gesprek organiseren over de omgangsvormen.",
    ),
    "other": ("(Fictief voorbeeld) Ik weet niet goed waar ik terecht kan en wil graag even overleggen.",),
}
NOTES = (
    "Eerste contact gehad; aanvrager is geschrokken maar veilig. Afspraak gemaakt voor een terugbelgesprek.",
    "Advies gegeven over het vastleggen van berichten (schermafdrukken met datum en tijd).",
    "Contact gelegd met de politie-eenheid over een melding; aanvrager overweegt aangifte.",
    "Burgemeester geïnformeerd met toestemming van de aanvrager.",
)
ADVISOR_MESSAGES = (
    "Dank voor uw bericht. Ik bel u morgen om 10 uur, past dat?",
    "Hierbij nog de tips over het vastleggen van berichten die we bespraken.",
)
HOLDER_MESSAGES = (
    "Dank u wel, morgen om 10 uur is goed.",
    "Er is vannacht opnieuw een bericht binnengekomen. Wat moet ik daarmee?",
)
CALL_SUMMARIES = (
    "Intakegesprek gevoerd; situatie en wensen doorgenomen.",
    "Terugbelgesprek: aanvrager voelt zich gesteund, volgt advies op.",
)


# Fictional network partners, one of every kind, in several provinces (the demo partner account acts for the
# first). Contact details use example.org and the reserved 0201 test numbers; nothing here is a real organisation.
DEMO_PARTNERS: tuple[dict[str, Any], ...] = (
    {"name": "Gerda Vakgenoot (demo)", "kind": "peer", "provinces": ["PV26", "PV27"], "languages": ["nl", "en"],
     "capacity": 3, "organisation": "Oud-wethouder Utrecht"},
    {"name": "Hamid Ervaring (demo)", "kind": "experienced_peer", "provinces": ["PV28"], "languages": ["nl", "ar"],
     "capacity": 2, "organisation": "Oud-raadslid Rotterdam"},
    {"name": "Veilig Werk Beveiliging (demo)", "kind": "security", "nationwide": True, "languages": ["nl", "en"],
     "capacity": 10, "organisation": "Voorbeeld Beveiliging B.V."},
    {"name": "Juridisch Loket Noord (demo)", "kind": "legal_aid", "provinces": ["PV20", "PV21", "PV22"],
     "languages": ["nl", "fy"], "capacity": 8, "organisation": "Voorbeeld Advocaten"},
    {"name": "Praktijk Nazorg Oost (demo)", "kind": "aftercare", "provinces": ["PV23", "PV25"],
     "languages": ["nl", "de"], "capacity": 5, "organisation": "Voorbeeld Psychologen"},
    {"name": "Woningscan Zuid (demo)", "kind": "home_scan", "provinces": ["PV30", "PV31", "PV29"],
     "languages": ["nl"], "capacity": 4, "available": False, "organisation": "Voorbeeld Woningscan"},
    {"name": "Slachtofferhulp Landelijk (demo)", "kind": "victim_support", "nationwide": True,
     "languages": ["nl", "en", "tr", "pl"], "capacity": 20, "organisation": "Voorbeeld Slachtofferhulp"},
)  # fmt: skip


def _partners_create(users: dict[str, User]) -> None:
    from weerbaar.directory.services import partner_create

    partners = []
    for index, spec in enumerate(DEMO_PARTNERS, start=1):
        raw = {
            "nationwide": False,
            "available": True,
            "contactName": spec["name"].replace(" (demo)", ""),
            "email": f"partner{index}@example.org",
            "phone": f"0201 00{index:02d} 00",
            **spec,
        }
        partners.append(partner_create(actor="demo", raw=raw))
    partner_user = users.get(f"{DEMO_PREFIX}partner")
    if partner_user is not None:
        partner_user.partner = partners[0]
        partner_user.save(update_fields=["partner"])


def _demo_present() -> bool:
    return User.objects.filter(username__in=[s.username for s in DEMO_STAFF]).exists()


def _staff_create() -> dict[str, User]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    associations = {a.code: a for a in Association.objects.all()}
    users: dict[str, User] = {}
    for spec in DEMO_STAFF:
        user = User(
            username=spec.username,
            display_name=spec.display_name,
            email=f"{spec.username}@example.org",
            role=spec.role,
            association=associations[spec.association] if spec.association else None,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        TOTPDevice.objects.create(user=user, name="Demo-authenticator", key=DEMO_TOTP_KEY.hex(), confirmed=True)
        users[spec.username] = user
    return users


def _payload(rng: random.Random, municipalities: list[Municipality], provinces: list[Province]) -> dict[str, Any]:
    role = rng.choices(list(ROLE_WEIGHTS), weights=list(ROLE_WEIGHTS.values()))[0]
    concerns = rng.sample(list(STORIES), k=rng.choices([1, 2, 3], weights=[5, 4, 1])[0])
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    contact = rng.choices(["phone", "email", "portal"], weights=[5, 3, 2])[0]
    payload: dict[str, Any] = {
        "role": role,
        "name": f"{first} {last}",
        "email": f"{first.lower()}.{last.lower().replace(' ', '')}@example.org",
        "phone": f"06 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        "preferredContact": contact,
        "concerns": concerns,
        "affected": rng.choice([["self"], ["self"], ["self", "family"], ["family"], ["self", "staff"]]),
        "description": " ".join(rng.choice(STORIES[c]) for c in concerns),
        "acuteDanger": rng.random() < 0.08,
        "consentToShare": rng.random() < 0.7,
    }
    if contact == "email" or rng.random() < 0.3:
        payload["phone"] = "" if contact == "email" else payload["phone"]
    if role in MUNICIPAL_ROLES or (role == "other" and rng.random() < 0.5):
        payload["municipalityCode"] = rng.choice(municipalities).code
    if role in PROVINCIAL_ROLES:
        payload["provinceCode"] = rng.choice(provinces).code
    return payload


def _plan(rng: random.Random, index: int) -> tuple[str, float]:
    """The target state of case ``index`` and how many days ago it came in."""
    if index < 30:
        return "new", rng.uniform(0, 0.9)  # recent, within the deadline
    if index < 42:
        return "escalated", rng.uniform(2, 6)  # unclaimed past the deadline
    if index < 105:
        return "in_progress", rng.uniform(1, 40)
    if index < 140:
        return "aftercare", rng.uniform(14, 90)
    if index < 185:
        return "closed", rng.uniform(20, 180)
    if index < 195:
        return "closed_without_work", rng.uniform(3, 120)
    return "reopened", rng.uniform(30, 120)


def _holder_writes(rng: random.Random, case: Case) -> None:
    principal = OfficeHolder(case_id=case.pk, reference=case.reference)
    text = rng.choice(HOLDER_MESSAGES)
    case_services.case_message_send_by_office_holder(principal=principal, reference=case.reference, text=text)


def _work(rng: random.Random, case: Case, state: str, advisors: dict[str, list[User]]) -> None:
    """Move a submitted case to ``state`` through the real services, with notes, calls and messages."""
    reference = case.reference
    pool = advisors[case.association.code]
    advisor = rng.choice(pool)
    if state in ("new", "escalated"):
        if rng.random() < 0.3:
            _holder_writes(rng, case)
        return
    if state == "closed_without_work":
        reason = rng.choice(list(CloseReason.values))
        case_services.case_transition(actor=advisor, reference=reference, target=Status.CLOSED, reason=reason)
        return
    case_services.case_assign(actor=advisor, reference=reference, assignee_username="me")
    if rng.random() < 0.8:
        case_services.case_call_log(
            actor=advisor,
            reference=reference,
            occurred_at=timezone.now(),
            direction=rng.choice(["incoming", "outgoing"]),
            summary=rng.choice(CALL_SUMMARIES),
            duration_minutes=rng.choice([10, 15, 25, 40]),
        )
    for _ in range(rng.choice([0, 1, 1, 2])):
        case_services.case_note_add(actor=advisor, reference=reference, text=rng.choice(NOTES))
    if rng.random() < 0.5:
        _incidents(rng, case, advisor)
    if rng.random() < 0.6:
        case_services.case_message_send(actor=advisor, reference=reference, text=rng.choice(ADVISOR_MESSAGES))
        if rng.random() < 0.7:
            _holder_writes(rng, case)
    if state == "in_progress":
        return
    case_services.case_transition(actor=advisor, reference=reference, target=Status.AFTERCARE)
    if state == "aftercare":
        return
    outcome = rng.choice(list(Outcome.values))
    case_services.case_transition(actor=advisor, reference=reference, target=Status.CLOSED, outcome=outcome)
    if state == "reopened":
        reason = "(Fictief) De aanvrager meldt een nieuw incident van dezelfde persoon."
        case_services.case_transition(actor=advisor, reference=reference, target=Status.IN_PROGRESS, reason=reason)


DEMO_INCIDENTS = [
    (["threat_of_violence"], "online", "(Fictief) Reactie onder mijn bericht: 'we weten waar je woont'."),
    (["insult", "hostile_message"], "email", "(Fictief) Scheldmail na de raadsvergadering over het azc."),
    (["stalking"], "at_home", "(Fictief) Dezelfde auto staat al drie avonden tegenover mijn huis."),
    (["doxing"], "online", "(Fictief) Mijn huisadres en foto's van mijn kinderen zijn in een Telegramgroep gezet."),
    (["property_damage"], "at_home", "(Fictief) De ruit van mijn auto is ingeslagen, met een briefje erbij."),
]


def _demo_image(rng: random.Random, caption: str) -> bytes:
    """A fictional 'screenshot': a coloured card with the caption drawn on it."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 200), rng.choice([(236, 240, 246), (250, 238, 230), (232, 244, 236)]))
    draw = ImageDraw.Draw(image)
    draw.rectangle((12, 12, 468, 188), outline=(90, 90, 90), width=2)
    draw.text((28, 40), "(Fictief) bewijsstuk", fill=(20, 20, 20))
    draw.text((28, 80), caption[:60], fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _incidents(rng: random.Random, case: Case, advisor: User) -> None:
    """One or two fictional incidents with an image as evidence, sometimes with a police report."""
    from weerbaar.incidents import services as incident_services
    from weerbaar.incidents.validation import validate_incident, validate_police_report

    today = timezone.localdate()
    for _ in range(rng.choice([1, 1, 2])):
        acts, channel, text = rng.choice(DEMO_INCIDENTS)
        occurred = today - timedelta(days=rng.randint(2, 40))
        actor: Any = rng.choice([advisor, OfficeHolder(case_id=case.pk, reference=case.reference)])
        incident = incident_services.incident_record(
            actor=actor,
            reference=case.reference,
            data=validate_incident(
                {
                    "occurredOn": occurred.isoformat(),
                    "learnedOn": occurred.isoformat(),
                    "channel": channel,
                    "platform": "X" if channel == "online" else "",
                    "acts": acts,
                    "relatedToOffice": True,
                    "description": text,
                    "affected": ["self"],
                    "perpetratorKnown": False,
                }
            ),
        )
        image = _demo_image(rng, text)
        incident_services.evidence_add(
            actor=actor,
            reference=case.reference,
            upload=incident_services.Upload("schermafbeelding.png", image, len(image)),
            incident_number=incident.number,
        )
        if rng.random() < 0.4:
            incident_services.police_report_save(
                actor=advisor,
                reference=case.reference,
                number=incident.number,
                data=validate_police_report(
                    {
                        "kind": "complaint",
                        "reportedOn": today.isoformat(),
                        "vptCode": "yes",
                        "addressProtection": "default",
                    }
                ),
            )


def _backdate(case_pk: int, received: datetime, now: datetime, urgent: bool) -> None:
    """Spread the case's history between ``received`` and now, keeping the order it happened in."""
    rows: list[tuple[Any, int, str]] = []
    rows += [
        (StatusChange, pk, "changed_at")
        for pk in StatusChange.objects.filter(case_id=case_pk).values_list("pk", flat=True)
    ]
    rows += [
        (CaseNote, pk, "created_at") for pk in CaseNote.objects.filter(case_id=case_pk).values_list("pk", flat=True)
    ]
    rows += [
        (CaseMessage, pk, "created_at")
        for pk in CaseMessage.objects.filter(case_id=case_pk).values_list("pk", flat=True)
    ]
    calls = list(CaseCall.objects.filter(case_id=case_pk).values_list("pk", flat=True))
    rows.sort(key=lambda row: (row[0] is not StatusChange, row[1]))  # the opening status first, then by id
    span = (now - received) * 0.9
    step = span / max(len(rows) + len(calls), 1)
    moments = {}
    for position, (model, pk, field) in enumerate(rows):
        moment = received + step * position
        model.objects.filter(pk=pk).update(**{field: moment})
        moments[(model, pk)] = moment
    for offset, pk in enumerate(calls, start=1):
        moment = received + step * offset
        CaseCall.objects.filter(pk=pk).update(occurred_at=moment, created_at=moment)
    changes = list(StatusChange.objects.filter(case_id=case_pk).order_by("changed_at", "id"))
    claimed = next((c.changed_at for c in changes if c.to_status == Status.IN_PROGRESS), None)
    closed = next((c.changed_at for c in reversed(changes) if c.to_status == Status.CLOSED), None)
    deadline = respond_by(received_at=received, urgent=urgent)
    update: dict[str, Any] = {
        "created_at": received,
        "respond_by": deadline,
        "red_after": case_services.red_after(created_at=received, respond_by=deadline),
    }
    if claimed:
        update["claimed_at"] = claimed
    if closed and Case.objects.filter(pk=case_pk, status=Status.CLOSED).exists():
        update["closed_at"] = closed
    Case.objects.filter(pk=case_pk).update(**update)


def _summary(created: bool, samples: list[tuple[str, str, str]] | None = None) -> str:
    counts = Counter(Case.objects.values_list("status", flat=True))
    escalated = Case.objects.filter(escalated_at__isnull=False).count()
    lines = [
        "Demo data " + ("loaded" if created else "already present; nothing added") + ".",
        "Cases by status: " + ", ".join(f"{status} {counts.get(status, 0)}" for status in Status.values)
        + f" (escalated {escalated}).",
        f"Demo staff (password for all: {DEMO_PASSWORD}):",
    ]  # fmt: skip
    for spec in DEMO_STAFF:
        lines.append(f"  {spec.username:<26} {spec.role:<12} {spec.association or '-'}")
    lines += [
        f"Two-step verification: add this TOTP secret to an authenticator app: {DEMO_TOTP_SECRET}",
        f"  (otpauth://totp/Weerbaar:demo?secret={DEMO_TOTP_SECRET}&issuer=Weerbaar&digits=6&period=30)",
    ]
    if samples:
        lines.append("Office holder sign-in at /mijn-zaak/inloggen (codes are shown only now, like real ones):")
        lines += [f"  {reference}  code {code}  ({state})" for reference, code, state in samples]
    else:
        lines.append("Follow-up codes were shown when the demo data was loaded; an advisor can issue a new one.")
    lines.append("Development only: never load demo data into a production database.")
    return "\n".join(lines)


def demo_data_load(*, cases: int = DEMO_CASES, seed: int = 2026) -> str:
    """Add the demo staff and ``cases`` fictional cases, once; return a summary to print."""
    if not settings.DEBUG:
        raise RuntimeError("Demo data is only for development (WEERBAAR_DEBUG=1).")
    if not Association.objects.exists():
        from weerbaar.directory.services import reference_data_load

        reference_data_load()
    if _demo_present():
        return _summary(created=False)
    rng = random.Random(seed)  # noqa: S311 - fictional data, reproducible on purpose
    now = timezone.now()
    municipalities = list(Municipality.objects.order_by("code"))
    provinces = list(Province.objects.order_by("code"))
    samples: list[tuple[str, str, str]] = []
    with transaction.atomic():
        users = _staff_create()
        _partners_create(users)
        advisors: dict[str, list[User]] = {}
        for user in users.values():
            if user.role == Role.ADVISOR and user.association:
                advisors.setdefault(user.association.code, []).append(user)
        for index in range(cases):
            state, days_ago = _plan(rng, index % DEMO_CASES)
            payload = _payload(rng, municipalities, provinces)
            code = association_code_for(payload["role"])
            channel = rng.choices([Channel.WEB, Channel.PHONE, Channel.API], weights=[6, 3, 1])[0]
            actor = rng.choice(advisors[code]) if channel == Channel.PHONE else None
            submitted = help_request_submit(raw=payload, channel=channel, actor=actor)
            _work(rng, submitted.case, state, advisors)
            if index in SAMPLE_INDEXES:
                samples.append((submitted.case.reference, submitted.follow_up_code, state))
            received = now - timedelta(days=days_ago, minutes=rng.randint(0, 600))
            _backdate(submitted.case.pk, received, now, submitted.case.urgent)
        case_services.cases_escalate_overdue(now=now)
        from weerbaar.council.demo import council_demo_load

        council_demo_load(users=users, now=now, rng=random.Random(seed + 1))  # noqa: S311 - fictional data
    return _summary(created=True, samples=samples)
