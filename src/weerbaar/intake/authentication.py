"""``Authorization: Bearer <token>`` for the office holder, with a token from ``POST /api/v1/follow-up-sessions``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request

from weerbaar.accounts.policy import OfficeHolder
from weerbaar.intake.services import follow_up_session_resolve

SESSION_INVALID_MESSAGE = "Ongeldige of verlopen sessie. Meld u opnieuw aan met uw zaaknummer en code."


class OfficeHolderBearerAuthentication(authentication.BaseAuthentication):
    """Resolves a follow-up session token to the ``OfficeHolder`` principal of exactly one case."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[OfficeHolder, str] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(SESSION_INVALID_MESSAGE)
        try:
            token = header[1].decode("ascii")
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(SESSION_INVALID_MESSAGE) from exc
        principal = follow_up_session_resolve(token)
        if principal is None:
            raise exceptions.AuthenticationFailed(SESSION_INVALID_MESSAGE)
        return principal, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class IsOfficeHolder(permissions.BasePermission):
    """Only an authenticated office holder; staff tokens do not count here."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.user, OfficeHolder)


class OfficeHolderBearerScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "weerbaar.intake.authentication.OfficeHolderBearerAuthentication"
    name = "officeHolderBearer"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Office holder session token (`wbs_…`) from `POST /follow-up-sessions`; it expires.",
        }
