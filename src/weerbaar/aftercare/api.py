"""API v1 of aftercare: the plan of a case for staff, and the office holder's check-ins.

Staff (``Authorization: Token``): case workers with access to the case's content (``policy.access_aftercare_case``);
anything else is 404, analysts and administrators 403. The office holder (``Authorization: Bearer`` from
``/follow-up-sessions``) sees the check-ins that were sent to them and answers them; never a household member's
name or the advisor's follow-up note.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from weerbaar.accounts import policy
from weerbaar.aftercare import selectors, services
from weerbaar.aftercare.choices import CheckInStatus, Mood, Relation
from weerbaar.aftercare.selectors import CheckInView
from weerbaar.aftercare.validation import MAX_QUESTION, MAX_TEXT
from weerbaar.core.api import request_object, string_fields
from weerbaar.core.errors import InvalidInput, NotFound
from weerbaar.core.openapi import problem_responses
from weerbaar.web.api import CASE_ERRORS, CASE_REFERENCE, OFFICE_HOLDER_ERRORS, OfficeHolderView, StaffCaseView

TAGS = ["aftercare"]
CHECK_IN_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The check-in's id.")


# --- shapes ----------------------------------------------------------------------------------------------


class HouseholdMemberSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="1, 2, 3 … within the plan ('huisgenoot 1').")
    name = serializers.CharField()
    relation = serializers.ChoiceField(choices=Relation.choices)


class CheckInSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    householdMember = serializers.IntegerField(
        source="member_number", allow_null=True, help_text="The household member's number; null: the office holder."
    )
    dueAt = serializers.DateTimeField(source="due_at")
    status = serializers.ChoiceField(choices=CheckInStatus.choices)
    question = serializers.CharField(help_text="The question asked (the default or the advisor's own).")
    answer = serializers.CharField(allow_blank=True)
    mood = serializers.ChoiceField(
        source="mood_or_none", choices=Mood.choices, allow_null=True, help_text="Null: no word chosen."
    )
    answeredAt = serializers.DateTimeField(source="answered_at", allow_null=True)
    followUp = serializers.CharField(source="follow_up", allow_blank=True)
    followedUpAt = serializers.DateTimeField(source="followed_up_at", allow_null=True)
    followedUpBy = serializers.CharField(source="followed_up_by", allow_blank=True)


class AftercarePlanSerializer(serializers.Serializer):
    startedAt = serializers.DateTimeField(source="started_at")
    closedAt = serializers.DateTimeField(source="closed_at", allow_null=True)
    closedBy = serializers.CharField(source="closed_by", allow_blank=True)
    householdMembers = HouseholdMemberSerializer(source="members", many=True)
    checkIns = CheckInSerializer(source="check_ins", many=True)


class CheckInInputSerializer(serializers.Serializer):
    dueOn = serializers.DateField(help_text="The day; the check-in falls at 10:00 on it, or on the next working day.")
    householdMember = serializers.IntegerField(
        required=False, allow_null=True, help_text="A household member's number; leave out for the office holder."
    )
    question = serializers.CharField(
        required=False, max_length=MAX_QUESTION, help_text="Own question; leave out for the default."
    )


class AftercareTextInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT)


class AboutHouseholdMemberField(serializers.BooleanField):
    """Whether a check-in asks about a household member (the office holder never sees which one)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: CheckInView) -> bool:
        return value.member_number is not None


class OfficeHolderCheckInSerializer(serializers.Serializer):
    # Renders aftercare.selectors.CheckInView for the office holder: no names, no follow-up notes.
    id = serializers.IntegerField()
    aboutHouseholdMember = AboutHouseholdMemberField(help_text="True: the question is about a household member.")
    dueAt = serializers.DateTimeField(source="due_at")
    status = serializers.ChoiceField(choices=CheckInStatus.choices)
    question = serializers.CharField()
    answer = serializers.CharField(allow_blank=True)
    mood = serializers.ChoiceField(
        source="mood_or_none", choices=Mood.choices, allow_null=True, help_text="Null: no word chosen."
    )
    answeredAt = serializers.DateTimeField(source="answered_at", allow_null=True)


class AnswerInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT, required=False, help_text="The answer in words; may be left out when a mood is given."
    )
    mood = serializers.ChoiceField(
        choices=Mood.choices,
        required=False,
        help_text="good, mixed or bad; may be left out when a text is given (one of the two is required).",
    )


