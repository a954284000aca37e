"""Domain errors raised by services and mapped in one place to HTTP (API) or messages (web)."""

from __future__ import annotations


class DomainError(Exception):
    """Base class; ``message`` is safe to show to the user (no case content)."""

    status = 400
    title = "Bad request"

    def __init__(self, message: str = "", *, code: str = "") -> None:
        super().__init__(message or self.title)
        self.message = message or self.title
        self.code = code


class NotFound(DomainError):
    """Missing or not visible to this user: the same answer for both, never revealing existence."""

    status = 404
    title = "Not found"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class RateLimited(DomainError):
    status = 429
    title = "Too many requests"

    def __init__(self, message: str = "", *, retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class InvalidInput(DomainError):
    status = 400
    title = "Invalid input"

    def __init__(self, message: str = "", *, invalid_params: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.invalid_params = invalid_params or []


class Errors:
    """Collects ``invalidParams`` entries while a rule set checks every field, then raises them together."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, name: str, reason: str) -> None:
        self.items.append({"name": name, "reason": reason})

    def raise_if_any(self) -> None:
        if self.items:
            from django.utils.translation import gettext

            raise InvalidInput(gettext("Controleer de gemarkeerde velden."), invalid_params=self.items)
