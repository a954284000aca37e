"""Reads of referrals: the items a case can share, partner suggestions, and each side's view.

Three views of one referral: the case worker's (everything, audited), the office holder's (what is
proposed, what was consented) and the partner's (the minimum plus only what ``policy.partner_may_read``
allows, each read audited). Incidents and evidence are read through ``incidents.selectors`` and
``incidents.vault``, never around them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.core import crypto
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import NotFound
from weerbaar.directory.choices import PartnerKind
from weerbaar.directory.models import Partner
from weerbaar.directory.selectors import active_partners
from weerbaar.incidents import display, files, vault
from weerbaar.incidents import selectors as incident_selectors
from weerbaar.incidents.models import Evidence, Incident
from weerbaar.incidents.services import EvidenceFile, IntegrityError, download_name
from weerbaar.network import items as item_keys
from weerbaar.network.choices import KIND_WITH_ARTICLE, ContactMethod, ReferralStatus
from weerbaar.network.models import Consent, Referral
from weerbaar.network.workflow import LOAD, OPEN

# --- the items a case can share -----------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    key: str
    kind: str  # "request_text", "incident", "evidence", "original"
    number: int | None
    label: str


def case_items(case: Case) -> list[Item]:
    """The optional items of a case, described by number, date, acts and file type (only each incident's sealed
    acts and channel are opened, under the case's key, for its label)."""
    result = [Item(item_keys.REQUEST_TEXT, "request_text", None, _("De tekst van de hulpvraag"))]
    numbers: dict[int, int] = {}
    for incident in Incident.objects.filter(case=case).order_by("number"):
        numbers[incident.pk] = incident.number
        acts = display.incident_words(_PlainIncident(incident, **incident.opened_facts(under=case))).acts
        label = _("Incident %(n)s van %(date)s: %(acts)s") % {
            "n": incident.number,
            "date": incident.occurred_on.strftime("%d-%m-%Y"),
            "acts": ", ".join(acts),
        }
        result.append(Item(item_keys.incident_item(incident.pk), "incident", incident.number, label))
    for evidence in Evidence.objects.filter(case=case).order_by("number"):
        if evidence.incident_id in numbers:
            label = _("Bewijsstuk %(n)s (%(type)s) bij incident %(incident)s") % {
                "n": evidence.number,
                "type": media_kind(evidence.media_type),
                "incident": numbers[evidence.incident_id],
            }
        else:
            label = _("Bewijsstuk %(n)s (%(type)s)") % {"n": evidence.number, "type": media_kind(evidence.media_type)}
        result.append(Item(item_keys.evidence_item(evidence.pk), "evidence", evidence.number, label))
        if evidence.media_type in files.IMAGE_TYPES and evidence.preview_storage_name:
            # Without this the partner gets the preview: new pixels, no EXIF (GPS position, camera, owner).
            label = _(
                "Bewijsstuk %(n)s als origineel bestand, met de gegevens erin "
                "(zoals waar en wanneer de foto is gemaakt)"
            )
            result.append(
                Item(item_keys.original_item(evidence.pk), "original", evidence.number, label % {"n": evidence.number})
            )
    return result


def media_kind(media_type: str) -> str:
    """A file's kind in words for people ("foto (PNG)", "pdf", "e-mail", "geluid", "video"), not its media type."""
    if media_type in files.IMAGE_TYPES:
        return _("foto (%(format)s)") % {"format": media_type.split("/", 1)[1].upper()}
    if media_type == "application/pdf":
        return _("pdf")
    if media_type in {"message/rfc822", "application/vnd.ms-outlook"}:
        return _("e-mail")
    if media_type in {"text/plain", "text/csv"}:
        return _("tekst")
    if media_type in files.AUDIO_TYPES:
        return _("geluid")
    if media_type in files.VIDEO_TYPES:
        return _("video")
    return _("bestand")


@dataclass
class _PlainIncident:
    """Just enough of an incident for ``display.incident_words`` to name its channel and acts (opened)."""

    incident: Incident
    channel: str = ""
    acts: list[str] = field(default_factory=list)
    police_report: Any = None
    perpetrator_identifiers: list[Any] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.incident, name)


