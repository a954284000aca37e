"""API v1 endpoints of network."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
