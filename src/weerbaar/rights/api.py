"""API v1 of the office holder's rights: the copy of everything (a ZIP) and erasure requests; and the case
worker's decision on an erasure request (erase, refuse, or extend the period)."""

from __future__ import annotations

from django.http import HttpResponseBase, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from weerbaar.accounts import policy
from weerbaar.core.api import problem_response, request_object, string_fields
from weerbaar.core.errors import InvalidInput
from weerbaar.core.openapi import problem_responses
from weerbaar.incidents.api import ClientAcceptIgnored
from weerbaar.rights import export, selectors, services
from weerbaar.rights.forms import ERASE, EXTEND, REFUSE
from weerbaar.rights.models import ErasureStatus, RefusalGround
from weerbaar.web.api import (
    CASE_ERRORS,
    CASE_REFERENCE,
    HELP_REQUEST_REFERENCE,
    OFFICE_HOLDER_ERRORS,
    OfficeHolderView,
    StaffCaseView,
)
from weerbaar.web.http import content_language, no_store

TAG = "help requests"


def export_response(prepared: export.Export) -> StreamingHttpResponse:
    """The ZIP as it is written (bounded memory), an attachment never sniffed or kept by any cache."""
    response = StreamingHttpResponse(prepared.chunks(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=prepared.file_name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    no_store(response, bare=True)
    return response


def integrity_problem() -> Response:
    return problem_response(
        500,
        _(
            "Een bewijsbestand komt niet meer overeen met de vastgelegde vingerafdruk (SHA-256). Uw adviseur of de "
            "beheerder moet het eerst herstellen; bel 070-3738314."
        ),
    )


class HelpRequestExportView(OfficeHolderView):
    content_negotiation_class = ClientAcceptIgnored

    @extend_schema(
        operation_id="getHelpRequestExport",
        summary="Download everything Weerbaar holds about the own case (art. 15 and 20 AVG)",
        description=(
            "A ZIP with `overzicht.pdf` (readable), `gegevens.json` (machine-readable: the request, status history, "
            "messages, incidents, evidence metadata, damage, referrals, check-ins, the e-mail choice and erasure "
            "requests), `bewijs/` (every original evidence file, byte-identical), `SHA256SUMS` and `LEESMIJ.txt`. "
            "Streamed as it is written: the size is not known in advance. Every download is audited "
            "(`rights.exported`). Not included, and said so in the files: the advisor's internal notes, call "
            "summaries, status-change reasons in words and partners' answers (they may name others, art. 15(4) "
            "AVG; ask the advisor). At most `WEERBAAR_EXPORT_RATE_LIMIT` downloads per case an hour (default "
            "10; each renders a PDF and decrypts every original): beyond that 429 with `Retry-After`."
        ),
        tags=[TAG],
        parameters=[
            HELP_REQUEST_REFERENCE,
            OpenApiParameter(
                "Content-Disposition",
                str,
                OpenApiParameter.HEADER,
                response=[200],
                description="Always an attachment: `weerbaar-gegevens-<reference>.zip`.",
            ),
        ],
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The ZIP."),
            **problem_responses(*OFFICE_HOLDER_ERRORS, 429),
        },
    )
    def get(self, request: Request, reference: str) -> HttpResponseBase:
        access = policy.access_case_as_office_holder(request.user, reference)
        services.export_rate_limit(access.case.reference)
        try:
            prepared = export.export_prepare(access=access, language=content_language())
        except export.IntegrityError:
            return integrity_problem()
        return export_response(prepared)


class ErasureRequestSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(
        choices=ErasureStatus.choices,
        help_text="`pending` until a case worker decides; `refused` with a `ground` and an `explanation`. An "
        "erased case is gone: its reference then answers 404.",
    )
    requestedAt = serializers.DateTimeField(source="requested_at")
    dueOn = serializers.DateField(
        source="due_on", help_text="The last day of the statutory month for the decision (art. 12(3) AVG)."
    )
    decidedAt = serializers.DateTimeField(source="decided_at", allow_null=True)
    ground = serializers.ChoiceField(
        choices=RefusalGround.choices, allow_null=True, help_text="Why the case is kept (refused only)."
    )
    explanation = serializers.CharField(allow_null=True, help_text="The case worker's words (refused only).")
    extendedAt = serializers.DateTimeField(
        source="extended_at",
        allow_null=True,
        help_text="When the case worker extended the period by two further months (art. 12(3) AVG); `dueOn` is "
        "then three months after the request.",
    )
    extensionReason = serializers.CharField(
        allow_null=True, help_text="Why the period was extended, in the case worker's words (extended only)."
    )

    def to_representation(self, instance: selectors.ErasureRequestView) -> dict:
        data = super().to_representation(instance)
        data["ground"] = instance.ground or None
        data["explanation"] = instance.explanation or None
        data["extensionReason"] = instance.extension_reason or None
        return data


class HelpRequestErasureRequestsView(OfficeHolderView):
    @extend_schema(
        operation_id="listHelpRequestErasureRequests",
        summary="The erasure requests of the own case and their state",
        tags=[TAG],
        parameters=[HELP_REQUEST_REFERENCE],
        responses={200: ErasureRequestSerializer(many=True), **problem_responses(*OFFICE_HOLDER_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        access = policy.access_case_as_office_holder(request.user, reference)
        views = selectors.erasure_requests_read(access=access)
        return Response(ErasureRequestSerializer(views, many=True).data)

    @extend_schema(
        operation_id="createHelpRequestErasureRequest",
        summary="Ask for the erasure of the own case (art. 17 AVG)",
        description=(
            "No body. The case's advisor decides within one month (art. 12(3) AVG; `dueOn`): the case is erased "
            "for good (crypto-shredding: nothing of it can be read again, also not from backups), or the request "
            "is refused with the ground (a legal hold, a legal obligation, or a legal claim such as a pending "
            "criminal complaint) and an explanation. 409 while a request is pending."
        ),
        tags=[TAG],
        parameters=[HELP_REQUEST_REFERENCE],
        request=None,
        responses={201: ErasureRequestSerializer, **problem_responses(*OFFICE_HOLDER_ERRORS, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        access = policy.access_case_as_office_holder(request.user, reference)
        row = services.erasure_request_file(access=access)
        view = selectors.erasure_request_read(access=access, id=row.pk)
        response = Response(ErasureRequestSerializer(view).data, status=status.HTTP_201_CREATED)
        return no_store(response, bare=True)


# --- staff: the decision on an erasure request ------------------------------------------------------------------

DECISIONS = {ERASE, REFUSE, EXTEND}


class ErasureDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[
            (ERASE, "erase: destroy the case for good (crypto-shredding)"),
            (REFUSE, "refuse: keep the case on a ground, with an explanation"),
            (EXTEND, "extend: two further months (art. 12(3) AVG), with the reasons"),
        ]
    )
    ground = serializers.ChoiceField(
        choices=RefusalGround.choices, required=False, allow_null=True, help_text="Required to refuse; else ignored."
    )
    explanation = serializers.CharField(
        required=False,
        allow_null=True,
        max_length=services.MAX_EXPLANATION,
        help_text="Required to refuse (why the case stays) and to extend (why more time is needed): the office "
        "holder reads it in Mijn zaak. Sealed under the case key; never in the audit log.",
    )


class CaseErasureDecisionView(StaffCaseView):
    @extend_schema(
        operation_id="createCaseErasureDecision",
        summary="Decide the open erasure request of a case: erase, refuse or extend",
        description=(
            "For a case worker with content access (the case's advisor, a coordinator of its association), as the "
            "decision page in the workspace. `erase` destroys the case by crypto-shredding (a legal hold refuses: "
            "409 `erasure_refused_by_hold`, nothing changes; then refuse with that ground); the answer is the "
            "request as decided, and the case's reference answers 404 from then on. `refuse` needs a `ground` and "
            "an `explanation` for the office holder. `extend` moves `dueOn` to three months after the request "
            "(art. 12(3) AVG: two further months where necessary), once and only within the first month "
            "(409 `erasure_extended`, `erasure_extension_late`), with the reasons in `explanation`; the office "
            "holder reads them in Mijn zaak. 409 `no_erasure_pending` without an open request."
        ),
        tags=["cases"],
        parameters=[CASE_REFERENCE],
        request=ErasureDecisionSerializer,
        responses={201: ErasureRequestSerializer, **problem_responses(*CASE_ERRORS, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        data = string_fields(request_object(request), "decision", "ground", "explanation")
        access = policy.access_case(request.user, reference, level=policy.CONTENT)
        decision = data["decision"]
        if decision not in DECISIONS:
            problem = _("Kies: verwijderen, afwijzen of verlengen.")
            raise InvalidInput(problem, invalid_params=[{"name": "decision", "reason": problem}])
        if decision == ERASE:
            row = services.erasure_request_erase(access=access)
            view = selectors.erasure_request_metadata(row)  # the case is gone: no key to open a text with
        else:
            if decision == REFUSE:
                row = services.erasure_request_refuse(
                    access=access, ground=data["ground"], explanation=data["explanation"]
                )
            else:
                row = services.erasure_request_extend(access=access, reason=data["explanation"])
            view = selectors.erasure_request_read(access=access, id=row.pk)
        response = Response(ErasureRequestSerializer(view).data, status=status.HTTP_201_CREATED)
        return no_store(response, bare=True)
