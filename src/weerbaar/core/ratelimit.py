"""Fixed-window rate limits, counted atomically in the database so that all workers agree.

Each attempt is one statement — ``INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`` on
PostgreSQL and SQLite alike — so parallel attempts each get their own count and are checked against the limit
exactly. (Django's database cache, used before, counts with a read and then a write: 40 parallel wrong
follow-up codes were checked 15 to 17 times against a limit of 10 on PostgreSQL.)

Call ``hit`` outside a transaction that may roll back: a rolled-back count would not count.
"""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from weerbaar.core.errors import RateLimited


def client_address(request: HttpRequest) -> str:
    """The client's address for rate limiting.

    Without trusted proxies this is ``REMOTE_ADDR``: X-Forwarded-For is trivially forged. Behind
    ``WEERBAAR_TRUSTED_PROXIES`` = N reverse proxies, each appending to X-Forwarded-For, the
    N-th address from the right is the one the outermost trusted proxy saw.
    """
    trusted: int = settings.WEERBAAR.get("TRUSTED_PROXIES", 0)
    if trusted > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(bucket: str, key: str, *, limit: int, window_seconds: int, message: str) -> None:
    """Count one attempt; raise ``RateLimited`` once ``limit`` is exceeded in the window. ``limit`` 0 = off."""
    if limit <= 0:
        return
    now = time.time()
    window = int(now // window_seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    count = count_attempt(f"rl:{bucket}:{window}:{digest}", expires=(window + 1) * window_seconds)
    if count > limit:
        retry_after = window_seconds - int(now) % window_seconds
        raise RateLimited(message, retry_after=max(retry_after, 1))


def count_attempt(counter_key: str, *, expires: float) -> int:
    """Add one to the counter ``counter_key`` (created at 1 when new) and return its new value, in one statement."""
    from weerbaar.core.models import RateLimitCounter

    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    key, count, expires_at = (connection.ops.quote_name(name) for name in ("key", "count", "expires_at"))
    sql = (
        f"INSERT INTO {table} ({key}, {count}, {expires_at}) VALUES (%s, 1, %s) "  # noqa: S608 (names, not input)
        f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
    )
    with connection.cursor() as cursor:
        expires_value = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(expires, tz=UTC))
        cursor.execute(sql, [counter_key, expires_value])
        row = cursor.fetchone()
    return int(row[0])


def counters_prune(now: datetime) -> int:
    """Delete the counters of windows that have passed; returns how many."""
    from weerbaar.core.models import RateLimitCounter

    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=now).delete()
    return deleted
