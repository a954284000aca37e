"""API v1 of statistics: ``GET /statistics`` — counts of help requests by up to three dimensions, protected.

Analysts and coordinators (a staff token; anonymous 401, other staff roles 403). Every cell went through
``disclosure.protect``: a suppressed cell has ``count`` null and ``suppressed`` true; other counts are rounded to
``rounding``. The period is widened to whole months; ``from`` and ``to`` in the answer say which.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.core.api import query_values
from weerbaar.core.errors import Forbidden
from weerbaar.core.openapi import problem_responses
from weerbaar.stats import selectors

TAGS = ["statistics"]


class StatisticsAccess(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if not policy.is_staff_member(request.user):
            return False
        if not policy.can_view_statistics(request.user):
            raise Forbidden("Statistics are for analysts and coordinators.")
        return True


class StatisticsQuerySerializer(serializers.Serializer):
    from_ = serializers.DateField(
        help_text="First day (YYYY-MM-DD); widened to the first day of its month.", input_formats=["%Y-%m-%d"]
    )
    to = serializers.DateField(
        help_text="Last day (YYYY-MM-DD); widened to the last day of its month. At most 120 months after `from`.",
        input_formats=["%Y-%m-%d"],
    )
    by = serializers.CharField(
        max_length=200,
        help_text=(
            "Comma-separated, one to three of: "
            + ", ".join(f"`{name}`" for name in selectors.DIMENSIONS)
            + " (at most one of month, quarter, year)."
        ),
    )

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields

    def validate_by(self, value: str) -> list[str]:
        try:
            return selectors.parse_by(value)
        except selectors.StatisticsQueryError:
            raise serializers.ValidationError(
                "One to three of " + ", ".join(selectors.DIMENSIONS) + ", each once, at most one period."
            ) from None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        first, last = attrs["from"], attrs["to"]
        if first > last:
            raise serializers.ValidationError({"to": "Must not be before from."})
        first, last = selectors.whole_months(first, last)
        if (last.year - first.year) * 12 + last.month - first.month + 1 > selectors.MAX_MONTHS:
            raise serializers.ValidationError({"to": f"At most {selectors.MAX_MONTHS} months after from."})
        return attrs


class StatisticsSerializer(serializers.Serializer):
    cells = serializers.ListField(
        child=serializers.DictField(child=serializers.JSONField()),
        help_text=(
            "One per combination of the values of the `by` dimensions (every value, also when nobody reported it): "
            "the values under the dimensions' names, `count` (integer or null) and `suppressed` (boolean)."
        ),
    )
    threshold = serializers.IntegerField(help_text="Cells below this count are suppressed.")
    rounding = serializers.IntegerField(help_text="Published counts are multiples of this.")
    from_ = serializers.DateField(help_text="The first day counted (start of a month).")
    to = serializers.DateField(help_text="The last day counted (end of a month).")
    refreshedAt = serializers.DateTimeField(allow_null=True, help_text="When the figures were last counted.")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


EXAMPLE = {
    "cells": [
        {"role": "burgemeester", "province": "PV20", "count": None, "suppressed": True},
        {"role": "wethouder", "province": "PV20", "count": 15, "suppressed": False},
    ],
    "threshold": 10,
    "rounding": 5,
    "from": "2026-01-01",
    "to": "2026-12-31",
    "refreshedAt": "2026-12-07T03:00:00+01:00",
}


class StatisticsView(APIView):
    permission_classes = [StatisticsAccess]

    @extend_schema(
        operation_id="getStatistics",
        summary="Counts of help requests by up to three dimensions, with small cells suppressed",
        description=(
            "Analysts and coordinators. Counts help requests (open, closed and destroyed) opened in the period, "
            "per combination of the `by` dimensions; act, channel, route and vpt (the VPT code used: yes, no, "
            "unknown, or none without a police report) are those of the first incident, concern the level of the "
            "newest concern note (low, moderate, high, none), support whether a referral was sent to a partner "
            "and/or aftercare started (none, referral, aftercare, both). vpt, concern and support go with at most "
            "one other dimension besides the period. "
            "Disclosure control: every cell below `threshold` and the cells that would let one be recomputed "
            "from totals or linked tables are suppressed (`count` null); other counts are rounded to `rounding`. "
            "See docs/statistics.md."
        ),
        tags=TAGS,
        parameters=[StatisticsQuerySerializer],
        responses={200: StatisticsSerializer, **problem_responses(400, 401, 403)},
        examples=[OpenApiExample("role by province", value=EXAMPLE, response_only=True)],
    )
    def get(self, request: Request) -> Response:
        query = StatisticsQuerySerializer(data=query_values(request))
        query.is_valid(raise_exception=True)
        data = query.validated_data
        table = selectors.statistics_table(by=data["by"], first=data["from"], last=data["to"])
        return Response(
            {
                "cells": table.rows(),
                "threshold": table.policy.threshold,
                "rounding": table.policy.rounding,
                "from": table.first.isoformat(),
                "to": table.last.isoformat(),
                "refreshedAt": table.refreshed_at.isoformat() if table.refreshed_at else None,
            }
        )
