"""Use cases of the incident log, the evidence vault, police reports and damage.

Every function takes the actor (a staff ``User`` or a ``policy.OfficeHolder``),
asks the permission policy for the case, writes in one transaction and leaves an
audit entry that names objects and hashes, never content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case
from weerbaar.core import clock, crypto
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.guidance.api import assessment_data
from weerbaar.guidance.assessment import Facts, assess
from weerbaar.incidents import files, vault
from weerbaar.incidents.choices import ONLINE_CHANNELS, Recorder
from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport
from weerbaar.incidents.validation import (
    DamageItemData,
    IncidentData,
    PoliceReportData,
    validate_evidence_details,
)


def _recorder(actor: Any) -> tuple[str, Any]:
    if isinstance(actor, policy.OfficeHolder):
        return Recorder.OFFICE_HOLDER, None
    return Recorder.ADVISOR, actor


def _open_case_for_writing(actor: Any, reference: str) -> Case:
    """The case, locked for this transaction; a closed case takes no new records."""
    case = policy.access_case_for(actor, reference).case
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Status.CLOSED:
        if isinstance(actor, policy.OfficeHolder):
            raise Conflict(
                _("Deze zaak is gesloten. Heeft u opnieuw hulp nodig? Bel 070-3738314 of vraag opnieuw hulp."),
                code="case_closed",
            )
        raise Conflict(_("Deze zaak is gesloten; heropen haar om iets toe te voegen."), code="case_closed")
    return case


def incident_facts(case: Case, incident: Incident | IncidentData) -> Facts:
    """The facts the step plan of one incident is computed from (acute danger is handled by the case)."""
    return Facts(
        role=case.role,
        related_to_office=incident.related_to_office,
        acute_danger=False,
        online=incident.channel in ONLINE_CHANNELS,
        learned_on=incident.learned_on,
        acts=tuple(incident.acts),
    )


def _stored_assessment(case: Case, data: IncidentData) -> tuple[dict[str, Any], date | None]:
    facts = incident_facts(case, data)
    result = assess(facts, "nl")
    deadlines = [o.complaint_deadline for o in result.offences if o.complaint_deadline]
    stored = {
        "rulesVersion": result.rules_version,
        "facts": {
            "role": facts.role,
            "relatedToOffice": facts.related_to_office,
            "acuteDanger": facts.acute_danger,
            "online": facts.online,
            "learnedOn": facts.learned_on.isoformat(),
            "acts": list(facts.acts),
        },
        "result": assessment_data(result),
    }
    return stored, (min(deadlines) if deadlines else None)


def _incident_fields(case: Case, data: IncidentData) -> dict[str, Any]:
    """Every plain column an incident's facts decide, for recording and for correcting alike."""
    assessment, deadline = _stored_assessment(case, data)
    return {
        "occurred_on": data.occurred_on,
        "occurred_at": data.occurred_at,
        "learned_on": data.learned_on,
        "channel": data.channel,
        "acts": data.acts,
        "related_to_office": data.related_to_office,
        "affected": data.affected,
        "perpetrator_known": data.perpetrator_known,
        "assessment": assessment,
        "complaint_deadline": deadline,
    }


def incident_record(*, actor: Any, reference: str, data: IncidentData) -> Incident:
    recorded_by, author = _recorder(actor)
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        number = (case.incidents.aggregate(n=Max("number"))["n"] or 0) + 1
        now = clock.now()
        incident = Incident.create_sealed(
            sealed={"sealed_details": data.sealed()},
            under=case,
            case=case,
            number=number,
            **_incident_fields(case, data),
            recorded_by=recorded_by,
            author=author,
            created_at=now,
            updated_at=now,
        )
        audit_record(
            actor=actor,
            action="incident.recorded",
            object_type="case",
            object_id=case.reference,
            details={"incident": incident.number, "acts": data.acts},
        )
    return incident


def incident_update(*, actor: Any, reference: str, number: int, data: IncidentData) -> Incident:
    """Correct an incident; the step plan is computed again from the corrected facts."""
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        incident = Incident.objects.select_for_update().filter(case=case, number=number).first()
        if incident is None:
            raise NotFound(_("Dit incident bestaat niet."))
        for name, value in _incident_fields(case, data).items():
            setattr(incident, name, value)
        incident.seal("sealed_details", data.sealed(), under=case)
        incident.updated_at = clock.now()
        incident.save()
        audit_record(
            actor=actor,
            action="incident.corrected",
            object_type="case",
            object_id=case.reference,
            details={"incident": incident.number, "acts": data.acts},
        )
    return incident


# --- evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """A received file: its name as sent, its bytes (None when it was past the size limit) and its size."""

    name: str | None
    content: bytes | None
    size: int


def upload_from_file(uploaded: Any) -> Upload:
    """Adapt a Django ``UploadedFile`` (see ``incidents.uploads``)."""
    if getattr(uploaded, "too_large", False):
        return Upload(uploaded.name, None, uploaded.size)
    return Upload(uploaded.name, uploaded.read(), uploaded.size)


