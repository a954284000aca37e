"""API v1 of notifications: ``GET /notifications`` (mine, newest first), ``GET /notifications/{id}`` and
``PATCH /notifications/{id}`` with ``{"read": true|false}``; and the coordinators' on-duty rota
(``GET|POST /on-duty-periods``, ``DELETE /on-duty-periods/{id}``).

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
from weerbaar.core.api import query_values, request_object
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
        query = NotificationQuerySerializer(data=query_values(request))
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


# --- the on-duty rota (coordinators) ----------------------------------------------------------

ON_DUTY_TAGS = ["on-duty rota"]
PERIOD_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The on-duty period's id.")


class OnDutyAccess(permissions.BasePermission):
    """Signed in with a staff token (else 401); only coordinators read and set the rota (else 403)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        from weerbaar.core.errors import Forbidden

        if not policy.is_staff_member(request.user):
            return False
        if not policy.can_manage_on_duty(request.user):
            raise Forbidden("Only coordinators read and set the on-duty rota.")
        return True


class OnDutyPeriodSerializer(serializers.Serializer):
    # Renders an OnDutyPeriod row: who, for which association, when. No case content.
    id = serializers.IntegerField(source="pk")
    association = serializers.CharField(source="association.code", help_text="The association's code.")
    advisor = serializers.CharField(source="advisor.username", help_text="The advisor's username.")
    startsAt = serializers.DateTimeField(source="starts_at")
    endsAt = serializers.DateTimeField(source="ends_at")


class OnDutyPeriodInputSerializer(serializers.Serializer):
    """The body of ``POST /on-duty-periods`` (checked by ``services.on_duty_period_add``)."""

    association = serializers.CharField(max_length=20, help_text="The association's code, e.g. `nvvr`.")
    advisor = serializers.CharField(max_length=150, help_text="Username of an active advisor of that association.")
    startsAt = serializers.DateTimeField(help_text="ISO 8601; without an offset it is Dutch time.")
    endsAt = serializers.DateTimeField(help_text="After `startsAt`, at most 31 days later, not in the past.")


def _moment(raw: dict[str, Any], name: str, problems: list[dict[str, str]]) -> Any:
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    value = raw.get(name)
    moment = parse_datetime(value) if isinstance(value, str) and len(value) <= 40 else None
    if moment is None:
        problems.append({"name": name, "reason": "Expected a date and time (ISO 8601)."})
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class OnDutyPeriodListView(APIView):
    permission_classes = [OnDutyAccess]

    @extend_schema(
        operation_id="listOnDutyPeriods",
        summary="The on-duty rota: periods running now or still to come",
        description="Per association, which advisor is told first of every new help request, and when "
        "(coordinators only). Ended periods drop off.",
        tags=ON_DUTY_TAGS,
        responses={200: OnDutyPeriodSerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return Response(OnDutyPeriodSerializer(selectors.on_duty_rota(request.user), many=True).data)

    @extend_schema(
        operation_id="createOnDutyPeriod",
        summary="Put an advisor on duty for an association for a period",
        tags=ON_DUTY_TAGS,
        request=OnDutyPeriodInputSerializer,
        responses={201: OnDutyPeriodSerializer, **problem_responses(400, 401, 403, 415)},
    )
    def post(self, request: Request) -> Response:
        from rest_framework import status

        from weerbaar.accounts.models import User
        from weerbaar.directory.models import Association

        data = request_object(request)
        problems: list[dict[str, str]] = []
        starts_at = _moment(data, "startsAt", problems)
        ends_at = _moment(data, "endsAt", problems)
        code, username = data.get("association"), data.get("advisor")
        association = Association.objects.filter(code=code).first() if isinstance(code, str) and code else None
        if association is None:
            problems.append({"name": "association", "reason": "Unknown association code."})
        advisor = User.objects.filter(username=username).first() if isinstance(username, str) and username else None
        if advisor is None:
            problems.append({"name": "advisor", "reason": "Unknown username."})
        if problems:
            raise InvalidInput("One or more fields are invalid.", invalid_params=problems)
        assert association is not None
        assert advisor is not None
        period = services.on_duty_period_add(
            actor=request.user,
            association_id=association.pk,
            advisor_id=advisor.pk,
            starts_at=starts_at,
            ends_at=ends_at,
        )
        return Response(OnDutyPeriodSerializer(period).data, status=status.HTTP_201_CREATED)


class OnDutyPeriodDetailView(APIView):
    permission_classes = [OnDutyAccess]

    @extend_schema(
        operation_id="deleteOnDutyPeriod",
        summary="Take a period off the rota (also one that is running: ends it now)",
        tags=ON_DUTY_TAGS,
        parameters=[PERIOD_ID],
        responses={204: None, **problem_responses(400, 401, 403, 404)},
    )
    def delete(self, request: Request, id: int) -> Response:
        services.on_duty_period_remove(actor=request.user, period_id=id)
        return Response(status=204)
