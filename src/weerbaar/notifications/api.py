"""API v1 of notifications: ``GET /notifications`` (mine, newest first), ``GET /notifications/{id}`` and
``PATCH /notifications/{id}`` with ``{"read": true|false}``.

Every signed-in staff role has notifications (partners, analysts and administrators too); anonymous and
office holders get 401; somebody else's notification is 404. A notification carries no case content: a
fixed sentence for its ``kind`` and a link inside Weerbaar.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.core.api import request_object
from weerbaar.core.errors import InvalidInput
from weerbaar.core.openapi import problem_responses
from weerbaar.notifications import kinds, selectors, services
from weerbaar.notifications.models import Notification
from weerbaar.web.api import MAX_PAGE_SIZE, PageSerializer, Pagination

TAGS = ["notifications"]
ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The notification's id.")


class NotificationAccess(permissions.BasePermission):
    """Signed in with a staff token (else 401); every staff role has its own notifications."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return policy.can_use_notifications(request.user)


class NotificationQuerySerializer(serializers.Serializer):
    read = serializers.ChoiceField(
        choices=["true", "false"],
        required=False,
        help_text="Only read (`true`) or unread (`false`) notifications.",
        error_messages={"invalid_choice": "Choose one of: true, false."},
    )
    page = serializers.IntegerField(required=False, min_value=1, help_text="Page number, from 1.")
    pageSize = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, help_text="At most 100.")


class SentenceField(serializers.CharField):
    """The notification's fixed sentence for its kind (``selectors.sentence_of``), in the request's language."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: Notification) -> str:
        return selectors.sentence_of(value)


class NotificationSerializer(serializers.Serializer):
    # Renders a Notification row (never the sealed parts: a notification carries references and ids only).
    id = serializers.IntegerField(source="pk")
    kind = serializers.ChoiceField(choices=sorted(kinds.KINDS), help_text="What happened (see docs/notifications.md).")
    text = SentenceField(help_text="A fixed sentence for the kind, in the request's language; no content.")
    link = serializers.CharField(help_text="A path inside Weerbaar (the web page); references and ids only.")
    createdAt = serializers.DateTimeField(source="created_at")
    readAt = serializers.DateTimeField(source="read_at", allow_null=True)


class NotificationPageSerializer(PageSerializer):
    unreadCount = serializers.IntegerField(help_text="All your unread notifications (not only this page).")
    results = NotificationSerializer(many=True)


class NotificationUpdateSerializer(serializers.Serializer):
    read = serializers.BooleanField(help_text="`true` marks the notification read, `false` unread again.")


class NotificationListView(APIView):
    permission_classes = [NotificationAccess]

    @extend_schema(
        operation_id="listNotifications",
        summary="Your notifications, newest first",
        description="Only your own. Each says that something happened (a fixed sentence per kind) and links to "
        "the place in Weerbaar; never case content. `pageSize` is at most 100.",
        tags=TAGS,
        parameters=[NotificationQuerySerializer],
        responses={200: NotificationPageSerializer, **problem_responses(400, 401)},
    )
    def get(self, request: Request) -> Response:
        query = NotificationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        notes = selectors.notifications_for(request.user)
        if "read" in query.validated_data:
            notes = notes.filter(read_at__isnull=query.validated_data["read"] != "true")
        paginator = Pagination()
        page = paginator.paginate_queryset(notes, request, view=self) or []
        response = paginator.get_paginated_response(NotificationSerializer(page, many=True).data)
        response.data["unreadCount"] = selectors.unread_count(request.user)
        return response


class NotificationDetailView(APIView):
    permission_classes = [NotificationAccess]

    def _get(self, request: Request, id: int) -> Notification:
        from weerbaar.core.errors import NotFound

        note = selectors.notifications_for(request.user).filter(pk=id).first()
        if note is None:
            raise NotFound("There is no such notification.")
        return note

    @extend_schema(
        operation_id="getNotification",
        summary="One of your notifications",
        tags=TAGS,
        parameters=[ID_PARAMETER],
        responses={200: NotificationSerializer, **problem_responses(400, 401, 404)},
    )
    def get(self, request: Request, id: int) -> Response:
        return Response(NotificationSerializer(self._get(request, id)).data)

    @extend_schema(
        operation_id="updateNotification",
        summary="Mark one of your notifications read or unread",
        description='Body `{"read": true}` marks it read (the moment stays the first one); `{"read": false}` '
        "marks it unread again.",
        tags=TAGS,
        parameters=[ID_PARAMETER],
        request=NotificationUpdateSerializer,
        responses={
            200: OpenApiResponse(NotificationSerializer, description="The notification as it is now."),
            **problem_responses(400, 401, 404),
        },
    )
    def patch(self, request: Request, id: int) -> Response:
        data = request_object(request)
        read = data.get("read")
        if not isinstance(read, bool):
            raise InvalidInput(
                "Send read: true or false.", invalid_params=[{"name": "read", "reason": "Expected true or false."}]
            )
        self._get(request, id)
        if read:
            note = services.notification_mark_read(user=request.user, notification_id=id)
        else:
            note = services.notification_mark_unread(user=request.user, notification_id=id)
        return Response(NotificationSerializer(note).data)
