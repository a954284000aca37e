"""API v1 of the phone line: the telephony provider's webhook ``POST /call-events``.

Order of checks: signature of the raw body (401, ``authentication``), then the body's rules (400,
``validation``), then replay protection (409, ``services``: the time window and one event of a kind per call).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.core.api import PROBLEM_CONTENT_TYPE
from weerbaar.core.openapi import ProblemDetailsSerializer, problem_responses
from weerbaar.telephony import services
from weerbaar.telephony.authentication import IsTelephonyProvider, TelephonySignatureAuthentication
from weerbaar.telephony.models import CallEventKind
from weerbaar.telephony.numbers import MAX_INPUT as MAX_NUMBER
from weerbaar.telephony.validation import CALL_ID_RE, USERNAME_MAX, validate_call_event


class CallEventInputSerializer(serializers.Serializer):
    """The body (validated by ``telephony.validation``, not by this class)."""

    event = serializers.ChoiceField(choices=CallEventKind.choices)
    callId = serializers.RegexField(CALL_ID_RE.pattern, help_text="The provider's id of the call.")
    # "from" is a Python keyword: the field is declared below under its JSON name.
    advisor = serializers.CharField(
        max_length=USERNAME_MAX, help_text="User name of the advisor the call is put through to."
    )
    at = serializers.DateTimeField(help_text="RFC 3339 date-time with a zone; at most 5 minutes from now.")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = serializers.CharField(
            max_length=MAX_NUMBER,
            allow_null=True,
            allow_blank=True,
            help_text="The caller's number, E.164 (`+31612345678`) or Dutch national format. A withheld caller id "
            'is `null`, `""` or one of `anonymous`, `withheld`, `private`, `unknown`, `restricted` (any case): '
            "the call is recorded without a number and never matched to a case. The key must be present.",
        )
        return {name: fields[name] for name in ("event", "callId", "from", "advisor", "at")}


class CallEventAcceptedSerializer(serializers.Serializer):
    callId = serializers.CharField()
    event = serializers.ChoiceField(choices=CallEventKind.choices)
    receivedAt = serializers.DateTimeField()


class CallEventsView(APIView):
    authentication_classes = [TelephonySignatureAuthentication]
    permission_classes = [IsTelephonyProvider]

    @extend_schema(
        operation_id="createCallEvent",
        summary="Record a call event (telephony provider webhook)",
        description="Sent by the telephony provider for each `new_call`, `answered` and `hangup` of a call to "
        "the national number. Authenticated only by the `X-Weerbaar-Signature` header over the raw body. "
        "Each (callId, event) is accepted once; an event whose `at` is more than 5 minutes from now is refused.",
        tags=["phone line"],
        request=CallEventInputSerializer,
        responses={
            status.HTTP_202_ACCEPTED: OpenApiResponse(CallEventAcceptedSerializer, description="Recorded."),
            **problem_responses(400),
            (401, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemDetailsSerializer,
                description="Missing or wrong `X-Weerbaar-Signature` (checked before the body is read as JSON).",
            ),
            (409, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemDetailsSerializer,
                description="Replay: this event of this call was received already, or `at` is more than "
                "5 minutes from now.",
            ),
            (503, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemDetailsSerializer, description="The webhook secret is not configured on this installation."
            ),
        },
        examples=[
            OpenApiExample(
                "Answered",
                value={
                    "event": "answered",
                    "callId": "c-2026-000123",
                    "from": "+31612345678",
                    "advisor": "anna",
                    "at": "2026-03-02T10:15:00+01:00",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Withheld number",
                value={
                    "event": "new_call",
                    "callId": "c-2026-000124",
                    "from": "anonymous",
                    "advisor": "anna",
                    "at": "2026-03-02T10:20:00+01:00",
                },
                request_only=True,
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        data = validate_call_event(request._request.body)
        event = services.call_event_receive(data=data)
        return Response(
            {"callId": data.call_id, "event": data.event, "receivedAt": event.received_at},
            status=status.HTTP_202_ACCEPTED,
        )
