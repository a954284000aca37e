"""API v1 endpoints of telephony."""

from django.urls import path

from weerbaar.telephony import api

urlpatterns = [
    path("call-events", api.CallEventsView.as_view(), name="api-call-events"),
]
