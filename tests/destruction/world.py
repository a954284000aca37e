"""A case with something of every kind sealed under its key, and scans of every table and the vault."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.utils import timezone

from tests.aftercare.factories import run_job
from tests.factories import UserFactory, image_bytes, incident_payload, make_case, minimal_pdf
from tests.network.factories import partner_with_user, referral_in
from tests.security.scenario import as_bytes
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.aftercare import services as aftercare_services
from weerbaar.cases import services as case_services
from weerbaar.cases.models import Case
from weerbaar.core import crypto
from weerbaar.core.sealing import SealedPart, SealedRecord, sealed_models
from weerbaar.incidents import services as incident_services
from weerbaar.incidents.models import Evidence
from weerbaar.incidents.validation import validate_damage_item, validate_incident, validate_police_report
from weerbaar.intake.services import follow_up_session_create
from weerbaar.notifications.services import office_holder_email_set
from weerbaar.telephony.models import Call
from weerbaar.todos.services import todo_add, validate_todo


@dataclass
class Shreddable:
    case: Case
    code: str
    advisor: object
    data_key: bytes
    wrapped_key: bytes
    bearer: str
    blobs: set[bytes] = field(default_factory=set)  # every sealed value of the case, as stored
    files: list[str] = field(default_factory=list)  # its vault names (originals and renditions)


def full_case(*, advisor=None, marker: str = "Geheim") -> Shreddable:
    """A case in aftercare with a note, messages both ways, a logged call, an incident with a police report, a
    damage item, evidence (an image with its renditions, a PDF), a to-do, a referral with consent, an aftercare
    answer, the office holder's e-mail choice, a portal bearer token and a telephony call matched to it."""
    advisor = advisor or UserFactory(username=f"adv-{marker[::-1].lower()}", role="advisor")
    case, code = make_case(
        state="claimed",
        advisor=advisor,
        name=f"{marker} Naam",
        email=f"{marker.lower()}@example.org",
        phone="06 11223344",
        description=f"{marker} omschrijving van wat er gebeurde.",
    )
    reference = case.reference
    case_services.case_note_add(actor=advisor, reference=reference, text=f"{marker} notitie")
    case_services.case_message_send(actor=advisor, reference=reference, text=f"{marker} bericht aan u")
    holder = OfficeHolder(case_id=case.pk, reference=reference)
    case_services.case_message_send_by_office_holder(principal=holder, reference=reference, text=f"{marker} antwoord")
    case_services.case_call_log(
        actor=advisor,
        reference=reference,
        occurred_at=timezone.now() - timedelta(hours=1),
        direction="incoming",
        summary=f"{marker} gesprek",
        duration_minutes=5,
    )
    incident = incident_services.incident_record(
        actor=advisor,
        reference=reference,
        data=validate_incident(incident_payload(description=f"{marker} incident", witnesses=f"{marker} getuige")),
    )
    incident_services.police_report_save(
        actor=advisor,
        reference=reference,
        number=incident.number,
        data=validate_police_report(
            {
                "kind": "complaint",
                "reportedOn": timezone.localdate().isoformat(),
                "policeUnit": f"{marker} bureau",
                "policeReference": "PL0900-2026123456",
            }
        ),
    )
    incident_services.damage_item_add(
        actor=advisor,
        reference=reference,
        data=validate_damage_item({"kind": "material", "amount": "149,95", "description": f"{marker} ruit"}),
    )
    for name, data in (("foto.png", image_bytes()), ("brief.pdf", minimal_pdf())):
        incident_services.evidence_add(
            actor=advisor, reference=reference, upload=incident_services.Upload(name, data, len(data))
        )
    todo_add(
        actor=advisor,
        reference=reference,
        data=validate_todo(
            {"text": f"{marker} taak", "dueDate": (timezone.localdate() + timedelta(days=3)).isoformat()}
        ),
    )
    partner, partner_user = partner_with_user(username=f"partner-{marker[::-1].lower()}")
    referral_in("consented", advisor, case, partner, partner_user=partner_user)
    case_services.case_transition(actor=advisor, reference=reference, target="aftercare")
    case.refresh_from_db()
    check_in = case.aftercare_plan.check_ins.order_by("due_at").first()
    run_job(check_in.due_at)
    aftercare_services.check_in_answer(
        principal=holder, reference=reference, check_in_id=check_in.pk, text=f"{marker} gaat goed"
    )
    office_holder_email_set(case=case, email=f"{marker.lower()}.mail@example.org", actor="office_holder")
    bearer, _expires = follow_up_session_create(principal=holder)
    call = Call(call_id=f"call-{marker}", matched_case=case, created_at=timezone.now(), updated_at=timezone.now())
    call.give_data_key()
    call.seal("sealed_from", "+31611223344")
    call.save()

    case.refresh_from_db()
    world = Shreddable(case, code, advisor, case.data_key(), bytes(case.wrapped_key), bearer)
    world.blobs = sealed_blobs_of(case) | {bytes(call.wrapped_key), bytes(call.sealed_from)}
    world.files = [
        name
        for row in Evidence.objects.filter(case=case).values_list(
            "storage_name", "preview_storage_name", "blurred_storage_name"
        )
        for name in row
        if name
    ]
    assert len(world.files) >= 4  # an original and two renditions of the image, the PDF
    return world


def sealed_blobs_of(case: Case) -> set[bytes]:
    """Every sealed value stored under ``case``'s key, found through every sealed model (so a new app's are in)."""
    blobs = {bytes(case.wrapped_key), bytes(case.sealed_request)}
    for model in sealed_models():
        if not issubclass(model, SealedPart):
            continue
        path = model.sealed_under.replace(".", "__")
        for row in model._base_manager.filter(**{path: case}):
            for name in model.sealed_fields:
                value = getattr(row, name)
                if value:
                    blobs.add(bytes(value))
    return blobs


def scan_tables(needles: set[bytes]) -> list[tuple[str, str]]:
    """(table, column) of every value in every table of the database that contains one of ``needles``."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    raw = as_bytes(value)
                    if any(needle in raw for needle in needles):
                        found.append((table, column))
    return found


def keys_that_unwrap_to(data_key: bytes) -> list[str]:
    """Every key holder whose wrapped key, opened with the key-encryption keys, is ``data_key``."""
    found = []
    for model in (m for m in sealed_models() if issubclass(m, SealedRecord)):
        for record in model._base_manager.exclude(key_id=""):
            try:
                if record.data_key() == data_key:
                    found.append(record.key_context())
            except crypto.DecryptionError:
                continue
    return found


def vault_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
