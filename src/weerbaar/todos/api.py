"""API v1 for tasks (to-dos): my tasks, a case's tasks, and marking a task done (``completion``) or open again.

The API calls a to-do a "task", and its schema names (``Task``, ``TaskInput``) are the serializers' names here.

Access as for every case endpoint (anonymous 401, analyst and admin 403, a case or task the user may not
work 404). A hand-made task's text is case content: it is only in the answer for those who may read the
case's content (``text`` is null otherwise); a system task's title is fixed text without content.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from weerbaar.accounts import policy
from weerbaar.cases.choices import Status
from weerbaar.core.api import query_values, request_object
from weerbaar.core.openapi import problem_responses
from weerbaar.todos import selectors, services
from weerbaar.web.api import CASE_ERRORS, CASE_REFERENCE, StaffCaseView, choice_field

TAGS = ["tasks"]
ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The task's number.")


def _username(user: Any) -> str | None:
    return user.username if user else None


class UsernameField(serializers.CharField):
    """A user rendered as its username, or null."""

    def to_representation(self, value: Any) -> str | None:
        return _username(value)


class _EmptyAsNull:
    def to_representation(self, value: Any) -> Any:
        return value or None


class NullableCharField(_EmptyAsNull, serializers.CharField):
    """A text that is empty in the row and null in the answer."""


class NullableChoiceField(_EmptyAsNull, serializers.ChoiceField):
    """A code that is empty in the row and null in the answer."""


# Renders a ``selectors.TodoRow``: the to-do with its title in the reader's language and its case.
class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="todo.pk")
    kind = serializers.CharField(
        source="todo.kind", help_text="`manual` for a hand-made task, else the system task's kind."
    )
    system = serializers.BooleanField(help_text="Made by Weerbaar (a job or workflow), not by a person.")
    title = serializers.CharField(help_text="The task in the reader's language (Accept-Language).")
    caseReference = NullableCharField(source="case_reference", allow_null=True)
    caseStatus = NullableChoiceField(source="case_status", choices=Status.choices, allow_null=True)
    assignee = UsernameField(
        source="todo.assignee", allow_null=True, help_text="Username, or null for the coordinators' pool."
    )
    forCoordinators = serializers.BooleanField(source="todo.for_coordinators")
    dueAt = serializers.DateTimeField(source="todo.due_at")
    overdue = serializers.BooleanField()
    link = serializers.CharField(source="todo.link", allow_blank=True, help_text="A path inside Weerbaar, or empty.")
    createdBy = UsernameField(
        source="todo.created_by", allow_null=True, help_text="Username, or null for a system task."
    )
    createdAt = serializers.DateTimeField(source="todo.created_at")
    doneAt = serializers.DateTimeField(source="todo.done_at", allow_null=True)
    doneBy = UsernameField(source="todo.done_by", allow_null=True)


class TaskListQuerySerializer(serializers.Serializer):
    status = choice_field(["open", "done"], help_text="`open` (default) or `done`.")


class TaskInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.MAX_TEXT, help_text="What must be done (sealed).")
    dueDate = serializers.DateField(help_text="Due by the end of this working day (Amsterdam).")
    assignee = serializers.CharField(
        required=False, help_text="Username of someone who may work the case; default: you."
    )
    forCoordinators = serializers.BooleanField(required=False, default=False, help_text="For the coordinators' pool.")


def _one(user: Any, todo: Any) -> selectors.TodoRow:
    return selectors.rows_for(todos=[todo], user=user)[0]


class TasksView(StaffCaseView):
    @extend_schema(
        operation_id="listTasks",
        summary="My tasks",
        description="Tasks assigned to you and, for a coordinator, the coordinators' pool; open ones by due date "
        "or done ones newest first (at most 200).",
        tags=TAGS,
        parameters=[TaskListQuerySerializer],
        responses={200: TaskSerializer(many=True), **problem_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = TaskListQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        rows = selectors.todos_for_api(user=request.user, status=query.validated_data.get("status", "open"))
        return Response(TaskSerializer(rows, many=True).data)


class CaseTasksView(StaffCaseView):
    @extend_schema(
        operation_id="listCaseTasks",
        summary="Tasks of a case",
        description="Open tasks first by due date, then done ones.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        responses={200: TaskSerializer(many=True), **problem_responses(*CASE_ERRORS)},
    )
    def get(self, request: Request, reference: str) -> Response:
        case = policy.access_case(request.user, reference).case
        rows = selectors.case_todos(user=request.user, case=case)
        return Response(TaskSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="createCaseTask",
        summary="Add a task to a case",
        description="For you, a colleague who may work the case, or the coordinators' pool. A closed case answers 409.",
        tags=TAGS,
        parameters=[CASE_REFERENCE],
        request=TaskInputSerializer,
        responses={201: TaskSerializer, **problem_responses(*CASE_ERRORS, 409, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        policy.access_case(request.user, reference)
        data = services.validate_todo(request_object(request))
        todo = services.todo_add(actor=request.user, reference=reference, data=data)
        return Response(TaskSerializer(_one(request.user, todo)).data, status=status.HTTP_201_CREATED)


class CaseTaskCompletionView(StaffCaseView):
    @extend_schema(
        operation_id="completeCaseTask",
        summary="Mark a task done",
        description="Marking a done task done again changes nothing.",
        tags=TAGS,
        parameters=[CASE_REFERENCE, ID_PARAMETER],
        request=None,
        responses={200: TaskSerializer, **problem_responses(*CASE_ERRORS)},
    )
    def post(self, request: Request, reference: str, id: int) -> Response:
        todo = services.todo_complete(actor=request.user, todo_id=id, reference=reference)
        return Response(TaskSerializer(_one(request.user, todo)).data)

    @extend_schema(
        operation_id="reopenCaseTask",
        summary="Open a done task again",
        tags=TAGS,
        parameters=[CASE_REFERENCE, ID_PARAMETER],
        responses={204: None, **problem_responses(*CASE_ERRORS)},
    )
    def delete(self, request: Request, reference: str, id: int) -> Response:
        services.todo_reopen(actor=request.user, todo_id=id, reference=reference)
        return Response(status=status.HTTP_204_NO_CONTENT)
