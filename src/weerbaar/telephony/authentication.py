"""The telephony provider signs each webhook body; the signature is its whole authentication.

No staff session or token opens the webhook, and none is needed: a request either carries a valid
``X-Weerbaar-Signature`` for its exact body, or it is refused with 401 before the body is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, status
from rest_framework.request import Request

from weerbaar.telephony.signature import HEADER, secrets_configured, signature_valid

SIGNATURE_INVALID = "Missing or invalid X-Weerbaar-Signature: expected sha256=<hex HMAC-SHA256 of the raw body>."


@dataclass(frozen=True)
class TelephonyProvider:
    """The principal of a correctly signed webhook request."""

    is_authenticated: bool = True
    username: str = "telephony"


class WebhookNotConfigured(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The phone line webhook is not configured on this installation (no secret)."


class TelephonySignatureAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[TelephonyProvider, None]:
        secrets = secrets_configured()
        if not secrets:
            raise WebhookNotConfigured()
        body = request._request.body  # the raw bytes, exactly as signed; nothing has parsed them yet
        if not signature_valid(body, request.headers.get(HEADER), secrets):
            raise exceptions.AuthenticationFailed(SIGNATURE_INVALID)
        return TelephonyProvider(), None

    def authenticate_header(self, request: Request) -> str:
        return 'Signature realm="call-events", header="X-Weerbaar-Signature"'


class IsTelephonyProvider(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.user, TelephonyProvider)


class TelephonySignatureScheme(OpenApiAuthenticationExtension):
    target_class = "weerbaar.telephony.authentication.TelephonySignatureAuthentication"
    name = "telephonySignature"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": HEADER,
            "description": "`sha256=` followed by the hex HMAC-SHA256 of the raw request body, keyed with the "
            "shared secret `WEERBAAR_TELEPHONY_SECRET`.",
        }
