"""API v1 endpoints of statistics."""

from django.urls import path

from weerbaar.stats import api

urlpatterns = [
    path("statistics", api.StatisticsView.as_view(), name="api-statistics"),
]
