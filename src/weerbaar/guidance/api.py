"""API v1 of guidance: ``POST /assessments`` — the public step plan ("Wat kan ik doen?"). Stores nothing."""

from __future__ import annotations

from datetime import date
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
from weerbaar.guidance.validation import local_today, validate_facts
from weerbaar.web.http import content_language

DEFAULT_RATE_LIMIT = 120  # assessments per hour per client address


class AssessmentInputSerializer(serializers.Serializer):
    """The body of ``POST /assessments`` (checked by ``guidance.validation``, not by this class)."""

    role = serializers.ChoiceField(choices=OfficeRole.choices, help_text="As in help requests.")
    relatedToOffice = serializers.BooleanField(
        help_text="It happened during or because of the exercise of the office (what the office holder did or "
        "decided as such), not merely because the person holds the office (art. 267 Sr; HR 19 September 2017, "
        "ECLI:NL:HR:2017:2394)."
    )
    acuteDanger = serializers.BooleanField(help_text="Acute danger: the first step is calling 112.")
    online = serializers.BooleanField(help_text="It happened online: the evidence advice is tailored to that.")
    learnedOn = serializers.DateField(
        required=False,
        help_text="When you learned of it (of the first act, for a series); default today (Europe/Amsterdam); not "
        "in the future.",
    )
    lastLearnedOn = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="When you learned of the last act of a series (stalking: the klacht term of art. 285b Sr runs "
        "from it); not before `learnedOn`, not in the future. Other offences keep `learnedOn`. Left out or null: "
        "not given (as on incidents).",
    )
    acts = serializers.ListField(
        child=serializers.ChoiceField(choices=list(rules.ACTS)), min_length=1, help_text="What happened (unique)."
    )
    victim = serializers.ChoiceField(
        choices=list(rules.VICTIMS),
        required=False,
        help_text="Who was hit; default `office_holder`. Art. 267, 304 and 179 Sr protect only the office holder; "
        "anyone else makes a klacht personally.",
    )
    threatened = serializers.ChoiceField(
        choices=list(rules.THREATENED),
        required=False,
        help_text="What a threat was of: a crime listed in art. 285 Sr, exposure (defamation or revealing a "
        "secret: art. 284 lid 1 sub 2, 318 Sr), or something else. Left out: not said.",
    )
    demand = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="The threat came with a demand (coercion, art. 284 and 179 Sr); default false.",
    )
    perpetrators = serializers.ChoiceField(
        choices=list(rules.PERPETRATORS),
        required=False,
        help_text="One perpetrator or a group acting together in public (art. 141 Sr only then). Left out: not said.",
    )
    seriousInjury = serializers.BooleanField(
        required=False, allow_null=True, help_text="Serious bodily injury (art. 302 Sr); default false."
    )


class OffenceSerializer(serializers.Serializer):
    article = serializers.CharField(help_text='Article of the Wetboek van Strafrecht, for example "285b".')
    title = serializers.CharField()
    complaintRequired = serializers.BooleanField(
        help_text="The law requires the victim's klacht for prosecution (a klachtdelict on these facts)."
    )
    complaintDeadline = serializers.DateField(
        allow_null=True,
        help_text="The last day for the required klacht (art. 66 Sr: 3 months after learning of it; for stalking "
        "after learning of the last act); null when no klacht is required.",
    )
    precautionaryComplaintDeadline = serializers.DateField(
        allow_null=True,
        help_text="The last day to file a klacht to be safe where none is strictly required (insult or defamation "
        "related to the office: a court may find no link; coercion when what was threatened was not said); null "
        "otherwise. Never set together with `complaintDeadline`.",
    )
    deadlineStatus = serializers.ChoiceField(
        choices=list(rules.DEADLINE_STATUSES),
        help_text="The status of the date that applies (`complaintDeadline`, else "
        "`precautionaryComplaintDeadline`) on today's date in Europe/Amsterdam: `open` (later), `today` (the last "
        "day), `expired` (passed), `none` (no date).",
    )


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


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def assessment_data(result: Assessment) -> dict[str, Any]:
    return {
        "route": result.route,
        "offences": [
            {
                "article": o.article,
                "title": o.title,
                "complaintRequired": o.complaint_required,
                "complaintDeadline": _iso(o.complaint_deadline),
                "precautionaryComplaintDeadline": _iso(o.precautionary_complaint_deadline),
                "deadlineStatus": o.deadline_status,
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
        description="Decision support only: the likely offences with their articles, whether a klacht is "
        "required and by which date (or, where none is strictly required, the date to file one to be safe), the "
        "status of that date today, and the next steps in Dutch or English (`Accept-Language`). Nothing is "
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
            ),
            OpenApiExample(
                "Stalking, a series learned of from 1 June to 25 November",
                request_only=True,
                value={
                    "role": "wethouder",
                    "relatedToOffice": True,
                    "acuteDanger": False,
                    "online": False,
                    "learnedOn": "2026-06-01",
                    "lastLearnedOn": "2026-11-25",
                    "acts": ["stalking"],
                },
            ),
            OpenApiExample(
                "The partner insulted over the wethouder's decision",
                request_only=True,
                value={
                    "role": "wethouder",
                    "relatedToOffice": True,
                    "acuteDanger": False,
                    "online": True,
                    "learnedOn": "2026-11-20",
                    "acts": ["insult"],
                    "victim": "partner",
                },
            ),
            OpenApiExample(
                "A threat to defame unless the vote changes",
                request_only=True,
                value={
                    "role": "raadslid",
                    "relatedToOffice": True,
                    "acuteDanger": False,
                    "online": True,
                    "learnedOn": "2026-11-20",
                    "acts": ["threat_other"],
                    "threatened": "exposure",
                    "demand": True,
                },
            ),
            OpenApiExample(
                "Assaulted by a group at a market stall",
                request_only=True,
                value={
                    "role": "burgemeester",
                    "relatedToOffice": True,
                    "acuteDanger": False,
                    "online": False,
                    "learnedOn": "2026-12-05",
                    "acts": ["assault"],
                    "perpetrators": "group",
                    "seriousInjury": True,
                },
            ),
            OpenApiExample(
                "Insult in office: a klacht to be safe",
                response_only=True,
                status_codes=["200"],
                value={
                    "route": "complaint",
                    "offences": [
                        {
                            "article": "266",
                            "title": "Belediging",
                            "complaintRequired": False,
                            "complaintDeadline": None,
                            "precautionaryComplaintDeadline": "2027-02-20",
                            "deadlineStatus": "open",
                        },
                        {
                            "article": "267",
                            "title": "Belediging van een ambtsdrager tijdens of vanwege de uitoefening van het ambt "
                            "(strafverzwaring)",
                            "complaintRequired": False,
                            "complaintDeadline": None,
                            "precautionaryComplaintDeadline": None,
                            "deadlineStatus": "none",
                        },
                    ],
                    "askForVptCode": True,
                    "steps": [
                        {
                            "code": "report_to_police",
                            "title": "Doe aangifte bij de politie",
                            "text": "Doe zo snel mogelijk aangifte, het liefst binnen 2 werkdagen.",
                        }
                    ],
                    "sources": [
                        "https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel=266",
                        "https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel=267",
                    ],
                },
            ),
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
        today = local_today()
        facts = validate_facts(request.data, today=today)
        return Response(assessment_data(assess(facts, content_language(), today=today)))
