"""One realistic case, from intake to reopen, with distinctive plaintexts to look for afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from tests.factories import help_request_payload
from weerbaar.cases import selectors, services
from weerbaar.cases.choices import Channel
from weerbaar.intake.services import (
    follow_up_session_create,
    follow_up_session_resolve,
    follow_up_verify,
    help_request_submit,
)

PLAINTEXTS = {
    "name": "Wilhelmina Zonnebloem-Kwakkel",
    "email": "w.zonnebloem@voorbeeldgemeente.nl",
    "phone": "06 98765432",
    "description": "Een man met een rode jas stond drie avonden voor mijn huis en riep dreigementen",
    "note": "Notitie over contact met wijkagent Bakkerstraat",
    "advisor message": "Wij bellen u morgen om tien uur precies",
    "office holder message": "Ik ben thuis vanaf negen uur met de kinderen",
    "call summary": "Zij voelt zich onveilig op het gemeentehuis na de raadsvergadering",
    "aftercare reason": "Nazorg afgesproken met de burgemeester en de griffier",
    "reopen reason": "Heropend omdat er een nieuwe brief met een kogel kwam",
    "incident account": "Op de stoep lag een brief met mijn naam en een getekende strop erbij",
    "perpetrator": "Gerrit-Jan Vossenberg-Quist",
    "perpetrator handle": "@strop_voor_wethouder",
    "witness": "Buurvrouw Henriette Opdenkamp zag hem wegfietsen",
    "evidence name": "brief-met-strop-voordeur.png",
    "evidence source": "https://voorbeeldforum.nl/draad/strop-wethouder",
    "evidence text": "Transcriptie voicemail: jij bent de volgende, wij weten waar je kinderen spelen",
    "police reference": "PL0900-2026998877",
    "damage": "Nieuwe voordeur met veiligheidsbeslag van Slotenmakerij Oosterhout",
}


def needles(extra: dict[str, str] | None = None) -> dict[str, list[bytes]]:
    """Distinctive fragments of each plaintext, as bytes, in the forms they could be stored in."""
    result: dict[str, list[bytes]] = {}
    for label, text in {**PLAINTEXTS, **(extra or {})}.items():
        forms = {text, text.lower(), text.upper()}
        if label == "phone":
            forms |= {"98765432", "0698765432"}
        if label == "email":
            forms |= {"w.zonnebloem"}
        if len(text) > 24:
            forms |= {text[:24], text[-24:]}
        result[label] = sorted({f.encode() for f in forms} | {f.encode("utf-16-le") for f in forms if len(f) > 8})
    return result


@dataclass
class Scenario:
    reference: str
    follow_up_code: str
    session_token: str


def run_case_work(staff) -> Scenario:
    """Intake through the real pipeline, then claim, note, both ways of messages, a call, aftercare, close, reopen."""
    submitted = help_request_submit(
        raw=help_request_payload(
            name=PLAINTEXTS["name"],
            email=PLAINTEXTS["email"],
            phone=PLAINTEXTS["phone"],
            description=PLAINTEXTS["description"],
        ),
        channel=Channel.WEB,
    )
    reference = submitted.case.reference
    advisor = staff.advisor
    services.case_assign(actor=advisor, reference=reference, assignee_username="me")
    services.case_note_add(actor=advisor, reference=reference, text=PLAINTEXTS["note"])
    services.case_message_send(actor=advisor, reference=reference, text=PLAINTEXTS["advisor message"])
    principal = follow_up_verify(reference=reference, code=submitted.follow_up_code, client="192.0.2.10")
    token, _ = follow_up_session_create(principal=principal)
    assert follow_up_session_resolve(token) == principal
    services.case_message_send_by_office_holder(
        principal=principal, reference=reference, text=PLAINTEXTS["office holder message"]
    )
    services.case_call_log(
        actor=advisor,
        reference=reference,
        occurred_at=timezone.now() - timedelta(minutes=10),
        direction="incoming",
        summary=PLAINTEXTS["call summary"],
        duration_minutes=12,
    )
    services.case_transition(
        actor=advisor, reference=reference, target="aftercare", reason=PLAINTEXTS["aftercare reason"]
    )
    services.case_transition(actor=advisor, reference=reference, target="closed", outcome="advised")
    services.case_transition(
        actor=staff.colleague, reference=reference, target="in_progress", reason=PLAINTEXTS["reopen reason"]
    )
    record_incident_work(advisor, reference, principal)
    # Reads of everything, as the case page does.
    access = services.policy.access_case(advisor, reference)
    request = selectors.case_request_read(access=access)
    assert request["name"] == PLAINTEXTS["name"]
    notes = selectors.case_notes_read(access=access)
    messages = selectors.case_messages_read(access=access)
    calls = selectors.case_calls_read(access=access)
    history = selectors.case_status_history(access=access)
    assert [n.text for n in notes] == [PLAINTEXTS["note"]]
    assert {m.text for m in messages} == {PLAINTEXTS["advisor message"], PLAINTEXTS["office holder message"]}
    assert [c.text for c in calls] == [PLAINTEXTS["call summary"]]
    assert PLAINTEXTS["reopen reason"] in [h.text for h in history]
    return Scenario(reference=reference, follow_up_code=submitted.follow_up_code, session_token=token)


EVIDENCE_PIXELS = "evidence pixels"


def record_incident_work(advisor, reference, principal) -> None:
    """An incident with perpetrator details, evidence (an image and a text), a police report and damage."""
    from tests.factories import image_bytes, incident_payload
    from weerbaar.incidents import selectors as incident_selectors
    from weerbaar.incidents import services as incident_services
    from weerbaar.incidents.validation import validate_damage_item, validate_incident, validate_police_report

    incident = incident_services.incident_record(
        actor=principal,
        reference=reference,
        data=validate_incident(
            incident_payload(
                description=PLAINTEXTS["incident account"],
                perpetratorIdentifiers=[
                    {"kind": "name", "value": PLAINTEXTS["perpetrator"]},
                    {"kind": "handle", "value": PLAINTEXTS["perpetrator handle"]},
                ],
                witnesses=PLAINTEXTS["witness"],
            )
        ),
    )
    image = image_bytes("PNG", size=(40, 30))
    incident_services.evidence_add(
        actor=principal,
        reference=reference,
        upload=incident_services.Upload(PLAINTEXTS["evidence name"], image, len(image)),
        incident_number=incident.number,
        source_url=PLAINTEXTS["evidence source"],
    )
    text = PLAINTEXTS["evidence text"].encode()
    incident_services.evidence_add(
        actor=advisor,
        reference=reference,
        upload=incident_services.Upload("voicemail.txt", text, len(text)),
        incident_number=incident.number,
    )
    incident_services.police_report_save(
        actor=advisor,
        reference=reference,
        number=incident.number,
        data=validate_police_report(
            {
                "kind": "complaint",
                "reportedOn": incident.learned_on.isoformat(),
                "policeReference": PLAINTEXTS["police reference"],
            }
        ),
    )
    incident_services.damage_item_add(
        actor=principal,
        reference=reference,
        data=validate_damage_item({"kind": "security", "amount": "1249,00", "description": PLAINTEXTS["damage"]}),
    )
    access = services.policy.access_case(advisor, reference)
    [view] = incident_selectors.incidents_read(access=access)
    assert view.witnesses == PLAINTEXTS["witness"]
    assert [e.file_name for e in view.evidence] == [PLAINTEXTS["evidence name"], "voicemail.txt"]
    assert view.police_report.police_reference == PLAINTEXTS["police reference"]
    assert incident_selectors.damage_read(access=access)[0].description == PLAINTEXTS["damage"]
    original = incident_services.evidence_read(access=access, number=2)
    assert original.content == text


def scan_all_tables() -> list[tuple[str, str, str]]:
    """Every value of every column of every table, searched for every needle. Returns (table, column, label)."""
    found = []
    patterns = needles()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    raw = as_bytes(value)
                    for label, forms in patterns.items():
                        if any(form in raw for form in forms):
                            found.append((table, column, label))
    return found


def as_bytes(value) -> bytes:
    if value is None:
        return b""
    if isinstance(value, memoryview | bytearray | bytes):
        return bytes(value)
    return str(value).encode()
