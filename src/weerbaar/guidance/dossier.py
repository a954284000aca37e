"""The police-ready dossier of a case: a tagged A4 PDF and a ZIP with the PDF, the original evidence and hashes.

Callers (workspace, portal, API) pass the content-level access object from ``policy.access_case_for`` (the
dossier refuses anything less). Everything is read through the selectors (which audit their reads); the
originals are decrypted one at a time from the vault and checked against their SHA-256 before anything is
handed out, and a failing original stops the generation with ``incidents.services.IntegrityError``. One
``dossier.generated`` audit entry lists the exhibit numbers that went into the dossier (instead of one entry
per file).

Weerbaar never stores a home address. The cover shows one only when the office holder types it for this one
dossier (``home_address``; the policy refuses it from anyone else); it is printed and forgotten, and the audit
entry says only that one was included. E-mail address and phone number are never printed.

WeasyPrint is closed off (``guidance.pdf``, imported on the first PDF): it only gets the print CSS (as a string,
read from this package) and the metadata-free previews from memory; any other URL (http, file, ...) is refused.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import case_request_read
from weerbaar.core import crypto
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Forbidden, InvalidInput
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import Assessment, OffenceResult, assess_case
from weerbaar.incidents import display, selectors, vault
from weerbaar.incidents.choices import INJURY_ACTS, SERIES_ACTS, THREAT_ACTS, DamageKind, ReportKind
from weerbaar.incidents.models import Evidence
from weerbaar.incidents.services import (
    IntegrityError,
    download_name,
    evidence_integrity_failed,
    evidence_original_checked,
)

PDF_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "guidance" / "pdf"
SCHEME = "weerbaar:"
MAX_HOME_ADDRESS = 200

# --- rendering, closed off ----------------------------------------------------------------------------


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    css: str,
    resources: dict[str, tuple[bytes, str]] | None = None,
    user_agent_css: str | None = None,
) -> bytes:
    """Render ``template`` (inside the caller's ``translation.override``) to a tagged A4 PDF; ``user_agent_css``
    (a file next to the templates) replaces WeasyPrint's user-agent stylesheet."""
    from weerbaar.guidance import pdf  # WeasyPrint: imported on the first PDF, not at start-up

    return pdf.write_pdf(
        render_to_string(template, context),
        base_url=SCHEME + "/",
        stylesheet=PDF_TEMPLATE_DIR / css,
        page_numbers=(gettext("Pagina"), gettext("van")),
        resources=resources,
        user_agent=PDF_TEMPLATE_DIR / user_agent_css if user_agent_css else None,
    )


def _language(language: str) -> str:
    return "en" if (language or "").startswith("en") else "nl"


# --- what goes in ---------------------------------------------------------------------------------------


@dataclass
class Exhibit:
    """One evidence file as it goes into the dossier (metadata from the selector, storage from the model)."""

    view: selectors.EvidenceView
    model: Evidence
    zip_name: str
    preview_url: str = ""


@dataclass
class DossierData:
    case: Case
    language: str
    generated_at: datetime
    today: date  # the day the klacht dates are judged against (open, today, expired)
    name: str
    home_address: str
    incidents: list[selectors.IncidentView]
    exhibits: list[Exhibit]
    damage: list[selectors.DamageView]
    damage_total_cents: int
    damage_routes: list[Any]
    # The one computation behind the summary, the incidents' klacht dates and the step plan; None without incidents.
    assessment: Assessment | None
    offences: list[Deadline] = field(default_factory=list)  # the summary
    incident_offences: dict[int, list[Deadline]] = field(default_factory=dict)
    resources: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    # The municipality's name from the sealed request ("" for a provincial role): issue 12, point 6.
    municipality: str = ""


def checked_home_address(actor: Any, home_address: str | None) -> str:
    """The address the office holder typed for this dossier, checked; "" when none was given."""
    text = " ".join((home_address or "").split())
    if not text:
        return ""
    if not policy.can_put_home_address_in_dossier(actor):
        raise Forbidden(_("Alleen de ambtsdrager zelf kan een huisadres in het dossier zetten."))
    if len(text) > MAX_HOME_ADDRESS or "\x00" in text:
        reason = _("Maximaal %(n)s tekens.") % {"n": MAX_HOME_ADDRESS}
        raise InvalidInput(reason, invalid_params=[{"name": "homeAddress", "reason": reason}])
    return text


@dataclass(frozen=True)
class Deadline:
    """One offence as the dossier prints it: whether a klacht is needed, by when, and how that stands today.

    In the summary one row groups the incidents with the same offence, need and date (a stalking series shares
    one date); under an incident each row is one offence of that incident."""

    article: str
    title: str
    need: str  # "required" (the law asks for a klacht), "precautionary" (to be safe), "none"
    deadline: date | None  # the last day; None when no klacht is asked
    status: str  # "open", "today", "expired", "none" (analysis.deadline_status on the dossier's day)
    incidents: tuple[int, ...] = ()
    # An aangifte is recorded for the incident(s) (police report of kind "complaint"): then the status of the date
    # says little ("verlopen" would read as "too late"); the dossier prints the aangifte and whether it came in time.
    complaint_made: bool = False
    complaint_on: date | None = None

    @property
    def complaint_late(self) -> bool:
        return bool(self.complaint_on and self.deadline and self.complaint_on > self.deadline)


def _need(offence: OffenceResult) -> str:
    if offence.complaint_required:
        return "required"
    if offence.precautionary_complaint_deadline:
        return "precautionary"
    return "none"


Complaints = dict[int, date | None]  # incident number -> the day of its aangifte (None: day not recorded)


def _complaints(incidents: list[selectors.IncidentView]) -> Complaints:
    """The incidents with an aangifte recorded (as ``CaseAnalysis.complained``: a police report of that kind)."""
    return {
        view.number: view.police_report.reported_on
        for view in incidents
        if view.police_report is not None and view.police_report.kind == ReportKind.COMPLAINT
    }


def _deadline(offence: OffenceResult, incidents: tuple[int, ...], complaints: Complaints) -> Deadline:
    need = _need(offence)
    made = need != "none" and offence.incident in complaints
    return Deadline(
        article=offence.article,
        title=offence.title,
        need=need,
        deadline=offence.complaint_deadline or offence.precautionary_complaint_deadline,
        status=offence.deadline_status,
        incidents=incidents,
        complaint_made=made,
        complaint_on=complaints.get(offence.incident or 0) if made else None,
    )


def _article_key(article: str) -> tuple[int, str]:
    """Articles in the order of the code: 137c, 138ab, 141, 261, 285, 285b, 304 (not as strings: 304 < 41)."""
    digits = re.match(r"\d+", article)
    return (int(digits.group()) if digits else 0, article)


def _case_assessment(case: Case, incidents: list[selectors.IncidentView], language: str, today: date) -> Assessment:
    """The one computation for the whole dossier: offences and klacht dates per offence and incident (a stalking
    series shares the date of its last act) and the step plan made from them (``assess_case``)."""
    facts = [selectors.incident_facts(view) for view in incidents]
    with translation.override(language):  # the step texts are gettext: made in the dossier's language
        return assess_case(case.role, facts, language, today=today)


def _summary(assessment: Assessment, complaints: Complaints) -> list[Deadline]:
    """The offences over all incidents: one row per offence, need, date and aangifte, with the incidents it
    covers (a stalking series shares one date; separate insults each have their own)."""
    rows: dict[tuple[Any, ...], tuple[Deadline, list[int]]] = {}
    for offence in assessment.offences:
        row = _deadline(offence, (), complaints)
        key = (row.article, row.need, row.deadline, row.status, row.complaint_made, row.complaint_on)
        _row, numbers = rows.setdefault(key, (row, []))
        if offence.incident is not None and offence.incident not in numbers:
            numbers.append(offence.incident)
    found = [replace(row, incidents=tuple(sorted(numbers))) for row, numbers in rows.values()]
    return sorted(found, key=lambda d: (_article_key(d.article), d.deadline or date.max, d.incidents))


def _per_incident(assessment: Assessment, complaints: Complaints) -> dict[int, list[Deadline]]:
    found: dict[int, list[Deadline]] = {}
    for offence in assessment.offences:
        if offence.incident is not None:
            found.setdefault(offence.incident, []).append(_deadline(offence, (offence.incident,), complaints))
    return {n: sorted(rows, key=lambda d: _article_key(d.article)) for n, rows in found.items()}


def _preview(case: Case, evidence: Evidence) -> bytes | None:
    if not evidence.preview_storage_name:
        return None
    try:
        return vault.load(case, evidence.preview_storage_name)
    except (crypto.DecryptionError, OSError) as exc:
        evidence_integrity_failed(case, evidence.number, during="dossier")
        raise IntegrityError(f"the preview of evidence {evidence.number} of a case cannot be read") from exc


def _collect(*, access: policy.CaseAccess, language: str, home_address: str, today: date | None) -> DossierData:
    case = policy.require_content(access)
    payload = case_request_read(access=access)
    incidents = selectors.incidents_read(access=access, language=language)
    today = today or selectors.today_in_amsterdam()  # the day the case page and the to-dos use too
    assessment = _case_assessment(case, incidents, language, today) if incidents else None
    complaints = _complaints(incidents)
    views = selectors.evidence_list(access=access)
    damage = selectors.damage_read(access=access)
    models = {e.number: e for e in case.evidence.all()}
    exhibits = []
    for view in views:
        model = models[view.number]
        exhibits.append(Exhibit(view, model, "bewijs/" + download_name(model, view.file_name)))
    return DossierData(
        case=case,
        language=language,
        generated_at=timezone.localtime(),
        today=today,
        name=str(payload.get("name", "")),
        municipality=str(payload.get("municipality") or ""),
        home_address=home_address,
        incidents=incidents,
        exhibits=exhibits,
        damage=damage,
        damage_total_cents=sum(d.amount_cents or 0 for d in damage),
        damage_routes=selectors.case_damage_routes(case, language),
        assessment=assessment,
        offences=_summary(assessment, complaints) if assessment else [],
        incident_offences=_per_incident(assessment, complaints) if assessment else {},
    )


def _verify_originals(data: DossierData) -> Iterator[tuple[Exhibit, bytes]]:
    """Each original in exhibit order, decrypted and hash-checked; only one is held in memory at a time."""
    for exhibit in data.exhibits:
        yield exhibit, evidence_original_checked(data.case, exhibit.model, during="dossier")


def _load_previews(data: DossierData) -> None:
    for exhibit in data.exhibits:
        preview = _preview(data.case, exhibit.model)
        if preview is not None:
            exhibit.preview_url = f"{SCHEME}preview/{exhibit.view.number}"
            data.resources[exhibit.preview_url] = (preview, "image/jpeg")


def _incident_display(
    view: selectors.IncidentView, exhibits: list[Exhibit], offences: list[Deadline]
) -> dict[str, Any]:
    """Codes turned into words in the active language, for the template."""
    words = display.incident_words(view)
    return {
        "view": view,
        "exhibits": exhibits,
        "offences": offences,
        "channel": words.channel,
        "acts": words.acts,
        "affected": words.affected,
        "victim": words.victim,
        "threatened": words.threatened,
        "perpetrators": words.perpetrators,
        "asks_threat": bool(set(view.acts) & THREAT_ACTS),
        "asks_injury": bool(set(view.acts) & INJURY_ACTS),
        "asks_series": bool(set(view.acts) & SERIES_ACTS),
        "report_article12": words.report_article12,
        "identifiers": words.identifiers,
        "report": view.police_report,
        "report_kind": words.report_kind,
        "report_vpt": words.report_vpt,
        "report_address": words.report_address,
        "report_decision": words.report_decision,
    }


def _pdf(data: DossierData) -> bytes:
    by_incident: dict[int | None, list[Exhibit]] = {}
    for exhibit in data.exhibits:
        by_incident.setdefault(exhibit.view.incident_number, []).append(exhibit)
    case = data.case
    with translation.override(data.language):
        context = {
            "data": data,
            "case": case,
            "role": str(case.get_role_display()),
            # "Andere functie" does not read in a sentence: other roles are routed as political office holders.
            "role_in_sentence": gettext("politiek ambtsdrager")
            if case.role == "other"
            else str(case.get_role_display()).lower(),
            "municipality": data.municipality,
            "province": case.province.name if case.province else "",
            "association": case.association,
            "incidents": [
                _incident_display(i, by_incident.get(i.number, []), data.incident_offences.get(i.number, []))
                for i in data.incidents
            ],
            "other_exhibits": by_incident.get(None, []),
            "damage": [
                {
                    "item": d,
                    "kind": display.label(DamageKind, d.kind),
                    "amount": display.euros(d.amount_cents, data.language),
                }
                for d in data.damage
            ],
            "damage_total": display.euros(data.damage_total_cents, data.language),
            "rules": rules,
            # A klacht date that has passed: the summary says what that means for prosecution.
            "expired": any(d.status == "expired" and not d.complaint_made for d in data.offences),
            "series": any(d.article == rules.SERIES_ARTICLE and d.need != "none" for d in data.offences),
            "precautionary": any(d.need == "precautionary" for d in data.offences),
            "national_phone": settings.WEERBAAR["NATIONAL_PHONE"],
            "language": data.language,
        }
        return render_pdf(
            "guidance/pdf/dossier.html", context, css="dossier.css", resources=data.resources, user_agent_css="ua.css"
        )


def _audit(actor: Any, data: DossierData, fmt: str) -> None:
    audit_record(
        actor=actor,
        action="dossier.generated",
        object_type="case",
        object_id=data.case.reference,
        details={
            "format": fmt,
            "language": data.language,
            "incidents": len(data.incidents),
            "evidence": len(data.exhibits),
            "exhibits": [e.view.number for e in data.exhibits],
            "includeHomeAddress": bool(data.home_address),
        },
    )


# --- the two public functions ---------------------------------------------------------------------------


def dossier_pdf(
    *, access: policy.CaseAccess, language: str = "nl", home_address: str = "", today: date | None = None
) -> bytes:
    """The dossier as a tagged A4 PDF (Dutch or English), its klacht dates judged on ``today`` (default: the
    Dutch date now). Raises ``IntegrityError`` if an original fails its hash; audited once as
    ``dossier.generated``."""
    language = _language(language)
    policy.require_content(access)
    home_address = checked_home_address(access.actor, home_address)
    data = _collect(access=access, language=language, home_address=home_address, today=today)
    for _exhibit, _content in _verify_originals(data):
        pass  # the PDF prints the hashes: prove them before printing
    _load_previews(data)
    pdf = _pdf(data)
    _audit(access.actor, data, "pdf")
    return pdf


README_TEXT = """\
Weerbaar - dossier {reference}
================================

NEDERLANDS

Deze map bevat het dossier (dossier.pdf), de originele bewijsbestanden (map
bewijs/) precies zoals ze zijn ontvangen, en de SHA-256-hashes van elk bestand
(manifest.json en SHA256SUMS). Weerbaar heeft elke hash berekend bij ontvangst
en opnieuw gecontroleerd bij het maken van deze export op {generated}.

Controleren of er niets is veranderd:
  Linux:   sha256sum -c SHA256SUMS          (elke regel moet "OK" geven)
  macOS:   shasum -a 256 -c SHA256SUMS
  Windows: certutil -hashfile bewijs\\<bestand> SHA256
           en vergelijk de uitkomst met de regel in SHA256SUMS.
Dezelfde hashes staan per bewijsstuk in het bewijsoverzicht in dossier.pdf.

ENGLISH

This folder holds the dossier (dossier.pdf), the original evidence files
(folder bewijs/) exactly as they were received, and the SHA-256 hash of each
file (manifest.json and SHA256SUMS). Weerbaar computed every hash on arrival
and checked it again when this export was made on {generated}.

To verify that nothing changed:
  Linux:   sha256sum -c SHA256SUMS          (every line must say "OK")
  macOS:   shasum -a 256 -c SHA256SUMS
  Windows: certutil -hashfile bewijs\\<file> SHA256
           and compare the result with the line in SHA256SUMS.
The same hashes are listed per exhibit in the evidence index in dossier.pdf.
"""


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def dossier_zip(
    *, access: policy.CaseAccess, language: str = "nl", home_address: str = "", today: date | None = None
) -> bytes:
    """A ZIP with ``dossier.pdf``, ``bewijs/<name>`` (the originals, byte-identical), ``manifest.json``,
    ``SHA256SUMS`` (``sha256sum -c``) and ``LEESMIJ.txt``. Built in memory only: plain evidence never
    touches the disk. Raises ``IntegrityError`` if an original fails its hash; audited once."""
    language = _language(language)
    case = policy.require_content(access)
    actor = access.actor
    home_address = checked_home_address(actor, home_address)
    data = _collect(access=access, language=language, home_address=home_address, today=today)
    buffer = io.BytesIO()
    files: list[dict[str, Any]] = []
    sums: list[str] = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for exhibit, content in _verify_originals(data):
            view = exhibit.view
            # Originals are stored, not deflated: most are compressed already and stay byte-identical either way.
            archive.writestr(exhibit.zip_name, content, compress_type=zipfile.ZIP_STORED)
            files.append(
                {
                    "path": exhibit.zip_name,
                    "exhibit": view.number,
                    "incident": view.incident_number,
                    "fileName": view.file_name,
                    "sha256": view.sha256,
                    "size": view.size,
                    "mediaType": view.media_type,
                    "capturedAt": _iso(view.captured_at),
                    "sourceUrl": view.source_url or None,
                    "uploadedAt": _iso(view.uploaded_at),
                }
            )
            sums.append(f"{view.sha256}  {exhibit.zip_name}\n")
        _load_previews(data)
        pdf = _pdf(data)
        # Stored too: the PDF is mostly JPEG previews already, and deflating 10+ MB of them costs half a second.
        archive.writestr("dossier.pdf", pdf, compress_type=zipfile.ZIP_STORED)
        pdf_sha = hashlib.sha256(pdf).hexdigest()
        manifest = {
            "caseReference": case.reference,
            "generatedAt": data.generated_at.isoformat(timespec="seconds"),
            "rulesVersion": rules.RULES_VERSION,
            "language": language,
            "hashAlgorithm": "SHA-256",
            "dossier": {"path": "dossier.pdf", "sha256": pdf_sha, "size": len(pdf)},
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        archive.writestr("SHA256SUMS", f"{pdf_sha}  dossier.pdf\n" + "".join(sums))
        archive.writestr(
            "LEESMIJ.txt",
            README_TEXT.format(reference=case.reference, generated=data.generated_at.strftime("%Y-%m-%d %H:%M")),
        )
    _audit(actor, data, "zip")
    return buffer.getvalue()
