"""Web pages of council."""

from django.urls import path  # noqa: F401

app_name = "council"

urlpatterns: list = []
