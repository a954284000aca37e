"""What a destruction would take, without changing anything: for the retention app's dry run and its pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.models import Session
from django.db.models import CASCADE, ForeignObjectRel, Model, Q

from weerbaar.cases.models import Case
from weerbaar.destruction.models import DestroyedCase
from weerbaar.destruction.services import portal_sessions
from weerbaar.incidents.models import Evidence
from weerbaar.notifications.models import Notification, OutgoingMail
from weerbaar.telephony.models import Call


@dataclass(frozen=True)
class Inventory:
    """Counts per kind of row (``"cases.casenote": 3``) and the number of vault files; no content."""

    reference: str
    rows: dict[str, int]
    files: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def destruction_inventory(case: Case) -> Inventory:
    """Exactly what ``case_destroy`` would remove for ``case``: every row by model label, and the vault files."""
    found: dict[type[Model], set[Any]] = defaultdict(set)

    def visit(model: type[Model], ids: set[Any]) -> None:
        """The rows that go with ``ids`` of ``model`` through CASCADE, as the database delete follows them."""
        for relation in model._meta.get_fields(include_hidden=True):  # hidden: related_name="+" cascades too
            if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
                continue
            if relation.on_delete is not CASCADE:
                continue
            related: type[Model] = relation.related_model  # type: ignore[assignment]  # a concrete model here
            keys = related._base_manager.filter(**{f"{relation.field.name}__in": ids}).values_list("pk", flat=True)
            new = set(keys) - found[related]
            if new:
                found[related] |= new
                visit(related, new)

    reference = case.reference
    found[Case].add(case.pk)
    visit(Case, {case.pk})
    calls = set(Call.objects.filter(matched_case=case).values_list("pk", flat=True))
    found[Call] |= calls
    visit(Call, calls)
    about = Q(key__contains=reference) | Q(link__contains=reference)
    found[Notification] |= set(Notification.objects.filter(about).values_list("pk", flat=True))
    mails = Q(key__contains=reference) | Q(body__contains=reference)
    found[OutgoingMail] |= set(OutgoingMail.objects.filter(mails).values_list("pk", flat=True))
    found[Session] |= set(portal_sessions(case))
    files = sum(
        1
        for row in Evidence.objects.filter(case=case).values_list(
            "storage_name", "preview_storage_name", "blurred_storage_name"
        )
        for name in row
        if name
    )
    rows = {model._meta.label_lower: len(ids) for model, ids in found.items() if ids}
    return Inventory(reference=reference, rows=dict(sorted(rows.items())), files=files)


def destroyed_case(reference: str) -> DestroyedCase | None:
    """The tombstone of a destroyed case, or None."""
    return DestroyedCase.objects.filter(reference=reference).prefetch_related("approved_by").first()
