"""API v1 of the standard advice texts: read by case workers, written by coordinators.

``GET /advice-texts`` (filters ``topic``, ``language``, ``active``) and ``GET /advice-texts/{id}``: advisors
and coordinators. ``POST /advice-texts`` and ``PUT /advice-texts/{id}``: coordinators only. Anonymous 401;
the other staff roles (partner, analyst, administrator) 403; an unknown text 404. The texts are general
advice without case content; the same rule set (``advice.validation``) checks API and web input.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.advice import selectors, services
from weerbaar.advice.choices import AdviceLanguage, AdviceTopic
from weerbaar.advice.models import AdviceText
from weerbaar.advice.validation import MAX_BODY, MAX_POSITION, MAX_TITLE
from weerbaar.core.api import PROBLEM_CONTENT_TYPE, query_values, request_object
from weerbaar.core.errors import Forbidden
from weerbaar.core.openapi import ProblemDetailsSerializer, problem_responses

TAGS = ["advice texts"]
ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The advice text's id.")
FORBIDDEN = {
    (403, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        ProblemDetailsSerializer,
        description="Your role may not do this (reading: advisors and coordinators; writing: coordinators).",
    )
}


class AdviceTextAccess(permissions.BasePermission):
    """Signed in with a staff token (else 401); reading needs a case worker, writing a coordinator (else 403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not policy.is_staff_member(request.user):
            return False
        if not policy.can_use_advice_texts(request.user):
            raise Forbidden("Only advisors and coordinators use the standard advice texts.")
        if request.method not in permissions.SAFE_METHODS and not policy.can_manage_advice_texts(request.user):
            raise Forbidden("Only coordinators maintain the standard advice texts.")
        return True


def _choice(choices: Any, **kwargs: Any) -> serializers.ChoiceField:
    """A choice whose error lists the options and never echoes the value that was sent."""
    values = [c[0] if isinstance(c, tuple) else c for c in choices]
    return serializers.ChoiceField(
        choices=choices, error_messages={"invalid_choice": "Choose one of: " + ", ".join(values) + "."}, **kwargs
    )


class AdviceTextQuerySerializer(serializers.Serializer):
    topic = _choice(AdviceTopic.choices, required=False, help_text="Only texts about this topic.")
    language = _choice(AdviceLanguage.choices, required=False, help_text="Only texts in this language.")
    active = _choice(["true", "false"], required=False, help_text="Only active (`true`) or inactive texts.")


class AdviceTextInputSerializer(serializers.Serializer):
    """The shape of POST and PUT (PUT replaces every field). For the OpenAPI document only: the rules are in
    ``advice.validation``, shared with the coordinator's web form."""

    topic = serializers.ChoiceField(choices=AdviceTopic.choices)
    title = serializers.CharField(max_length=MAX_TITLE)
    language = serializers.ChoiceField(choices=AdviceLanguage.choices, required=False, help_text="Defaults to `nl`.")
    body = serializers.CharField(
        max_length=MAX_BODY, help_text="Plain text; an empty line separates paragraphs. No case content."
    )
    active = serializers.BooleanField(required=False, help_text="Offered for inserting; defaults to `true`.")
    position = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=MAX_POSITION,
        help_text="Order within the topic; left out or null: 0.",
    )


class AdviceTextSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    topic = serializers.ChoiceField(choices=AdviceTopic.choices)
    title = serializers.CharField()
    language = serializers.ChoiceField(choices=AdviceLanguage.choices)
    body = serializers.CharField()
    active = serializers.BooleanField()
    position = serializers.IntegerField()
    version = serializers.IntegerField(help_text="Goes up by one with every saved change.")
    updatedAt = serializers.DateTimeField(source="updated_at")
    updatedBy = serializers.CharField(
        source="updated_by.username", allow_null=True, help_text="Username, or null for the starting set."
    )


def _out(text: AdviceText) -> dict[str, Any]:
    return AdviceTextSerializer(text).data


class AdviceTextListView(APIView):
    permission_classes = [AdviceTextAccess]

    @extend_schema(
        operation_id="listAdviceTexts",
        summary="The standard advice texts, by topic",
        description="Advisors and coordinators. Ordered by topic, then position and title.",
        tags=TAGS,
        parameters=[AdviceTextQuerySerializer],
        responses={200: AdviceTextSerializer(many=True), **problem_responses(400, 401), **FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        query = AdviceTextQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        data = query.validated_data
        texts = selectors.advice_texts(topic=data.get("topic", ""), language=data.get("language", ""))
        if "active" in data:
            texts = texts.filter(active=data["active"] == "true")
        return Response(AdviceTextSerializer(texts, many=True).data)

    @extend_schema(
        operation_id="createAdviceText",
        summary="Add a standard advice text (coordinators)",
        description="Stores version 1 of the text. A title is unique per language.",
        tags=TAGS,
        request=AdviceTextInputSerializer,
        responses={
            201: OpenApiResponse(AdviceTextSerializer, description="Created."),
            **problem_responses(400, 401, 415),
            **FORBIDDEN,
        },
    )
    def post(self, request: Request) -> Response:
        text = services.advice_text_create(actor=request.user, raw=request_object(request))
        response = Response(_out(text), status=status.HTTP_201_CREATED)
        response["Location"] = reverse("api-advice-text", args=[text.pk])
        return response


class AdviceTextDetailView(APIView):
    permission_classes = [AdviceTextAccess]

    @extend_schema(
        operation_id="getAdviceText",
        summary="One standard advice text",
        tags=TAGS,
        parameters=[ID_PARAMETER],
        responses={200: AdviceTextSerializer, **problem_responses(400, 401, 404), **FORBIDDEN},
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(_out(selectors.access_advice_text(request.user, id)))

    @extend_schema(
        operation_id="replaceAdviceText",
        summary="Replace a standard advice text (coordinators)",
        description="Every field is replaced (missing optional fields take their defaults). A new version is "
        "stored only when something changed.",
        tags=TAGS,
        parameters=[ID_PARAMETER],
        request=AdviceTextInputSerializer,
        responses={200: AdviceTextSerializer, **problem_responses(400, 401, 404, 415), **FORBIDDEN},
    )
    def put(self, request: Request, id: int) -> Response:
        selectors.access_advice_text(request.user, id)
        text = services.advice_text_update(actor=request.user, text_id=id, raw=request_object(request))
        return Response(_out(text))