def items_described(case: Case, keys: list[str]) -> list[Item]:
    wanted = set(keys)
    return [item for item in case_items(case) if item.key in wanted]


# --- suggestions --------------------------------------------------------------------------------


@dataclass
class Suggestion:
    partner: Partner
    kind_matches: bool
    serves_region: bool
    open_referrals: int
    load: float
    reasons: list[str]

    @property
    def full(self) -> bool:
        return self.load >= 1

    @property
    def suggested(self) -> bool:
        """Only available partners are suggestions; unavailable ones are listed after them, apart."""
        return bool(self.partner.available)


def suggest_partners(case: Case, kind: str | None = None) -> list[Suggestion]:
    """Active partners ranked: available ones first (only those are suggestions), then kind, serving the
    case's province (or nationwide), and the least loaded (open referrals / capacity). Each says why."""
    partners = active_partners().annotate(
        open_count=Count("referrals", filter=Q(referrals__status__in=[s.value for s in LOAD]), distinct=True)
    )
    province_name = case.province.name if case.province is not None else ""
    suggestions = []
    for partner in partners:
        province_ids = {p.pk for p in partner.provinces.all()}
        kind_matches = not kind or partner.kind == kind
        serves = partner.nationwide or (case.province_id is not None and case.province_id in province_ids)
        open_count = int(getattr(partner, "open_count", 0))
        load = open_count / partner.capacity if partner.capacity else 1.0
        reasons = [
            (_("soort past") if kind else str(PartnerKind(partner.kind).label))
            if kind_matches
            else _("andere soort: %(kind)s") % {"kind": PartnerKind(partner.kind).label},
            _("landelijk")
            if partner.nationwide
            else (
                _("werkt in %(province)s") % {"province": province_name}
                if serves
                else _("werkt niet in deze provincie")
            ),
            _("beschikbaar") if partner.available else _("nu niet beschikbaar, daarom geen suggestie"),
            _("%(open)s van %(capacity)s plaatsen bezet") % {"open": open_count, "capacity": partner.capacity},
        ]
        suggestions.append(Suggestion(partner, kind_matches, serves, open_count, load, reasons))
    suggestions.sort(
        key=lambda s: (
            not s.partner.available,
            not s.kind_matches,
            not s.serves_region,
            s.full,
            s.load,
            s.partner.name,
            s.partner.pk,
        )
    )
    return suggestions


# --- the minimum --------------------------------------------------------------------------------


@dataclass
class Minimum:
    first_name: str
    office: str
    region: str
    question: str
    contact_method: str
    contact: str


def _first_name(request: dict[str, Any]) -> str:
    name = str(request.get("name", "")).strip()
    return name.split()[0] if name else ""


def _region(case: Case, request: dict[str, Any]) -> str:
    """The municipality (sealed in the request) and the province."""
    parts = [str(request.get("municipality") or ""), case.province.name if case.province is not None else ""]
    return ", ".join(p for p in parts if p)


def question_of(referral: Referral) -> str:
    return referral.open("sealed_question")


def _consent_of(referral: Referral) -> Consent | None:
    try:
        return referral.consent
    except Consent.DoesNotExist:
        return None


def _minimum(referral: Referral, consent: Consent | None) -> Minimum:
    case = referral.case
    request = case.open("sealed_request")
    return Minimum(
        first_name=_first_name(request),
        office=case.get_role_display(),
        region=_region(case, request),
        question=question_of(referral),
        contact_method=consent.contact_method if consent else "",
        contact=consent.open("sealed_contact", under=case) if consent else "",
    )


# --- views of one referral ----------------------------------------------------------------------


def is_overdue(referral: Referral | ReferralView | ReferralRow) -> bool:
    """Sent, and not answered before ``respond_by``."""
    from django.utils import timezone

    return (
        referral.status == ReferralStatus.SENT
        and referral.respond_by is not None
        and referral.respond_by < timezone.now()
    )


