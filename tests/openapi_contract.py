"""Every API response a test receives is checked against the OpenAPI document the API serves.

The document is fetched once per test session from ``/api/v1/openapi.json`` (the view the API serves, not the
committed copy in docs/) and loaded with openapi-core, which also checks that it is a valid OpenAPI 3.0 document.
Then each response to ``/api/v1/...`` that Django's test client (and so DRF's ``APIClient``) hands back is
validated: its status code must be documented for the operation, its content type must be one documented for that
status, its documented headers must be present and match, and a JSON body must match the documented schema. A
binary body (PDF, ZIP, evidence content) is checked for its documented status and media type only.

A request to a path or method the document does not describe must be refused as problem details ("not found",
"method not allowed", or "not authenticated" on a staff path): anything else there is an undocumented operation and
fails the test.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

API_PREFIX = "/api/v1"
SCHEMA_PATH = f"{API_PREFIX}/openapi.json"
NOT_CHECKED = {SCHEMA_PATH, f"{API_PREFIX}/docs"}  # the document itself and the Swagger UI page
JSON_TYPES = ("application/json", "application/problem+json")
REFUSALS_OF_UNDOCUMENTED_OPERATIONS = {401, 404, 405}
_PASSED: set[tuple] = set()  # responses (by everything the check reads) that matched the document


class ResponseOutsideTheDocument(AssertionError):
    """A response the OpenAPI document does not describe."""


@functools.cache
def served_document() -> dict[str, Any]:
    """The OpenAPI document exactly as ``GET /api/v1/openapi.json`` serves it (generated once per session)."""
    from django.test import RequestFactory
    from django.urls import resolve

    request = RequestFactory().get(SCHEMA_PATH)
    response = resolve(SCHEMA_PATH).func(request)
    response.render()
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


def _closed(node: Any) -> Any:
    """A copy of a document in which every object schema with ``properties`` allows no other members.

    drf-spectacular leaves ``additionalProperties`` out, which lets a response carry fields the document never
    mentions; the tests hold the API to "every field it returns is documented".
    """
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {key: _closed(value) for key, value in node.items()}
    if "properties" in node and node.get("type") == "object" and "additionalProperties" not in node:
        closed["additionalProperties"] = False
    if "allOf" in node and node.get("nullable") is True and "type" not in node:
        # drf-spectacular writes a nullable reference as {"allOf": [{"$ref": …}], "nullable": true}, which the tools
        # (Swagger UI, generators) read as "the referenced object or null"; OpenAPI 3.0.3's wording applies nullable
        # only next to a type, so the validator is told that reading explicitly.
        return {
            "anyOf": [
                {key: value for key, value in closed.items() if key != "nullable"},
                {"enum": [None], "nullable": True},
            ]
        }
    return closed


@functools.cache
def openapi_document_closed() -> dict[str, Any]:
    return _closed(served_document())


@functools.cache
def openapi() -> OpenAPI:
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(openapi_document_closed(), config=config)


@dataclass
class _Request:
    """What openapi-core needs of a request to find its operation (the body is not validated here)."""

    method: str
    path: str
    host_url: str = "http://testserver"
    content_type: str = ""
    body: bytes | None = None
    parameters: RequestParameters = field(default_factory=RequestParameters)


@dataclass
class _Response:
    status_code: int
    content_type: str
    headers: Headers
    data: bytes


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip() in JSON_TYPES


def check_response(response: Any) -> None:
    """Raise ``ResponseOutsideTheDocument`` when an ``/api/v1`` response does not match the served document."""
    request = getattr(response, "wsgi_request", None)
    if request is None:
        return
    path = request.path
    if not path.startswith(f"{API_PREFIX}/") or path in NOT_CHECKED:
        return
    content_type = response.get("Content-Type", "")
    binary = not _is_json(content_type) or getattr(response, "streaming", False)
    # openapi-core checks the media type of a binary body against the document; the bytes of a streamed file are
    # not read here (the documented schema of a file is an unconstrained binary string).
    data = b"<binary>" if getattr(response, "streaming", False) else response.content
    checked_request = _Request(
        method=request.method.lower(),
        path=path,
        parameters=RequestParameters(query=ImmutableMultiDict(request.GET)),
    )
    checked_response = _Response(
        status_code=response.status_code,
        content_type=content_type,
        headers=Headers(list(response.headers.items())),
        data=data,
    )
    # The check is a function of exactly these inputs and the (fixed) document: a response identical to one that
    # already passed passes again (a permission matrix receives the same refusal from many roles), so it is not
    # validated twice. Only passes are remembered; every failure is computed and reported.
    seen = (
        checked_request.method,
        path,
        tuple((key, tuple(values)) for key, values in request.GET.lists()),
        response.status_code,
        content_type,
        tuple(checked_response.headers.items()),
        hashlib.sha256(data).digest(),
    )
    if seen in _PASSED:
        return
    errors = list(openapi().iter_response_errors(checked_request, checked_response))
    undocumented = [error for error in errors if isinstance(error, (PathNotFound, OperationNotFound))]
    if undocumented:
        errors = _undocumented_operation_errors(undocumented[0], response)
    if not errors:
        _PASSED.add(seen)
    if errors:
        details = "\n".join(_describe(error) for error in errors)
        body = f"<{len(response.content)} bytes>" if binary else response.content[:300]
        raise ResponseOutsideTheDocument(
            f"{request.method} {path} answered {response.status_code} {content_type} outside the OpenAPI document:\n"
            f"{details}\nbody: {body!r}"
        )


def _undocumented_operation_errors(error: Exception, response: Any) -> list[Exception]:
    """A path or method the document does not describe may only be refused, as problem details.

    Refusals are "not found" (404), "method not allowed" (405) and, because authentication comes before the
    method check on a staff path, "not authenticated" (401). Their body is checked against ``ProblemDetails``.
    """
    if response.status_code not in REFUSALS_OF_UNDOCUMENTED_OPERATIONS:
        return [error]
    if not response.get("Content-Type", "").startswith("application/problem+json"):
        return [AssertionError(f"a refusal of an undocumented operation is not problem+json: {error}")]
    document = openapi_document_closed()
    schema = {**document["components"]["schemas"]["ProblemDetails"], "components": document["components"]}
    validator = OAS30Validator(schema)
    return [
        AssertionError(f"{'/'.join(map(str, inner.absolute_path))}: {inner.message}")
        for inner in validator.iter_errors(json.loads(response.content))
    ]


def _describe(error: BaseException) -> str:
    parts = [f"{type(error).__name__}: {_short(error)}"]
    cause: BaseException | None = error
    while cause is not None:
        for inner in getattr(cause, "schema_errors", None) or ():
            parts.append(f"  - at /{'/'.join(map(str, inner.absolute_path))}: {_short(inner.message)}")
        cause = cause.__cause__
    return "\n".join(parts)


def _short(text: object, limit: int = 300) -> str:
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}…"


def validating(request_method):
    """Wrap ``django.test.Client.request`` so every response it returns is checked."""

    @functools.wraps(request_method)
    def request(self, **kwargs):
        response = request_method(self, **kwargs)
        check_response(response)
        return response

    return request
