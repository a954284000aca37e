"""Workspace pages of matching; no identifier in any address (only the reference, an incident number, an id)."""

from django.urls import path

from weerbaar.matching import views

app_name = "matching"

urlpatterns = [
    path(
        "werkruimte/zaken/<str:reference>/incidenten/<int:number>/daderkenmerken",
        views.ws_identifiers,
        name="ws_identifiers",
    ),
    path("werkruimte/koppelingen", views.match_list, name="matches"),
    path("werkruimte/koppelingen/<int:match_id>", views.match_detail, name="match"),
    path("werkruimte/beheer/koppelen", views.switch, name="switch"),
]
