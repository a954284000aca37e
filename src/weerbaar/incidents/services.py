"""Use cases of the incident log, the evidence vault, police reports and damage.

Every function takes the actor (a staff ``User`` or a ``policy.OfficeHolder``),
asks the permission policy for the case, writes in one transaction and leaves an
audit entry that names objects and hashes, never content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case
from weerbaar.core import clock, crypto
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from weerbaar.incidents import files, quotas, selectors, vault
from weerbaar.incidents.changes import assessment_changes
from weerbaar.incidents.choices import Recorder
from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport
from weerbaar.incidents.selectors import CaseAnalysis
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


def _incident_fields(data: IncidentData) -> dict[str, Any]:
    """Every plain column an incident's facts decide, for recording and for correcting alike (the channel and acts
    are sealed: ``IncidentData.facts``)."""
    return {
        "occurred_on": data.occurred_on,
        "occurred_at": data.occurred_at,
        "learned_on": data.learned_on,
        "related_to_office": data.related_to_office,
        "affected": data.affected,
        "perpetrator_known": data.perpetrator_known,
        "victim": data.victim,
        "last_learned_on": data.last_learned_on,
        "threatened": data.threatened,
        "demand": data.demand,
        "perpetrators": data.perpetrators,
        "serious_injury": data.serious_injury,
    }


def _refresh_case(case: Case, *, assess: Incident | None = None, now: datetime | None = None) -> CaseAnalysis:
    """After any change to a case's incidents: the one computation over all of them again.

    Every incident's ``complaint_deadline`` column follows it (a new stalking incident moves the whole series'
    date), ``assess`` gets its step plan stored under the current rules, and the deadline to-dos of the case are
    brought in line (``jobs.complaint_todos_sync``). Runs inside the caller's transaction, with the case locked.
    """
    from weerbaar.incidents.jobs import complaint_todos_sync

    now = now or clock.now()
    analysis = selectors.case_analysis(case, today=timezone.localdate(now))
    for incident in case.incidents.all():
        deadline = analysis.required_deadline(incident.number)
        if incident.complaint_deadline != deadline:
            Incident.objects.filter(pk=incident.pk).update(complaint_deadline=deadline)
    if assess is not None:
        assess.seal("sealed_assessment", selectors.assessment_to_store(analysis.analysis, assess.number), under=case)
        assess.complaint_deadline = analysis.required_deadline(assess.number)
        assess.save(update_fields=["sealed_assessment", "complaint_deadline"])
    complaint_todos_sync(case, analysis, now=now)
    return analysis


def incident_record(*, actor: Any, reference: str, data: IncidentData) -> Incident:
    recorded_by, author = _recorder(actor)
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        number = (case.incidents.aggregate(n=Max("number"))["n"] or 0) + 1
        now = clock.now()
        incident = Incident.create_sealed(
            sealed={"sealed_details": data.sealed(), "sealed_facts": data.facts()},
            under=case,
            case=case,
            number=number,
            **_incident_fields(data),
            recorded_by=recorded_by,
            author=author,
            created_at=now,
            updated_at=now,
        )
        _refresh_case(case, assess=incident, now=now)
        audit_record(
            actor=actor,
            action="incident.recorded",
            object_type="case",
            object_id=case.reference,
            details={"incident": incident.number},  # not the acts: they are sealed (issue 12, point 6)
        )
    return incident


def _locked_incident(case: Case, number: int) -> Incident:
    incident = Incident.objects.select_for_update().filter(case=case, number=number).first()
    if incident is None:
        raise NotFound(_("Dit incident bestaat niet."))
    return incident


def incident_update(*, actor: Any, reference: str, number: int, data: IncidentData) -> Incident:
    """Correct an incident; its step plan is computed again from the corrected facts (current rules), and the
    klacht dates of the whole case follow."""
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        incident = _locked_incident(case, number)
        for name, value in _incident_fields(data).items():
            setattr(incident, name, value)
        incident.seal("sealed_details", data.sealed(), under=case)
        incident.seal("sealed_facts", data.facts(), under=case)
        incident.updated_at = clock.now()
        incident.save()
        _refresh_case(case, assess=incident, now=incident.updated_at)
        audit_record(
            actor=actor,
            action="incident.corrected",
            object_type="case",
            object_id=case.reference,
            details={"incident": incident.number},
        )
    return incident


@dataclass(frozen=True)
class Reassessment:
    """What ``incident_reassess`` did: the versions before and after and what changed (``incidents.changes``)."""

    incident: Incident
    from_version: str
    to_version: str
    changes: list[dict[str, Any]]


def incident_reassess(*, actor: Any, reference: str, number: int) -> Reassessment:
    """Assess a recorded incident again under the current rules (``guidance.rules.RULES_VERSION``) and store it.

    A stored plan keeps the rules it was made with until an advisor does this; the answer (and the stored
    ``reassessed`` record the incident page shows) lists the offences added and removed, klacht needs and dates
    changed and steps added and removed. The audit names the incident and both versions, no content.
    """
    if not policy.can_reassess_incident(policy.access_case_for(actor, reference)):
        raise Forbidden(_("Alleen een adviseur kan een incident opnieuw beoordelen."))
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        incident = _locked_incident(case, number)
        old = incident.open("sealed_assessment", under=case)
        old_version = str(old.get("rulesVersion", ""))
        now = clock.now()
        _refresh_case(case, assess=incident, now=now)
        new = incident.open("sealed_assessment", under=case)
        changes = assessment_changes(dict(old.get("result") or {}), new["result"])
        new["reassessed"] = {
            "at": now.isoformat(),
            "fromVersion": old_version,
            "toVersion": new["rulesVersion"],
            "changes": changes,
        }
        incident.seal("sealed_assessment", new, under=case)
        incident.save(update_fields=["sealed_assessment"])
        audit_record(
            actor=actor,
            action="incident.reassessed",
            object_type="case",
            object_id=case.reference,
            details={"incident": number, "fromVersion": old_version, "toVersion": new["rulesVersion"]},
        )
    return Reassessment(incident, old_version, str(new["rulesVersion"]), changes)


def incident_series_set(*, actor: Any, reference: str, number: int, in_series: bool) -> Incident:
    """Split an incident with stalking off the case's series (``in_series=False``), or add it back.

    Art. 285b Sr: the klacht term of a series runs from knowledge of its last act; an incident the advisor judges
    to be a separate course of conduct gets its own date. Every date of the case is computed again; audited.
    """
    if not policy.can_split_stalking_series(policy.access_case_for(actor, reference)):
        raise Forbidden(_("Alleen een adviseur kan een incident van de reeks losmaken of er weer bij voegen."))
    with transaction.atomic():
        case = _open_case_for_writing(actor, reference)
        incident = _locked_incident(case, number)
        if "stalking" not in incident.opened_facts(under=case)["acts"]:
            raise InvalidInput(
                _("Controleer de gemarkeerde velden."),
                invalid_params=[
                    {"name": "inSeries", "reason": _("Alleen een incident met belaging hoort bij een reeks.")}
                ],
            )
        if incident.in_series != in_series:
            incident.in_series = in_series
            incident.updated_at = clock.now()
            incident.save(update_fields=["in_series", "updated_at"])
            _refresh_case(case, now=incident.updated_at)
            audit_record(
                actor=actor,
                action="incident.series_joined" if in_series else "incident.series_split",
                object_type="case",
                object_id=case.reference,
                details={"incident": number},
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
    by_office_holder = isinstance(actor, policy.OfficeHolder)
    # Before the file is examined, so a refused upload costs no decoding; again under the case lock below.
    quotas.check_upload_quota(
        policy.access_case_for(actor, reference).case, by_office_holder=by_office_holder, size=len(data)
    )
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
            quotas.check_upload_quota(case, by_office_holder=by_office_holder, size=len(data))
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


def evidence_integrity_failed(case: Case, number: int, *, during: str, rendition: str = "original") -> None:
    """Audit that a stored file of ``case`` failed its check while ``during`` (``"export"``, ``"dossier"``) was
    being made: the exhibit number and the rendition only, never content."""
    audit_record(
        actor="system",
        action="evidence.integrity_failed",
        object_type="case",
        object_id=case.reference,
        details={"evidence": number, "rendition": rendition, "during": during},
    )


def evidence_original_checked(case: Case, evidence: Evidence, *, during: str) -> bytes:
    """The decrypted original of ``evidence``, checked against its recorded size and SHA-256. A file that cannot
    be read or does not match is audited (``evidence_integrity_failed``) and raises ``IntegrityError``. The
    caller has opened ``case`` for content (the export, the dossier); it audits the read itself."""
    try:
        content = vault.load(case, evidence.storage_name)
    except (crypto.DecryptionError, OSError) as exc:
        evidence_integrity_failed(case, evidence.number, during=during)
        raise IntegrityError(f"evidence {evidence.number} of a case cannot be read") from exc
    if len(content) != evidence.size or hashlib.sha256(content).hexdigest() != evidence.sha256:
        evidence_integrity_failed(case, evidence.number, during=during)
        raise IntegrityError(f"evidence {evidence.number} of a case does not match its hash")
    return content


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
                "updated_by": updated_by,
                "author": author,
                "updated_at": clock.now(),
            },
        )
        report.seal("sealed_details", data.sealed(), under=case)  # once it has its id (it names the report)
        report.save(update_fields=["sealed_details"])
        _refresh_case(case)  # an aangifte closes the incident's deadline to-dos
        audit_record(
            actor=actor,
            action="incident.police_report_saved",
            object_type="case",
            object_id=case.reference,
            details={"incident": incident.number},  # not the kind: whether they went to the police is sealed
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
