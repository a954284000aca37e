"""API v1 of case work for staff (``Authorization: Token <token>``).

Every endpoint asks ``accounts.policy``: anonymous -> 401, analyst and admin -> 403,
a case the user may not see -> 404 (the same answer as a case that does not
exist). A coordinator sees every case's metadata but its content (request,
notes, messages) only for the own association or assigned cases; a partner sees
no cases here (an empty list, 404 per case).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from weerbaar.accounts import policy
from weerbaar.cases import selectors, services, signals
from weerbaar.cases.choices import Affected, CloseReason, Concern, MessageSender, OfficeRole, Outcome, Status
from weerbaar.cases.models import Case
from weerbaar.core.api import query_values, request_object, string_fields
from weerbaar.core.errors import InvalidInput
from weerbaar.core.openapi import problem_responses
from weerbaar.directory import selectors as directory_selectors
from weerbaar.web.api import (
    CASE_ERRORS,
    CASE_REFERENCE,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    PageSerializer,
    Pagination,
    StaffCaseView,
    choice_field,
)

SENDER_NAMES: dict[str, str] = {MessageSender.OFFICE_HOLDER: "officeHolder", MessageSender.ADVISOR: "advisor"}
TAGS = ["cases"]

# --- shapes ---------------------------------------------------------------------------


class CaseQueueQuerySerializer(serializers.Serializer):
    status = choice_field(Status.choices, help_text="Only cases in this status.")
    association = serializers.CharField(required=False, help_text="Only cases of this association (its code).")
    urgent = choice_field(["true", "false"])
    escalated = choice_field(["true", "false"], help_text="Unclaimed and past the respond-by moment.")
    assignedTo = choice_field(["me"], help_text="`me`: only cases assigned to you.")
    page = serializers.IntegerField(min_value=1, required=False, default=1)
    pageSize = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False, default=PAGE_SIZE)

    def validate_association(self, value: str) -> str:
        if not directory_selectors.associations_with_contacts().filter(code=value).exists():
            raise serializers.ValidationError("Unknown association code.")
        return value

    def filters(self) -> selectors.QueueFilters:
        data = self.validated_data
        as_bool = {"true": True, "false": False, None: None}
        return selectors.QueueFilters(
            status=data.get("status", ""),
            association=data.get("association", ""),
            urgent=as_bool[data.get("urgent")],
            escalated=as_bool[data.get("escalated")],
            assigned_to_me=data.get("assignedTo") == "me",
        )


class CaseSummarySerializer(serializers.Serializer):
    reference = serializers.CharField()
    role = serializers.ChoiceField(choices=OfficeRole.choices)
    municipalityCode = serializers.CharField(
        allow_null=True,
        default=None,
        read_only=True,
        help_text="CBS code (GMxxxx). Sealed with the request since December 2026 (with the role it names the "
        "office holder): given only by getCase to someone who may read the case's content; null in lists, for "
        "metadata-only reads and for a provincial role. `provinceCode` is given for every case.",
    )
    provinceCode = serializers.CharField(source="province.code", allow_null=True)
    association = serializers.CharField(source="association.code")
    status = serializers.ChoiceField(choices=Status.choices)
    urgent = serializers.BooleanField()
    escalated = serializers.BooleanField(source="is_escalated", help_text="Unclaimed past the respond-by moment.")
    redFlag = serializers.BooleanField(
        source="is_red", help_text="Unclaimed past three times the response window (flagged red)."
    )
    createdAt = serializers.DateTimeField(source="created_at")
    respondBy = serializers.DateTimeField(source="respond_by")
    assignedTo = serializers.CharField(source="assigned_to.username", allow_null=True, help_text="Username or null.")


class CasePageSerializer(PageSerializer):
    results = CaseSummarySerializer(many=True)


class CaseDetailSerializer(CaseSummarySerializer):
    """Metadata, plus the decrypted request when the user may read the case's content (the read is audited)."""

    name = serializers.CharField(required=False)
    email = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False)
    concerns = serializers.ListField(child=serializers.ChoiceField(choices=Concern.choices), required=False)
    affected = serializers.ListField(child=serializers.ChoiceField(choices=Affected.choices), required=False)
    acuteDanger = serializers.BooleanField(required=False)
    consentToShare = serializers.BooleanField(required=False)


class AssignmentInputSerializer(serializers.Serializer):
    advisor = serializers.CharField(
        help_text="Username of an advisor or coordinator of the case's association, or `me` to claim the case."
    )
    reason = serializers.CharField(
        required=False,
        min_length=services.TAKE_OVER_REASON_MIN,
        max_length=services.MAX_TEXT,
        help_text="Required when a coordinator takes a case of another association for themselves (break-glass): "
        "why, in at least 10 characters. Kept sealed as an internal note of the case; ignored otherwise.",
    )


class StatusChangeInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(
        required=False,
        max_length=services.MAX_TEXT,
        help_text=f"Closing a new case: one of {', '.join(CloseReason.values)}. Reopening: an explanation in words.",
    )
    outcome = serializers.ChoiceField(
        choices=Outcome.choices,
        required=False,
        help_text="Required when closing a case that was worked (from in_progress or aftercare): what the work came "
        "to. Missing: 400 naming `outcome`.",
    )
    confirmAftercareClose = serializers.BooleanField(
        required=False,
        help_text="Closing a case whose aftercare plan is open is refused (409, code `aftercare_open`) unless "
        "this is true. The plan then closes too and its remaining check-ins are skipped.",
    )
    keepAftercareRunning = serializers.BooleanField(
        required=False,
        help_text="With `confirmAftercareClose`: the aftercare plan keeps running after the case closes.",
    )


def close_confirmations(data: dict[str, Any]) -> set[str]:
    """The close checks confirmed in a JSON body (``signals.close_checks``: each check's boolean field, and the
    boolean field of one of its options; none chosen is the check's first option). Non-booleans are a 400."""
    confirmed: set[str] = set()
    invalid = []
    for check in signals.close_checks.values():
        fields = [check.api_field] + [field for _token, _label, field in check.options if field]
        for name in fields:
            if name in data and not isinstance(data[name], bool):
                invalid.append({"name": name, "reason": "Must be true or false."})
        if data.get(check.api_field) is True:
            confirmed.add(check.code)
            chosen = [token for token, _label, field in check.options if field and data.get(field) is True]
            confirmed.update(chosen[:1] or [token for token, _label, _field in check.options[:1]])
    if invalid:
        raise InvalidInput("One or more fields are invalid.", invalid_params=invalid)
    return confirmed


@dataclass(frozen=True)
class StatusChangeResult:
    """A status change as answered: the history entry it wrote and the case after it."""

    entry: Any
    case: Any


# renders a ``StatusChangeResult`` (no docstring: it would become the document's description)
class StatusChangeSerializer(serializers.Serializer):
    fromStatus = serializers.ChoiceField(source="entry.extra.from", choices=Status.choices)
    status = serializers.ChoiceField(source="entry.extra.to", choices=Status.choices)
    reasonCode = serializers.CharField(source="entry.extra.reasonCode", allow_blank=True)
    changedAt = serializers.DateTimeField(source="entry.at")
    changedBy = serializers.CharField(source="entry.author")
    case = CaseSummarySerializer()


class TextInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.MAX_TEXT)


# renders a note's ``selectors.TimelineItem`` (no docstring: it would become the document's description)
class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="extra.id")
    author = serializers.CharField()
    text = serializers.CharField()
    createdAt = serializers.DateTimeField(source="at")