@dataclass
class ReferralView:
    id: int
    reference: str
    partner_id: int
    partner_name: str
    partner_kind: str
    status: str
    proposed_at: datetime
    consented_at: datetime | None
    sent_at: datetime | None
    respond_by: datetime | None
    accepted_at: datetime | None
    declined_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str
    proposed_items: list[Item]
    consent: Consent | None
    consented_items: list[Item]
    minimum: Minimum | None = None
    decline_reason: str = ""
    report: str = ""
    request_text: str | None = None
    incidents: list[Any] = field(default_factory=list)
    evidence: list[Any] = field(default_factory=list)
    #: Read at metadata level (a coordinator who may not read the case): no question, item, consent or answer.
    metadata_only: bool = False

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def kind(self) -> str:
        """The kind of help asked (the partner's kind when proposed), as ``Referral.kind``."""
        return self.partner_kind

    @property
    def overdue(self) -> bool:
        return is_overdue(self)


def _row(referral: Referral, reference: str) -> ReferralView:
    """What every reader of a referral sees: partner, status and dates. Nothing of the case is opened; the items,
    the consent and the partner's answer are filled in by ``_view`` for whoever may read the case."""
    return ReferralView(
        id=referral.pk,
        reference=reference,
        partner_id=referral.partner_id,
        partner_name=referral.partner.name,
        partner_kind=referral.kind,
        status=referral.status,
        proposed_at=referral.proposed_at,
        consented_at=referral.consented_at,
        sent_at=referral.sent_at,
        respond_by=referral.respond_by,
        accepted_at=referral.accepted_at,
        declined_at=referral.declined_at,
        completed_at=referral.completed_at,
        cancelled_at=referral.cancelled_at,
        cancel_reason=referral.cancel_reason,
        proposed_items=[],
        consent=None,
        consented_items=[],
        metadata_only=True,
    )


def _view(referral: Referral, *, with_content: bool, partner_answer: bool = True) -> ReferralView:
    case = referral.case
    consent = _consent_of(referral)
    all_items = {item.key: item for item in case_items(case)}
    view = _row(referral, case.reference)
    view.metadata_only = False
    # In the case's order (request text, incidents, exhibits), not the order of the stored keys.
    view.proposed_items = [i for k, i in all_items.items() if k in set(referral.proposed_items)]
    view.consent = consent
    view.consented_items = [i for k, i in all_items.items() if consent is not None and k in set(consent.items)]
    if with_content:
        view.minimum = _minimum(referral, consent)
        if partner_answer:
            view.decline_reason = referral.open("sealed_decline_reason", under=case)
            view.report = referral.open("sealed_report", under=case)
    return view


def _for_case_worker(actor: Any) -> bool:
    """The partner's decline reason and report are written to the case's advisor, who passes on what matters;
    the office holder sees that it was declined or completed, and when, not the text (docs/network.md)."""
    return not isinstance(actor, policy.OfficeHolder)


def case_referrals(*, access: policy.CaseAccess) -> list[ReferralView]:
    """Every referral of a case for its case worker or its office holder (content-level case access)."""
    case = policy.require_content(access)
    referrals = list(case.referrals.select_related("partner").order_by("-proposed_at", "-id"))
    for r in referrals:
        r.case = case
    views = [_view(r, with_content=True, partner_answer=_for_case_worker(access.actor)) for r in referrals]
    audit_record(actor=access.actor, action="referral.list_read", object_type="case", object_id=case.reference)
    return views


def case_referrals_metadata(*, access: policy.CaseAccess) -> list[ReferralView]:
    """Every referral of a case as metadata, for a coordinator who may not read the case (``access`` from
    ``policy.access_case_referrals``): partner, status and dates as on the case's referrals page — the question,
    the proposed and consented items, the consent and the partner's answer are left out. Nothing is opened, so
    nothing is audited (like the web page)."""
    case = policy.require_case_access(access)
    return [_row(r, case.reference) for r in case.referrals.select_related("partner").order_by("-proposed_at", "-id")]


def referral_read(*, access: policy.ReferralAccess) -> ReferralView:
    """One referral for its case worker or its office holder (the case side's grant from the policy)."""
    referral = policy.require_referral(access, policy.Party.CASE)
    view = _view(referral, with_content=True, partner_answer=_for_case_worker(access.actor))
    audit_record(
        actor=access.actor,
        action="referral.read",
        object_type="referral",
        object_id=str(referral.pk),
        details={"case": referral.case.reference},
    )
    return view


# --- the partner's side -------------------------------------------------------------------------


