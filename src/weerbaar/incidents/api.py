"""API v1 of the incident log, the evidence vault, police reports, damage and the police-ready dossier.

Every endpoint exists twice, with the same behaviour: for staff under ``/cases/{reference}/…``
(``Authorization: Token``; analysts and administrators 403, ``web.api.StaffCaseView``) and for the office holder
under ``/help-requests/{reference}/…`` (the follow-up ``Bearer`` token, ``web.api.OfficeHolderView``). Both ask
``policy.access_case_for``: a case the actor may not work on is a 404, the same answer as a missing case.

Views are thin: ``incidents.validation`` checks input (one rule set for API and web), ``incidents.services``
writes, ``incidents.selectors`` reads (and audits). The serializers here describe the shapes for the OpenAPI
document and render answers; they never validate.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any, ClassVar

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.core.api import PROBLEM_CONTENT_TYPE, problem_response
from weerbaar.core.errors import NotFound
from weerbaar.core.openapi import ProblemDetailsSerializer, problem_responses
from weerbaar.guidance import rules
from weerbaar.guidance.api import AssessmentSerializer
from weerbaar.incidents import files, selectors, services, validation
from weerbaar.incidents.changes import CHANGE_KINDS
from weerbaar.incidents.choices import (
    AddressProtection,
    AffectedPerson,
    Article12Status,
    DamageKind,
    IdentifierKind,
    IncidentChannel,
    ProsecutionDecision,
    Recorder,
    ReportKind,
    TriState,
)
from weerbaar.incidents.models import Evidence
from weerbaar.incidents.uploads import EvidenceMultiPartParser
from weerbaar.incidents.validation import validate_damage_item, validate_incident, validate_police_report
from weerbaar.web.api import (
    CASE_ERRORS,
    CASE_REFERENCE,
    HELP_REQUEST_REFERENCE,
    OFFICE_HOLDER_ERRORS,
    OfficeHolderView,
    StaffCaseView,
    created,
)
from weerbaar.web.http import content_language, no_store

RECORDERS: dict[str, str] = {Recorder.OFFICE_HOLDER: "officeHolder", Recorder.ADVISOR: "advisor"}
DOSSIER_TYPES = {"application/pdf": "pdf", "application/zip": "zip"}
MAX_NUMBER = 2**31 - 1  # incident and exhibit numbers are small; anything larger simply does not exist

# --- the two sides: staff and office holder ----------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """Who the endpoint is for: names, tags, error codes and URL names differ; the behaviour does not."""

    operation: str  # inserted into operation ids: "Case" or "HelpRequest"
    tag: str
    errors: tuple[int, ...]
    url_prefix: str
    reference: OpenApiParameter


STAFF = Side("Case", "incidents (staff)", CASE_ERRORS, "api-case", CASE_REFERENCE)
OFFICE_HOLDER = Side(
    "HelpRequest", "incidents (office holder)", OFFICE_HOLDER_ERRORS, "api-help-request", HELP_REQUEST_REFERENCE
)


class StaffSide(StaffCaseView):
    side: ClassVar[Side] = STAFF


class OfficeHolderSide(OfficeHolderView):
    side: ClassVar[Side] = OFFICE_HOLDER


class ClientAcceptIgnored(BaseContentNegotiation):
    """For endpoints answering files: the view decides on ``Accept`` itself; errors are always problem+json."""

    def select_parser(self, request: Request, parsers: list) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: list, format_suffix: str | None = None) -> tuple:
        return renderers[0], renderers[0].media_type


def _number(value: int) -> int:
    if value > MAX_NUMBER:
        raise NotFound(_("Dit incident bestaat niet."))
    return value


# --- shapes ---------------------------------------------------------------------------------------------------


class PerpetratorIdentifierSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IdentifierKind.choices)
    value = serializers.CharField(max_length=validation.MAX_IDENTIFIER)


class IncidentInputSerializer(serializers.Serializer):
    """The body of ``POST …/incidents`` (checked by ``incidents.validation``, not by this class)."""

    occurredOn = serializers.DateField(help_text="When it happened; not in the future.")
    occurredAt = serializers.CharField(required=False, allow_blank=True, help_text="Time of day, `HH:MM`.")
    learnedOn = serializers.DateField(help_text="When the office holder learned of it; not before `occurredOn`.")
    channel = serializers.ChoiceField(choices=IncidentChannel.choices)
    platform = serializers.CharField(
        required=False, allow_blank=True, max_length=validation.MAX_PLATFORM, help_text="For `online`."
    )
    acts = serializers.ListField(child=serializers.ChoiceField(choices=list(rules.ACTS)), min_length=1)
    relatedToOffice = serializers.BooleanField()
    description = serializers.CharField(required=False, allow_blank=True, max_length=validation.MAX_DESCRIPTION)
    affected = serializers.ListField(
        child=serializers.ChoiceField(choices=AffectedPerson.choices), required=False, help_text="Default `self`."
    )
    perpetratorKnown = serializers.BooleanField(required=False, default=False)
    perpetratorIdentifiers = PerpetratorIdentifierSerializer(many=True, required=False, help_text="At most 20.")
    witnesses = serializers.CharField(required=False, allow_blank=True, max_length=validation.MAX_WITNESSES)
    victim = serializers.ChoiceField(
        choices=list(rules.VICTIMS),
        required=False,
        help_text="Who was hit (default `office_holder`): art. 267, 304 and 179 Sr protect only the office holder; "
        "anyone else makes a klacht personally.",
    )
    lastLearnedOn = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Stalking of several acts: knowledge of the last act (the klacht term of the series runs from it); "
        "not before `learnedOn`. Kept only with `stalking` in `acts`.",
    )
    threatened = serializers.ChoiceField(
        choices=list(rules.THREATENED),
        required=False,
        help_text="What was threatened: a crime art. 285 Sr lists, exposure (defamation, revealing a secret) or "
        "something else; left out (or null): not said. Kept only with a threat, coercion or extortion in `acts`.",
    )
    demand = serializers.BooleanField(
        required=False,
        help_text="The threat came with a demand. Kept only with a threat, coercion or extortion in `acts`.",
    )
    perpetrators = serializers.ChoiceField(
        choices=list(rules.PERPETRATORS),
        required=False,
        help_text="One perpetrator or a group in public (art. 141 Sr); left out (or null): not said. Kept only "
        "with `assault`, `property_damage` or `arson` in `acts`.",
    )
    seriousInjury = serializers.BooleanField(
        required=False, help_text="Serious bodily injury (art. 302 Sr). Kept only with `assault` in `acts`."
    )


class IncidentDeadlineSerializer(serializers.Serializer):
    # Renders a guidance.analysis.Finding of the case's analysis today (incidents.selectors.case_analysis).

    article = serializers.CharField(help_text='Article of the Wetboek van Strafrecht, for example "285b".')
    title = serializers.SerializerMethodField()
    complaintRequired = serializers.BooleanField(source="complaint_required")
    complaintDeadline = serializers.DateField(
        source="complaint_deadline", allow_null=True, help_text="The last day for the required klacht (art. 66 Sr)."
    )
    precautionaryComplaintDeadline = serializers.DateField(
        source="precautionary_deadline",
        allow_null=True,
        help_text="The last day to make a klacht to be safe where none is strictly required, or null.",
    )
    deadlineStatus = serializers.ChoiceField(
        source="status",
        choices=list(rules.DEADLINE_STATUSES),
        help_text="Of the date that applies: `open`, `today` (the last day), `expired`, or `none` (no date).",
    )
    series = serializers.BooleanField(
        help_text="Stalking in a series of incidents: the date runs from knowledge of the series' last act."
    )

    def get_title(self, finding: Any) -> str:
        return str(finding.offence.title("en" if content_language() == "en" else "nl"))


class RecorderField(serializers.ChoiceField):
    """Who recorded it, in the API's words (``advisor`` or ``officeHolder``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=list(RECORDERS.values()), source="recorded_by", **kwargs)

    def to_representation(self, value: str) -> str:
        return RECORDERS.get(value, value)


