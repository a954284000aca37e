"""API v1 of guidance: ``POST /assessments`` — the public step plan ("Wat kan ik doen?"). Stores nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.cases.choices import OfficeRole
from weerbaar.core import ratelimit
from weerbaar.core.openapi import problem_responses
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import Assessment, assess
from weerbaar.guidance.validation import validate_facts
from weerbaar.web.http import content_language

DEFAULT_RATE_LIMIT = 120  # assessments per hour per client address


class AssessmentInputSerializer(serializers.Serializer):
    """The body of ``POST /assessments`` (checked by ``guidance.validation``, not by this class)."""

    role = serializers.ChoiceField(choices=OfficeRole.choices, help_text="As in help requests.")
    relatedToOffice = serializers.BooleanField(help_text="Related to the office (in time or function).")
    acuteDanger = serializers.BooleanField(help_text="Acute danger: the first step is calling 112.")
    online = serializers.BooleanField(help_text="It happened online: the evidence advice is tailored to that.")
    learnedOn = serializers.DateField(
        required=False, help_text="When you learned of it; default today (Europe/Amsterdam); not in the future."
    )
    acts = serializers.ListField(
        child=serializers.ChoiceField(choices=list(rules.ACTS)), min_length=1, help_text="What happened (unique)."
    )


class OffenceSerializer(serializers.Serializer):
    article = serializers.CharField(help_text='Article of the Wetboek van Strafrecht, for example "285b".')
    title = serializers.CharField()
    complaintRequired = serializers.BooleanField()
    complaintDeadline = serializers.DateField(allow_null=True, help_text="Art. 66 Sr: learnedOn + 3 months.")


class StepSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    route = serializers.ChoiceField(choices=list(rules.ROUTES))
    offences = OffenceSerializer(many=True)
    askForVptCode = serializers.BooleanField()
    steps = StepSerializer(many=True, help_text="With acute danger the first step is `call_112`.")
    sources = serializers.ListField(child=serializers.URLField())


def assessment_data(result: Assessment) -> dict[str, Any]:
    return {
        "route": result.route,
        "offences": [
            {
                "article": o.article,
                "title": o.title,
                "complaintRequired": o.complaint_required,
                "complaintDeadline": o.complaint_deadline.isoformat() if o.complaint_deadline else None,
            }
            for o in result.offences
        ],
        "askForVptCode": result.ask_for_vpt_code,
        "steps": [{"code": s.code, "title": s.title, "text": s.text} for s in result.steps],
        "sources": list(result.sources),
    }


class AssessmentCreateView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="createAssessment",
        summary="What can I do? The step plan for what happened (public, stores nothing)",
        description="Decision support only: the likely offences with their articles, whether a complaint is "
        "required and by which date, and the next steps in Dutch or English (`Accept-Language`). Nothing is "
        "stored. Rate-limited per client address.",
        tags=["guidance"],
        request=AssessmentInputSerializer,
        responses={
            200: OpenApiResponse(AssessmentSerializer, description="The step plan."),
            **problem_responses(400, 415, 429),
        },
        examples=[
            OpenApiExample(
                "Threat online",
                request_only=True,
                value={
                    "role": "raadslid",
                    "relatedToOffice": True,
                    "acuteDanger": False,
                    "online": True,
                    "learnedOn": "2026-11-02",
                    "acts": ["threat_of_violence"],
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        limit = settings.WEERBAAR.get("ASSESSMENT_RATE_LIMIT", DEFAULT_RATE_LIMIT)
        ratelimit.hit(
            "assessment",
            ratelimit.client_address(request),
            limit=limit,
            window_seconds=3600,
            message="Too many assessments from this address; try again later.",
        )
        facts = validate_facts(request.data)
        return Response(assessment_data(assess(facts, content_language())))
