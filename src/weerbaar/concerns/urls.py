"""Web pages of the concern note in the workspace (references and version numbers only)."""

from django.urls import path

from weerbaar.concerns import views

app_name = "concerns"

NOTE = "werkruimte/zaken/<str:reference>/zorgnotitie"

urlpatterns = [
    path(NOTE, views.ws_note, name="ws_note"),
    path(NOTE + "/nieuwe-versie", views.ws_form, name="ws_form"),
    path(NOTE + "/versies", views.ws_versions, name="ws_versions"),
    path(NOTE + "/versies/<int:version>", views.ws_version, name="ws_version"),
    path(NOTE + "/versies/<int:version>/bevestigen", views.ws_confirm, name="ws_confirm"),
    path("werkruimte/zaken/<str:reference>/verloop", views.ws_timeline, name="ws_timeline"),
]