def partner_referrals(*, user: Any) -> QuerySet[Referral]:
    """The partner's list: metadata only (kind, status, dates); content is read per referral."""
    return policy.referrals_visible_to(user).select_related("partner").order_by("-sent_at", "-id")


@dataclass
class PartnerIncident:
    id: int
    number: int
    occurred_on: date
    channel: str
    acts: list[str]
    affected: list[str]
    description: str


@dataclass
class PartnerEvidence:
    id: int
    number: int
    file_name: str
    media_type: str  # of what the partner downloads
    size: int  # of the original
    original: bool = True  # False: the metadata-free preview of an image (the original was not consented to)


def referral_for_partner(*, access: policy.ReferralAccess) -> ReferralView:
    """What a partner may see of one referral: the minimum and exactly the consented items."""
    referral = policy.require_referral(access, policy.Party.PARTNER)
    user, case = access.actor, referral.case
    view = _view(referral, with_content=True)
    # The advisor's proposal is not the partner's business: only what was consented.
    view.proposed_items = []
    if not policy.partner_may_read(user, referral, item_keys.FIRST_NAME):
        # Declined or completed: the dates and the partner's own answer, nothing of the office holder.
        view.minimum, view.consented_items = None, []
        audit_record(
            actor=user,
            action="referral.partner_read",
            object_type="referral",
            object_id=str(referral.pk),
            details={"case": case.reference, "items": []},
        )
        return view
    read: list[str] = list(item_keys.MINIMUM)
    request_access = policy.partner_item_access(access, item_keys.REQUEST_TEXT, REQUEST_TEXT_PART)
    if request_access is not None:
        view.request_text = request_text_of(request_access)
        read.append(item_keys.REQUEST_TEXT)
    consent = view.consent
    incident_ids = item_keys.ids_of(consent.items if consent else [], "incident")
    for incident in Incident.objects.filter(case=case, pk__in=incident_ids).order_by("number"):
        key = item_keys.incident_item(incident.pk)
        incident_access = policy.partner_item_access(access, key, ("incident", incident.pk))
        if incident_access is None:
            continue
        full = incident_selectors.incident_read(access=incident_access, number=incident.number)
        if full is None:
            continue
        words = display.incident_words(full)
        view.incidents.append(
            PartnerIncident(
                incident.pk, full.number, full.occurred_on, words.channel, words.acts, words.affected, full.description
            )
        )
        read.append(key)
    evidence_ids = item_keys.ids_of(consent.items if consent else [], "evidence")
    for evidence in Evidence.objects.filter(case=case, pk__in=evidence_ids).order_by("number"):
        key = item_keys.evidence_item(evidence.pk)
        if not policy.partner_may_read(user, referral, key):
            continue
        meta = evidence.open("sealed_details", under=case)
        original = _partner_gets_original(user, referral, evidence)
        view.evidence.append(
            PartnerEvidence(
                evidence.pk,
                evidence.number,
                meta.get("fileName", ""),
                evidence.media_type if original else "image/jpeg",
                evidence.size,
                original,
            )
        )
        read.append(key)
    audit_record(
        actor=user,
        action="referral.partner_read",
        object_type="referral",
        object_id=str(referral.pk),
        details={"case": case.reference, "items": read},
    )
    return view


def _partner_gets_original(user: Any, referral: Referral, evidence: Evidence) -> bool:
    """Images go to partners as their metadata-free preview unless the original was consented to as well;
    other files have no such rendition and go as they are (docs/network.md)."""
    if evidence.media_type not in files.IMAGE_TYPES or not evidence.preview_storage_name:
        return True
    return policy.partner_may_read(user, referral, item_keys.original_item(evidence.pk))