class SenderField(serializers.ChoiceField):
    """The sender's API name (``officeHolder``, ``advisor``) for the stored ``MessageSender``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=list(SENDER_NAMES.values()), **kwargs)

    def to_representation(self, value: str) -> str:
        return SENDER_NAMES.get(value, value)


class AuthorField(serializers.CharField):
    """The advisor's name; the office holder's messages have none, which is null."""

    def to_representation(self, value: str) -> str | None:
        return value or None


# renders a message's ``selectors.TimelineItem`` (no docstring: it would become the document's description)
class CaseMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="extra.id")
    sender = SenderField(source="extra.sender")
    author = AuthorField(allow_null=True, help_text="The advisor's name; null for the office holder.")
    text = serializers.CharField()
    createdAt = serializers.DateTimeField(source="at")
    readAt = serializers.DateTimeField(source="extra.readAt", allow_null=True)


def _with_escalation(case: Case) -> Case:
    # The serializer reads both annotations off the case itself (they are no model fields).
    case.is_escalated, case.is_red = (  # type: ignore[attr-defined]
        selectors.with_escalation(Case.objects.filter(pk=case.pk)).values_list("is_escalated", "is_red").get()
    )
    return case


def _summary(case: Case) -> dict[str, Any]:
    return dict(CaseSummarySerializer(_with_escalation(case)).data)


# --- views ------------------------------------------------------------------------------


class CaseListView(StaffCaseView):
    @extend_schema(
        operation_id="listCases",
        summary="Cases visible to you, most pressing deadline first",
        description="Advisors: the own association's and assigned cases. Coordinators: every case's metadata. "
        "Partners: none (an empty list). `pageSize` is at most 100.",
        tags=TAGS,
        parameters=[CaseQueueQuerySerializer],
        responses={200: CasePageSerializer, **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        query = CaseQueueQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        queryset = selectors.case_queue(user=request.user, filters=query.filters())
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(CaseSummarySerializer(page, many=True).data)


class CaseDetailView(StaffCaseView):
    @extend_schema(
        operation_id="getCase",
        summary="One case; with its decrypted request when you may read its content",
        description="A coordinator without access to the content gets the metadata only (the content fields are "
        "left out). Every read of content is written to the audit log.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: CaseDetailSerializer, **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        access = policy.access_case_at_best(request.user, reference)
        case = access.case
        data = _summary(case)
        if access.has_content:
            content = selectors.case_request_read(access=access)
            data.update(
                name=content.get("name", ""),
                email=content.get("email", ""),
                phone=content.get("phone", ""),
                description=content.get("description", ""),
                municipalityCode=content.get("municipalityCode") or None,
                concerns=list(case.concerns),
                affected=list(case.affected),
                acuteDanger=case.acute_danger,
                consentToShare=case.consent_to_share,
            )
        return Response(data)


class CaseAssignmentView(StaffCaseView):
    @extend_schema(
        operation_id="assignCase",
        summary="Claim (`me`) or assign a case",
        description="Assigning a new case moves it to in_progress. A case goes to an advisor (or coordinator) of "
        "its own association; anyone else is 400 naming `advisor`. A coordinator taking a case of another "
        "association for themselves (`me` or their own username) is a break-glass: without a `reason` of at least "
        "10 characters it is 403 with `code` `reason_required` and nothing changes; with one it is audited as "
        "`case.taken_over`, shown on the case, and that association's advisors, the other coordinators and the "
        "advisor who held the case get a `case_taken_over` notification at once.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        request=AssignmentInputSerializer,
        responses={200: CaseSummarySerializer, **problem_responses(*CASE_ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        policy.access_case(request.user, reference, level=policy.METADATA)
        data = string_fields(request_object(request), "advisor", "reason")
        case = services.case_assign(
            actor=request.user, reference=reference, assignee_username=data["advisor"].strip(), reason=data["reason"]
        )
        return Response(_summary(case))


class CaseStatusChangesView(StaffCaseView):
    @extend_schema(
        operation_id="createCaseStatusChange",
        summary="Change the status along the state machine",
        description="new -> in_progress -> closed with an `outcome`, or in_progress -> aftercare -> closed with an "
        "`outcome` (aftercare is a choice: moving to aftercare starts a plan of three check-ins); new -> closed with a "
        "reason (duplicate, not_in_scope, withdrawn); aftercare or closed -> in_progress (reopen) with a reason. "
        "Anything else is 409. Closing a worked case without `outcome` is 400 naming `outcome`. "
        "Closing a case with an open aftercare plan is 409 with `code` `aftercare_open` until "
        "`confirmAftercareClose` is true.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        request=StatusChangeInputSerializer,
        responses={201: StatusChangeSerializer, **problem_responses(*CASE_ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        access = policy.access_case(request.user, reference)
        body = request_object(request)
        data = string_fields(body, "status", "reason", "outcome")
        case = services.case_transition(
            actor=request.user,
            reference=reference,
            target=data["status"],
            reason=data["reason"],
            outcome=data["outcome"],
            confirmed=close_confirmations(body),
        )
        last = selectors.case_status_history(access=access)[-1]
        result = StatusChangeResult(entry=last, case=_with_escalation(case))
        return Response(StatusChangeSerializer(result).data, status=status.HTTP_201_CREATED)


class CaseNotesView(StaffCaseView):
    @extend_schema(
        operation_id="listCaseNotes",
        summary="Internal notes on a case",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: NoteSerializer(many=True), **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        items = selectors.case_notes_read(access=policy.access_case(request.user, reference))
        return Response(NoteSerializer(items, many=True).data)

    @extend_schema(
        operation_id="createCaseNote",
        summary="Add an internal note",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        request=TextInputSerializer,
        responses={201: NoteSerializer, **problem_responses(*CASE_ERRORS, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        policy.access_case(request.user, reference)
        text = string_fields(request_object(request), "text")["text"]
        note = services.case_note_add(actor=request.user, reference=reference, text=text)
        # the note as the list shows it (the text as written, not read back from its ciphertext)
        item = selectors.TimelineItem("note", note.created_at, request.user.label, text.strip(), {"id": note.pk})
        return Response(NoteSerializer(item).data, status=status.HTTP_201_CREATED)


class CaseMessagesView(StaffCaseView):
    @extend_schema(
        operation_id="listCaseMessages",
        summary="Messages with the office holder",
        description="Reading marks the office holder's messages as read.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: CaseMessageSerializer(many=True), **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        access = policy.access_case(request.user, reference)
        items = selectors.case_messages_read(access=access)
        services.case_messages_mark_read(case=access.case, reader=MessageSender.ADVISOR)
        return Response(CaseMessageSerializer(items, many=True).data)

    @extend_schema(
        operation_id="createCaseMessage",
        summary="Send a message to the office holder",
        description="The office holder reads it after signing in; a closed case answers 409.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        request=TextInputSerializer,
        responses={
            201: OpenApiResponse(CaseMessageSerializer, description="Sent."),
            **problem_responses(*CASE_ERRORS, 409, 415),
        },
    )
    def post(self, request: Request, reference: str) -> Response:
        policy.access_case(request.user, reference)
        text = string_fields(request_object(request), "text")["text"]
        message = services.case_message_send(actor=request.user, reference=reference, text=text)
        # the message as the thread shows it (the text as sent, not read back from its ciphertext)
        item = selectors.TimelineItem(
            "message",
            message.created_at,
            request.user.label,
            text.strip(),
            {"id": message.pk, "sender": MessageSender.ADVISOR, "readAt": None},
        )
        return Response(CaseMessageSerializer(item).data, status=status.HTTP_201_CREATED)
