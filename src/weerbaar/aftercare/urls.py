"""Web pages of aftercare: the plan in the workspace, the check-ins in Mijn zaak (references and ids only)."""

from django.urls import path

from weerbaar.aftercare import views

app_name = "aftercare"

CASE = "werkruimte/zaken/<str:reference>/nazorg"

urlpatterns = [
    path(CASE, views.ws_plan, name="ws_plan"),
    path(CASE + "/check-ins", views.ws_add, name="ws_add"),
    path(CASE + "/check-ins/<int:check_in_id>/verplaatsen", views.ws_move, name="ws_move"),
    path(CASE + "/check-ins/<int:check_in_id>/overslaan", views.ws_skip, name="ws_skip"),
    path(CASE + "/check-ins/<int:check_in_id>/opvolging", views.ws_follow_up, name="ws_follow_up"),
    path(CASE + "/huisgenoten", views.ws_member, name="ws_member"),
    path(CASE + "/afsluiten", views.ws_close, name="ws_close"),
    path("mijn-zaak/nazorg", views.portal_check_ins, name="portal"),
    path("mijn-zaak/nazorg/<int:check_in_id>", views.portal_answer, name="portal_answer"),
]
