"""Web pages of telephony."""

from django.urls import path

from weerbaar.telephony import views

app_name = "telephony"

urlpatterns = [
    path("werkruimte/telefoon", views.calls, name="calls"),
    path("werkruimte/telefoon/<int:call_id>/hulpvraag", views.phone_intake_from_call, name="phone_intake"),
]
