"""API v1 endpoints of aftercare."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