def _member_number(data: dict[str, Any]) -> int | None:
    value = data.get("householdMember")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(
            "One or more fields are invalid.",
            invalid_params=[{"name": "householdMember", "reason": "Must be a whole number or null."}],
        )
    return value


def _staff_check_in(access: policy.CaseAccess, check_in_id: int) -> CheckInView:
    plan = selectors.aftercare_plan_read(access=access)
    found = next((c for c in plan.check_ins if c.id == check_in_id), None) if plan else None
    if found is None:
        raise NotFound("This check-in does not exist.")
    return found


# --- staff ---------------------------------------------------------------------------------------------------


class CaseAftercarePlanView(StaffCaseView):
    @extend_schema(
        operation_id="getCaseAftercarePlan",
        summary="The aftercare plan of a case: check-ins, answers, follow-up and household members",
        description="404 when the case has no plan yet (it is made when the case first moves to aftercare). "
        "Every read is audited.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: AftercarePlanSerializer, **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        plan = selectors.aftercare_plan_read(access=policy.access_aftercare_case(request.user, reference))
        if plan is None:
            raise NotFound("This case has no aftercare plan.")
        return Response(AftercarePlanSerializer(plan).data)


class CaseCheckInsView(StaffCaseView):
    @extend_schema(
        operation_id="createCaseCheckIn",
        summary="Plan an extra check-in for the office holder or a household member",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        request=CheckInInputSerializer,
        responses={201: CheckInSerializer, **problem_responses(*CASE_ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        access = policy.access_aftercare_case(request.user, reference)
        body = request_object(request)
        data = string_fields(body, "dueOn", "question")
        check_in = services.check_in_add(
            actor=request.user,
            reference=reference,
            due_on=data["dueOn"],
            member_number=_member_number(body),
            question=data["question"],
            today=timezone.localdate(),
        )
        row = _staff_check_in(access, check_in.pk)
        return Response(CheckInSerializer(row).data, status=status.HTTP_201_CREATED)


class CaseCheckInFollowUpView(StaffCaseView):
    @extend_schema(
        operation_id="createCaseCheckInFollowUp",
        summary="Record the advisor's follow-up of a check-in that was sent",
        description="409 while the check-in is still planned or when it was skipped. A second follow-up replaces "
        "the first.",
        tags=TAGS,
        parameters=[CASE_REFERENCE, CHECK_IN_ID],
        request=AftercareTextInputSerializer,
        responses={200: CheckInSerializer, **problem_responses(*CASE_ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str, id: int) -> Response:
        access = policy.access_aftercare_case(request.user, reference)
        text = string_fields(request_object(request), "text")["text"]
        services.check_in_follow_up(actor=request.user, reference=reference, check_in_id=id, text=text)
        return Response(CheckInSerializer(_staff_check_in(access, id)).data)


# --- the office holder -----------------------------------------------------------------------------------


class HelpRequestCheckInsView(OfficeHolderView):
    @extend_schema(
        operation_id="listHelpRequestCheckIns",
        summary="The check-ins sent to the office holder, newest first, with their own answers",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: OfficeHolderCheckInSerializer(many=True), **problem_responses(*OFFICE_HOLDER_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        access = policy.access_case_as_office_holder(request.user, reference)
        items = selectors.office_holder_check_ins(access=access)
        return Response(OfficeHolderCheckInSerializer(items, many=True).data)


class HelpRequestCheckInAnswerView(OfficeHolderView):
    @extend_schema(
        operation_id="createHelpRequestCheckInAnswer",
        summary="Answer 'Hoe gaat het met u?' for a check-in that was sent",
        description="Send a text, a mood or both (400 when both are empty). 404 for a check-in that is not yours "
        "or not sent yet; 409 when it was answered already. An answer with mood 'bad' puts the advisor's task for "
        "this check-in first (due now); the notification is the same for every answer and carries no content.",
        tags=TAGS,
        parameters=[CASE_REFERENCE, CHECK_IN_ID],
        request=AnswerInputSerializer,
        responses={200: OfficeHolderCheckInSerializer, **problem_responses(*OFFICE_HOLDER_ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str, id: int) -> Response:
        principal = request.user
        access = policy.access_case_as_office_holder(principal, reference)
        data = string_fields(request_object(request), "text", "mood")
        services.check_in_answer(
            principal=principal,
            reference=reference,
            check_in_id=id,
            text=data["text"],
            mood=data["mood"],
        )
        items = selectors.office_holder_check_ins(access=access)
        item = next(i for i in items if i.id == id)
        return Response(OfficeHolderCheckInSerializer(item).data)
