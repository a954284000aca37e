"""Write use cases of the standard advice texts: create, update (with a new version), (de)activate, seed.

Only coordinators write (``policy.can_manage_advice_texts``; others get ``Forbidden``). Every saved state
is kept as an ``AdviceTextVersion``; the audit log gets ids and version numbers only.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.advice.models import AdviceText, AdviceTextVersion
from weerbaar.advice.validation import AdviceTextInput, validate_advice_text
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Forbidden, InvalidInput, NotFound

FIELDS = ("topic", "title", "language", "body", "active", "position")


def _may_manage(actor: Any) -> None:
    if not policy.can_manage_advice_texts(actor):
        raise Forbidden(_("Alleen coördinatoren beheren de standaardteksten."))


def _duplicate_title() -> InvalidInput:
    return InvalidInput(
        _("Controleer de gemarkeerde velden."),
        invalid_params=[{"name": "title", "reason": _("Er is al een standaardtekst met deze titel in deze taal.")}],
    )


def _add_version(text: AdviceText) -> AdviceTextVersion:
    return AdviceTextVersion.objects.create(
        text=text,
        number=text.version,
        topic=text.topic,
        title=text.title,
        language=text.language,
        body=text.body,
        active=text.active,
        updated_at=text.updated_at,
        updated_by=text.updated_by,
    )


def _title_taken(data: AdviceTextInput, exclude: int | None = None) -> bool:
    queryset = AdviceText.objects.filter(language=data.language, title=data.title)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.exists()


def advice_text_create(*, actor: Any, raw: dict[str, Any], now: Any = None) -> AdviceText:
    _may_manage(actor)
    data = validate_advice_text(raw)
    now = now or clock.now()
    try:
        with transaction.atomic():
            if _title_taken(data):
                raise _duplicate_title()
            text = AdviceText.objects.create(
                **{name: getattr(data, name) for name in FIELDS},
                created_at=now,
                updated_at=now,
                updated_by=actor,
                version=1,
            )
            _add_version(text)
            audit_record(actor=actor, action="advice_text.created", object_type="advice_text", object_id=str(text.pk))
    except IntegrityError as exc:  # the same title saved at the same moment by someone else
        raise _duplicate_title() from exc
    return text


def advice_text_update(*, actor: Any, text_id: int, raw: dict[str, Any], now: Any = None) -> AdviceText:
    """Replace every field; a new version is stored only when something actually changed."""
    _may_manage(actor)
    data = validate_advice_text(raw)
    try:
        with transaction.atomic():
            text = AdviceText.objects.select_for_update().filter(pk=text_id).first()
            if text is None:
                raise NotFound(_("Deze standaardtekst bestaat niet."))
            if all(getattr(text, name) == getattr(data, name) for name in FIELDS):
                return text
            if _title_taken(data, exclude=text.pk):
                raise _duplicate_title()
            for name in FIELDS:
                setattr(text, name, getattr(data, name))
            text.updated_at = now or clock.now()
            text.updated_by = actor
            text.version += 1
            text.save()
            _add_version(text)
            audit_record(
                actor=actor,
                action="advice_text.updated",
                object_type="advice_text",
                object_id=str(text.pk),
                details={"version": text.version},
            )
    except IntegrityError as exc:
        raise _duplicate_title() from exc
    return text


def advice_text_set_active(*, actor: Any, text_id: int, active: bool, now: Any = None) -> AdviceText:
    """Deactivate (no longer offered for inserting) or reactivate a text; kept, with its history."""
    _may_manage(actor)
    with transaction.atomic():
        text = AdviceText.objects.select_for_update().filter(pk=text_id).first()
        if text is None:
            raise NotFound(_("Deze standaardtekst bestaat niet."))
        if text.active == active:
            return text
        text.active = active
        text.updated_at = now or clock.now()
        text.updated_by = actor
        text.version += 1
        text.save()
        _add_version(text)
        audit_record(
            actor=actor,
            action="advice_text.activated" if active else "advice_text.deactivated",
            object_type="advice_text",
            object_id=str(text.pk),
            details={"version": text.version},
        )
    return text


def advice_texts_seed(*, now: Any = None) -> int:
    """Load the starting set (``advice.seed``) when there are no texts at all yet; returns how many.

    Idempotent: once any text exists (seeded or written by a coordinator) it adds nothing, so a coordinator's
    edits and deletions are never undone by running ``weerbaar seed`` again.
    """
    from weerbaar.advice.seed import SEED_TEXTS

    now = now or clock.now()
    with transaction.atomic():
        if AdviceText.objects.exists():
            return 0
        for position, item in enumerate(SEED_TEXTS):
            data = validate_advice_text({**item, "position": position})
            text = AdviceText.objects.create(
                **{name: getattr(data, name) for name in FIELDS}, created_at=now, updated_at=now, version=1
            )
            _add_version(text)
        audit_record(
            actor=None, action="advice_text.seeded", object_type="advice_text", details={"count": len(SEED_TEXTS)}
        )
    return len(SEED_TEXTS)
