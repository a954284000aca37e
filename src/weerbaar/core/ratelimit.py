"""Fixed-window rate limits in the shared cache (database cache by default, so all workers agree)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
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
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"rl:{bucket}:{window}:{digest}"
    added = cache.add(cache_key, 1, timeout=window_seconds + 5)
    count = 1 if added else _incr(cache_key, window_seconds)
    if count > limit:
        retry_after = window_seconds - int(time.time()) % window_seconds
        raise RateLimited(message, retry_after=max(retry_after, 1))


def _incr(cache_key: str, window_seconds: int) -> int:
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 5)
        return 1
