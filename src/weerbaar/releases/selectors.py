"""Reads of the yearly overview: the published (frozen) releases for the public, drafts for the workspace."""

from __future__ import annotations

from django.db.models import QuerySet

from weerbaar.releases.models import Release, ReleaseStatus


def published_releases() -> QuerySet[Release]:
    return Release.objects.filter(status=ReleaseStatus.FROZEN).order_by("-year")


def published_release(year: int) -> Release | None:
    return published_releases().filter(year=year).first()


def workspace_releases() -> QuerySet[Release]:
    return Release.objects.select_related("drafted_by", "first_approved_by", "second_approved_by").order_by(
        "-year", "-id"
    )