def _check_size(upload: Upload) -> bytes:
    limit = int(settings.EVIDENCE_MAX_FILE_BYTES)
    if upload.content is None or upload.size > limit or len(upload.content) > limit:
        raise files.refused(
            _("Het bestand is te groot (%(size)s MB). Het maximum is %(max)s MB per bestand.")
            % {"size": f"{upload.size / 1_048_576:.1f}", "max": limit // 1_048_576}
        )
    return upload.content


def evidence_add(
    *,
    actor: Any,
    reference: str,
    upload: Upload | None,
    incident_number: int | None = None,
    damage_item_id: int | None = None,
    source_url: Any = None,
    captured_at: Any = None,
) -> Evidence:
    """Check, hash, encrypt and store one file; nothing is stored unless every check passes."""
    if upload is None:
        raise files.refused(_("Kies een bestand om toe te voegen."))
    details = validate_evidence_details(source_url, captured_at)
    name = files.check_file_name(upload.name)
    data = _check_size(upload)
    media_type = files.detect_media_type(data)
    renditions = files.image_renditions(data) if media_type in files.IMAGE_TYPES else None
    digest = hashlib.sha256(data).hexdigest()
    recorded_by, author = _recorder(actor)

    written: list[str] = []
    try:
        with transaction.atomic():
            case = _open_case_for_writing(actor, reference)
            incident = None
            if incident_number is not None:
                incident = case.incidents.filter(number=incident_number).first()
                if incident is None:
                    raise NotFound(_("Dit incident bestaat niet."))
            damage_item = None
            if damage_item_id is not None:
                damage_item = case.damage_items.filter(pk=damage_item_id).first()
                if damage_item is None:
                    raise NotFound(_("Deze schadepost bestaat niet."))
            used = case.evidence.aggregate(total=Sum("size"))["total"] or 0
            case_limit = int(settings.EVIDENCE_MAX_CASE_BYTES)
            if used + len(data) > case_limit:
                raise files.refused(
                    _(
                        "Er is niet genoeg ruimte meer in deze zaak (%(used)s van %(max)s MB gebruikt). "
                        "Overleg met uw adviseur welke bestanden echt nodig zijn."
                    )
                    % {"used": used // 1_048_576, "max": case_limit // 1_048_576}
                )
            number = (case.evidence.aggregate(n=Max("number"))["n"] or 0) + 1
            storage_name = vault.store(case, data)
            written.append(storage_name)
            preview_name = blurred_name = ""
            if renditions is not None:
                preview_name = vault.store(case, renditions.preview_jpeg)
                written.append(preview_name)
                blurred_name = vault.store(case, renditions.blurred_jpeg)
                written.append(blurred_name)
            evidence = Evidence.create_sealed(
                sealed={"sealed_details": {"fileName": name, "sourceUrl": details.source_url}},
                under=case,
                case=case,
                incident=incident,
                damage_item=damage_item,
                number=number,
                sha256=digest,
                size=len(data),
                media_type=media_type,
                storage_name=storage_name,
                preview_storage_name=preview_name,
                blurred_storage_name=blurred_name,
                width=renditions.width if renditions else None,
                height=renditions.height if renditions else None,
                captured_at=details.captured_at,
                recorded_by=recorded_by,
                author=author,
                uploaded_at=clock.now(),
            )
            audit_record(
                actor=actor,
                action="evidence.added",
                object_type="case",
                object_id=case.reference,
                details={
                    "evidence": number,
                    "incident": incident.number if incident else None,
                    "sha256": digest,
                    "size": len(data),
                    "mediaType": media_type,
                },
            )
    except BaseException:
        for stored in written:
            vault.delete(stored)
        raise
    return evidence


RENDITIONS = ("original", "preview", "blurred")


@dataclass(frozen=True)
class EvidenceFile:
    content: bytes
    media_type: str
    download_name: str


class IntegrityError(Exception):
    """A stored original no longer matches its recorded hash (or cannot be decrypted)."""


def download_name(evidence: Evidence, file_name: str, rendition: str = "original") -> str:
    """A safe name for downloads and the ZIP: exhibit number, the user's name (ASCII-safe), the real extension."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    safe = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in stem).strip()[:60] or "bestand"
    extension = files.EXTENSIONS.get(evidence.media_type, ".bin") if rendition == "original" else ".jpg"
    suffix = "" if rendition == "original" else f"-{rendition}"
    return f"{evidence.number:03d}-{safe}{suffix}{extension}"


def evidence_read(*, access: policy.CaseAccess, number: int, rendition: str = "original") -> EvidenceFile:
    """One file of the vault, decrypted; originals are checked against their hash. Every read is audited."""
    if rendition not in RENDITIONS:
        raise NotFound(_("Dit bestand bestaat niet."))
    case = policy.require_content(access)
    actor = access.actor
    evidence = case.evidence.filter(number=number).first()
    if evidence is None:
        raise NotFound(_("Dit bestand bestaat niet."))
    if rendition != "original" and not evidence.preview_storage_name:
        raise NotFound(_("Van dit bestand is geen voorbeeld."))
    storage_name = {
        "original": evidence.storage_name,
        "preview": evidence.preview_storage_name,
        "blurred": evidence.blurred_storage_name,
    }[rendition]
    try:
        content = vault.load(case, storage_name)
    except (crypto.DecryptionError, OSError) as exc:
        audit_record(
            actor="system",
            action="evidence.integrity_failed",
            object_type="case",
            object_id=case.reference,
            details={"evidence": evidence.number, "rendition": rendition},
        )
        raise IntegrityError(f"evidence {evidence.number} of a case cannot be read") from exc
    if rendition == "original" and hashlib.sha256(content).hexdigest() != evidence.sha256:
        raise IntegrityError(f"evidence {evidence.number} of a case does not match its hash")
    meta = evidence.open("sealed_details", under=case)
    audit_record(
        actor=actor,
        action="evidence.downloaded" if rendition == "original" else "evidence.viewed",
        object_type="case",
        object_id=case.reference,
        details={"evidence": evidence.number, "rendition": rendition},
    )
    media_type = evidence.media_type if rendition == "original" else "image/jpeg"
    return EvidenceFile(content, media_type, download_name(evidence, meta.get("fileName", ""), rendition))


@dataclass
class VerificationReport:
    checked: int = 0
    failed: list[tuple[str, int, str]] | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


VERIFY = "evidence.verify"


def evidence_verify_all(*, now: datetime | None = None) -> VerificationReport:
    """Re-check every stored original against its SHA-256 and size (the chain-of-custody proof)."""
    now = now or timezone.now()
    report = VerificationReport(failed=[])
    assert report.failed is not None
    verified: list[int] = []
    cases: dict[int, Case] = {}
    for evidence in Evidence.objects.order_by("case_id", "number").iterator(chunk_size=200):
        case = cases.get(evidence.case_id)
        if case is None:
            cases.clear()  # keep one case's key in memory at a time
            case = cases[evidence.case_id] = Case.objects.get(pk=evidence.case_id)
        report.checked += 1
        try:
            # No person asked: the check's own grant; its one audit entry ("evidence.verified") follows below.
            content = vault.load(
                policy.require_content(policy.system_access(case, purpose=VERIFY)), evidence.storage_name
            )
        except FileNotFoundError:
            report.failed.append((case.reference, evidence.number, "missing"))
            continue
        except (crypto.DecryptionError, OSError):
            report.failed.append((case.reference, evidence.number, "unreadable"))
            continue
        if len(content) != evidence.size or hashlib.sha256(content).hexdigest() != evidence.sha256:
            report.failed.append((case.reference, evidence.number, "hash mismatch"))
            continue
        verified.append(evidence.pk)
    for start in range(0, len(verified), 500):
        Evidence.objects.filter(pk__in=verified[start : start + 500]).update(last_verified_at=now)
    audit_record(
        actor="system",
        action="evidence.verified",
        details={"checked": report.checked, "failed": len(report.failed)},
    )
    return report


# --- police reports ----------------------------------------------------------------------


def police_report_save(*, actor: Any, reference: str, number: int, data: PoliceReportData) -> PoliceReport:
    updated_by, author = _recorder(actor)
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        incident = case.incidents.filter(number=number).first()
        if incident is None:
            raise NotFound(_("Dit incident bestaat niet."))
        report, _created = PoliceReport.objects.update_or_create(
            incident=incident,
            defaults={
                "kind": data.kind,
                "reported_on": data.reported_on,
                "vpt_code": data.vpt_code,
                "address_protection": data.address_protection,
                "prosecution_decision": data.prosecution_decision,
                "decision_on": data.decision_on,
                "article12": data.article12,
                "updated_by": updated_by,
                "author": author,
                "updated_at": clock.now(),
            },
        )
        report.seal("sealed_details", data.sealed(), under=case)  # once it has its id (it names the report)
        report.save(update_fields=["sealed_details"])
        audit_record(
            actor=actor,
            action="incident.police_report_saved",
            object_type="case",
            object_id=case.reference,
            details={"incident": incident.number, "kind": data.kind},
        )
    return report


# --- damage -----------------------------------------------------------------------------------


def damage_item_add(*, actor: Any, reference: str, data: DamageItemData) -> DamageItem:
    recorded_by, author = _recorder(actor)
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        incident = None
        if data.incident_id is not None:
            incident = case.incidents.filter(number=data.incident_id).first()
            if incident is None:
                raise InvalidInput(
                    _("Controleer de gemarkeerde velden."),
                    invalid_params=[{"name": "incidentId", "reason": _("Kies een incident uit de lijst.")}],
                )
        item = DamageItem.create_sealed(
            sealed={"sealed_description": data.description},
            under=case,
            case=case,
            incident=incident,
            kind=data.kind,
            amount_cents=data.amount_cents,
            incurred_on=data.incurred_on,
            recorded_by=recorded_by,
            author=author,
            created_at=clock.now(),
        )
        audit_record(
            actor=actor,
            action="damage.recorded",
            object_type="case",
            object_id=case.reference,
            details={"damageItem": item.pk, "kind": data.kind},
        )
    return item
