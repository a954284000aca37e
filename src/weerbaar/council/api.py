"""API v1 of council conversations: the public request, the team's workflow and the coverage aggregate.

``POST /council-conversation-requests`` is public (rate limited per client address). The team's
endpoints need a staff token of an advisor or coordinator: anonymous 401, other staff roles 403, a
reference that does not exist 404. Coverage is an aggregate (places and counts, no content) that
analysts may read too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.core.api import query_values, request_object
from weerbaar.core.errors import Forbidden
from weerbaar.core.openapi import problem_responses
from weerbaar.core.ratelimit import client_address
from weerbaar.council import selectors, services
from weerbaar.council.choices import Body, Presence, RequesterRole, Status
from weerbaar.council.models import CouncilRequest
from weerbaar.council.validation import (
    MAX_EMAIL,
    MAX_EXPERTS,
    MAX_FUNCTION,
    MAX_MUNICIPALITY_CODE,
    MAX_NAME,
    MAX_PERIOD,
    MAX_PHONE,
    MAX_PLACE,
    MAX_PROVINCE_CODE,
    MAX_TEXT,
    MAX_USERNAME,
    MAX_WATER_BOARD,
    validate_council_request,
)
from weerbaar.web.api import MAX_PAGE_SIZE, PAGE_SIZE, PageSerializer, Pagination, created

TAGS = ["council conversations"]
ERRORS = (400, 401, 403, 404)
REFERENCE_PARAMETER = OpenApiParameter(
    "reference",
    str,
    OpenApiParameter.PATH,
    description="The request's reference, for example `RG-7K3M-Q9XD`.",
    pattern=r"^RG-[0-9A-Z]{4}-[0-9A-Z]{4}$",
)


class TeamAccess(permissions.BasePermission):
    """A staff token (else 401); only advisors and coordinators work council requests (else 403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not policy.is_staff_member(request.user):
            return False
        if not policy.can_work_council_requests(request.user):
            raise Forbidden("Only the support team (advisors and coordinators) works council requests.")
        return True


class CoverageAccess(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if not policy.is_staff_member(request.user):
            return False
        if not policy.can_view_council_coverage(request.user):
            raise Forbidden("Coverage is for the support team and analysts.")
        return True


# --- shapes -------------------------------------------------------------------------------------


class CouncilRequestInputSerializer(serializers.Serializer):
    """The body of ``POST /council-conversation-requests`` (validated by ``council.validation``)."""

    requesterRole = serializers.ChoiceField(choices=RequesterRole.choices)
    body = serializers.ChoiceField(choices=Body.choices)
    municipalityCode = serializers.CharField(
        required=False,
        max_length=MAX_MUNICIPALITY_CODE,
        help_text="CBS code `GMxxxx`: required for `gemeenteraad` and `college`.",
    )
    provinceCode = serializers.CharField(
        required=False,
        max_length=MAX_PROVINCE_CODE,
        help_text="CBS code `PVxx`: required for `provinciale_staten` and `gedeputeerde_staten`.",
    )
    waterBoard = serializers.CharField(
        required=False, max_length=MAX_WATER_BOARD, help_text="Name: required for `waterschap`."
    )
    contactName = serializers.CharField(max_length=MAX_NAME)
    contactFunction = serializers.CharField(max_length=MAX_FUNCTION)
    contactEmail = serializers.EmailField(max_length=MAX_EMAIL)
    contactPhone = serializers.CharField(required=False, max_length=MAX_PHONE)
    preferredPeriod = serializers.CharField(max_length=MAX_PERIOD)
    situation = serializers.CharField(required=False, max_length=MAX_TEXT, help_text="What is going on locally.")
    aggressionProtocol = serializers.ChoiceField(choices=Presence.choices)
    codeOfConduct = serializers.ChoiceField(choices=Presence.choices)


class SubmittedCouncilRequestSerializer(serializers.Serializer):
    reference = serializers.CharField(source="request.reference")
    status = serializers.ChoiceField(choices=Status.choices, source="request.status")
    createdAt = serializers.DateTimeField(source="request.created_at")
    nextSteps = serializers.ListField(child=serializers.CharField(), source="next_steps")


class CouncilSummarySerializer(serializers.Serializer):
    reference = serializers.CharField()
    body = serializers.ChoiceField(choices=Body.choices)
    requesterRole = serializers.ChoiceField(choices=RequesterRole.choices, source="requester_role")
    municipalityCode = serializers.CharField(source="municipality.code", allow_null=True)
    provinceCode = serializers.CharField(source="province.code", allow_null=True)
    waterBoard = serializers.CharField(source="water_board", allow_blank=True)
    place = serializers.CharField(source="place_name", help_text="The municipality, province or water board.")
    status = serializers.ChoiceField(choices=Status.choices)
    aggressionProtocol = serializers.ChoiceField(choices=Presence.choices, source="aggression_protocol")
    codeOfConduct = serializers.ChoiceField(choices=Presence.choices, source="code_of_conduct")
    owner = serializers.CharField(source="owner.username", allow_null=True, help_text="Username or null.")
    sessionDate = serializers.DateField(source="session_date", allow_null=True)
    heldOn = serializers.DateField(source="held_on", allow_null=True)
    followUpOffered = serializers.BooleanField(source="follow_up_offered", allow_null=True)
    followUpAccepted = serializers.BooleanField(source="follow_up_accepted", allow_null=True)
    createdAt = serializers.DateTimeField(source="created_at")


class CouncilPageSerializer(PageSerializer):
    results = CouncilSummarySerializer(many=True)


class CouncilNotesSerializer(serializers.Serializer):
    localSituation = serializers.CharField(allow_blank=True)
    protocol = serializers.CharField(allow_blank=True)
    codeOfConduct = serializers.CharField(allow_blank=True)


@dataclass
class CouncilDetail:
    """One request and its decrypted content: the summary's attributes are the request's own."""

    request: CouncilRequest
    content: selectors.CouncilRequestContent

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("request", "content"):
            raise AttributeError(name)
        return getattr(self.request, name)

    @property
    def facilitator_names(self) -> list[str]:
        return list(self.request.facilitators.order_by("username").values_list("username", flat=True))

    @property
    def partner_ids(self) -> list[int]:
        return list(self.request.partners.order_by("pk").values_list("pk", flat=True))


class CouncilDetailSerializer(CouncilSummarySerializer):
    """The summary plus the sealed content (contact person, the local story, notes, session); the read is audited."""

    contactName = serializers.CharField(source="content.contact_name")
    contactFunction = serializers.CharField(source="content.contact_function")
    contactEmail = serializers.CharField(source="content.contact_email")
    contactPhone = serializers.CharField(source="content.contact_phone", allow_blank=True)
    preferredPeriod = serializers.CharField(source="content.preferred_period")
    situation = serializers.CharField(source="content.situation", allow_blank=True)
    notes = CouncilNotesSerializer(source="content.notes_taken", allow_null=True)
    sessionPlace = serializers.CharField(
        source="content.session_place", allow_blank=True, help_text="Where the session is held (once planned)."
    )
    facilitators = serializers.ListField(
        source="facilitator_names", child=serializers.CharField(), help_text="Usernames."
    )
    partnerIds = serializers.ListField(
        source="partner_ids", child=serializers.IntegerField(), help_text="Experts from the network."
    )
    experts = serializers.ListField(
        source="content.experts", child=serializers.CharField(), help_text="Other experts, by name."
    )
    cancellationReason = serializers.CharField(
        source="content.cancellation_reason",
        allow_blank=True,
        help_text="Why the team cancelled the request (empty unless cancelled).",
    )


class CouncilStatusChangeInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    localSituation = serializers.CharField(required=False, max_length=MAX_TEXT, help_text="To `session_planned`.")
    protocol = serializers.CharField(required=False, max_length=MAX_TEXT, help_text="To `session_planned`.")
    codeOfConduct = serializers.CharField(required=False, max_length=MAX_TEXT, help_text="To `session_planned`.")
    sessionDate = serializers.DateField(required=False, help_text="To `session_planned`: required.")
    place = serializers.CharField(required=False, max_length=MAX_PLACE, help_text="To `session_planned`: required.")
    facilitators = serializers.ListField(
        child=serializers.CharField(max_length=MAX_USERNAME),
        required=False,
        max_length=MAX_EXPERTS,
        help_text="To `session_planned`: usernames of staff, 1 or more.",
    )
    partnerIds = serializers.ListField(child=serializers.IntegerField(), required=False)
    experts = serializers.ListField(
        child=serializers.CharField(max_length=MAX_NAME), required=False, max_length=MAX_EXPERTS
    )
    followUpOffered = serializers.BooleanField(required=False, help_text="To `follow_up_offered`: required.")
    followUpAccepted = serializers.BooleanField(required=False, help_text="To `follow_up_offered`, when offered.")
    reason = serializers.CharField(
        required=False, max_length=MAX_TEXT, help_text="To `cancelled`: required, why the team cancels (sealed)."
    )


@dataclass(frozen=True)
class CouncilStatusChangeResult:
    """A step of a conversation as answered: the change, who made it and the conversation after it."""

    change: Any
    changed_by: str
    conversation: Any


# renders a ``CouncilStatusChangeResult`` (no docstring: it would become the document's description)
class CouncilStatusChangeSerializer(serializers.Serializer):
    fromStatus = serializers.ChoiceField(source="change.source", choices=Status.choices)
    status = serializers.ChoiceField(source="change.target", choices=Status.choices)
    changedAt = serializers.DateTimeField(source="change.at")
    changedBy = serializers.CharField(source="changed_by")
    conversation = CouncilSummarySerializer()


class CoveragePlaceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ProvinceCoverageSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    provincialSession = serializers.BooleanField(source="provincial_session")
    municipalitiesTotal = serializers.IntegerField(source="municipalities_total")
    municipalitiesWithSession = serializers.IntegerField(source="covered")
    municipalities = CoveragePlaceSerializer(many=True)


class CoverageSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    target = serializers.IntegerField(allow_null=True, help_text="Sessions the coordinators aim for this year.")
    sessionsHeld = serializers.IntegerField(source="sessions_held")
    municipalitiesWithSession = serializers.IntegerField(source="municipalities_covered")
    provincesWithSession = serializers.IntegerField(source="provinces_covered")
    provinces = ProvinceCoverageSerializer(many=True)
    waterBoards = serializers.ListField(child=serializers.CharField(), source="water_boards")


class CoverageQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False, help_text="Default: this year.")


class CouncilListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[("open", "open"), ("all", "all"), *Status.choices],
        required=False,
        default="open",
        help_text="`open` (default): not closed or cancelled; `all`; or one step.",
    )
    page = serializers.IntegerField(min_value=1, required=False, default=1)
    pageSize = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False, default=PAGE_SIZE)


