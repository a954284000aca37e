"""Web pages of telephony."""

from django.urls import path  # noqa: F401

app_name = "telephony"

urlpatterns: list = []
