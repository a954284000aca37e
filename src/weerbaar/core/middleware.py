from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

JSON_TYPES = ("application/json", "application/problem+json")


class ApiVersionMiddleware:
    """Adds the ``API-Version`` header to every API response (NL API Design Rules, API-57), and to JSON answers
    ``Content-Disposition: attachment`` (ASVS 14.4.2).

    It also refuses API request bodies above ``DATA_UPLOAD_MAX_MEMORY_SIZE`` with a 413 problem: DRF's
    JSON parser reads the whole body into memory and, unlike ``request.POST``, does not check that limit.
    A multipart body (an evidence upload) may be larger by one file of ``EVIDENCE_MAX_FILE_BYTES``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_api = request.path.startswith("/api/")
        response = self._too_large(request) if is_api else None
        if response is None:
            response = self.get_response(request)
        if is_api:
            response["API-Version"] = settings.API_VERSION
            content_type = response.get("Content-Type", "")
            if content_type.startswith(JSON_TYPES) and not response.has_header("Content-Disposition"):
                # A browser opening an API address directly downloads the answer instead of showing it (ASVS 14.4.2).
                response["Content-Disposition"] = 'attachment; filename="api.json"'
        return response

    @staticmethod
    def _too_large(request: HttpRequest) -> HttpResponse | None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            # Evidence uploads: the upload handler bounds the file itself (and says "too large" in words);
            # Django's multipart parser applies DATA_UPLOAD_MAX_MEMORY_SIZE to the other fields.
            limit += int(getattr(settings, "EVIDENCE_MAX_FILE_BYTES", 0))
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is None or length <= limit:
            return None
        from weerbaar.core.api import PROBLEM_CONTENT_TYPE, problem

        return JsonResponse(
            problem(413, f"The request body is larger than {limit} bytes.", title="Content too large"),
            status=413,
            content_type=PROBLEM_CONTENT_TYPE,
        )


class DevErrorPagesMiddleware:
    """In development mode (``DEBUG``) show Weerbaar's own 404 and 500 pages instead of Django's debug pages.

    Django's debug pages list every URL pattern and, for a crash, the settings and local variables: not what a
    tester, a screenshot or a demo should show. ``WEERBAAR_DEBUG_ERROR_PAGES=1`` brings Django's pages back for
    a developer chasing a bug. Outside debug mode Django already uses ``handler404``/``handler500``; this
    middleware then does nothing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return bool(settings.DEBUG) and not settings.WEERBAAR.get("DEBUG_ERROR_PAGES", False)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._active():
            # A last catch-all route: an unknown address reaches core.views.not_found, not the technical 404.
            request.urlconf = "weerbaar.dev_urls"  # type: ignore[attr-defined]  # read by Django's URL resolving
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not self._active():
            return None
        from django.http import Http404

        from weerbaar.core import views

        if isinstance(exception, Http404):
            return views.not_found(request, exception)
        from django.core.exceptions import PermissionDenied

        if isinstance(exception, PermissionDenied):
            return views.forbidden(request, exception)
        import logging

        # The traceback goes to the console as in production (django.request); the page shows none of it.
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=(type(exception), exception, exception.__traceback__)
        )
        return views.server_error(request)
