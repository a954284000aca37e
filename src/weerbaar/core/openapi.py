"""OpenAPI pieces shared by every API module: the problem+json schema and the post-processing hooks.

The generated document must pass the NL API Design Rules linter (``standards/``):
every response documents the ``API-Version`` header, every error is
``application/problem+json`` with ``status``, ``title`` and ``detail``, and the
server URL carries the major version (``/api/v1``).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from weerbaar.core.api import PROBLEM_CONTENT_TYPE

API_VERSION_HEADER = "API-Version"

ERROR_DESCRIPTIONS = {
    400: "Invalid input: `invalidParams` names each bad field (or `body` for a body that is not a JSON object).",
    401: "Not authenticated: no, an unknown, an expired or a revoked token.",
    403: "This role never has access to cases (analyst, administrator).",
    404: "Not found, or not visible to you: the answer never reveals whether a case exists.",
    409: "Conflict with the case's current state (for example an illegal status transition).",
    406: "Not acceptable: the `Accept` header excludes every media type this operation answers with.",
    413: "Content too large: the request body exceeds the size limit.",
    415: "Unsupported media type: send `Content-Type: application/json`.",
    429: "Too many requests from this address; see `Retry-After`.",
    500: "Our fault: the answer carries no internals.",
}
PAGE_NOT_FOUND = "No such page: `page` is not a whole number from 1 up to the number of pages."
# What any operation may answer (content negotiation and the error handler sit in front of every view), and what
# any operation with a request body may answer (the body size limit).
EVERY_OPERATION_ERRORS = (406, 500)
REQUEST_BODY_ERRORS = (413,)


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The lowerCamelCase name of the bad field, or `body`.")
    reason = serializers.CharField(help_text="Why the value was refused (safe to show; never echoes the value).")


class ProblemDetailsSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    invalidParams = InvalidParamSerializer(many=True, required=False)
    code = serializers.CharField(
        required=False, help_text="A machine-readable reason when there is one, e.g. `aftercare_open` on a 409."
    )


def problem_responses(*codes: int) -> dict[Any, OpenApiResponse]:
    """``extend_schema(responses=...)`` entries for error codes, as ``application/problem+json``."""
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemDetailsSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in codes
    }


def _is_response_code(key: str) -> bool:
    return len(key) == 3 and key[0] in "12345" and key.isdigit()


def add_common_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Document the errors every operation can answer (406, 500; 413 with a body), as ``docs/api.md`` lists them."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = EVERY_OPERATION_ERRORS + (REQUEST_BODY_ERRORS if "requestBody" in operation else ())
            responses = operation["responses"]
            if any(p.get("in") == "query" and p.get("name") == "page" for p in operation.get("parameters", [])):
                # A page beyond the last one (or not a page number) is a 404, as docs/api.md says; found undocumented
                # by the schemathesis run (tests/security/test_api_fuzz.py).
                responses.setdefault(
                    "404",
                    {
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
                        "description": PAGE_NOT_FOUND,
                    },
                )
            for code in codes:
                responses.setdefault(
                    str(code),
                    {
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
                        "description": ERROR_DESCRIPTIONS[code],
                    },
                )
            operation["responses"] = dict(sorted(responses.items()))
    return result


def add_api_version_header(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Document the ``API-Version`` header (set by ``ApiVersionMiddleware``) on every response."""
    components = result.setdefault("components", {})
    components.setdefault("headers", {})[API_VERSION_HEADER] = {
        "description": "The full version of the API that answered (semantic versioning).",
        "required": True,
        "schema": {"type": "string", "example": result.get("info", {}).get("version", "1.0.0")},
    }
    reference = {"$ref": f"#/components/headers/{API_VERSION_HEADER}"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for code, response in operation.get("responses", {}).items():
                if _is_response_code(str(code)):
                    response.setdefault("headers", {})[API_VERSION_HEADER] = reference
    return result
