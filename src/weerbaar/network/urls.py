"""Web pages of network."""

from django.urls import path  # noqa: F401

app_name = "network"

urlpatterns: list = []