class HourMinuteField(serializers.CharField):
    """A time of day as ``HH:MM`` (or null)."""

    def to_representation(self, value: Any) -> str:
        return value.strftime("%H:%M")


class EvidenceSerializer(serializers.Serializer):
    # Renders incidents.selectors.EvidenceView (the selector's data, field by field; no row dicts).

    id = serializers.IntegerField(source="number", help_text="The exhibit number within the case (1, 2, 3 …).")
    incidentId = serializers.IntegerField(
        source="incident_number", allow_null=True, help_text="The incident it belongs to, if any."
    )
    damageItemId = serializers.IntegerField(
        source="damage_item_id", allow_null=True, help_text="The damage item it is a receipt of, if any."
    )
    fileName = serializers.CharField(source="file_name", help_text="The name as uploaded.")
    mediaType = serializers.CharField(source="media_type", help_text="Detected from the content, not from the name.")
    size = serializers.IntegerField(help_text="Bytes of the original.")
    sha256 = serializers.CharField(help_text="SHA-256 of the original, hexadecimal.")
    capturedAt = serializers.DateTimeField(
        source="captured_at", allow_null=True, help_text="When it was captured, as claimed on upload."
    )
    sourceUrl = serializers.CharField(
        source="source_url", allow_blank=True, help_text="Where it was found, as given on upload."
    )
    uploadedAt = serializers.DateTimeField(source="uploaded_at")
    recordedBy = RecorderField()
    width = serializers.IntegerField(allow_null=True, help_text="Images: pixels.")
    height = serializers.IntegerField(allow_null=True, help_text="Images: pixels.")
    lastVerifiedAt = serializers.DateTimeField(
        source="last_verified_at", allow_null=True, help_text="Last hash re-check of the original."
    )


class EvidenceUploadSerializer(serializers.Serializer):
    """The multipart body of ``POST …/incidents/{id}/evidence``."""

    file = serializers.FileField(
        help_text="The file: images, PDF, e-mail, text, audio or video (type checked from the content); "
        "at most 25 MB (`WEERBAAR_EVIDENCE_MAX_FILE_MB`), 500 MB and 500 files per case, images at most 40 "
        "megapixels."
    )
    sourceUrl = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=validation.MAX_URL,
        help_text="Where it was found (`http(s)://…`); empty or left out: not given.",
    )
    capturedAt = serializers.DateTimeField(required=False, help_text="When it was captured (not in the future).")


