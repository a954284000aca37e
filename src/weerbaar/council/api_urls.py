"""API v1 endpoints of council."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
