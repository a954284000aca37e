"""API v1: every app contributes its endpoints under /api/v1/ (no trailing slashes)."""

from django.urls import include, path

urlpatterns = [
    path("", include("weerbaar.core.api_urls")),
    path("", include("weerbaar.directory.api_urls")),
    path("", include("weerbaar.intake.api_urls")),
    path("", include("weerbaar.cases.api_urls")),
    path("", include("weerbaar.todos.api_urls")),
    path("", include("weerbaar.guidance.api_urls")),
    path("", include("weerbaar.advice.api_urls")),
    path("", include("weerbaar.incidents.api_urls")),
    path("", include("weerbaar.notifications.api_urls")),
    path("", include("weerbaar.network.api_urls")),
    path("", include("weerbaar.aftercare.api_urls")),
    path("", include("weerbaar.council.api_urls")),
    path("", include("weerbaar.telephony.api_urls")),
    path("", include("weerbaar.rights.api_urls")),
    path("", include("weerbaar.concerns.api_urls")),
    path("", include("weerbaar.stats.api_urls")),
    path("", include("weerbaar.matching.api_urls")),
]
