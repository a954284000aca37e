"""API v1 endpoints of notifications."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
