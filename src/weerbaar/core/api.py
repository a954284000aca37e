"""RFC 9457 problem details for the whole API, in one place."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from weerbaar.core import errors

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Invalid input",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if not prefix else f"{prefix}.{key}"
            if key == "non_field_errors":
                name = prefix or "body"
            params.extend(_flatten(value, name))
    elif isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            for item in detail:
                params.append({"name": prefix or "body", "reason": str(item)})
        else:
            for index, item in enumerate(detail):
                params.extend(_flatten(item, f"{prefix}[{index}]"))
    else:
        params.append({"name": prefix or "body", "reason": str(detail)})
    return params


def problem(status_code: int, detail: str, *, title: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    body.update(extra)
    return body


def problem_response(status_code: int, detail: str, **extra: Any) -> Response:
    return Response(problem(status_code, detail, **extra), status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, errors.InvalidInput):
        return problem_response(400, exc.message, invalidParams=exc.invalid_params)
    if isinstance(exc, errors.RateLimited):
        response = problem_response(429, exc.message)
        response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, errors.DomainError):
        # A machine-readable ``code`` when the service gave one (e.g. aftercare_open, already_claimed).
        return problem_response(exc.status, exc.message, title=exc.title, **({"code": exc.code} if exc.code else {}))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            code,
            "One or more fields are invalid.",
            invalidParams=_flatten(exc.detail),
        )
    elif isinstance(exc, exceptions.ParseError):
        body = problem(
            code, "The request body is not valid JSON.", invalidParams=[{"name": "body", "reason": str(exc.detail)}]
        )
    elif isinstance(exc, exceptions.APIException) and isinstance(exc.detail, (str, exceptions.ErrorDetail)):
        body = problem(code, str(exc.detail))
    else:
        body = problem(code, TITLES.get(code, "Error"))
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    if code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in response:
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(
        problem(404, "There is no resource at this address."),
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def api_server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        problem(500, "Something went wrong on our side. Nothing was saved twice; please try again."),
        status=500,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def query_values(request: Any) -> dict[str, str]:
    """The query string for a list's query serializer: a plain mapping (the last value of a repeated name, as
    before). Not the ``QueryDict`` itself: DRF reads an empty value of an optional field of a ``QueryDict`` as
    *left out*, so ``?status=`` or ``?pageSize=`` listed everything where the document says the value must be one
    of the options or a number (found by schemathesis' ``negative_data_rejection``). With a plain mapping an empty
    value is a value, refused with 400 naming the parameter like any other invalid one."""
    return dict(request.query_params.dict())


def request_object(request: Any) -> dict[str, Any]:
    """The parsed JSON body of a DRF request, which must be an object (malformed JSON is a ``ParseError``)."""
    data = request.data
    if not isinstance(data, dict):
        raise errors.InvalidInput(
            "Expected a JSON object.", invalid_params=[{"name": "body", "reason": "Expected a JSON object."}]
        )
    return data


def string_fields(data: dict[str, Any], *names: str) -> dict[str, str]:
    """Pick ``names`` from a JSON object as strings (missing or null -> ""); a value of another type is a 400.

    Only the JSON types are checked here: whether a value is acceptable is the service's decision.
    """
    values: dict[str, str] = {}
    invalid: list[dict[str, str]] = []
    for name in names:
        value = data.get(name)
        if value is None:
            values[name] = ""
        elif isinstance(value, str):
            values[name] = value
        else:
            invalid.append({"name": name, "reason": "Must be a string."})
    if invalid:
        raise errors.InvalidInput("One or more fields are invalid.", invalid_params=invalid)
    return values
