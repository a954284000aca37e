"""The office holder's copy of everything Weerbaar holds about their case (art. 15 and 20 AVG).

``export_prepare`` reads the case through the selectors every other page uses (each audits its own read),
checks every original evidence file against its SHA-256, renders a readable PDF (WeasyPrint, closed off as in
``guidance.dossier``) and a machine-readable ``gegevens.json``, and writes one ``rights.exported`` audit entry.
It returns an ``Export`` whose ``chunks()`` writes the ZIP while it is sent:

- ``LEESMIJ.txt``, ``overzicht.pdf``, ``gegevens.json``, ``bewijs/<exhibit file>`` (the originals, byte-identical),
  ``SHA256SUMS``.

Memory stays bounded however much evidence a case holds: the ZIP is never built as a whole. ``chunks()`` writes
into a sink that hands each piece to the response as soon as it is written, and the originals are decrypted one
at a time (so the peak is about one original, at most ``WEERBAAR_EVIDENCE_MAX_FILE_MB``). Nothing plain touches
the disk (no temporary file). Each original is decrypted twice: once to check its hash before anything is sent
(so a damaged file gives a clean 500 problem instead of a broken download) and once while it is sent, where it
is checked again; a file that changed in between ends the download (the ZIP then has no central directory and
no unzip program accepts it).

Not in the export, and said so in ``LEESMIJ.txt`` and the PDF: the advisor's internal notes and call
summaries, status-change reasons in words, the partner's answer to a referral, the concern note (the advisor's
assessment of the threat) and the perpetrator's identifiers recorded for matching. They can name other people
(art. 15(4) AVG); the office holder asks the advisor for them and the advisor checks them first.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from weerbaar.accounts import policy
from weerbaar.cases import selectors as case_selectors
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_record
from weerbaar.incidents import selectors as incident_selectors
from weerbaar.incidents.models import Evidence
from weerbaar.incidents.services import IntegrityError, download_name, evidence_original_checked

FORMAT = "weerbaar-export"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024  # what the sink hands on at most per piece (originals are written in pieces of this size)

NOT_INCLUDED = (
    "notes",  # the advisor's internal notes
    "calls",  # call summaries
    "statusReasons",  # reasons in words given with a status change
    "partnerAnswers",  # a partner's decline reason or report
    "concernNotes",  # the advisor's structured assessment of the threat (docs/concerns.md)
    "perpetratorIdentifiers",  # identifiers of the perpetrator recorded for matching: another person's data
)


# --- the data --------------------------------------------------------------------------------------------------


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def plain(value: Any) -> Any:
    """A JSON-ready copy: dataclasses and dicts with lowerCamelCase keys, moments in ISO 8601."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    if isinstance(value, dict):
        return {_camel(str(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


@dataclass
class Original:
    """One original evidence file as it goes into the ZIP."""

    evidence: Evidence
    path: str


@dataclass
class ExportData:
    case: Case
    generated_at: datetime
    language: str
    sections: dict[str, Any]
    originals: list[Original] = field(default_factory=list)


def _case_facts(case: Case, request: dict[str, Any]) -> dict[str, Any]:
    # The municipality is sealed with the request (issue 12, point 6), the province is a column.
    municipality = request.get("municipality") or None
    province = getattr(case, "province", None)
    return {
        "reference": case.reference,
        "status": case.status,
        "channel": case.channel,
        "role": case.role,
        "municipality": municipality,
        "province": province.name if province is not None else None,
        "association": case.association.name,
        "urgent": case.urgent,
        "acuteDanger": case.acute_danger,
        "concerns": list(case.concerns),
        "affected": list(case.affected),
        "preferredContact": case.preferred_contact,
        "consentToShare": case.consent_to_share,
        "createdAt": case.created_at,
        "respondBy": case.respond_by,
        "claimedAt": case.claimed_at,
        "closedAt": case.closed_at,
        "closeReason": case.close_reason or None,
        "outcome": case.outcome or None,
        "assignedAdvisor": case.assigned_to.label if case.assigned_to is not None else None,
    }


def _referrals(access: policy.CaseAccess) -> list[dict[str, Any]]:
    from weerbaar.network.selectors import case_referrals

    rows = []
    for view in case_referrals(access=access):
        rows.append(
            {
                "id": view.id,
                "partner": view.partner_name,
                "kind": view.partner_kind,
                "status": view.status,
                "proposedAt": view.proposed_at,
                "consentedAt": view.consented_at,
                "sentAt": view.sent_at,
                "acceptedAt": view.accepted_at,
                "declinedAt": view.declined_at,
                "completedAt": view.completed_at,
                "cancelledAt": view.cancelled_at,
                "proposedItems": [item.label for item in view.proposed_items],
                "consentedItems": [item.label for item in view.consented_items],
                "sharedWithPartner": view.minimum,
            }
        )
    return rows


def _check_ins(access: policy.CaseAccess) -> list[dict[str, Any]]:
    from weerbaar.aftercare.selectors import office_holder_check_ins

    return [
        {
            "dueAt": c.due_at,
            "subject": c.subject_label,
            "status": c.status,
            "question": c.question,
            "answer": c.answer or None,
            "mood": c.mood or None,
            "answeredAt": c.answered_at,
        }
        for c in office_holder_check_ins(access=access)
    ]


def _email_choice(case: Case, actor: Any) -> str | None:
    from weerbaar.notifications.services import office_holder_email_read

    return office_holder_email_read(case=case, actor=getattr(actor, "username", str(actor))) or None


def _erasure_requests(access: policy.CaseAccess) -> list[dict[str, Any]]:
    from weerbaar.rights.selectors import erasure_requests_for_export

    return erasure_requests_for_export(access=access)


def _evidence_row(view: incident_selectors.EvidenceView, path: str) -> dict[str, Any]:
    return {
        "exhibit": view.number,
        "incident": view.incident_number,
        "damageItem": view.damage_item_id,
        "fileName": view.file_name,
        "path": path,
        "mediaType": view.media_type,
        "size": view.size,
        "sha256": view.sha256,
        "capturedAt": view.captured_at,
        "sourceUrl": view.source_url or None,
        "uploadedAt": view.uploaded_at,
        "uploadedBy": view.recorded_by,
    }


def _collect(access: policy.CaseAccess, language: str) -> ExportData:
    case = policy.require_content(access)
    request = case_selectors.case_request_read(access=access)
    messages = case_selectors.case_messages_read(access=access)
    history = case_selectors.case_status_history(access=access, include_reasons=False)
    incidents = incident_selectors.incidents_read(access=access, language=language)
    evidence = incident_selectors.evidence_list(access=access)
    damage = incident_selectors.damage_read(access=access)
    models = {e.number: e for e in case.evidence.all()}
    originals = []
    evidence_rows = []
    for view in evidence:
        model = models[view.number]
        path = "bewijs/" + download_name(model, view.file_name)
        originals.append(Original(model, path))
        evidence_rows.append(_evidence_row(view, path))
    for incident in incidents:
        incident.evidence = []  # listed once, under "evidence"
    sections: dict[str, Any] = {
        "case": _case_facts(case, request),
        "request": request,
        "statusHistory": [
            {
                "at": item.at,
                "from": item.extra["from"] or None,
                "to": item.extra["to"],
                "reasonCode": item.extra["reasonCode"] or None,
            }
            for item in history
        ],
        "messages": [
            {"at": item.at, "sender": item.extra["sender"], "author": item.author or None, "text": item.text}
            for item in messages
        ],
        "incidents": incidents,
        "evidence": evidence_rows,
        "damage": [
            {
                "id": d.id,
                "kind": d.kind,
                "amountCents": d.amount_cents,
                "incurredOn": d.incurred_on,
                "description": d.description,
                "incident": d.incident_number,
                "receipts": [r.number for r in d.receipts],
            }
            for d in damage
        ],
        "referrals": _referrals(access),
        "aftercareCheckIns": _check_ins(access),
        "emailNotification": _email_choice(case, access.actor),
        "erasureRequests": _erasure_requests(access),
    }
    return ExportData(
        case=case, generated_at=timezone.localtime(), language=language, sections=sections, originals=originals
    )


# --- the files -------------------------------------------------------------------------------------------------


def _document(data: ExportData) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "generatedAt": data.generated_at,
        "language": data.language,
        "notIncluded": list(NOT_INCLUDED),
        **data.sections,
    }


def data_json(data: ExportData) -> bytes:
    return (json.dumps(plain(_document(data)), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _pdf(data: ExportData) -> bytes:
    from weerbaar.guidance.dossier import render_pdf  # WeasyPrint, closed off; imported on the first PDF

    document = plain(_document(data))
    with translation.override(data.language):
        context = {
            "data": document,
            "case": data.case,
            "language": data.language,
            "case_rows": _rows(document["case"]),
            "request_rows": _rows(document["request"] or {}),
        }
        return render_pdf("rights/pdf/export.html", context, css="dossier.css")


# The PDF's words for the JSON's names (the JSON keeps its names: they are its contract).
LABELS = {
    "reference": gettext_lazy("Zaaknummer"),
    "status": gettext_lazy("Status"),
    "channel": gettext_lazy("Binnengekomen via"),
    "role": gettext_lazy("Functie"),
    "municipality": gettext_lazy("Gemeente"),
    "province": gettext_lazy("Provincie"),
    "association": gettext_lazy("Beroepsvereniging"),
    "urgent": gettext_lazy("Spoed"),
    "acuteDanger": gettext_lazy("Acuut gevaar"),
    "concerns": gettext_lazy("Waar het over gaat"),
    "affected": gettext_lazy("Wie het raakt"),
    "preferredContact": gettext_lazy("Contact via"),
    "consentToShare": gettext_lazy("Toestemming om te delen"),
    "createdAt": gettext_lazy("Verstuurd op"),
    "respondBy": gettext_lazy("Contact uiterlijk"),
    "claimedAt": gettext_lazy("Opgepakt op"),
    "closedAt": gettext_lazy("Gesloten op"),
    "closeReason": gettext_lazy("Reden van sluiten"),
    "outcome": gettext_lazy("Uitkomst"),
    "assignedAdvisor": gettext_lazy("Uw adviseur"),
    "name": gettext_lazy("Naam"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Telefoon"),
    "description": gettext_lazy("Beschrijving"),
}


def _word(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(gettext_lazy("ja") if value else gettext_lazy("nee"))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _rows(section: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows of a flat section, in the active language; unknown names as they are."""
    return [(str(LABELS.get(key, key)), _word(value)) for key, value in section.items()]


README = """\
Weerbaar - uw gegevens / your data - {reference}
================================================

NEDERLANDS

Dit is een kopie van alles wat Weerbaar over uw zaak {reference} bewaart,
gemaakt op {generated} (artikel 15 en 20 AVG):

  overzicht.pdf   leesbaar overzicht
  gegevens.json   dezelfde gegevens, machineleesbaar (UTF-8, JSON)
  bewijs/         uw bewijsbestanden, precies zoals ze zijn ontvangen
  SHA256SUMS      de SHA-256 van elk bestand (controle: sha256sum -c SHA256SUMS)

Niet in deze kopie: de interne notities van uw adviseur, de inschatting van de
dreiging (zorgnotitie), gegevens over de dader die uw adviseur vastlegde,
samenvattingen van telefoongesprekken, toelichtingen bij statuswijzigingen en
antwoorden van netwerkpartners. Daarin kunnen anderen genoemd worden. Vraag ze
op bij uw adviseur (bel 070-3738314); die bekijkt ze eerst.

Bewaar deze map veilig: er staat alles in wat u Weerbaar vertelde.

ENGLISH

This is a copy of everything Weerbaar holds about your case {reference},
made on {generated} (articles 15 and 20 GDPR):

  overzicht.pdf   readable overview
  gegevens.json   the same data, machine-readable (UTF-8, JSON)
  bewijs/         your evidence files, exactly as they were received
  SHA256SUMS      the SHA-256 of every file (check: sha256sum -c SHA256SUMS)

Not in this copy: your advisor's internal notes, the assessment of the threat
(concern note), details of the perpetrator your advisor recorded, summaries of
phone calls, explanations given with status changes, and answers of network
partners. They can name other people. Ask your advisor for them (call 070-3738314);
they look at them first.

Keep this folder safe: it holds everything you told Weerbaar.
"""


class _Sink(io.RawIOBase):
    """A write-only, non-seekable stream: ``zipfile`` then writes data descriptors and never seeks back, and
    every piece written waits here only until ``drain`` hands it on."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        piece = bytes(b)
        self._pieces.append(piece)
        self._position += len(piece)
        return len(piece)

    def tell(self) -> int:
        return self._position

    def drain(self) -> Iterator[bytes]:
        pieces, self._pieces = self._pieces, []
        yield from pieces


@dataclass
class Export:
    """A prepared export: everything checked and audited; ``chunks()`` writes the ZIP while it is sent."""

    reference: str
    file_name: str
    readme: str
    pdf: bytes
    data: bytes
    case: Case
    originals: list[Original]

    def chunks(self) -> Iterator[bytes]:
        sink = _Sink()
        sums: list[str] = []
        with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("LEESMIJ.txt", self.readme)
            for name, content in (("overzicht.pdf", self.pdf), ("gegevens.json", self.data)):
                archive.writestr(name, content, compress_type=zipfile.ZIP_STORED if name.endswith(".pdf") else None)
                sums.append(f"{hashlib.sha256(content).hexdigest()}  {name}\n")
                yield from sink.drain()
            for original in self.originals:
                # checked again: raises and ends the download
                content = evidence_original_checked(self.case, original.evidence, during="export")
                info = zipfile.ZipInfo(original.path, date_time=timezone.localtime().timetuple()[:6])
                info.compress_type = zipfile.ZIP_STORED  # byte-identical; most are compressed already
                view = memoryview(content)  # pieces without copies
                with archive.open(info, "w") as entry:
                    for start in range(0, len(content), CHUNK):
                        entry.write(view[start : start + CHUNK])
                        yield from sink.drain()
                view.release()
                sums.append(f"{original.evidence.sha256}  {original.path}\n")
                del content
                yield from sink.drain()
            archive.writestr("SHA256SUMS", "".join(sums))
        yield from sink.drain()


def export_prepare(*, access: policy.CaseAccess, language: str = "nl") -> Export:
    """Everything about the case for its office holder: read (each read audited), every original checked
    against its SHA-256 (``IntegrityError`` when one fails), PDF and JSON made, and one ``rights.exported``
    audit entry. Only the office holder of the case asks for it (``policy.can_export_case``)."""
    case = policy.require_content(access)
    policy.require_export(access)
    language = "en" if (language or "").startswith("en") else "nl"
    data = _collect(access, language)
    for original in data.originals:
        evidence_original_checked(
            case, original.evidence, during="export"
        )  # before anything is sent: a damaged file is a clean 500
    with translation.override(language):
        pdf = _pdf(data)
    json_bytes = data_json(data)
    audit_record(
        actor=getattr(access.actor, "username", access.actor),
        action="rights.exported",
        object_type="case",
        object_id=case.reference,
        details={"evidence": [o.evidence.number for o in data.originals], "language": language},
    )
    readme = README.format(reference=case.reference, generated=data.generated_at.strftime("%Y-%m-%d %H:%M"))
    return Export(
        reference=case.reference,
        file_name=f"weerbaar-gegevens-{case.reference}.zip",
        readme=readme,
        pdf=pdf,
        data=json_bytes,
        case=case,
        originals=data.originals,
    )


__all__ = ["Export", "IntegrityError", "export_prepare", "plain"]
