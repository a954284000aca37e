from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from weerbaar.accounts.tokens import api_token_authenticate


class StaffTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <token>`` for staff integrations."""

    keyword = "Token"

    def authenticate(self, request: HttpRequest) -> tuple[Any, str] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header.")
        try:
            token = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid token.") from exc
        user = api_token_authenticate(token)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        return user, token

    def authenticate_header(self, request: HttpRequest) -> str:
        return 'Token realm="api"'


class StaffTokenScheme(OpenApiAuthenticationExtension):
    target_class = "weerbaar.accounts.authentication.StaffTokenAuthentication"
    name = "staffToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Staff API token: `Token wbt_…` (create with `weerbaar staff token USERNAME`).",
        }