# --- views --------------------------------------------------------------------------------------


class CouncilRequestCreateView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="createCouncilConversationRequest",
        summary="Ask for a facilitated conversation in council or college (public)",
        description="For griffiers, burgemeesters, statengriffiers and water board secretaries. The contact person "
        "and free text are stored encrypted. Rate-limited per client address.",
        tags=TAGS,
        request=CouncilRequestInputSerializer,
        responses={
            201: OpenApiResponse(SubmittedCouncilRequestSerializer, description="Received; keep the reference."),
            **problem_responses(400, 415, 429),
        },
        examples=[
            OpenApiExample(
                "Griffier",
                request_only=True,
                value={
                    "requesterRole": "griffier",
                    "body": "gemeenteraad",
                    "municipalityCode": "GM0344",
                    "contactName": "Gerda Griffier",
                    "contactFunction": "Griffier",
                    "contactEmail": "griffie@gemeente.example",
                    "preferredPeriod": "Na het zomerreces",
                    "situation": "Raadsleden worden online bedreigd.",
                    "aggressionProtocol": "yes",
                    "codeOfConduct": "unknown",
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        services.council_rate_limit(client_address(request))
        data = validate_council_request(request_object(request))
        submitted = services.council_request_submit(data=data)
        return Response(SubmittedCouncilRequestSerializer(submitted).data, status=status.HTTP_201_CREATED)


class CouncilListView(APIView):
    permission_classes = [TeamAccess]

    @extend_schema(
        operation_id="listCouncilConversations",
        summary="Council conversation requests, newest first",
        tags=TAGS,
        parameters=[CouncilListQuerySerializer],
        responses={200: CouncilPageSerializer, **problem_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = CouncilListQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        queryset = selectors.council_requests_list(user=request.user, status=query.validated_data["status"])
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(CouncilSummarySerializer(page, many=True).data)


class CouncilDetailView(APIView):
    permission_classes = [TeamAccess]

    @extend_schema(
        operation_id="getCouncilConversation",
        summary="One request with its content (the read is audited)",
        tags=TAGS,
        parameters=[REFERENCE_PARAMETER],
        responses={200: CouncilDetailSerializer, **problem_responses(*ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        access = policy.access_council_request(request.user, reference)
        item = access.request
        content = selectors.council_request_read(access=access)
        return Response(CouncilDetailSerializer(CouncilDetail(item, content)).data)


class CouncilStatusChangesView(APIView):
    permission_classes = [TeamAccess]

    @extend_schema(
        operation_id="createCouncilConversationStatusChange",
        summary="Move a request one step along the workflow",
        description="requested -> intake_call -> exploratory_talk -> session_planned (needs the exploratory talk's "
        "notes, sessionDate, place, facilitators) -> session_held -> follow_up_offered (needs followUpOffered, and "
        "followUpAccepted when offered) -> closed; cancelled (needs a reason) from any step before the session is "
        "held. The requester is not told automatically: the team informs the contact person itself. Anything "
        "else is 409. Each step gives the owner a task and closes the previous one.",
        tags=TAGS,
        parameters=[REFERENCE_PARAMETER],
        request=CouncilStatusChangeInputSerializer,
        responses={201: CouncilStatusChangeSerializer, **problem_responses(*ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        policy.access_council_request(request.user, reference)
        change = services.council_transition(actor=request.user, reference=reference, raw=request_object(request))
        item = policy.access_council_request(request.user, reference).request
        result = CouncilStatusChangeResult(change=change, changed_by=request.user.username, conversation=item)
        return created(
            request, CouncilStatusChangeSerializer(result).data, "api-council-conversation", reference=reference
        )


class CouncilCoverageView(APIView):
    permission_classes = [CoverageAccess]

    @extend_schema(
        operation_id="getCouncilCoverage",
        summary="Which municipalities and provinces had a session in a year, against the target",
        description="An aggregate: places and counts only. Advisors, coordinators and analysts.",
        tags=TAGS,
        parameters=[CoverageQuerySerializer],
        responses={200: CoverageSerializer, **problem_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = CoverageQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        coverage = selectors.council_coverage(year=year)
        return Response(CoverageSerializer(coverage).data)
