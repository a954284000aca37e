"""One walk over the URL resolver, shared by the tests that must see every route (route coverage, no-store)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


def walk(patterns: Any = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every (route, view callback) the resolver knows, each route written as in ``urls.py``.

    Without ``patterns`` the current URL configuration is read at call time (a test may change ``ROOT_URLCONF``).
    """
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def operations(callback: Any) -> set[str]:
    """The HTTP methods a class-based view answers (DRF and Django views alike), without HEAD and OPTIONS;
    empty for a function view, whose methods cannot be read."""
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:
        return set()
    return {m for m in view_class.http_method_names if m not in ("head", "options") and hasattr(view_class, m)}
