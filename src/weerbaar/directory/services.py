"""Write use cases of the directory: loading reference data, managing listed contacts and the partner network."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.core.audit import audit_record
from weerbaar.core.errors import InvalidInput, NotFound
from weerbaar.directory.models import Association, DirectoryContact, Municipality, Partner, Province
from weerbaar.directory.reference_data import ASSOCIATIONS, DATA_DIR, NATIONAL_PHONE
from weerbaar.directory.validation import partner_input


@dataclass(frozen=True)
class SeedResult:
    associations: int
    contacts: int
    provinces: int
    municipalities: int


@transaction.atomic
def reference_data_load() -> SeedResult:
    """Idempotent: creates or updates every row; running it twice changes nothing."""
    contacts = 0
    for order, data in enumerate(ASSOCIATIONS):
        association, _ = Association.objects.update_or_create(
            code=data.code,
            defaults={
                "name": data.name,
                "short_name": data.short_name,
                "phone": NATIONAL_PHONE,
                "email": data.email,
                "contact_title": data.contact_title,
                "order": order,
            },
        )
        for contact_order, name in enumerate(data.contacts):
            DirectoryContact.objects.get_or_create(
                association=association, name=name, defaults={"order": contact_order}
            )
            contacts += 1
    with open(DATA_DIR / "provinces.csv", encoding="utf-8", newline="") as handle:
        provinces = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    for code, name in provinces.items():
        Province.objects.update_or_create(code=code, defaults={"name": name})
    by_code = {p.code: p for p in Province.objects.all()}
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = {m.code: m for m in Municipality.objects.all()}
    missing, changed = [], []
    for row in rows:
        current = existing.get(row["code"])
        province = by_code[row["province_code"]]
        if current is None:
            missing.append(Municipality(code=row["code"], name=row["name"], province=province))
        elif current.name != row["name"] or current.province_id != province.pk:
            current.name, current.province = row["name"], province
            changed.append(current)
    Municipality.objects.bulk_create(missing, batch_size=500)
    Municipality.objects.bulk_update(changed, ["name", "province"], batch_size=500)
    return SeedResult(len(ASSOCIATIONS), contacts, len(provinces), len(rows))


def directory_contact_add(*, actor: object, association_code: str, name: str) -> DirectoryContact:
    name = name.strip()
    if not name or len(name) > 150:
        raise InvalidInput(
            _("Vul een naam in van hoogstens 150 tekens."), invalid_params=[{"name": "name", "reason": "required"}]
        )
    association = Association.objects.filter(code=association_code).first()
    if association is None:
        raise NotFound(_("Onbekende vereniging."))
    with transaction.atomic():
        if DirectoryContact.objects.filter(association=association, name=name).exists():
            raise InvalidInput(
                _("Deze contactpersoon staat al in de lijst."), invalid_params=[{"name": "name", "reason": "duplicate"}]
            )
        order = association.contacts.count()
        contact = DirectoryContact.objects.create(association=association, name=name, order=order)
        audit_record(
            actor=actor, action="directory.contact_added", object_type="association", object_id=association.code
        )
    return contact


def directory_contact_set_active(*, actor: object, contact_id: int, active: bool) -> DirectoryContact:
    with transaction.atomic():
        contact = DirectoryContact.objects.select_for_update().filter(pk=contact_id).first()
        if contact is None:
            raise NotFound(_("Onbekende contactpersoon."))
        contact.is_active = active
        contact.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="directory.contact_shown" if active else "directory.contact_hidden",
            object_type="association",
            object_id=contact.association.code,
        )
    return contact


# --- the partner network -------------------------------------------------------------


def _partner_for_update(partner_id: int) -> Partner:
    partner = Partner.objects.select_for_update().filter(pk=partner_id).first()
    if partner is None:
        raise NotFound(_("Deze partner bestaat niet."))
    return partner


def _changed_fields(partner: Partner, values: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in values.items():
        if getattr(partner, name) != value:
            setattr(partner, name, value)
            changed.append(name)
    return changed


def partner_create(*, actor: object, raw: dict[str, Any]) -> Partner:
    """Add a partner to the network from API-shaped input (see ``validation.partner_input``)."""
    checked = partner_input(raw)
    with transaction.atomic():
        partner = Partner.objects.create(**checked.values)
        partner.provinces.set(checked.provinces or [])
        audit_record(
            actor=actor,
            action="partner.created",
            object_type="partner",
            object_id=str(partner.pk),
            details={"kind": partner.kind},
        )
    return partner


def partner_update(*, actor: object, partner_id: int, raw: dict[str, Any], partial: bool = True) -> Partner:
    """Change a partner's fields (only those given when ``partial``). Audits the names of changed fields."""
    checked = partner_input(raw, partial=partial)
    with transaction.atomic():
        partner = _partner_for_update(partner_id)
        changed = _changed_fields(partner, checked.values)
        provinces_changed = False
        if checked.provinces is not None:
            current = set(partner.provinces.values_list("pk", flat=True))
            provinces_changed = current != {p.pk for p in checked.provinces}
        nationwide = partner.nationwide
        has_provinces = bool(checked.provinces) if checked.provinces is not None else partner.provinces.exists()
        if not nationwide and not has_provinces:
            raise InvalidInput(
                _("Controleer de gemarkeerde velden."),
                invalid_params=[{"name": "provinces", "reason": _("Kies minstens één provincie, of kies landelijk.")}],
            )
        if changed:
            partner.save(update_fields=[*changed, "updated_at"])
        if provinces_changed:
            partner.provinces.set(checked.provinces or [])
            changed.append("provinces")
        if changed:
            audit_record(
                actor=actor,
                action="partner.updated",
                object_type="partner",
                object_id=str(partner.pk),
                details={"fields": sorted(changed)},
            )
    return partner


def partner_set_active(*, actor: object, partner_id: int, active: bool) -> Partner:
    """Deactivate or reactivate a partner. Partners are never deleted (referrals and accounts point to them);
    a deactivated partner is left out of suggestions and its accounts see no partner pages
    (``policy.partner_of`` gives None)."""
    with transaction.atomic():
        partner = _partner_for_update(partner_id)
        if partner.active != active:
            partner.active = active
            partner.save(update_fields=["active", "updated_at"])
            audit_record(
                actor=actor,
                action="partner.reactivated" if active else "partner.deactivated",
                object_type="partner",
                object_id=str(partner.pk),
            )
    return partner


def partner_set_available(*, actor: object, partner_id: int, available: bool) -> Partner:
    """The quick switch: whether the partner takes new referrals now (coordinators, or the partner itself)."""
    with transaction.atomic():
        partner = _partner_for_update(partner_id)
        if partner.available != available:
            partner.available = available
            partner.save(update_fields=["available", "updated_at"])
            audit_record(
                actor=actor,
                action="partner.available" if available else "partner.unavailable",
                object_type="partner",
                object_id=str(partner.pk),
            )
    return partner
