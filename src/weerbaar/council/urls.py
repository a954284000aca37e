"""Web pages of council: the public request form and the team's workspace."""

from django.urls import path

from weerbaar.council import views

app_name = "council"

urlpatterns = [
    path("gesprek-aanvragen", views.council_request, name="conversation_request"),
    path("werkruimte/raadsgesprekken", views.request_list, name="list"),
    path("werkruimte/raadsgesprekken/dekking", views.coverage, name="coverage"),
    path("werkruimte/raadsgesprekken/dekking/doel", views.set_target, name="target"),
    path("werkruimte/raadsgesprekken/<str:reference>", views.detail, name="detail"),
    path("werkruimte/raadsgesprekken/<str:reference>/stap", views.change_status, name="status"),
    path("werkruimte/raadsgesprekken/<str:reference>/annuleren", views.cancel, name="cancel"),
    path("werkruimte/raadsgesprekken/<str:reference>/notities", views.save_notes, name="notes"),
]