class PoliceReportInputSerializer(serializers.Serializer):
    """The body of ``PUT …/incidents/{id}/police-report`` (checked by ``incidents.validation``)."""

    kind = serializers.ChoiceField(choices=ReportKind.choices, help_text="Complaint (aangifte), registration or none.")
    reportedOn = serializers.DateField(required=False, allow_null=True, help_text="Required for a complaint.")
    policeUnit = serializers.CharField(required=False, allow_blank=True, max_length=validation.MAX_SHORT)
    policeReference = serializers.CharField(required=False, allow_blank=True, max_length=validation.MAX_SHORT)
    vptCode = serializers.ChoiceField(choices=TriState.choices, required=False, help_text="Default `unknown`.")
    addressProtection = serializers.ChoiceField(choices=AddressProtection.choices, required=False)
    prosecutionDecision = serializers.ChoiceField(choices=ProsecutionDecision.choices, required=False)
    decisionOn = serializers.DateField(required=False, allow_null=True)
    article12 = serializers.ChoiceField(
        choices=Article12Status.choices, required=False, help_text="Art. 12 Sv complaint."
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=validation.MAX_NOTES)


class PoliceReportSerializer(serializers.Serializer):
    # Renders incidents.selectors.PoliceReportView (the selector's data, field by field; no row dicts).

    kind = serializers.ChoiceField(choices=ReportKind.choices)
    reportedOn = serializers.DateField(source="reported_on", allow_null=True)
    policeUnit = serializers.CharField(source="police_unit", allow_blank=True)
    policeReference = serializers.CharField(source="police_reference", allow_blank=True)
    vptCode = serializers.ChoiceField(source="vpt_code", choices=TriState.choices)
    addressProtection = serializers.ChoiceField(source="address_protection", choices=AddressProtection.choices)
    prosecutionDecision = serializers.ChoiceField(source="prosecution_decision", choices=ProsecutionDecision.choices)
    decisionOn = serializers.DateField(source="decision_on", allow_null=True)
    article12 = serializers.ChoiceField(choices=Article12Status.choices)
    notes = serializers.CharField(allow_blank=True)
    updatedAt = serializers.DateTimeField(source="updated_at")


class IncidentSerializer(serializers.Serializer):
    # Renders incidents.selectors.IncidentView (the selector's data, field by field; no row dicts).

    id = serializers.IntegerField(source="number", help_text="The incident's number within the case (1, 2, 3 …).")
    occurredOn = serializers.DateField(source="occurred_on")
    occurredAt = HourMinuteField(source="occurred_at", allow_null=True, help_text="`HH:MM` or null.")
    learnedOn = serializers.DateField(source="learned_on")
    channel = serializers.ChoiceField(choices=IncidentChannel.choices)
    platform = serializers.CharField(allow_blank=True)
    acts = serializers.ListField(child=serializers.ChoiceField(choices=list(rules.ACTS)))
    relatedToOffice = serializers.BooleanField(source="related_to_office")
    description = serializers.CharField(allow_blank=True)
    affected = serializers.ListField(child=serializers.ChoiceField(choices=AffectedPerson.choices))
    perpetratorKnown = serializers.BooleanField(source="perpetrator_known")
    perpetratorIdentifiers = PerpetratorIdentifierSerializer(source="perpetrator_identifiers", many=True)
    witnesses = serializers.CharField(allow_blank=True)
    victim = serializers.ChoiceField(choices=list(rules.VICTIMS))
    lastLearnedOn = serializers.DateField(source="last_learned_on", allow_null=True)
    threatened = serializers.ChoiceField(choices=list(rules.THREATENED), allow_null=True)
    demand = serializers.BooleanField()
    perpetrators = serializers.ChoiceField(choices=list(rules.PERPETRATORS), allow_null=True)
    seriousInjury = serializers.BooleanField(source="serious_injury")
    inSeries = serializers.BooleanField(
        source="in_series",
        help_text="Part of the case's stalking series (the advisor can split it off: `PUT …/incidents/{id}/series`).",
    )
    recordedBy = RecorderField()
    createdAt = serializers.DateTimeField(source="created_at")
    complaintDeadline = serializers.DateField(
        source="complaint_deadline",
        allow_null=True,
        help_text="The earliest date by which a klacht is required for one of its offences (art. 66 Sr; a stalking "
        "series from its last act), or null.",
    )
    precautionaryComplaintDeadline = serializers.DateField(
        source="precautionary_deadline",
        allow_null=True,
        help_text="The earliest date to make a klacht to be safe where none is strictly required, or null.",
    )
    deadlines = IncidentDeadlineSerializer(
        many=True,
        help_text="Its offences with their klacht dates and status today, from one computation over all incidents "
        "of the case under the current rules: what the case page, Mijn zaak, the dossier and the to-dos show.",
    )
    rulesVersion = serializers.CharField(
        source="rules_version", help_text="The version of the guidance rules the step plan was made with."
    )
    assessment = AssessmentSerializer(
        help_text="The stored step plan, in the shape of `POST /assessments`: made under the current rules, it is "
        "computed again for today; made under older rules, it is shown as stored (Dutch) until re-assessed."
    )
    policeReport = PoliceReportSerializer(source="police_report", allow_null=True)
    evidence = EvidenceSerializer(many=True)


class ChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(CHANGE_KINDS))
    article = serializers.CharField(required=False, help_text="For the offence, klacht and deadline changes.")
    step = serializers.CharField(required=False, help_text="For the step changes: the step's code.")
    title = serializers.CharField(required=False, help_text="For the step changes: its title as stored (Dutch).")
    # "from" is a Python keyword: the fields are named in ``get_fields``.

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in ("from", "to"):
            fields[name] = serializers.CharField(
                required=False,
                allow_null=True,
                help_text="klacht changes: `required`, `precautionary` or `none`; deadline changes: an ISO date "
                "or null.",
            )
        return fields

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """Only the members a change of its kind has (``incidents.changes``)."""
        data = super().to_representation(instance)
        return {name: value for name, value in data.items() if name in instance}


class ReassessmentSerializer(serializers.Serializer):
    incident = IncidentSerializer(help_text="The incident with its new stored step plan and its deadlines.")
    fromRulesVersion = serializers.CharField(help_text="The rules the step plan had been made with.")
    rulesVersion = serializers.CharField(help_text="The current rules, it is made with now.")
    changes = ChangeSerializer(
        many=True,
        help_text="Offences added and removed, klacht needs and dates changed, steps added and removed; empty when "
        "nothing changed.",
    )


class SeriesInputSerializer(serializers.Serializer):
    """The body of ``PUT …/incidents/{id}/series`` (checked by ``incidents.validation``)."""

    inSeries = serializers.BooleanField(
        help_text="`false`: split the incident off the case's stalking series (its own klacht date); `true`: add it "
        "back."
    )


class DamageItemInputSerializer(serializers.Serializer):
    """The body of ``POST …/damage-items`` (checked by ``incidents.validation``)."""

    kind = serializers.ChoiceField(choices=DamageKind.choices)
    amount = serializers.CharField(
        required=False, allow_blank=True, help_text='Euros as text, for example `"149.95"` (or `"149,95"`).'
    )
    incurredOn = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(max_length=validation.MAX_NOTES)
    incidentId = serializers.IntegerField(required=False, allow_null=True, help_text="An incident of this case.")


class EuroAmountField(serializers.CharField):
    """An amount in cents, shown as euros with two decimals (``"149.95"``), or null."""

    def to_representation(self, value: int) -> str:
        return f"{value // 100}.{value % 100:02d}"


class DamageItemSerializer(serializers.Serializer):
    # Renders incidents.selectors.DamageView (the selector's data, field by field; no row dicts).

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DamageKind.choices)
    amount = EuroAmountField(
        source="amount_cents", allow_null=True, help_text='Euros with two decimals, for example `"149.95"`.'
    )
    incurredOn = serializers.DateField(source="incurred_on", allow_null=True)
    description = serializers.CharField()
    incidentId = serializers.IntegerField(source="incident_number", allow_null=True)
    receipts = EvidenceSerializer(many=True)


class DamageRouteSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="`injured_party`, `damage_fund`, `employer_security`, …")
    title = serializers.CharField()
    text = serializers.CharField()
    source = serializers.URLField()
    deadline = serializers.DateField(allow_null=True, help_text="The last day to apply, where there is one.")


# --- answers ---------------------------------------------------------------------------------------------------


def _stored_evidence(access: policy.CaseAccess, evidence: Evidence) -> selectors.EvidenceView:
    """The answer to an upload: what was stored (the sealed name and source opened again, no extra read audit)."""
    policy.require_content(access)
    meta = evidence.open("sealed_details")
    return selectors.EvidenceView(
        number=evidence.number,
        incident_number=evidence.incident.number if evidence.incident else None,
        damage_item_id=evidence.damage_item_id,
        file_name=meta.get("fileName", ""),
        source_url=meta.get("sourceUrl", ""),
        media_type=evidence.media_type,
        size=evidence.size,
        sha256=evidence.sha256,
        captured_at=evidence.captured_at,
        uploaded_at=evidence.uploaded_at,
        recorded_by=evidence.recorded_by,
        is_image=evidence.is_image,
        width=evidence.width,
        height=evidence.height,
        last_verified_at=evidence.last_verified_at,
    )


def _incident_view(actor: Any, reference: str, number: int) -> selectors.IncidentView:
    access = policy.access_case_for(actor, reference)
    view = selectors.incident_read(access=access, number=_number(number), language=content_language())
    if view is None:
        raise NotFound(_("Dit incident bestaat niet."))
    return view


def _file_response(content: bytes, media_type: str, file_name: str) -> HttpResponse:
    """An attachment that is never sniffed or cached, with its SHA-256 as ``Repr-Digest`` (RFC 9530)."""
    digest = base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    no_store(response, bare=True)
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    return response


def _integrity_problem() -> Response:
    """A stored original failed its hash or cannot be decrypted: a server-side fault (500), never any content.

    Not 409: nothing the client sends can resolve it; the file has to be restored from a backup. An unreadable
    file is audited by the service (``evidence.integrity_failed``); ``weerbaar evidence verify`` lists them all.
    """
    return problem_response(
        500,
        _(
            "Een bewijsbestand komt niet meer overeen met de vastgelegde vingerafdruk (SHA-256) en wordt daarom "
            "niet gegeven. Neem contact op met de beheerder."
        ),
    )


