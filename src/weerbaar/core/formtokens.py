"""One-time form tokens against double submission (a double click, a refresh, the back button).

A token is a signed, timestamped random nonce put in a hidden field when the form is shown. Sending the
form claims it in the cache (``cache.add`` is atomic), so only the first request of that form goes
through; a submission that did not happen (invalid input, an unexpected error) gives it back.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache


@dataclass(frozen=True)
class OneTimeFormToken:
    salt: str  # the signing salt: a token of one form is never valid for another
    namespace: str  # the cache key prefix of used tokens
    max_age: int  # seconds a shown form stays sendable

    def new(self) -> str:
        return signing.dumps({"n": secrets.token_urlsafe(16)}, salt=self.salt, compress=False)

    def _nonce(self, token: str) -> str | None:
        try:
            data = signing.loads(token or "", salt=self.salt, max_age=self.max_age)
        except signing.BadSignature:  # includes SignatureExpired
            return None
        nonce = data.get("n") if isinstance(data, dict) else None
        return nonce if isinstance(nonce, str) and nonce else None

    def _used_key(self, nonce: str) -> str:
        return f"{self.namespace}:form-token-used:{nonce}"

    def state(self, token: str) -> str:
        """``valid``, ``used`` (this form was already sent) or ``invalid`` (tampered or expired)."""
        nonce = self._nonce(token)
        if nonce is None:
            return "invalid"
        return "used" if cache.get(self._used_key(nonce)) else "valid"

    def claim(self, token: str) -> bool:
        """Mark the token used; False when another request claimed it first."""
        nonce = self._nonce(token)
        return nonce is not None and cache.add(self._used_key(nonce), 1, timeout=self.max_age + 60)

    def release(self, token: str) -> None:
        """Give the token back when the submission did not happen."""
        nonce = self._nonce(token)
        if nonce is not None:
            cache.delete(self._used_key(nonce))
