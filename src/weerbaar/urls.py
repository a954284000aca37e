"""Root URL configuration: each app owns its own URL module."""

from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("api/v1/", include("weerbaar.api_urls")),
    path("i18n/setlang", set_language, name="set_language"),
    path("", include("weerbaar.core.urls")),
    path("", include("weerbaar.intake.urls")),
    path("", include("weerbaar.accounts.urls")),
    path("", include("weerbaar.cases.urls")),
    path("", include("weerbaar.directory.urls")),
    path("", include("weerbaar.guidance.urls")),
    path("", include("weerbaar.incidents.urls")),
    path("", include("weerbaar.notifications.urls")),
    path("", include("weerbaar.network.urls")),
    path("", include("weerbaar.aftercare.urls")),
    path("", include("weerbaar.council.urls")),
    path("", include("weerbaar.telephony.urls")),
]

handler404 = "weerbaar.core.views.not_found"
handler500 = "weerbaar.core.views.server_error"
handler403 = "weerbaar.core.views.forbidden"
handler400 = "weerbaar.core.views.bad_request"