# --- OpenAPI helpers ---------------------------------------------------------------------------------------------

ID_PARAMETER_INCIDENT = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The incident's number within the case (1, 2, 3 …)."
)
ID_PARAMETER_EVIDENCE = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The exhibit number within the case (1, 2, 3 …)."
)
LOCATION_HEADER = OpenApiParameter(
    "Location", str, OpenApiParameter.HEADER, response=[201], description="The address of the new resource."
)
FILE_HEADERS = [
    OpenApiParameter(
        "Repr-Digest",
        str,
        OpenApiParameter.HEADER,
        response=[200],
        description="RFC 9530: `sha-256=:<base64 of the SHA-256>:` of the bytes sent.",
    ),
    OpenApiParameter(
        "Content-Disposition", str, OpenApiParameter.HEADER, response=[200], description="Always an attachment."
    ),
]
EXTRA_PROBLEMS = {
    406: "Not acceptable: ask for `application/pdf` or `application/zip` in `Accept`.",
    409: "The case is closed: reopen it (staff) or ask for help again (office holder) to add to it.",
    415: "Unsupported media type: send `multipart/form-data` with the file in `file`.",
    429: "The office holder added the most files or bytes allowed in 24 hours (`WEERBAAR_EVIDENCE_HOLDER_DAILY_*`), "
    "or every image decoder is busy; `Retry-After` says when to try again.",
    500: "A stored file no longer matches its recorded SHA-256 (or cannot be decrypted); nothing is sent. "
    "The failure is audited; the advisor or administrator has to restore it from a backup.",
}


def _problems(*codes: int) -> dict[Any, OpenApiResponse]:
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemDetailsSerializer, description=EXTRA_PROBLEMS[code])
        for code in codes
    }


def documented(**operations: dict[str, Any]) -> Any:
    """Attach one ``extend_schema`` per method, named and tagged for the view's side (staff or office holder)."""

    def decorate(view: type[APIView]) -> type[APIView]:
        side: Side = view.side
        schemas = {}
        for method, spec in operations.items():
            spec = dict(spec)
            extra_json = spec.pop("json_errors", (415,) if method in {"post", "put"} else ())
            extra = spec.pop("problems", ())
            responses = {**spec.pop("responses"), **problem_responses(*side.errors, *extra_json), **_problems(*extra)}
            schemas[method] = extend_schema(
                operation_id=spec.pop("operation_id").format(side=side.operation),
                tags=[side.tag],
                parameters=[side.reference, *spec.pop("parameters", [])],
                responses=responses,
                **spec,
            )
        return extend_schema_view(**schemas)(view)

    return decorate


# --- endpoints (behaviour shared by both sides) ------------------------------------------------------------------


class IncidentsEndpoint(APIView):
    def get(self, request: Request, reference: str) -> Response:
        access = policy.access_case_for(request.user, reference)
        views = selectors.incidents_read(access=access, language=content_language())
        return Response(IncidentSerializer(views, many=True).data)

    def post(self, request: Request, reference: str) -> Response:
        policy.access_case_for(request.user, reference)
        incident = services.incident_record(
            actor=request.user, reference=reference, data=validate_incident(request.data)
        )
        view = _incident_view(request.user, reference, incident.number)
        data = IncidentSerializer(view).data
        return created(request, data, f"{self.side.url_prefix}-incident", reference=reference, id=incident.number)


class IncidentEndpoint(APIView):
    def get(self, request: Request, reference: str, id: int) -> Response:
        view = _incident_view(request.user, reference, id)
        return Response(IncidentSerializer(view).data)

    def put(self, request: Request, reference: str, id: int) -> Response:
        policy.access_case_for(request.user, reference)
        data = validate_incident(request.data)
        services.incident_update(actor=request.user, reference=reference, number=_number(id), data=data)
        return Response(IncidentSerializer(_incident_view(request.user, reference, id)).data)


class IncidentReassessmentEndpoint(APIView):
    def post(self, request: Request, reference: str, id: int) -> Response:
        result = services.incident_reassess(actor=request.user, reference=reference, number=_number(id))
        view = _incident_view(request.user, reference, id)
        body = {
            "incident": view,
            "fromRulesVersion": result.from_version,
            "rulesVersion": result.to_version,
            "changes": result.changes,
        }
        return Response(ReassessmentSerializer(body).data)


class IncidentSeriesEndpoint(APIView):
    def put(self, request: Request, reference: str, id: int) -> Response:
        policy.access_case_for(request.user, reference)
        in_series = validation.validate_series(request.data)
        services.incident_series_set(actor=request.user, reference=reference, number=_number(id), in_series=in_series)
        return Response(IncidentSerializer(_incident_view(request.user, reference, id)).data)


class IncidentEvidenceEndpoint(APIView):
    parser_classes = [EvidenceMultiPartParser]

    def post(self, request: Request, reference: str, id: int) -> Response:
        access = policy.access_case_for(request.user, reference)  # 404 before the body is even parsed
        uploaded = request.FILES.get("file")
        evidence = services.evidence_add(
            actor=request.user,
            reference=reference,
            upload=services.upload_from_file(uploaded) if uploaded is not None else None,
            incident_number=_number(id),
            source_url=request.data.get("sourceUrl"),
            captured_at=request.data.get("capturedAt"),
        )
        data = EvidenceSerializer(_stored_evidence(access, evidence)).data
        name = f"{self.side.url_prefix}-evidence-content"
        return created(request, data, name, reference=reference, id=evidence.number)