def partner_evidence_read(*, access: policy.ReferralAccess, evidence_id: int) -> EvidenceFile:
    """One consented exhibit for the partner, decrypted and checked against its hash; audited.

    An image comes as its metadata-free preview (no EXIF GPS position, camera or owner) unless the office
    holder consented to its original too (``original:<id>``)."""
    referral = policy.require_referral(access, policy.Party.PARTNER)
    user = access.actor
    if not policy.partner_may_read(user, referral, item_keys.evidence_item(evidence_id)):
        raise NotFound(_("Dit bestand bestaat niet."))
    case = referral.case
    evidence = Evidence.objects.filter(case=case, pk=evidence_id).first()
    if evidence is None:
        raise NotFound(_("Dit bestand bestaat niet."))
    original = _partner_gets_original(user, referral, evidence)
    rendition = "original" if original else "preview"
    try:
        content = vault.load(case, evidence.storage_name if original else evidence.preview_storage_name)
    except (crypto.DecryptionError, OSError) as exc:
        raise IntegrityError(f"evidence {evidence.number} of a case cannot be read") from exc
    if original and hashlib.sha256(content).hexdigest() != evidence.sha256:
        raise IntegrityError(f"evidence {evidence.number} of a case does not match its hash")
    meta = evidence.open("sealed_details", under=case)
    audit_record(
        actor=user,
        action="referral.evidence_downloaded",
        object_type="referral",
        object_id=str(referral.pk),
        details={"case": case.reference, "evidence": evidence.number, "rendition": rendition},
    )
    media_type = evidence.media_type if original else "image/jpeg"
    return EvidenceFile(content, media_type, download_name(evidence, meta.get("fileName", ""), rendition))


def contact_default(access: policy.CaseAccess, method: str) -> str:
    """The office holder's phone or e-mail from the help request, to prefill the consent form."""
    request = policy.require_content(access).open("sealed_request")
    return str(request.get("phone" if method == ContactMethod.PHONE else "email", "") or "")


REQUEST_TEXT_PART = ("request_text", None)


def request_text_of(access: policy.CaseAccess) -> str:
    """The free text of the case's help request (for its office holder, or a partner it was shared with:
    their grant names this part)."""
    return str(policy.require_content(access, REQUEST_TEXT_PART).open("sealed_request").get("description", ""))


def contact_method_default(access: policy.CaseAccess) -> str:
    """The way of contact to start the consent form with: the case's preferred contact (phone or e-mail);
    for "only via Weerbaar", e-mail when the help request has an address, else phone."""
    case = policy.require_case_access(access)
    if case.preferred_contact in (ContactMethod.PHONE, ContactMethod.EMAIL):
        return str(case.preferred_contact)
    return ContactMethod.EMAIL if contact_default(access, ContactMethod.EMAIL) else ContactMethod.PHONE


@dataclass(frozen=True)
class Waiting:
    """A referral that waits for the office holder's choice: its id and kind only (no content)."""

    id: int
    kind: str

    @property
    def kind_with_article(self) -> str:
        return str(KIND_WITH_ARTICLE.get(self.kind, self.kind))


def awaiting_consent(case: Case) -> list[Waiting]:
    """The referrals of a case that wait for the office holder's consent, oldest first (for Mijn zaak)."""
    rows = case.referrals.filter(status=ReferralStatus.PROPOSED).order_by("proposed_at", "id")
    return [Waiting(pk, kind) for pk, kind in rows.values_list("pk", "kind")]


# --- metadata for coordinators: every referral, each partner's load ---------------------------------


@dataclass(frozen=True)
class ReferralRow:
    """One referral as metadata only: where it went, where it stands and when — nothing the office holder or
    the partner wrote, no consented item. For the coordinators' overview and a case's referrals page read at
    metadata level."""

    id: int
    reference: str
    partner_id: int
    partner_name: str
    partner_kind: str
    status: str
    proposed_at: datetime
    consented_at: datetime | None
    sent_at: datetime | None
    respond_by: datetime | None

    @property
    def overdue(self) -> bool:
        return is_overdue(self)

    @property
    def waits_for_sending(self) -> bool:
        """Consent is given; the advisor still has to send it."""
        return self.status == ReferralStatus.CONSENTED


_ROW_FIELDS = ("id", "case__reference", "partner_id", "partner__name", "kind", "status", "proposed_at")
_ROW_DATES = ("consented_at", "sent_at", "respond_by")


def _rows(queryset: QuerySet[Referral]) -> list[ReferralRow]:
    return [
        ReferralRow(
            id=v["id"],
            reference=v["case__reference"],
            partner_id=v["partner_id"],
            partner_name=v["partner__name"],
            partner_kind=v["kind"],
            status=v["status"],
            proposed_at=v["proposed_at"],
            consented_at=v["consented_at"],
            sent_at=v["sent_at"],
            respond_by=v["respond_by"],
        )
        for v in queryset.values(*_ROW_FIELDS, *_ROW_DATES)
    ]


