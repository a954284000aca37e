"""Staff API tokens: ``wbt_<prefix>_<secret>``, stored as SHA-256 of the whole token."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import ApiToken, User
from weerbaar.core.audit import audit_record


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, actor: object = None) -> str:
    """Create a new token for ``user`` and return it; it is never shown again."""
    prefix = secrets.token_hex(6)
    token = f"wbt_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        ApiToken.objects.create(user=user, prefix=prefix, token_hash=_digest(token))
        audit_record(actor=actor, action="api_token.created", object_type="user", object_id=user.username)
    return token


def api_token_authenticate(token: str) -> User | None:
    parts = token.split("_")
    if len(parts) < 3 or parts[0] != "wbt":
        return None
    row = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if row is None or not hmac.compare_digest(row.token_hash, _digest(token)):
        return None
    if not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