class EvidenceListEndpoint(APIView):
    def get(self, request: Request, reference: str) -> Response:
        views = selectors.evidence_list(access=policy.access_case_for(request.user, reference))
        return Response(EvidenceSerializer(views, many=True).data)


class EvidenceContentEndpoint(APIView):
    content_negotiation_class = ClientAcceptIgnored

    def get(self, request: Request, reference: str, id: int) -> HttpResponse:
        if id > MAX_NUMBER:
            raise NotFound(_("Dit bestand bestaat niet."))
        try:
            found = services.evidence_read(access=policy.access_case_for(request.user, reference), number=id)
        except services.IntegrityError:
            return _integrity_problem()
        return _file_response(found.content, found.media_type, found.download_name)


class PoliceReportEndpoint(APIView):
    def put(self, request: Request, reference: str, id: int) -> Response:
        policy.access_case_for(request.user, reference)
        data = validate_police_report(request.data)
        services.police_report_save(actor=request.user, reference=reference, number=_number(id), data=data)
        view = _incident_view(request.user, reference, id)
        return Response(PoliceReportSerializer(view.police_report).data)


class DamageItemsEndpoint(APIView):
    def get(self, request: Request, reference: str) -> Response:
        views = selectors.damage_read(access=policy.access_case_for(request.user, reference))
        return Response(DamageItemSerializer(views, many=True).data)

    def post(self, request: Request, reference: str) -> Response:
        policy.access_case_for(request.user, reference)
        data = validate_damage_item(request.data)
        item = services.damage_item_add(actor=request.user, reference=reference, data=data)
        view = selectors.DamageView(
            id=item.pk,
            kind=item.kind,
            amount_cents=item.amount_cents,
            incurred_on=item.incurred_on,
            description=data.description,
            incident_number=item.incident.number if item.incident else None,
        )
        return Response(DamageItemSerializer(view).data, status=status.HTTP_201_CREATED)


class DamageRoutesEndpoint(APIView):
    def get(self, request: Request, reference: str) -> Response:
        case = policy.access_case_for(request.user, reference).case
        routes = selectors.case_damage_routes(case, content_language())
        rows = [
            {"code": r.code, "title": r.title, "text": r.text, "source": r.source, "deadline": r.deadline}
            for r in routes
        ]
        return Response(DamageRouteSerializer(rows, many=True).data)


def _accepted_dossier_type(accept: str) -> str | None:
    """``application/pdf`` or ``application/zip`` from an ``Accept`` header (highest q wins, then the first)."""
    best: tuple[float, int, str] | None = None
    for index, item in enumerate(accept.split(",")):
        media_type, *params = (part.strip() for part in item.split(";"))
        if media_type.lower() not in DOSSIER_TYPES:
            continue
        quality = 1.0
        for param in params:
            key, _sep, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if best is None or quality > best[0]:
            best = (quality, index, media_type.lower())
    return best[2] if best else None


class DossierEndpoint(APIView):
    content_negotiation_class = ClientAcceptIgnored

    def get(self, request: Request, reference: str) -> HttpResponse:
        access = policy.access_case_for(request.user, reference)
        case = access.case
        media_type = _accepted_dossier_type(request.headers.get("Accept", ""))
        if media_type is None:
            response = problem_response(
                406, _("Vraag het dossier op als application/pdf of application/zip (in de Accept-header).")
            )
            response["Vary"] = "Accept"
            return response
        from weerbaar.guidance import dossier  # written alongside; imported late to keep start-up light

        make = dossier.dossier_pdf if media_type == "application/pdf" else dossier.dossier_zip
        try:
            # Never a home address through the API: it would have to travel in the URL. The office holder can
            # add one on the dossier page of Mijn zaak (guidance.dossier.checked_home_address).
            content = make(access=access, language=content_language())
        except services.IntegrityError:
            return _integrity_problem()
        extension = DOSSIER_TYPES[media_type]
        response = _file_response(bytes(content), media_type, f"dossier-{case.reference}.{extension}")
        response["Vary"] = "Accept, Accept-Language"
        return response


# --- the documented views, per side ----------------------------------------------------------------------------

INCIDENT_EXAMPLE = OpenApiExample(
    "Threat online",
    request_only=True,
    value={
        "occurredOn": "2026-11-18",
        "occurredAt": "22:40",
        "learnedOn": "2026-11-19",
        "channel": "online",
        "platform": "X",
        "acts": ["threat_of_violence"],
        "relatedToOffice": True,
        "description": "Een reactie onder mijn bericht: 'we weten waar je woont'.",
        "affected": ["self", "partner"],
        "perpetratorKnown": True,
        "perpetratorIdentifiers": [{"kind": "handle", "value": "@voorbeeld"}],
        "witnesses": "Mijn partner zag het bericht ook.",
    },
)

