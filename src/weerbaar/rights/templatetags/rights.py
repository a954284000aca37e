"""``{% erasure_state case as state %}``: the state of the case's latest erasure request for Mijn zaak (status
and dates only; the explanation of a refusal is read on the page "Uw gegevens")."""

from __future__ import annotations

from typing import Any

from django import template

from weerbaar.rights.models import ErasureRequest

register = template.Library()


@register.simple_tag
def erasure_state(case: Any) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(case_id=case.pk).only("status", "requested_at", "due_on", "decided_at").first()


@register.simple_tag
def contact_erased_at(case: Any) -> Any:
    """When the case's contact details were erased on their own (retention policy), or None."""
    from weerbaar.destruction.services import contact_erased_at as erased_at

    return erased_at(case)
