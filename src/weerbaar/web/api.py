"""The two kinds of API endpoint, and what they share: path parameters, error codes, pagination, choices, 201.

- ``StaffCaseView``: staff with a token (``Authorization: Token``); anonymous 401, analysts and administrators 403
  on every case endpoint. Which case a user may see is the policy's (``policy.access_case`` and friends, 404).
- ``OfficeHolderView``: the office holder with the bearer token of a follow-up session
  (``Authorization: Bearer``, from ``POST /follow-up-sessions``); a staff token does not count here. Only the
  own case (``policy.access_case_as_office_holder``, else 404).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter
from rest_framework import authentication, exceptions, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts import policy
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.web.office_holders import sessions

REFERENCE_PATTERN = r"^WB-[0-9A-Z]{4}-[0-9A-Z]{4}$"
CASE_REFERENCE = OpenApiParameter(
    "reference",
    str,
    OpenApiParameter.PATH,
    description="The case reference, for example `WB-7K3M-Q9XD`.",
    pattern=REFERENCE_PATTERN,
)
HELP_REQUEST_REFERENCE = OpenApiParameter(
    "reference",
    str,
    OpenApiParameter.PATH,
    description="The reference of the own help request, for example `WB-7K3M-Q9XD`.",
    pattern=REFERENCE_PATTERN,
)
CASE_ERRORS = (400, 401, 403, 404)  # what every staff case endpoint can answer besides its own codes
OFFICE_HOLDER_ERRORS = (400, 401, 404)  # the same for the office holder's endpoints (never 403: only the own case)

# --- staff --------------------------------------------------------------------------------------------------


class CaseEndpointAccess(permissions.BasePermission):
    """Signed in with a staff token (else 401); analysts and administrators get 403 on every case endpoint."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not policy.is_staff_member(request.user):
            return False
        policy.may_use_case_endpoints(request.user)  # raises Forbidden -> 403 problem
        return True


# The base of every staff endpoint about cases (cases, tasks, incidents, referrals, aftercare). No docstring: a
# view's docstring becomes the description of its operations in the OpenAPI document.
class StaffCaseView(APIView):
    permission_classes = [CaseEndpointAccess]


# --- office holder ------------------------------------------------------------------------------------------

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
        principal = sessions().from_token(token)
        if principal is None:
            raise exceptions.AuthenticationFailed(SESSION_INVALID_MESSAGE)
        return principal, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class IsOfficeHolder(permissions.BasePermission):
    """Only an authenticated office holder; staff tokens do not count here."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.user, OfficeHolder)


class OfficeHolderBearerScheme(OpenApiAuthenticationExtension):
    target_class = "weerbaar.web.api.OfficeHolderBearerAuthentication"
    name = "officeHolderBearer"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Office holder session token (`wbs_…`) from `POST /follow-up-sessions`; it expires.",
        }


# The base of every endpoint of the office holder (help request, messages, incidents, referrals, check-ins).
class OfficeHolderView(APIView):
    authentication_classes = [OfficeHolderBearerAuthentication]
    permission_classes = [IsOfficeHolder]


# --- lists --------------------------------------------------------------------------------------------------

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    """``?page=`` (from 1) and ``?pageSize=`` (25 unless given, at most 100); answers ``PageSerializer``."""

    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE


# The envelope of a page; a subclass adds ``results`` (and anything else the list answers). No docstring: it would
# become the description of every page in the OpenAPI document.
class PageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


# --- shapes -------------------------------------------------------------------------------------------------


def choice_field(choices: Any, **kwargs: Any) -> serializers.ChoiceField:
    """An optional choice whose error lists the options and never echoes the value that was sent."""
    values = [c[0] if isinstance(c, tuple) else c for c in choices]
    message = "Choose one of: " + ", ".join(values) + "."
    return serializers.ChoiceField(
        choices=choices, required=False, error_messages={"invalid_choice": message}, **kwargs
    )


# --- answers ------------------------------------------------------------------------------------------------


def created(request: Request, data: Any, url_name: str, **kwargs: Any) -> Response:
    """201 Created with ``data`` and the new resource's absolute address (``url_name`` with ``kwargs``) in
    ``Location``."""
    response = Response(data, status=status.HTTP_201_CREATED)
    response["Location"] = request.build_absolute_uri(reverse(url_name, kwargs=kwargs))
    return response