INCIDENTS: dict[str, dict[str, Any]] = {
    "get": {
        "operation_id": "list{side}Incidents",
        "summary": "The incident log of a case: the timeline, in the order things happened",
        "description": "Each incident with its step plan (in the language of `Accept-Language`), police report "
        "and evidence index. Every read is audited.",
        "responses": {200: IncidentSerializer(many=True)},
    },
    "post": {
        "operation_id": "create{side}Incident",
        "summary": "Record an incident; answers it with its stored step plan",
        "description": "The step plan (likely offences, complaint deadline, VPT code, steps) is computed from the "
        "facts and stored with the incident. `id` is the incident's number within the case. A closed case is 409.",
        "request": IncidentInputSerializer,
        "parameters": [LOCATION_HEADER],
        "responses": {201: OpenApiResponse(IncidentSerializer, description="Recorded.")},
        "problems": (409,),
        "examples": [INCIDENT_EXAMPLE],
    },
}
INCIDENT: dict[str, dict[str, Any]] = {
    "get": {
        "operation_id": "get{side}Incident",
        "summary": "One incident with its step plan, police report and evidence",
        "parameters": [ID_PARAMETER_INCIDENT],
        "responses": {200: IncidentSerializer},
    },
    "put": {
        "operation_id": "update{side}Incident",
        "summary": "Correct an incident; its step plan is made again under the current rules",
        "description": "Replaces the facts of the incident (the same body and rules as recording it). The klacht "
        "dates of every incident of the case are computed again (a stalking series is dated from its last act), "
        "and so are the deadline to-dos. A closed case is 409.",
        "request": IncidentInputSerializer,
        "parameters": [ID_PARAMETER_INCIDENT],
        "responses": {200: IncidentSerializer},
        "problems": (409,),
        "examples": [INCIDENT_EXAMPLE],
    },
}
REASSESSMENT: dict[str, dict[str, Any]] = {
    "post": {
        "operation_id": "create{side}IncidentReassessment",
        "summary": "Re-assess an incident under the current rules and see what changed (advisors)",
        "description": "A stored step plan keeps the rules version it was made with. This makes it again under "
        "the current rules, stores it and answers with the changes: offences added and removed, klacht needs and "
        "dates changed, steps added and removed. Audited (`incident.reassessed`, both versions). Only case "
        "workers with access to the case's content. A closed case is 409.",
        "request": None,
        "parameters": [ID_PARAMETER_INCIDENT],
        "responses": {200: ReassessmentSerializer},
        "json_errors": (),
        "problems": (409,),
    }
}
SERIES: dict[str, dict[str, Any]] = {
    "put": {
        "operation_id": "update{side}IncidentSeries",
        "summary": "Split an incident with stalking off the case's series, or add it back (advisors)",
        "description": "Incidents with stalking in one case form one series: the klacht term of art. 285b Sr runs "
        "from knowledge of the series' last act. An incident the advisor judges to be a separate course of conduct "
        "is split off and gets its own date; every date and deadline to-do of the case is computed again. Audited "
        "(`incident.series_split`, `incident.series_joined`). An incident without stalking is 400. A closed case is "
        "409.",
        "request": SeriesInputSerializer,
        "parameters": [ID_PARAMETER_INCIDENT],
        "responses": {200: IncidentSerializer},
        "problems": (409,),
    }
}
INCIDENT_EVIDENCE: dict[str, dict[str, Any]] = {
    "post": {
        "operation_id": "create{side}IncidentEvidence",
        "summary": "Add evidence to an incident (multipart upload)",
        "description": "One file per request. The type is detected from the content; images are decoded "
        "completely in a separate, memory-capped process (a corrupt image, or one over 40 megapixels, is refused) and "
        "get a metadata-free preview. The original is stored unchanged and encrypted, with its SHA-256. A refused "
        "file is a 400 naming `file` (wrong type, too large, a name with a path, a damaged image, a second file, the "
        "case's quota of bytes or files used up); a body larger than one file and the form fields is a 413 before "
        "it is read; the office holder's quota of files and bytes per 24 hours is a 429 with `Retry-After`. "
        "Nothing is stored then.",
        "request": {"multipart/form-data": EvidenceUploadSerializer},
        "parameters": [ID_PARAMETER_INCIDENT, LOCATION_HEADER],
        "responses": {201: OpenApiResponse(EvidenceSerializer, description="Stored; `Location` is its content.")},
        "json_errors": (),
        "problems": (409, 415, 429),
    }
}
EVIDENCE_LIST: dict[str, dict[str, Any]] = {
    "get": {
        "operation_id": "list{side}Evidence",
        "summary": "Every exhibit of a case (incident evidence and receipts) with its hash",
        "responses": {200: EvidenceSerializer(many=True)},
    }
}
EVIDENCE_CONTENT: dict[str, dict[str, Any]] = {
    "get": {
        "operation_id": "get{side}EvidenceContent",
        "summary": "The original file, byte for byte, as an attachment",
        "description": "The original is checked against its SHA-256 before it is sent; `Repr-Digest` carries that "
        "hash (RFC 9530). `Content-Type` is the detected type. Every download is audited.",
        "parameters": [ID_PARAMETER_EVIDENCE, *FILE_HEADERS],
        "responses": {
            (200, media_type): OpenApiResponse(
                OpenApiTypes.BINARY, description="The original bytes, with the type detected when it was uploaded."
            )
            for media_type in sorted(files.ALLOWED_TYPES)
        },
        "problems": (500,),
    }
}
POLICE_REPORT: dict[str, dict[str, Any]] = {
    "put": {
        "operation_id": "update{side}IncidentPoliceReport",
        "summary": "Record the police report of an incident: complaint (aangifte), registration or none yet",
        "description": "Replaces what was recorded before. `reportedOn` is required for a complaint or a "
        "registration. A closed case is 409.",
        "parameters": [ID_PARAMETER_INCIDENT],
        "request": PoliceReportInputSerializer,
        "responses": {200: PoliceReportSerializer},
        "problems": (409,),
    }
}
DAMAGE_ITEMS: dict[str, dict[str, Any]] = {
    "get": {
        "operation_id": "list{side}DamageItems",
        "summary": "The damage items of a case, with their receipts",
        "responses": {200: DamageItemSerializer(many=True)},
    },
    "post": {
        "operation_id": "create{side}DamageItem",
        "summary": "Record a damage item (material, medical, security, lost income, immaterial)",
        "request": DamageItemInputSerializer,
        "responses": {201: OpenApiResponse(DamageItemSerializer, description="Recorded.")},
        "problems": (409,),
    },
}
DAMAGE_ROUTES: dict[str, dict[str, Any]] = {
    "get": {
        "operation_id": "list{side}DamageRoutes",
        "summary": "The routes to compensation that apply to this case",
        "description": "Injured party in the criminal case (with the State advance after 8 months), the "
        "Schadefonds Geweldsmisdrijven (10-year limit) and the employer's security measures, each with its source.",
        "responses": {200: DamageRouteSerializer(many=True)},
    }
}
DOSSIER_DESCRIPTION = (
    "The dossier as a PDF, or as a ZIP with the PDF, the original evidence files and a manifest of their SHA-256."
)
DOSSIER: dict[str, dict[str, Any]] = {
    "get": {
        "operation_id": "get{side}Dossier",
        "summary": "The police-ready dossier: a PDF, or a ZIP with the PDF, the original files and a hash manifest",
        "description": "Choose with `Accept: application/pdf` or `Accept: application/zip`; anything else is a 406. "
        "The home address is never on a dossier made through the API (only the office holder can add one, on "
        "the dossier page of Mijn zaak). Every generation is audited.",
        "parameters": [
            *FILE_HEADERS,
        ],
        "responses": {
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description=DOSSIER_DESCRIPTION),
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description=DOSSIER_DESCRIPTION),
        },
        "problems": (406, 500),
    }
}


