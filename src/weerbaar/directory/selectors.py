"""Read queries of the directory."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from weerbaar.directory.models import Association, DirectoryContact, Municipality, Partner, Province


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


def active_partners(kind: str | None = None, province: Province | str | int | None = None) -> QuerySet[Partner]:
    """Active partners, optionally of one kind and serving one province (or nationwide).

    ``province`` is a Province, its code ("PV27") or its id. Availability is not filtered here:
    callers rank or filter on ``available`` themselves (a partner may be temporarily full)."""
    qs = Partner.objects.filter(active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if province is not None and province != "":
        if isinstance(province, Province):
            served = Q(provinces=province)
        elif isinstance(province, int):
            served = Q(provinces__id=province)
        else:
            served = Q(provinces__code=province)
        ids = Partner.objects.filter(served).values("id")
        qs = qs.filter(Q(nationwide=True) | Q(id__in=ids))
    return qs.prefetch_related("provinces").order_by("name", "id")


def partners_filtered(
    *, kind: str = "", province: str = "", available: str = "", status: str = ""
) -> QuerySet[Partner]:
    """The partner list (management page and API): kind, province (code; nationwide partners included),
    available ("yes"/"no"), status ("" active, "inactive", "all")."""
    if status == "all":
        qs = Partner.objects.all()
    elif status == "inactive":
        qs = Partner.objects.filter(active=False)
    else:
        qs = Partner.objects.filter(active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if province:
        ids = Partner.objects.filter(provinces__code=province).values("id")
        qs = qs.filter(Q(nationwide=True) | Q(id__in=ids))
    if available == "yes":
        qs = qs.filter(available=True)
    elif available == "no":
        qs = qs.filter(available=False)
    return qs.prefetch_related("provinces").order_by("name", "id")


def partner_get(partner_id: int) -> Partner | None:
    if not 0 < partner_id < 2**31:  # ids beyond the integer column simply do not exist (PostgreSQL would refuse them)
        return None
    return Partner.objects.prefetch_related("provinces", "accounts").filter(pk=partner_id).first()
