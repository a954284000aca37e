"""Read queries of the directory."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from weerbaar.directory.models import Association, DirectoryContact, Municipality, Province


def associations_with_contacts() -> QuerySet[Association]:
    return Association.objects.prefetch_related(
        Prefetch("contacts", queryset=DirectoryContact.objects.filter(is_active=True).order_by("order", "name"))
    ).order_by("order")


def municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("province").order_by("name")


def provinces() -> QuerySet[Province]:
    return Province.objects.order_by("name")


def associations_for_management() -> QuerySet[Association]:
    """Every association with all its listed contacts, hidden ones included (directory management)."""
    return Association.objects.prefetch_related(
        Prefetch("contacts", queryset=DirectoryContact.objects.order_by("order", "name"))
    ).order_by("order")
