"""Web pages of the office holder's rights (references only in the paths)."""

from django.urls import path

from weerbaar.rights import views

app_name = "rights"

urlpatterns = [
    path("mijn-zaak/uw-gegevens", views.portal_rights, name="portal_rights"),
    path("mijn-zaak/uw-gegevens/download", views.portal_export, name="portal_export"),
    path("werkruimte/zaken/<str:reference>/verwijderverzoek", views.ws_decide, name="ws_decide"),
]