@documented(**INCIDENTS)
class CaseIncidentsView(StaffSide, IncidentsEndpoint):
    pass


@documented(**INCIDENTS)
class HelpRequestIncidentsView(OfficeHolderSide, IncidentsEndpoint):
    pass


@documented(**INCIDENT)
class CaseIncidentView(StaffSide, IncidentEndpoint):
    pass


@documented(**INCIDENT)
class HelpRequestIncidentView(OfficeHolderSide, IncidentEndpoint):
    pass


@documented(**REASSESSMENT)
class CaseIncidentReassessmentView(StaffSide, IncidentReassessmentEndpoint):
    pass


@documented(**SERIES)
class CaseIncidentSeriesView(StaffSide, IncidentSeriesEndpoint):
    pass


@documented(**INCIDENT_EVIDENCE)
class CaseIncidentEvidenceView(StaffSide, IncidentEvidenceEndpoint):
    pass


@documented(**INCIDENT_EVIDENCE)
class HelpRequestIncidentEvidenceView(OfficeHolderSide, IncidentEvidenceEndpoint):
    pass


@documented(**EVIDENCE_LIST)
class CaseEvidenceView(StaffSide, EvidenceListEndpoint):
    pass


@documented(**EVIDENCE_LIST)
class HelpRequestEvidenceView(OfficeHolderSide, EvidenceListEndpoint):
    pass


@documented(**EVIDENCE_CONTENT)
class CaseEvidenceContentView(StaffSide, EvidenceContentEndpoint):
    pass


@documented(**EVIDENCE_CONTENT)
class HelpRequestEvidenceContentView(OfficeHolderSide, EvidenceContentEndpoint):
    pass


@documented(**POLICE_REPORT)
class CasePoliceReportView(StaffSide, PoliceReportEndpoint):
    pass


@documented(**POLICE_REPORT)
class HelpRequestPoliceReportView(OfficeHolderSide, PoliceReportEndpoint):
    pass


@documented(**DAMAGE_ITEMS)
class CaseDamageItemsView(StaffSide, DamageItemsEndpoint):
    pass


@documented(**DAMAGE_ITEMS)
class HelpRequestDamageItemsView(OfficeHolderSide, DamageItemsEndpoint):
    pass


@documented(**DAMAGE_ROUTES)
class CaseDamageRoutesView(StaffSide, DamageRoutesEndpoint):
    pass


@documented(**DAMAGE_ROUTES)
class HelpRequestDamageRoutesView(OfficeHolderSide, DamageRoutesEndpoint):
    pass


@documented(**DOSSIER)
class CaseDossierView(StaffSide, DossierEndpoint):
    pass


@documented(**DOSSIER)
class HelpRequestDossierView(OfficeHolderSide, DossierEndpoint):
    pass
