"""API v1 of matching: a case's perpetrator identifiers (add and list its own), the coordinators' matches and
their reviews.

- ``POST|GET /cases/{reference}/incidents/{id}/perpetrator-identifiers``: the case's workers (``StaffCaseView``:
  analysts and administrators 403; a case one may not work on 404). ``POST`` answers only the id and kind: never a
  token, and never whether the identifier is known elsewhere (no match is sought on entry).
- ``GET /matches`` and ``POST /matches/{id}/reviews``: coordinators only; every other staff role 403. A match
  names the kind of identifier and the two cases (reference, association, advisor): never a value or a token.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.core.api import query_values, request_object
from weerbaar.core.errors import InvalidInput, NotFound
from weerbaar.core.openapi import problem_responses
from weerbaar.matching import selectors, services
from weerbaar.matching.choices import Decision, IdentifierKind, MatchStatus, Platform
from weerbaar.web.api import CASE_ERRORS, CASE_REFERENCE, StaffCaseView, choice_field

MAX_ID = 2**31 - 1
TAG_IDENTIFIERS = ["perpetrator identifiers"]
TAG_MATCHES = ["matches"]
INCIDENT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The incident's number within the case.")
MATCH_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The match's id.")


# --- shapes -------------------------------------------------------------------------------------------------


class RecordedIdentifierInputSerializer(serializers.Serializer):
    """The body of ``POST …/perpetrator-identifiers`` (checked by ``matching.normalise``, not by this class)."""

    kind = serializers.ChoiceField(choices=IdentifierKind.choices)
    value = serializers.CharField(
        max_length=200,
        help_text="As known: a phone number, an e-mail address, a handle or numeric account id, a Dutch licence "
        "plate, or a name with a year or date of birth (`Jan de Vries, 1975`); a name alone is refused.",
    )
    platform = serializers.ChoiceField(choices=Platform.choices, required=False, help_text="For `handle` only.")


class RecordedIdentifierCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=IdentifierKind.choices)


class RecordedIdentifierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(help_text="The incident's number within the case.")
    kind = serializers.ChoiceField(choices=IdentifierKind.choices)
    value = serializers.CharField(help_text="As typed (this case's own content).")
    platform = serializers.CharField(allow_blank=True, help_text="For a handle; empty otherwise.")
    createdAt = serializers.DateTimeField(source="created_at")
    author = serializers.CharField(help_text="Who recorded it.")


class MatchSideSerializer(serializers.Serializer):
    reference = serializers.CharField()
    association = serializers.CharField(help_text="The name of the case's association.")
    advisor = serializers.CharField(allow_null=True, help_text="The username of the case's advisor, if any.")


class MatchReviewSerializer(serializers.Serializer):
    reviewer = serializers.CharField()
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField()
    createdAt = serializers.DateTimeField(source="created_at")


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=IdentifierKind.choices)
    weak = serializers.BooleanField(help_text="Only a weak form matched (a name with birth year, a bare e-mail).")
    status = serializers.ChoiceField(choices=MatchStatus.choices)
    foundAt = serializers.DateTimeField(source="found_at")
    decidedAt = serializers.DateTimeField(source="decided_at", allow_null=True)
    cases = MatchSideSerializer(many=True, help_text="The two cases.")
    reviews = MatchReviewSerializer(many=True)


class MatchQuerySerializer(serializers.Serializer):
    status = choice_field(MatchStatus.choices, help_text="Only matches with this status.")


class MatchReviewInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(max_length=services.MAX_REASON)


def _incident(value: int) -> int:
    if value > MAX_ID:
        raise NotFound(_("Dit incident bestaat niet."))
    return value


# --- identifiers --------------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        operation_id="listCasePerpetratorIdentifiers",
        tags=TAG_IDENTIFIERS,
        parameters=[CASE_REFERENCE, INCIDENT_ID],
        responses={
            200: OpenApiResponse(
                RecordedIdentifierSerializer(many=True), description="The incident's own identifiers."
            ),
            **problem_responses(*CASE_ERRORS),
        },
    ),
    post=extend_schema(
        operation_id="addCasePerpetratorIdentifier",
        tags=TAG_IDENTIFIERS,
        parameters=[CASE_REFERENCE, INCIDENT_ID],
        request=RecordedIdentifierInputSerializer,
        examples=[OpenApiExample("phone", value={"kind": "phone", "value": "06 12345678"}, request_only=True)],
        responses={
            201: OpenApiResponse(
                RecordedIdentifierCreatedSerializer, description="Recorded: the id and kind, nothing else."
            ),
            **problem_responses(*CASE_ERRORS, 409, 415, 429),
        },
    ),
)
class CasePerpetratorIdentifiersView(StaffCaseView):
    """The perpetrator identifiers of one incident: only added, never changed; no answer says whether an
    identifier is known in another case (the nightly job looks, and only coordinators see what it found)."""

    def get(self, request: Request, reference: str, id: int) -> Response:
        access = policy.access_case(request.user, reference)
        views = selectors.identifiers_read(access=access, incident_number=_incident(id))
        return Response(RecordedIdentifierSerializer(views, many=True).data)

    def post(self, request: Request, reference: str, id: int) -> Response:
        access = policy.access_case(request.user, reference)
        data = request_object(request)
        identifier = services.identifier_add(
            access=access,
            incident_number=_incident(id),
            kind=data.get("kind"),
            value=data.get("value"),
            platform=data.get("platform", ""),
        )
        return Response({"id": identifier.pk, "kind": identifier.kind}, status=status.HTTP_201_CREATED)


# --- matches ------------------------------------------------------------------------------------------------


class StaffOnly(permissions.BasePermission):
    """Signed in with a staff token (else 401); the view asks the policy for the role (else 403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return policy.is_staff_member(request.user)


@extend_schema_view(
    get=extend_schema(
        operation_id="listMatches",
        tags=TAG_MATCHES,
        parameters=[MatchQuerySerializer],
        responses={
            200: OpenApiResponse(MatchSerializer(many=True), description="Proposed first, then confirmed, dismissed."),
            **problem_responses(400, 401, 403),
        },
    )
)
class MatchesView(APIView):
    """Possible matches between cases of different office holders, for coordinators (every other role 403):
    the kind of identifier, the two cases with their associations and advisors, never a value or a token."""

    permission_classes = [StaffOnly]

    def get(self, request: Request) -> Response:
        policy.may_review_matches(request.user)
        query = MatchQuerySerializer(data=query_values(request))
        if not query.is_valid():
            problems = [{"name": name, "reason": str(errors[0])} for name, errors in query.errors.items()]
            raise InvalidInput(_("Controleer de gemarkeerde velden."), invalid_params=problems)
        views = selectors.matches_read(actor=request.user, status=query.validated_data.get("status"))
        return Response(MatchSerializer(views, many=True).data)


@extend_schema_view(
    post=extend_schema(
        operation_id="reviewMatch",
        tags=TAG_MATCHES,
        parameters=[MATCH_ID],
        request=MatchReviewInputSerializer,
        examples=[
            OpenApiExample(
                "confirm", value={"decision": "confirm", "reason": "Zelfde nummer, zelfde regio."}, request_only=True
            )
        ],
        responses={
            201: OpenApiResponse(MatchSerializer, description="The match after this review."),
            **problem_responses(400, 401, 403, 404, 409, 415),
        },
    )
)
class MatchReviewsView(APIView):
    """A coordinator's review: two different coordinators confirm (the same one twice is 409 `same_reviewer`);
    one dismissal dismisses. Once confirmed, each case's advisor reads "possibly the same person as in another
    case; the coordinator will be in touch" on the case page."""

    permission_classes = [StaffOnly]

    def post(self, request: Request, id: int) -> Response:
        policy.may_review_matches(request.user)
        if id > MAX_ID:
            raise NotFound(_("Deze koppeling bestaat niet."))
        data = request_object(request)
        match = services.match_review(
            actor=request.user, match_id=id, decision=data.get("decision"), reason=data.get("reason")
        )
        view = selectors.match_read(actor=request.user, match_id=match.pk)
        return Response(MatchSerializer(view).data, status=status.HTTP_201_CREATED)