def case_referral_rows(*, access: policy.CaseAccess) -> list[ReferralRow]:
    """The referrals of one case as metadata (a coordinator without content access to the case)."""
    case = policy.require_case_access(access)
    return _rows(Referral.objects.filter(case=case).order_by("-proposed_at", "-id"))


def overview_partner_choices() -> list[tuple[str, str]]:
    """Every partner that has had a referral or is active, by name, for the overview's filter."""
    partners = Partner.objects.filter(Q(active=True) | Q(pk__in=Referral.objects.values("partner_id"))).order_by("name")
    return [(str(pk), name) for pk, name in partners.values_list("pk", "name")]


#: How many referrals the overview shows at most (newest first); filters narrow it down.
OVERVIEW_LIMIT = 500


def referral_overview(*, user: Any, status: str = "", partner_id: int | None = None) -> tuple[list[ReferralRow], int]:
    """Every referral the user may oversee (coordinators: all), newest first, maybe filtered by status and
    partner; at most ``OVERVIEW_LIMIT`` rows and the total count. Metadata only: nothing is decrypted."""
    if not policy.can_oversee_referrals(user):
        return [], 0
    queryset = policy.referrals_visible_to(user)
    if status:
        queryset = queryset.filter(status=status)
    if partner_id is not None:
        queryset = queryset.filter(partner_id=partner_id)
    total = queryset.count()
    rows = _rows(queryset.order_by("-proposed_at", "-id")[:OVERVIEW_LIMIT])
    return rows, total


@dataclass(frozen=True)
class PartnerLoad:
    """How busy one partner is: referrals waiting on the case side (proposed, consented) and with the partner
    (sent, accepted: the load that counts against its capacity), of which overdue."""

    partner_id: int
    name: str
    capacity: int
    active: bool
    available: bool
    waiting: int
    open: int
    overdue: int

    @property
    def full(self) -> bool:
        return self.capacity > 0 and self.open >= self.capacity


def open_load(partner_ids: list[int] | None = None) -> dict[int, int]:
    """Each partner's open referrals (sent or accepted: with the partner now), by partner id; partners without
    any are absent. One query."""
    queryset = Referral.objects.filter(status__in=[s.value for s in LOAD])
    if partner_ids is not None:
        queryset = queryset.filter(partner_id__in=partner_ids)
    counts = queryset.values("partner_id").annotate(n=Count("id")).values_list("partner_id", "n")
    return dict(counts)


def partner_loads(*, user: Any) -> list[PartnerLoad]:
    """Every partner with referrals or active, most loaded first (relative to capacity): one query."""
    from django.utils import timezone

    if not policy.can_oversee_referrals(user):
        return []
    waiting = [ReferralStatus.PROPOSED.value, ReferralStatus.CONSENTED.value]
    load = [s.value for s in LOAD]
    partners = (
        # A subquery, not a join: a filter through ``referrals`` would narrow the counts below to open ones.
        Partner.objects.filter(
            Q(active=True) | Q(pk__in=Referral.objects.filter(status__in=[s.value for s in OPEN]).values("partner_id"))
        ).annotate(
            waiting_count=Count("referrals", filter=Q(referrals__status__in=waiting), distinct=True),
            open_count=Count("referrals", filter=Q(referrals__status__in=load), distinct=True),
            overdue_count=Count(
                "referrals",
                filter=Q(referrals__status=ReferralStatus.SENT, referrals__respond_by__lt=timezone.now()),
                distinct=True,
            ),
        )
    )
    loads = [
        PartnerLoad(
            partner_id=p.pk,
            name=p.name,
            capacity=p.capacity,
            active=p.active,
            available=p.available,
            waiting=int(getattr(p, "waiting_count", 0)),
            open=int(getattr(p, "open_count", 0)),
            overdue=int(getattr(p, "overdue_count", 0)),
        )
        for p in partners
    ]
    return sorted(loads, key=lambda pl: (-(pl.open / pl.capacity if pl.capacity else pl.open), pl.name))
