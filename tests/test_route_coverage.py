"""Every web route and every API operation is asked for in some permission matrix.

The permission matrices (``tests/**/test_permission_matrix*.py``) each list the requests they make as
``ROUTES``: (method, path) pairs, paths written as the matrices write them (``{placeholders}``, maybe a query
string). Each path is resolved the way a request would be, and the routes found are compared with every
pattern the URL resolver knows: a web route must be in some matrix; an API route with every HTTP method its
view answers (apart from HEAD and OPTIONS). A new page or endpoint therefore fails this test until a matrix
says who may use it.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from django.http import HttpResponse
from django.urls import include, path, resolve

from tests.routes import operations, walk

TESTS = Path(__file__).parent
API_PREFIX = "api/v1/"

# Routes in no permission matrix, each with the reason. Only what is public by nature and shows no data may
# be listed here, and only when no matrix can ask for it. Empty today: the public pages, the health check, the
# OpenAPI document and its documentation page are asserted public in the matrices (200 for every role), and
# the sign-in and sign-out pages have their own matrix. Static files are served by WhiteNoise's middleware,
# before URL resolution: they are no route.
NOT_IN_A_MATRIX: dict[str, str] = {}

# A URL configuration with one page more than Weerbaar's, to see this test catch a route no matrix asks for.
urlpatterns = [
    path("", include("weerbaar.urls")),
    path("werkruimte/niet-in-een-matrix", lambda request: HttpResponse("")),
]


def _matrix_modules() -> list[str]:
    return sorted(
        ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
        for path in TESTS.rglob("test_permission_matrix*.py")
    )


def _all_routes() -> dict[str, object]:
    return dict(walk())


def _requested() -> dict[str, set[str]]:
    """Route -> the methods some matrix sends to it."""
    found: dict[str, set[str]] = {}
    for name in _matrix_modules():
        module = importlib.import_module(name)
        routes = getattr(module, "ROUTES", None)
        assert routes, f"{name} lists no ROUTES: say which requests the matrix makes"
        for method, template in routes:
            concrete = re.sub(r"\{[^}]*\}", "1", template.split("?", 1)[0])
            found.setdefault(resolve(concrete).route, set()).add(method.lower())
    return found


def test_the_matrices_are_found():
    names = _matrix_modules()
    assert "tests.api.test_permission_matrix" in names
    assert "tests.staff_web.test_permission_matrix_web" in names
    assert len(names) >= 18


def _routes_in_no_matrix() -> list[str]:
    requested = _requested()
    return sorted(route for route in _all_routes() if route not in requested and route not in NOT_IN_A_MATRIX)


def test_every_route_is_in_a_permission_matrix():
    missing = _routes_in_no_matrix()
    assert not missing, "routes in no permission matrix:\n" + "\n".join(missing)


def test_every_api_operation_is_in_a_permission_matrix():
    routes = _all_routes()
    api = [route for route in routes if route.startswith(API_PREFIX)]
    assert len(api) > 50
    assert all(operations(routes[route]) for route in api), "an API view whose methods cannot be read"
    requested = _requested()
    missing = sorted(
        f"{method.upper()} /{route}"
        for route in api
        if route not in NOT_IN_A_MATRIX
        for method in operations(routes[route]) - requested.get(route, set())
    )
    assert not missing, "API operations in no permission matrix:\n" + "\n".join(missing)


def test_a_route_in_no_matrix_is_caught(settings):
    settings.ROOT_URLCONF = __name__
    assert _routes_in_no_matrix() == ["werkruimte/niet-in-een-matrix"]


def test_the_allow_list_names_existing_routes():
    routes = _all_routes()
    assert [route for route in NOT_IN_A_MATRIX if route not in routes] == []
