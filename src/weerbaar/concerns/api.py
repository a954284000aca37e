"""API v1 of the concern note: the case's versions, a new version, one version, and confirming a "hoog".

Staff (``Authorization: Token``): the case workers with access to the case's content
(``policy.access_concern_case``); anyone else 404, analysts and administrators 403 (``StaffCaseView``). The
author of a version gets 403 ``own_note`` when trying to confirm it. No response holds a score, a rank or a
colour: only the answers, the advisor's words and the hard prompts.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from weerbaar.accounts import policy
from weerbaar.concerns import selectors, services
from weerbaar.concerns.choices import Answer, Confirmation, Item, Level, Prompt
from weerbaar.concerns.selectors import NoteView
from weerbaar.concerns.validation import MAX_REASONS, MAX_TEXT
from weerbaar.core.api import request_object
from weerbaar.core.errors import NotFound
from weerbaar.core.openapi import problem_responses
from weerbaar.web.api import CASE_ERRORS, CASE_REFERENCE, StaffCaseView, created

TAGS = ["concern notes"]
VERSION = OpenApiParameter("version", int, OpenApiParameter.PATH, description="The version number (1, 2, 3 …).")


# --- shapes ----------------------------------------------------------------------------------------------


class ConcernItemSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Item.choices)
    answer = serializers.ChoiceField(choices=Answer.choices, help_text="yes, possibly, no or unknown.")
    incidentIds = serializers.ListField(
        source="incidents",
        child=serializers.IntegerField(),
        help_text="Numbers of the case's incidents that support a 'yes' or 'possibly' (as in /incidents/{id}).",
    )


class ConcernPromptSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Prompt.choices)
    message = serializers.CharField(help_text="The prompt in the language of the request.")


class ConcernConfirmationSerializer(serializers.Serializer):
    status = serializers.ChoiceField(source="confirmation", choices=Confirmation.choices)
    confirmedBy = serializers.CharField(source="confirmed_by", allow_blank=True)
    confirmedAt = serializers.DateTimeField(source="confirmed_at", allow_null=True)


class ConcernNoteSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    level = serializers.ChoiceField(choices=Level.choices)
    levelReasons = serializers.CharField(source="level_reasons")
    acuteDanger = serializers.BooleanField(source="acute_danger")
    items = ConcernItemSerializer(many=True)
    summary = serializers.CharField()
    plan = serializers.CharField()
    reviewOn = serializers.DateField(source="review_on")
    author = serializers.CharField()
    createdAt = serializers.DateTimeField(source="created_at")
    confirmation = ConcernConfirmationSerializer(source="*")
    prompts = ConcernPromptSerializer(
        many=True, help_text="Hard prompts only: 112, or consult police threat management."
    )


class ConcernItemInputSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Item.choices)
    answer = serializers.ChoiceField(choices=Answer.choices)
    incidentIds = serializers.ListField(child=serializers.IntegerField(), required=False)


class ConcernNoteInputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Level.choices, help_text="'high' waits for a second person's confirmation.")
    levelReasons = serializers.CharField(max_length=MAX_REASONS, help_text="Why this level.")
    acuteDanger = serializers.BooleanField(required=False, help_text="True: the note says 'call 112' first.")
    items = ConcernItemInputSerializer(many=True, help_text="Every one of the twelve items, once.")
    summary = serializers.CharField(max_length=MAX_TEXT)
    plan = serializers.CharField(max_length=MAX_TEXT, help_text="The management plan.")
    reviewOn = serializers.DateField(help_text="Today or later (within two years); becomes a to-do.")


def _one(access: policy.CaseAccess, version: int) -> NoteView:
    found = selectors.concern_notes_read(access=access, version=version)
    if not found:
        raise NotFound("This version of the concern note does not exist.")
    return found[0]


# --- endpoints ---------------------------------------------------------------------------------------------


class CaseConcernNotesView(StaffCaseView):
    @extend_schema(
        operation_id="listCaseConcernNotes",
        summary="Every version of the case's concern note, newest first",
        description="Every read is audited (version numbers only).",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: ConcernNoteSerializer(many=True), **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        notes = selectors.concern_notes_read(access=policy.access_concern_case(request.user, reference))
        return Response(ConcernNoteSerializer(notes, many=True).data)

    @extend_schema(
        operation_id="createCaseConcernNote",
        summary="Save a new version of the case's concern note",
        description="Every one of the twelve items answered once; incidentIds only with 'yes' or 'possibly' and "
        "only incidents of this case; reviewOn today or later. 'high' waits for a second advisor or coordinator "
        "(POST .../confirmations). The review date becomes a to-do.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        request=ConcernNoteInputSerializer,
        responses={201: ConcernNoteSerializer, **problem_responses(*CASE_ERRORS, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        access = policy.access_concern_case(request.user, reference)
        note = services.concern_note_save(
            actor=request.user, reference=reference, raw=request_object(request), today=timezone.localdate()
        )
        data = ConcernNoteSerializer(_one(access, note.version)).data
        return created(request, data, "api-case-concern-note", reference=reference, version=note.version)


class CaseConcernNoteView(StaffCaseView):
    @extend_schema(
        operation_id="getCaseConcernNote",
        summary="One version of the case's concern note",
        tags=TAGS,
        parameters=[CASE_REFERENCE, VERSION],
        responses={200: ConcernNoteSerializer, **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str, version: int) -> Response:
        access = policy.access_concern_case(request.user, reference)
        return Response(ConcernNoteSerializer(_one(access, version)).data)


class CaseConcernNoteConfirmationsView(StaffCaseView):
    @extend_schema(
        operation_id="createCaseConcernNoteConfirmation",
        summary="Confirm the concern level 'high' of a version, as a second advisor or coordinator",
        description="403 (code own_note) for the version's author. 409 when the version is not 'high' "
        "(not_high), confirmed already (already_confirmed) or replaced by a newer version (superseded).",
        tags=TAGS,
        parameters=[CASE_REFERENCE, VERSION],
        request=None,
        responses={201: ConcernNoteSerializer, **problem_responses(*CASE_ERRORS, 409)},
    )
    def post(self, request: Request, reference: str, version: int) -> Response:
        access = policy.access_concern_case(request.user, reference)
        services.concern_note_confirm(actor=request.user, reference=reference, version=version)
        return Response(ConcernNoteSerializer(_one(access, version)).data, status=status.HTTP_201_CREATED)
