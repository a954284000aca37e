"""API v1 endpoints of notifications."""

from django.urls import path

from weerbaar.notifications import api

urlpatterns = [
    path("notifications", api.NotificationListView.as_view(), name="api-notifications"),
    path("notifications/<int:id>", api.NotificationDetailView.as_view(), name="api-notification"),
]
