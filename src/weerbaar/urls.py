"""Root URL configuration: each app owns its own URL module.

To-dos and standard advice texts were parts of cases and guidance before they became apps of their own; their
URL names keep the namespace they had (``cases:my_tasks``, ``guidance:advice_text_list``), so each of those
namespaces is served from two apps' URL modules here.
"""

from django.urls import include, path
from django.views.i18n import set_language

from weerbaar.advice import urls as advice_urls
from weerbaar.cases import urls as cases_urls
from weerbaar.guidance import urls as guidance_urls
from weerbaar.todos import urls as todos_urls

urlpatterns = [
    path("api/v1/", include("weerbaar.api_urls")),
    path("i18n/setlang", set_language, name="set_language"),
    path("", include("weerbaar.core.urls")),
    path("", include("weerbaar.intake.urls")),
    path("", include("weerbaar.accounts.urls")),
    path("", include((cases_urls.urlpatterns + todos_urls.urlpatterns, cases_urls.app_name))),
    path("", include("weerbaar.directory.urls")),
    path("", include((guidance_urls.urlpatterns + advice_urls.urlpatterns, guidance_urls.app_name))),
    path("", include("weerbaar.incidents.urls")),
    path("", include("weerbaar.notifications.urls")),
    path("", include("weerbaar.network.urls")),
    path("", include("weerbaar.aftercare.urls")),
    path("", include("weerbaar.council.urls")),
    path("", include("weerbaar.telephony.urls")),
    path("", include("weerbaar.retention.urls")),
    path("", include("weerbaar.rights.urls")),
    path("", include("weerbaar.concerns.urls")),
    path("", include("weerbaar.stats.urls")),
    path("", include("weerbaar.releases.urls")),
    path("", include("weerbaar.matching.urls")),
]

handler404 = "weerbaar.core.views.not_found"
handler500 = "weerbaar.core.views.server_error"
handler403 = "weerbaar.core.views.forbidden"
handler400 = "weerbaar.core.views.bad_request"
