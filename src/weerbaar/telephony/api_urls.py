"""API v1 endpoints of telephony."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
